import type { MultipartFile } from '@fastify/multipart';
import { AppError } from '../http/errors.ts';

/** The bytes of an uploaded part; over the size limit is a 413 naming the field, never a 500. */
export async function uploadedBytes(
  part: Pick<MultipartFile, 'toBuffer' | 'fieldname'>,
  maxMb: number,
): Promise<Buffer> {
  try {
    return await part.toBuffer();
  } catch (error) {
    if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') {
      throw new AppError(
        413,
        'FILE_TOO_LARGE',
        `El archivo supera el tamaño máximo permitido de ${maxMb} MB.`,
        part.fieldname,
        { maxBytes: maxMb * 1024 * 1024 },
      );
    }
    throw error;
  }
}

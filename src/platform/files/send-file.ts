import type { Readable } from 'node:stream';
import type { FastifyReply } from 'fastify';
import { attachmentDisposition } from './file-names.ts';

/** Text files are declared UTF-8; everything else as stored. */
export function contentTypeHeader(mediaType: string): string {
  return mediaType.startsWith('text/') && !mediaType.includes('charset')
    ? `${mediaType}; charset=utf-8`
    : mediaType;
}

/**
 * Sends a stored file as a download that browsers neither sniff nor cache: the one way every route hands
 * out uploaded and issued files.
 */
export function sendStoredFile(
  reply: FastifyReply,
  file: { mediaType: string; sizeBytes: number; originalName: string },
  stream: Readable,
) {
  return reply
    .header('content-type', contentTypeHeader(file.mediaType))
    .header('content-length', String(file.sizeBytes))
    .header('content-disposition', attachmentDisposition(file.originalName))
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'private, no-store')
    .send(stream);
}

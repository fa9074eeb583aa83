import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { and, eq } from 'drizzle-orm';
import { fileTypeFromBuffer } from 'file-type';
import type { Config } from '../config/config.ts';
import type { Db, DbOrTx } from '../db/database.ts';
import { AppError } from '../http/errors.ts';
import { sanitizeFileName, withExtensionFor } from './file-names.ts';
import { storedFile } from './files.schema.ts';
import type {
  FileService,
  FileStorage,
  SaveGeneratedInput,
  SaveUploadInput,
  StoredFileRecord,
} from './index.ts';
import { newStorageKey } from './storage-keys.ts';

/** What people may upload unless a purpose says otherwise. */
export const DEFAULT_ALLOWED_TYPES = ['application/pdf', 'image/png', 'image/jpeg'] as const;

/** Text types have no magic bytes; they are accepted when the content is clean UTF-8 text. */
const TEXT_TYPES = ['text/csv', 'text/plain'] as const;

const TYPE_LABELS: Record<string, string> = {
  'application/pdf': 'PDF',
  'image/png': 'PNG',
  'image/jpeg': 'JPEG',
  'text/csv': 'CSV',
  'text/plain': 'texto plano',
};

export interface FileServiceDependencies {
  db: Db;
  storage: FileStorage;
  config: Pick<Config, 'UPLOAD_LIMIT_MB'>;
  now?: () => Date;
}

export type ManagedFileService = FileService & {
  /** Deletes the bytes of a record whose row was never committed (a rolled-back transaction). */
  discardBytes(record: StoredFileRecord): Promise<void>;
};

export function createFileService(deps: FileServiceDependencies): ManagedFileService {
  const { db, storage } = deps;
  const now = deps.now ?? (() => new Date());
  // Records this process created or read remember their key, so open/read skip a lookup.
  const keysByRecord = new WeakMap<StoredFileRecord, string>();

  async function saveUpload(input: SaveUploadInput, tx?: DbOrTx): Promise<StoredFileRecord> {
    const { bytes } = input;
    const maxBytes = input.maxBytes ?? deps.config.UPLOAD_LIMIT_MB * 1024 * 1024;
    if (bytes.length === 0) {
      throw new AppError(
        400,
        'FILE_EMPTY',
        'El archivo está vacío. Seleccione un archivo con contenido.',
        'file',
      );
    }
    if (bytes.length > maxBytes) {
      throw new AppError(
        413,
        'FILE_TOO_LARGE',
        `El archivo supera el tamaño máximo permitido de ${describeSize(maxBytes)}.`,
        'file',
        { maxBytes },
      );
    }
    const allowedTypes = input.allowedTypes ?? DEFAULT_ALLOWED_TYPES;
    const detected = await detectMediaType(bytes, allowedTypes);
    if (!detected) {
      throw new AppError(
        415,
        'FILE_TYPE_NOT_ALLOWED',
        `El tipo de archivo no está permitido. Se admiten: ${describeTypes(allowedTypes)}.`,
        'file',
        { allowedTypes: [...allowedTypes] },
      );
    }
    const originalName = withExtensionFor(
      sanitizeFileName(input.originalName),
      detected.mediaType,
      detected.extension,
    );
    return store({ ...input, originalName, mediaType: detected.mediaType }, tx);
  }

  /** For files the server made itself (PDFs, CSV exports): trusted, so no type sniffing or size limit. */
  async function saveGenerated(input: SaveGeneratedInput, tx?: DbOrTx): Promise<StoredFileRecord> {
    return store({ ...input, originalName: sanitizeFileName(input.originalName) }, tx);
  }

  async function store(input: SaveGeneratedInput, tx?: DbOrTx): Promise<StoredFileRecord> {
    const storageKey = newStorageKey(input.tenantId, now());
    const sha256 = createHash('sha256').update(input.bytes).digest('hex');
    // Bytes first, row second: a row never points at bytes that are not there.
    await storage.put(storageKey, input.bytes, input.mediaType);
    try {
      const [row] = await (tx ?? db)
        .insert(storedFile)
        .values({
          tenantId: input.tenantId,
          ownerUserId: input.ownerUserId,
          purpose: input.purpose,
          storageKey,
          originalName: input.originalName,
          mediaType: input.mediaType,
          sizeBytes: input.bytes.length,
          sha256,
        })
        .returning();
      return remember(row!);
    } catch (error) {
      await storage.remove(storageKey).catch(() => {});
      throw error;
    }
  }

  async function findRecord(
    tenantId: string,
    id: string,
    tx?: DbOrTx,
  ): Promise<StoredFileRecord | undefined> {
    if (!UUID.test(id)) return undefined;
    const [row] = await (tx ?? db)
      .select()
      .from(storedFile)
      .where(and(eq(storedFile.tenantId, tenantId), eq(storedFile.id, id)));
    return row ? remember(row) : undefined;
  }

  async function keyOf(record: StoredFileRecord): Promise<string> {
    const known = keysByRecord.get(record);
    if (known) return known;
    const [row] = await db
      .select({ storageKey: storedFile.storageKey })
      .from(storedFile)
      .where(and(eq(storedFile.tenantId, record.tenantId), eq(storedFile.id, record.id)));
    if (!row) throw new AppError(404, 'NOT_FOUND', 'El archivo no existe.');
    return row.storageKey;
  }

  async function open(record: StoredFileRecord): Promise<Readable> {
    return storage.open(await keyOf(record));
  }

  async function read(record: StoredFileRecord): Promise<Buffer> {
    return storage.read(await keyOf(record));
  }

  async function discardBytes(record: StoredFileRecord): Promise<void> {
    const key = keysByRecord.get(record);
    if (key) await storage.remove(key);
  }

  function remember(row: typeof storedFile.$inferSelect): StoredFileRecord {
    const { storageKey, ...record } = row;
    keysByRecord.set(record, storageKey);
    return record;
  }

  return { saveUpload, saveGenerated, findRecord, open, read, discardBytes };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The media type judged by content: magic bytes first, then «is this clean UTF-8 text?» for text types. */
export async function detectMediaType(
  bytes: Buffer,
  allowedTypes: readonly string[],
): Promise<{ mediaType: string; extension?: string } | undefined> {
  const sniffed = await fileTypeFromBuffer(bytes);
  if (sniffed)
    return allowedTypes.includes(sniffed.mime)
      ? { mediaType: sniffed.mime, extension: sniffed.ext }
      : undefined;
  const textType = TEXT_TYPES.find((type) => allowedTypes.includes(type));
  return textType && isPlainUtf8Text(bytes) ? { mediaType: textType } : undefined;
}

/** Valid UTF-8 without NUL bytes: what a CSV or text file is, and what a disguised binary rarely is. */
export function isPlainUtf8Text(bytes: Buffer): boolean {
  if (bytes.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

function describeTypes(types: readonly string[]): string {
  const labels = types.map((type) => TYPE_LABELS[type] ?? type);
  return labels.length > 1
    ? `${labels.slice(0, -1).join(', ')} y ${labels.at(-1)}`
    : (labels[0] ?? 'ninguno');
}

function describeSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Number((bytes / (1024 * 1024)).toFixed(1)).toLocaleString('es-CO')} MB`;
  if (bytes >= 1024) return `${Math.floor(bytes / 1024)} KB`;
  return `${bytes} bytes`;
}

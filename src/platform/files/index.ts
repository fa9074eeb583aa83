// Public surface of the files service (implemented in files.service.ts / storage drivers).
import type { Readable } from 'node:stream';
import type { DbOrTx } from '../db/database.ts';

export interface FileStorage {
  readonly driver: 'local' | 's3';
  put(key: string, body: Buffer, mediaType: string): Promise<void>;
  open(key: string): Promise<Readable>;
  read(key: string): Promise<Buffer>;
  remove(key: string): Promise<void>;
}

export interface StoredFileRecord {
  id: string;
  tenantId: string;
  ownerUserId: string | null;
  purpose: string;
  originalName: string;
  mediaType: string;
  sizeBytes: number;
  sha256: string;
  createdAt: Date;
}

export interface SaveUploadInput {
  tenantId: string;
  ownerUserId: string | null;
  purpose: string;
  originalName: string;
  bytes: Buffer;
  /** Media types accepted for this purpose, judged by content (magic bytes), not by name. */
  allowedTypes?: readonly string[];
  maxBytes?: number;
}

export interface SaveGeneratedInput {
  tenantId: string;
  ownerUserId: string | null;
  purpose: string;
  originalName: string;
  mediaType: string;
  bytes: Buffer;
}

export interface FileService {
  saveUpload(input: SaveUploadInput, tx?: DbOrTx): Promise<StoredFileRecord>;
  saveGenerated(input: SaveGeneratedInput, tx?: DbOrTx): Promise<StoredFileRecord>;
  findRecord(tenantId: string, id: string, tx?: DbOrTx): Promise<StoredFileRecord | undefined>;
  open(record: StoredFileRecord): Promise<Readable>;
  read(record: StoredFileRecord): Promise<Buffer>;
}

export { createFileStorage } from './create-storage.ts';
export { attachmentDisposition, sanitizeFileName } from './file-names.ts';
export {
  createFileService,
  DEFAULT_ALLOWED_TYPES,
  type FileServiceDependencies,
  type ManagedFileService,
} from './files.service.ts';
export { createLocalStorage } from './local-storage.ts';
export { createS3Storage, createS3StorageFromConfig, type S3StorageOptions } from './s3-storage.ts';
export { StoredObjectNotFoundError } from './storage-keys.ts';

import type { Readable } from 'node:stream';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import type { Config } from '../config/config.ts';
import type { FileStorage } from './index.ts';
import { assertSafeStorageKey, StoredObjectNotFoundError } from './storage-keys.ts';

export interface S3StorageOptions {
  /** Omitted for AWS itself; set for S3-compatible services (MinIO, Ceph, DigitalOcean Spaces…). */
  endpoint?: string;
  region: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  forcePathStyle: boolean;
}

export type S3FileStorage = FileStorage & {
  readonly bucket: string;
  /** Whether an object exists (HeadObject); useful for health checks and tests. */
  exists(key: string): Promise<boolean>;
  close(): void;
};

/** Files in an S3-compatible bucket, one object per storage key. */
export function createS3Storage(options: S3StorageOptions): S3FileStorage {
  const client = new S3Client({
    endpoint: options.endpoint,
    region: options.region,
    forcePathStyle: options.forcePathStyle,
    credentials: { accessKeyId: options.accessKeyId, secretAccessKey: options.secretAccessKey },
    // Many S3-compatible services reject the newer default integrity headers; send them only when required.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
  const { bucket } = options;

  async function put(key: string, body: Buffer, mediaType: string): Promise<void> {
    assertSafeStorageKey(key);
    // An S3 PUT is atomic: readers see the whole object or none, so no temp-then-rename is needed here.
    await client.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: key,
        Body: body,
        ContentType: mediaType,
        ContentLength: body.length,
      }),
    );
  }

  async function open(key: string): Promise<Readable> {
    assertSafeStorageKey(key);
    try {
      const result = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
      // In Node the SDK hands back an http.IncomingMessage (a Readable) with SDK helpers mixed in.
      return result.Body as Readable;
    } catch (error) {
      throw missingAs(error, key);
    }
  }

  async function read(key: string): Promise<Buffer> {
    assertSafeStorageKey(key);
    try {
      const result = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
      if (!result.Body) return Buffer.alloc(0);
      return Buffer.from(await result.Body.transformToByteArray());
    } catch (error) {
      throw missingAs(error, key);
    }
  }

  async function remove(key: string): Promise<void> {
    assertSafeStorageKey(key);
    // S3 answers 204 for a key that does not exist either, so removing is idempotent.
    await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
  }

  async function exists(key: string): Promise<boolean> {
    assertSafeStorageKey(key);
    try {
      await client.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
      return true;
    } catch (error) {
      if (isNotFound(error)) return false;
      throw error;
    }
  }

  return { driver: 's3', bucket, put, open, read, remove, exists, close: () => client.destroy() };
}

export function createS3StorageFromConfig(config: Config): S3FileStorage {
  if (!config.S3_BUCKET || !config.S3_ACCESS_KEY_ID || !config.S3_SECRET_ACCESS_KEY) {
    throw new Error(
      'Con STORAGE_DRIVER=s3 son obligatorias S3_BUCKET, S3_ACCESS_KEY_ID y S3_SECRET_ACCESS_KEY.',
    );
  }
  return createS3Storage({
    endpoint: config.S3_ENDPOINT,
    region: config.S3_REGION,
    bucket: config.S3_BUCKET,
    accessKeyId: config.S3_ACCESS_KEY_ID,
    secretAccessKey: config.S3_SECRET_ACCESS_KEY,
    forcePathStyle: config.S3_FORCE_PATH_STYLE,
  });
}

function isNotFound(error: unknown): boolean {
  if (error instanceof S3ServiceException) {
    return error.name === 'NoSuchKey' || error.name === 'NotFound' || error.$metadata.httpStatusCode === 404;
  }
  return false;
}

function missingAs(error: unknown, key: string): unknown {
  return isNotFound(error) ? new StoredObjectNotFoundError(key) : error;
}

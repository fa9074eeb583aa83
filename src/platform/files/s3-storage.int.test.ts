import { text } from 'node:stream/consumers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type S3Sandbox, startS3Sandbox } from './s3-sandbox.ts';
import { createS3Storage, type S3FileStorage } from './s3-storage.ts';
import { newStorageKey, StoredObjectNotFoundError, UnsafeStorageKeyError } from './storage-keys.ts';

const TENANT = '7b0d3c3e-5f43-4a55-9f0e-2f8f6d3c1a10';

describe('S3 storage through the AWS SDK against the in-test sandbox', () => {
  let sandbox: S3Sandbox;
  let storage: S3FileStorage;

  beforeAll(async () => {
    sandbox = await startS3Sandbox({ bucket: 'sede-archivos' });
    storage = createS3Storage({
      endpoint: sandbox.endpoint,
      region: 'us-east-1',
      bucket: 'sede-archivos',
      accessKeyId: 'prueba',
      secretAccessKey: 'prueba-secreta',
      forcePathStyle: true,
    });
  });
  afterAll(async () => {
    storage.close();
    await sandbox.close();
  });

  it('puts, reads, streams, checks and removes an object', async () => {
    const key = newStorageKey(TENANT);
    const body = Buffer.from('%PDF-1.7 contenido de prueba con tildes: áéíóú ñ');
    await storage.put(key, body, 'application/pdf');

    const stored = sandbox.objects.get(key);
    expect(stored?.body.equals(body)).toBe(true);
    expect(stored?.contentType).toBe('application/pdf');

    expect((await storage.read(key)).equals(body)).toBe(true);
    expect(await text(await storage.open(key))).toBe(body.toString('utf8'));
    expect(await storage.exists(key)).toBe(true);

    await storage.remove(key);
    expect(sandbox.objects.has(key)).toBe(false);
    expect(await storage.exists(key)).toBe(false);
    await expect(storage.read(key)).rejects.toBeInstanceOf(StoredObjectNotFoundError);
    await expect(storage.open(key)).rejects.toBeInstanceOf(StoredObjectNotFoundError);
    await storage.remove(key);

    const methods = sandbox.requests
      .filter((request) => request.key === key)
      .map((request) => request.method);
    expect(methods).toEqual(['PUT', 'GET', 'GET', 'HEAD', 'DELETE', 'HEAD', 'GET', 'GET', 'DELETE']);
    expect(sandbox.requests.every((request) => request.signed && request.bucket === 'sede-archivos')).toBe(
      true,
    );
  });

  it('round-trips binary content of a few megabytes intact', async () => {
    const key = newStorageKey(TENANT);
    const body = Buffer.alloc(3 * 1024 * 1024);
    for (let index = 0; index < body.length; index++) body[index] = (index * 31 + 7) % 256;
    await storage.put(key, body, 'application/octet-stream');
    expect((await storage.read(key)).equals(body)).toBe(true);
  });

  it('the sandbox refuses unsigned requests, as S3 does', async () => {
    const key = newStorageKey(TENANT);
    await storage.put(key, Buffer.from('privado'), 'text/plain');
    const anonymous = await fetch(`${sandbox.endpoint}/sede-archivos/${key}`);
    expect(anonymous.status).toBe(403);
    expect(await anonymous.text()).toContain('AccessDenied');
  });

  it('refuses unsafe keys before any request', async () => {
    const before = sandbox.requests.length;
    await expect(storage.put('../otro-bucket/x', Buffer.from('x'), 'text/plain')).rejects.toBeInstanceOf(
      UnsafeStorageKeyError,
    );
    expect(sandbox.requests.length).toBe(before);
  });
});

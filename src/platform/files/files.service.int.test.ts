import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { text } from 'node:stream/consumers';
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestTenant, getTestDatabase, resetDatabase } from '../../test/test-database.ts';
import { loadConfig } from '../config/config.ts';
import type { DatabaseHandle } from '../db/database.ts';
import { AppError } from '../http/errors.ts';
import { storedFile } from './files.schema.ts';
import { createFileService, type ManagedFileService } from './files.service.ts';
import { createLocalStorage } from './local-storage.ts';

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);
const PDF = Buffer.from(
  '%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n',
);
const JPEG = Buffer.concat([
  Buffer.from('ffd8ffe000104a46494600010100000100010000', 'hex'),
  Buffer.alloc(64, 0x11),
]);
const EXE = Buffer.concat([
  Buffer.from('MZ'),
  Buffer.alloc(58, 0),
  Buffer.from([0x80, 0, 0, 0]),
  Buffer.alloc(200, 0),
]);
const ZIP = Buffer.concat([Buffer.from('504b0304140000000800', 'hex'), Buffer.alloc(100, 0x41)]);
const CSV = Buffer.from('\uFEFFnombre;barrio\r\nAna Pérez;Cabecera del Llano\r\n', 'utf8');

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

async function expectAppError(promise: Promise<unknown>, status: number, code: string) {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AppError);
  expect(error).toMatchObject({ status, code, field: 'file' });
  return error as AppError;
}

describe('file service', () => {
  let database: DatabaseHandle;
  let tenantId: string;
  let root: string;
  let files: ManagedFileService;

  beforeEach(async () => {
    database = await getTestDatabase();
    await resetDatabase(database);
    tenantId = (await createTestTenant(database)).id;
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'alcaldia-archivos-'));
    const config = loadConfig({ NODE_ENV: 'test', DATA_DIR: root, UPLOAD_LIMIT_MB: '1' });
    files = createFileService({ db: database.db, storage: createLocalStorage({ root }), config });
  });

  afterEach(() => {
    fs.rmSync(root, { recursive: true, force: true });
  });

  const upload = (bytes: Buffer, originalName = 'soporte.pdf', extra: object = {}) =>
    files.saveUpload({ tenantId, ownerUserId: null, purpose: 'upload', originalName, bytes, ...extra });

  it('stores an upload with its real type, size and SHA-256, and gives the bytes back', async () => {
    const record = await upload(PDF, '../../Documentos/Cédula escaneada.pdf');
    expect(record).toMatchObject({
      tenantId,
      purpose: 'upload',
      originalName: 'Cédula escaneada.pdf',
      mediaType: 'application/pdf',
      sizeBytes: PDF.length,
      sha256: sha256(PDF),
    });
    expect((await files.read(record)).equals(PDF)).toBe(true);
    expect(await text(await files.open(record))).toBe(PDF.toString());

    // A record read back from the database (no cached key) opens too.
    const found = await files.findRecord(tenantId, record.id);
    expect(found).toEqual(record);
    expect((await files.read({ ...found! })).equals(PDF)).toBe(true);
  });

  it('judges the type by content, not by name: PNG bytes named .pdf are stored as PNG', async () => {
    const record = await upload(PNG, 'foto.pdf');
    expect(record.mediaType).toBe('image/png');
    expect(record.originalName).toBe('foto.png');
    expect((await upload(JPEG, 'foto.jpg')).mediaType).toBe('image/jpeg');
  });

  it('…or refuses them when the purpose allows only PDF', async () => {
    const error = await expectAppError(
      upload(PNG, 'foto.pdf', { allowedTypes: ['application/pdf'] }),
      415,
      'FILE_TYPE_NOT_ALLOWED',
    );
    expect(error.detail).toBe('El tipo de archivo no está permitido. Se admiten: PDF.');
  });

  it('refuses executables and archives whatever their name', async () => {
    const exe = await expectAppError(upload(EXE, 'certificado.pdf'), 415, 'FILE_TYPE_NOT_ALLOWED');
    expect(exe.detail).toBe('El tipo de archivo no está permitido. Se admiten: PDF, PNG y JPEG.');
    await expectAppError(upload(ZIP, 'anexos.pdf'), 415, 'FILE_TYPE_NOT_ALLOWED');
    await expectAppError(upload(Buffer.from('texto sin firma'), 'nota.pdf'), 415, 'FILE_TYPE_NOT_ALLOWED');
    expect(await database.db.select().from(storedFile)).toHaveLength(0);
  });

  it('accepts CSV only when allowed, and only as clean UTF-8 text', async () => {
    await expectAppError(upload(CSV, 'barrios.csv'), 415, 'FILE_TYPE_NOT_ALLOWED');
    const allowed = { allowedTypes: ['text/csv'] };
    const record = await upload(CSV, 'barrios.csv', allowed);
    expect(record.mediaType).toBe('text/csv');
    expect(record.originalName).toBe('barrios.csv');
    await expectAppError(
      upload(Buffer.from('a,b\n\u0000\u0001,c\n'), 'x.csv', allowed),
      415,
      'FILE_TYPE_NOT_ALLOWED',
    );
    await expectAppError(
      upload(Buffer.from([0x61, 0x2c, 0xe9, 0x0a]), 'latin1.csv', allowed),
      415,
      'FILE_TYPE_NOT_ALLOWED',
    );
    await expectAppError(upload(ZIP, 'x.csv', allowed), 415, 'FILE_TYPE_NOT_ALLOWED');
  });

  it('refuses empty files and files over the limit', async () => {
    await expectAppError(upload(Buffer.alloc(0)), 400, 'FILE_EMPTY');
    const overDefault = Buffer.concat([PDF, Buffer.alloc(1024 * 1024)]);
    const error = await expectAppError(upload(overDefault), 413, 'FILE_TOO_LARGE');
    expect(error.detail).toBe('El archivo supera el tamaño máximo permitido de 1 MB.');
    await expectAppError(upload(PDF, 'x.pdf', { maxBytes: 10 }), 413, 'FILE_TOO_LARGE');
    expect((await upload(PDF, 'x.pdf', { maxBytes: PDF.length })).sizeBytes).toBe(PDF.length);
  });

  it('stores generated files as given, and inside the caller’s transaction', async () => {
    const bytes = Buffer.from('id,accion\r\n1,login\r\n');
    const record = await database.db.transaction((tx) =>
      files.saveGenerated(
        {
          tenantId,
          ownerUserId: null,
          purpose: 'audit_export',
          originalName: 'auditoria.csv',
          mediaType: 'text/csv',
          bytes,
        },
        tx,
      ),
    );
    expect(record).toMatchObject({ mediaType: 'text/csv', sizeBytes: bytes.length, sha256: sha256(bytes) });

    const rolledBack = await database.db
      .transaction(async (tx) => {
        const saved = await files.saveGenerated(
          {
            tenantId,
            ownerUserId: null,
            purpose: 'audit_export',
            originalName: 'x.csv',
            mediaType: 'text/csv',
            bytes,
          },
          tx,
        );
        await files.discardBytes(saved);
        throw new Error(saved.id);
      })
      .catch((error: Error) => error.message);
    expect(await files.findRecord(tenantId, rolledBack)).toBeUndefined();
    const rows = await database.db.select().from(storedFile).where(eq(storedFile.tenantId, tenantId));
    expect(rows.map((row) => row.id)).toEqual([record.id]);
  });

  it('finds records only within their tenant and only by a valid id', async () => {
    const record = await upload(PDF);
    const other = await createTestTenant(database, '68276');
    expect(await files.findRecord(other.id, record.id)).toBeUndefined();
    expect(await files.findRecord(tenantId, 'no-es-un-uuid')).toBeUndefined();
    expect(await files.findRecord(tenantId, '00000000-0000-4000-8000-000000000000')).toBeUndefined();
  });
});

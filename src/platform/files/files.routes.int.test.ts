import { createHash } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { formData } from '../../test/multipart.ts';
import { createTestApp, type TestApp, type TestSession } from '../../test/test-app.ts';
import { auditLog } from '../audit/audit.schema.ts';

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);
const PDF = Buffer.from(
  '%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n',
);
const EXE = Buffer.concat([
  Buffer.from('MZ'),
  Buffer.alloc(58, 0),
  Buffer.from([0x80, 0, 0, 0]),
  Buffer.alloc(200, 0),
]);

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

function upload(session: TestSession, file: Parameters<typeof formData>[0]) {
  return session.request({ method: 'POST', url: '/api/v1/files', ...formData(file) });
}

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ UPLOAD_LIMIT_MB: '1' });
});
afterAll(async () => t.close());
beforeEach(async () => t.reset());

describe('POST /api/v1/files', () => {
  it('stores the upload with the type found in its content', async () => {
    const citizen = await t.loginAs('citizen');
    const response = await upload(citizen, {
      name: 'Cédula escaneada.pdf',
      bytes: PNG,
      type: 'application/pdf',
    });
    expect(response.statusCode).toBe(201);
    expect(response.json()).toEqual({
      id: expect.any(String),
      name: 'Cédula escaneada.png',
      mediaType: 'image/png',
      size: PNG.length,
      sha256: sha256(PNG),
    });
  });

  it('refuses executables, empty files and files over the limit, naming the field', async () => {
    const citizen = await t.loginAs('citizen');
    const exe = await upload(citizen, { name: 'certificado.pdf', bytes: EXE });
    expect(exe.statusCode).toBe(415);
    expect(exe.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(exe.json()).toMatchObject({ code: 'FILE_TYPE_NOT_ALLOWED', field: 'file', status: 415 });
    expect(exe.json().detail).toMatch(/no está permitido/);

    const empty = await upload(citizen, { name: 'vacío.pdf', bytes: Buffer.alloc(0) });
    expect(empty.json()).toMatchObject({ status: 400, code: 'FILE_EMPTY', field: 'file' });

    const large = await upload(citizen, {
      name: 'grande.pdf',
      bytes: Buffer.concat([PDF, Buffer.alloc(1024 * 1024)]),
    });
    expect(large.statusCode).toBe(413);
    expect(large.json()).toMatchObject({ code: 'FILE_TOO_LARGE', field: 'file' });
    expect(large.json().detail).toBe('El archivo supera el tamaño máximo permitido de 1 MB.');
  });

  it('asks for the file in the «file» field and for a multipart body', async () => {
    const citizen = await t.loginAs('citizen');
    const wrongField = await upload(citizen, { field: 'documento', name: 'a.pdf', bytes: PDF });
    expect(wrongField.json()).toMatchObject({ status: 400, code: 'VALIDATION_ERROR', field: 'file' });
    const json = await citizen.post('/api/v1/files', { file: 'no' });
    expect(json.statusCode).toBe(415);
    expect(json.json()).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE' });
  });

  it('needs a session and its CSRF token', async () => {
    const anonymous = await upload(t.anonymous, { name: 'a.pdf', bytes: PDF });
    expect(anonymous.statusCode).toBe(401);
    const citizen = await t.loginAs('citizen');
    const withoutToken = await t.app.inject({
      method: 'POST',
      url: '/api/v1/files',
      ...formData({ name: 'a.pdf', bytes: PDF }),
      headers: { ...formData({ name: 'a.pdf', bytes: PDF }).headers, cookie: citizen.cookie! },
    });
    expect(withoutToken.json()).toMatchObject({ status: 403, code: 'CSRF_INVALID' });
  });
});

describe('GET /api/v1/files/:id', () => {
  it('gives the owner the bytes, with safe download headers and no audit entry', async () => {
    const citizen = await t.loginAs('citizen');
    const { id } = (await upload(citizen, { name: 'Acta de posesión (1).pdf', bytes: PDF })).json();
    const response = await citizen.get(`/api/v1/files/${id}`);
    expect(response.statusCode).toBe(200);
    expect(response.rawPayload.equals(PDF)).toBe(true);
    expect(response.headers).toMatchObject({
      'content-type': 'application/pdf',
      'content-length': String(PDF.length),
      'content-disposition': `attachment; filename="Acta de posesion (1).pdf"; filename*=UTF-8''Acta%20de%20posesi%C3%B3n%20%281%29.pdf`,
      'x-content-type-options': 'nosniff',
    });
    const audited = await t.platform.ctx.db.select().from(auditLog).where(eq(auditLog.action, 'file.read'));
    expect(audited).toHaveLength(0);
    const uploads = await t.platform.ctx.db.select().from(auditLog).where(eq(auditLog.action, 'file.upload'));
    expect(uploads).toHaveLength(1);
    expect(uploads[0]).toMatchObject({
      actorUserId: citizen.userId,
      entityId: id,
      entityType: 'stored_file',
    });
  });

  it('hides other people’s files from citizens', async () => {
    const owner = await t.loginAs('citizen');
    const { id } = (await upload(owner, { name: 'a.pdf', bytes: PDF })).json();
    const stranger = await t.loginAs('citizen');
    const response = await stranger.get(`/api/v1/files/${id}`);
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ code: 'NOT_FOUND' });
    expect((await t.anonymous.get(`/api/v1/files/${id}`)).statusCode).toBe(401);
  });

  it('lets an official with files.read_any read it, and audits the read', async () => {
    const owner = await t.loginAs('citizen');
    const { id } = (await upload(owner, { name: 'a.pdf', bytes: PDF })).json();
    const official = await t.loginAs(['atencion_ciudadano']);
    const response = await official.get(`/api/v1/files/${id}`);
    expect(response.statusCode).toBe(200);
    const audited = await t.platform.ctx.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'file.read'), eq(auditLog.entityId, id)));
    expect(audited).toHaveLength(1);
    expect(audited[0]).toMatchObject({ actorUserId: official.userId, entityType: 'stored_file' });

    const withoutPermission = await t.loginAs(['funcionario']);
    expect((await withoutPermission.get(`/api/v1/files/${id}`)).statusCode).toBe(404);
  });

  it('answers 400 in Spanish for an id that is not one', async () => {
    const citizen = await t.loginAs('citizen');
    const response = await citizen.get('/api/v1/files/no-es-un-id');
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'VALIDATION_ERROR' });
    expect(response.json().detail).toMatch(/identificador no es válido/);
  });
});

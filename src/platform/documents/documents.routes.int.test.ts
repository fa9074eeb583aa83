import { createHash } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/test-app.ts';
import { auditLog } from '../audit/audit.schema.ts';

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());
beforeEach(async () => t.reset());

describe('constancia de registro, my documents and public verification', () => {
  it('issues once per person, lists it, downloads it and verifies it publicly', async () => {
    const citizen = await t.loginAs('citizen');
    const created = await citizen.post('/api/v1/me/documents/constancia-registro');
    expect(created.statusCode).toBe(201);
    const body = created.json();
    expect(body).toEqual({
      id: expect.any(String),
      code: expect.stringMatching(/^AD-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{2}$/),
      downloadUrl: `/api/v1/documents/${body.id}/pdf`,
    });

    const again = await citizen.post('/api/v1/me/documents/constancia-registro');
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual(body);

    const mine = await citizen.get('/api/v1/me/documents');
    expect(mine.json()).toEqual({
      items: [
        {
          id: body.id,
          code: body.code,
          documentTypeLabel: 'Constancia de registro en la sede electrónica',
          title: 'Constancia de registro en la sede electrónica',
          issuedAt: expect.any(String),
          downloadUrl: body.downloadUrl,
        },
      ],
    });

    const pdf = await citizen.get(body.downloadUrl);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.headers['content-disposition']).toContain(`${body.code}.pdf`);
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');

    const verification = await t.anonymous.get(`/api/v1/verificar/${body.code}`);
    expect(verification.statusCode).toBe(200);
    expect(verification.json()).toEqual({
      code: body.code,
      documentType: 'constancia_registro',
      documentTypeLabel: 'Constancia de registro en la sede electrónica',
      title: 'Constancia de registro en la sede electrónica',
      issuedAt: mine.json().items[0].issuedAt,
      holderInitials: 'C.P.',
      sha256: sha256(pdf.rawPayload),
      status: 'vigente',
    });
    const typed = await t.anonymous.get(`/api/v1/verificar/${body.code.toLowerCase().replaceAll('-', '')}`);
    expect(typed.json().code).toBe(body.code);
  });

  it('answers 404 in Spanish for an unknown code', async () => {
    const response = await t.anonymous.get('/api/v1/verificar/AD-2222-3333-44');
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(response.json()).toMatchObject({ code: 'NOT_FOUND', status: 404 });
    expect(response.json().detail).toMatch(/código de verificación/);
    expect((await t.anonymous.get('/api/v1/verificar/cualquier-cosa')).statusCode).toBe(404);
  });

  it('keeps PDFs to their holder, officials with documents.read_any (audited) aside', async () => {
    const holder = await t.loginAs('citizen');
    const { id, downloadUrl } = (await holder.post('/api/v1/me/documents/constancia-registro')).json();

    const stranger = await t.loginAs('citizen');
    expect((await stranger.get(downloadUrl)).statusCode).toBe(404);
    expect((await stranger.get('/api/v1/me/documents')).json()).toEqual({ items: [] });
    expect((await t.anonymous.get(downloadUrl)).statusCode).toBe(401);

    const official = await t.loginAs(['atencion_ciudadano']);
    const read = await official.get(downloadUrl);
    expect(read.statusCode).toBe(200);
    const audited = await t.platform.ctx.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'document.read'), eq(auditLog.entityId, id)));
    expect(audited).toHaveLength(1);
    expect(audited[0]).toMatchObject({ actorUserId: official.userId, entityType: 'issued_document' });
  });

  it('needs a session to issue', async () => {
    const response = await t.anonymous.post('/api/v1/me/documents/constancia-registro');
    expect(response.statusCode).toBe(401);
  });
});

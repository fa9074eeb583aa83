import { createHash } from 'node:crypto';
import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { auditLog } from '../../platform/audit/audit.schema.ts';
import { systemActor } from '../../platform/authz/actor.ts';
import { storedFile } from '../../platform/files/files.schema.ts';
import { identifierSequence } from '../../platform/identifiers/identifiers.schema.ts';
import { appUser } from '../../platform/identity/identity.schema.ts';
import { createTestApp, TEST_PASSWORD, type TestApp, type TestSession } from '../../test/test-app.ts';
import { testDatabaseKind } from '../../test/test-database.ts';
import { correspondenceItem, expediente } from './correspondence.schema.ts';

const PDF = Buffer.from(
  '%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n',
);
const OTHER_PDF = Buffer.from('%PDF-1.7\n% otra página digitalizada\n%%EOF\n');
const EXE = Buffer.concat([
  Buffer.from('MZ'),
  Buffer.alloc(58, 0),
  Buffer.from([0x80, 0, 0, 0]),
  Buffer.alloc(200, 0),
]);
const BASE = '/api/v1/correspondencia';
const YEAR = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Bogota', year: 'numeric' }).format(
  new Date(),
);

let t: TestApp;
let ventanilla: TestSession;

beforeAll(async () => {
  t = await createTestApp({ UPLOAD_LIMIT_MB: '1' });
});
afterAll(async () => t.close());
beforeEach(async () => {
  await t.reset();
  ventanilla = await t.loginAs(['gestion_documental']);
});

interface Body {
  direction?: string;
  subject?: string;
  summary?: string;
  sender?: { name?: string; entity?: string; contact?: string };
  recipient?: { name?: string; entity?: string; contact?: string };
  dependencia?: string;
  medium?: string;
  folios?: number;
  trdCode?: string;
  respondsToId?: string;
  pqrsdRadicado?: string;
}

const letter = (overrides: Body = {}): Body => ({
  direction: 'entrada',
  subject: 'Derecho de petición sobre el alumbrado público del barrio La Joya',
  sender: { name: 'Carlos Andrés Pérez Rueda', contact: 'carlos.perez@correo.test' },
  recipient: { name: 'Alcaldía de Bucaramanga', entity: 'CAME' },
  dependencia: 'came',
  medium: 'fisico',
  folios: 2,
  ...overrides,
});

/** multipart/form-data with «data» (JSON) and any number of files in «attachments». */
function radicarForm(
  body: Body,
  files: { name: string; bytes: Buffer }[],
  extra: Record<string, string> = {},
) {
  const boundary = `----correspondencia${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries({ data: JSON.stringify(body), ...extra })) {
    parts.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`),
    );
  }
  for (const file of files) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="attachments"; filename="${file.name}"\r\n` +
          'Content-Type: application/pdf\r\n\r\n',
      ),
      file.bytes,
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return {
    payload: Buffer.concat(parts),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

function radicarWithFiles(
  session: TestSession,
  body: Body,
  files: { name: string; bytes: Buffer }[],
  headers: Record<string, string> = {},
) {
  const form = radicarForm(body, files);
  return session.request({
    method: 'POST',
    url: `${BASE}/radicados/formulario`,
    payload: form.payload,
    headers: { ...form.headers, ...headers },
  });
}

function radicar(session: TestSession, body: Body, headers: Record<string, string> = {}) {
  return session.request({ method: 'POST', url: `${BASE}/radicados`, payload: body as never, headers });
}

async function radicado(body: Body = {}) {
  const response = await radicar(ventanilla, letter(body));
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as { id: string; radicado: string };
}

async function rows() {
  const db = t.platform.ctx.db;
  const [items] = await db.select({ n: count() }).from(correspondenceItem);
  const [files] = await db
    .select({ n: count() })
    .from(storedFile)
    .where(eq(storedFile.purpose, 'correspondence'));
  const [sequences] = await db.select({ n: count() }).from(identifierSequence);
  return { items: items!.n, files: files!.n, sequences: sequences!.n };
}

/** An official of another dependencia than the test app's «tic». */
async function officialOf(dependenciaCode: string, roles: string[]): Promise<TestSession> {
  const documentNumber = String(1_500_000_000 + Math.floor(Math.random() * 1_000_000));
  const email = `oficina.${documentNumber}@alcaldia.test`;
  await t.platform.identity.createOfficial(systemActor(t.tenantId, 'prueba'), {
    tenantId: t.tenantId,
    documentType: 'CC',
    documentNumber,
    fullName: `Funcionaria de ${dependenciaCode}`,
    email,
    dependenciaCode,
    roles,
    password: TEST_PASSWORD,
  });
  return t.login(email);
}

describe('radicación', () => {
  it('radicates an incoming letter with its digitised PDF, numbered in its own series', async () => {
    const response = await radicarWithFiles(ventanilla, letter({ trdCode: '140.20.1' }), [
      { name: 'carta firmada.pdf', bytes: PDF },
    ]);
    expect(response.statusCode, response.body).toBe(201);
    const item = response.json();
    expect(item.radicado).toBe(`${YEAR}-CE-000001`);
    expect(item).toMatchObject({
      direction: 'entrada',
      dependencia: { code: 'came' },
      trd: { seriesCode: '140.20', subseriesCode: '140.20.1', seriesName: 'Derechos de petición (PQRSD)' },
      senderContact: 'carlos.perez@correo.test',
      folios: 2,
      attachmentCount: 1,
    });
    expect(item.attachments).toEqual([
      {
        id: expect.any(String),
        name: 'carta firmada.pdf',
        mediaType: 'application/pdf',
        size: PDF.length,
        sha256: createHash('sha256').update(PDF).digest('hex'),
      },
    ]);

    const download = await ventanilla.get(`${BASE}/radicados/${item.id}/adjuntos/${item.attachments[0].id}`);
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.rawPayload.equals(PDF)).toBe(true);

    const salida = await radicado({
      direction: 'salida',
      respondsToId: item.id,
      subject: 'Respuesta al derecho de petición',
    });
    expect(salida.radicado).toBe(`${YEAR}-CS-000001`);
    const interna = await radicado({ direction: 'interna', subject: 'Memorando interno de traslado' });
    expect(interna.radicado).toBe(`${YEAR}-CI-000001`);

    const entrada = (await ventanilla.get(`${BASE}/radicados/${item.id}`)).json();
    expect(entrada.answers).toEqual([
      { id: salida.id, radicado: salida.radicado, radicadoAt: expect.any(String) },
    ]);
    expect((await ventanilla.get(`${BASE}/radicados/${salida.id}`)).json().respondsTo).toMatchObject({
      id: item.id,
      radicado: item.radicado,
    });

    const audited = await t.platform.ctx.db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(and(eq(auditLog.entityType, 'correspondence_item'), eq(auditLog.entityId, item.id)));
    expect(audited.map((row) => row.action)).toEqual(
      expect.arrayContaining([
        'correspondence.radicar',
        'correspondence.attachment.read',
        'correspondence.item.read',
      ]),
    );
  });

  it(`hands out consecutive numbers without gaps to 20 concurrent radicaciones (${testDatabaseKind()})`, async () => {
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        radicar(ventanilla, letter({ subject: `Comunicación número ${index + 1}` })),
      ),
    );
    expect(responses.map((response) => response.statusCode)).toEqual(Array(20).fill(201));
    const numbers = responses.map((response) => response.json().radicado as string).sort();
    expect(numbers).toEqual(
      Array.from({ length: 20 }, (_, i) => `${YEAR}-CE-${String(i + 1).padStart(6, '0')}`),
    );
  });

  it('answers a retry with the same Idempotency-Key with the first radicado, even when retries race', async () => {
    const key = 'c0a80121-7a3b-4d2e-9f10-0123456789ab';
    const first = await radicarWithFiles(ventanilla, letter(), [{ name: 'carta.pdf', bytes: PDF }], {
      'idempotency-key': key,
    });
    expect(first.statusCode, first.body).toBe(201);
    const retries = await Promise.all(
      Array.from({ length: 5 }, () =>
        radicarWithFiles(ventanilla, letter(), [{ name: 'carta.pdf', bytes: PDF }], {
          'idempotency-key': key,
        }),
      ),
    );
    for (const retry of retries) {
      expect(retry.statusCode).toBe(201);
      expect(retry.headers['idempotent-replayed']).toBe('true');
      expect(retry.json()).toEqual(first.json());
    }
    expect(await rows()).toMatchObject({ items: 1, files: 1 });

    const raced = await Promise.all(
      Array.from({ length: 6 }, () =>
        radicar(ventanilla, letter({ subject: 'Carta enviada dos veces' }), {
          'idempotency-key': 'clave-carrera-0001',
        }),
      ),
    );
    expect(new Set(raced.map((response) => response.json().radicado)).size).toBe(1);
    expect((await rows()).items).toBe(2);
    // The next radicado follows without a gap: the retries took no number.
    expect((await radicado()).radicado).toBe(`${YEAR}-CE-000003`);

    const reused = await radicar(ventanilla, letter({ subject: 'Otra carta distinta' }), {
      'idempotency-key': key,
    });
    expect(reused.statusCode).toBe(409);
    expect(reused.json()).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED', field: 'Idempotency-Key' });
    const malformed = await radicar(ventanilla, letter(), { 'idempotency-key': 'corta' });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().field).toBe('Idempotency-Key');
  });

  it('refuses an executable renamed .pdf and writes nothing', async () => {
    const response = await radicarWithFiles(ventanilla, letter(), [
      { name: 'escaneo.pdf', bytes: PDF },
      { name: 'factura.pdf', bytes: EXE },
    ]);
    expect(response.statusCode).toBe(415);
    expect(response.json()).toMatchObject({ code: 'FILE_TYPE_NOT_ALLOWED', field: 'attachments' });
    expect(response.json().detail).toMatch(/^«factura\.pdf»: El tipo de archivo no está permitido/);
    expect(await rows()).toEqual({ items: 0, files: 0, sequences: 0 });
    expect((await radicado()).radicado).toBe(`${YEAR}-CE-000001`);
  });

  it('explains bad input in Spanish naming the field, never with a 500, and writes nothing', async () => {
    const cases: [Body, number, string, string, RegExp][] = [
      [letter({ subject: '' }), 400, 'VALIDATION_ERROR', 'subject', /Asunto: es obligatorio/],
      [
        letter({ sender: { name: '  ' } }),
        400,
        'VALIDATION_ERROR',
        'sender.name',
        /Remitente: nombre: es obligatorio/,
      ],
      [letter({ direction: 'lateral' }), 400, 'VALIDATION_ERROR', 'direction', /entrada, salida o interna/],
      [letter({ folios: -1 }), 400, 'VALIDATION_ERROR', 'folios', /no puede ser negativo/],
      [
        letter({ dependencia: 'bomberos' }),
        422,
        'DEPENDENCIA_DESCONOCIDA',
        'dependencia',
        /«bomberos» no existe/,
      ],
      [letter({ trdCode: '999.9' }), 422, 'TRD_DESCONOCIDA', 'trdCode', /no está en la Tabla de Retención/],
      [letter({ trdCode: '300.18' }), 422, 'TRD_DE_OTRA_DEPENDENCIA', 'trdCode', /otra dependencia/],
      [letter({ pqrsdRadicado: 'PQR 12' }), 400, 'VALIDATION_ERROR', 'pqrsdRadicado', /AAAA-PQRSD-000123/],
      [
        letter({ respondsToId: '00000000-0000-4000-8000-000000000000' }),
        422,
        'RESPUESTA_INVALIDA',
        'respondsToId',
        /Solo una comunicación de salida/,
      ],
    ];
    for (const [body, status, code, field, detail] of cases) {
      for (const response of [
        await radicar(ventanilla, body),
        await radicarWithFiles(ventanilla, body, [{ name: 'carta.pdf', bytes: PDF }]),
      ]) {
        expect([field, response.statusCode]).toEqual([field, status]);
        expect(response.json()).toMatchObject({ code, field });
        expect(response.json().detail).toMatch(detail);
      }
    }
    const form = radicarForm({}, []);
    const notJson = await ventanilla.request({
      method: 'POST',
      url: `${BASE}/radicados/formulario`,
      headers: form.headers,
      payload: Buffer.from(form.payload.toString().replace('data"\r\n\r\n{}', 'data"\r\n\r\n{no')),
    });
    expect(notJson.statusCode).toBe(400);
    expect(notJson.json().field).toBe('data');
    const cut = await ventanilla.request({
      method: 'POST',
      url: `${BASE}/radicados/formulario`,
      headers: radicarForm({}, []).headers,
      payload: radicarForm(letter(), [{ name: 'carta.pdf', bytes: PDF }]).payload.subarray(0, 150),
    });
    expect([cut.statusCode, cut.json().code]).toEqual([400, 'MALFORMED_REQUEST']);
    expect(await rows()).toEqual({ items: 0, files: 0, sequences: 0 });
  });

  it('adds digitised pages later without duplicating a re-sent file', async () => {
    const item = await radicado();
    const upload = (files: { name: string; bytes: Buffer }[]) => {
      const form = radicarForm({}, files);
      // The same form builder, without the «data» part.
      const payload = form.payload
        .toString('latin1')
        .replace(/^--[^\r]+\r\nContent-Disposition: form-data; name="data"\r\n\r\n\{\}\r\n/, '');
      return ventanilla.request({
        method: 'POST',
        url: `${BASE}/radicados/${item.id}/adjuntos`,
        payload: Buffer.from(payload, 'latin1'),
        headers: form.headers,
      });
    };
    const first = await upload([
      { name: 'pagina-1.pdf', bytes: PDF },
      { name: 'pagina-2.pdf', bytes: OTHER_PDF },
    ]);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ added: 2, attachmentCount: 2 });
    const again = await upload([{ name: 'pagina-1.pdf', bytes: PDF }]);
    expect(again.json()).toMatchObject({ added: 0, attachmentCount: 2 });
    expect((await rows()).files).toBe(2);
  });
});

describe('full-text search in Spanish', () => {
  let peticion: { id: string; radicado: string };
  let invitation: { id: string; radicado: string };
  let bill: { id: string; radicado: string };

  beforeEach(async () => {
    peticion = await radicado({
      subject: 'Derecho de PETICIÓN sobre el alumbrado público',
      trdCode: '140.20.1',
    });
    invitation = await radicado({
      subject: 'Invitación al festival cultural de la comuna 3',
      summary: 'Incluye una petición de apoyo logístico para el evento',
      sender: { name: 'Fundación Cultural Santander' },
    });
    bill = await radicado({
      subject: 'Cuenta de cobro del mes de marzo',
      sender: { name: 'María Fernanda Gómez Ñáñez' },
      dependencia: 'hacienda',
    });
  });

  const search = async (query: Record<string, string>) => {
    const response = await ventanilla.get(`${BASE}/radicados?${new URLSearchParams(query)}`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as { items: { id: string; rank: number | null }[]; total: number };
  };

  it('finds «petición» typed in capitals without accents, and by another form of the word', async () => {
    for (const q of ['PETICION', 'peticiones', 'petición']) {
      const result = await search({ q });
      expect([q, result.items.map((item) => item.id)]).toEqual([q, [peticion.id, invitation.id]]);
    }
    const ranked = await search({ q: 'peticion' });
    expect(ranked.items[0]!.rank!).toBeGreaterThan(ranked.items[1]!.rank!);
  });

  it('finds by the sender name, accents or not, and by the radicado as people type it', async () => {
    expect((await search({ q: 'gomez nanez' })).items.map((item) => item.id)).toEqual([bill.id]);
    expect((await search({ q: 'Fundación Santander' })).items.map((item) => item.id)).toEqual([
      invitation.id,
    ]);
    const typed = bill.radicado.toLowerCase().replace(/-0+/, '-');
    expect((await search({ q: typed })).items[0]!.id).toBe(bill.id);
    expect((await search({ q: 'alumbrado -petición' })).total).toBe(0);
  });

  it('filters by dependencia, direction, TRD code and dates, and pages', async () => {
    expect((await search({ dependencia: 'hacienda' })).items.map((item) => item.id)).toEqual([bill.id]);
    expect((await search({ direction: 'salida' })).total).toBe(0);
    expect((await search({ trd: '140.20' })).items.map((item) => item.id)).toEqual([peticion.id]);
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Bogota' }).format(new Date());
    expect((await search({ from: today, to: today })).total).toBe(3);
    expect((await search({ from: '2001-01-01', to: '2001-12-31' })).total).toBe(0);
    const second = await search({ pageSize: '2', page: '2' });
    expect([second.total, second.items.length]).toEqual([3, 1]);
    const newestFirst = await search({});
    expect(newestFirst.items.map((item) => item.id)).toEqual([bill.id, invitation.id, peticion.id]);

    const unknownTrd = await ventanilla.get(`${BASE}/radicados?trd=999.1`);
    expect([unknownTrd.statusCode, unknownTrd.json().field]).toEqual([422, 'trd']);
    const badDate = await ventanilla.get(`${BASE}/radicados?from=ayer`);
    expect([badDate.statusCode, badDate.json().field]).toEqual([400, 'from']);
  });
});

describe('expedientes', () => {
  const open = (body: Record<string, string>) => ventanilla.post(`${BASE}/expedientes`, body);
  const file = (id: string, target: Record<string, string>) =>
    ventanilla.post(`${BASE}/expedientes/${id}/radicados`, target);

  it('opens an expediente, files radicados in order, closes it and refuses more documents', async () => {
    const created = await open({
      title: 'Alumbrado público barrio La Joya',
      dependencia: 'came',
      trdCode: '140.20.1',
    });
    expect(created.statusCode, created.body).toBe(201);
    const folder = created.json();
    expect(folder).toMatchObject({
      code: `${YEAR}-140.20.1-0001`,
      status: 'abierto',
      trd: {
        seriesCode: '140.20',
        subseriesCode: '140.20.1',
        subseriesName: 'Peticiones de interés general y particular',
      },
      retention: { gestion: 2, central: 3 },
      disposition: 'S',
      dispositionLabel: 'Selección',
      index: [],
    });
    const retried = await open({
      title: 'alumbrado público barrio la joya',
      dependencia: 'came',
      trdCode: '140.20.1',
    });
    expect([retried.statusCode, retried.json().id]).toEqual([200, folder.id]);
    const second = await open({ title: 'Otro asunto', dependencia: 'came', trdCode: '140.20.1' });
    expect(second.json().code).toBe(`${YEAR}-140.20.1-0002`);

    const first = await radicado({ folios: 3 });
    const answer = await radicado({
      folios: 2,
      direction: 'salida',
      respondsToId: first.id,
      subject: 'Respuesta',
    });
    const added = await file(folder.id, { radicado: first.radicado.toLowerCase() });
    expect(added.statusCode, added.body).toBe(200);
    expect(added.json().added).toBe(true);
    expect((await file(folder.id, { itemId: answer.id })).json().added).toBe(true);
    expect((await file(folder.id, { itemId: answer.id })).json().added).toBe(false);

    const elsewhere = await radicado({ dependencia: 'hacienda' });
    const refused = await file(folder.id, { itemId: elsewhere.id });
    expect(refused.statusCode).toBe(422);
    expect(refused.json()).toMatchObject({ code: 'EXPEDIENTE_DE_OTRA_DEPENDENCIA', field: 'itemId' });
    const inOther = await file(second.json().id, { itemId: first.id });
    expect(inOther.json()).toMatchObject({ code: 'RADICADO_EN_OTRO_EXPEDIENTE', status: 409 });
    const unknown = await file(folder.id, { radicado: `${YEAR}-CE-999999` });
    expect([unknown.statusCode, unknown.json().field]).toEqual([404, 'radicado']);

    const index = (await ventanilla.get(`${BASE}/expedientes/${folder.id}`)).json();
    expect(
      index.index.map((entry: { radicado: string; folioStart: number; folioEnd: number }) => [
        entry.radicado,
        entry.folioStart,
        entry.folioEnd,
      ]),
    ).toEqual([
      [first.radicado, 1, 3],
      [answer.radicado, 4, 5],
    ]);
    // Filed documents take the expediente's classification.
    expect((await ventanilla.get(`${BASE}/radicados/${first.id}`)).json()).toMatchObject({
      trd: { subseriesCode: '140.20.1' },
      expediente: { id: folder.id, code: folder.code },
    });

    const closed = await ventanilla.post(`${BASE}/expedientes/${folder.id}/cerrar`);
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json()).toMatchObject({
      status: 'cerrado',
      closed: true,
      schedule: { transferYear: Number(YEAR) + 2, dispositionYear: Number(YEAR) + 5 },
    });
    expect((await ventanilla.post(`${BASE}/expedientes/${folder.id}/cerrar`)).json().closed).toBe(false);
    const late = await radicado();
    const afterClose = await file(folder.id, { itemId: late.id });
    expect(afterClose.statusCode).toBe(409);
    expect(afterClose.json()).toMatchObject({ code: 'EXPEDIENTE_CERRADO' });
    expect(afterClose.json().detail).toMatch(/está cerrado/);

    const empty = await ventanilla.post(`${BASE}/expedientes/${second.json().id}/cerrar`);
    expect([empty.statusCode, empty.json().code]).toEqual([422, 'EXPEDIENTE_VACIO']);
    const list = (await ventanilla.get(`${BASE}/expedientes?status=cerrado`)).json();
    expect(list.items.map((item: { id: string; itemCount: number }) => [item.id, item.itemCount])).toEqual([
      [folder.id, 2],
    ]);
  });

  it('asks for a subseries, and for a code of the expediente’s own dependencia', async () => {
    const divided = await open({ title: 'Peticiones', dependencia: 'came', trdCode: '140.20' });
    expect(divided.json()).toMatchObject({ status: 422, code: 'TRD_SIN_RETENCION', field: 'trdCode' });
    const foreign = await open({ title: 'Cobro', dependencia: 'came', trdCode: '300.18' });
    expect(foreign.json()).toMatchObject({ status: 422, code: 'TRD_DE_OTRA_DEPENDENCIA', field: 'trdCode' });
    const missing = await open({ title: '', dependencia: 'came', trdCode: '140.20.1' });
    expect(missing.json()).toMatchObject({ status: 400, field: 'title' });
    const [expedientes] = await t.platform.ctx.db.select({ n: count() }).from(expediente);
    expect(expedientes!.n).toBe(0);
  });
});

describe('who sees what', () => {
  it('an official with only their dependencia’s reading sees their dependencia’s radicados and no other', async () => {
    const own = await radicado({ dependencia: 'hacienda', subject: 'Cobro coactivo del predio' });
    const foreign = await radicado({ dependencia: 'came', subject: 'Cobro de otra dependencia' });
    const folder = (
      await ventanilla.post(`${BASE}/expedientes`, {
        title: 'Peticiones',
        dependencia: 'came',
        trdCode: '140.20.1',
      })
    ).json();
    const hacienda = await officialOf('hacienda', ['correspondencia_dependencia']);

    const list = (await hacienda.get(`${BASE}/radicados?q=cobro`)).json();
    expect(list.items.map((item: { id: string }) => item.id)).toEqual([own.id]);
    expect((await hacienda.get(`${BASE}/radicados?dependencia=came`)).json().total).toBe(0);
    expect((await hacienda.get(`${BASE}/radicados/${own.id}`)).statusCode).toBe(200);
    const hidden = await hacienda.get(`${BASE}/radicados/${foreign.id}`);
    expect([hidden.statusCode, hidden.json().code]).toEqual([404, 'NOT_FOUND']);
    expect((await hacienda.get(`${BASE}/expedientes/${folder.id}`)).statusCode).toBe(404);
    expect((await hacienda.get(`${BASE}/expedientes`)).json().total).toBe(0);
    // Reading is not radicating.
    expect((await radicar(hacienda, letter())).statusCode).toBe(403);

    const [reader] = await t.platform.ctx.db
      .select({ id: appUser.id })
      .from(appUser)
      .where(eq(appUser.fullName, 'Funcionaria de hacienda'));
    const reads = await t.platform.ctx.db
      .select({ entityId: auditLog.entityId })
      .from(auditLog)
      .where(and(eq(auditLog.action, 'correspondence.item.read'), eq(auditLog.actorUserId, reader!.id)));
    expect(reads).toEqual([{ entityId: own.id }]);
  });

  it('officials without a correspondence role and citizens get 403, visitors 401', async () => {
    const item = await radicado();
    const plain = await t.loginAs(['funcionario']);
    const citizen = await t.loginAs('citizen');
    for (const session of [plain, citizen]) {
      expect((await session.get(`${BASE}/radicados`)).statusCode).toBe(403);
      expect((await session.get(`${BASE}/radicados/${item.id}`)).statusCode).toBe(403);
      expect((await radicar(session, letter())).statusCode).toBe(403);
    }
    expect((await t.anonymous.get(`${BASE}/radicados`)).statusCode).toBe(401);
  });

  it('serves the TRD of every dependencia to readers', async () => {
    const response = await ventanilla.get(`${BASE}/trd`);
    expect(response.statusCode).toBe(200);
    const came = response.json().dependencias.find((office: { code: string }) => office.code === 'came');
    expect(came.officeCode).toBe('140');
    expect(came.series.map((series: { code: string }) => series.code)).toContain('140.20');
    expect(response.json().dispositions.CT).toBe('Conservación total');
  });
});

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { toBogotaDate } from '../../platform/calendar/index.ts';
import { notificationOutbox } from '../../platform/notifications/notifications.schema.ts';
import { workflowTransition } from '../../platform/workflow/workflow.schema.ts';
import { formData } from '../../test/multipart.ts';
import { createTestApp, type TestApp, type TestSession } from '../../test/test-app.ts';
import { pqrsdRequest } from './requests.schema.ts';
import { pqrsdDueDate, readPqrsdTerms } from './terms/index.ts';

const PDF = Buffer.from(
  '%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n',
);
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 0x90)]);
const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), 'intake', 'fixtures');

const petition = (overrides: Record<string, unknown> = {}) => ({
  type: 'peticion',
  category: 'planeacion',
  subject: 'Concepto de uso del suelo para un local',
  description:
    'Solicito el concepto de uso del suelo del predio de la Calle 35 # 10-43 para abrir una papelería.',
  acceptsPrivacyPolicy: true,
  petitioner: {
    name: 'Ana Prueba Sintética',
    documentType: 'CC',
    documentNumber: '1098765432',
    email: 'ana.prueba@correo.test',
  },
  ...overrides,
});

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});
beforeEach(async () => {
  await t.reset();
});

async function fileAnonymously(
  body: Record<string, unknown> = petition(),
  headers: Record<string, string> = {},
) {
  return t.anonymous.request({ method: 'POST', url: '/api/v1/pqrsd', payload: body, headers });
}

const track = (radicado: string, documento: string) =>
  t.anonymous.post('/api/v1/pqrsd/seguimiento', { radicado, documento });

interface Team {
  coordinator: TestSession;
  official: TestSession;
  head: TestSession;
  outsider: TestSession;
}

async function team(): Promise<Team> {
  const make = async (roles: string[], dependenciaCode: string) => {
    const id = await t.createOfficial(roles, { dependenciaCode });
    const email = `funcionario.${id}@alcaldia.test`;
    void email;
    const users = await t.platform.identity.me(id);
    return t.login(users.email);
  };
  return {
    coordinator: await make(['funcionario', 'pqrsd_coordinador'], 'came'),
    official: await make(['funcionario', 'pqrsd_gestor'], 'planeacion'),
    head: await make(['funcionario', 'jefe_dependencia'], 'planeacion'),
    outsider: await make(['funcionario', 'pqrsd_gestor'], 'hacienda'),
  };
}

async function act(session: TestSession, id: string, body: Record<string, unknown>) {
  return session.post(`/api/v1/pqrsd/solicitudes/${id}/acciones`, body);
}

describe('filing a PQRSD', () => {
  it('files with a PDF, gives a radicado and the legal due date, and acknowledges by e-mail', async () => {
    const upload = formData(
      { field: 'adjunto', name: 'plano.pdf', bytes: PDF, type: 'application/pdf' },
      { solicitud: JSON.stringify(petition()) },
    );
    const response = await t.anonymous.request({ method: 'POST', url: '/api/v1/pqrsd', ...upload });
    expect(response.statusCode).toBe(201);
    const receipt = response.json();
    const year = toBogotaDate(new Date()).slice(0, 4);
    expect(receipt.radicado).toBe(`${year}-PQRSD-000001`);
    const expected = pqrsdDueDate({ type: 'peticion', filedAt: new Date(receipt.filedAt) }, readPqrsdTerms());
    expect(receipt).toMatchObject({
      dueOn: expected.dueDate,
      termDays: 15,
      dependencia: 'Secretaría de Planeación',
      trackingKey: null,
    });
    const [row] = await t.platform.ctx.db.select().from(pqrsdRequest);
    expect(row!.attachmentFileIds).toHaveLength(1);
    const mail = await t.platform.ctx.db
      .select()
      .from(notificationOutbox)
      .where(eq(notificationOutbox.recipient, 'ana.prueba@correo.test'));
    expect(mail).toHaveLength(1);
    expect(mail[0]!.bodyText).toContain(receipt.radicado);
  });

  it('gives 20 concurrent filings 20 distinct, gap-free radicados', async () => {
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        fileAnonymously(petition({ subject: `Solicitud concurrente número ${index}` })),
      ),
    );
    expect(responses.map((response) => response.statusCode)).toEqual(Array(20).fill(201));
    const numbers = responses
      .map((response) => Number(response.json().radicado.split('-')[2]))
      .sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: 20 }, (_, index) => index + 1));
  });

  it('files once per Idempotency-Key, even when the retries race', async () => {
    const headers = { 'idempotency-key': 'formulario-7f3a' };
    const responses = await Promise.all(
      Array.from({ length: 5 }, () => fileAnonymously(petition(), headers)),
    );
    const radicados = new Set(responses.map((response) => response.json().radicado));
    expect(radicados.size).toBe(1);
    expect(responses.filter((response) => response.statusCode === 201)).toHaveLength(1);
    expect(await t.platform.ctx.db.select().from(pqrsdRequest)).toHaveLength(1);
  });

  it('refuses a disguised executable, missing fields and anonymous non-denuncias without writing anything', async () => {
    const disguised = formData(
      { field: 'adjunto', name: 'factura.pdf', bytes: EXE, type: 'application/pdf' },
      { solicitud: JSON.stringify(petition()) },
    );
    const exe = await t.anonymous.request({ method: 'POST', url: '/api/v1/pqrsd', ...disguised });
    expect(exe.statusCode).toBeGreaterThanOrEqual(400);
    expect(exe.statusCode).toBeLessThan(500);
    const missing = await fileAnonymously(petition({ subject: undefined }));
    expect(missing.statusCode).toBe(400);
    expect(missing.json().field).toBe('subject');
    const anonymous = await fileAnonymously(petition({ anonymous: true, petitioner: undefined }));
    expect(anonymous.statusCode).toBe(400);
    expect(anonymous.json().field).toBe('anonymous');
    const unknownCategory = await fileAnonymously(petition({ category: 'astrologia' }));
    expect(unknownCategory.json().field).toBe('category');
    const badDocument = await fileAnonymously(
      petition({ petitioner: { ...petition().petitioner, documentNumber: '0123' } }),
    );
    expect(badDocument.json().field).toBe('petitioner.documentNumber');
    expect(await t.platform.ctx.db.select().from(pqrsdRequest)).toHaveLength(0);
    // No number was spent on the refused filings.
    expect((await fileAnonymously()).json().radicado).toMatch(/-000001$/);
  });

  it('lets a denuncia be anonymous, with a tracking key shown once', async () => {
    const response = await fileAnonymously({
      type: 'denuncia',
      category: 'servidores',
      subject: 'Cobro indebido en ventanilla',
      description: 'Un funcionario pidió dinero para agilizar un trámite en la ventanilla del CAM.',
      anonymous: true,
    });
    expect(response.statusCode).toBe(201);
    const { radicado, trackingKey } = response.json();
    expect(trackingKey).toMatch(/^[0-9A-Z]{5}-[0-9A-Z]{5}$/);
    const tracked = await track(radicado, trackingKey.toLowerCase());
    expect(tracked.statusCode).toBe(200);
    expect(tracked.json().stateLabel).toContain('Radicada');
  });
});

describe('a signed-in citizen', () => {
  it('files with the account and finds the request in Mis trámites and Mis PQRSD', async () => {
    const citizen = await t.loginAs('citizen');
    const filed = await citizen.post('/api/v1/pqrsd', {
      type: 'consulta',
      category: 'planeacion',
      subject: 'Altura permitida en mi barrio',
      description: '¿Cuántos pisos se pueden construir en el barrio La Victoria?',
    });
    expect(filed.statusCode).toBe(201);
    const { radicado } = filed.json();
    const tramites = (await citizen.get('/api/v1/me/tramites')).json().items;
    expect(tramites).toEqual([
      expect.objectContaining({ reference: radicado, path: '/pqrsd/mias', tramite: 'PQRSD: Consulta' }),
    ]);
    const mine = (await citizen.get('/api/v1/pqrsd/mias')).json().items;
    expect(mine.map((item: { radicado: string }) => item.radicado)).toEqual([radicado]);
    const catalogue = (await t.anonymous.get('/api/v1/tramites')).json().items as { path: string }[];
    expect(catalogue.map((item) => item.path)).toEqual(
      expect.arrayContaining(['/pqrsd/radicar', '/pqrsd/consultar']),
    );
  });
});

describe('tracking', () => {
  it('answers the same for an unknown radicado and a wrong document, and never names the petitioner', async () => {
    const { radicado } = (await fileAnonymously()).json();
    const right = await track(radicado, '1.098.765.432');
    expect(right.statusCode).toBe(200);
    expect(JSON.stringify(right.json())).not.toContain('Ana Prueba');
    const wrongDocument = await track(radicado, '1098765433');
    const unknown = await track('2026-PQRSD-999999', '1098765432');
    expect(wrongDocument.statusCode).toBe(404);
    expect(unknown.statusCode).toBe(404);
    expect(wrongDocument.json().detail).toBe(unknown.json().detail);
  });

  it('is rate limited', async () => {
    const limited = await createTestApp({ RATE_LIMIT_PUBLIC_PER_MINUTE: '60' });
    try {
      const statuses: number[] = [];
      for (let index = 0; index < 12; index += 1) {
        const response = await limited.anonymous.post('/api/v1/pqrsd/seguimiento', {
          radicado: '2026-PQRSD-000001',
          documento: `10000000${index}`,
        });
        statuses.push(response.statusCode);
      }
      expect(statuses).toContain(429);
    } finally {
      await limited.close();
    }
  });
});

describe('officials working a request', () => {
  it('assigns, drafts from a template, and only the head of the dependencia approves; the answer is a PDF', async () => {
    const people = await team();
    const { radicado } = (await fileAnonymously()).json();
    const inbox = await people.coordinator.get('/api/v1/pqrsd/bandeja?alcance=todas');
    expect(inbox.statusCode).toBe(200);
    const [item] = inbox.json().items;
    expect(item.radicado).toBe(radicado);
    const id = item.id;
    const before = (await people.coordinator.get(`/api/v1/pqrsd/solicitudes/${id}`)).json();
    expect(before.actions.map((action: { code: string }) => action.code)).toContain('asignar');
    const assigned = await act(people.coordinator, id, {
      action: 'asignar',
      assignTo: { userId: people.official.userId },
      expectedVersion: before.case.version,
    });
    expect(assigned.statusCode).toBe(200);
    expect(assigned.json().case.assignee).toContain('Funcionario');
    expect((await act(people.official, id, { action: 'tomar' })).statusCode).toBe(200);
    const draft = (
      await people.official.get(`/api/v1/pqrsd/solicitudes/${id}/plantillas/respuesta_de_fondo`)
    ).json();
    expect(draft.text).toContain(radicado);
    const unfinished = await act(people.official, id, { action: 'proyectar_respuesta', answer: draft });
    expect(unfinished.json().field).toBe('answer.text');
    const text = draft.text.replace(
      /\[[^\]]*\]/g,
      'El uso comercial de papelería es permitido en ese sector.',
    );
    expect(
      (
        await act(people.official, id, {
          action: 'proyectar_respuesta',
          answer: { template: draft.template, text },
        })
      ).statusCode,
    ).toBe(200);
    const notHead = await act(people.official, id, { action: 'aprobar_respuesta' });
    expect(notHead.statusCode).toBe(403);
    const approved = await act(people.head, id, { action: 'aprobar_respuesta' });
    expect(approved.statusCode).toBe(200);
    expect(approved.json().case.state).toBe('respondida');
    const closedAgain = await act(people.head, id, { action: 'devolver_respuesta', comment: 'otra vez' });
    expect(closedAgain.statusCode).toBe(409);
    const tracked = (await track(radicado, '1098765432')).json();
    expect(tracked.stateLabel).toBe('Respondida');
    expect(tracked.answer.verificationCode).toBeTruthy();
    const pdf = await t.anonymous.post('/api/v1/pqrsd/seguimiento/respuesta', {
      radicado,
      documento: '1098765432',
    });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toContain('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('keeps officials of other dependencias out', async () => {
    const people = await team();
    await fileAnonymously();
    const [row] = await t.platform.ctx.db.select().from(pqrsdRequest);
    expect((await people.outsider.get(`/api/v1/pqrsd/solicitudes/${row!.id}`)).statusCode).toBe(403);
    expect((await people.official.get(`/api/v1/pqrsd/solicitudes/${row!.id}`)).statusCode).toBe(200);
    expect((await people.official.get('/api/v1/pqrsd/bandeja?alcance=todas')).statusCode).toBe(403);
    expect((await t.anonymous.get(`/api/v1/pqrsd/solicitudes/${row!.id}`)).statusCode).toBe(401);
  });

  it('pauses the term while waiting for the citizen, who answers from the tracking page', async () => {
    const people = await team();
    const { radicado } = (await fileAnonymously()).json();
    const [row] = await t.platform.ctx.db.select().from(pqrsdRequest);
    await act(people.coordinator, row!.id, {
      action: 'asignar',
      assignTo: { userId: people.official.userId },
    });
    await act(people.official, row!.id, { action: 'tomar' });
    const asked = await act(people.official, row!.id, {
      action: 'solicitar_informacion',
      comment: 'Envíe el certificado de tradición y libertad del predio.',
    });
    expect(asked.json().case.clockStatus).toBe('paused');
    const waiting = (await track(radicado, '1098765432')).json();
    expect(waiting.waitingForInformation).toContain('certificado de tradición');
    const upload = formData(
      { field: 'adjunto', name: 'certificado.pdf', bytes: PDF, type: 'application/pdf' },
      {
        datos: JSON.stringify({ radicado, documento: '1098765432', texto: 'Adjunto el certificado pedido.' }),
      },
    );
    const sent = await t.anonymous.request({
      method: 'POST',
      url: '/api/v1/pqrsd/seguimiento/informacion',
      ...upload,
    });
    expect(sent.statusCode).toBe(200);
    const detail = (await people.official.get(`/api/v1/pqrsd/solicitudes/${row!.id}`)).json();
    expect(detail.case).toMatchObject({ state: 'en_tramite', clockStatus: 'running' });
    expect(detail.attachments).toHaveLength(1);
    const again = await t.anonymous.request({
      method: 'POST',
      url: '/api/v1/pqrsd/seguimiento/informacion',
      ...upload,
    });
    expect(again.statusCode).toBe(409);
  });

  it('transfers to the competent authority and tells the citizen', async () => {
    const people = await team();
    const { radicado } = (await fileAnonymously()).json();
    const [row] = await t.platform.ctx.db.select().from(pqrsdRequest);
    const missing = await act(people.coordinator, row!.id, {
      action: 'trasladar',
      comment: 'No es nuestra.',
    });
    expect(missing.json().field).toBe('transferTo');
    const moved = await act(people.coordinator, row!.id, {
      action: 'trasladar',
      transferTo: 'Área Metropolitana de Bucaramanga',
      comment: 'El transporte público metropolitano es competencia del AMB.',
    });
    expect(moved.json().case.state).toBe('trasladada');
    const [step] = await t.platform.ctx.db
      .select()
      .from(workflowTransition)
      .where(and(eq(workflowTransition.caseId, row!.caseId), eq(workflowTransition.action, 'trasladar')));
    expect(step!.data).toMatchObject({ transferredInTime: true });
    const tracked = (await track(radicado, '1098765432')).json();
    expect(tracked.transferredTo).toBe('Área Metropolitana de Bucaramanga');
    const mails = await t.platform.ctx.db
      .select()
      .from(notificationOutbox)
      .where(eq(notificationOutbox.recipient, 'ana.prueba@correo.test'));
    expect(mails.some((mail) => mail.bodyText.includes('Área Metropolitana'))).toBe(true);
  });

  it('extends the term once, before it runs out, up to double', async () => {
    const people = await team();
    await fileAnonymously();
    const [row] = await t.platform.ctx.db.select().from(pqrsdRequest);
    await act(people.coordinator, row!.id, {
      action: 'asignar',
      assignTo: { userId: people.official.userId },
    });
    const detail = (await people.official.get(`/api/v1/pqrsd/solicitudes/${row!.id}`)).json();
    expect(detail.mayExtend).toBe(true);
    const tooLong = await people.official.post(`/api/v1/pqrsd/solicitudes/${row!.id}/prorroga`, {
      newDueOn: `${Number(detail.case.dueOn.slice(0, 4)) + 1}${detail.case.dueOn.slice(4)}`,
      reason: 'Se requiere visita técnica al predio.',
    });
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.json().field).toBe('newDueOn');
    const due = new Date(`${detail.case.dueOn}T12:00:00Z`);
    due.setUTCDate(due.getUTCDate() + 7);
    const extended = await people.official.post(`/api/v1/pqrsd/solicitudes/${row!.id}/prorroga`, {
      newDueOn: due.toISOString().slice(0, 10),
      reason: 'Se requiere visita técnica al predio.',
    });
    expect(extended.statusCode).toBe(200);
    expect(extended.json().case.dueOn > detail.case.dueOn).toBe(true);
    expect(extended.json().extendedUntil).toBe(extended.json().case.dueOn);
    const twice = await people.official.post(`/api/v1/pqrsd/solicitudes/${row!.id}/prorroga`, {
      newDueOn: extended.json().case.dueOn,
      reason: 'Otra vez, por favor.',
    });
    expect(twice.statusCode).toBe(409);
  });

  it('marks a duplicate only of an existing radicado', async () => {
    const people = await team();
    const first = (await fileAnonymously()).json();
    await fileAnonymously();
    const second = (await t.platform.ctx.db.select().from(pqrsdRequest)).find(
      (row) => row.radicado !== first.radicado,
    )!;
    const unknown = await act(people.coordinator, second.id, {
      action: 'marcar_duplicada',
      duplicateOf: '2026-PQRSD-999999',
      comment: 'Repetida.',
    });
    expect(unknown.json().field).toBe('duplicateOf');
    const marked = await act(people.coordinator, second.id, {
      action: 'marcar_duplicada',
      duplicateOf: first.radicado,
      comment: 'Repetida.',
    });
    expect(marked.json().case.state).toBe('duplicada');
  });
});

describe('other channels', () => {
  it('files a received e-mail (.eml) once, with its attachments', async () => {
    const people = await team();
    const eml = fs.readFileSync(path.join(FIXTURES, 'multipart-pdf.eml'));
    const upload = () =>
      formData({ field: 'archivo', name: 'mensaje.eml', bytes: eml, type: 'message/rfc822' });
    const first = await people.coordinator.request({
      method: 'POST',
      url: '/api/v1/pqrsd/correo/eml',
      ...upload(),
    });
    expect(first.statusCode).toBe(201);
    const again = await people.coordinator.request({
      method: 'POST',
      url: '/api/v1/pqrsd/correo/eml',
      ...upload(),
    });
    expect(again.statusCode).toBe(200);
    expect(again.json().radicado).toBe(first.json().radicado);
    const [row] = await t.platform.ctx.db.select().from(pqrsdRequest);
    expect(row).toMatchObject({ channel: 'correo' });
    expect(row!.petitionerEmail).toContain('@');
    expect(row!.attachmentFileIds.length).toBeGreaterThan(0);
    const auto = fs.readFileSync(path.join(FIXTURES, 'auto-reply.eml'));
    const skipped = await people.coordinator.request({
      method: 'POST',
      url: '/api/v1/pqrsd/correo/eml',
      ...formData({ field: 'archivo', name: 'auto.eml', bytes: auto }),
    });
    expect(skipped.statusCode).toBe(422);
    const notAnEmail = await people.coordinator.request({
      method: 'POST',
      url: '/api/v1/pqrsd/correo/eml',
      ...formData({ field: 'archivo', name: 'x.eml', bytes: PDF }),
    });
    expect(notAnEmail.statusCode).toBe(422);
    expect(notAnEmail.json().field).toBe('archivo');
  });

  it('registers a request at the counter only for coordinators', async () => {
    const people = await team();
    const refused = await people.official.post('/api/v1/pqrsd/ventanilla', petition());
    expect(refused.statusCode).toBe(403);
    const registered = await people.coordinator.post(
      '/api/v1/pqrsd/ventanilla',
      petition({ acceptsPrivacyPolicy: undefined }),
    );
    expect(registered.statusCode).toBe(201);
    const [row] = await t.platform.ctx.db.select().from(pqrsdRequest);
    expect(row).toMatchObject({ channel: 'ventanilla', registeredByUserId: people.coordinator.userId });
  });
});

describe('reports', () => {
  it('counts by type and channel, and exports without personal data', async () => {
    const people = await team();
    await fileAnonymously();
    await fileAnonymously(petition({ type: 'queja', category: 'convivencia' }));
    const today = toBogotaDate(new Date());
    const report = await people.coordinator.get(
      `/api/v1/pqrsd/informes?desde=${today.slice(0, 8)}01&hasta=${today}`,
    );
    expect(report.statusCode).toBe(200);
    const body = report.json();
    expect(body.received).toBe(2);
    expect(body.byType.map((entry: { type: string }) => entry.type).sort()).toEqual(['peticion', 'queja']);
    expect(body.byChannel).toEqual([{ channel: 'web', label: 'Sede electrónica', count: 2 }]);
    expect(body.pending).toBe(2);
    const csv = await people.coordinator.get(
      `/api/v1/pqrsd/informes.csv?desde=${today.slice(0, 8)}01&hasta=${today}`,
    );
    expect(csv.body.split('\r\n').filter(Boolean)).toHaveLength(3);
    expect(csv.body).not.toContain('Ana Prueba');
    expect(csv.body).not.toContain('1098765432');
    const reversed = await people.coordinator.get(`/api/v1/pqrsd/informes?desde=${today}&hasta=2020-01-01`);
    expect(reversed.statusCode).toBe(400);
    expect(
      (await people.official.get(`/api/v1/pqrsd/informes?desde=${today}&hasta=${today}`)).statusCode,
    ).toBe(403);
    const open = await t.anonymous.get('/api/v1/datos-abiertos/pqrsd-mensual.csv');
    expect(open.statusCode).toBe(200);
    expect(open.body).toContain('mes,tipo,canal,dependencia');
  });
});

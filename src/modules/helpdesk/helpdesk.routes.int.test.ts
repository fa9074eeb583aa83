import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { systemActor } from '../../platform/authz/actor.ts';
import { workflowCase, workflowTransition } from '../../platform/workflow/workflow.schema.ts';
import { formData } from '../../test/multipart.ts';
import { createTestApp, TEST_PASSWORD, type TestApp, type TestSession } from '../../test/test-app.ts';
import { testDatabaseKind } from '../../test/test-database.ts';
import { helpdeskTicket } from './helpdesk.schema.ts';

const BASE = '/api/v1/mesa-de-ayuda';
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
// The first bytes of a Windows executable (MZ header), renamed as a PDF.
const EXE = Buffer.concat([Buffer.from('4d5a90000300000004000000ffff0000', 'hex'), Buffer.alloc(256, 0)]);

let t: TestApp;
let serial = 0;

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());
beforeEach(async () => {
  await t.reset();
});

/** An official of a dependencia with roles, signed in. */
async function official(dependenciaCode: string, roles: string[]): Promise<TestSession> {
  serial += 1;
  const email = `mda.${serial}.${process.pid}@alcaldia.test`;
  await t.platform.identity.createOfficial(systemActor(t.tenantId, 'prueba'), {
    tenantId: t.tenantId,
    documentType: 'CC',
    documentNumber: String(1_200_000_000 + ((process.pid * 100 + serial) % 99_999_999)),
    fullName: `Funcionaria ${dependenciaCode} ${serial}`,
    email,
    dependenciaCode,
    roles,
    password: TEST_PASSWORD,
  });
  return t.login(email);
}

const ticketBody = (extra: Record<string, unknown> = {}) => ({
  category: 'equipos',
  priority: 'alta',
  subject: 'La impresora del piso 3 no imprime',
  description: 'Desde esta mañana la impresora compartida muestra error de papel atascado.',
  ...extra,
});

function openTicket(session: TestSession, body: Record<string, unknown> = ticketBody(), key?: string) {
  return session.request({
    method: 'POST',
    url: `${BASE}/tickets`,
    payload: body,
    headers: key ? { 'idempotency-key': key } : {},
  });
}

async function upload(session: TestSession, name: string, bytes: Buffer) {
  const { payload, headers } = formData({ name, bytes, type: 'application/pdf' });
  return session.request({ method: 'POST', url: '/api/v1/files', payload, headers });
}

const act = (session: TestSession, id: string, action: string, comment?: string) =>
  session.post(`${BASE}/tickets/${id}/acciones`, { action, ...(comment ? { comment } : {}) });

describe(`the help desk over HTTP on ${testDatabaseKind()}`, () => {
  it('opens a ticket with an attachment: numbered 2026-MDA-000001, visible to the technician with its file', async () => {
    const requester = await official('planeacion', ['funcionario']);
    const file = await upload(requester, 'pantallazo.pdf', PDF);
    expect(file.statusCode).toBe(201);
    const opened = await openTicket(
      requester,
      ticketBody({ attachmentFileIds: [file.json().id] }),
      randomUUID(),
    );
    expect(opened.statusCode).toBe(201);
    const ticket = opened.json();
    const year = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Bogota', year: 'numeric' }).format(
      new Date(),
    );
    expect(ticket.number).toBe(`${year}-MDA-000001`);
    expect(ticket).toMatchObject({
      state: 'abierto',
      category: 'equipos',
      priority: 'alta',
      requester: { dependencia: 'Secretaría de Planeación' },
      assignee: null,
      sla: { firstResponse: { hours: 2, status: 'pendiente' }, solution: { hours: 9, status: 'pendiente' } },
    });
    expect(ticket.attachments).toHaveLength(1);
    expect(ticket.timeline.map((step: { action: string }) => step.action)).toEqual(['abrir']);

    const technician = await official('tic', ['funcionario', 'tecnico_tic']);
    const seen = await technician.get(`${BASE}/tickets/${ticket.id}`);
    expect(seen.statusCode).toBe(200);
    const download = await technician.get(ticket.attachments[0].url);
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.rawPayload.equals(PDF)).toBe(true);
    // Another official neither sees the ticket nor its file.
    const stranger = await official('hacienda', ['funcionario']);
    expect((await stranger.get(`${BASE}/tickets/${ticket.id}`)).statusCode).toBe(404);
    expect((await stranger.get(ticket.attachments[0].url)).statusCode).toBe(404);
  });

  it('gives 20 racing requests 20 distinct, gap-free numbers', async () => {
    const requester = await official('planeacion', ['funcionario']);
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        openTicket(requester, ticketBody({ subject: `Solicitud concurrente ${index}` }), randomUUID()),
      ),
    );
    expect(responses.map((response) => response.statusCode)).toEqual(Array(20).fill(201));
    const numbers = responses
      .map((response) => Number(response.json().number.slice(-6)))
      .sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: 20 }, (_, index) => index + 1));
  });

  it('returns the same ticket for a retried request, also when the copies race, and refuses the key for another', async () => {
    const requester = await official('planeacion', ['funcionario']);
    const key = randomUUID();
    const first = await openTicket(requester, ticketBody(), key);
    const again = await openTicket(requester, ticketBody(), key);
    expect(first.statusCode).toBe(201);
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(first.json().id);

    const raceKey = randomUUID();
    const racing = await Promise.all(
      Array.from({ length: 5 }, () =>
        openTicket(requester, ticketBody({ subject: 'Otro problema' }), raceKey),
      ),
    );
    expect(new Set(racing.map((response) => response.json().id)).size).toBe(1);
    expect(racing.filter((response) => response.statusCode === 201)).toHaveLength(1);
    const rows = await t.platform.ctx.db.select().from(helpdeskTicket);
    expect(rows).toHaveLength(2);
    // The numbers stay gap-free: the losers' numbers went back.
    expect(rows.map((row) => row.number.slice(-6)).sort()).toEqual(['000001', '000002']);

    const reused = await openTicket(requester, ticketBody({ subject: 'Algo distinto' }), key);
    expect(reused.statusCode).toBe(409);
    expect(reused.json()).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED', field: 'Idempotency-Key' });
    const malformed = await openTicket(requester, ticketBody(), 'x');
    expect(malformed.json()).toMatchObject({ status: 400, field: 'Idempotency-Key' });
  });

  it('refuses an executable renamed .pdf, and a file that is not the requester’s', async () => {
    const requester = await official('planeacion', ['funcionario']);
    const disguised = await upload(requester, 'informe.pdf', EXE);
    expect(disguised.statusCode).toBe(415);
    expect(disguised.json()).toMatchObject({ code: 'FILE_TYPE_NOT_ALLOWED', field: 'file' });
    expect(disguised.json().detail).toMatch(/no está permitido/);

    const other = await official('hacienda', ['funcionario']);
    const theirs = (await upload(other, 'ajeno.pdf', PDF)).json();
    const refused = await openTicket(requester, ticketBody({ attachmentFileIds: [theirs.id] }));
    expect(refused.statusCode).toBe(422);
    expect(refused.json()).toMatchObject({ code: 'ADJUNTO_INVALIDO', field: 'attachmentFileIds.0' });
    expect(await t.platform.ctx.db.select().from(helpdeskTicket)).toHaveLength(0);
    expect(await t.platform.ctx.db.select().from(workflowCase)).toHaveLength(0);
  });

  it('answers bad input with 400 naming the field, in Spanish, and writes nothing', async () => {
    const requester = await official('planeacion', ['funcionario']);
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ ...ticketBody(), category: undefined }, 'category', /categoría es obligatoria/],
      [{ ...ticketBody(), priority: undefined }, 'priority', /prioridad es obligatoria/],
      [{ ...ticketBody(), priority: 'urgente' }, 'priority', /use una de critica, alta, media, baja/],
      [{ ...ticketBody(), subject: undefined }, 'subject', /asunto es obligatorio/],
      [{ ...ticketBody(), description: 'corta' }, 'description', /al menos 10 caracteres/],
      [{ ...ticketBody(), category: 'impresoras' }, 'category', /no existe/],
      [{ ...ticketBody(), attachmentFileIds: ['abc'] }, 'attachmentFileIds.0', /identificador/],
    ];
    for (const [body, field, message] of cases) {
      const response = await openTicket(requester, body);
      expect(response.statusCode, field).toBe(400);
      expect(response.json().field, JSON.stringify(body)).toBe(field);
      expect(response.json().detail).toMatch(message);
    }
    const citizen = await t.loginAs('citizen');
    expect((await openTicket(citizen)).json()).toMatchObject({
      status: 403,
      code: 'MESA_AYUDA_SOLO_FUNCIONARIOS',
    });
    expect((await t.anonymous.post(`${BASE}/tickets`, ticketBody())).statusCode).toBe(401);
    expect(await t.platform.ctx.db.select().from(helpdeskTicket)).toHaveLength(0);
  });

  it('lets only technicians take and only the assigned one resolve; the first response is stamped when taken', async () => {
    const requester = await official('planeacion', ['funcionario']);
    const ticket = (await openTicket(requester)).json();
    const technician = await official('tic', ['funcionario', 'tecnico_tic']);
    const colleague = await official('tic', ['funcionario', 'tecnico_tic']);

    expect((await requester.post(`${BASE}/tickets/${ticket.id}/tomar`)).statusCode).toBe(403);
    const notTaken = await act(technician, ticket.id, 'resolver', 'Listo');
    expect(notTaken.statusCode).toBe(409);
    expect(notTaken.json().code).toBe('WORKFLOW_ACTION_NOT_ALLOWED_HERE');

    const taken = await technician.post(`${BASE}/tickets/${ticket.id}/tomar`);
    expect(taken.statusCode).toBe(200);
    expect(taken.json()).toMatchObject({ state: 'en_atencion', assignee: { id: technician.userId } });
    expect(taken.json().firstResponseAt).not.toBeNull();
    expect(taken.json().sla.firstResponse.status).toBe('cumplido');
    // Taken twice: the second technician finds it no longer open.
    expect((await colleague.post(`${BASE}/tickets/${ticket.id}/tomar`)).statusCode).toBe(409);

    for (const session of [requester, colleague]) {
      const refused = await act(session, ticket.id, 'resolver', 'Cambié el tóner.');
      expect(refused.statusCode).toBe(403);
      expect(refused.json().code).toBe('WORKFLOW_ROLE_NOT_ALLOWED');
    }
    const noNote = await act(technician, ticket.id, 'resolver');
    expect(noNote.statusCode).toBe(400);
    expect(noNote.json().field).toBe('comment');
    const resolved = await act(technician, ticket.id, 'resolver', 'Se cambió el rodillo de la impresora.');
    expect(resolved.statusCode).toBe(200);
    expect(resolved.json()).toMatchObject({ state: 'resuelto', sla: { solution: { status: 'cumplido' } } });
    expect(resolved.json().resolvedAt).not.toBeNull();
    expect(resolved.json().reopenUntil).not.toBeNull();
  });

  it('hides internal notes from the requester, and a requester’s answer resumes a ticket that waited for it', async () => {
    const requester = await official('planeacion', ['funcionario']);
    const ticket = (await openTicket(requester)).json();
    const technician = await official('tic', ['funcionario', 'tecnico_tic']);
    await technician.post(`${BASE}/tickets/${ticket.id}/tomar`);
    const note = await technician.post(`${BASE}/tickets/${ticket.id}/comentarios`, {
      comment: 'Revisar garantía con el proveedor.',
      internal: true,
    });
    expect(note.statusCode).toBe(201);
    expect(
      (await requester.post(`${BASE}/tickets/${ticket.id}/comentarios`, { comment: 'x', internal: true }))
        .statusCode,
    ).toBe(403);
    const waiting = await act(technician, ticket.id, 'esperar_usuario', '¿Qué modelo de impresora es?');
    expect(waiting.json()).toMatchObject({ state: 'esperando_usuario', dueCategory: 'pausado' });

    const answered = await requester.post(`${BASE}/tickets/${ticket.id}/comentarios`, {
      comment: 'Es una HP LaserJet M404.',
    });
    expect(answered.statusCode).toBe(201);
    const view = answered.json();
    expect(view.state).toBe('en_atencion');
    expect(view.timeline.map((step: { action: string }) => step.action)).toEqual([
      'abrir',
      'tomar',
      'esperar_usuario',
      'reanudar',
    ]);
    const staffView = (await technician.get(`${BASE}/tickets/${ticket.id}`)).json();
    expect(staffView.timeline.some((step: { internal: boolean }) => step.internal)).toBe(true);
  });

  it('lets the requester rate once after the solution, and only the requester', async () => {
    const requester = await official('planeacion', ['funcionario']);
    const ticket = (await openTicket(requester)).json();
    const technician = await official('tic', ['funcionario', 'tecnico_tic']);
    const rate = (session: TestSession, score: number) =>
      session.post(`${BASE}/tickets/${ticket.id}/calificacion`, { score, comment: 'Rápido y amable.' });

    expect((await rate(requester, 5)).json().code).toBe('TICKET_SIN_SOLUCION');
    await technician.post(`${BASE}/tickets/${ticket.id}/tomar`);
    await act(technician, ticket.id, 'resolver', 'Se reinició el servicio de impresión.');
    expect((await rate(requester, 0)).json().field).toBe('score');
    expect((await rate(technician, 5)).json()).toMatchObject({ status: 403, code: 'SOLO_EL_SOLICITANTE' });
    const rated = await rate(requester, 4);
    expect(rated.statusCode).toBe(200);
    expect(rated.json()).toMatchObject({ satisfaction: 4, permissions: { rate: false } });
    const twice = await Promise.all([rate(requester, 1), rate(requester, 2)]);
    expect(twice.map((response) => response.json().code)).toEqual([
      'TICKET_YA_CALIFICADO',
      'TICKET_YA_CALIFICADO',
    ]);
    const [row] = await t.platform.ctx.db
      .select()
      .from(helpdeskTicket)
      .where(eq(helpdeskTicket.id, ticket.id));
    expect(row!.satisfaction).toBe(4);
  });

  it('reopens within the window, counting it, and refuses it to anyone but the requester', async () => {
    const requester = await official('planeacion', ['funcionario']);
    const ticket = (await openTicket(requester)).json();
    const technician = await official('tic', ['funcionario', 'tecnico_tic']);
    await technician.post(`${BASE}/tickets/${ticket.id}/tomar`);
    await act(technician, ticket.id, 'resolver', 'Se cambió el cable de red.');
    expect((await act(technician, ticket.id, 'reabrir', 'Sigue igual')).json()).toMatchObject({
      status: 403,
      code: 'SOLO_EL_SOLICITANTE',
    });
    expect((await act(requester, ticket.id, 'reabrir')).json().field).toBe('comment');
    const reopened = await act(requester, ticket.id, 'reabrir', 'Se volvió a caer la conexión.');
    expect(reopened.statusCode).toBe(200);
    expect(reopened.json()).toMatchObject({ state: 'en_atencion', reopenCount: 1, resolvedAt: null });
  });

  it('refuses any action on a closed ticket with 409 and changes nothing', async () => {
    const requester = await official('planeacion', ['funcionario']);
    const ticket = (await openTicket(requester)).json();
    const technician = await official('tic', ['funcionario', 'tecnico_tic']);
    const coordinator = await official('tic', ['funcionario', 'mesa_ayuda', 'tecnico_tic']);
    await technician.post(`${BASE}/tickets/${ticket.id}/tomar`);
    await act(technician, ticket.id, 'resolver', 'Se reemplazó el disco.');
    const closed = await act(requester, ticket.id, 'confirmar');
    expect(closed.json()).toMatchObject({ state: 'cerrado', closed: true, actions: [] });

    const { db } = t.platform.ctx;
    const before = {
      ticket: await db.select().from(helpdeskTicket).where(eq(helpdeskTicket.id, ticket.id)),
      kase: await db.select().from(workflowCase),
      steps: await db.select().from(workflowTransition),
    };
    const attempts = [
      act(requester, ticket.id, 'reabrir', 'Sigue fallando.'),
      act(technician, ticket.id, 'resolver', 'Otra vez.'),
      act(requester, ticket.id, 'cancelar', 'Ya no.'),
      requester.post(`${BASE}/tickets/${ticket.id}/comentarios`, { comment: 'Hola' }),
      coordinator.post(`${BASE}/tickets/${ticket.id}/asignar`, { technicianId: technician.userId }),
      coordinator.post(`${BASE}/tickets/${ticket.id}/prioridad`, {
        priority: 'baja',
        reason: 'No era urgente.',
      }),
      technician.post(`${BASE}/tickets/${ticket.id}/tomar`),
    ];
    for (const response of await Promise.all(attempts)) {
      expect(response.statusCode, response.body).toBe(409);
      expect(response.json().detail).toMatch(/está cerrado/);
    }
    expect(await db.select().from(helpdeskTicket).where(eq(helpdeskTicket.id, ticket.id))).toEqual(
      before.ticket,
    );
    expect(await db.select().from(workflowCase)).toEqual(before.kase);
    expect(await db.select().from(workflowTransition)).toHaveLength(before.steps.length);
  });

  it('lets the coordinator assign only to a technician, and the technician’s queue count it', async () => {
    const requester = await official('planeacion', ['funcionario']);
    const ticket = (await openTicket(requester, ticketBody({ priority: 'critica' }))).json();
    const technician = await official('tic', ['funcionario', 'tecnico_tic']);
    const notTechnician = await official('tic', ['funcionario']);
    const coordinator = await official('tic', ['funcionario', 'mesa_ayuda']);
    expect(
      (await technician.post(`${BASE}/tickets/${ticket.id}/asignar`, { technicianId: technician.userId }))
        .statusCode,
    ).toBe(403);
    const wrong = await coordinator.post(`${BASE}/tickets/${ticket.id}/asignar`, {
      technicianId: notTechnician.userId,
    });
    expect(wrong.json()).toMatchObject({ status: 422, code: 'TECNICO_INVALIDO', field: 'technicianId' });
    const staff = (await coordinator.get(`${BASE}/tecnicos`)).json().items;
    expect(staff.map((row: { id: string }) => row.id)).toEqual([technician.userId]);
    const assigned = await coordinator.post(`${BASE}/tickets/${ticket.id}/asignar`, {
      technicianId: technician.userId,
    });
    expect(assigned.json()).toMatchObject({ state: 'asignado', assignee: { id: technician.userId } });
    // Assigning is not an answer to the requester.
    expect(assigned.json().firstResponseAt).toBeNull();

    const queue = (await technician.get(`${BASE}/cola?vista=mios`)).json();
    expect(queue.items.map((item: { number: string }) => item.number)).toEqual([ticket.number]);
    expect(queue.items[0]).toMatchObject({ dependencia: 'Secretaría de Planeación', priority: 'critica' });
    expect(queue.counts.total).toBe(1);
    expect((await requester.get(`${BASE}/cola`)).statusCode).toBe(403);
    const bad = await technician.get(`${BASE}/cola?categoria=urgente`);
    expect(bad.json()).toMatchObject({ status: 400, field: 'categoria' });

    const mine = (await requester.get(`${BASE}/tickets?estado=abiertos`)).json();
    expect(mine).toMatchObject({
      total: 1,
      items: [{ number: ticket.number, assignee: expect.any(String) }],
    });
  });

  it('serves the reports by dependencia with the seed’s TOTAL row, to those allowed', async () => {
    const planeacion = await official('planeacion', ['funcionario']);
    const hacienda = await official('hacienda', ['funcionario']);
    await openTicket(planeacion);
    await openTicket(planeacion, ticketBody({ category: 'red' }));
    await openTicket(hacienda, ticketBody({ category: 'red', priority: 'media' }));
    const technician = await official('tic', ['funcionario', 'tecnico_tic']);
    const coordinator = await official('tic', ['funcionario', 'mesa_ayuda']);
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Bogota' }).format(new Date());
    const query = `desde=${today.slice(0, 8)}01&hasta=${today}`;
    expect((await technician.get(`${BASE}/informes?${query}`)).statusCode).toBe(403);
    const report = (await coordinator.get(`${BASE}/informes?${query}`)).json();
    expect(report.totals.tickets).toBe(3);
    expect(report.byDependencia).toEqual([
      { dependenciaId: expect.any(String), name: 'Secretaría de Hacienda', tickets: 1, percent: 33.3 },
      { dependenciaId: expect.any(String), name: 'Secretaría de Planeación', tickets: 2, percent: 66.7 },
    ]);
    expect(
      report.byCategory.map((row: { code: string; tickets: number }) => [row.code, row.tickets]),
    ).toEqual([
      ['red', 2],
      ['equipos', 1],
    ]);
    const csv = await coordinator.get(`${BASE}/informes.csv?${query}`);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.body).toBe(
      '\uFEFFdependencia;solicitudes;porcentaje\r\nSecretaría de Hacienda;1;33,3\r\nSecretaría de Planeación;2;66,7\r\nTOTAL;3;100\r\n',
    );
    const detail = await coordinator.get(`${BASE}/informes.csv?${query}&tabla=tickets`);
    expect(detail.body.split('\r\n').filter(Boolean)).toHaveLength(4);
    const backwards = await coordinator.get(`${BASE}/informes?desde=${today}&hasta=2020-01-01`);
    expect(backwards.json()).toMatchObject({ status: 400, field: 'hasta' });
  });

  it('lists the requester’s own tickets only', async () => {
    const mine = await official('planeacion', ['funcionario']);
    const theirs = await official('planeacion', ['funcionario']);
    await openTicket(mine);
    await openTicket(theirs);
    const list = (await mine.get(`${BASE}/tickets`)).json();
    expect(list).toMatchObject({ total: 1, items: [{ number: expect.stringMatching(/-MDA-/) }] });
    const other = (await theirs.get(`${BASE}/tickets`)).json();
    expect(other.items[0].id).not.toBe(list.items[0].id);
    expect((await mine.get(`${BASE}/tickets/${other.items[0].id}`)).statusCode).toBe(404);
  });
});

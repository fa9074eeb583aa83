// The help desk's time-dependent behaviour on a clock the test moves: the reopen window, the automatic
// closing, a priority change with a pause, and the report's figures on a small data set whose business
// hours are known by hand. The same database and tenant as the full app; an engine of its own on that clock.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createAuditService } from '../../platform/audit/audit.service.ts';
import { type Actor, systemActor } from '../../platform/authz/actor.ts';
import { permissionsOfRoles } from '../../platform/authz/catalogue.ts';
import { appUser } from '../../platform/identity/identity.schema.ts';
import { notificationOutbox } from '../../platform/notifications/notifications.schema.ts';
import { createWorkflowEngine, type WorkflowEngine } from '../../platform/workflow/engine/index.ts';
import { workflowTransition } from '../../platform/workflow/workflow.schema.ts';
import { createTestApp, type TestApp } from '../../test/test-app.ts';
import { testDatabaseKind } from '../../test/test-database.ts';
import { createHelpdeskModule, type HelpdeskModule } from './helpdesk.module.ts';
import { helpdeskTicket } from './helpdesk.schema.ts';
import type { OpenTicketInput } from './helpdesk.service.ts';

const bogota = (local: string) => new Date(`${local}-05:00`);
const HOUR = 3_600_000;

let t: TestApp;
let engine: WorkflowEngine;
let helpdesk: HelpdeskModule;
const clock = { now: bogota('2026-03-02T08:00:00') };
let serial = 0;

beforeAll(async () => {
  t = await createTestApp();
  const { ctx } = t.platform;
  const now = () => clock.now;
  engine = createWorkflowEngine({ db: ctx.db, audit: createAuditService(ctx.db), now });
  helpdesk = createHelpdeskModule({ ...ctx, now, workflow: engine });
});
afterAll(async () => t.close());
beforeEach(async () => {
  await t.reset();
  clock.now = bogota('2026-03-02T08:00:00');
});

async function official(dependenciaCode: string, roles: string[], fullName?: string): Promise<Actor> {
  serial += 1;
  const { id } = await t.platform.identity.createOfficial(systemActor(t.tenantId, 'prueba'), {
    tenantId: t.tenantId,
    documentType: 'CC',
    documentNumber: String(1_300_000_000 + ((process.pid * 100 + serial) % 99_999_999)),
    fullName: fullName ?? `Funcionario ${dependenciaCode} ${serial}`,
    email: `mda.reloj.${serial}.${process.pid}@alcaldia.test`,
    dependenciaCode,
    roles,
  });
  const [user] = await t.platform.ctx.db.select().from(appUser).where(eq(appUser.id, id));
  return {
    userId: id,
    tenantId: t.tenantId,
    label: `${user!.fullName} <${user!.email}>`,
    kind: 'official',
    permissions: new Set(permissionsOfRoles(roles)),
    roles: new Set(roles),
    dependenciaId: user!.dependenciaId,
  };
}

const input = (extra: Partial<OpenTicketInput> = {}): OpenTicketInput => ({
  category: 'equipos',
  priority: 'alta',
  subject: 'El computador no enciende',
  description: 'Desde el lunes el equipo no arranca; la luz de encendido parpadea.',
  ...extra,
});

/** Opens a ticket at a Bogotá wall-clock time. */
async function openAt(local: string, actor: Actor, extra: Partial<OpenTicketInput> = {}) {
  clock.now = bogota(local);
  return (await helpdesk.service.open(actor, input(extra))).ticket.id;
}

async function at<T>(local: string, step: () => Promise<T>): Promise<T> {
  clock.now = bogota(local);
  return step();
}

describe(`the help desk on a moving clock (${testDatabaseKind()})`, () => {
  it('reopens until the end of the 5th business day after the solution, then refuses with 409 and changes nothing', async () => {
    const requester = await official('planeacion', ['funcionario']);
    const technician = await official('tic', ['funcionario', 'tecnico_tic']);
    const { service } = helpdesk;
    const id = await openAt('2026-03-02T08:00:00', requester);
    await at('2026-03-02T08:30:00', () => service.take(technician, id));
    // Solved on Friday 20 March 2026; Monday 23 is a holiday, so the window runs to Monday 30 March.
    await at('2026-03-20T15:00:00', () =>
      service.act(technician, id, 'resolver', { comment: 'Fuente cambiada.' }),
    );
    const solved = await service.get(requester, id);
    expect(solved.reopenUntil).toBe(bogota('2026-03-30T23:59:59.999').toISOString());

    await at('2026-03-31T00:00:00', async () => {
      const before = await t.platform.ctx.db.select().from(workflowTransition);
      await expect(
        service.act(requester, id, 'reabrir', { comment: 'Volvió a fallar.' }),
      ).rejects.toMatchObject({
        status: 409,
        code: 'VENTANA_REAPERTURA_VENCIDA',
        detail: expect.stringContaining('venció el 30 de marzo de 2026'),
      });
      expect(await t.platform.ctx.db.select().from(workflowTransition)).toHaveLength(before.length);
      const page = await service.get(requester, id);
      expect(page).toMatchObject({ state: 'resuelto', reopenCount: 0 });
      expect(page.actions.map((action) => action.code)).toEqual(['confirmar']);
    });

    // The last minute of the window still reopens.
    await at('2026-03-30T23:59:00', () =>
      service.act(requester, id, 'reabrir', { comment: 'Volvió a fallar.' }),
    );
    expect(await service.get(requester, id)).toMatchObject({ state: 'en_atencion', reopenCount: 1 });
  });

  it('closes a solved ticket by itself when the window runs out, and tells the requester', async () => {
    const requester = await official('planeacion', ['funcionario']);
    const technician = await official('tic', ['funcionario', 'tecnico_tic']);
    const { service } = helpdesk;
    const id = await openAt('2026-03-02T08:00:00', requester);
    await at('2026-03-02T08:30:00', () => service.take(technician, id));
    await at('2026-03-02T09:00:00', () => service.act(technician, id, 'resolver', { comment: 'Listo.' }));
    clock.now = bogota('2026-03-09T23:00:00');
    expect((await engine.sweep()).automatic).toBe(0);
    clock.now = bogota('2026-03-10T00:00:01');
    expect((await engine.sweep()).automatic).toBe(1);
    const page = await service.get(requester, id);
    expect(page).toMatchObject({
      state: 'cerrado',
      closed: true,
      closedAt: bogota('2026-03-10T00:00:01').toISOString(),
    });
    const [ticket] = await t.platform.ctx.db.select().from(helpdeskTicket).where(eq(helpdeskTicket.id, id));
    expect(ticket!.closedAt?.toISOString()).toBe(bogota('2026-03-10T00:00:01').toISOString());
    const mails = await t.platform.ctx.db.select().from(notificationOutbox);
    expect(mails.map((mail) => mail.subject)).toEqual(
      expect.arrayContaining([expect.stringMatching(/fue resuelto/), expect.stringMatching(/se cerró/)]),
    );
    // Closed now: rating is still allowed, once.
    await service.rate(requester, id, { score: 5 });
    await expect(service.act(requester, id, 'reabrir', { comment: 'Otra vez.' })).rejects.toMatchObject({
      code: 'TICKET_CERRADO',
    });
  });

  it('keeps the paused time when the priority changes: the new SLA counts from the opening', async () => {
    const requester = await official('planeacion', ['funcionario']);
    const technician = await official('tic', ['funcionario', 'tecnico_tic']);
    const coordinator = await official('tic', ['funcionario', 'mesa_ayuda']);
    const { service } = helpdesk;
    const id = await openAt('2026-03-02T08:00:00', requester, { priority: 'alta' });
    await at('2026-03-02T08:30:00', () => service.take(technician, id));
    await at('2026-03-02T09:00:00', () =>
      service.act(technician, id, 'esperar_usuario', { comment: '¿Qué número de inventario tiene?' }),
    );
    // The requester answers the next day at 09:00: 9 business hours waited (09:00–16:30 and 07:30–09:00).
    await at('2026-03-03T09:00:00', () => service.comment(requester, id, { comment: 'Es el 4711.' }));
    const ticket = (
      await t.platform.ctx.db.select().from(helpdeskTicket).where(eq(helpdeskTicket.id, id))
    )[0]!;
    const kaseBefore = await engine.get(t.tenantId, ticket.caseId);
    const pausedBefore = engine.clockOf(kaseBefore).clock;
    expect(pausedBefore.paused).toEqual({ unit: 'businessHours', milliseconds: 9 * HOUR });
    // Alta (9 h): 1 h used on Monday, 8 h left from 09:00 Tuesday (7.5 h that day) → Wednesday 08:00.
    expect(kaseBefore.dueAt.toISOString()).toBe(bogota('2026-03-04T08:00:00').toISOString());

    await at('2026-03-03T10:00:00', () =>
      service.changePriority(coordinator, id, {
        priority: 'critica',
        reason: 'Es el equipo de la ventanilla.',
      }),
    );
    const kaseAfter = await engine.get(t.tenantId, ticket.caseId);
    const after = engine.clockOf(kaseAfter).clock;
    expect(after.paused).toEqual(pausedBefore.paused);
    expect(after.pausedSpans).toHaveLength(1);
    // Crítica (4 h) from the opening: 1 h Monday, 1 h Tuesday 09:00–10:00 so far, due at 12:00 Tuesday.
    expect(kaseAfter.dueAt.toISOString()).toBe(bogota('2026-03-03T12:00:00').toISOString());
    const page = await service.get(requester, id);
    expect(page).toMatchObject({ priority: 'critica', sla: { solution: { hours: 4, status: 'pendiente' } } });
    expect(page.sla.solution.dueAt).toBe(bogota('2026-03-03T12:00:00').toISOString());
    expect(page.timeline.at(-1)).toMatchObject({ action: 'cambiar_prioridad', priority: 'critica' });
    // The technician who has it may change it too; a requester may not.
    await expect(
      service.changePriority(requester, id, { priority: 'baja', reason: 'No es tan grave.' }),
    ).rejects.toMatchObject({ status: 403 });
  });

  it('reports tickets by dependencia, category and technician, times in business hours and SLA compliance', async () => {
    const planeacion = await official('planeacion', ['funcionario']);
    const hacienda = await official('hacienda', ['funcionario']);
    const a = await official('tic', ['funcionario', 'tecnico_tic'], 'Técnica Ana');
    const b = await official('tic', ['funcionario', 'tecnico_tic'], 'Técnico Bruno');
    const { service, reports } = helpdesk;

    // T1 alta: answered in 0.5 h, solved in 2 h, confirmed and rated 5.
    const t1 = await openAt('2026-03-02T08:00:00', planeacion, { priority: 'alta' });
    // T2 crítica: answered in 1.5 h (missed 1 h), 9 h waiting for the requester, solved in 3 h (met 4 h), rated 3.
    const t2 = await openAt('2026-03-02T08:00:00', planeacion, { priority: 'critica', category: 'red' });
    // T3 media: answered after 9 h (missed 4 h), solved after 27 h (missed 18 h).
    const t3 = await openAt('2026-03-02T08:00:00', hacienda, { priority: 'media', category: 'red' });
    // T4 baja: cancelled by the requester before any answer: in no SLA figure.
    const t4 = await openAt('2026-03-02T08:00:00', hacienda, { priority: 'baja' });
    await at('2026-03-02T08:30:00', () => service.take(a, t1));
    await at('2026-03-02T09:00:00', () => service.act(hacienda, t4, 'cancelar', { comment: 'Ya funciona.' }));
    await at('2026-03-02T09:30:00', () => service.take(b, t2));
    await at('2026-03-02T10:00:00', () => service.act(a, t1, 'resolver', { comment: 'Memoria cambiada.' }));
    await at('2026-03-02T10:00:00', () => service.act(b, t2, 'esperar_usuario', { comment: '¿Qué piso?' }));
    await at('2026-03-02T11:00:00', () => service.act(planeacion, t1, 'confirmar'));
    await at('2026-03-02T11:00:00', () => service.rate(planeacion, t1, { score: 5 }));
    // T5 baja, opened Tuesday and never answered: its first response (9 h) is overdue by Thursday.
    const t5 = await openAt('2026-03-03T08:00:00', planeacion, { priority: 'baja', category: 'otro' });
    await at('2026-03-03T08:00:00', () => service.take(a, t3));
    await at('2026-03-03T10:00:00', () => service.comment(planeacion, t2, { comment: 'Piso 2.' }));
    await at('2026-03-03T11:00:00', () => service.act(b, t2, 'resolver', { comment: 'Switch reiniciado.' }));
    await at('2026-03-03T12:00:00', () => service.rate(planeacion, t2, { score: 3 }));
    await at('2026-03-05T08:00:00', () => service.act(a, t3, 'resolver', { comment: 'Cableado nuevo.' }));
    expect(t5).toBeTruthy();

    clock.now = bogota('2026-03-05T12:00:00');
    const report = await reports.summary(t.tenantId, '2026-03-01', '2026-03-31');
    expect(report.totals).toEqual({
      tickets: 5,
      open: 3,
      resolved: 3,
      closed: 1,
      cancelled: 1,
      reopened: 0,
      rated: 2,
      satisfactionAverage: 4,
    });
    expect(report.byDependencia).toEqual([
      { dependenciaId: hacienda.dependenciaId, name: 'Secretaría de Hacienda', tickets: 2, percent: 40 },
      { dependenciaId: planeacion.dependenciaId, name: 'Secretaría de Planeación', tickets: 3, percent: 60 },
    ]);
    expect(report.firstResponse).toEqual({
      measured: 4,
      met: 1,
      missed: 3,
      pending: 0,
      compliancePercent: 25,
      meanHours: 3.67,
      medianHours: 1.5,
    });
    expect(report.solution).toEqual({
      measured: 3,
      met: 2,
      missed: 1,
      pending: 1,
      compliancePercent: 66.7,
      meanHours: 10.67,
      medianHours: 3,
    });
    const byPriority = Object.fromEntries(report.byPriority.map((row) => [row.priority, row]));
    expect(byPriority.critica).toMatchObject({
      tickets: 1,
      firstResponse: { met: 0, missed: 1, meanHours: 1.5 },
      solution: { met: 1, compliancePercent: 100, meanHours: 3 },
    });
    expect(byPriority.alta).toMatchObject({
      firstResponse: { compliancePercent: 100, meanHours: 0.5 },
      solution: { compliancePercent: 100, meanHours: 2 },
    });
    expect(byPriority.media).toMatchObject({
      firstResponse: { compliancePercent: 0, meanHours: 9 },
      solution: { compliancePercent: 0, meanHours: 27 },
    });
    expect(byPriority.baja).toMatchObject({
      tickets: 2,
      firstResponse: { measured: 1, missed: 1, meanHours: null },
      solution: { measured: 0, pending: 1, compliancePercent: null },
    });
    expect(
      report.byTechnician.map((row) => [
        row.name,
        row.tickets,
        row.resolved,
        row.solution.compliancePercent,
        row.solution.meanHours,
        row.satisfactionAverage,
      ]),
    ).toEqual([
      ['Sin asignar', 2, 0, null, null, null],
      ['Técnica Ana', 2, 2, 50, 14.5, 5],
      ['Técnico Bruno', 1, 1, 100, 3, 3],
    ]);
    expect(
      report.byCategory.map((row) => [row.code, row.tickets, row.resolved, row.solution.compliancePercent]),
    ).toEqual([
      ['equipos', 2, 1, 100],
      ['red', 2, 2, 50],
      ['otro', 1, 0, null],
    ]);
    const csv = await reports.exportCsv(t.tenantId, '2026-03-01', '2026-03-31', 'prioridades');
    expect(csv.split('\r\n')[1]).toBe('Crítica;1;4;1;0;1,5;1,5;100;3;3');
    // Outside the period: nothing.
    expect((await reports.summary(t.tenantId, '2026-04-01', '2026-04-30')).totals.tickets).toBe(0);
  });
});

import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  createTestTenant,
  getTestDatabase,
  resetDatabase,
  testDatabaseKind,
} from '../../../test/test-database.ts';
import { createAuditService } from '../../audit/audit.service.ts';
import type { Actor } from '../../authz/actor.ts';
import { systemActor } from '../../authz/actor.ts';
import type { DatabaseHandle } from '../../db/database.ts';
import { appUser, dependencia, userRole } from '../../identity/identity.schema.ts';
import { loadWorkflowDefinition } from '../definition/index.ts';
import { workflowCase, workflowTransition } from '../workflow.schema.ts';
import { createWorkflowEngine, type WorkflowEngine } from './index.ts';

// A small workflow with every feature the engine interprets: assignment, a pausing state with its own
// SLA and automatic action, a head-of-dependencia approval and closing states.
const definition = loadWorkflowDefinition({
  code: 'prueba',
  label: 'Flujo de prueba',
  version: 1,
  initial: 'nuevo',
  states: [
    { code: 'nuevo', label: 'Nuevo' },
    { code: 'asignado', label: 'Asignado' },
    {
      code: 'esperando',
      label: 'Esperando al ciudadano',
      pausesClock: true,
      sla: { unit: 'businessDays', amount: 2 },
      onSlaExceeded: 'desistir',
    },
    { code: 'revision', label: 'En revisión' },
    { code: 'resuelto', label: 'Resuelto', final: true },
    { code: 'desistido', label: 'Desistido', final: true },
  ],
  actions: [
    {
      code: 'asignar',
      label: 'Asignar',
      from: ['nuevo', 'asignado'],
      to: 'asignado',
      roles: ['coordinador', 'jefe'],
      requiresAssignee: false,
      assigns: true,
    },
    {
      code: 'pedir_info',
      label: 'Pedir información',
      from: ['asignado'],
      to: 'esperando',
      roles: ['assignee'],
      requiresComment: true,
    },
    {
      code: 'recibir_info',
      label: 'Recibir información',
      from: ['esperando'],
      to: 'asignado',
      roles: ['assignee'],
    },
    { code: 'desistir', label: 'Desistimiento', from: ['esperando'], to: 'desistido', roles: ['system'] },
    { code: 'proyectar', label: 'Proyectar', from: ['asignado'], to: 'revision', roles: ['assignee'] },
    { code: 'aprobar', label: 'Aprobar', from: ['revision'], to: 'resuelto', roles: ['jefe'] },
  ],
});

// Monday 2 March 2026, 10:00 Bogotá (15:00 UTC): an ordinary business day.
const MONDAY = new Date('2026-03-02T15:00:00Z');
const at = (iso: string) => new Date(iso);

interface World {
  database: DatabaseHandle;
  engine: WorkflowEngine;
  clock: { now: Date };
  tenantId: string;
  office: string;
  otherOffice: string;
  coordinator: Actor;
  official: Actor;
  otherOfficial: Actor;
  head: Actor;
  otherHead: Actor;
  mail: { to: string; subject: string }[];
}

async function makeWorld(): Promise<World> {
  const database = await getTestDatabase();
  await resetDatabase(database);
  const tenant = await createTestTenant(database);
  const { db } = database;
  const [office, otherOffice] = await db
    .insert(dependencia)
    .values([
      { tenantId: tenant.id, code: 'planeacion', name: 'Secretaría de Planeación' },
      { tenantId: tenant.id, code: 'hacienda', name: 'Secretaría de Hacienda' },
    ])
    .returning();
  let serial = 0;
  async function official(name: string, dependenciaId: string, roles: string[]): Promise<Actor> {
    serial += 1;
    const [user] = await db
      .insert(appUser)
      .values({
        tenantId: tenant.id,
        kind: 'official',
        documentType: 'CC',
        documentNumber: String(9_999_100_000 + serial),
        fullName: name,
        email: `funcionario${serial}@alcaldia.test`,
        dependenciaId,
      })
      .returning();
    if (roles.length > 0) await db.insert(userRole).values(roles.map((role) => ({ userId: user!.id, role })));
    return {
      userId: user!.id,
      tenantId: tenant.id,
      label: name,
      kind: 'official',
      permissions: new Set(),
      roles: new Set(roles),
      dependenciaId,
    };
  }
  const clock = { now: MONDAY };
  const mail: World['mail'] = [];
  const engine = createWorkflowEngine({
    db,
    audit: createAuditService(db),
    now: () => clock.now,
    async notify(_tx, message) {
      mail.push({ to: message.to, subject: message.subject });
    },
  });
  engine.register({
    definition,
    warnBusinessDays: 2,
    filingClosesAt: '17:00',
    dependenciaScopedRoles: ['jefe'],
    headRole: 'jefe',
  });
  return {
    database,
    engine,
    clock,
    tenantId: tenant.id,
    office: office!.id,
    otherOffice: otherOffice!.id,
    coordinator: await official('Coordinadora', office!.id, ['coordinador']),
    official: await official('Funcionario A', office!.id, []),
    otherOfficial: await official('Funcionario B', otherOffice!.id, []),
    head: await official('Jefe de Planeación', office!.id, ['jefe']),
    otherHead: await official('Jefe de Hacienda', otherOffice!.id, ['jefe']),
    mail,
  };
}

async function openCase(world: World, reference = 'P-1', days = 15, openedAt = MONDAY) {
  return world.database.db.transaction((tx) =>
    world.engine.open(
      tx,
      {
        tenantId: world.tenantId,
        workflow: 'prueba',
        reference,
        subject: `Caso ${reference}`,
        sla: { unit: 'businessDays', amount: days },
        openedAt,
        dependenciaId: world.office,
      },
      systemActor(world.tenantId),
    ),
  );
}

function act(
  world: World,
  actor: Actor,
  caseId: string,
  action: string,
  extra: Record<string, unknown> = {},
) {
  return world.database.db.transaction((tx) =>
    world.engine.act(tx, { tenantId: world.tenantId, caseId, action, ...extra }, actor),
  );
}

describe(`workflow engine on ${testDatabaseKind()}`, () => {
  let world: World;
  beforeEach(async () => {
    world = await makeWorld();
  });

  it('opens a case with its due date in Colombian business days and logs the opening', async () => {
    const kase = await openCase(world);
    // Filed Monday 2 March 2026; the term counts from Tuesday 3 and skips the San José holiday
    // (Monday 23 March), so the 15th business day is Tuesday 24 March.
    expect(kase.state).toBe('nuevo');
    expect(kase.dueOn).toBe('2026-03-24');
    expect(kase.clockStatus).toBe('running');
    const history = await world.engine.history(kase.id);
    expect(history.map((step) => [step.seq, step.action, step.toState])).toEqual([[1, 'abrir', 'nuevo']]);
  });

  it('refuses to act on an unassigned case, then lets only the assignee act', async () => {
    const kase = await openCase(world);
    await expect(act(world, world.official, kase.id, 'proyectar')).rejects.toMatchObject({ status: 409 });
    await act(world, world.coordinator, kase.id, 'asignar', { assignTo: { userId: world.official.userId } });
    await expect(act(world, world.coordinator, kase.id, 'proyectar')).rejects.toMatchObject({
      code: 'WORKFLOW_ROLE_NOT_ALLOWED',
    });
    const { case: moved } = await act(world, world.official, kase.id, 'proyectar');
    expect(moved.state).toBe('revision');
    expect(moved.assigneeUserId).toBe(world.official.userId);
  });

  it('assigns only to an active official of the case dependencia, or moves the case with its new dependencia', async () => {
    const kase = await openCase(world);
    await expect(
      act(world, world.coordinator, kase.id, 'asignar', { assignTo: { userId: world.otherOfficial.userId } }),
    ).rejects.toMatchObject({ status: 422, field: 'assignTo' });
    const { case: moved, transition } = await act(world, world.coordinator, kase.id, 'asignar', {
      assignTo: { userId: world.otherOfficial.userId, dependenciaId: world.otherOffice },
    });
    expect(moved.dependenciaId).toBe(world.otherOffice);
    expect(transition.data).toMatchObject({ assigneeUserId: world.otherOfficial.userId });
  });

  it('lets a head approve only cases of their own dependencia', async () => {
    const kase = await openCase(world);
    await act(world, world.coordinator, kase.id, 'asignar', { assignTo: { userId: world.official.userId } });
    await act(world, world.official, kase.id, 'proyectar');
    await expect(act(world, world.otherHead, kase.id, 'aprobar')).rejects.toMatchObject({ status: 403 });
    const { case: closed } = await act(world, world.head, kase.id, 'aprobar');
    expect(closed).toMatchObject({ state: 'resuelto', outcome: 'resuelto', clockStatus: 'stopped' });
    expect(closed.closedAt).not.toBeNull();
  });

  it('refuses any action on a closed case and changes nothing', async () => {
    const kase = await openCase(world);
    await act(world, world.coordinator, kase.id, 'asignar', { assignTo: { userId: world.official.userId } });
    await act(world, world.official, kase.id, 'proyectar');
    await act(world, world.head, kase.id, 'aprobar');
    const before = await world.engine.get(world.tenantId, kase.id);
    await expect(
      act(world, world.coordinator, kase.id, 'asignar', { assignTo: { userId: world.official.userId } }),
    ).rejects.toMatchObject({ code: 'WORKFLOW_CASE_CLOSED', status: 409 });
    await expect(
      world.database.db.transaction((tx) =>
        world.engine.note(
          tx,
          { tenantId: world.tenantId, caseId: kase.id, comment: 'otra cosa' },
          world.official,
        ),
      ),
    ).rejects.toMatchObject({ code: 'WORKFLOW_CASE_CLOSED' });
    expect(await world.engine.get(world.tenantId, kase.id)).toEqual(before);
    expect(await world.engine.history(kase.id)).toHaveLength(4);
  });

  it('requires a comment where the workflow says so', async () => {
    const kase = await openCase(world);
    await act(world, world.coordinator, kase.id, 'asignar', { assignTo: { userId: world.official.userId } });
    await expect(act(world, world.official, kase.id, 'pedir_info', { comment: '  ' })).rejects.toMatchObject({
      field: 'comment',
    });
  });

  it('pauses the clock while waiting for the citizen and moves the due date by the paused business days', async () => {
    const kase = await openCase(world);
    await act(world, world.coordinator, kase.id, 'asignar', { assignTo: { userId: world.official.userId } });
    const { case: paused } = await act(world, world.official, kase.id, 'pedir_info', {
      comment: 'Adjunte el certificado de tradición.',
    });
    expect(paused.clockStatus).toBe('paused');
    expect(paused.stateDueAt).not.toBeNull();
    // Resume the next Monday: Tuesday–Friday and Monday (5 business days from Mon 2 Mar 10:00) paused.
    world.clock.now = at('2026-03-09T15:00:00Z');
    const { case: resumed } = await act(world, world.official, kase.id, 'recibir_info');
    expect(resumed.clockStatus).toBe('running');
    expect(resumed.stateDueAt).toBeNull();
    expect(resumed.dueOn > kase.dueOn).toBe(true);
    const { clock } = world.engine.clockOf(resumed);
    expect(clock.pausedSpans).toHaveLength(1);
  });

  it('keeps the paused time when the term changes (type change or extension)', async () => {
    const kase = await openCase(world, 'P-2', 10);
    await act(world, world.coordinator, kase.id, 'asignar', { assignTo: { userId: world.official.userId } });
    await act(world, world.official, kase.id, 'pedir_info', { comment: 'Falta la dirección.' });
    world.clock.now = at('2026-03-05T15:00:00Z');
    const { case: resumed } = await act(world, world.official, kase.id, 'recibir_info');
    const pausedDays = world.engine.clockOf(resumed).clock.paused;
    const { case: changed } = await world.database.db.transaction((tx) =>
      world.engine.changeSla(
        tx,
        {
          tenantId: world.tenantId,
          caseId: kase.id,
          sla: { unit: 'businessDays', amount: 20 },
          caseType: 'consulta',
          reason: 'Era una consulta.',
        },
        world.official,
      ),
    );
    const after = world.engine.clockOf(changed).clock;
    expect(after.paused).toEqual(pausedDays);
    expect(after.pausedSpans).toHaveLength(1);
    expect(changed.caseType).toBe('consulta');
    expect(changed.dueOn > resumed.dueOn).toBe(true);
  });

  it('runs the automatic action when a state SLA runs out, once, even if two sweeps race', async () => {
    const kase = await openCase(world);
    await act(world, world.coordinator, kase.id, 'asignar', { assignTo: { userId: world.official.userId } });
    await act(world, world.official, kase.id, 'pedir_info', { comment: 'Falta el plano.' });
    world.clock.now = at('2026-03-04T15:00:00Z');
    expect((await world.engine.sweep()).automatic).toBe(0);
    world.clock.now = at('2026-03-05T15:00:00Z');
    const results = await Promise.all([world.engine.sweep(), world.engine.sweep()]);
    expect(results.reduce((sum, result) => sum + result.automatic, 0)).toBeGreaterThanOrEqual(1);
    const closed = await world.engine.get(world.tenantId, kase.id);
    expect(closed).toMatchObject({ state: 'desistido', clockStatus: 'stopped' });
    const steps = await world.engine.history(kase.id);
    expect(steps.filter((step) => step.action === 'desistir')).toHaveLength(1);
    expect(steps.at(-1)?.actorLabel).toBe('motor de flujos');
  });

  it('takes a step once per idempotency key, and only one of two racing steps from the same state', async () => {
    const kase = await openCase(world);
    await act(world, world.coordinator, kase.id, 'asignar', { assignTo: { userId: world.official.userId } });
    const same = await Promise.allSettled(
      Array.from({ length: 10 }, () =>
        act(world, world.official, kase.id, 'proyectar', { idempotencyKey: 'k-1' }),
      ),
    );
    expect(same.every((outcome) => outcome.status === 'fulfilled')).toBe(true);
    expect((await world.engine.history(kase.id)).filter((step) => step.action === 'proyectar')).toHaveLength(
      1,
    );

    const other = await openCase(world, 'P-3');
    await act(world, world.coordinator, other.id, 'asignar', { assignTo: { userId: world.official.userId } });
    const racing = await Promise.allSettled([
      act(world, world.official, other.id, 'proyectar'),
      act(world, world.official, other.id, 'pedir_info', { comment: 'Falta un dato.' }),
    ]);
    expect(racing.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
    const steps = await world.engine.history(other.id);
    expect(steps.map((step) => step.seq)).toEqual([1, 2, 3]);
  });

  it('refuses a step on a version the actor did not see', async () => {
    const kase = await openCase(world);
    await expect(
      act(world, world.coordinator, kase.id, 'asignar', {
        assignTo: { userId: world.official.userId },
        expectedVersion: 7,
      }),
    ).rejects.toMatchObject({ code: 'WORKFLOW_STALE' });
  });

  it('lists a dependencia inbox soonest-due first with vencido, vence hoy, por vencer and pausado filters', async () => {
    // Due dates: P-a opened long ago (overdue), P-b due today, P-c in 2 business days, P-d far.
    const overdue = await openCase(world, 'P-a', 1, at('2026-02-02T15:00:00Z'));
    const today = await openCase(world, 'P-b', 1, at('2026-02-27T15:00:00Z'));
    const soon = await openCase(world, 'P-c', 2, MONDAY);
    const far = await openCase(world, 'P-d', 30, MONDAY);
    const pausedCase = await openCase(world, 'P-e', 30, MONDAY);
    await act(world, world.coordinator, pausedCase.id, 'asignar', {
      assignTo: { userId: world.official.userId },
    });
    await act(world, world.official, pausedCase.id, 'pedir_info', { comment: 'Falta algo.' });
    const inbox = (category?: 'vencido' | 'vence_hoy' | 'por_vencer' | 'en_termino' | 'pausado') =>
      world.engine.inbox({
        tenantId: world.tenantId,
        workflow: 'prueba',
        dependenciaId: world.office,
        category,
        limit: 50,
      });
    const all = await inbox();
    expect(all.items.slice(0, 3).map((item) => item.reference)).toEqual(['P-a', 'P-b', 'P-c']);
    expect(all.items.map((item) => item.category)).toEqual(
      expect.arrayContaining(['vencido', 'vence_hoy', 'por_vencer', 'en_termino', 'pausado']),
    );
    expect((await inbox('vencido')).items.map((item) => item.id)).toEqual([overdue.id]);
    expect((await inbox('vence_hoy')).items.map((item) => item.id)).toEqual([today.id]);
    expect((await inbox('por_vencer')).items.map((item) => item.id)).toEqual([soon.id]);
    expect((await inbox('en_termino')).items.map((item) => item.id)).toEqual([far.id]);
    expect((await inbox('pausado')).items.map((item) => item.id)).toEqual([pausedCase.id]);
    const counts = await world.engine.inboxCounts({
      tenantId: world.tenantId,
      workflow: 'prueba',
      dependenciaId: world.office,
    });
    expect(counts).toEqual({ total: 5, vencido: 1, vence_hoy: 1, por_vencer: 1, en_termino: 1, pausado: 1 });
    const other = await world.engine.inbox({
      tenantId: world.tenantId,
      workflow: 'prueba',
      dependenciaId: world.otherOffice,
      limit: 50,
    });
    expect(other.items).toEqual([]);
  });

  it('pages the inbox by keyset without repeating or skipping a case', async () => {
    for (let index = 0; index < 7; index += 1) await openCase(world, `K-${index}`, 5 + (index % 3));
    const seen: string[] = [];
    let after: { dueAt: Date; id: string } | null = null;
    do {
      const page: Awaited<ReturnType<WorkflowEngine['inbox']>> = await world.engine.inbox({
        tenantId: world.tenantId,
        workflow: 'prueba',
        dependenciaId: world.office,
        limit: 3,
        after,
      });
      seen.push(...page.items.map((item) => item.reference));
      after = page.next;
    } while (after);
    expect(seen).toHaveLength(7);
    expect(new Set(seen).size).toBe(7);
  });

  it('alerts the assignee once before the due date and the head once when overdue', async () => {
    const kase = await openCase(world, 'P-9', 3);
    await act(world, world.coordinator, kase.id, 'asignar', { assignTo: { userId: world.official.userId } });
    // Due Thursday 5 March; the warning window is 2 business days.
    world.clock.now = at('2026-03-03T15:00:00Z');
    expect((await world.engine.sweep()).dueSoon).toBe(1);
    expect((await world.engine.sweep()).dueSoon).toBe(0);
    world.clock.now = at('2026-03-06T15:00:00Z');
    expect((await world.engine.sweep()).overdue).toBe(1);
    expect((await world.engine.sweep()).overdue).toBe(0);
    const [assignee] = await world.database.db
      .select()
      .from(appUser)
      .where(eq(appUser.id, world.official.userId!));
    const [head] = await world.database.db.select().from(appUser).where(eq(appUser.id, world.head.userId!));
    expect(world.mail.map((message) => message.to)).toEqual([assignee!.email, head!.email]);
    expect(world.mail[1]!.subject).toContain('Vencido');
    const [row] = await world.database.db.select().from(workflowCase).where(eq(workflowCase.id, kase.id));
    expect(row!.escalatedAt).not.toBeNull();
    expect(await world.database.db.select().from(workflowTransition)).toHaveLength(2);
  });
});

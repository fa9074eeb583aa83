import { and, asc, eq, gt, inArray, isNotNull, isNull, lte, or, type SQL, sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { AuditService } from '../../audit/audit.service.ts';
import { type Actor, systemActor } from '../../authz/actor.ts';
import { addBusinessDays } from '../../calendar/index.ts';
import type { Db, DbOrTx } from '../../db/database.ts';
import { AppError, notFound } from '../../http/errors.ts';
import { appUser, dependencia, userRole } from '../../identity/identity.schema.ts';
import {
  appendClockEvent,
  type ClockEvent,
  type ClockState,
  type DueCategory,
  dueCategory,
  type Sla,
} from '../clock/index.ts';
import {
  availableActions,
  checkTransition,
  type WorkflowAction,
  type WorkflowDefinition,
} from '../definition/index.ts';
import { workflowCase, workflowTransition } from '../workflow.schema.ts';
import {
  bogotaToday,
  clockColumns,
  currentClock,
  stateDueAt,
  toClockEvents,
  toStoredClockEvents,
} from './case-clock.ts';

export type CaseRow = typeof workflowCase.$inferSelect;
export type TransitionRow = typeof workflowTransition.$inferSelect;

/** What a module reacts to, inside the transaction of the step (notify the citizen, stamp its own row). */
export interface TransitionEvent {
  case: CaseRow;
  transition: TransitionRow;
  action: WorkflowAction | null;
  actor: Actor;
}

export interface WorkflowHooks {
  afterTransition?(tx: DbOrTx, event: TransitionEvent): Promise<void>;
  /** The case is due within the warning window: tell the assignee. Default: an e-mail. */
  onDueSoon?(tx: DbOrTx, kase: CaseRow, clock: ClockState): Promise<void>;
  /** The case's term ran out: tell the heads of its dependencia. Default: an e-mail. */
  onOverdue?(tx: DbOrTx, kase: CaseRow, clock: ClockState): Promise<void>;
}

export interface WorkflowRegistration {
  definition: WorkflowDefinition;
  /** "Por vencer" window and due-soon alert: business days before the due date (0 = none). */
  warnBusinessDays: number;
  /** Business-day terms: filings at or after this Bogotá time count for the next business day. */
  filingClosesAt: string | null;
  /** Roles that only count on cases of the holder's own dependencia (a head of dependencia). */
  dependenciaScopedRoles?: readonly string[];
  /** The role told when a case of a dependencia is overdue. */
  headRole?: string;
  hooks?: WorkflowHooks;
}

export interface OpenCaseInput {
  tenantId: string;
  workflow: string;
  reference: string;
  subject: string;
  caseType?: string | null;
  sla: Sla;
  /** The filing instant; the clock starts then. */
  openedAt: Date;
  dependenciaId?: string | null;
  assigneeUserId?: string | null;
  comment?: string | null;
  attachmentFileIds?: string[];
  data?: Record<string, unknown>;
}

export interface ActInput {
  tenantId: string;
  caseId: string;
  action: string;
  comment?: string | null;
  attachmentFileIds?: string[];
  /** For actions that assign: the official who gets the case and, optionally, a new dependencia. */
  assignTo?: { userId: string; dependenciaId?: string | null } | null;
  data?: Record<string, unknown>;
  idempotencyKey?: string | null;
  /** Refuse the step when someone else changed the case since the page was loaded. */
  expectedVersion?: number | null;
}

export interface ActResult {
  case: CaseRow;
  transition: TransitionRow;
  /** The same idempotency key was already used: nothing new happened. */
  replayed: boolean;
}

export interface InboxQuery {
  tenantId: string;
  workflow: string;
  dependenciaId?: string | null;
  assigneeUserId?: string | null;
  category?: Exclude<DueCategory, 'cerrado'> | null;
  caseType?: string | null;
  limit: number;
  /** Keyset cursor: the last row's dueAt and id, from the previous page. */
  after?: { dueAt: Date; id: string } | null;
}

export interface InboxItem {
  id: string;
  reference: string;
  subject: string;
  caseType: string | null;
  state: string;
  stateLabel: string;
  dependenciaId: string | null;
  assigneeUserId: string | null;
  dueAt: Date;
  dueOn: string;
  clockStatus: string;
  category: DueCategory;
  openedAt: Date;
}

export type WorkflowEngine = ReturnType<typeof createWorkflowEngine>;

export interface WorkflowEngineDependencies {
  db: Db;
  audit: AuditService;
  now(): Date;
  logger?: Logger;
  /** Sends the default alert and escalation e-mails (the platform's notification outbox). */
  notify?(tx: DbOrTx, input: { tenantId: string; to: string; subject: string; text: string }): Promise<void>;
}

const caseClosed = (label: string) =>
  new AppError(409, 'WORKFLOW_CASE_CLOSED', `El caso está cerrado (${label}): no admite cambios.`, 'action');

/**
 * The case engine (issue 4): opens cases, takes actions on them under their workflow's rules, keeps the
 * clock and the transition log, answers inboxes and runs the escalations. Modules register their
 * workflow once and call it inside their own transactions, so a step and the module's own changes
 * commit together.
 */
export function createWorkflowEngine(deps: WorkflowEngineDependencies) {
  const { db, audit, now } = deps;
  const registry = new Map<string, WorkflowRegistration>();

  function register(registration: WorkflowRegistration): void {
    registry.set(registration.definition.code, registration);
  }

  function registrationOf(workflow: string): WorkflowRegistration {
    const found = registry.get(workflow);
    if (!found) throw new Error(`Flujo de trabajo no registrado: ${workflow}`);
    return found;
  }

  const clockOptions = (registration: WorkflowRegistration) => ({
    filingClosesAt: registration.filingClosesAt,
  });

  function stateOf(definition: WorkflowDefinition, code: string) {
    const state = definition.states.find((candidate) => candidate.code === code);
    if (!state) throw new Error(`Estado desconocido «${code}» en el flujo ${definition.code}`);
    return state;
  }

  /** The roles an actor holds on this case: their own, 'assignee' when it is theirs, 'system' for the engine. */
  function rolesOn(registration: WorkflowRegistration, actor: Actor, kase: CaseRow): string[] {
    const scoped = new Set(registration.dependenciaScopedRoles ?? []);
    const roles = [...(actor.roles ?? [])].filter(
      (role) =>
        !scoped.has(role) || (actor.dependenciaId != null && actor.dependenciaId === kase.dependenciaId),
    );
    if (actor.userId && actor.userId === kase.assigneeUserId) roles.push('assignee');
    if (actor.kind === 'system') roles.push('system');
    return roles;
  }

  async function insertTransition(
    tx: DbOrTx,
    values: typeof workflowTransition.$inferInsert,
  ): Promise<TransitionRow> {
    const [row] = await tx.insert(workflowTransition).values(values).returning();
    return row!;
  }

  async function open(tx: DbOrTx, input: OpenCaseInput, actor: Actor): Promise<CaseRow> {
    const registration = registrationOf(input.workflow);
    const { definition } = registration;
    const initial = stateOf(definition, definition.initial);
    const events = appendClockEvent([], { type: 'started', at: input.openedAt, sla: input.sla });
    const columns = clockColumns(events, input.openedAt, clockOptions(registration));
    if (input.dependenciaId) await requireDependencia(tx, input.tenantId, input.dependenciaId);
    const [kase] = await tx
      .insert(workflowCase)
      .values({
        tenantId: input.tenantId,
        workflow: definition.code,
        workflowVersion: definition.version,
        reference: input.reference,
        subject: input.subject,
        caseType: input.caseType ?? null,
        state: initial.code,
        stateEnteredAt: input.openedAt,
        stateDueAt: stateDueAt(initial.sla, input.openedAt),
        dependenciaId: input.dependenciaId ?? null,
        assigneeUserId: input.assigneeUserId ?? null,
        clockEvents: toStoredClockEvents(events),
        ...columns,
        openedAt: input.openedAt,
      })
      .returning();
    const transition = await insertTransition(tx, {
      tenantId: input.tenantId,
      caseId: kase!.id,
      seq: 1,
      action: 'abrir',
      fromState: null,
      toState: initial.code,
      actorUserId: actor.userId,
      actorLabel: actor.label,
      at: input.openedAt,
      comment: input.comment ?? null,
      attachmentFileIds: input.attachmentFileIds ?? [],
      data: { sla: input.sla, ...(input.data ?? {}) },
    });
    await audit.record(tx, actor, {
      action: `${definition.code}.abrir`,
      entityType: 'workflow_case',
      entityId: kase!.id,
      details: { reference: input.reference, state: initial.code },
    });
    await registration.hooks?.afterTransition?.(tx, { case: kase!, transition, action: null, actor });
    return kase!;
  }

  async function requireDependencia(tx: DbOrTx, tenantId: string, dependenciaId: string): Promise<void> {
    const [found] = await tx
      .select({ id: dependencia.id })
      .from(dependencia)
      .where(and(eq(dependencia.tenantId, tenantId), eq(dependencia.id, dependenciaId)));
    if (!found)
      throw new AppError(422, 'VALIDATION_ERROR', 'La dependencia indicada no existe.', 'dependenciaId');
  }

  /** The official who gets a case must be an active official of the case's (new) dependencia. */
  async function requireAssignee(
    tx: DbOrTx,
    tenantId: string,
    userId: string,
    dependenciaId: string | null,
  ): Promise<void> {
    const [official] = await tx
      .select({ kind: appUser.kind, status: appUser.status, dependenciaId: appUser.dependenciaId })
      .from(appUser)
      .where(and(eq(appUser.tenantId, tenantId), eq(appUser.id, userId)));
    if (official?.kind !== 'official' || official.status !== 'active') {
      throw new AppError(
        422,
        'VALIDATION_ERROR',
        'El funcionario indicado no existe o no está activo.',
        'assignTo',
      );
    }
    if (dependenciaId && official.dependenciaId !== dependenciaId) {
      throw new AppError(
        422,
        'VALIDATION_ERROR',
        'El funcionario indicado no pertenece a la dependencia del caso.',
        'assignTo',
      );
    }
  }

  async function lockCase(tx: DbOrTx, tenantId: string, caseId: string): Promise<CaseRow> {
    const [kase] = await tx
      .select()
      .from(workflowCase)
      .where(and(eq(workflowCase.tenantId, tenantId), eq(workflowCase.id, caseId)))
      .for('update');
    if (!kase) throw notFound('El caso no existe.');
    return kase;
  }

  async function replayed(tx: DbOrTx, kase: CaseRow, key: string | null | undefined) {
    if (!key) return null;
    const [previous] = await tx
      .select()
      .from(workflowTransition)
      .where(and(eq(workflowTransition.caseId, kase.id), eq(workflowTransition.idempotencyKey, key)));
    return previous ?? null;
  }

  /** Takes an action on a case: checks the rules, moves the clock, logs the step. Run it in a transaction. */
  async function act(tx: DbOrTx, input: ActInput, actor: Actor): Promise<ActResult> {
    const kase = await lockCase(tx, input.tenantId, input.caseId);
    const previous = await replayed(tx, kase, input.idempotencyKey);
    if (previous) return { case: kase, transition: previous, replayed: true };
    const registration = registrationOf(kase.workflow);
    const { definition } = registration;
    if (input.expectedVersion != null && input.expectedVersion !== kase.version) {
      throw new AppError(
        409,
        'WORKFLOW_STALE',
        'Otra persona cambió este caso mientras usted lo veía. Recargue la página y vuelva a intentarlo.',
        'expectedVersion',
      );
    }
    const { to, action } = checkTransition(definition, {
      state: kase.state,
      action: input.action,
      roles: rolesOn(registration, actor, kase),
      assigneeUserId: kase.assigneeUserId,
      comment: input.comment ?? null,
    });
    const at = now();
    let { dependenciaId, assigneeUserId } = kase;
    if (action.assigns) {
      if (!input.assignTo?.userId)
        throw new AppError(400, 'VALIDATION_ERROR', 'Indique el funcionario que recibe el caso.', 'assignTo');
      const target = input.assignTo.dependenciaId ?? dependenciaId;
      if (target && target !== dependenciaId) await requireDependencia(tx, kase.tenantId, target);
      await requireAssignee(tx, kase.tenantId, input.assignTo.userId, target);
      dependenciaId = target;
      assigneeUserId = input.assignTo.userId;
    }
    const from = stateOf(definition, kase.state);
    let events: readonly ClockEvent[] = toClockEvents(kase.clockEvents);
    const clockAt = latestInstant(events, at);
    if (from.pausesClock && !to.pausesClock && !to.final) {
      events = appendClockEvent(events, { type: 'resumed', at: clockAt });
    }
    if (to.pausesClock && !from.pausesClock) {
      events = appendClockEvent(events, {
        type: 'paused',
        at: clockAt,
        reason: input.comment?.trim() || action.label,
      });
    }
    if (to.final) events = appendClockEvent(events, { type: 'stopped', at: clockAt });
    const columns = clockColumns(events, at, clockOptions(registration));
    const stateChanged = to.code !== kase.state;
    const [updated] = await tx
      .update(workflowCase)
      .set({
        state: to.code,
        stateEnteredAt: stateChanged ? at : kase.stateEnteredAt,
        stateDueAt: stateChanged ? stateDueAt(to.sla, at) : kase.stateDueAt,
        dependenciaId,
        assigneeUserId,
        clockEvents: toStoredClockEvents(events),
        ...columns,
        closedAt: to.final ? at : null,
        outcome: to.final ? to.code : null,
        escalatedAt: columns.dueAt.getTime() > (kase.dueAt?.getTime() ?? 0) ? null : kase.escalatedAt,
        version: kase.version + 1,
        updatedAt: at,
      })
      .where(eq(workflowCase.id, kase.id))
      .returning();
    const transition = await insertTransition(tx, {
      tenantId: kase.tenantId,
      caseId: kase.id,
      seq: kase.version + 1,
      action: action.code,
      fromState: kase.state,
      toState: to.code,
      actorUserId: actor.userId,
      actorLabel: actor.label,
      at,
      comment: input.comment?.trim() || null,
      attachmentFileIds: input.attachmentFileIds ?? [],
      data: {
        ...(input.data ?? {}),
        ...(action.assigns ? { assigneeUserId, dependenciaId } : {}),
      },
      idempotencyKey: input.idempotencyKey ?? null,
    });
    await audit.record(tx, actor, {
      action: `${definition.code}.${action.code}`,
      entityType: 'workflow_case',
      entityId: kase.id,
      details: { reference: kase.reference, from: kase.state, to: to.code },
    });
    await registration.hooks?.afterTransition?.(tx, { case: updated!, transition, action, actor });
    return { case: updated!, transition, replayed: false };
  }

  /**
   * A comment or attachment on a case without changing its state (a follow-up, a technician's note).
   * Only whoever may see the case acts on it: the caller checks that; the engine refuses closed cases.
   */
  async function note(
    tx: DbOrTx,
    input: {
      tenantId: string;
      caseId: string;
      comment: string;
      attachmentFileIds?: string[];
      data?: Record<string, unknown>;
      action?: string;
    },
    actor: Actor,
  ): Promise<TransitionRow> {
    const kase = await lockCase(tx, input.tenantId, input.caseId);
    const registration = registrationOf(kase.workflow);
    if (kase.closedAt) throw caseClosed(stateOf(registration.definition, kase.state).label);
    if (!input.comment.trim())
      throw new AppError(400, 'VALIDATION_ERROR', 'Escriba el comentario.', 'comment');
    const at = now();
    await tx
      .update(workflowCase)
      .set({ version: kase.version + 1, updatedAt: at })
      .where(eq(workflowCase.id, kase.id));
    const transition = await insertTransition(tx, {
      tenantId: kase.tenantId,
      caseId: kase.id,
      seq: kase.version + 1,
      action: input.action ?? 'comentar',
      fromState: kase.state,
      toState: kase.state,
      actorUserId: actor.userId,
      actorLabel: actor.label,
      at,
      comment: input.comment.trim(),
      attachmentFileIds: input.attachmentFileIds ?? [],
      data: input.data ?? null,
    });
    await registration.hooks?.afterTransition?.(tx, {
      case: { ...kase, version: kase.version + 1 },
      transition,
      action: null,
      actor,
    });
    return transition;
  }

  /**
   * Replaces the case's term (its type or priority changed, or an extension was granted): the new SLA
   * counts from the original start and keeps every pause (the Zammad/GLPI bugs of reference-systems §A5).
   */
  async function changeSla(
    tx: DbOrTx,
    input: {
      tenantId: string;
      caseId: string;
      sla: Sla;
      caseType?: string | null;
      reason: string;
      action?: string;
      data?: Record<string, unknown>;
    },
    actor: Actor,
  ): Promise<{ case: CaseRow; transition: TransitionRow }> {
    const kase = await lockCase(tx, input.tenantId, input.caseId);
    const registration = registrationOf(kase.workflow);
    if (kase.closedAt) throw caseClosed(stateOf(registration.definition, kase.state).label);
    if (!input.reason.trim())
      throw new AppError(400, 'VALIDATION_ERROR', 'Explique el motivo del cambio de término.', 'reason');
    const at = now();
    let events: readonly ClockEvent[] = toClockEvents(kase.clockEvents);
    events = appendClockEvent(events, { type: 'slaChanged', at: latestInstant(events, at), sla: input.sla });
    const columns = clockColumns(events, at, clockOptions(registration));
    const [updated] = await tx
      .update(workflowCase)
      .set({
        clockEvents: toStoredClockEvents(events),
        ...columns,
        caseType: input.caseType === undefined ? kase.caseType : input.caseType,
        escalatedAt: columns.dueAt.getTime() > kase.dueAt.getTime() ? null : kase.escalatedAt,
        version: kase.version + 1,
        updatedAt: at,
      })
      .where(eq(workflowCase.id, kase.id))
      .returning();
    const transition = await insertTransition(tx, {
      tenantId: kase.tenantId,
      caseId: kase.id,
      seq: kase.version + 1,
      action: input.action ?? 'cambiar_termino',
      fromState: kase.state,
      toState: kase.state,
      actorUserId: actor.userId,
      actorLabel: actor.label,
      at,
      comment: input.reason.trim(),
      data: { sla: input.sla, previousDueOn: kase.dueOn, dueOn: columns.dueOn, ...(input.data ?? {}) },
    });
    await audit.record(tx, actor, {
      action: `${kase.workflow}.${input.action ?? 'cambiar_termino'}`,
      entityType: 'workflow_case',
      entityId: kase.id,
      details: { reference: kase.reference, dueOn: columns.dueOn },
    });
    await registration.hooks?.afterTransition?.(tx, { case: updated!, transition, action: null, actor });
    return { case: updated!, transition };
  }

  async function get(tenantId: string, caseId: string, tx: DbOrTx = db): Promise<CaseRow> {
    const [kase] = await tx
      .select()
      .from(workflowCase)
      .where(and(eq(workflowCase.tenantId, tenantId), eq(workflowCase.id, caseId)));
    if (!kase) throw notFound('El caso no existe.');
    return kase;
  }

  async function history(caseId: string, tx: DbOrTx = db): Promise<TransitionRow[]> {
    return tx
      .select()
      .from(workflowTransition)
      .where(eq(workflowTransition.caseId, caseId))
      .orderBy(asc(workflowTransition.seq));
  }

  /** The case's clock and inbox category now. */
  function clockOf(kase: CaseRow): { clock: ClockState; category: DueCategory } {
    const registration = registrationOf(kase.workflow);
    const at = now();
    const clock = currentClock(toClockEvents(kase.clockEvents), at, clockOptions(registration));
    return {
      clock,
      category: dueCategory(clock, at, { warnBusinessDays: registration.warnBusinessDays }),
    };
  }

  /** The buttons of a case's page: the actions this actor may take now. */
  function actionsFor(kase: CaseRow, actor: Actor): WorkflowAction[] {
    const registration = registrationOf(kase.workflow);
    if (kase.closedAt) return [];
    return availableActions(registration.definition, kase.state, rolesOn(registration, actor, kase)).filter(
      (action) => !action.requiresAssignee || kase.assigneeUserId || actor.kind === 'system',
    );
  }

  /** Bogotá date boundaries of the inbox categories for today. */
  function categoryBounds(registration: WorkflowRegistration) {
    const at = now();
    const today = bogotaToday(at);
    const warnUntil =
      registration.warnBusinessDays > 0 ? addBusinessDays(today, registration.warnBusinessDays) : today;
    return { at, today, warnUntil };
  }

  function categoryCondition(
    registration: WorkflowRegistration,
    category: InboxQuery['category'],
  ): SQL | undefined {
    const { at, today, warnUntil } = categoryBounds(registration);
    const running = eq(workflowCase.clockStatus, 'running');
    switch (category) {
      case 'vencido':
        return and(running, sql`${workflowCase.dueAt} < ${at.toISOString()}::timestamptz`);
      case 'vence_hoy':
        return and(
          running,
          eq(workflowCase.dueOn, today),
          sql`${workflowCase.dueAt} >= ${at.toISOString()}::timestamptz`,
        );
      case 'por_vencer':
        return and(running, gt(workflowCase.dueOn, today), lte(workflowCase.dueOn, warnUntil));
      case 'en_termino':
        return and(running, gt(workflowCase.dueOn, warnUntil));
      case 'pausado':
        return eq(workflowCase.clockStatus, 'paused');
      default:
        return undefined;
    }
  }

  /**
   * Open cases of a dependencia or of an official, soonest due first, one page at a time (keyset on
   * due_at, id: the same cost on page 1 and page 1,000).
   */
  async function inbox(
    query: InboxQuery,
  ): Promise<{ items: InboxItem[]; next: { dueAt: Date; id: string } | null }> {
    const registration = registrationOf(query.workflow);
    const conditions: (SQL | undefined)[] = [
      eq(workflowCase.tenantId, query.tenantId),
      eq(workflowCase.workflow, query.workflow),
      isNull(workflowCase.closedAt),
      query.dependenciaId ? eq(workflowCase.dependenciaId, query.dependenciaId) : undefined,
      query.assigneeUserId ? eq(workflowCase.assigneeUserId, query.assigneeUserId) : undefined,
      query.caseType ? eq(workflowCase.caseType, query.caseType) : undefined,
      categoryCondition(registration, query.category),
      query.after
        ? or(
            gt(workflowCase.dueAt, query.after.dueAt),
            and(eq(workflowCase.dueAt, query.after.dueAt), gt(workflowCase.id, query.after.id)),
          )
        : undefined,
    ];
    const rows = await db
      .select({
        id: workflowCase.id,
        reference: workflowCase.reference,
        subject: workflowCase.subject,
        caseType: workflowCase.caseType,
        state: workflowCase.state,
        dependenciaId: workflowCase.dependenciaId,
        assigneeUserId: workflowCase.assigneeUserId,
        dueAt: workflowCase.dueAt,
        dueOn: workflowCase.dueOn,
        clockStatus: workflowCase.clockStatus,
        openedAt: workflowCase.openedAt,
      })
      .from(workflowCase)
      .where(and(...conditions))
      .orderBy(asc(workflowCase.dueAt), asc(workflowCase.id))
      .limit(query.limit + 1);
    const { at, today, warnUntil } = categoryBounds(registration);
    const page = rows.slice(0, query.limit);
    const items = page.map((row) => ({
      ...row,
      stateLabel: stateOf(registration.definition, row.state).label,
      category: categoryOfRow(row, at, today, warnUntil),
    }));
    const last = page.at(-1);
    return { items, next: rows.length > query.limit && last ? { dueAt: last.dueAt, id: last.id } : null };
  }

  /** How many open cases fall in each category, for the inbox tabs. */
  async function inboxCounts(
    query: Pick<InboxQuery, 'tenantId' | 'workflow' | 'dependenciaId' | 'assigneeUserId'>,
  ): Promise<Record<Exclude<DueCategory, 'cerrado'> | 'total', number>> {
    const registration = registrationOf(query.workflow);
    const { at, today, warnUntil } = categoryBounds(registration);
    const instant = at.toISOString();
    const [row] = await db
      .select({
        total: sql<number>`count(*)::int`,
        vencido: sql<number>`count(*) filter (where clock_status = 'running' and due_at < ${instant}::timestamptz)::int`,
        vence_hoy: sql<number>`count(*) filter (where clock_status = 'running' and due_on = ${today}::date and due_at >= ${instant}::timestamptz)::int`,
        por_vencer: sql<number>`count(*) filter (where clock_status = 'running' and due_on > ${today}::date and due_on <= ${warnUntil}::date)::int`,
        en_termino: sql<number>`count(*) filter (where clock_status = 'running' and due_on > ${warnUntil}::date)::int`,
        pausado: sql<number>`count(*) filter (where clock_status = 'paused')::int`,
      })
      .from(workflowCase)
      .where(
        and(
          eq(workflowCase.tenantId, query.tenantId),
          eq(workflowCase.workflow, query.workflow),
          isNull(workflowCase.closedAt),
          query.dependenciaId ? eq(workflowCase.dependenciaId, query.dependenciaId) : undefined,
          query.assigneeUserId ? eq(workflowCase.assigneeUserId, query.assigneeUserId) : undefined,
        ),
      );
    return row!;
  }

  /** Officials holding `role` in a dependencia (heads to escalate to, assignable staff). */
  async function officialsOf(tenantId: string, dependenciaId: string, role?: string, tx: DbOrTx = db) {
    const base = tx
      .selectDistinct({ id: appUser.id, fullName: appUser.fullName, email: appUser.email })
      .from(appUser)
      .innerJoin(userRole, eq(userRole.userId, appUser.id));
    return base
      .where(
        and(
          eq(appUser.tenantId, tenantId),
          eq(appUser.kind, 'official'),
          eq(appUser.status, 'active'),
          eq(appUser.dependenciaId, dependenciaId),
          role ? eq(userRole.role, role) : undefined,
        ),
      )
      .orderBy(asc(appUser.fullName));
  }

  /**
   * The escalation sweep (a worker job): runs the automatic action of every state whose own SLA ran
   * out, alerts assignees of cases about to fall due and the heads of dependencia of cases overdue.
   * Each case is handled in its own transaction, so one failure does not block the rest.
   */
  async function sweep(
    batch = 200,
  ): Promise<{ automatic: number; dueSoon: number; overdue: number; failed: number }> {
    const at = now();
    const result = { automatic: 0, dueSoon: 0, overdue: 0, failed: 0 };
    const workflows = [...registry.keys()];
    if (workflows.length === 0) return result;
    const expired = await db
      .select({
        id: workflowCase.id,
        tenantId: workflowCase.tenantId,
        workflow: workflowCase.workflow,
        state: workflowCase.state,
      })
      .from(workflowCase)
      .where(
        and(
          isNull(workflowCase.closedAt),
          isNotNull(workflowCase.stateDueAt),
          lte(workflowCase.stateDueAt, at),
          inArray(workflowCase.workflow, workflows),
        ),
      )
      .limit(batch);
    for (const row of expired) {
      const registration = registrationOf(row.workflow);
      const automatic = stateOf(registration.definition, row.state).onSlaExceeded;
      if (!automatic) continue;
      try {
        await db.transaction((tx) =>
          act(
            tx,
            {
              tenantId: row.tenantId,
              caseId: row.id,
              action: automatic,
              comment: 'Acción automática: venció el término del estado.',
              idempotencyKey: `auto:${row.state}:${row.id}`,
            },
            systemActor(row.tenantId, 'motor de flujos'),
          ),
        );
        result.automatic += 1;
      } catch (error) {
        result.failed += 1;
        deps.logger?.error({ err: error, caseId: row.id }, 'no se pudo aplicar la acción automática');
      }
    }
    for (const workflow of workflows) {
      const registration = registrationOf(workflow);
      const { today, warnUntil } = categoryBounds(registration);
      if (registration.warnBusinessDays > 0) {
        const dueSoon = await db
          .select()
          .from(workflowCase)
          .where(
            and(
              eq(workflowCase.workflow, workflow),
              isNull(workflowCase.closedAt),
              eq(workflowCase.clockStatus, 'running'),
              isNotNull(workflowCase.assigneeUserId),
              sql`${workflowCase.dueOn} >= ${today}::date`,
              lte(workflowCase.dueOn, warnUntil),
              sql`${workflowCase.alertedForDueAt} is distinct from ${workflowCase.dueAt}`,
            ),
          )
          .limit(batch);
        for (const kase of dueSoon) {
          if (await notifyOnce(kase, 'dueSoon')) result.dueSoon += 1;
          else result.failed += 1;
        }
      }
      const overdue = await db
        .select()
        .from(workflowCase)
        .where(
          and(
            eq(workflowCase.workflow, workflow),
            isNull(workflowCase.closedAt),
            eq(workflowCase.clockStatus, 'running'),
            isNull(workflowCase.escalatedAt),
            sql`${workflowCase.dueAt} < ${at.toISOString()}::timestamptz`,
          ),
        )
        .limit(batch);
      for (const kase of overdue) {
        if (await notifyOnce(kase, 'overdue')) result.overdue += 1;
        else result.failed += 1;
      }
    }
    return result;
  }

  async function notifyOnce(kase: CaseRow, kind: 'dueSoon' | 'overdue'): Promise<boolean> {
    const registration = registrationOf(kase.workflow);
    try {
      await db.transaction(async (tx) => {
        const [locked] = await tx
          .select()
          .from(workflowCase)
          .where(eq(workflowCase.id, kase.id))
          .for('update', { skipLocked: true });
        // Another worker has it, or it changed since the scan: the next sweep looks again.
        if (!locked || locked.version !== kase.version) return;
        const { clock } = clockOf(locked);
        if (kind === 'dueSoon') {
          await (registration.hooks?.onDueSoon ?? defaultDueSoon)(tx, locked, clock);
          await tx
            .update(workflowCase)
            .set({ alertedForDueAt: locked.dueAt })
            .where(eq(workflowCase.id, locked.id));
        } else {
          await (registration.hooks?.onOverdue ?? defaultOverdue)(tx, locked, clock);
          await tx.update(workflowCase).set({ escalatedAt: now() }).where(eq(workflowCase.id, locked.id));
          await audit.record(tx, systemActor(locked.tenantId, 'motor de flujos'), {
            action: `${locked.workflow}.escalar_vencido`,
            entityType: 'workflow_case',
            entityId: locked.id,
            details: { reference: locked.reference, dueOn: locked.dueOn },
          });
        }
      });
      return true;
    } catch (error) {
      deps.logger?.error({ err: error, caseId: kase.id, kind }, 'no se pudo enviar la alerta del caso');
      return false;
    }
  }

  async function defaultDueSoon(tx: DbOrTx, kase: CaseRow): Promise<void> {
    if (!deps.notify || !kase.assigneeUserId) return;
    const [assignee] = await tx
      .select({ email: appUser.email, fullName: appUser.fullName })
      .from(appUser)
      .where(eq(appUser.id, kase.assigneeUserId));
    if (!assignee) return;
    await deps.notify(tx, {
      tenantId: kase.tenantId,
      to: assignee.email,
      subject: `Por vencer: ${kase.reference} vence el ${kase.dueOn}`,
      text: `${assignee.fullName}: el caso ${kase.reference} («${kase.subject}») a su cargo vence el ${kase.dueOn}. Respóndalo dentro del término.`,
    });
  }

  async function defaultOverdue(tx: DbOrTx, kase: CaseRow): Promise<void> {
    const registration = registrationOf(kase.workflow);
    if (!deps.notify || !kase.dependenciaId || !registration.headRole) return;
    const heads = await officialsOf(kase.tenantId, kase.dependenciaId, registration.headRole, tx);
    for (const head of heads) {
      await deps.notify(tx, {
        tenantId: kase.tenantId,
        to: head.email,
        subject: `Vencido: ${kase.reference} venció el ${kase.dueOn}`,
        text: `${head.fullName}: el caso ${kase.reference} («${kase.subject}») de su dependencia venció el ${kase.dueOn} sin respuesta. Revise su trámite.`,
      });
    }
  }

  return {
    register,
    definitionOf: (workflow: string) => registrationOf(workflow).definition,
    stateLabel: (workflow: string, state: string) =>
      stateOf(registrationOf(workflow).definition, state).label,
    open,
    act,
    note,
    changeSla,
    get,
    history,
    clockOf,
    actionsFor,
    inbox,
    inboxCounts,
    officialsOf,
    sweep,
  };
}

function categoryOfRow(
  row: { clockStatus: string; dueAt: Date; dueOn: string },
  at: Date,
  today: string,
  warnUntil: string,
): DueCategory {
  if (row.clockStatus === 'stopped') return 'cerrado';
  if (row.clockStatus === 'paused') return 'pausado';
  if (row.dueAt.getTime() < at.getTime()) return 'vencido';
  if (row.dueOn === today) return 'vence_hoy';
  if (row.dueOn <= warnUntil) return 'por_vencer';
  return 'en_termino';
}

/** Clock events must not go back in time: a step taken "now" after a future-dated event lands on it. */
function latestInstant(events: readonly ClockEvent[], at: Date): Date {
  const last = events.at(-1)?.at;
  return last && last.getTime() > at.getTime() ? last : at;
}

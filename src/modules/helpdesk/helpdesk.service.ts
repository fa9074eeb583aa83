import { and, count, desc, eq, inArray, isNotNull, isNull, type SQL, sql } from 'drizzle-orm';
import type { AuditService } from '../../platform/audit/audit.service.ts';
import { type Actor, can } from '../../platform/authz/actor.ts';
import { toBogotaDate } from '../../platform/calendar/index.ts';
import type { Db, DbOrTx } from '../../platform/db/database.ts';
import { isUniqueViolation } from '../../platform/db/errors.ts';
import type { FileService, StoredFileRecord } from '../../platform/files/index.ts';
import { AppError, forbidden, notFound } from '../../platform/http/errors.ts';
import { nextIdentifier } from '../../platform/identifiers/index.ts';
import { appUser, dependencia } from '../../platform/identity/identity.schema.ts';
import type { NotificationService } from '../../platform/notifications/index.ts';
import type { TenantService } from '../../platform/tenancy/tenancy.service.ts';
import { DUE_CATEGORY_LABELS, type DueCategory } from '../../platform/workflow/clock/index.ts';
import type {
  CaseRow,
  InboxItem,
  TransitionEvent,
  TransitionRow,
  WorkflowEngine,
} from '../../platform/workflow/engine/index.ts';
import { workflowCase } from '../../platform/workflow/workflow.schema.ts';
import { HELPDESK_PERMISSIONS as P } from './helpdesk.authz.ts';
import { HelpdeskError } from './helpdesk.errors.ts';
import {
  activeCategory,
  categoryLabel,
  type HelpdeskRules,
  periodAt,
  reopenDeadline,
  slaOf,
  type TicketPriority,
} from './helpdesk.rules.ts';
import { helpdeskTicket } from './helpdesk.schema.ts';
import { fromStoredEvents, measureSla, type SlaMeasure, toHours } from './helpdesk.sla.ts';
import {
  HELPDESK_ACTIONS as A,
  HELPDESK_WORKFLOW,
  REQUESTER_ROLE,
  HELPDESK_STATES as S,
  TECHNICIAN_ROLE,
} from './helpdesk.workflow.ts';

export type TicketRow = typeof helpdeskTicket.$inferSelect;

export const MAX_ATTACHMENTS = 5;
const IDEMPOTENCY_KEY = /^[A-Za-z0-9_\-:.]{8,80}$/;

/** Steps that are not an answer to the requester: they do not stop the first-response clock. */
const NOT_A_RESPONSE = new Set(['abrir', A.assign, 'cambiar_prioridad', 'nota_interna']);

/** What the service needs of the platform. */
export interface HelpdeskServiceDependencies {
  db: Db;
  audit: AuditService;
  files: FileService;
  workflow: WorkflowEngine;
  notifications?: NotificationService;
  tenants?: TenantService;
  publicUrl?: string;
  now(): Date;
  rules(): HelpdeskRules;
}

export interface OpenTicketInput {
  category: string;
  priority: TicketPriority;
  subject: string;
  description: string;
  attachmentFileIds?: string[];
  /** Only for an official without a dependencia: where the support is needed (dependencia code). */
  dependencia?: string | null;
}

export type TicketActionCode =
  | typeof A.start
  | typeof A.waitForUser
  | typeof A.resume
  | typeof A.resolve
  | typeof A.confirm
  | typeof A.reopen
  | typeof A.close
  | typeof A.cancel;

export interface ActOptions {
  comment?: string | null;
  expectedVersion?: number | null;
  idempotencyKey?: string | null;
}

/** An Idempotency-Key header as sent; malformed keys are a 400 naming the header. */
export function checkIdempotencyKey(value: unknown): string | null {
  if (value === undefined || value === null || value === '') return null;
  if (typeof value !== 'string' || !IDEMPOTENCY_KEY.test(value)) {
    throw new HelpdeskError(
      'IDEMPOTENCY_KEY_INVALID',
      'Idempotency-Key: use de 8 a 80 letras, números, guiones, puntos o dos puntos (p. ej. un UUID).',
      'Idempotency-Key',
    );
  }
  return value;
}

const nameOf = (label: string) => label.replace(/\s*<[^>]*>$/, '');

/**
 * The help desk's use cases: officials open tickets and follow them; the Oficina TIC's technicians take,
 * work and resolve them; the coordinator assigns; the requester confirms, reopens within the window and
 * rates. State, technician and the SLA clock live in the ticket's workflow case (config/workflows/helpdesk.json);
 * this service keeps the ticket's own facts (number, category, priority, requester, first response, solution,
 * rating) and answers who may see what.
 */
export function createHelpdeskService(deps: HelpdeskServiceDependencies) {
  const { db, audit, files, workflow, now } = deps;

  // ───────── who may do what ─────────

  function requireOfficial(actor: Actor): void {
    if (!actor.userId) throw new AppError(401, 'UNAUTHENTICATED', 'Debe iniciar sesión para continuar.');
    if (actor.kind !== 'official') {
      throw new HelpdeskError(
        'MESA_AYUDA_SOLO_FUNCIONARIOS',
        'La mesa de ayuda atiende a los funcionarios de la alcaldía: ingrese con su cuenta de funcionario.',
      );
    }
  }

  /** Technicians and coordinators see every ticket; everyone else only the ones they opened. */
  const isStaff = (actor: Actor) => can(actor, P.work) || can(actor, P.assign);

  /** The requester acts on their own ticket with the workflow's relationship role «solicitante». */
  function engineActor(actor: Actor, ticket: TicketRow): Actor {
    if (!actor.userId || actor.userId !== ticket.requesterUserId) return actor;
    return { ...actor, roles: new Set([...(actor.roles ?? []), REQUESTER_ROLE]) };
  }

  const ticketNotFound = () => notFound('El ticket no existe o no es suyo.');

  async function findTicket(tenantId: string, ticketId: string, tx: DbOrTx = db): Promise<TicketRow | null> {
    const [row] = await tx
      .select()
      .from(helpdeskTicket)
      .where(and(eq(helpdeskTicket.tenantId, tenantId), eq(helpdeskTicket.id, ticketId)));
    return row ?? null;
  }

  /** The ticket, if the actor may see it; otherwise 404 (ids cannot be probed). */
  async function visibleTicket(actor: Actor, ticketId: string, tx: DbOrTx = db): Promise<TicketRow> {
    requireOfficial(actor);
    const row = await findTicket(actor.tenantId, ticketId, tx);
    if (!row || (row.requesterUserId !== actor.userId && !isStaff(actor))) throw ticketNotFound();
    return row;
  }

  function requireRequester(actor: Actor, ticket: TicketRow, what: string): void {
    if (ticket.requesterUserId !== actor.userId) {
      throw new HelpdeskError(
        'SOLO_EL_SOLICITANTE',
        `Solo quien abrió el ticket ${ticket.number} puede ${what}.`,
        'action',
      );
    }
  }

  function closedError(ticket: TicketRow, kase: CaseRow, what: string): HelpdeskError {
    const label = workflow.stateLabel(HELPDESK_WORKFLOW, kase.state).toLowerCase();
    return new HelpdeskError(
      'TICKET_CERRADO',
      `El ticket ${ticket.number} está ${label}: no se puede ${what}. Si el problema sigue, abra un ticket nuevo y mencione este número.`,
      'action',
    );
  }

  // ───────── reference data ─────────

  async function officeDependenciaId(tx: DbOrTx, tenantId: string): Promise<string> {
    const code = deps.rules().office.dependencia;
    const [row] = await tx
      .select({ id: dependencia.id })
      .from(dependencia)
      .where(and(eq(dependencia.tenantId, tenantId), eq(dependencia.code, code)));
    if (!row) {
      throw new HelpdeskError(
        'MESA_AYUDA_SIN_OFICINA',
        `La dependencia «${code}» que atiende la mesa de ayuda no existe en este municipio (config/rules/helpdesk.json, office.dependencia).`,
      );
    }
    return row.id;
  }

  /** Categories, priorities with their SLAs, office hours and windows in force today (for the forms). */
  function catalogue() {
    const rules = deps.rules();
    const period = periodAt(rules, now());
    return {
      categories: rules.categories
        .filter((row) => row.active)
        .map(({ code, label, description }) => ({ code, label, description })),
      priorities: (Object.keys(period.priorities) as TicketPriority[]).map((code) => ({
        code,
        ...period.priorities[code],
      })),
      officeHours: period.officeHours,
      reopenWindowBusinessDays: period.reopenWindowBusinessDays,
      warnBusinessDays: period.warnBusinessDays,
    };
  }

  const priorityLabel = (ticket: Pick<TicketRow, 'priority' | 'openedAt'>) =>
    periodAt(deps.rules(), ticket.openedAt).priorities[ticket.priority]?.label ?? ticket.priority;

  /** The technicians of the office (for the coordinator's «assign» list). */
  async function technicians(tenantId: string) {
    const office = await officeDependenciaId(db, tenantId);
    const rows = await workflow.officialsOf(tenantId, office, TECHNICIAN_ROLE);
    return rows.map((row) => ({ id: row.id, fullName: row.fullName }));
  }

  // ───────── attachments ─────────

  /** Attachments must be files the actor uploaded (POST /api/v1/files, checked by magic bytes there). */
  async function checkAttachments(
    actor: Actor,
    ids: readonly string[] | undefined,
    tx: DbOrTx,
  ): Promise<string[]> {
    const unique = [...new Set(ids ?? [])];
    if (unique.length > MAX_ATTACHMENTS) {
      throw new AppError(
        400,
        'VALIDATION_ERROR',
        `attachmentFileIds: adjunte como máximo ${MAX_ATTACHMENTS} archivos.`,
        'attachmentFileIds',
      );
    }
    for (const [index, id] of unique.entries()) {
      const record = await files.findRecord(actor.tenantId, id, tx);
      if (!record || record.ownerUserId !== actor.userId) {
        throw new HelpdeskError(
          'ADJUNTO_INVALIDO',
          `attachmentFileIds[${index}]: el archivo no existe o no lo cargó usted. Cárguelo de nuevo.`,
          `attachmentFileIds.${index}`,
        );
      }
    }
    return unique;
  }

  // ───────── opening ─────────

  async function findByKey(tenantId: string, key: string): Promise<TicketRow | null> {
    const [row] = await db
      .select()
      .from(helpdeskTicket)
      .where(and(eq(helpdeskTicket.tenantId, tenantId), eq(helpdeskTicket.idempotencyKey, key)));
    return row ?? null;
  }

  /** A retried request returns the ticket it created; the same key for something else is a 409. */
  function replay(existing: TicketRow, actor: Actor, input: OpenTicketInput): TicketRow {
    const same =
      existing.requesterUserId === actor.userId &&
      existing.subject === input.subject &&
      existing.description === input.description &&
      existing.category === input.category &&
      existing.priority === input.priority;
    if (!same) {
      throw new HelpdeskError(
        'IDEMPOTENCY_KEY_REUSED',
        'Idempotency-Key: esa clave ya se usó para otro ticket. Use una clave nueva para cada ticket.',
        'Idempotency-Key',
      );
    }
    return existing;
  }

  async function requesterDependencia(
    tx: DbOrTx,
    actor: Actor,
    code: string | null | undefined,
  ): Promise<string> {
    if (actor.dependenciaId) return actor.dependenciaId;
    if (!code) {
      throw new AppError(
        400,
        'VALIDATION_ERROR',
        'dependencia: su cuenta no tiene dependencia; indique la dependencia donde se necesita el soporte.',
        'dependencia',
      );
    }
    const [row] = await tx
      .select({ id: dependencia.id })
      .from(dependencia)
      .where(and(eq(dependencia.tenantId, actor.tenantId), eq(dependencia.code, code)));
    if (!row) {
      throw new AppError(
        422,
        'VALIDATION_ERROR',
        `dependencia: la dependencia «${code}» no existe.`,
        'dependencia',
      );
    }
    return row.id;
  }

  /**
   * Opens a ticket: the number (2026-MDA-000001, gap-free), its workflow case with the solution SLA of its
   * priority and the ticket row, all in one transaction. With an idempotency key a retry returns the same
   * ticket, also when two copies of the request race.
   */
  async function open(
    actor: Actor,
    input: OpenTicketInput,
    idempotencyKey: string | null = null,
  ): Promise<{ ticket: TicketRow; replayed: boolean }> {
    requireOfficial(actor);
    const rules = deps.rules();
    const category = activeCategory(rules, input.category);
    if (idempotencyKey) {
      const existing = await findByKey(actor.tenantId, idempotencyKey);
      if (existing) return { ticket: replay(existing, actor, input), replayed: true };
    }
    try {
      const ticket = await db.transaction(async (tx) => {
        const attachmentFileIds = await checkAttachments(actor, input.attachmentFileIds, tx);
        const requesterDependenciaId = await requesterDependencia(tx, actor, input.dependencia);
        const office = await officeDependenciaId(tx, actor.tenantId);
        const openedAt = now();
        const period = periodAt(rules, openedAt);
        const year = Number(toBogotaDate(openedAt).slice(0, 4));
        const number = (await nextIdentifier(tx, { tenantId: actor.tenantId, series: 'MDA', year }))
          .formatted;
        const kase = await workflow.open(
          tx,
          {
            tenantId: actor.tenantId,
            workflow: HELPDESK_WORKFLOW,
            reference: number,
            subject: input.subject,
            caseType: input.priority,
            sla: slaOf(period, input.priority, 'solution'),
            openedAt,
            dependenciaId: office,
            comment: input.description,
            attachmentFileIds,
            data: { category: category.code, priority: input.priority },
          },
          actor,
        );
        const [row] = await tx
          .insert(helpdeskTicket)
          .values({
            tenantId: actor.tenantId,
            caseId: kase.id,
            number,
            category: category.code,
            priority: input.priority,
            subject: input.subject,
            description: input.description,
            requesterUserId: actor.userId!,
            requesterDependenciaId,
            attachmentFileIds,
            openedAt,
            idempotencyKey,
            createdAt: openedAt,
            updatedAt: openedAt,
          })
          .returning();
        await audit.record(tx, actor, {
          action: 'helpdesk.ticket.open',
          entityType: 'helpdesk_ticket',
          entityId: row!.id,
          details: { number, category: category.code, priority: input.priority },
        });
        return row!;
      });
      return { ticket, replayed: false };
    } catch (error) {
      // Two copies of one request raced: the loser's transaction (and its number) rolled back.
      if (idempotencyKey && isUniqueViolation(error)) {
        const winner = await findByKey(actor.tenantId, idempotencyKey);
        if (winner) return { ticket: replay(winner, actor, input), replayed: true };
      }
      throw error;
    }
  }

  // ───────── steps ─────────

  async function caseOf(ticket: TicketRow, tx: DbOrTx = db): Promise<CaseRow> {
    return workflow.get(ticket.tenantId, ticket.caseId, tx);
  }

  /**
   * A workflow step on a ticket: technicians start, ask the requester, resume and resolve; the requester
   * confirms, reopens (within the window) or cancels; the coordinator closes or cancels. The workflow's
   * roles decide (403), its states too (409), and a closed ticket changes nothing (409).
   */
  async function act(actor: Actor, ticketId: string, action: TicketActionCode, options: ActOptions = {}) {
    const ticket = await visibleTicket(actor, ticketId);
    const kase = await caseOf(ticket);
    if (action === A.confirm || action === A.reopen) {
      requireRequester(actor, ticket, action === A.confirm ? 'confirmar la solución' : 'reabrirlo');
    }
    if (kase.closedAt) {
      throw closedError(ticket, kase, action === A.reopen ? 'reabrir' : 'modificar');
    }
    if (action === A.reopen && kase.state === S.resolved && ticket.resolvedAt) {
      const period = periodAt(deps.rules(), ticket.resolvedAt);
      const deadline = reopenDeadline(ticket.resolvedAt, period.reopenWindowBusinessDays);
      if (now().getTime() > deadline.getTime()) {
        throw new HelpdeskError(
          'VENTANA_REAPERTURA_VENCIDA',
          `El plazo para reabrir el ticket ${ticket.number} venció el ${formatBogota(deadline)} (${period.reopenWindowBusinessDays} días hábiles después de la solución). Abra un ticket nuevo y mencione este número.`,
          'action',
          { deadline: deadline.toISOString() },
        );
      }
    }
    await db.transaction((tx) =>
      workflow.act(
        tx,
        {
          tenantId: ticket.tenantId,
          caseId: ticket.caseId,
          action,
          comment: options.comment ?? null,
          expectedVersion: options.expectedVersion ?? null,
          idempotencyKey: options.idempotencyKey ?? null,
        },
        engineActor(actor, ticket),
      ),
    );
    await deliverSoon();
    return ticket.id;
  }

  /** A technician takes an unassigned ticket for themselves. */
  async function take(actor: Actor, ticketId: string, options: ActOptions = {}) {
    const ticket = await visibleTicket(actor, ticketId);
    const kase = await caseOf(ticket);
    if (kase.closedAt) throw closedError(ticket, kase, 'tomar');
    await db.transaction((tx) =>
      workflow.act(
        tx,
        {
          tenantId: ticket.tenantId,
          caseId: ticket.caseId,
          action: A.take,
          assignTo: { userId: actor.userId! },
          expectedVersion: options.expectedVersion ?? null,
          idempotencyKey: options.idempotencyKey ?? null,
        },
        actor,
      ),
    );
    return ticket.id;
  }

  /** The coordinator assigns (or reassigns) a ticket to a technician of the office. */
  async function assign(
    actor: Actor,
    ticketId: string,
    technicianId: string,
    options: ActOptions = {},
  ): Promise<string> {
    const ticket = await visibleTicket(actor, ticketId);
    const kase = await caseOf(ticket);
    if (kase.closedAt) throw closedError(ticket, kase, 'asignar');
    const staff = await technicians(actor.tenantId);
    if (!staff.some((row) => row.id === technicianId)) {
      throw new HelpdeskError(
        'TECNICO_INVALIDO',
        'technicianId: elija un técnico activo de la Oficina TIC (rol «Técnico de soporte TIC»).',
        'technicianId',
      );
    }
    await db.transaction((tx) =>
      workflow.act(
        tx,
        {
          tenantId: ticket.tenantId,
          caseId: ticket.caseId,
          action: A.assign,
          assignTo: { userId: technicianId },
          comment: options.comment ?? null,
          expectedVersion: options.expectedVersion ?? null,
          idempotencyKey: options.idempotencyKey ?? null,
        },
        actor,
      ),
    );
    await deliverSoon();
    return ticket.id;
  }

  /**
   * A comment with optional attachments. Staff may mark it internal (the requester does not see it, and it
   * is not an answer). The requester's comment on a ticket waiting for them resumes it.
   */
  async function comment(
    actor: Actor,
    ticketId: string,
    input: { comment: string; internal?: boolean; attachmentFileIds?: string[] },
  ) {
    const ticket = await visibleTicket(actor, ticketId);
    const internal = input.internal === true;
    if (internal && !isStaff(actor)) {
      throw new AppError(
        403,
        'FORBIDDEN',
        'internal: solo el personal de la mesa de ayuda deja notas internas.',
        'internal',
      );
    }
    const kase = await caseOf(ticket);
    if (kase.closedAt) throw closedError(ticket, kase, 'comentar');
    const isRequester = ticket.requesterUserId === actor.userId;
    await db.transaction(async (tx) => {
      const attachmentFileIds = await checkAttachments(actor, input.attachmentFileIds, tx);
      if (isRequester && !internal && kase.state === S.waiting) {
        await workflow.act(
          tx,
          {
            tenantId: ticket.tenantId,
            caseId: ticket.caseId,
            action: A.resume,
            comment: input.comment,
            attachmentFileIds,
          },
          engineActor(actor, ticket),
        );
        return;
      }
      await workflow.note(
        tx,
        {
          tenantId: ticket.tenantId,
          caseId: ticket.caseId,
          comment: input.comment,
          attachmentFileIds,
          action: internal ? 'nota_interna' : 'comentar',
          data: internal ? { internal: true } : undefined,
        },
        actor,
      );
    });
    await deliverSoon();
    return ticket.id;
  }

  /** The requester rates the solution 1–5 once, after it is resolved (also after closing). */
  async function rate(actor: Actor, ticketId: string, input: { score: number; comment?: string | null }) {
    const ticket = await visibleTicket(actor, ticketId);
    requireRequester(actor, ticket, 'calificar la atención');
    const kase = await caseOf(ticket);
    if (kase.state !== S.resolved && kase.state !== S.closed) {
      throw new HelpdeskError(
        'TICKET_SIN_SOLUCION',
        `El ticket ${ticket.number} todavía no tiene una solución para calificar.`,
        'score',
      );
    }
    await db.transaction(async (tx) => {
      const at = now();
      const updated = await tx
        .update(helpdeskTicket)
        .set({ satisfaction: input.score, satisfactionComment: input.comment?.trim() || null, updatedAt: at })
        .where(and(eq(helpdeskTicket.id, ticket.id), isNull(helpdeskTicket.satisfaction)))
        .returning({ id: helpdeskTicket.id });
      if (updated.length === 0) {
        throw new HelpdeskError(
          'TICKET_YA_CALIFICADO',
          `Usted ya calificó la atención del ticket ${ticket.number}; la calificación se da una sola vez.`,
          'score',
        );
      }
      await audit.record(tx, actor, {
        action: 'helpdesk.ticket.rate',
        entityType: 'helpdesk_ticket',
        entityId: ticket.id,
        details: { number: ticket.number, score: input.score },
      });
    });
    return ticket.id;
  }

  /**
   * A new priority, with its reason: the solution SLA of the new priority counts from the original opening
   * and keeps every pause (engine.changeSla). The coordinator, or the technician who has the ticket.
   */
  async function changePriority(
    actor: Actor,
    ticketId: string,
    input: { priority: TicketPriority; reason: string },
  ) {
    const ticket = await visibleTicket(actor, ticketId);
    const kase = await caseOf(ticket);
    if (!can(actor, P.assign) && !(can(actor, P.work) && kase.assigneeUserId === actor.userId)) {
      throw forbidden(
        'Solo el coordinador de la mesa de ayuda o el técnico que tiene el ticket pueden cambiar su prioridad.',
      );
    }
    if (kase.closedAt) throw closedError(ticket, kase, 'cambiar su prioridad');
    if (input.priority === ticket.priority) {
      throw new HelpdeskError(
        'PRIORIDAD_SIN_CAMBIO',
        `priority: el ticket ${ticket.number} ya tiene esa prioridad.`,
        'priority',
      );
    }
    const period = periodAt(deps.rules(), ticket.openedAt);
    await db.transaction(async (tx) => {
      await workflow.changeSla(
        tx,
        {
          tenantId: ticket.tenantId,
          caseId: ticket.caseId,
          sla: slaOf(period, input.priority, 'solution'),
          caseType: input.priority,
          reason: input.reason,
          action: 'cambiar_prioridad',
          data: { from: ticket.priority, to: input.priority },
        },
        actor,
      );
      await tx
        .update(helpdeskTicket)
        .set({ priority: input.priority, updatedAt: now() })
        .where(eq(helpdeskTicket.id, ticket.id));
    });
    return ticket.id;
  }

  // ───────── reading ─────────

  /** Both SLAs of a ticket now. */
  function slaOfTicket(ticket: TicketRow, kase: CaseRow) {
    const period = periodAt(deps.rules(), ticket.openedAt);
    const events = fromStoredEvents(kase.clockEvents);
    const at = now();
    const firstResponse = measureSla(
      events,
      slaOf(period, ticket.priority, 'firstResponse'),
      ticket.firstResponseAt,
      at,
    );
    const cancelled = kase.state === S.cancelled;
    const solution = measureSla(
      events,
      slaOf(period, ticket.priority, 'solution'),
      ticket.resolvedAt ?? (cancelled ? kase.closedAt : null),
      at,
    );
    return { period, firstResponse, solution, cancelled };
  }

  const slaView = (measure: SlaMeasure, hours: number, applies = true) => ({
    hours,
    dueAt: measure.dueAt.toISOString(),
    status: applies ? measure.status : ('no_aplica' as const),
    businessHours: toHours(measure.businessMs),
    at: measure.at?.toISOString() ?? null,
  });

  async function userNames(ids: readonly (string | null)[], tx: DbOrTx = db) {
    const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
    if (wanted.length === 0) return new Map<string, string>();
    const rows = await tx
      .select({ id: appUser.id, fullName: appUser.fullName })
      .from(appUser)
      .where(inArray(appUser.id, wanted));
    return new Map(rows.map((row) => [row.id, row.fullName]));
  }

  async function dependenciaNames(tenantId: string) {
    const rows = await db
      .select({ id: dependencia.id, name: dependencia.name })
      .from(dependencia)
      .where(eq(dependencia.tenantId, tenantId));
    return new Map(rows.map((row) => [row.id, row.name]));
  }

  async function attachmentViews(ticket: TicketRow, ids: readonly string[]) {
    const records = await Promise.all(ids.map((id) => files.findRecord(ticket.tenantId, id)));
    return records
      .filter((record): record is StoredFileRecord => record !== undefined)
      .map((record) => ({
        id: record.id,
        name: record.originalName,
        mediaType: record.mediaType,
        size: record.sizeBytes,
        url: `/api/v1/mesa-de-ayuda/tickets/${ticket.id}/adjuntos/${record.id}`,
      }));
  }

  const ACTION_LABELS: Record<string, string> = {
    abrir: 'Ticket abierto',
    comentar: 'Comentario',
    nota_interna: 'Nota interna',
    cambiar_prioridad: 'Cambio de prioridad',
  };

  function actionLabel(code: string): string {
    return (
      ACTION_LABELS[code] ??
      workflow.definitionOf(HELPDESK_WORKFLOW).actions.find((action) => action.code === code)?.label ??
      code
    );
  }

  function timelineEntry(step: TransitionRow) {
    const data = (step.data ?? {}) as Record<string, unknown>;
    return {
      seq: step.seq,
      action: step.action,
      actionLabel: actionLabel(step.action),
      fromState: step.fromState,
      toState: step.toState,
      stateLabel: workflow.stateLabel(HELPDESK_WORKFLOW, step.toState),
      stateChanged: step.fromState !== step.toState,
      actor: nameOf(step.actorLabel),
      at: step.at.toISOString(),
      comment: step.comment,
      internal: data.internal === true,
      priority: typeof data.to === 'string' ? data.to : null,
      attachmentFileIds: step.attachmentFileIds,
    };
  }

  /** The ticket's page: facts, both SLAs, the timeline (without internal notes for the requester) and buttons. */
  async function get(actor: Actor, ticketId: string) {
    const ticket = await visibleTicket(actor, ticketId);
    const kase = await caseOf(ticket);
    const steps = await workflow.history(kase.id);
    const staff = isStaff(actor);
    const isRequester = ticket.requesterUserId === actor.userId;
    const visibleSteps = steps.map(timelineEntry).filter((step) => staff || !step.internal);
    const fileIds = [
      ...new Set([...ticket.attachmentFileIds, ...visibleSteps.flatMap((s) => s.attachmentFileIds)]),
    ];
    const attachments = await attachmentViews(ticket, fileIds);
    const byId = new Map(attachments.map((file) => [file.id, file]));
    const names = await userNames([ticket.requesterUserId, kase.assigneeUserId]);
    const dependencias = ticket.requesterDependenciaId ? await dependenciaNames(ticket.tenantId) : new Map();
    const { period, firstResponse, solution, cancelled } = slaOfTicket(ticket, kase);
    const rule = period.priorities[ticket.priority];
    const { category: dueCategory } = workflow.clockOf(kase);
    const reopenUntil =
      kase.state === S.resolved && ticket.resolvedAt
        ? reopenDeadline(
            ticket.resolvedAt,
            periodAt(deps.rules(), ticket.resolvedAt).reopenWindowBusinessDays,
          )
        : null;
    const actions = workflow
      .actionsFor(kase, engineActor(actor, ticket))
      .filter((action) => action.code !== A.assign && action.code !== A.take)
      .filter((action) => !(action.code === A.reopen && reopenUntil && now() > reopenUntil))
      .map((action) => ({ code: action.code, label: action.label, requiresComment: action.requiresComment }));
    const open = kase.closedAt === null;
    return {
      id: ticket.id,
      number: ticket.number,
      subject: ticket.subject,
      description: ticket.description,
      category: ticket.category,
      categoryLabel: categoryLabel(deps.rules(), ticket.category),
      priority: ticket.priority,
      priorityLabel: rule.label,
      state: kase.state,
      stateLabel: workflow.stateLabel(HELPDESK_WORKFLOW, kase.state),
      closed: !open,
      dueCategory,
      dueCategoryLabel: DUE_CATEGORY_LABELS[dueCategory],
      version: kase.version,
      requester: {
        id: ticket.requesterUserId,
        name: names.get(ticket.requesterUserId) ?? '—',
        dependencia: ticket.requesterDependenciaId
          ? (dependencias.get(ticket.requesterDependenciaId) ?? null)
          : null,
      },
      assignee: kase.assigneeUserId
        ? { id: kase.assigneeUserId, name: names.get(kase.assigneeUserId) ?? '—' }
        : null,
      openedAt: ticket.openedAt.toISOString(),
      firstResponseAt: ticket.firstResponseAt?.toISOString() ?? null,
      resolvedAt: ticket.resolvedAt?.toISOString() ?? null,
      closedAt: kase.closedAt?.toISOString() ?? null,
      reopenCount: ticket.reopenCount,
      reopenUntil: reopenUntil?.toISOString() ?? null,
      satisfaction: ticket.satisfaction,
      satisfactionComment: ticket.satisfactionComment,
      sla: {
        officeHours: period.officeHours,
        firstResponse: slaView(firstResponse, rule.firstResponseHours),
        solution: slaView(solution, rule.solutionHours, !cancelled),
      },
      attachments: ticket.attachmentFileIds.flatMap((id) => byId.get(id) ?? []),
      timeline: visibleSteps.map(({ attachmentFileIds, ...step }) => ({
        ...step,
        attachments: attachmentFileIds.flatMap((id) => byId.get(id) ?? []),
      })),
      actions,
      permissions: {
        comment: open,
        internalNote: open && staff,
        take:
          open && kase.state === S.open && can(actor, P.work) && Boolean(actor.roles?.has(TECHNICIAN_ROLE)),
        assign: open && can(actor, P.assign) && kase.state !== S.waiting && kase.state !== S.resolved,
        changePriority:
          open && (can(actor, P.assign) || (can(actor, P.work) && kase.assigneeUserId === actor.userId)),
        rate:
          isRequester &&
          ticket.satisfaction === null &&
          (kase.state === S.resolved || kase.state === S.closed),
      },
    };
  }

  /** A file of the ticket (its own or of a step), for whoever may see the ticket. */
  async function attachment(actor: Actor, ticketId: string, fileId: string): Promise<StoredFileRecord> {
    const ticket = await visibleTicket(actor, ticketId);
    let belongs = ticket.attachmentFileIds.includes(fileId);
    if (!belongs) {
      const steps = await workflow.history(ticket.caseId);
      belongs = steps.some(
        (step) =>
          step.attachmentFileIds.includes(fileId) &&
          (isStaff(actor) || (step.data as { internal?: boolean } | null)?.internal !== true),
      );
    }
    const record = belongs ? await files.findRecord(ticket.tenantId, fileId) : undefined;
    if (!record) throw notFound('El archivo no existe.');
    if (record.ownerUserId !== actor.userId) {
      await audit.record(db, actor, {
        action: 'helpdesk.attachment.read',
        entityType: 'stored_file',
        entityId: record.id,
        details: { ticket: ticket.number },
      });
    }
    return record;
  }

  /** The tickets the actor opened, newest first. */
  async function listMine(
    actor: Actor,
    query: { status: 'abiertos' | 'cerrados' | 'todos'; page: number; pageSize: number },
  ) {
    requireOfficial(actor);
    const conditions: (SQL | undefined)[] = [
      eq(helpdeskTicket.tenantId, actor.tenantId),
      eq(helpdeskTicket.requesterUserId, actor.userId!),
      query.status === 'abiertos'
        ? isNull(workflowCase.closedAt)
        : query.status === 'cerrados'
          ? isNotNull(workflowCase.closedAt)
          : undefined,
    ];
    const where = and(...conditions);
    const [total] = await db
      .select({ n: count() })
      .from(helpdeskTicket)
      .innerJoin(workflowCase, eq(workflowCase.id, helpdeskTicket.caseId))
      .where(where);
    const rows = await db
      .select({ ticket: helpdeskTicket, kase: workflowCase })
      .from(helpdeskTicket)
      .innerJoin(workflowCase, eq(workflowCase.id, helpdeskTicket.caseId))
      .where(where)
      .orderBy(desc(helpdeskTicket.openedAt), desc(helpdeskTicket.id))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize);
    const names = await userNames(rows.map((row) => row.kase.assigneeUserId));
    return {
      items: rows.map(({ ticket, kase }) => ({
        id: ticket.id,
        number: ticket.number,
        subject: ticket.subject,
        category: ticket.category,
        categoryLabel: categoryLabel(deps.rules(), ticket.category),
        priority: ticket.priority,
        priorityLabel: priorityLabel(ticket),
        state: kase.state,
        stateLabel: workflow.stateLabel(HELPDESK_WORKFLOW, kase.state),
        closed: kase.closedAt !== null,
        assignee: kase.assigneeUserId ? (names.get(kase.assigneeUserId) ?? null) : null,
        openedAt: ticket.openedAt.toISOString(),
        updatedAt: ticket.updatedAt.toISOString(),
        dueAt: kase.dueAt.toISOString(),
        needsYou: kase.state === S.waiting || kase.state === S.resolved,
        satisfaction: ticket.satisfaction,
      })),
      total: total?.n ?? 0,
      page: query.page,
      pageSize: query.pageSize,
    };
  }

  /**
   * The technicians' queue (the engine's inbox): «mios» are the ones assigned to the actor, «todos» every
   * open ticket of the office; soonest due first, keyset-paged, filtered by vencido / vence hoy / por vencer.
   */
  async function queue(
    actor: Actor,
    query: {
      view: 'mios' | 'todos';
      category?: Exclude<DueCategory, 'cerrado'> | null;
      limit: number;
      after?: { dueAt: Date; id: string } | null;
    },
  ) {
    requireOfficial(actor);
    const office = await officeDependenciaId(db, actor.tenantId);
    const page = await workflow.inbox({
      tenantId: actor.tenantId,
      workflow: HELPDESK_WORKFLOW,
      dependenciaId: query.view === 'todos' ? office : null,
      assigneeUserId: query.view === 'mios' ? actor.userId : null,
      category: query.category ?? null,
      limit: query.limit,
      after: query.after ?? null,
    });
    const counts = await workflow.inboxCounts({
      tenantId: actor.tenantId,
      workflow: HELPDESK_WORKFLOW,
      dependenciaId: query.view === 'todos' ? office : null,
      assigneeUserId: query.view === 'mios' ? actor.userId : null,
    });
    const items = await enrich(actor.tenantId, page.items);
    return {
      items,
      counts,
      next: page.next ? encodeCursor(page.next) : null,
    };
  }

  async function enrich(tenantId: string, items: InboxItem[]) {
    if (items.length === 0) return [];
    const tickets = await db
      .select()
      .from(helpdeskTicket)
      .where(
        and(
          eq(helpdeskTicket.tenantId, tenantId),
          inArray(
            helpdeskTicket.caseId,
            items.map((item) => item.id),
          ),
        ),
      );
    const byCase = new Map(tickets.map((ticket) => [ticket.caseId, ticket]));
    const names = await userNames([
      ...items.map((item) => item.assigneeUserId),
      ...tickets.map((ticket) => ticket.requesterUserId),
    ]);
    const dependencias = await dependenciaNames(tenantId);
    return items.flatMap((item) => {
      const ticket = byCase.get(item.id);
      if (!ticket) return [];
      return [
        {
          id: ticket.id,
          number: ticket.number,
          subject: ticket.subject,
          category: ticket.category,
          categoryLabel: categoryLabel(deps.rules(), ticket.category),
          priority: ticket.priority,
          priorityLabel: priorityLabel(ticket),
          state: item.state,
          stateLabel: item.stateLabel,
          dueAt: item.dueAt.toISOString(),
          dueCategory: item.category,
          dueCategoryLabel: DUE_CATEGORY_LABELS[item.category],
          requester: names.get(ticket.requesterUserId) ?? '—',
          dependencia: ticket.requesterDependenciaId
            ? (dependencias.get(ticket.requesterDependenciaId) ?? null)
            : null,
          assignee: item.assigneeUserId ? (names.get(item.assigneeUserId) ?? null) : null,
          openedAt: ticket.openedAt.toISOString(),
        },
      ];
    });
  }

  // ───────── hooks ─────────

  async function deliverSoon(): Promise<void> {
    await deps.notifications?.requestDelivery().catch(() => {});
  }

  async function mail(
    tx: DbOrTx,
    tenantId: string,
    userId: string,
    subject: string,
    text: string,
    key: string,
  ) {
    if (!deps.notifications || !deps.tenants) return;
    const [user] = await tx
      .select({ email: appUser.email, fullName: appUser.fullName })
      .from(appUser)
      .where(eq(appUser.id, userId));
    if (!user) return;
    const tenant = await deps.tenants.getById(tenantId, tx);
    await deps.notifications.enqueueEmail(tx, {
      tenantId,
      to: user.email,
      template: 'generic',
      data: { subject, text: `${user.fullName}:\n\n${text}`, entityName: tenant.entityName },
      idempotencyKey: key,
    });
  }

  const linkTo = (ticket: TicketRow) => `${deps.publicUrl ?? ''}/admin/mesa-de-ayuda/tickets/${ticket.id}`;

  /**
   * Runs inside every step's transaction: stamps the first response (the first step of someone other than
   * the requester that answers them), the solution, reopenings and the closing on the ticket row, and tells
   * the people concerned by e-mail.
   */
  async function afterTransition(tx: DbOrTx, event: TransitionEvent): Promise<void> {
    const { transition, actor } = event;
    if (transition.action === 'abrir') return;
    const [ticket] = await tx.select().from(helpdeskTicket).where(eq(helpdeskTicket.caseId, event.case.id));
    if (!ticket) return;
    const patch: Partial<typeof helpdeskTicket.$inferInsert> = { updatedAt: transition.at };
    const internal = (transition.data as { internal?: boolean } | null)?.internal === true;
    const answersRequester =
      actor.kind !== 'system' &&
      actor.userId !== null &&
      actor.userId !== ticket.requesterUserId &&
      !internal &&
      !NOT_A_RESPONSE.has(transition.action);
    if (!ticket.firstResponseAt && answersRequester) patch.firstResponseAt = transition.at;
    if (transition.toState === S.resolved && transition.fromState !== S.resolved) {
      patch.resolvedAt = transition.at;
    }
    if (transition.action === A.reopen) {
      patch.resolvedAt = null;
      patch.reopenCount = sql`${helpdeskTicket.reopenCount} + 1` as unknown as number;
    }
    if (event.case.closedAt && !ticket.closedAt) patch.closedAt = event.case.closedAt;
    await tx.update(helpdeskTicket).set(patch).where(eq(helpdeskTicket.id, ticket.id));

    const key = `helpdesk:${transition.id}`;
    if (transition.action === A.assign && event.case.assigneeUserId) {
      await mail(
        tx,
        ticket.tenantId,
        event.case.assigneeUserId,
        `Mesa de ayuda: se le asignó el ticket ${ticket.number}`,
        `Se le asignó el ticket ${ticket.number} «${ticket.subject}» (prioridad ${priorityLabel(ticket).toLowerCase()}).\nAtiéndalo en ${linkTo(ticket)}`,
        key,
      );
    } else if (transition.action === A.waitForUser) {
      await mail(
        tx,
        ticket.tenantId,
        ticket.requesterUserId,
        `Mesa de ayuda: el técnico necesita información sobre el ticket ${ticket.number}`,
        `${nameOf(transition.actorLabel)} escribió:\n\n${transition.comment ?? ''}\n\nResponda en ${linkTo(ticket)}. El tiempo de atención se detiene hasta su respuesta.`,
        key,
      );
    } else if (transition.action === A.resolve) {
      const period = periodAt(deps.rules(), transition.at);
      const until = reopenDeadline(transition.at, period.reopenWindowBusinessDays);
      await mail(
        tx,
        ticket.tenantId,
        ticket.requesterUserId,
        `Mesa de ayuda: el ticket ${ticket.number} fue resuelto`,
        `Solución de ${nameOf(transition.actorLabel)}:\n\n${transition.comment ?? ''}\n\nConfirme la solución y califique la atención en ${linkTo(ticket)}. Si el problema sigue, puede reabrirlo hasta el ${formatBogota(until)}; después se cierra solo.`,
        key,
      );
    } else if (transition.action === A.close && actor.kind === 'system') {
      await mail(
        tx,
        ticket.tenantId,
        ticket.requesterUserId,
        `Mesa de ayuda: el ticket ${ticket.number} se cerró`,
        `El ticket ${ticket.number} «${ticket.subject}» se cerró porque venció el plazo para reabrirlo. Si el problema sigue, abra un ticket nuevo y mencione este número.`,
        key,
      );
    }
  }

  return {
    catalogue,
    technicians,
    open,
    act,
    take,
    assign,
    comment,
    rate,
    changePriority,
    get,
    attachment,
    listMine,
    queue,
    afterTransition,
    findTicket,
    /** For the reports: the tenant's dependencias by id. */
    dependenciaNames,
  };
}

export type HelpdeskService = ReturnType<typeof createHelpdeskService>;

const bogotaDateTime = new Intl.DateTimeFormat('es-CO', {
  timeZone: 'America/Bogota',
  dateStyle: 'long',
  timeStyle: 'short',
});

/** «12 de marzo de 2026, 11:59 p. m.» */
export function formatBogota(at: Date): string {
  return bogotaDateTime.format(at);
}

/** The queue's keyset cursor as one opaque query parameter. */
export function encodeCursor(cursor: { dueAt: Date; id: string }): string {
  return Buffer.from(`${cursor.dueAt.toISOString()}|${cursor.id}`).toString('base64url');
}

export function decodeCursor(value: string): { dueAt: Date; id: string } {
  const [iso, id] = Buffer.from(value, 'base64url').toString('utf8').split('|');
  const dueAt = new Date(iso ?? '');
  if (!id || Number.isNaN(dueAt.getTime()) || !/^[0-9a-f-]{36}$/i.test(id)) {
    throw new AppError(400, 'VALIDATION_ERROR', 'cursor: el cursor de la página no es válido.', 'cursor');
  }
  return { dueAt, id };
}

import { sql } from 'drizzle-orm';
import {
  date,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  varchar,
} from 'drizzle-orm/pg-core';
import { appUser, dependencia } from '../identity/identity.schema.ts';
import { tenant } from '../tenancy/tenancy.schema.ts';

/** A clock event as stored: the instant as an ISO string (see workflow/clock for its meaning). */
export type StoredClockEvent =
  | { type: 'started'; at: string; sla: Record<string, unknown> }
  | { type: 'paused'; at: string; reason: string }
  | { type: 'resumed'; at: string }
  | { type: 'slaChanged'; at: string; sla: Record<string, unknown> }
  | { type: 'stopped'; at: string };

/**
 * One case of any workflow (a PQRSD, a help-desk ticket, later a licence): where it is, who has it and
 * when it is due. The clock's append-only events live in the row; due_at/due_on are derived from them
 * on every change so the inbox is one indexed range scan.
 */
export const workflowCase = pgTable(
  'workflow_case',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenant.id),
    workflow: varchar('workflow', { length: 40 }).notNull(),
    workflowVersion: integer('workflow_version').notNull(),
    /** The number a person quotes: radicado, ticket number. */
    reference: varchar('reference', { length: 40 }).notNull(),
    /** What the case is about, shown in inboxes; modules keep personal data in their own tables. */
    subject: text('subject').notNull(),
    /** The module's own kind of case (PQRSD type, ticket priority…), shown and filtered on. */
    caseType: varchar('case_type', { length: 40 }),
    state: varchar('state', { length: 40 }).notNull(),
    stateEnteredAt: timestamp('state_entered_at', { withTimezone: true }).notNull(),
    /** When the current state's own SLA runs out (its escalation then runs); null when it has none. */
    stateDueAt: timestamp('state_due_at', { withTimezone: true }),
    dependenciaId: uuid('dependencia_id').references(() => dependencia.id),
    assigneeUserId: uuid('assignee_user_id').references(() => appUser.id),
    clockEvents: jsonb('clock_events').$type<StoredClockEvent[]>().notNull(),
    clockStatus: varchar('clock_status', { length: 10 }).notNull().$type<'running' | 'paused' | 'stopped'>(),
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    dueOn: date('due_on').notNull(),
    openedAt: timestamp('opened_at', { withTimezone: true }).notNull(),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    /** The final state it closed in, or null while open. */
    outcome: varchar('outcome', { length: 40 }),
    /** The due-soon alert was sent for this due date (reset when the due date moves). */
    alertedForDueAt: timestamp('alerted_for_due_at', { withTimezone: true }),
    /** The overdue escalation was sent. */
    escalatedAt: timestamp('escalated_at', { withTimezone: true }),
    /** Incremented by every transition; the transition log's sequence number. */
    version: integer('version').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('workflow_case_reference_uq').on(t.tenantId, t.workflow, t.reference),
    index('workflow_case_dependencia_inbox_idx')
      .on(t.tenantId, t.workflow, t.dependenciaId, t.dueAt, t.id)
      .where(sql`closed_at IS NULL`),
    index('workflow_case_assignee_inbox_idx')
      .on(t.tenantId, t.workflow, t.assigneeUserId, t.dueAt, t.id)
      .where(sql`closed_at IS NULL`),
    index('workflow_case_running_due_idx')
      .on(t.dueAt)
      .where(sql`closed_at IS NULL AND clock_status = 'running'`),
    index('workflow_case_state_due_idx')
      .on(t.stateDueAt)
      .where(sql`closed_at IS NULL AND state_due_at IS NOT NULL`),
    index('workflow_case_opened_idx').on(t.tenantId, t.workflow, t.openedAt),
  ],
);

/** Every step of a case, never changed: who did what, when, with which comment and attachments. */
export const workflowTransition = pgTable(
  'workflow_transition',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenant.id),
    caseId: uuid('case_id')
      .notNull()
      .references(() => workflowCase.id),
    /** 1 for the opening, then the case's version after the step. */
    seq: integer('seq').notNull(),
    action: varchar('action', { length: 40 }).notNull(),
    fromState: varchar('from_state', { length: 40 }),
    toState: varchar('to_state', { length: 40 }).notNull(),
    actorUserId: uuid('actor_user_id'),
    actorLabel: text('actor_label').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    comment: text('comment'),
    attachmentFileIds: uuid('attachment_file_ids').array().notNull().default(sql`'{}'::uuid[]`),
    /** What else the step changed: assignment, dependencia, SLA, the module's details. */
    data: jsonb('data').$type<Record<string, unknown>>(),
    /** A retried request with the same key returns the step already taken instead of taking it twice. */
    idempotencyKey: varchar('idempotency_key', { length: 80 }),
  },
  (t) => [
    uniqueIndex('workflow_transition_seq_uq').on(t.caseId, t.seq),
    uniqueIndex('workflow_transition_idempotency_uq')
      .on(t.caseId, t.idempotencyKey)
      .where(sql`idempotency_key IS NOT NULL`),
  ],
);

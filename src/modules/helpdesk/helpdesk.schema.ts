import { sql } from 'drizzle-orm';
import { index, pgTable, smallint, text, timestamp, uniqueIndex, uuid, varchar } from 'drizzle-orm/pg-core';
import { tenant } from '../../platform/tenancy/tenancy.schema.ts';
import { workflowCase } from '../../platform/workflow/workflow.schema.ts';

export const TICKET_PRIORITIES = ['critica', 'alta', 'media', 'baja'] as const;
export type TicketPriority = (typeof TICKET_PRIORITIES)[number];

/**
 * An IT help-desk ticket opened by an official for the Oficina TIC. State, technician (the case's
 * assignee) and the SLA clock in business hours live in its workflow case.
 */
export const helpdeskTicket = pgTable(
  'helpdesk_ticket',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenant.id),
    caseId: uuid('case_id')
      .notNull()
      .references(() => workflowCase.id),
    number: varchar('number', { length: 30 }).notNull(),
    category: varchar('category', { length: 40 }).notNull(),
    priority: varchar('priority', { length: 10 }).notNull().$type<TicketPriority>(),
    subject: text('subject').notNull(),
    description: text('description').notNull(),
    requesterUserId: uuid('requester_user_id').notNull(),
    /** The requester's dependencia when opened (the seed's report counts tickets by it). */
    requesterDependenciaId: uuid('requester_dependencia_id'),
    attachmentFileIds: uuid('attachment_file_ids').array().notNull().default(sql`'{}'::uuid[]`),
    openedAt: timestamp('opened_at', { withTimezone: true }).notNull(),
    firstResponseAt: timestamp('first_response_at', { withTimezone: true }),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    reopenCount: smallint('reopen_count').notNull().default(0),
    /** 1–5 stars given by the requester once solved. */
    satisfaction: smallint('satisfaction'),
    satisfactionComment: text('satisfaction_comment'),
    idempotencyKey: varchar('idempotency_key', { length: 80 }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('helpdesk_ticket_number_uq').on(t.tenantId, t.number),
    uniqueIndex('helpdesk_ticket_case_uq').on(t.caseId),
    uniqueIndex('helpdesk_ticket_idempotency_uq')
      .on(t.tenantId, t.idempotencyKey)
      .where(sql`idempotency_key IS NOT NULL`),
    index('helpdesk_ticket_requester_idx').on(t.tenantId, t.requesterUserId, t.openedAt),
    index('helpdesk_ticket_opened_idx').on(t.tenantId, t.openedAt),
  ],
);

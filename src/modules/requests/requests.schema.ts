import { sql } from 'drizzle-orm';
import {
  boolean,
  date,
  index,
  pgTable,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  varchar,
} from 'drizzle-orm/pg-core';
import { tenant } from '../../platform/tenancy/tenancy.schema.ts';
import { workflowCase } from '../../platform/workflow/workflow.schema.ts';

export const PQRSD_CHANNELS = ['web', 'ventanilla', 'correo'] as const;
export type PqrsdChannel = (typeof PQRSD_CHANNELS)[number];

/**
 * A PQRSD as filed: who asked what, through which channel, under which legal regime and term. Where it
 * is and when it is due live in its workflow case; personal data lives only here (Ley 1581).
 */
export const pqrsdRequest = pgTable(
  'pqrsd_request',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenant.id),
    caseId: uuid('case_id')
      .notNull()
      .references(() => workflowCase.id),
    radicado: varchar('radicado', { length: 30 }).notNull(),
    type: varchar('type', { length: 20 }).notNull(),
    /** The regime that applied on the filing day (Ley 1755, Decreto 491 de 2020) and its term. */
    regime: varchar('regime', { length: 40 }).notNull(),
    termDays: smallint('term_days').notNull(),
    channel: varchar('channel', { length: 12 }).notNull().$type<PqrsdChannel>(),
    category: varchar('category', { length: 40 }).notNull(),
    subject: text('subject').notNull(),
    description: text('description').notNull(),
    anonymous: boolean('anonymous').notNull().default(false),
    petitionerUserId: uuid('petitioner_user_id'),
    petitionerName: text('petitioner_name'),
    petitionerDocumentType: varchar('petitioner_document_type', { length: 4 }),
    petitionerDocumentNumber: varchar('petitioner_document_number', { length: 20 }),
    petitionerEmail: text('petitioner_email'),
    petitionerPhone: varchar('petitioner_phone', { length: 20 }),
    petitionerAddress: text('petitioner_address'),
    /** SHA-256 of the tracking secret (document number, or the key given to an anonymous filer). */
    trackingHash: varchar('tracking_hash', { length: 64 }).notNull(),
    filedAt: timestamp('filed_at', { withTimezone: true }).notNull(),
    filedOn: date('filed_on').notNull(),
    startsOn: date('starts_on').notNull(),
    /** The legal due date at filing; extensions and pauses move the case's due date, not this one. */
    legalDueOn: date('legal_due_on').notNull(),
    attachmentFileIds: uuid('attachment_file_ids').array().notNull().default(sql`'{}'::uuid[]`),
    registeredByUserId: uuid('registered_by_user_id'),
    /** The e-mail it came from (Message-ID), so a message fetched twice files one request. */
    sourceMessageId: text('source_message_id'),
    idempotencyKey: varchar('idempotency_key', { length: 80 }),
    extendedUntil: date('extended_until'),
    transferredTo: text('transferred_to'),
    duplicateOf: varchar('duplicate_of', { length: 30 }),
    responseDraft: text('response_draft'),
    responseTemplate: varchar('response_template', { length: 40 }),
    responseDocumentId: uuid('response_document_id'),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
    /** The answer denied information (reserva legal): counted in the Ley 1712 report. */
    informationDenied: boolean('information_denied').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('pqrsd_request_radicado_uq').on(t.tenantId, t.radicado),
    uniqueIndex('pqrsd_request_case_uq').on(t.caseId),
    uniqueIndex('pqrsd_request_message_uq')
      .on(t.tenantId, t.sourceMessageId)
      .where(sql`source_message_id IS NOT NULL`),
    uniqueIndex('pqrsd_request_idempotency_uq')
      .on(t.tenantId, t.idempotencyKey)
      .where(sql`idempotency_key IS NOT NULL`),
    index('pqrsd_request_filed_idx').on(t.tenantId, t.filedAt),
    index('pqrsd_request_petitioner_idx').on(t.tenantId, t.petitionerUserId, t.filedAt),
  ],
);

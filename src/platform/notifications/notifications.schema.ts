import {
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
import { tenant } from '../tenancy/tenancy.schema.ts';

/** Transactional outbox: a message is written in the same transaction as the change that causes it. */
export const notificationOutbox = pgTable(
  'notification_outbox',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id').references(() => tenant.id),
    channel: varchar('channel', { length: 8 }).notNull().$type<'email' | 'sms'>(),
    recipient: text('recipient').notNull(),
    template: varchar('template', { length: 60 }).notNull(),
    subject: text('subject'),
    bodyText: text('body_text').notNull(),
    bodyHtml: text('body_html'),
    payload: jsonb('payload').$type<Record<string, unknown>>(),
    status: varchar('status', { length: 12 })
      .notNull()
      .default('pending')
      .$type<'pending' | 'sent' | 'failed'>(),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    idempotencyKey: text('idempotency_key'),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
  },
  (t) => [
    index('notification_outbox_pending_idx').on(t.status, t.nextAttemptAt),
    index('notification_outbox_tenant_idx').on(t.tenantId, t.createdAt),
    uniqueIndex('notification_outbox_idempotency_uq').on(t.idempotencyKey),
  ],
);

import { index, pgTable, text, timestamp, uniqueIndex, uuid, varchar } from 'drizzle-orm/pg-core';
import { storedFile } from '../files/files.schema.ts';
import { tenant } from '../tenancy/tenancy.schema.ts';

/** An issued, verifiable document: its PDF is stored once and never regenerated. */
export const issuedDocument = pgTable(
  'issued_document',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenant.id),
    verificationCode: varchar('verification_code', { length: 32 }).notNull().unique(),
    documentType: varchar('document_type', { length: 60 }).notNull(),
    title: text('title').notNull(),
    holderUserId: uuid('holder_user_id'),
    holderInitials: varchar('holder_initials', { length: 12 }).notNull(),
    fileId: uuid('file_id')
      .notNull()
      .references(() => storedFile.id),
    sha256: varchar('sha256', { length: 64 }).notNull(),
    status: varchar('status', { length: 16 }).notNull().default('vigente').$type<'vigente' | 'anulado'>(),
    /** Makes issuing idempotent: the same key returns the same document. */
    idempotencyKey: text('idempotency_key'),
    issuedByUserId: uuid('issued_by_user_id'),
    issuedAt: timestamp('issued_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('issued_document_idempotency_uq').on(t.tenantId, t.idempotencyKey),
    index('issued_document_holder_idx').on(t.tenantId, t.holderUserId, t.issuedAt),
  ],
);

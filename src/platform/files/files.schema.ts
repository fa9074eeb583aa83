import { bigint, index, pgTable, text, timestamp, uuid, varchar } from 'drizzle-orm/pg-core';
import { tenant } from '../tenancy/tenancy.schema.ts';

/** Metadata of a file kept in the storage driver (local disk or S3); the bytes are addressed by storageKey. */
export const storedFile = pgTable(
  'stored_file',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenant.id),
    ownerUserId: uuid('owner_user_id'),
    purpose: varchar('purpose', { length: 40 }).notNull(),
    storageKey: text('storage_key').notNull().unique(),
    originalName: text('original_name').notNull(),
    mediaType: varchar('media_type', { length: 100 }).notNull(),
    sizeBytes: bigint('size_bytes', { mode: 'number' }).notNull(),
    sha256: varchar('sha256', { length: 64 }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('stored_file_owner_idx').on(t.tenantId, t.ownerUserId, t.createdAt)],
);

import { integer, pgTable, primaryKey, timestamp, uuid, varchar } from 'drizzle-orm/pg-core';
import { tenant } from '../tenancy/tenancy.schema.ts';

/** Last number handed out per tenant, series and year; the row lock makes numbers gap-free. */
export const identifierSequence = pgTable(
  'identifier_sequence',
  {
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenant.id),
    series: varchar('series', { length: 20 }).notNull(),
    year: integer('year').notNull(),
    lastValue: integer('last_value').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.series, t.year] })],
);

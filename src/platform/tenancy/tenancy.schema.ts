import { jsonb, pgTable, text, timestamp, uuid, varchar } from 'drizzle-orm/pg-core';

export interface TenantContact {
  address: string;
  phone: string;
  email: string;
  notificationsEmail: string;
  hours: string;
  website: string;
}

/** A municipality served by this installation, keyed by its DANE DIVIPOLA code. */
export const tenant = pgTable('tenant', {
  id: uuid('id').primaryKey().defaultRandom(),
  divipola: varchar('divipola', { length: 5 }).notNull().unique(),
  name: text('name').notNull(),
  department: text('department').notNull(),
  entityName: text('entity_name').notNull(),
  nit: varchar('nit', { length: 20 }),
  contact: jsonb('contact').$type<TenantContact>().notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

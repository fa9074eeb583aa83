import { index, integer, jsonb, pgTable, text, timestamp, uuid, varchar } from 'drizzle-orm/pg-core';
import { tenant } from '../tenancy/tenancy.schema.ts';

/** What a person sees of a background job: its progress (done/total) and outcome. pg-boss keeps the queue. */
export const jobProgress = pgTable(
  'job_progress',
  {
    id: uuid('id').primaryKey(),
    tenantId: uuid('tenant_id').references(() => tenant.id),
    queue: varchar('queue', { length: 80 }).notNull(),
    label: text('label').notNull(),
    state: varchar('state', { length: 16 })
      .notNull()
      .default('queued')
      .$type<'queued' | 'running' | 'completed' | 'failed'>(),
    done: integer('done').notNull().default(0),
    total: integer('total'),
    message: text('message'),
    result: jsonb('result').$type<Record<string, unknown>>(),
    resultFileId: uuid('result_file_id'),
    createdByUserId: uuid('created_by_user_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    startedAt: timestamp('started_at', { withTimezone: true }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [index('job_progress_tenant_created_idx').on(t.tenantId, t.createdAt)],
);

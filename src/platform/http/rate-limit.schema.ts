import { integer, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/** Shared rate-limit counters, so the limits hold across several web instances. */
export const rateLimitBucket = pgTable('rate_limit_bucket', {
  key: text('key').primaryKey(),
  hits: integer('hits').notNull(),
  resetAt: timestamp('reset_at', { withTimezone: true }).notNull(),
});

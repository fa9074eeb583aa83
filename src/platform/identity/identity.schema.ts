import { sql } from 'drizzle-orm';
import {
  boolean,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  varchar,
} from 'drizzle-orm/pg-core';
import { tenant } from '../tenancy/tenancy.schema.ts';

/** An office of the municipality (Hacienda, Planeación…); officials belong to one. */
export const dependencia = pgTable(
  'dependencia',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenant.id),
    code: varchar('code', { length: 40 }).notNull(),
    name: text('name').notNull(),
  },
  (t) => [uniqueIndex('dependencia_tenant_code_uq').on(t.tenantId, t.code)],
);

/** Citizens, businesses (NIT) and officials. Personal data: read only through audited service calls. */
export const appUser = pgTable(
  'app_user',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenant.id),
    kind: varchar('kind', { length: 16 }).notNull().$type<'citizen' | 'official'>(),
    documentType: varchar('document_type', { length: 4 }).notNull(),
    documentNumber: varchar('document_number', { length: 20 }).notNull(),
    fullName: text('full_name').notNull(),
    email: text('email').notNull(),
    phone: varchar('phone', { length: 20 }),
    passwordHash: text('password_hash'),
    emailVerifiedAt: timestamp('email_verified_at', { withTimezone: true }),
    status: varchar('status', { length: 16 }).notNull().default('active').$type<'active' | 'disabled'>(),
    dependenciaId: uuid('dependencia_id').references(() => dependencia.id),
    totpSecret: text('totp_secret'),
    totpEnabledAt: timestamp('totp_enabled_at', { withTimezone: true }),
    failedLoginCount: integer('failed_login_count').notNull().default(0),
    lastFailedLoginAt: timestamp('last_failed_login_at', { withTimezone: true }),
    lastLoginAt: timestamp('last_login_at', { withTimezone: true }),
    synthetic: boolean('synthetic').notNull().default(false),
    privacyAcceptedAt: timestamp('privacy_accepted_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('app_user_document_uq').on(t.tenantId, t.documentType, t.documentNumber),
    uniqueIndex('app_user_email_uq').on(t.tenantId, sql`lower(${t.email})`),
    index('app_user_document_number_idx').on(t.tenantId, t.documentNumber),
    index('app_user_kind_idx').on(t.tenantId, t.kind, t.createdAt),
  ],
);

export const userRole = pgTable(
  'user_role',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => appUser.id, { onDelete: 'cascade' }),
    role: varchar('role', { length: 40 }).notNull(),
    grantedAt: timestamp('granted_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.role] })],
);

/** Server-side sessions: any web instance can serve any user. The id is the SHA-256 of the cookie value. */
export const userSession = pgTable(
  'user_session',
  {
    idHash: varchar('id_hash', { length: 64 }).primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => appUser.id, { onDelete: 'cascade' }),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenant.id),
    csrfToken: varchar('csrf_token', { length: 64 }).notNull(),
    ip: text('ip'),
    userAgent: text('user_agent'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('user_session_user_idx').on(t.userId), index('user_session_expires_idx').on(t.expiresAt)],
);

/** Single-use, expiring tokens sent by e-mail (verification, password reset, activation). */
export const userToken = pgTable(
  'user_token',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => appUser.id, { onDelete: 'cascade' }),
    purpose: varchar('purpose', { length: 24 })
      .notNull()
      .$type<'verify_email' | 'reset_password' | 'activate_account'>(),
    tokenHash: varchar('token_hash', { length: 64 }).notNull().unique(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('user_token_user_idx').on(t.userId, t.purpose)],
);

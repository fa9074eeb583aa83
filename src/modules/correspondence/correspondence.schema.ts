import { type SQL, sql } from 'drizzle-orm';
import {
  customType,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  varchar,
} from 'drizzle-orm/pg-core';
import { tenant } from '../../platform/tenancy/tenancy.schema.ts';

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

export const CORRESPONDENCE_DIRECTIONS = ['entrada', 'salida', 'interna'] as const;
export type CorrespondenceDirection = (typeof CORRESPONDENCE_DIRECTIONS)[number];

/** Lower-cased and without accents, so «petición» finds «PETICION» (no unaccent extension needed). */
const folded = (column: string) =>
  `translate(lower(coalesce(${column}, '')), 'áéíóúüñàèìòù', 'aeiouunaeiou')`;

/**
 * A file of the archive (expediente): the documents of one matter, under one TRD series, kept together
 * for their retention time.
 */
export const expediente = pgTable(
  'expediente',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenant.id),
    code: varchar('code', { length: 40 }).notNull(),
    title: text('title').notNull(),
    dependenciaId: uuid('dependencia_id').notNull(),
    trdSeries: varchar('trd_series', { length: 20 }).notNull(),
    trdSubseries: varchar('trd_subseries', { length: 20 }),
    status: varchar('status', { length: 10 }).notNull().default('abierto').$type<'abierto' | 'cerrado'>(),
    openedAt: timestamp('opened_at', { withTimezone: true }).notNull(),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    createdByUserId: uuid('created_by_user_id'),
  },
  (t) => [uniqueIndex('expediente_code_uq').on(t.tenantId, t.code)],
);

/**
 * An official communication received or sent, with its own consecutive series per direction
 * (2026-CE-000001 entrada, 2026-CS-000001 salida, 2026-CI-000001 interna) and its digitised pages.
 */
export const correspondenceItem = pgTable(
  'correspondence_item',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenant.id),
    direction: varchar('direction', { length: 10 }).notNull().$type<CorrespondenceDirection>(),
    radicado: varchar('radicado', { length: 30 }).notNull(),
    radicadoAt: timestamp('radicado_at', { withTimezone: true }).notNull(),
    subject: text('subject').notNull(),
    summary: text('summary'),
    senderName: text('sender_name').notNull(),
    senderEntity: text('sender_entity'),
    senderContact: text('sender_contact'),
    recipientName: text('recipient_name').notNull(),
    recipientEntity: text('recipient_entity'),
    recipientContact: text('recipient_contact'),
    /** The dependencia that handles it (entrada) or that sends it (salida). */
    dependenciaId: uuid('dependencia_id').notNull(),
    medium: varchar('medium', { length: 12 }).notNull().$type<'fisico' | 'correo' | 'web' | 'mensajeria'>(),
    folios: integer('folios').notNull().default(0),
    trdSeries: varchar('trd_series', { length: 20 }),
    trdSubseries: varchar('trd_subseries', { length: 20 }),
    expedienteId: uuid('expediente_id').references(() => expediente.id),
    /** A salida that answers an entrada. */
    respondsToId: uuid('responds_to_id'),
    /** The PQRSD it belongs to, when there is one. */
    pqrsdRadicado: varchar('pqrsd_radicado', { length: 30 }),
    attachmentFileIds: uuid('attachment_file_ids').array().notNull().default(sql`'{}'::uuid[]`),
    registeredByUserId: uuid('registered_by_user_id'),
    idempotencyKey: varchar('idempotency_key', { length: 80 }),
    searchVector: tsvector('search_vector').generatedAlwaysAs(
      (): SQL =>
        sql.raw(
          `setweight(to_tsvector('spanish', ${folded('radicado')} || ' ' || ${folded('subject')}), 'A') || ` +
            `setweight(to_tsvector('spanish', ${folded('sender_name')} || ' ' || ${folded('sender_entity')} || ' ' || ` +
            `${folded('recipient_name')} || ' ' || ${folded('recipient_entity')}), 'B') || ` +
            `setweight(to_tsvector('spanish', ${folded('summary')} || ' ' || ${folded('pqrsd_radicado')}), 'C')`,
        ),
    ),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('correspondence_radicado_uq').on(t.tenantId, t.radicado),
    uniqueIndex('correspondence_idempotency_uq')
      .on(t.tenantId, t.idempotencyKey)
      .where(sql`idempotency_key IS NOT NULL`),
    index('correspondence_dependencia_idx').on(t.tenantId, t.dependenciaId, t.radicadoAt),
    index('correspondence_expediente_idx').on(t.expedienteId),
    index('correspondence_search_idx').using('gin', t.searchVector),
  ],
);

import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  varchar,
} from 'drizzle-orm/pg-core';
import { tenant } from '../../platform/tenancy/tenancy.schema.ts';

/**
 * A cadastral roll as received from the gestor catastral: one row per file, so the same file is never
 * applied twice and every change to a predio can be traced back to the roll that made it.
 */
export const cadastreImport = pgTable(
  'cadastre_import',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenant.id),
    formato: varchar('formato', { length: 20 }).notNull(),
    sha256: varchar('sha256', { length: 64 }).notNull(),
    fileId: uuid('file_id'),
    estado: varchar('estado', { length: 12 }).notNull().$type<'aplicada' | 'rechazada'>(),
    /** Counts of new, changed, unchanged and absent predios, and of problems. */
    resumen: jsonb('resumen').$type<Record<string, number>>().notNull(),
    /** The first problems found, with their lines, for the official's report. */
    problemas: jsonb('problemas').$type<unknown[]>().notNull(),
    createdByUserId: uuid('created_by_user_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('cadastre_import_applied_uq').on(t.tenantId, t.sha256).where(sql`estado = 'aplicada'`)],
);

/** A property of the municipality, by its 30-digit número predial nacional and/or its older code. */
export const predio = pgTable(
  'predio',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenant.id),
    numeroPredial: varchar('numero_predial', { length: 30 }),
    numeroPredialAnterior: varchar('numero_predial_anterior', { length: 20 }),
    matriculaInmobiliaria: varchar('matricula_inmobiliaria', { length: 40 }),
    direccion: text('direccion'),
    destinoLetra: varchar('destino_letra', { length: 2 }).notNull(),
    destinoLadm: varchar('destino_ladm', { length: 60 }),
    estrato: smallint('estrato'),
    areaTerrenoM2: numeric('area_terreno_m2', { precision: 14, scale: 2 }),
    areaConstruidaM2: numeric('area_construida_m2', { precision: 14, scale: 2 }),
    barrioCode: varchar('barrio_code', { length: 40 }),
    comunaCode: varchar('comuna_code', { length: 40 }),
    longitud: numeric('longitud', { precision: 9, scale: 6 }),
    latitud: numeric('latitud', { precision: 9, scale: 6 }),
    /**
     * The canonical cadastral record as last imported (cadastre/cadastral-record.ts), the input of the
     * next re-import's diff; the columns beside it are copies kept for search and reports.
     */
    registro: jsonb('registro').$type<Record<string, unknown>>().notNull(),
    estado: varchar('estado', { length: 10 }).notNull().default('activo').$type<'activo' | 'retirado'>(),
    synthetic: boolean('synthetic').notNull().default(false),
    lastImportId: uuid('last_import_id').references(() => cadastreImport.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('predio_npn_uq').on(t.tenantId, t.numeroPredial).where(sql`numero_predial is not null`),
    uniqueIndex('predio_anterior_uq')
      .on(t.tenantId, t.numeroPredialAnterior)
      .where(sql`numero_predial_anterior is not null`),
    // Batch jobs walk a tenant's predios in id order (keyset pagination).
    index('predio_tenant_order_idx').on(t.tenantId, t.id),
    index('predio_barrio_idx').on(t.tenantId, t.barrioCode),
    index('predio_comuna_idx').on(t.tenantId, t.comunaCode),
  ],
);

/** The avalúo catastral of each vigencia; history is kept, one row per predio and year. */
export const predioAvaluo = pgTable(
  'predio_avaluo',
  {
    predioId: uuid('predio_id')
      .notNull()
      .references(() => predio.id, { onDelete: 'cascade' }),
    vigencia: smallint('vigencia').notNull(),
    /** Integer pesos (at most 15 digits, below 2^53); multiplied by tariffs in BigInt. */
    avaluo: bigint('avaluo', { mode: 'number' }).notNull(),
    fecha: date('fecha'),
    /** Whether this avalúo comes from a cadastral update (Ley 1995 caps depend on it). */
    actualizado: boolean('actualizado').notNull().default(false),
    importId: uuid('import_id').references(() => cadastreImport.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.predioId, t.vigencia] })],
);

/** Owners and possessors with their share; the document links a predio to a citizen's account. */
export const predioTitular = pgTable(
  'predio_titular',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenant.id),
    predioId: uuid('predio_id')
      .notNull()
      .references(() => predio.id, { onDelete: 'cascade' }),
    calidad: varchar('calidad', { length: 12 }).$type<'propietario' | 'poseedor'>(),
    documentType: varchar('document_type', { length: 4 }),
    documentNumber: varchar('document_number', { length: 20 }),
    nombre: text('nombre'),
    participacionNumerador: integer('participacion_numerador'),
    participacionDenominador: integer('participacion_denominador'),
  },
  (t) => [
    index('predio_titular_predio_idx').on(t.predioId),
    index('predio_titular_documento_idx').on(t.tenantId, t.documentType, t.documentNumber),
  ],
);

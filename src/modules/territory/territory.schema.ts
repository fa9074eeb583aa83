import {
  doublePrecision,
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
import { tenant } from '../../platform/tenancy/tenancy.schema.ts';

export type AreaKind = 'municipio' | 'comuna' | 'corregimiento' | 'barrio' | 'vereda';

/** Political-administrative areas of a municipality with their GeoJSON geometry (WGS84). */
export const territoryArea = pgTable(
  'territory_area',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenant.id),
    kind: varchar('kind', { length: 16 }).notNull().$type<AreaKind>(),
    code: varchar('code', { length: 40 }).notNull(),
    name: text('name').notNull(),
    parentCode: varchar('parent_code', { length: 40 }),
    /** DIVIPOLA of the municipality the area belongs to (a metro tenant holds its neighbours' limits too). */
    municipio: varchar('municipio', { length: 5 }),
    geometry: jsonb('geometry').$type<{ type: 'Polygon' | 'MultiPolygon'; coordinates: unknown }>(),
    source: text('source'),
  },
  (t) => [
    uniqueIndex('territory_area_code_uq').on(t.tenantId, t.kind, t.code),
    index('territory_area_parent_idx').on(t.tenantId, t.parentCode),
  ],
);

export type LayerType = 'direcciones' | 'vias' | 'manzanas' | 'barrios' | 'comunas' | 'municipios';

/** One reference layer a municipality loaded: what, for which municipality, from which file, by whom. */
export const territoryLayer = pgTable(
  'territory_layer',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenant.id),
    type: varchar('type', { length: 16 }).notNull().$type<LayerType>(),
    municipio: varchar('municipio', { length: 5 }).notNull(),
    fileName: text('file_name').notNull(),
    /** Who made the data and under which licence (e.g. «IGAC, CC BY 4.0»), credited on the map. */
    source: text('source'),
    sourceSrid: integer('source_srid').notNull(),
    features: integer('features').notNull(),
    skipped: integer('skipped').notNull(),
    problems: jsonb('problems').notNull().$type<{ index: number | null; field: string; message: string }[]>(),
    createdBy: uuid('created_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('territory_layer_tenant_idx').on(t.tenantId, t.createdAt)],
);

/** Street centreline pieces with their nomenclature (`CL 35`), for intersections and interpolation. */
export const territoryStreetSegment = pgTable(
  'territory_street_segment',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenant.id),
    layerId: uuid('layer_id')
      .notNull()
      .references(() => territoryLayer.id),
    municipio: varchar('municipio', { length: 5 }).notNull(),
    streetKey: varchar('street_key', { length: 60 }).notNull(),
    name: text('name').notNull(),
    /** `[[lon, lat], …]` in WGS84. */
    coordinates: jsonb('coordinates').notNull().$type<[number, number][]>(),
    minLon: doublePrecision('min_lon').notNull(),
    minLat: doublePrecision('min_lat').notNull(),
    maxLon: doublePrecision('max_lon').notNull(),
    maxLat: doublePrecision('max_lat').notNull(),
  },
  (t) => [index('territory_street_segment_key_idx').on(t.tenantId, t.municipio, t.streetKey)],
);

/** Address points (or parcels' points) keyed by the parser's canonical form. */
export const territoryAddressPoint = pgTable(
  'territory_address_point',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenant.id),
    layerId: uuid('layer_id')
      .notNull()
      .references(() => territoryLayer.id),
    municipio: varchar('municipio', { length: 5 }).notNull(),
    canonical: varchar('canonical', { length: 80 }).notNull(),
    address: text('address').notNull(),
    lon: doublePrecision('lon').notNull(),
    lat: doublePrecision('lat').notNull(),
  },
  (t) => [uniqueIndex('territory_address_point_uq').on(t.tenantId, t.municipio, t.canonical)],
);

/** Blocks (manzanas) with their cadastral code, kept with their layer; addresses are not resolved on them. */
export const territoryBlock = pgTable(
  'territory_block',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenant.id),
    layerId: uuid('layer_id')
      .notNull()
      .references(() => territoryLayer.id),
    municipio: varchar('municipio', { length: 5 }).notNull(),
    code: varchar('code', { length: 40 }).notNull(),
    geometry: jsonb('geometry').notNull(),
  },
  (t) => [index('territory_block_tenant_idx').on(t.tenantId, t.municipio)],
);

/** Answers of the optional online geocoder (hits and misses), so no query is sent twice. */
export const territoryGeocodeCache = pgTable(
  'territory_geocode_cache',
  {
    provider: varchar('provider', { length: 16 }).notNull(),
    queryKey: text('query_key').notNull(),
    result: jsonb('result'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('territory_geocode_cache_uq').on(t.provider, t.queryKey)],
);

import { index, jsonb, pgTable, text, uniqueIndex, uuid, varchar } from 'drizzle-orm/pg-core';
import { tenant } from '../../platform/tenancy/tenancy.schema.ts';

export type AreaKind = 'comuna' | 'corregimiento' | 'barrio' | 'vereda';

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
    geometry: jsonb('geometry').$type<{ type: 'Polygon' | 'MultiPolygon'; coordinates: unknown }>(),
    source: text('source'),
  },
  (t) => [
    uniqueIndex('territory_area_code_uq').on(t.tenantId, t.kind, t.code),
    index('territory_area_parent_idx').on(t.tenantId, t.parentCode),
  ],
);

import { and, asc, count, eq, type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../platform/db/database.ts';
import { AppError, validationError } from '../../platform/http/errors.ts';
import { type AreaGeometry, type AreaIndex, bboxOf, createAreaIndex } from './point-in-polygon.rules.ts';
import { type AreaKind, territoryArea } from './territory.schema.ts';

export type { AreaGeometry } from './point-in-polygon.rules.ts';
export type { AreaKind } from './territory.schema.ts';

export const AREA_KINDS = [
  'municipio',
  'comuna',
  'corregimiento',
  'barrio',
  'vereda',
] as const satisfies readonly AreaKind[];

/** Letters, digits and `.`, `_`, `-`: codes appear in URLs and in other areas' `parentCode`. */
export const AREA_CODE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/;

export interface AreaSummary {
  kind: AreaKind;
  code: string;
  name: string;
  parentCode: string | null;
}

export interface AreaFeature {
  type: 'Feature';
  properties: AreaSummary;
  geometry: AreaGeometry;
}

export interface AreaFeatureCollection {
  type: 'FeatureCollection';
  features: AreaFeature[];
}

export interface ImportAreasResult {
  total: number;
  inserted: number;
  updated: number;
}

export interface LocatedArea {
  code: string;
  name: string;
}

/** Where a point falls: its municipality, barrio and the comuna (urban) or corregimiento (rural). */
export interface AreaLocation {
  municipio: LocatedArea | null;
  barrio: LocatedArea | null;
  comuna: LocatedArea | null;
  corregimiento: LocatedArea | null;
}

export type TerritoryService = ReturnType<typeof createTerritoryService>;
export type AreaLocator = (lon: number, lat: number) => AreaLocation;

/** Rows per INSERT statement: bounded so a statement stays well under the 65 535 bind-parameter limit. */
export const IMPORT_CHUNK_SIZE = 200;
/** Issues reported at most for one import (the first one is the message; all are in `errors`). */
const MAX_REPORTED_ISSUES = 20;
/** How long a tenant's areas stay cached for `findAreaAt` (an import in this process refreshes at once). */
const LOCATOR_TTL_MS = 5 * 60_000;

// ---- Validation of what is imported -------------------------------------------------------------

const longitude = z
  .number({ error: 'la longitud debe ser un número.' })
  .min(-180, 'la longitud debe estar entre -180 y 180.')
  .max(180, 'la longitud debe estar entre -180 y 180.');
const latitude = z
  .number({ error: 'la latitud debe ser un número.' })
  .min(-90, 'la latitud debe estar entre -90 y 90.')
  .max(90, 'la latitud debe estar entre -90 y 90.');
/** `[lon, lat]`; an altitude, if present, is accepted and dropped. */
const position = z
  .tuple([longitude, latitude], z.number({ error: 'la altitud debe ser un número.' }), {
    error: 'cada posición debe ser una lista [longitud, latitud].',
  })
  .transform(([lon, lat]) => [lon, lat] as [number, number]);
const ring = z
  .array(position, { error: 'cada anillo debe ser una lista de posiciones.' })
  .min(4, 'cada anillo necesita al menos 4 posiciones.')
  .refine((points) => {
    const first = points[0];
    const last = points[points.length - 1];
    return first !== undefined && last !== undefined && first[0] === last[0] && first[1] === last[1];
  }, 'el anillo no está cerrado: la última posición debe repetir la primera.');
const polygon = z
  .array(ring, { error: 'el polígono debe ser una lista de anillos.' })
  .min(1, 'el polígono necesita al menos un anillo.');
const geometry = z.discriminatedUnion(
  'type',
  [
    z.object({ type: z.literal('Polygon'), coordinates: polygon }),
    z.object({
      type: z.literal('MultiPolygon'),
      coordinates: z
        .array(polygon, { error: 'debe ser una lista de polígonos.' })
        .min(1, 'no tiene polígonos.'),
    }),
  ],
  { error: 'la geometría debe ser de tipo Polygon o MultiPolygon.' },
);
const areaCode = z
  .string({ error: 'debe ser texto.' })
  .trim()
  .regex(AREA_CODE_PATTERN, 'use de 1 a 40 letras, dígitos, puntos, guiones o guiones bajos.');
const areaFeature = z.object(
  {
    type: z.literal('Feature', { error: 'el tipo debe ser «Feature».' }),
    properties: z.object(
      {
        kind: z.enum(AREA_KINDS, {
          error: 'el tipo de área debe ser municipio, comuna, corregimiento, barrio o vereda.',
        }),
        code: areaCode,
        name: z
          .string({ error: 'el nombre debe ser texto.' })
          .trim()
          .min(1, 'el nombre es obligatorio.')
          .max(200, 'el nombre admite como máximo 200 caracteres.'),
        parentCode: areaCode.nullish().transform((value) => value ?? null),
      },
      { error: 'faltan las propiedades (kind, code, name).' },
    ),
    geometry: z.unknown().pipe(geometry),
  },
  { error: 'cada elemento debe ser un objeto Feature de GeoJSON.' },
);
const featureCollection = z.object(
  {
    type: z.literal('FeatureCollection', { error: 'el tipo debe ser «FeatureCollection».' }),
    features: z
      .array(z.unknown(), { error: 'features debe ser una lista.' })
      .max(20_000, 'admite como máximo 20 000 áreas.'),
  },
  { error: 'se esperaba un FeatureCollection de GeoJSON.' },
);

type ValidArea = z.output<typeof areaFeature>;

interface Issue {
  field: string;
  message: string;
}

function pathToField(prefix: string, path: readonly PropertyKey[]): string {
  return [prefix, ...path.map(String)].filter(Boolean).join('.');
}

/** Validates every feature; throws one Spanish error naming the first bad feature (index) and field. */
export function validateAreaCollection(input: unknown): ValidArea[] {
  const collection = featureCollection.safeParse(input);
  if (!collection.success) {
    const issue = collection.error.issues[0]!;
    const field = pathToField('', issue.path) || 'features';
    throw validationError(field, `El archivo de áreas no es válido (${field}): ${issue.message}`);
  }
  const issues: Issue[] = [];
  const areas: ValidArea[] = [];
  const seen = new Map<string, number>();
  collection.data.features.forEach((raw, index) => {
    const parsed = areaFeature.safeParse(raw);
    const label = describeFeature(raw, index);
    if (!parsed.success) {
      for (const issue of parsed.error.issues.slice(0, 3)) {
        const field = pathToField(`features.${index}`, issue.path);
        issues.push({
          field,
          message: `${label}, campo ${pathToField('', issue.path) || '(elemento)'}: ${issue.message}`,
        });
      }
      return;
    }
    const key = `${parsed.data.properties.kind}:${parsed.data.properties.code}`;
    const previous = seen.get(key);
    if (previous !== undefined) {
      issues.push({
        field: `features.${index}.properties.code`,
        message: `${label}, campo properties.code: repite el código ${parsed.data.properties.code} del elemento ${previous}.`,
      });
      return;
    }
    seen.set(key, index);
    areas.push(parsed.data);
  });
  if (issues.length > 0) {
    const first = issues[0]!;
    const more = issues.length > 1 ? ` (y ${issues.length - 1} problema(s) más)` : '';
    throw new AppError(400, 'VALIDATION_ERROR', `${first.message}${more}`, first.field, {
      errors: issues.slice(0, MAX_REPORTED_ISSUES),
    });
  }
  return areas;
}

function describeFeature(raw: unknown, index: number): string {
  const name = (raw as { properties?: { name?: unknown } } | null)?.properties?.name;
  return typeof name === 'string' && name.trim()
    ? `Elemento ${index} («${name.trim().slice(0, 80)}»)`
    : `Elemento ${index}`;
}

function assertCoordinates(lon: number, lat: number): void {
  if (!Number.isFinite(lon) || lon < -180 || lon > 180) {
    throw validationError('lon', 'lon: la longitud debe ser un número entre -180 y 180.');
  }
  if (!Number.isFinite(lat) || lat < -90 || lat > 90) {
    throw validationError('lat', 'lat: la latitud debe ser un número entre -90 y 90.');
  }
}

// ---- The service ---------------------------------------------------------------------------------

export interface IndexedArea extends AreaSummary {
  geometry: AreaGeometry;
  /** DIVIPOLA of the area's municipality; null for areas loaded before layers existed (the tenant's own). */
  municipio: string | null;
}

interface Locator {
  loadedAt: number;
  rows: IndexedArea[];
  barrios: AreaIndex<IndexedArea>;
  parents: AreaIndex<IndexedArea>;
  municipios: AreaIndex<IndexedArea>;
  byKindAndCode: Map<string, IndexedArea>;
}

/**
 * The barrio holding the point (the smallest, should two overlap), and its comuna or corregimiento:
 * the barrio's parent when there is a barrio, otherwise the comuna or corregimiento holding the point.
 */
function locateIn(index: Locator, lon: number, lat: number): AreaLocation {
  const barrio = index.barrios.containing(lon, lat)[0];
  let parent: IndexedArea | undefined;
  if (barrio?.parentCode) {
    parent =
      index.byKindAndCode.get(`comuna:${barrio.parentCode}`) ??
      index.byKindAndCode.get(`corregimiento:${barrio.parentCode}`);
  }
  parent ??= index.parents.containing(lon, lat)[0];
  const brief = (area: IndexedArea | undefined): LocatedArea | null =>
    area ? { code: area.code, name: area.name } : null;
  return {
    municipio: brief(index.municipios.containing(lon, lat)[0]),
    barrio: brief(barrio),
    comuna: brief(parent?.kind === 'comuna' ? parent : undefined),
    corregimiento: brief(parent?.kind === 'corregimiento' ? parent : undefined),
  };
}

/** Political-administrative areas of each tenant: import, list, map and "in which barrio is this point". */
export function createTerritoryService(db: Db, options: { now?: () => number } = {}) {
  const now = options.now ?? Date.now;
  const locators = new Map<string, Promise<Locator>>();

  /** Upserts the areas by kind and code; `municipio` is the DIVIPOLA they belong to (default: the tenant's). */
  async function importAreas(
    tenantId: string,
    input: unknown,
    source: string,
    options: { municipio?: string | null } = {},
  ): Promise<ImportAreasResult> {
    const areas = validateAreaCollection(input);
    const rows = areas.map((area) => ({
      tenantId,
      municipio: area.properties.kind === 'municipio' ? area.properties.code : (options.municipio ?? null),
      kind: area.properties.kind,
      code: area.properties.code,
      name: area.properties.name,
      parentCode: area.properties.parentCode,
      geometry: area.geometry,
      source,
    }));
    let inserted = 0;
    await db.transaction(async (tx) => {
      for (let start = 0; start < rows.length; start += IMPORT_CHUNK_SIZE) {
        const chunk = rows.slice(start, start + IMPORT_CHUNK_SIZE);
        const result = await tx
          .insert(territoryArea)
          .values(chunk)
          .onConflictDoUpdate({
            target: [territoryArea.tenantId, territoryArea.kind, territoryArea.code],
            set: {
              name: sql`excluded.name`,
              parentCode: sql`excluded.parent_code`,
              municipio: sql`excluded.municipio`,
              geometry: sql`excluded.geometry`,
              source: sql`excluded.source`,
            },
          })
          // xmax is 0 for a freshly inserted row version and non-zero for one ON CONFLICT updated.
          .returning({ inserted: sql<boolean>`(xmax = 0)` });
        inserted += result.filter((row) => row.inserted === true).length;
      }
    });
    locators.delete(tenantId);
    return { total: rows.length, inserted, updated: rows.length - inserted };
  }

  async function countAreas(tenantId: string): Promise<number> {
    const [row] = await db
      .select({ n: count() })
      .from(territoryArea)
      .where(eq(territoryArea.tenantId, tenantId));
    return Number(row?.n ?? 0);
  }

  function filters(tenantId: string, filter: { kind?: AreaKind; parentCode?: string }): SQL | undefined {
    return and(
      eq(territoryArea.tenantId, tenantId),
      filter.kind ? eq(territoryArea.kind, filter.kind) : undefined,
      filter.parentCode ? eq(territoryArea.parentCode, filter.parentCode) : undefined,
    );
  }

  /** The areas without their geometry, by kind and code. */
  async function listAreas(
    tenantId: string,
    filter: { kind?: AreaKind; parentCode?: string } = {},
  ): Promise<AreaSummary[]> {
    return db
      .select({
        kind: territoryArea.kind,
        code: territoryArea.code,
        name: territoryArea.name,
        parentCode: territoryArea.parentCode,
      })
      .from(territoryArea)
      .where(filters(tenantId, filter))
      .orderBy(asc(territoryArea.kind), asc(territoryArea.code));
  }

  async function areasWithGeometry(tenantId: string, kind?: AreaKind): Promise<IndexedArea[]> {
    const rows = await db
      .select({
        kind: territoryArea.kind,
        code: territoryArea.code,
        name: territoryArea.name,
        parentCode: territoryArea.parentCode,
        municipio: territoryArea.municipio,
        geometry: territoryArea.geometry,
      })
      .from(territoryArea)
      .where(filters(tenantId, { kind }))
      .orderBy(asc(territoryArea.kind), asc(territoryArea.code));
    return rows.filter((row): row is IndexedArea => row.geometry !== null) as IndexedArea[];
  }

  /** A GeoJSON FeatureCollection of the tenant's areas (of one kind, or all), for maps. */
  async function areasGeoJson(tenantId: string, kind?: AreaKind): Promise<AreaFeatureCollection> {
    const rows = await areasWithGeometry(tenantId, kind);
    return {
      type: 'FeatureCollection',
      features: rows.map(({ geometry, municipio: _municipio, ...properties }) => ({
        type: 'Feature',
        properties,
        geometry,
      })),
    };
  }

  async function buildLocator(tenantId: string): Promise<Locator> {
    const rows = await areasWithGeometry(tenantId);
    return {
      loadedAt: now(),
      rows,
      barrios: createAreaIndex(rows.filter((row) => row.kind === 'barrio')),
      parents: createAreaIndex(rows.filter((row) => row.kind === 'comuna' || row.kind === 'corregimiento')),
      municipios: createAreaIndex(rows.filter((row) => row.kind === 'municipio')),
      byKindAndCode: new Map(rows.map((row) => [`${row.kind}:${row.code}`, row])),
    };
  }

  async function locator(tenantId: string): Promise<Locator> {
    const cached = locators.get(tenantId);
    if (cached) {
      const ready = await cached;
      if (now() - ready.loadedAt < LOCATOR_TTL_MS) return ready;
      if (locators.get(tenantId) === cached) locators.delete(tenantId);
    }
    let loading = locators.get(tenantId);
    if (!loading) {
      const started = buildLocator(tenantId);
      loading = started;
      locators.set(tenantId, started);
      // A failed load is not cached: the next call tries again.
      started.catch(() => {
        if (locators.get(tenantId) === started) locators.delete(tenantId);
      });
    }
    return loading;
  }

  async function findAreaAt(tenantId: string, lon: number, lat: number): Promise<AreaLocation> {
    assertCoordinates(lon, lat);
    return locateIn(await locator(tenantId), lon, lat);
  }

  /** The same look-up as findAreaAt, synchronous once loaded: for batches of many points. */
  async function areaLocator(tenantId: string): Promise<(lon: number, lat: number) => AreaLocation> {
    const index = await locator(tenantId);
    return (lon, lat) => locateIn(index, lon, lat);
  }

  /** Every area with its geometry (cached as findAreaAt's index is), for the geocoder's gazetteer. */
  async function indexedAreas(tenantId: string): Promise<readonly IndexedArea[]> {
    return (await locator(tenantId)).rows;
  }

  /** The extent of the map: the comunas and barrios (the neighbours' limits only when there are none). */
  async function bounds(tenantId: string): Promise<[number, number, number, number] | null> {
    const rows = (await locator(tenantId)).rows;
    const inner = rows.filter((row) => row.kind !== 'municipio');
    const boxes = (inner.length > 0 ? inner : rows).map((row) => bboxOf(row.geometry));
    if (boxes.length === 0) return null;
    return [
      Math.min(...boxes.map((box) => box.minLon)),
      Math.min(...boxes.map((box) => box.minLat)),
      Math.max(...boxes.map((box) => box.maxLon)),
      Math.max(...boxes.map((box) => box.maxLat)),
    ];
  }

  /** The credits of the loaded areas, for the map's attribution. */
  async function attribution(tenantId: string): Promise<string> {
    const rows = await db
      .selectDistinct({ source: territoryArea.source })
      .from(territoryArea)
      .where(eq(territoryArea.tenantId, tenantId))
      .limit(10);
    return rows
      .map((row) => row.source)
      .filter(Boolean)
      .join(' · ');
  }

  return {
    importAreas,
    bounds,
    attribution,
    indexedAreas,
    areaLocator,
    countAreas,
    listAreas,
    areasGeoJson,
    findAreaAt,
    /** Drops the cached areas used by findAreaAt (all tenants, or one). */
    forget(tenantId?: string) {
      if (tenantId) locators.delete(tenantId);
      else locators.clear();
    },
  };
}

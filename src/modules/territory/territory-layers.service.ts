import { randomUUID } from 'node:crypto';
import { and, desc, eq, gte, lte, sql } from 'drizzle-orm';
import { csvRow, type DatabaseHandle } from '../../platform/db/database.ts';
import { AppError, validationError } from '../../platform/http/errors.ts';
import {
  type LayerProblem,
  readReferenceLayer,
  toAddressPoints,
  toAreaFeatures,
  toStreetSegments,
} from './layers/index.ts';
import {
  type LayerType,
  territoryAddressPoint,
  territoryLayer,
  territoryStreetSegment,
} from './territory.schema.ts';
import type { TerritoryService } from './territory.service.ts';

export const LAYER_TYPES = [
  'direcciones',
  'vias',
  'manzanas',
  'barrios',
  'comunas',
  'municipios',
] as const satisfies readonly LayerType[];
export const LAYER_SRIDS = [4326, 3116, 9377] as const;
export type LayerSrid = (typeof LAYER_SRIDS)[number];

const AREA_KIND_OF = { barrios: 'barrio', comunas: 'comuna', municipios: 'municipio' } as const;
/** Problems kept with a layer and shown to the official (the rest are counted). */
const MAX_KEPT_PROBLEMS = 50;
/** Rows per COPY batch: bounded memory for a city's 300,000 parcels. */
const COPY_BATCH = 5_000;

export interface ImportLayerInput {
  tenantId: string;
  /** The tenant's own DIVIPOLA: areas of other municipalities get theirs as a code prefix. */
  tenantDivipola: string;
  userId: string | null;
  type: LayerType;
  municipio: string;
  srid?: LayerSrid;
  field?: string;
  fileName: string;
  /** Credits and licence of the data (shown on the map). */
  source?: string;
  bytes: Uint8Array;
}

export interface ImportedLayer {
  id: string;
  tipo: LayerType;
  municipio: string;
  elementos: number;
  omitidos: number;
  srid: number;
  problemas: LayerProblem[];
}

export interface LayerSummary {
  id: string;
  tipo: LayerType;
  municipio: string;
  nombre: string;
  fuente: string | null;
  elementos: number;
  omitidos: number;
  srid: number;
  cargadaEn: string;
  cargadaPor: string | null;
}

export type TerritoryLayersService = ReturnType<typeof createTerritoryLayersService>;

type LayerConnection = Parameters<Parameters<DatabaseHandle['inBulkTransaction']>[0]>[0];
type CsvValue = Parameters<typeof csvRow>[0][number];

/** Replaces the municipality's rows of one layer table: delete, then COPY in bounded batches. */
async function replaceRows<T>(
  connection: LayerConnection,
  input: ImportLayerInput,
  layerId: string,
  table: 'territory_street_segment' | 'territory_address_point' | 'territory_block',
  columns: readonly string[],
  items: readonly T[],
  values: (item: T) => CsvValue[],
): Promise<void> {
  await connection.query(`delete from ${table} where tenant_id = $1 and municipio = $2`, [
    input.tenantId,
    input.municipio,
  ]);
  for (let start = 0; start < items.length; start += COPY_BATCH) {
    let csv = '';
    for (const item of items.slice(start, start + COPY_BATCH)) {
      csv += csvRow([input.tenantId, layerId, input.municipio, ...values(item)]);
    }
    await connection.copyCsv(table, [...LAYER_ROW_COLUMNS, ...columns], csv);
  }
}

function refuse(problems: readonly LayerProblem[]): never {
  const first = problems[0]!;
  const more = problems.length > 1 ? ` (y ${problems.length - 1} problema(s) más)` : '';
  throw new AppError(400, 'VALIDATION_ERROR', `${first.message}${more}`, first.field, {
    errors: problems.slice(0, MAX_KEPT_PROBLEMS),
  });
}

/** Area codes are unique per tenant and kind: a neighbour's codes carry its DIVIPOLA so they never clash. */
function scopedCode(code: string, municipio: string, tenantDivipola: string): string {
  return municipio === tenantDivipola || code.startsWith(`${municipio}-`)
    ? code
    : `${municipio}-${code}`.slice(0, 40);
}

/**
 * The reference layers a municipality loads (address points, street centrelines, blocks, barrios, comunas,
 * municipal limits), each replacing the previous one of its kind for that municipality, whole or not at all.
 */
export function createTerritoryLayersService(deps: {
  database: DatabaseHandle;
  territory: TerritoryService;
  /** Called after a layer changed, so cached geocoding indexes are rebuilt. */
  onChange?: (tenantId: string) => void;
}) {
  const { database, territory } = deps;
  const db = database.db;

  async function recordLayer(
    input: ImportLayerInput,
    counts: { features: number; skipped: number; srid: number; problems: LayerProblem[] },
    write: (layerId: string, connection: LayerConnection) => Promise<void>,
  ): Promise<string> {
    const id = randomUUID();
    await database.inBulkTransaction(async (connection) => {
      await connection.query(
        `insert into territory_layer (id, tenant_id, type, municipio, file_name, source, source_srid, features, skipped, problems, created_by)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb, $11)`,
        [
          id,
          input.tenantId,
          input.type,
          input.municipio,
          input.fileName.slice(0, 200),
          input.source?.slice(0, 200) || null,
          counts.srid,
          counts.features,
          counts.skipped,
          JSON.stringify(counts.problems.slice(0, MAX_KEPT_PROBLEMS)),
          input.userId,
        ],
      );
      await write(id, connection);
    });
    return id;
  }

  async function importLayer(input: ImportLayerInput): Promise<ImportedLayer> {
    if (input.bytes.byteLength === 0) throw validationError('archivo', 'archivo: el archivo está vacío.');
    const read = await readReferenceLayer({ bytes: input.bytes, fileName: input.fileName, srid: input.srid });
    // Broken geometries refuse the file whole: a layer is never half loaded.
    if (read.problems.length > 0) refuse(read.problems);
    if (read.features.length === 0) {
      throw validationError('archivo', 'archivo: no tiene ningún elemento con geometría.');
    }
    const base = { srid: read.sourceSrid };
    let result: { id: string; features: number; skipped: number; problems: LayerProblem[] };
    if (input.type === 'vias') {
      const { segments, problems, skipped } = toStreetSegments(read.features, { nameField: input.field });
      if (problems.length > 0) refuse(problems);
      if (segments.length === 0) {
        throw validationError(
          'campo',
          'campo: ningún elemento tiene un nombre de vía reconocible (p. ej. «CALLE 11»); indique el campo que lo tiene.',
        );
      }
      const counts = { ...base, features: segments.length, skipped, problems };
      const id = await recordLayer(input, counts, (layerId, connection) =>
        replaceRows(
          connection,
          input,
          layerId,
          'territory_street_segment',
          STREET_COLUMNS,
          segments,
          (segment) => {
            const lons = segment.coordinates.map((p) => p[0]);
            const lats = segment.coordinates.map((p) => p[1]);
            return [
              segment.streetKey,
              segment.name.slice(0, 200),
              JSON.stringify(segment.coordinates),
              Math.min(...lons),
              Math.min(...lats),
              Math.max(...lons),
              Math.max(...lats),
            ];
          },
        ),
      );
      result = { id, ...counts };
    } else if (input.type === 'direcciones') {
      const { points, problems, skipped } = toAddressPoints(read.features, { addressField: input.field });
      if (problems.length > 0) refuse(problems);
      // One point per canonical address: the first one in the file wins.
      const unique = new Map(points.map((point) => [point.canonical, point] as const).reverse());
      if (unique.size === 0) {
        throw validationError(
          'campo',
          'campo: ningún elemento tiene una dirección completa (p. ej. «CL 35 10 43»); indique el campo que la tiene.',
        );
      }
      const counts = {
        ...base,
        features: unique.size,
        skipped: skipped + points.length - unique.size,
        problems,
      };
      const id = await recordLayer(input, counts, (layerId, connection) =>
        replaceRows(
          connection,
          input,
          layerId,
          'territory_address_point',
          ADDRESS_COLUMNS,
          [...unique.values()],
          (point) => [point.canonical.slice(0, 80), point.address.slice(0, 300), point.lon, point.lat],
        ),
      );
      result = { id, ...counts };
    } else if (input.type === 'manzanas') {
      const { areas, problems } = toAreaFeatures(read.features, { kind: 'manzana', codeField: input.field });
      if (problems.length > 0) refuse(problems);
      const counts = { ...base, features: areas.length, skipped: 0, problems };
      const id = await recordLayer(input, counts, (layerId, connection) =>
        replaceRows(connection, input, layerId, 'territory_block', BLOCK_COLUMNS, areas, (area) => [
          area.code,
          JSON.stringify(area.geometry),
        ]),
      );
      result = { id, ...counts };
    } else {
      const kind = AREA_KIND_OF[input.type];
      const { areas, problems } = toAreaFeatures(read.features, { kind, nameField: input.field });
      if (problems.length > 0) refuse(problems);
      const collection = {
        type: 'FeatureCollection',
        features: areas.map((area) => ({
          type: 'Feature',
          properties: {
            kind: area.kind,
            code:
              kind === 'municipio' ? area.code : scopedCode(area.code, input.municipio, input.tenantDivipola),
            name: area.name,
            parentCode: area.parentCode
              ? scopedCode(area.parentCode, input.municipio, input.tenantDivipola)
              : null,
          },
          geometry: area.geometry,
        })),
      };
      await territory.importAreas(
        input.tenantId,
        collection,
        (input.source || `capa ${input.fileName}`).slice(0, 200),
        {
          municipio: input.municipio,
        },
      );
      const counts = { ...base, features: areas.length, skipped: 0, problems };
      const id = await recordLayer(input, counts, async () => {});
      result = { id, ...counts };
    }
    deps.onChange?.(input.tenantId);
    return {
      id: result.id,
      tipo: input.type,
      municipio: input.municipio,
      elementos: result.features,
      omitidos: result.skipped,
      srid: read.sourceSrid,
      // What was read differently from what the file declared (encoding, reference system): worth a look.
      problemas: [...read.notes, ...result.problems],
    };
  }

  async function listLayers(tenantId: string): Promise<LayerSummary[]> {
    const rows = await db
      .select()
      .from(territoryLayer)
      .where(eq(territoryLayer.tenantId, tenantId))
      .orderBy(desc(territoryLayer.createdAt))
      .limit(100);
    return rows.map((row) => ({
      id: row.id,
      tipo: row.type,
      municipio: row.municipio,
      nombre: row.fileName,
      fuente: row.source,
      elementos: row.features,
      omitidos: row.skipped,
      srid: row.sourceSrid,
      cargadaEn: row.createdAt.toISOString(),
      cargadaPor: row.createdBy,
    }));
  }

  /** A version of the tenant's layers: it changes whenever one is loaded (cheap to ask every few seconds). */
  async function layersVersion(tenantId: string): Promise<string> {
    const [row] = await db
      .select({
        n: sql<number>`count(*)::int`,
        latest: sql<string | null>`max(${territoryLayer.createdAt})::text`,
      })
      .from(territoryLayer)
      .where(eq(territoryLayer.tenantId, tenantId));
    return `${row?.n ?? 0}:${row?.latest ?? ''}`;
  }

  /** Municipalities the tenant loaded layers for, and the credits of those layers (for the map). */
  async function layerSummary(tenantId: string): Promise<{ municipios: string[]; sources: string[] }> {
    const rows = await db
      .selectDistinct({ municipio: territoryLayer.municipio, source: territoryLayer.source })
      .from(territoryLayer)
      .where(eq(territoryLayer.tenantId, tenantId));
    return {
      municipios: [...new Set(rows.map((row) => row.municipio))].sort(),
      sources: [...new Set(rows.map((row) => row.source).filter((source): source is string => !!source))],
    };
  }

  async function streetSegments(tenantId: string, municipio: string) {
    return db
      .select({
        streetKey: territoryStreetSegment.streetKey,
        coordinates: territoryStreetSegment.coordinates,
      })
      .from(territoryStreetSegment)
      .where(
        and(eq(territoryStreetSegment.tenantId, tenantId), eq(territoryStreetSegment.municipio, municipio)),
      );
  }

  async function addressPoints(tenantId: string, municipio: string) {
    return db
      .select({
        canonical: territoryAddressPoint.canonical,
        lon: territoryAddressPoint.lon,
        lat: territoryAddressPoint.lat,
      })
      .from(territoryAddressPoint)
      .where(
        and(eq(territoryAddressPoint.tenantId, tenantId), eq(territoryAddressPoint.municipio, municipio)),
      );
  }

  /** Street centrelines inside a box, for the map (capped: a whole city's streets are not drawn at once). */
  async function streetsGeoJson(
    tenantId: string,
    box: { minLon: number; minLat: number; maxLon: number; maxLat: number },
    limit = 5_000,
  ) {
    const rows = await db
      .select({
        name: territoryStreetSegment.name,
        streetKey: territoryStreetSegment.streetKey,
        coordinates: territoryStreetSegment.coordinates,
      })
      .from(territoryStreetSegment)
      .where(
        and(
          eq(territoryStreetSegment.tenantId, tenantId),
          lte(territoryStreetSegment.minLon, box.maxLon),
          gte(territoryStreetSegment.maxLon, box.minLon),
          lte(territoryStreetSegment.minLat, box.maxLat),
          gte(territoryStreetSegment.maxLat, box.minLat),
        ),
      )
      .limit(limit);
    return {
      type: 'FeatureCollection' as const,
      features: rows.map((row) => ({
        type: 'Feature' as const,
        properties: { name: row.name, streetKey: row.streetKey },
        geometry: { type: 'LineString' as const, coordinates: row.coordinates },
      })),
    };
  }

  return {
    importLayer,
    listLayers,
    layerSummary,
    layersVersion,
    streetSegments,
    addressPoints,
    streetsGeoJson,
  };
}

/** Every row of a layer's table starts with these; `replaceRows` fills them. */
const LAYER_ROW_COLUMNS = ['tenant_id', 'layer_id', 'municipio'];
const STREET_COLUMNS = ['street_key', 'name', 'coordinates', 'min_lon', 'min_lat', 'max_lon', 'max_lat'];
const ADDRESS_COLUMNS = ['canonical', 'address', 'lon', 'lat'];
const BLOCK_COLUMNS = ['code', 'geometry'];

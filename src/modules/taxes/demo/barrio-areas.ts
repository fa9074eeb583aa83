// The barrios a synthetic city is drawn in, read from the territory module's prepared GeoJSON
// (assets/territory/<divipola>-areas.geojson: one feature per comuna, corregimiento and barrio, with
// `kind`, `code`, `name` and `parentCode`), and the planar geometry the generator needs on them.
import fs from 'node:fs/promises';
import { z } from 'zod';
import type { AreaGeometry } from '../../territory/index.ts';
import type { SeededRandom } from './seeded-random.ts';

/** One barrio: its code, name, the comuna (or corregimiento) that holds it, and its outline. */
export interface BarrioArea {
  code: string;
  name: string;
  /** The parent's code as the layer writes it: `01`–`17` for comunas, `C1`–`C3` for corregimientos. */
  comunaCode: string;
  comunaName: string;
  /** GeoJSON Polygon or MultiPolygon, lon/lat (WGS84); holes respected. */
  polygon: AreaGeometry;
}

export class SyntheticDataError extends Error {
  constructor(
    readonly code: 'INVALID_AREAS' | 'INVALID_OPTIONS' | 'CAPACITY_EXCEEDED' | 'POINT_NOT_FOUND',
    message: string,
  ) {
    super(message);
    this.name = 'SyntheticDataError';
  }
}

const position = z.tuple([z.number(), z.number()], z.number());
const ring = z.array(position).min(4);
const polygonCoordinates = z.array(ring).min(1);
const geometrySchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('Polygon'), coordinates: polygonCoordinates }),
  z.object({ type: z.literal('MultiPolygon'), coordinates: z.array(polygonCoordinates).min(1) }),
]);
const featureSchema = z.object({
  properties: z.object({
    kind: z.string(),
    code: z.string().min(1),
    name: z.string().min(1),
    parentCode: z.string().min(1).nullish(),
  }),
  geometry: z.unknown(),
});
const collectionSchema = z.object({ type: z.literal('FeatureCollection'), features: z.array(z.unknown()) });

/** Parent kinds a barrio may hang from. */
const PARENT_KINDS = new Set(['comuna', 'corregimiento']);

function dropAltitude(geometry: z.output<typeof geometrySchema>): AreaGeometry {
  const toPolygon = (polygon: number[][][]) =>
    polygon.map((r) => r.map(([lon, lat]) => [lon, lat] as [number, number]));
  return geometry.type === 'Polygon'
    ? { type: 'Polygon', coordinates: toPolygon(geometry.coordinates) }
    : { type: 'MultiPolygon', coordinates: geometry.coordinates.map(toPolygon) };
}

/**
 * The barrios of a territory file, each with its comuna's code and name, in the file's order.
 * Throws a SyntheticDataError in Spanish when the file is not that shape.
 */
export function barrioAreasFrom(geojson: unknown): BarrioArea[] {
  const collection = collectionSchema.safeParse(geojson);
  if (!collection.success) {
    throw new SyntheticDataError('INVALID_AREAS', 'Se esperaba un FeatureCollection de GeoJSON con áreas.');
  }
  const parents = new Map<string, string>();
  const barrios: { code: string; name: string; parentCode: string | null; geometry: unknown }[] = [];
  collection.data.features.forEach((raw, index) => {
    const feature = featureSchema.safeParse(raw);
    if (!feature.success) {
      throw new SyntheticDataError(
        'INVALID_AREAS',
        `El elemento ${index} no tiene las propiedades kind, code y name.`,
      );
    }
    const { kind, code, name, parentCode } = feature.data.properties;
    if (PARENT_KINDS.has(kind)) parents.set(code, name);
    if (kind === 'barrio') {
      barrios.push({ code, name, parentCode: parentCode ?? null, geometry: feature.data.geometry });
    }
  });
  const seen = new Set<string>();
  return barrios.map((barrio) => {
    if (seen.has(barrio.code)) {
      throw new SyntheticDataError('INVALID_AREAS', `El barrio ${barrio.code} aparece más de una vez.`);
    }
    seen.add(barrio.code);
    const comunaName = barrio.parentCode === null ? undefined : parents.get(barrio.parentCode);
    if (barrio.parentCode === null || comunaName === undefined) {
      throw new SyntheticDataError(
        'INVALID_AREAS',
        `El barrio ${barrio.code} («${barrio.name}») no indica una comuna o corregimiento presente en el archivo.`,
      );
    }
    const geometry = geometrySchema.safeParse(barrio.geometry);
    if (!geometry.success) {
      throw new SyntheticDataError(
        'INVALID_AREAS',
        `El barrio ${barrio.code} («${barrio.name}») no tiene una geometría Polygon o MultiPolygon válida.`,
      );
    }
    return {
      code: barrio.code,
      name: barrio.name,
      comunaCode: barrio.parentCode,
      comunaName,
      polygon: dropAltitude(geometry.data),
    };
  });
}

/** The prepared territory file of a municipality (assets/territory/), read into barrios. */
export async function readDemoBarrioAreas(divipola = '68001'): Promise<BarrioArea[]> {
  if (!/^\d{5}$/.test(divipola)) {
    throw new SyntheticDataError('INVALID_OPTIONS', `El código DIVIPOLA «${divipola}» no tiene 5 dígitos.`);
  }
  const file = new URL(`../../../../assets/territory/${divipola}-areas.geojson`, import.meta.url);
  return barrioAreasFrom(JSON.parse(await fs.readFile(file, 'utf8')));
}

// ---- Planar geometry on lon/lat (a city spans a few km, so degrees can be treated as a plane) ----------

type Ring = readonly (readonly [number, number])[];
type Polygon = readonly Ring[];

function polygonsOf(geometry: AreaGeometry): readonly Polygon[] {
  return geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
}

function ringArea(ring: Ring): number {
  let twice = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]!;
    const [xj, yj] = ring[j]!;
    twice += xj * yi - xi * yj;
  }
  return Math.abs(twice / 2);
}

function polygonArea([outer, ...holes]: Polygon): number {
  if (!outer) return 0;
  return Math.max(0, ringArea(outer) - holes.reduce((sum, hole) => sum + ringArea(hole), 0));
}

/** Planar area in square degrees (outer rings minus holes): only to compare barrios with each other. */
export function geometryAreaOf(geometry: AreaGeometry): number {
  return polygonsOf(geometry).reduce((sum, polygon) => sum + polygonArea(polygon), 0);
}

/** Even–odd ray casting; points on the edge are decided by `nearRing`, not here. */
function rayCast(lon: number, lat: number, ring: Ring): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]!;
    const [xj, yj] = ring[j]!;
    if (yi > lat !== yj > lat && lon < xi + ((lat - yi) * (xj - xi)) / (yj - yi)) inside = !inside;
  }
  return inside;
}

/** About a millimetre: a point this close to an edge is not "strictly inside". */
const EDGE_TOLERANCE_DEGREES = 1e-8;

function nearRing(lon: number, lat: number, ring: Ring): boolean {
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [ax, ay] = ring[j]!;
    const [bx, by] = ring[i]!;
    // Most edges are far away: skip them before the exact distance.
    if (lon < Math.min(ax, bx) - EDGE_TOLERANCE_DEGREES || lon > Math.max(ax, bx) + EDGE_TOLERANCE_DEGREES)
      continue;
    if (lat < Math.min(ay, by) - EDGE_TOLERANCE_DEGREES || lat > Math.max(ay, by) + EDGE_TOLERANCE_DEGREES)
      continue;
    const dx = bx - ax;
    const dy = by - ay;
    const lengthSquared = dx * dx + dy * dy;
    const t =
      lengthSquared === 0 ? 0 : Math.max(0, Math.min(1, ((lon - ax) * dx + (lat - ay) * dy) / lengthSquared));
    if (Math.hypot(lon - (ax + t * dx), lat - (ay + t * dy)) <= EDGE_TOLERANCE_DEGREES) return true;
  }
  return false;
}

function strictlyInsidePolygon(lon: number, lat: number, [outer, ...holes]: Polygon): boolean {
  if (!outer || !rayCast(lon, lat, outer) || nearRing(lon, lat, outer)) return false;
  for (const hole of holes) {
    if (rayCast(lon, lat, hole) || nearRing(lon, lat, hole)) return false;
  }
  return true;
}

/** Inside the outline, outside every hole, and not on any edge. */
export function strictlyInside(lon: number, lat: number, geometry: AreaGeometry): boolean {
  return polygonsOf(geometry).some((polygon) => strictlyInsidePolygon(lon, lat, polygon));
}

/** Coordinates are written with 7 decimals (about 1 cm); the test of "inside" runs on the rounded value. */
function round7(value: number): number {
  return Math.round(value * 1e7) / 1e7;
}

interface SamplingPart {
  polygon: Polygon;
  minLon: number;
  minLat: number;
  spanLon: number;
  spanLat: number;
  /**
   * Cumulative share of the parts' bounding boxes. Choosing a part by its box (not its area) and then
   * rejecting outside points keeps the draw uniform over the whole barrio, whatever each part's shape.
   */
  upTo: number;
}

/** A barrio prepared for rejection sampling: its parts, each with its bounding box. */
export interface SamplingArea {
  readonly geometry: AreaGeometry;
  readonly area: number;
  readonly parts: readonly SamplingPart[];
}

export function prepareSamplingArea(geometry: AreaGeometry): SamplingArea {
  const polygons = polygonsOf(geometry).filter((polygon) => polygonArea(polygon) > 0);
  const area = polygons.reduce((sum, polygon) => sum + polygonArea(polygon), 0);
  const boxes = polygons.map((polygon) => {
    let minLon = Number.POSITIVE_INFINITY;
    let minLat = Number.POSITIVE_INFINITY;
    let maxLon = Number.NEGATIVE_INFINITY;
    let maxLat = Number.NEGATIVE_INFINITY;
    for (const [lon, lat] of polygon[0]!) {
      minLon = Math.min(minLon, lon);
      maxLon = Math.max(maxLon, lon);
      minLat = Math.min(minLat, lat);
      maxLat = Math.max(maxLat, lat);
    }
    return { polygon, minLon, minLat, spanLon: maxLon - minLon, spanLat: maxLat - minLat };
  });
  const boxesArea = boxes.reduce((sum, box) => sum + box.spanLon * box.spanLat, 0);
  let upTo = 0;
  const parts = boxes.map((box) => {
    upTo += (box.spanLon * box.spanLat) / boxesArea;
    return { ...box, upTo };
  });
  return { geometry, area, parts };
}

/** Rejection sampling is cheap here (a barrio fills a good part of its box); this bounds a freak shape. */
const MAX_SAMPLING_TRIES = 100_000;

/** A point strictly inside the area, uniform over its surface. */
export function samplePointIn(area: SamplingArea, random: SeededRandom, label: string): [number, number] {
  for (let tries = 0; tries < MAX_SAMPLING_TRIES; tries++) {
    const choice = random.next();
    const part = area.parts.find((p) => choice < p.upTo) ?? area.parts[area.parts.length - 1];
    if (!part) break;
    const lon = round7(part.minLon + part.spanLon * random.next());
    const lat = round7(part.minLat + part.spanLat * random.next());
    if (strictlyInsidePolygon(lon, lat, part.polygon)) return [lon, lat];
  }
  throw new SyntheticDataError('POINT_NOT_FOUND', `No se encontró un punto dentro del barrio ${label}.`);
}

/**
 * A point strictly inside the area near a centre (within `radius` degrees on each axis), so the predios
 * of one manzana sit together; falls back to anywhere in the area when the centre hugs a thin edge.
 */
export function samplePointNear(
  area: SamplingArea,
  random: SeededRandom,
  center: readonly [number, number],
  radius: number,
  label: string,
): [number, number] {
  for (let tries = 0; tries < 16; tries++) {
    const lon = round7(center[0] + radius * (2 * random.next() - 1));
    const lat = round7(center[1] + radius * (2 * random.next() - 1));
    if (strictlyInside(lon, lat, area.geometry)) return [lon, lat];
  }
  return samplePointIn(area, random, label);
}

/**
 * Turns an untrusted GeoJSON-like geometry into a checked one (2D positions of finite numbers, lines of
 * at least 2 positions, closed rings of at least 4), or a Spanish reason why it cannot be used.
 */
import type { LayerGeometry, Position } from './layer-types.ts';

export type GeometryCheck = { ok: true; geometry: LayerGeometry } | { ok: false; message: string };

export const GEOMETRY_TYPES = [
  'Point',
  'MultiPoint',
  'LineString',
  'MultiLineString',
  'Polygon',
  'MultiPolygon',
] as const;

class GeometryIssue extends Error {}

function list(raw: unknown, what: string): unknown[] {
  if (!Array.isArray(raw)) throw new GeometryIssue(`${what} no es una lista de coordenadas`);
  return raw;
}

function position(raw: unknown): Position {
  if (!Array.isArray(raw) || raw.length < 2) {
    throw new GeometryIssue('una posición no es una lista [x, y]');
  }
  const [x, y] = raw as unknown[];
  if (typeof x !== 'number' || typeof y !== 'number' || !Number.isFinite(x) || !Number.isFinite(y)) {
    throw new GeometryIssue(`la posición [${String(x)}, ${String(y)}] no tiene números finitos`);
  }
  // The altitude (and a measure) are dropped: the layers are planimetric.
  return [x, y];
}

function positions(raw: unknown, what: string): Position[] {
  return list(raw, what).map(position);
}

function line(raw: unknown, where: string): Position[] {
  const points = positions(raw, `la línea${where}`);
  if (points.length < 2) throw new GeometryIssue(`la línea${where} necesita al menos 2 posiciones`);
  return points;
}

function polygon(raw: unknown, where: string): Position[][] {
  const rings = list(raw, `el polígono${where}`);
  if (rings.length === 0) throw new GeometryIssue(`el polígono${where} no tiene anillos`);
  return rings.map((rawRing, index) => {
    const ringName = `el anillo ${index + 1}${where ? ` del polígono${where}` : ''}`;
    const ring = positions(rawRing, ringName);
    if (ring.length < 4) {
      throw new GeometryIssue(`${ringName} tiene ${ring.length} posiciones y necesita al menos 4`);
    }
    const first = ring[0]!;
    const last = ring[ring.length - 1]!;
    if (first[0] !== last[0] || first[1] !== last[1]) {
      throw new GeometryIssue(`${ringName} no está cerrado: la última posición debe repetir la primera`);
    }
    return ring;
  });
}

function nonEmpty<T>(items: T[]): T[] {
  if (items.length === 0) throw new GeometryIssue('la geometría está vacía');
  return items;
}

/** Checks one geometry; never throws. */
export function checkGeometry(raw: unknown): GeometryCheck {
  if (raw === null || raw === undefined) return { ok: false, message: 'falta la geometría' };
  if (typeof raw !== 'object' || typeof (raw as { type?: unknown }).type !== 'string') {
    return { ok: false, message: 'no es una geometría GeoJSON (falta su tipo)' };
  }
  const { type, coordinates } = raw as { type: string; coordinates?: unknown };
  try {
    switch (type) {
      case 'Point':
        return { ok: true, geometry: { type, coordinates: position(coordinates) } };
      case 'MultiPoint':
        return {
          ok: true,
          geometry: { type, coordinates: nonEmpty(positions(coordinates, 'el multipunto')) },
        };
      case 'LineString':
        return { ok: true, geometry: { type, coordinates: line(coordinates, '') } };
      case 'MultiLineString':
        return {
          ok: true,
          geometry: {
            type,
            coordinates: nonEmpty(
              list(coordinates, 'la multilínea').map((part, i) => line(part, ` ${i + 1}`)),
            ),
          },
        };
      case 'Polygon':
        return { ok: true, geometry: { type, coordinates: polygon(coordinates, '') } };
      case 'MultiPolygon':
        return {
          ok: true,
          geometry: {
            type,
            coordinates: nonEmpty(
              list(coordinates, 'el multipolígono').map((part, i) => polygon(part, ` ${i + 1}`)),
            ),
          },
        };
      default:
        return {
          ok: false,
          message: `el tipo ${type.slice(0, 40)} no está admitido (use Point, MultiPoint, LineString, MultiLineString, Polygon o MultiPolygon)`,
        };
    }
  } catch (error) {
    if (error instanceof GeometryIssue) return { ok: false, message: error.message };
    throw error;
  }
}

/** Every position of a geometry, in order. */
export function* positionsOf(geometry: LayerGeometry): Generator<Position> {
  switch (geometry.type) {
    case 'Point':
      yield geometry.coordinates;
      return;
    case 'MultiPoint':
    case 'LineString':
      yield* geometry.coordinates;
      return;
    case 'MultiLineString':
    case 'Polygon':
      for (const part of geometry.coordinates) yield* part;
      return;
    case 'MultiPolygon':
      for (const polygon of geometry.coordinates) for (const ring of polygon) yield* ring;
  }
}

/** The same geometry with every position converted (e.g. reprojected). */
export function mapPositions(
  geometry: LayerGeometry,
  convert: (position: Position) => Position,
): LayerGeometry {
  switch (geometry.type) {
    case 'Point':
      return { type: 'Point', coordinates: convert(geometry.coordinates) };
    case 'MultiPoint':
    case 'LineString':
      return { type: geometry.type, coordinates: geometry.coordinates.map(convert) } as LayerGeometry;
    case 'MultiLineString':
    case 'Polygon':
      return {
        type: geometry.type,
        coordinates: geometry.coordinates.map((part) => part.map(convert)),
      } as LayerGeometry;
    case 'MultiPolygon':
      return {
        type: 'MultiPolygon',
        coordinates: geometry.coordinates.map((polygon) => polygon.map((ring) => ring.map(convert))),
      };
  }
}

import Flatbush from 'flatbush';

/**
 * Pure planar geometry on WGS84 lon/lat (GeoJSON order): which polygon holds a point.
 * A municipality spans a few kilometres, so treating degrees as a plane is exact enough here.
 */

/** `[lon, lat]`, as GeoJSON writes it. */
export type Position = readonly [number, number];
/** A closed ring: the last position repeats the first. */
export type Ring = readonly Position[];
/** The outer ring first, then its holes. */
export type PolygonCoordinates = readonly Ring[];

export type AreaGeometry =
  | { type: 'Polygon'; coordinates: PolygonCoordinates }
  | { type: 'MultiPolygon'; coordinates: readonly PolygonCoordinates[] };

export interface BBox {
  minLon: number;
  minLat: number;
  maxLon: number;
  maxLat: number;
}

/** The polygons of a geometry, as one list (a Polygon is a MultiPolygon of one). */
export function polygonsOf(geometry: AreaGeometry): readonly PolygonCoordinates[] {
  return geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
}

export function bboxOf(geometry: AreaGeometry): BBox {
  let minLon = Number.POSITIVE_INFINITY;
  let minLat = Number.POSITIVE_INFINITY;
  let maxLon = Number.NEGATIVE_INFINITY;
  let maxLat = Number.NEGATIVE_INFINITY;
  for (const polygon of polygonsOf(geometry)) {
    // Holes lie inside the outer ring, so the outer ring alone bounds the polygon.
    for (const [lon, lat] of polygon[0] ?? []) {
      if (lon < minLon) minLon = lon;
      if (lon > maxLon) maxLon = lon;
      if (lat < minLat) minLat = lat;
      if (lat > maxLat) maxLat = lat;
    }
  }
  return { minLon, minLat, maxLon, maxLat };
}

export function inBBox(box: BBox, lon: number, lat: number): boolean {
  return lon >= box.minLon && lon <= box.maxLon && lat >= box.minLat && lat <= box.maxLat;
}

/** True when the point lies on the segment a–b (within a tolerance far below a millimetre). */
export function onSegment(lon: number, lat: number, a: Position, b: Position, epsilon = 1e-12): boolean {
  const [ax, ay] = a;
  const [bx, by] = b;
  if (lon < Math.min(ax, bx) - epsilon || lon > Math.max(ax, bx) + epsilon) return false;
  if (lat < Math.min(ay, by) - epsilon || lat > Math.max(ay, by) + epsilon) return false;
  const cross = (bx - ax) * (lat - ay) - (by - ay) * (lon - ax);
  const length = Math.hypot(bx - ax, by - ay);
  return length === 0 ? Math.hypot(lon - ax, lat - ay) <= epsilon : Math.abs(cross) / length <= epsilon;
}

export function onRingBoundary(lon: number, lat: number, ring: Ring): boolean {
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    if (onSegment(lon, lat, ring[j]!, ring[i]!)) return true;
  }
  return false;
}

/**
 * The ray-casting (even–odd) rule: a horizontal ray from the point crosses the ring an odd number
 * of times when the point is inside. Each edge counts for the half-open interval of its latitudes,
 * so a ray through a vertex is counted once. Points exactly on the boundary are not decided here.
 */
export function rayCastInRing(lon: number, lat: number, ring: Ring): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]!;
    const [xj, yj] = ring[j]!;
    if (yi > lat !== yj > lat) {
      const crossingLon = xi + ((lat - yi) * (xj - xi)) / (yj - yi);
      if (lon < crossingLon) inside = !inside;
    }
  }
  return inside;
}

/**
 * Inside the outer ring and outside every hole. The boundary belongs to the polygon: a point on the
 * outer ring or on the rim of a hole counts as inside, so neighbouring areas never leave a gap.
 */
export function pointInPolygon(lon: number, lat: number, polygon: PolygonCoordinates): boolean {
  const [outer, ...holes] = polygon;
  if (!outer || outer.length < 4) return false;
  // The ray decides most points; the (costlier) boundary test only settles the ones it leaves outside.
  if (!rayCastInRing(lon, lat, outer)) return onRingBoundary(lon, lat, outer);
  for (const hole of holes) {
    if (rayCastInRing(lon, lat, hole)) return onRingBoundary(lon, lat, hole);
  }
  return true;
}

export function pointInGeometry(lon: number, lat: number, geometry: AreaGeometry): boolean {
  return polygonsOf(geometry).some((polygon) => pointInPolygon(lon, lat, polygon));
}

/** Shoelace formula: positive for counter-clockwise rings, in square degrees. */
export function signedRingArea(ring: Ring): number {
  let twice = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]!;
    const [xj, yj] = ring[j]!;
    twice += xj * yi - xi * yj;
  }
  return twice / 2;
}

/** Planar area in square degrees: outer rings minus holes. Only for comparing areas with each other. */
export function geometryArea(geometry: AreaGeometry): number {
  let area = 0;
  for (const [outer, ...holes] of polygonsOf(geometry)) {
    if (!outer) continue;
    area += Math.abs(signedRingArea(outer));
    for (const hole of holes) area -= Math.abs(signedRingArea(hole));
  }
  return area;
}

export interface Locatable {
  geometry: AreaGeometry;
}

export interface AreaIndex<T extends Locatable> {
  /** Every area holding the point, the smallest first (the most specific when areas overlap). */
  containing(lon: number, lat: number): T[];
}

/**
 * A static R-tree (Flatbush) over the areas' bounding boxes: a lookup ray-casts only the few areas whose
 * box holds the point, whatever the number of areas.
 */
export function createAreaIndex<T extends Locatable>(areas: readonly T[]): AreaIndex<T> {
  const entries = areas.map((area) => ({
    area,
    box: bboxOf(area.geometry),
    size: geometryArea(area.geometry),
  }));
  if (entries.length === 0) return { containing: () => [] };
  const tree = new Flatbush(entries.length);
  for (const { box } of entries) tree.add(box.minLon, box.minLat, box.maxLon, box.maxLat);
  tree.finish();
  return {
    containing(lon, lat) {
      const found: { area: T; size: number }[] = [];
      // The boundary counts as inside within onSegment's tolerance, so the box query allows for it too.
      const margin = 1e-9;
      for (const index of tree.search(lon - margin, lat - margin, lon + margin, lat + margin)) {
        const entry = entries[index]!;
        if (pointInGeometry(lon, lat, entry.area.geometry)) found.push(entry);
      }
      return found.sort((a, b) => a.size - b.size).map((entry) => entry.area);
    },
  };
}

/** Every polygon ray-cast for every point: the baseline the index is measured against (bench). */
export function createNaiveAreaIndex<T extends Locatable>(areas: readonly T[]): AreaIndex<T> {
  const entries = areas
    .map((area) => ({ area, size: geometryArea(area.geometry) }))
    .sort((a, b) => a.size - b.size);
  return {
    containing(lon, lat) {
      return entries
        .filter((entry) => pointInGeometry(lon, lat, entry.area.geometry))
        .map((entry) => entry.area);
    },
  };
}

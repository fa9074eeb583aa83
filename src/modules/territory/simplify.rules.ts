import {
  type AreaGeometry,
  type PolygonCoordinates,
  type Position,
  polygonsOf,
  type Ring,
  signedRingArea,
} from './point-in-polygon.rules.ts';

/** Distance from p to the segment a–b, in the units of the coordinates. */
export function segmentDistance(p: Position, a: Position, b: Position): number {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const lengthSquared = dx * dx + dy * dy;
  if (lengthSquared === 0) return Math.hypot(p[0] - a[0], p[1] - a[1]);
  const t = Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / lengthSquared));
  return Math.hypot(p[0] - (a[0] + t * dx), p[1] - (a[1] + t * dy));
}

/** Douglas–Peucker on an open polyline; the end points are always kept. Iterative, so long lines are safe. */
export function simplifyLine(points: readonly Position[], tolerance: number): Position[] {
  if (points.length <= 2) return [...points];
  const keep = new Uint8Array(points.length);
  keep[0] = 1;
  keep[points.length - 1] = 1;
  const stack: [number, number][] = [[0, points.length - 1]];
  while (stack.length > 0) {
    const [first, last] = stack.pop()!;
    let farthest = -1;
    let farthestDistance = tolerance;
    for (let i = first + 1; i < last; i++) {
      const distance = segmentDistance(points[i]!, points[first]!, points[last]!);
      if (distance > farthestDistance) {
        farthest = i;
        farthestDistance = distance;
      }
    }
    if (farthest >= 0) {
      keep[farthest] = 1;
      stack.push([first, farthest], [farthest, last]);
    }
  }
  return points.filter((_, i) => keep[i] === 1);
}

const roundTo = (value: number, decimals: number) => {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
};

/**
 * Simplifies a closed ring: split at the vertex farthest from the first one so both halves are
 * proper polylines, simplify each, round, drop repeated positions and close again. Returns null when
 * the ring collapses (fewer than four positions or no area left).
 */
export function simplifyRing(ring: Ring, tolerance: number, decimals: number): Position[] | null {
  const open =
    ring.length > 1 && samePosition(ring[0]!, ring[ring.length - 1]!) ? ring.slice(0, -1) : [...ring];
  if (open.length < 3) return null;
  let split = 0;
  let splitDistance = -1;
  for (let i = 1; i < open.length; i++) {
    const distance = Math.hypot(open[i]![0] - open[0]![0], open[i]![1] - open[0]![1]);
    if (distance > splitDistance) {
      split = i;
      splitDistance = distance;
    }
  }
  const firstHalf = simplifyLine(open.slice(0, split + 1), tolerance);
  const secondHalf = simplifyLine([...open.slice(split), open[0]!], tolerance);
  const joined = [...firstHalf, ...secondHalf.slice(1)];
  const result: Position[] = [];
  for (const [lon, lat] of joined) {
    const position: Position = [roundTo(lon, decimals), roundTo(lat, decimals)];
    if (result.length === 0 || !samePosition(result[result.length - 1]!, position)) result.push(position);
  }
  // `joined` ends where it started; make sure the rounded ring does too.
  if (result.length > 1 && samePosition(result[0]!, result[result.length - 1]!)) result.pop();
  if (result.length < 3) return null;
  result.push(result[0]!);
  if (signedRingArea(result) === 0) return null;
  return result;
}

const orientation = (o: Position, a: Position, b: Position) =>
  (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);

/** True when two edges of the closed ring cross each other (touching at a point does not count). */
export function ringSelfIntersects(ring: readonly Position[]): boolean {
  const edges = ring.length - 1;
  for (let i = 0; i < edges; i++) {
    const a = ring[i]!;
    const b = ring[i + 1]!;
    for (let j = i + 2; j < edges; j++) {
      if (i === 0 && j === edges - 1) continue; // the first and last edges share the closing vertex
      const c = ring[j]!;
      const d = ring[j + 1]!;
      if (Math.max(a[0], b[0]) < Math.min(c[0], d[0]) || Math.max(c[0], d[0]) < Math.min(a[0], b[0]))
        continue;
      if (Math.max(a[1], b[1]) < Math.min(c[1], d[1]) || Math.max(c[1], d[1]) < Math.min(a[1], b[1]))
        continue;
      const d1 = orientation(c, d, a);
      const d2 = orientation(c, d, b);
      const d3 = orientation(a, b, c);
      const d4 = orientation(a, b, d);
      if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0)))
        return true;
    }
  }
  return false;
}

/**
 * Like simplifyRing, but never returns a ring that crosses itself: Douglas–Peucker can make two
 * stretches of a narrow shape cross, so the tolerance is halved until the result is simple (at the
 * end only rounding is applied). Null still means the ring collapses at the requested tolerance.
 */
export function simplifyRingValid(ring: Ring, tolerance: number, decimals: number): Position[] | null {
  const first = simplifyRing(ring, tolerance, decimals);
  if (!first || !ringSelfIntersects(first)) return first;
  for (let reduced = tolerance / 2; reduced > tolerance / 100; reduced /= 2) {
    const retry = simplifyRing(ring, reduced, decimals);
    if (retry && !ringSelfIntersects(retry)) return retry;
  }
  return simplifyRing(ring, 0, decimals);
}

function samePosition(a: Position, b: Position): boolean {
  return a[0] === b[0] && a[1] === b[1];
}

/** Outer rings counter-clockwise and holes clockwise, as RFC 7946 recommends. */
function orient(ring: Position[], counterClockwise: boolean): Position[] {
  return signedRingArea(ring) > 0 === counterClockwise ? ring : ring.reverse();
}

/**
 * Simplifies every ring of a Polygon or MultiPolygon, keeping each ring free of self-crossings. A polygon whose outer ring collapses is dropped
 * with its holes; a hole that collapses is dropped alone. Returns null when nothing is left.
 */
export function simplifyGeometry(
  geometry: AreaGeometry,
  tolerance: number,
  decimals: number,
): AreaGeometry | null {
  const polygons: PolygonCoordinates[] = [];
  for (const [outer, ...holes] of polygonsOf(geometry)) {
    const simplifiedOuter = outer ? simplifyRingValid(outer, tolerance, decimals) : null;
    if (!simplifiedOuter) continue;
    const rings = [orient(simplifiedOuter, true)];
    for (const hole of holes) {
      const simplifiedHole = simplifyRingValid(hole, tolerance, decimals);
      if (simplifiedHole) rings.push(orient(simplifiedHole, false));
    }
    polygons.push(rings);
  }
  if (polygons.length === 0) return null;
  return polygons.length === 1
    ? { type: 'Polygon', coordinates: polygons[0]! }
    : { type: 'MultiPolygon', coordinates: polygons };
}

export function countPositions(geometry: AreaGeometry): number {
  let count = 0;
  for (const polygon of polygonsOf(geometry)) for (const ring of polygon) count += ring.length;
  return count;
}

/**
 * One point that stands for a parcel or block polygon: its centroid when that lies inside, else a point
 * on its surface (the middle of the widest stretch of a horizontal line through it, as JTS does), so
 * an L- or U-shaped parcel never gets a point in its neighbour's yard.
 */
import {
  type AreaGeometry,
  type PolygonCoordinates as Polygon,
  type Position,
  pointInPolygon,
  polygonsOf,
  type Ring,
} from '../point-in-polygon.rules.ts';

/** Signed area and centroid of one ring, computed around its first vertex to keep precision. */
function ringMoments(ring: Ring): { area: number; x: number; y: number } {
  const [ox, oy] = ring[0]!;
  let twiceArea = 0;
  let cx = 0;
  let cy = 0;
  for (let i = 0; i < ring.length - 1; i += 1) {
    const x0 = ring[i]![0] - ox;
    const y0 = ring[i]![1] - oy;
    const x1 = ring[i + 1]![0] - ox;
    const y1 = ring[i + 1]![1] - oy;
    const cross = x0 * y1 - x1 * y0;
    twiceArea += cross;
    cx += (x0 + x1) * cross;
    cy += (y0 + y1) * cross;
  }
  const area = twiceArea / 2;
  return area === 0 ? { area: 0, x: ox, y: oy } : { area, x: ox + cx / (6 * area), y: oy + cy / (6 * area) };
}

/** Area-weighted centroid (holes subtracted); null for a polygon without area. */
export function centroidOf(geometry: AreaGeometry): Position | null {
  let weight = 0;
  let x = 0;
  let y = 0;
  for (const [outer, ...holes] of polygonsOf(geometry)) {
    for (const [ring, sign] of [[outer!, 1], ...holes.map((hole) => [hole, -1] as const)] as const) {
      const moments = ringMoments(ring);
      const area = Math.abs(moments.area) * sign;
      weight += area;
      x += moments.x * area;
      y += moments.y * area;
    }
  }
  return weight > 0 ? [x / weight, y / weight] : null;
}

function polygonArea([outer, ...holes]: Polygon): number {
  return (
    Math.abs(ringMoments(outer!).area) -
    holes.reduce((sum, hole) => sum + Math.abs(ringMoments(hole).area), 0)
  );
}

/** The middle of the widest inside stretch of a horizontal line that passes through no vertex. */
export function pointOnSurface(polygon: Polygon): Position {
  const first = polygon[0]![0]!;
  const ys = [...new Set(polygon.flatMap((ring) => ring.map(([, y]) => y)))].sort((a, b) => a - b);
  const middle = (ys[0]! + ys[ys.length - 1]!) / 2;
  let scanY = middle;
  for (let i = 0; i < ys.length - 1; i += 1) {
    if (ys[i]! <= middle && middle < ys[i + 1]!) {
      scanY = (ys[i]! + ys[i + 1]!) / 2;
      break;
    }
  }
  const crossings: number[] = [];
  for (const ring of polygon) {
    for (let i = 0; i < ring.length - 1; i += 1) {
      const [ax, ay] = ring[i]!;
      const [bx, by] = ring[i + 1]!;
      if (ay > scanY !== by > scanY) crossings.push(ax + ((scanY - ay) * (bx - ax)) / (by - ay));
    }
  }
  crossings.sort((a, b) => a - b);
  let best: Position = first;
  let widest = -1;
  // Even–odd: between the 1st and 2nd crossing is inside, between the 2nd and 3rd outside, and so on.
  for (let i = 0; i + 1 < crossings.length; i += 2) {
    const width = crossings[i + 1]! - crossings[i]!;
    if (width > widest) {
      widest = width;
      best = [(crossings[i]! + crossings[i + 1]!) / 2, scanY];
    }
  }
  return best;
}

/** A point inside the (multi)polygon: the centroid when inside, else a point on the largest part. */
export function interiorPoint(geometry: AreaGeometry): Position {
  const polygons = polygonsOf(geometry);
  const centroid = centroidOf(geometry);
  if (centroid && polygons.some((polygon) => pointInPolygon(centroid[0], centroid[1], polygon))) {
    return centroid;
  }
  let largest = polygons[0]!;
  for (const polygon of polygons) if (polygonArea(polygon) > polygonArea(largest)) largest = polygon;
  return pointOnSurface(largest);
}

import {
  type AreaGeometry,
  bboxOf,
  onSegment,
  type PolygonCoordinates,
  type Position,
  polygonsOf,
  type Ring,
  rayCastInRing,
  signedRingArea,
} from './point-in-polygon.rules.ts';

/** What dissolve() made of its pieces. */
export interface DissolveResult {
  geometry: AreaGeometry | null;
  /** Edges that could not be closed into a ring (a sign of gaps or overlaps in the source). */
  danglingEdges: number;
  droppedSlivers: number;
}

type Edge = [Position, Position];

const keyOf = (p: Position) => `${p[0]},${p[1]}`;

function orientedRings(geometries: readonly AreaGeometry[]): Ring[] {
  const rings: Ring[] = [];
  for (const geometry of geometries) {
    for (const [outer, ...holes] of polygonsOf(geometry)) {
      if (!outer) continue;
      rings.push(signedRingArea(outer) >= 0 ? outer : [...outer].reverse());
      for (const hole of holes) rings.push(signedRingArea(hole) <= 0 ? hole : [...hole].reverse());
    }
  }
  return rings;
}

/** A coarse grid of all vertices, to find those lying on an edge without testing every vertex. */
function vertexGrid(rings: readonly Ring[], cell: number) {
  const cells = new Map<string, Position[]>();
  const seen = new Set<string>();
  for (const ring of rings) {
    for (const p of ring) {
      const key = keyOf(p);
      if (seen.has(key)) continue;
      seen.add(key);
      const cellKey = `${Math.floor(p[0] / cell)},${Math.floor(p[1] / cell)}`;
      const list = cells.get(cellKey) ?? [];
      list.push(p);
      cells.set(cellKey, list);
    }
  }
  return {
    near(a: Position, b: Position): Position[] {
      const found: Position[] = [];
      const x0 = Math.floor(Math.min(a[0], b[0]) / cell);
      const x1 = Math.floor(Math.max(a[0], b[0]) / cell);
      const y0 = Math.floor(Math.min(a[1], b[1]) / cell);
      const y1 = Math.floor(Math.max(a[1], b[1]) / cell);
      for (let x = x0; x <= x1; x++)
        for (let y = y0; y <= y1; y++) found.push(...(cells.get(`${x},${y}`) ?? []));
      return found;
    },
  };
}

function splitEdges(rings: readonly Ring[], epsilon: number): Edge[] {
  const grid = vertexGrid(rings, 0.001);
  const edges: Edge[] = [];
  for (const ring of rings) {
    for (let i = 0; i + 1 < ring.length; i++) {
      const a = ring[i]!;
      const b = ring[i + 1]!;
      if (a[0] === b[0] && a[1] === b[1]) continue;
      const dx = b[0] - a[0];
      const dy = b[1] - a[1];
      const lengthSquared = dx * dx + dy * dy;
      const inner = grid
        .near(a, b)
        .filter((p) => keyOf(p) !== keyOf(a) && keyOf(p) !== keyOf(b) && onSegment(p[0], p[1], a, b, epsilon))
        .map((p) => ({ p, t: ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / lengthSquared }))
        .filter(({ t }) => t > 0 && t < 1)
        .sort((m, n) => m.t - n.t);
      let from = a;
      for (const { p } of inner) {
        edges.push([from, p]);
        from = p;
      }
      edges.push([from, b]);
    }
  }
  return edges;
}

/** The counter-clockwise angle from direction u to direction v, in (−π, π]. */
function turn(u: Position, v: Position): number {
  return Math.atan2(u[0] * v[1] - u[1] * v[0], u[0] * v[0] + u[1] * v[1]);
}

/**
 * Merges polygons that tile a region (neighbours share their boundary vertex for vertex, as in a GIS
 * layer built with topology) into one geometry: the union's boundary is made of the edges that no two
 * polygons share. Steps: orient every ring (outer counter-clockwise, holes clockwise, so the inside is
 * always on the left), split edges where another polygon's vertex lies on them, cancel each edge against
 * its reverse, chain what is left into rings, then give each hole to the outer ring that holds it.
 *
 * This is not a general polygon union: overlapping polygons are not clipped. Rings smaller than
 * `minArea` (square degrees) are dropped: they are slivers where the source's neighbours do not meet.
 */
export function dissolve(
  geometries: readonly AreaGeometry[],
  options: { minArea?: number; epsilon?: number } = {},
): DissolveResult {
  const minArea = options.minArea ?? 0;
  const edges = splitEdges(orientedRings(geometries), options.epsilon ?? 1e-10);

  // Cancel shared edges: an edge and its reverse both disappear, once per pair.
  const counts = new Map<string, number>();
  const edgeKey = (a: Position, b: Position) => `${keyOf(a)}|${keyOf(b)}`;
  for (const [a, b] of edges) counts.set(edgeKey(a, b), (counts.get(edgeKey(a, b)) ?? 0) + 1);
  const outgoing = new Map<string, Position[]>();
  const emitted = new Map<string, number>();
  for (const [a, b] of edges) {
    const key = edgeKey(a, b);
    const keep = (counts.get(key) ?? 0) - Math.min(counts.get(key) ?? 0, counts.get(edgeKey(b, a)) ?? 0);
    if ((emitted.get(key) ?? 0) >= keep) continue;
    emitted.set(key, (emitted.get(key) ?? 0) + 1);
    const list = outgoing.get(keyOf(a)) ?? [];
    list.push(b);
    outgoing.set(keyOf(a), list);
  }

  // Chain the boundary edges into rings, taking the sharpest left turn where several leave one vertex.
  const rings: Position[][] = [];
  let danglingEdges = 0;
  const starts = edges.map(([a]) => a);
  for (const start of starts) {
    const first = outgoing.get(keyOf(start));
    if (!first || first.length === 0) continue;
    const ring: Position[] = [start];
    let previous = start;
    let current = first.pop()!;
    while (keyOf(current) !== keyOf(start)) {
      ring.push(current);
      const options = outgoing.get(keyOf(current));
      if (!options || options.length === 0) break;
      const incoming: Position = [current[0] - previous[0], current[1] - previous[1]];
      let best = 0;
      for (let i = 1; i < options.length; i++) {
        const candidate = options[i]!;
        const chosen = options[best]!;
        const candidateTurn = turn(incoming, [candidate[0] - current[0], candidate[1] - current[1]]);
        if (candidateTurn > turn(incoming, [chosen[0] - current[0], chosen[1] - current[1]])) best = i;
      }
      const [next] = options.splice(best, 1);
      previous = current;
      current = next!;
    }
    if (keyOf(current) === keyOf(start) && ring.length >= 3) {
      ring.push(start);
      rings.push(ring);
    } else {
      danglingEdges += ring.length;
    }
  }

  let droppedSlivers = 0;
  const outers: { ring: Position[]; area: number; holes: Position[][] }[] = [];
  const holes: Position[][] = [];
  for (const ring of rings) {
    const area = signedRingArea(ring);
    if (Math.abs(area) <= minArea) {
      droppedSlivers++;
      continue;
    }
    if (area > 0) outers.push({ ring, area, holes: [] });
    else holes.push(ring);
  }
  outers.sort((a, b) => a.area - b.area);
  for (const hole of holes) {
    const box = bboxOf({ type: 'Polygon', coordinates: [hole] });
    const owner = outers.find(({ ring }) => {
      const outerBox = bboxOf({ type: 'Polygon', coordinates: [ring] });
      if (box.minLon < outerBox.minLon || box.maxLon > outerBox.maxLon) return false;
      if (box.minLat < outerBox.minLat || box.maxLat > outerBox.maxLat) return false;
      // A hole may touch its outer ring at a vertex: decide with the hole's vertices that are inside.
      let inside = 0;
      let outside = 0;
      for (const p of hole) {
        if (rayCastInRing(p[0], p[1], ring)) inside++;
        else outside++;
      }
      return inside >= outside;
    });
    if (owner) owner.holes.push(hole);
    else droppedSlivers++;
  }
  outers.sort((a, b) => b.area - a.area);
  const polygons: PolygonCoordinates[] = outers.map(({ ring, holes: own }) => [ring, ...own]);
  const geometry: AreaGeometry | null =
    polygons.length === 0
      ? null
      : polygons.length === 1
        ? { type: 'Polygon', coordinates: polygons[0]! }
        : { type: 'MultiPolygon', coordinates: polygons };
  return { geometry, danglingEdges, droppedSlivers };
}

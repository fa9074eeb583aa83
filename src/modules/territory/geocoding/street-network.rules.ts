/**
 * Street centrelines by nomenclature: where two streets cross, and where a Colombian placa falls.
 * `Calle 35 # 10-43` lies on Calle 35, 43 metres from its corner with Carrera 10, walking towards
 * Carrera 11 (the placa counts metres from the corner, in the direction the cross numbers grow).
 * Distances use a local equirectangular plane in metres: exact enough within a municipality.
 */

export type LonLat = [number, number];

export interface StreetSegmentInput {
  streetKey: string;
  coordinates: readonly LonLat[];
}

/** A street key such as `CL 35`, `KR 10A`, `DG 14 BIS SUR`, split into what ordering needs. */
export interface StreetKeyParts {
  type: string;
  number: number;
  /** Everything after the number (`A`, `A BIS`, `BIS SUR`), '' when plain. */
  suffix: string;
}

export function splitStreetKey(key: string): StreetKeyParts | null {
  const match = /^([A-Z]{2}) (\d+)([A-Z]?)(?: (.*))?$/.exec(key);
  if (!match) return null;
  const suffix = [match[3], match[4]].filter(Boolean).join(' ');
  return { type: match[1]!, number: Number(match[2]), suffix };
}

/** Which street types run across a given one (a Calle is crossed by Carreras, Transversales…). */
const CROSSING_TYPES: Record<string, readonly string[]> = {
  CL: ['KR', 'AK', 'TV', 'AV'],
  AC: ['KR', 'AK', 'TV', 'AV'],
  DG: ['KR', 'AK', 'TV', 'AV'],
  KR: ['CL', 'AC', 'DG', 'AV'],
  AK: ['CL', 'AC', 'DG', 'AV'],
  TV: ['CL', 'AC', 'DG', 'AV'],
};
const ALL_TYPES = ['CL', 'KR', 'AC', 'AK', 'DG', 'TV', 'AV', 'CQ', 'CV', 'AU'];
/** The same street is often recorded under its avenue name: Calle 26 ↔ Avenida Calle 26. */
const SAME_STREET_TYPES: Record<string, readonly string[]> = {
  CL: ['CL', 'AC'],
  AC: ['AC', 'CL'],
  KR: ['KR', 'AK'],
  AK: ['AK', 'KR'],
};

export function crossingTypes(viaType: string): readonly string[] {
  return CROSSING_TYPES[viaType] ?? ALL_TYPES;
}

export function sameStreetTypes(type: string): readonly string[] {
  return SAME_STREET_TYPES[type] ?? [type];
}

/** Two streets closer than this at their nearest ends meet (digitised lines often stop short of each other). */
const MEET_TOLERANCE_M = 25;
/** The next corner is looked for among cross streets up to this many numbers further on. */
const NEXT_CORNER_SPAN = 3;

interface Plane {
  toXY(point: readonly [number, number]): [number, number];
  toLonLat(x: number, y: number): LonLat;
}

function planeAround(lat0: number, lon0: number): Plane {
  const kx = 111_320 * Math.cos((lat0 * Math.PI) / 180);
  const ky = 110_574;
  return {
    toXY: ([lon, lat]) => [(lon - lon0) * kx, (lat - lat0) * ky],
    toLonLat: (x, y) => [lon0 + x / kx, lat0 + y / ky],
  };
}

interface Line {
  points: [number, number][];
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

type XY = [number, number];

function segmentIntersection(a: XY, b: XY, c: XY, d: XY): XY | null {
  const rx = b[0] - a[0];
  const ry = b[1] - a[1];
  const sx = d[0] - c[0];
  const sy = d[1] - c[1];
  const denominator = rx * sy - ry * sx;
  if (denominator === 0) return null;
  const t = ((c[0] - a[0]) * sy - (c[1] - a[1]) * sx) / denominator;
  const u = ((c[0] - a[0]) * ry - (c[1] - a[1]) * rx) / denominator;
  if (t < 0 || t > 1 || u < 0 || u > 1) return null;
  return [a[0] + t * rx, a[1] + t * ry];
}

/** The point of segment a–b nearest to p, and its distance. */
function nearestOnSegment(p: XY, a: XY, b: XY): { point: XY; distance: number } {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const lengthSquared = dx * dx + dy * dy;
  const t =
    lengthSquared === 0
      ? 0
      : Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / lengthSquared));
  const point: XY = [a[0] + t * dx, a[1] + t * dy];
  return { point, distance: Math.hypot(p[0] - point[0], p[1] - point[1]) };
}

function nearestOnLines(p: XY, lines: readonly Line[]): { point: XY; distance: number } | null {
  let best: { point: XY; distance: number } | null = null;
  for (const line of lines) {
    for (let i = 1; i < line.points.length; i += 1) {
      const candidate = nearestOnSegment(p, line.points[i - 1]!, line.points[i]!);
      if (!best || candidate.distance < best.distance) best = candidate;
    }
  }
  return best;
}

function boxesNear(a: Line, b: Line, margin: number): boolean {
  return !(
    a.maxX + margin < b.minX ||
    b.maxX + margin < a.minX ||
    a.maxY + margin < b.minY ||
    b.maxY + margin < a.minY
  );
}

function lineCrossings(a: Line, b: Line): XY[] {
  const found: XY[] = [];
  for (let i = 1; i < a.points.length; i += 1) {
    for (let j = 1; j < b.points.length; j += 1) {
      const point = segmentIntersection(a.points[i - 1]!, a.points[i]!, b.points[j - 1]!, b.points[j]!);
      if (point) found.push(point);
    }
  }
  return found;
}

/** Where an end of one line comes within the tolerance of the other (T-junctions drawn short). */
function nearMeeting(a: Line, b: Line): XY | null {
  let best: { point: XY; distance: number } | null = null;
  const ends = (line: Line) => [line.points[0]!, line.points[line.points.length - 1]!];
  for (const [from, to] of [
    [a, b],
    [b, a],
  ] as const) {
    for (const end of ends(from)) {
      const near = nearestOnLines(end, [to]);
      if (near && near.distance <= MEET_TOLERANCE_M && (!best || near.distance < best.distance)) {
        // The meeting point is midway between the end and the other line.
        best = {
          point: [(end[0] + near.point[0]) / 2, (end[1] + near.point[1]) / 2],
          distance: near.distance,
        };
      }
    }
  }
  return best?.point ?? null;
}

export interface Interpolated {
  point: LonLat;
  /** The corner the placa is measured from. */
  corner: LonLat;
  /** Metres actually walked (the placa, or less when the block is shorter). */
  metres: number;
}

export interface StreetNetwork {
  readonly size: number;
  has(streetKey: string): boolean;
  /** The crossing of two streets (the first found), or null when they do not meet. */
  intersection(keyA: string, keyB: string): LonLat | null;
  /** The placa's point along `viaKey`, measured from its corner with `crossKey`; null without a direction. */
  interpolate(viaKey: string, crossKey: string, placa: number): Interpolated | null;
}

/** Builds the network once (per municipality) so each address costs a few map look-ups. */
export function createStreetNetwork(segments: readonly StreetSegmentInput[]): StreetNetwork {
  let latSum = 0;
  let lonSum = 0;
  let count = 0;
  for (const segment of segments) {
    for (const [lon, lat] of segment.coordinates) {
      lonSum += lon;
      latSum += lat;
      count += 1;
    }
  }
  const plane = planeAround(count ? latSum / count : 0, count ? lonSum / count : 0);
  const linesByKey = new Map<string, Line[]>();
  /** Street numbers per type, so the next corner can be looked for among the following numbers. */
  const keysByType = new Map<string, { key: string; parts: StreetKeyParts }[]>();
  for (const segment of segments) {
    if (segment.coordinates.length < 2) continue;
    const points = segment.coordinates.map((position) => plane.toXY(position));
    const line: Line = {
      points,
      minX: Math.min(...points.map((p) => p[0])),
      minY: Math.min(...points.map((p) => p[1])),
      maxX: Math.max(...points.map((p) => p[0])),
      maxY: Math.max(...points.map((p) => p[1])),
    };
    let lines = linesByKey.get(segment.streetKey);
    if (!lines) {
      lines = [];
      linesByKey.set(segment.streetKey, lines);
      const parts = splitStreetKey(segment.streetKey);
      if (parts) {
        const list = keysByType.get(parts.type) ?? [];
        list.push({ key: segment.streetKey, parts });
        keysByType.set(parts.type, list);
      }
    }
    lines.push(line);
  }

  const crossings = new Map<string, XY[]>();
  function crossingsXY(keyA: string, keyB: string): XY[] {
    const cacheKey = keyA < keyB ? `${keyA}|${keyB}` : `${keyB}|${keyA}`;
    const cached = crossings.get(cacheKey);
    if (cached) return cached;
    const linesA = linesByKey.get(keyA) ?? [];
    const linesB = linesByKey.get(keyB) ?? [];
    const found: XY[] = [];
    for (const a of linesA) {
      for (const b of linesB) if (boxesNear(a, b, 0)) found.push(...lineCrossings(a, b));
    }
    if (found.length === 0) {
      for (const a of linesA) {
        for (const b of linesB) {
          if (!boxesNear(a, b, MEET_TOLERANCE_M)) continue;
          const meeting = nearMeeting(a, b);
          if (meeting) found.push(meeting);
        }
      }
    }
    // Crossings within a metre of each other are one corner (a node shared by two segments of each street).
    const distinct: XY[] = [];
    for (const point of found) {
      if (!distinct.some((other) => Math.hypot(other[0] - point[0], other[1] - point[1]) < 1))
        distinct.push(point);
    }
    crossings.set(cacheKey, distinct);
    return distinct;
  }

  function ordering(parts: StreetKeyParts): number {
    // 10 < 10 BIS < 10A < 10A BIS < 10B < … < 11: the suffix places the street between whole numbers.
    const tokens = parts.suffix ? parts.suffix.split(' ') : [];
    const letter = tokens[0] && /^[A-Z]$/.test(tokens[0]) ? tokens[0].charCodeAt(0) - 64 : 0;
    const bis = tokens.includes('BIS') ? 0.5 : 0;
    return parts.number + (letter + bis) / 30;
  }

  function interpolate(viaKey: string, crossKey: string, placa: number): Interpolated | null {
    const cornerCandidates = crossingsXY(viaKey, crossKey);
    const crossParts = splitStreetKey(crossKey);
    if (cornerCandidates.length === 0 || !crossParts) return null;
    const crossOrder = ordering(crossParts);
    const viaLines = linesByKey.get(viaKey) ?? [];
    let best: { corner: XY; toward: XY; sign: 1 | -1; distance: number } | null = null;
    for (const other of keysByType.get(crossParts.type) ?? []) {
      const order = ordering(other.parts);
      if (order === crossOrder || Math.abs(order - crossOrder) > NEXT_CORNER_SPAN) continue;
      const sign = order > crossOrder ? 1 : -1;
      for (const next of crossingsXY(viaKey, other.key)) {
        for (const corner of cornerCandidates) {
          const distance = Math.hypot(next[0] - corner[0], next[1] - corner[1]);
          if (distance < 5) continue;
          // The following number wins over a preceding one: it gives the block's length too.
          const better =
            !best || (sign === 1 && best.sign === -1) || (sign === best.sign && distance < best.distance);
          if (better) best = { corner, toward: next, sign, distance };
        }
      }
    }
    if (!best) return null;
    const [cx, cy] = best.corner;
    const dx = (best.toward[0] - cx) * best.sign;
    const dy = (best.toward[1] - cy) * best.sign;
    const length = Math.hypot(dx, dy);
    // Walk the placa, but never past the next corner (a placa larger than the block is a typing slip).
    const metres = best.sign === 1 ? Math.min(placa, Math.max(0, best.distance - 1)) : placa;
    const straight: XY = [cx + (dx / length) * metres, cy + (dy / length) * metres];
    const snapped = nearestOnLines(straight, viaLines);
    const point = snapped && snapped.distance < 30 ? snapped.point : straight;
    return { point: plane.toLonLat(point[0], point[1]), corner: plane.toLonLat(cx, cy), metres };
  }

  return {
    size: linesByKey.size,
    has: (key) => linesByKey.has(key),
    intersection(keyA, keyB) {
      const first = crossingsXY(keyA, keyB)[0];
      return first ? plane.toLonLat(first[0], first[1]) : null;
    },
    interpolate,
  };
}

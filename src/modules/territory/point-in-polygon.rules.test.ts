import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type AreaGeometry,
  bboxOf,
  createAreaIndex,
  createNaiveAreaIndex,
  geometryArea,
  inBBox,
  type Position,
  pointInGeometry,
  pointInPolygon,
  type Ring,
  rayCastInRing,
} from './point-in-polygon.rules.ts';

const square = (x: number, y: number, size: number): Position[] => [
  [x, y],
  [x + size, y],
  [x + size, y + size],
  [x, y + size],
  [x, y],
];
const polygon = (...rings: Ring[]): AreaGeometry => ({ type: 'Polygon', coordinates: rings });

describe('pointInPolygon: a square', () => {
  const unit = [square(0, 0, 1)];

  it('holds a point inside and not one outside', () => {
    expect(pointInPolygon(0.5, 0.5, unit)).toBe(true);
    expect(pointInPolygon(1.5, 0.5, unit)).toBe(false);
    expect(pointInPolygon(-0.1, 0.5, unit)).toBe(false);
    expect(pointInPolygon(0.5, 1.0001, unit)).toBe(false);
  });

  it('counts the boundary as inside: edges and vertices', () => {
    for (const [lon, lat] of [
      [0, 0.5],
      [1, 0.5],
      [0.5, 0],
      [0.5, 1],
      [0, 0],
      [1, 1],
      [1, 0],
    ] as const) {
      expect(pointInPolygon(lon, lat, unit), `${lon},${lat}`).toBe(true);
    }
  });

  it('is not fooled by a ray passing exactly through vertices', () => {
    // A diamond: the horizontal ray from (−1, 0) passes through two vertices.
    const diamond: Position[] = [
      [0, -1],
      [1, 0],
      [0, 1],
      [-1, 0],
      [0, -1],
    ];
    expect(pointInPolygon(-2, 0, [diamond])).toBe(false);
    expect(pointInPolygon(0, 0, [diamond])).toBe(true);
    expect(pointInPolygon(0.99, 0.5, [diamond])).toBe(false);
    expect(rayCastInRing(-0.5, 0, diamond)).toBe(true);
  });

  it('works the same whichever way the ring runs', () => {
    const clockwise = [...square(0, 0, 1)].reverse();
    expect(pointInPolygon(0.5, 0.5, [clockwise])).toBe(true);
    expect(pointInPolygon(2, 2, [clockwise])).toBe(false);
  });

  it('handles a concave outline (a U)', () => {
    const u: Position[] = [
      [0, 0],
      [3, 0],
      [3, 3],
      [2, 3],
      [2, 1],
      [1, 1],
      [1, 3],
      [0, 3],
      [0, 0],
    ];
    expect(pointInPolygon(1.5, 2, [u])).toBe(false); // in the notch
    expect(pointInPolygon(0.5, 2, [u])).toBe(true);
    expect(pointInPolygon(2.5, 2, [u])).toBe(true);
    expect(pointInPolygon(1.5, 0.5, [u])).toBe(true);
  });

  it('rejects a degenerate polygon', () => {
    expect(pointInPolygon(0, 0, [])).toBe(false);
    expect(
      pointInPolygon(0, 0, [
        [
          [0, 0],
          [1, 1],
          [0, 0],
        ],
      ]),
    ).toBe(false);
  });
});

describe('pointInPolygon: holes', () => {
  const framed = [square(0, 0, 3), [...square(1, 1, 1)].reverse()];

  it('excludes the hole and keeps the frame', () => {
    expect(pointInPolygon(1.5, 1.5, framed)).toBe(false);
    expect(pointInPolygon(0.5, 1.5, framed)).toBe(true);
    expect(pointInPolygon(2.5, 2.5, framed)).toBe(true);
  });

  it('counts the rim of the hole as part of the polygon', () => {
    expect(pointInPolygon(1, 1.5, framed)).toBe(true);
    expect(pointInPolygon(2, 2, framed)).toBe(true);
  });

  it('does not care how the hole is oriented', () => {
    const sameWay = [square(0, 0, 3), square(1, 1, 1)];
    expect(pointInPolygon(1.5, 1.5, sameWay)).toBe(false);
    expect(pointInPolygon(0.5, 0.5, sameWay)).toBe(true);
  });
});

describe('pointInGeometry: multipolygons', () => {
  const islands: AreaGeometry = {
    type: 'MultiPolygon',
    coordinates: [[square(0, 0, 1)], [square(5, 5, 1), [...square(5.25, 5.25, 0.5)].reverse()]],
  };

  it('finds the point in any of the polygons', () => {
    expect(pointInGeometry(0.5, 0.5, islands)).toBe(true);
    expect(pointInGeometry(5.1, 5.1, islands)).toBe(true);
    expect(pointInGeometry(3, 3, islands)).toBe(false);
    expect(pointInGeometry(5.5, 5.5, islands)).toBe(false); // the second island's hole
  });

  it('computes the bounding box and the area across polygons, holes subtracted', () => {
    expect(bboxOf(islands)).toEqual({ minLon: 0, minLat: 0, maxLon: 6, maxLat: 6 });
    expect(geometryArea(islands)).toBeCloseTo(1 + 1 - 0.25, 12);
    expect(inBBox(bboxOf(islands), 3, 3)).toBe(true);
    expect(inBBox(bboxOf(islands), 7, 3)).toBe(false);
  });
});

describe('createAreaIndex', () => {
  const big = { name: 'comuna', geometry: polygon(square(0, 0, 10)) };
  const small = { name: 'barrio', geometry: polygon(square(2, 2, 2)) };
  const index = createAreaIndex([big, small]);

  it('returns every area holding the point, the smallest first', () => {
    expect(index.containing(3, 3).map((area) => area.name)).toEqual(['barrio', 'comuna']);
    expect(index.containing(8, 8).map((area) => area.name)).toEqual(['comuna']);
    expect(index.containing(11, 11)).toEqual([]);
  });
});

// ---- Properties ----------------------------------------------------------------------------------

const coordinate = fc.double({ min: -170, max: 170, noNaN: true, noDefaultInfinity: true });
const size = fc.double({ min: 1e-4, max: 5, noNaN: true, noDefaultInfinity: true });
const unitInterval = fc.double({ min: 0, max: 1, noNaN: true, noDefaultInfinity: true });

/** A convex polygon: n points on a circle, counter-clockwise, closed. */
const regularPolygon = fc
  .record({
    cx: coordinate,
    cy: fc.double({ min: -80, max: 80, noNaN: true }),
    r: size,
    n: fc.integer({ min: 3, max: 12 }),
    phase: unitInterval,
  })
  .map(({ cx, cy, r, n, phase }) => {
    const ring: Position[] = Array.from({ length: n }, (_, k) => {
      const angle = ((k + phase) / n) * 2 * Math.PI;
      return [cx + r * Math.cos(angle), cy + r * Math.sin(angle)] as Position;
    });
    ring.push(ring[0]!);
    return ring;
  });

describe('point-in-polygon properties', () => {
  it('a rectangle holds every point strictly inside it and none outside its bounding box', () => {
    fc.assert(
      fc.property(coordinate, coordinate, size, size, unitInterval, unitInterval, (x, y, w, h, u, v) => {
        const ring: Position[] = [
          [x, y],
          [x + w, y],
          [x + w, y + h],
          [x, y + h],
          [x, y],
        ];
        // Shrink by 1 % so rounding can never put the sample on the boundary.
        const lon = x + w * (0.01 + 0.98 * u);
        const lat = y + h * (0.01 + 0.98 * v);
        expect(pointInPolygon(lon, lat, [ring])).toBe(true);
        expect(pointInPolygon(x + w * (1.01 + u), lat, [ring])).toBe(false);
        expect(pointInPolygon(lon, y - h * (0.01 + v), [ring])).toBe(false);
      }),
    );
  });

  it('a convex polygon holds every convex combination of its vertices', () => {
    fc.assert(
      fc.property(
        regularPolygon,
        fc.array(unitInterval, { minLength: 12, maxLength: 12 }),
        (ring, rawWeights) => {
          const vertices = ring.slice(0, -1);
          const weights = vertices.map((_, k) => rawWeights[k]! + 1e-3);
          const total = weights.reduce((a, b) => a + b, 0);
          const lon = vertices.reduce((sum, p, k) => sum + (p[0] * weights[k]!) / total, 0);
          const lat = vertices.reduce((sum, p, k) => sum + (p[1] * weights[k]!) / total, 0);
          expect(pointInPolygon(lon, lat, [ring])).toBe(true);
        },
      ),
    );
  });

  it('the answer does not depend on the ring direction or its starting vertex', () => {
    fc.assert(
      fc.property(regularPolygon, fc.nat(), unitInterval, unitInterval, (ring, shift, u, v) => {
        const box = bboxOf(polygon(ring));
        // Sample from a box a little larger than the polygon's, so both answers occur.
        const lon = box.minLon + (box.maxLon - box.minLon) * (1.2 * u - 0.1);
        const lat = box.minLat + (box.maxLat - box.minLat) * (1.2 * v - 0.1);
        const open = ring.slice(0, -1);
        const k = shift % open.length;
        const rotated = [...open.slice(k), ...open.slice(0, k)];
        rotated.push(rotated[0]!);
        const expected = pointInPolygon(lon, lat, [ring]);
        expect(pointInPolygon(lon, lat, [[...ring].reverse()])).toBe(expected);
        expect(pointInPolygon(lon, lat, [rotated])).toBe(expected);
      }),
    );
  });

  it('a point in a hole is outside; in the frame around it, inside', () => {
    fc.assert(
      fc.property(coordinate, coordinate, size, unitInterval, unitInterval, (x, y, s, u, v) => {
        const framed = [square(x, y, 3 * s), [...square(x + s, y + s, s)].reverse()];
        const inHole: [number, number] = [x + s * (1.05 + 0.9 * u), y + s * (1.05 + 0.9 * v)];
        const inFrame: [number, number] = [x + s * (0.05 + 0.9 * u), y + s * (0.05 + 2.9 * v)];
        expect(pointInPolygon(...inHole, framed)).toBe(false);
        expect(pointInPolygon(...inFrame, framed)).toBe(true);
      }),
    );
  });
});

describe('the R-tree index', () => {
  it('finds what a scan of every polygon finds, smallest first', () => {
    const areas = [] as { name: string; geometry: AreaGeometry }[];
    for (let i = 0; i < 10; i += 1) {
      for (let j = 0; j < 10; j += 1) {
        areas.push({ name: `c${i}-${j}`, geometry: { type: 'Polygon', coordinates: [square(i, j, 1)] } });
      }
    }
    areas.push({ name: 'big', geometry: { type: 'Polygon', coordinates: [square(2, 2, 5)] } });
    const indexed = createAreaIndex(areas);
    const naive = createNaiveAreaIndex(areas);
    fc.assert(
      fc.property(
        fc.double({ min: -1, max: 11, noNaN: true }),
        fc.double({ min: -1, max: 11, noNaN: true }),
        (lon, lat) => {
          const a = indexed.containing(lon, lat).map((area) => area.name);
          const b = naive.containing(lon, lat).map((area) => area.name);
          expect(a).toEqual(b);
        },
      ),
    );
    expect(indexed.containing(3.5, 3.5).map((area) => area.name)).toEqual(['c3-3', 'big']);
    expect(createAreaIndex([]).containing(0, 0)).toEqual([]);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Position, polygonsOf, signedRingArea } from './point-in-polygon.rules.ts';
import {
  ringSelfIntersects,
  segmentDistance,
  simplifyGeometry,
  simplifyLine,
  simplifyRing,
  simplifyRingValid,
} from './simplify.rules.ts';

describe('simplifyLine (Douglas–Peucker)', () => {
  it('drops points closer to the chord than the tolerance and keeps the end points', () => {
    const line: Position[] = [
      [0, 0],
      [1, 0.001],
      [2, -0.001],
      [3, 0],
    ];
    expect(simplifyLine(line, 0.01)).toEqual([
      [0, 0],
      [3, 0],
    ]);
  });

  it('keeps a corner farther than the tolerance', () => {
    const line: Position[] = [
      [0, 0],
      [1, 0],
      [1, 1],
    ];
    expect(simplifyLine(line, 0.1)).toEqual(line);
  });
});

describe('simplifyRing', () => {
  const noisySquare: Position[] = [
    [0, 0],
    [0.5, 0.00001],
    [1, 0],
    [1.00001, 0.5],
    [1, 1],
    [0, 1],
    [0, 0],
  ];

  it('returns a closed ring of at least four positions, rounded', () => {
    const ring = simplifyRing(noisySquare, 0.001, 6)!;
    expect(ring).toEqual([
      [0, 0],
      [1, 0],
      [1, 1],
      [0, 1],
      [0, 0],
    ]);
  });

  it('returns null when the ring collapses below the tolerance', () => {
    const sliver: Position[] = [
      [0, 0],
      [1, 0],
      [1, 0.000001],
      [0, 0.000001],
      [0, 0],
    ];
    expect(simplifyRing(sliver, 0.00003, 6)).toBeNull();
    expect(
      simplifyRing(
        [
          [0, 0],
          [1, 1],
        ],
        0.1,
        6,
      ),
    ).toBeNull();
  });

  it('accepts a ring given without the closing position', () => {
    expect(simplifyRing(noisySquare.slice(0, -1), 0.001, 6)).toHaveLength(5);
  });
});

describe('self-crossings', () => {
  it('detects a bow tie and accepts a square', () => {
    const bowTie: Position[] = [
      [0, 0],
      [1, 1],
      [1, 0],
      [0, 1],
      [0, 0],
    ];
    expect(ringSelfIntersects(bowTie)).toBe(true);
    expect(
      ringSelfIntersects([
        [0, 0],
        [1, 0],
        [1, 1],
        [0, 1],
        [0, 0],
      ]),
    ).toBe(false);
  });

  // Found by fast-check: at this tolerance plain Douglas–Peucker makes the ring cross itself.
  const starShaped: Position[] = [
    [0.4973, 0],
    [0.1573, 0.1143],
    [0.0471, 0.145],
    [-0.0419, 0.1288],
    [-0.1378, 0.1001],
    [-0.229, 0],
    [-0.3215, -0.2336],
    [-0.1024, -0.3152],
    [0.1585, -0.4878],
    [0.0842, -0.0612],
    [0.4973, 0],
  ];

  it('simplifyRingValid lowers the tolerance until the ring is simple', () => {
    const tolerance = 0.2955839940235159;
    expect(ringSelfIntersects(simplifyRing(starShaped, tolerance, 4)!)).toBe(true);
    const valid = simplifyRingValid(starShaped, tolerance, 4)!;
    expect(valid.length).toBeGreaterThanOrEqual(4);
    expect(ringSelfIntersects(valid)).toBe(false);
  });

  it('never returns a self-crossing ring for a simple star-shaped input', () => {
    const star = fc
      .array(fc.double({ min: 0.1, max: 1, noNaN: true }), { minLength: 5, maxLength: 30 })
      .map((radii) => {
        const ring: Position[] = radii.map((r, k) => {
          const angle = (k / radii.length) * 2 * Math.PI;
          return [Math.round(r * Math.cos(angle) * 1e4) / 1e4, Math.round(r * Math.sin(angle) * 1e4) / 1e4];
        });
        ring.push(ring[0]!);
        return ring;
      });
    fc.assert(
      fc.property(star, fc.double({ min: 0.05, max: 0.5, noNaN: true }), (ring, tolerance) => {
        const simplified = simplifyRingValid(ring, tolerance, 4);
        expect(simplified === null || !ringSelfIntersects(simplified)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});

describe('simplifyGeometry', () => {
  it('drops a collapsed hole, keeps the outer ring and orients rings as RFC 7946 asks', () => {
    const result = simplifyGeometry(
      {
        type: 'Polygon',
        coordinates: [
          [
            [0, 0],
            [0, 1],
            [1, 1],
            [1, 0],
            [0, 0],
          ], // clockwise on input
          [
            [0.5, 0.5],
            [0.5000001, 0.5],
            [0.5000001, 0.5000001],
            [0.5, 0.5],
          ],
        ],
      },
      0.00003,
      6,
    )!;
    expect(result.type).toBe('Polygon');
    const [outer, ...holes] = polygonsOf(result)[0]!;
    expect(holes).toHaveLength(0);
    expect(signedRingArea(outer!)).toBeGreaterThan(0);
  });

  it('turns a multipolygon with one surviving part into a polygon, and nothing into null', () => {
    const tiny: Position[] = [
      [5, 5],
      [5.000001, 5],
      [5.000001, 5.000001],
      [5, 5],
    ];
    const big: Position[] = [
      [0, 0],
      [1, 0],
      [1, 1],
      [0, 0],
    ];
    expect(simplifyGeometry({ type: 'MultiPolygon', coordinates: [[big], [tiny]] }, 0.00003, 6)?.type).toBe(
      'Polygon',
    );
    expect(simplifyGeometry({ type: 'MultiPolygon', coordinates: [[tiny]] }, 0.00003, 6)).toBeNull();
  });
});

describe('simplifyRing properties', () => {
  /** A star-shaped ring: random radii around a centre, so it never crosses itself. */
  const starRing = fc
    .record({
      radii: fc.array(fc.double({ min: 0.0005, max: 0.01, noNaN: true }), { minLength: 3, maxLength: 60 }),
      cx: fc.double({ min: -73.2, max: -73, noNaN: true }),
      cy: fc.double({ min: 7, max: 7.3, noNaN: true }),
    })
    .map(({ radii, cx, cy }) => {
      const ring: Position[] = radii.map((r, k) => {
        const angle = (k / radii.length) * 2 * Math.PI;
        return [cx + r * Math.cos(angle), cy + r * Math.sin(angle)];
      });
      ring.push(ring[0]!);
      return ring;
    });

  it('is closed, has four positions or more, and stays within the tolerance of every original vertex', () => {
    const tolerance = 0.00003;
    const rounding = Math.SQRT2 * 0.5e-6;
    fc.assert(
      fc.property(starRing, (ring) => {
        const simplified = simplifyRing(ring, tolerance, 6);
        if (simplified === null) return;
        expect(simplified.length).toBeGreaterThanOrEqual(4);
        expect(simplified[0]).toEqual(simplified[simplified.length - 1]);
        for (const p of ring) {
          let nearest = Number.POSITIVE_INFINITY;
          for (let i = 0; i + 1 < simplified.length; i++) {
            nearest = Math.min(nearest, segmentDistance(p, simplified[i]!, simplified[i + 1]!));
          }
          expect(nearest).toBeLessThanOrEqual(tolerance + 2 * rounding + 1e-12);
        }
      }),
    );
  });
});

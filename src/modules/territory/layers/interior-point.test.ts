import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pointInGeometry, pointInPolygon } from '../point-in-polygon.rules.ts';
import { centroidOf, interiorPoint, pointOnSurface } from './interior-point.ts';
import type { PolygonGeometry, Position } from './layer-types.ts';

const polygon = (...rings: Position[][]): PolygonGeometry => ({ type: 'Polygon', coordinates: rings });
const square = (x: number, y: number, size: number): Position[] => [
  [x, y],
  [x + size, y],
  [x + size, y + size],
  [x, y + size],
  [x, y],
];

describe('interiorPoint', () => {
  it('takes the centroid of a convex parcel', () => {
    expect(centroidOf(polygon(square(0, 0, 2)))).toEqual([1, 1]);
    expect(interiorPoint(polygon(square(0, 0, 2)))).toEqual([1, 1]);
  });

  it('gives a U-shaped parcel a point on it, not in the courtyard where its centroid falls', () => {
    const u = polygon([
      [0, 0],
      [3, 0],
      [3, 3],
      [2, 3],
      [2, 1],
      [1, 1],
      [1, 3],
      [0, 3],
      [0, 0],
    ]);
    const centroid = centroidOf(u)!;
    expect(pointInPolygon(centroid[0], centroid[1], u.coordinates)).toBe(false);
    const [lon, lat] = interiorPoint(u);
    expect(pointInPolygon(lon, lat, u.coordinates)).toBe(true);
  });

  it('keeps the point out of a hole in the middle', () => {
    const ring = polygon(square(0, 0, 4), square(1, 1, 2).reverse());
    const [lon, lat] = interiorPoint(ring);
    expect(pointInPolygon(lon, lat, ring.coordinates)).toBe(true);
    expect(lon > 1 && lon < 3 && lat > 1 && lat < 3).toBe(false);
  });

  it('picks the larger part of a multipolygon whose centroid falls between its parts', () => {
    const geometry = { type: 'MultiPolygon' as const, coordinates: [[square(0, 0, 1)], [square(5, 0, 2)]] };
    const [lon, lat] = interiorPoint(geometry);
    expect(pointInPolygon(lon, lat, [square(5, 0, 2)])).toBe(true);
  });

  it('scans between vertices, so a vertex on the middle line does not throw it off', () => {
    const diamond: Position[][] = [
      [
        [0, 0],
        [1, -1],
        [2, 0],
        [1, 1],
        [0, 0],
      ],
    ];
    const [lon, lat] = pointOnSurface(diamond);
    expect(pointInPolygon(lon, lat, diamond)).toBe(true);
  });

  it('always lands inside random star-shaped parcels', () => {
    const star = fc
      .array(
        fc.tuple(fc.double({ min: 0, max: 2 * Math.PI, noNaN: true }), fc.double({ min: 0.05, max: 1 })),
        {
          minLength: 3,
          maxLength: 30,
        },
      )
      .map((spokes) => {
        const sorted = [...spokes].sort((a, b) => a[0] - b[0]);
        const ring: Position[] = sorted.map(([angle, radius]) => [
          -73.1 + radius * 1e-3 * Math.cos(angle),
          7.1 + radius * 1e-3 * Math.sin(angle),
        ]);
        return [...ring, ring[0]!];
      })
      .filter((ring) => new Set(ring.slice(0, -1).map((p) => p.join())).size >= 3);
    fc.assert(
      fc.property(star, (ring) => {
        const geometry = polygon(ring);
        const area = Math.abs(
          ring.slice(0, -1).reduce((sum, [x, y], i) => sum + x * ring[i + 1]![1] - ring[i + 1]![0] * y, 0),
        );
        fc.pre(area > 1e-12);
        const [lon, lat] = interiorPoint(geometry);
        expect(pointInGeometry(lon, lat, geometry)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('lands inside every real block of Lebrija', () => {
    const file = path.resolve(
      import.meta.dirname,
      '../../../../../shared/data/territory/lebrija_igac_manzanas_TEST_ONLY.geojson',
    );
    const { features } = JSON.parse(readFileSync(file, 'utf8')) as {
      features: { geometry: PolygonGeometry }[];
    };
    expect(features).toHaveLength(238);
    for (const { geometry } of features) {
      const [lon, lat] = interiorPoint(geometry);
      expect(pointInGeometry(lon, lat, geometry)).toBe(true);
    }
  });
});

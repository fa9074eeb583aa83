import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dissolve } from './dissolve.rules.ts';
import {
  type AreaGeometry,
  geometryArea,
  type Position,
  pointInGeometry,
  polygonsOf,
} from './point-in-polygon.rules.ts';

const cell = (x: number, y: number, w = 1, h = 1): AreaGeometry => ({
  type: 'Polygon',
  coordinates: [
    [
      [x, y],
      [x + w, y],
      [x + w, y + h],
      [x, y + h],
      [x, y],
    ] as Position[],
  ],
});

describe('dissolve', () => {
  it('merges two neighbours into one outline without the shared edge', () => {
    const { geometry, danglingEdges } = dissolve([cell(0, 0), cell(1, 0)]);
    expect(danglingEdges).toBe(0);
    expect(geometry?.type).toBe('Polygon');
    expect(geometryArea(geometry!)).toBeCloseTo(2, 12);
    // Four corners plus the two ends of the removed edge, which remain as collinear vertices.
    expect(polygonsOf(geometry!)[0]![0]).toHaveLength(7);
    expect(pointInGeometry(1, 0.5, geometry!)).toBe(true);
  });

  it('leaves a hole where a ring of cells surrounds an empty one', () => {
    const ring = [];
    for (let x = 0; x < 3; x++) for (let y = 0; y < 3; y++) if (x !== 1 || y !== 1) ring.push(cell(x, y));
    const { geometry } = dissolve(ring);
    expect(geometry?.type).toBe('Polygon');
    expect(polygonsOf(geometry!)[0]).toHaveLength(2);
    expect(geometryArea(geometry!)).toBeCloseTo(8, 12);
    expect(pointInGeometry(1.5, 1.5, geometry!)).toBe(false);
    expect(pointInGeometry(0.5, 1.5, geometry!)).toBe(true);
  });

  it('keeps pieces that do not touch as a multipolygon, largest first', () => {
    const { geometry } = dissolve([cell(0, 0), cell(5, 5, 2, 2)]);
    expect(geometry?.type).toBe('MultiPolygon');
    expect(geometryArea({ type: 'Polygon', coordinates: polygonsOf(geometry!)[0]! })).toBeCloseTo(4, 12);
  });

  it('splits an edge where a neighbour has a vertex on it (a T-junction)', () => {
    const { geometry, danglingEdges } = dissolve([cell(0, 0, 1, 2), cell(1, 0), cell(1, 1)]);
    expect(danglingEdges).toBe(0);
    expect(geometry?.type).toBe('Polygon');
    expect(polygonsOf(geometry!)[0]).toHaveLength(1);
    expect(geometryArea(geometry!)).toBeCloseTo(4, 12);
  });

  it('accepts rings in either direction', () => {
    const clockwise: AreaGeometry = {
      type: 'Polygon',
      coordinates: [
        [
          [1, 0],
          [1, 1],
          [2, 1],
          [2, 0],
          [1, 0],
        ],
      ],
    };
    const { geometry } = dissolve([cell(0, 0), clockwise]);
    expect(geometry?.type).toBe('Polygon');
    expect(geometryArea(geometry!)).toBeCloseTo(2, 12);
  });

  it('holds exactly the points its pieces hold (any set of grid cells)', () => {
    const size = 5;
    fc.assert(
      fc.property(fc.array(fc.boolean(), { minLength: size * size, maxLength: size * size }), (chosen) => {
        const cells: AreaGeometry[] = [];
        chosen.forEach((on, k) => {
          if (on) cells.push(cell(k % size, Math.floor(k / size)));
        });
        const { geometry, danglingEdges } = dissolve(cells);
        expect(danglingEdges).toBe(0);
        if (cells.length === 0) {
          expect(geometry).toBeNull();
          return;
        }
        expect(geometryArea(geometry!)).toBeCloseTo(cells.length, 9);
        chosen.forEach((on, k) => {
          const x = (k % size) + 0.5;
          const y = Math.floor(k / size) + 0.5;
          expect(pointInGeometry(x, y, geometry!), `celda ${x},${y}`).toBe(on);
        });
      }),
    );
  });
});

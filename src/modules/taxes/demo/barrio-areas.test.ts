import { describe, expect, it } from 'vitest';
import {
  barrioAreasFrom,
  geometryAreaOf,
  prepareSamplingArea,
  readDemoBarrioAreas,
  SyntheticDataError,
  samplePointIn,
  strictlyInside,
} from './barrio-areas.ts';
import { createSeededRandom } from './seeded-random.ts';

const square = (lon: number, lat: number, side: number): [number, number][] => [
  [lon, lat],
  [lon + side, lat],
  [lon + side, lat + side],
  [lon, lat + side],
  [lon, lat],
];

function errorOf(run: () => unknown): SyntheticDataError {
  try {
    run();
  } catch (error) {
    if (error instanceof SyntheticDataError) return error;
    throw error;
  }
  throw new Error('no lanzó error');
}

const comuna = (code: string, name: string) => ({
  type: 'Feature',
  properties: { kind: 'comuna', code, name, parentCode: null },
  geometry: { type: 'Polygon', coordinates: [square(-73.2, 7.0, 0.1)] },
});
const barrio = (code: string, parentCode: string | null, geometry: unknown) => ({
  type: 'Feature',
  properties: { kind: 'barrio', code, name: `Barrio ${code}`, parentCode },
  geometry,
});

describe('barrioAreasFrom', () => {
  it('reads the 263 barrios of Bucaramanga with their comuna or corregimiento', async () => {
    const barrios = await readDemoBarrioAreas('68001');
    expect(barrios).toHaveLength(263);
    const centro = barrios.find((b) => b.code === '15-centro');
    expect(centro).toMatchObject({ name: 'Centro', comunaCode: '15', comunaName: 'Centro' });
    const rural = barrios.filter((b) => b.comunaCode.startsWith('C'));
    expect(rural.length).toBe(12);
    expect(new Set(rural.map((b) => b.comunaName))).toEqual(new Set(['Corregimiento 1', 'Corregimiento 3']));
    expect(new Set(barrios.map((b) => b.polygon.type))).toEqual(new Set(['Polygon', 'MultiPolygon']));
  });

  it('drops an altitude and keeps holes', () => {
    const withAltitude = square(-73.2, 7.0, 0.01).map(([lon, lat]) => [lon, lat, 950]);
    const hole = square(-73.197, 7.003, 0.004).reverse();
    const [area] = barrioAreasFrom({
      type: 'FeatureCollection',
      features: [
        comuna('01', 'Norte'),
        barrio('01-a', '01', { type: 'Polygon', coordinates: [withAltitude, hole] }),
      ],
    });
    expect(area!.polygon.type).toBe('Polygon');
    const rings = area!.polygon.coordinates as [number, number][][];
    expect(rings).toHaveLength(2);
    expect(rings[0]![0]).toEqual([-73.2, 7.0]);
  });

  it('explains in Spanish what is wrong with the file', () => {
    expect(errorOf(() => barrioAreasFrom({ type: 'Feature' })).message).toMatch(/FeatureCollection/);
    const orphan = barrioAreasFrom.bind(null, {
      type: 'FeatureCollection',
      features: [barrio('99-x', '99', { type: 'Polygon', coordinates: [square(0, 0, 1)] })],
    });
    expect(errorOf(orphan).message).toMatch(/no indica una comuna o corregimiento presente/);
    const badGeometry = barrioAreasFrom.bind(null, {
      type: 'FeatureCollection',
      features: [comuna('01', 'Norte'), barrio('01-a', '01', { type: 'Point', coordinates: [0, 0] })],
    });
    expect(errorOf(badGeometry).message).toMatch(/Polygon o MultiPolygon/);
    const repeated = barrioAreasFrom.bind(null, {
      type: 'FeatureCollection',
      features: [
        comuna('01', 'Norte'),
        barrio('01-a', '01', { type: 'Polygon', coordinates: [square(0, 0, 1)] }),
        barrio('01-a', '01', { type: 'Polygon', coordinates: [square(0, 0, 1)] }),
      ],
    });
    expect(errorOf(repeated).message).toMatch(/más de una vez/);
  });
});

describe('points strictly inside', () => {
  const withHole = {
    type: 'Polygon' as const,
    coordinates: [square(-73.2, 7.0, 0.01), square(-73.198, 7.002, 0.006).reverse()],
  };

  it('excludes the hole and every edge', () => {
    expect(strictlyInside(-73.1995, 7.0005, withHole)).toBe(true);
    expect(strictlyInside(-73.195, 7.005, withHole)).toBe(false); // in the hole
    expect(strictlyInside(-73.2, 7.005, withHole)).toBe(false); // on the outer edge
    expect(strictlyInside(-73.198, 7.005, withHole)).toBe(false); // on the hole's edge
    expect(strictlyInside(-73.3, 7.005, withHole)).toBe(false); // outside
  });

  it('subtracts holes from the area', () => {
    expect(geometryAreaOf(withHole)).toBeCloseTo(0.01 ** 2 - 0.006 ** 2, 12);
  });

  it('samples every point outside the hole, over both parts of a MultiPolygon by their size', () => {
    const geometry = {
      type: 'MultiPolygon' as const,
      coordinates: [withHole.coordinates, [square(-73.1, 7.1, 0.005)]],
    };
    const area = prepareSamplingArea(geometry);
    const random = createSeededRandom(3);
    let inSmallPart = 0;
    for (let i = 0; i < 4000; i++) {
      const [lon, lat] = samplePointIn(area, random, 'prueba');
      expect(strictlyInside(lon, lat, geometry)).toBe(true);
      expect(lon > -73.198 && lon < -73.192 && lat > 7.002 && lat < 7.008).toBe(false);
      if (lon > -73.15) inSmallPart += 1;
    }
    // The small square is 25 / (64 + 25) of the surface.
    expect(inSmallPart / 4000).toBeGreaterThan(0.24);
    expect(inSmallPart / 4000).toBeLessThan(0.33);
  });
});

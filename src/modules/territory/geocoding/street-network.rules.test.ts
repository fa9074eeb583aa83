import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseAddress } from '../address/address-parser.ts';
import { geocodeLocally, type LocalLayers } from './local-geocoder.rules.ts';
import {
  createStreetNetwork,
  type LonLat,
  type StreetSegmentInput,
  splitStreetKey,
} from './street-network.rules.ts';

// A synthetic grid near Bucaramanga: Calle n runs east–west at y = 100·n m, Carrera m north–south at
// x = 100·m m, numbers growing north and east, as in a Colombian grid. Each street is cut at every corner.
const LAT0 = 7.1;
const LON0 = -73.1;
const KX = 111_320 * Math.cos((LAT0 * Math.PI) / 180);
const KY = 110_574;
const at = (x: number, y: number): LonLat => [LON0 + x / KX, LAT0 + y / KY];
const metresBetween = (a: LonLat, b: LonLat) => Math.hypot((a[0] - b[0]) * KX, (a[1] - b[1]) * KY);

function grid(): StreetSegmentInput[] {
  const segments: StreetSegmentInput[] = [];
  for (let n = 1; n <= 9; n += 1) {
    for (let k = 1; k < 9; k += 1) {
      segments.push({
        streetKey: `CL ${n}`,
        coordinates: [at(100 * k, 100 * n), at(100 * (k + 1), 100 * n)],
      });
      segments.push({
        streetKey: `KR ${n}`,
        coordinates: [at(100 * n, 100 * k), at(100 * n, 100 * (k + 1))],
      });
    }
  }
  return segments;
}

const network = createStreetNetwork(grid());
const layers = (extra: Partial<LocalLayers> = {}): LocalLayers => ({
  addressPoints: new Map(),
  streets: network,
  barrioNamed: () => null,
  barrioInText: () => null,
  municipio: null,
  ...extra,
});

describe('street keys', () => {
  it('splits type, number and suffix', () => {
    expect(splitStreetKey('CL 35')).toEqual({ type: 'CL', number: 35, suffix: '' });
    expect(splitStreetKey('KR 10A BIS')).toEqual({ type: 'KR', number: 10, suffix: 'A BIS' });
    expect(splitStreetKey('DG 9 BIS SUR')).toEqual({ type: 'DG', number: 9, suffix: 'BIS SUR' });
    expect(splitStreetKey('vereda')).toBeNull();
  });
});

describe('the street network', () => {
  it('finds where two streets cross', () => {
    expect(metresBetween(network.intersection('CL 3', 'KR 5')!, at(500, 300))).toBeLessThan(0.01);
    expect(network.intersection('CL 3', 'CL 4')).toBeNull();
    expect(network.intersection('CL 3', 'KR 99')).toBeNull();
  });

  it('walks the placa from the corner towards the next cross street', () => {
    const found = network.interpolate('CL 3', 'KR 5', 40)!;
    expect(metresBetween(found.point, at(540, 300))).toBeLessThan(0.5);
    // On a Carrera the numbers of the Calles grow northwards.
    expect(metresBetween(network.interpolate('KR 5', 'CL 3', 25)!.point, at(500, 325))).toBeLessThan(0.5);
  });

  it('walks away from the previous corner when the street ends (no following cross street)', () => {
    // Carrera 9 is the last one: Calle 3 # 9-30 lies 30 m past Carrera 9, away from Carrera 8.
    const found = network.interpolate('CL 3', 'KR 9', 30)!;
    expect(metresBetween(found.point, at(930, 300))).toBeLessThan(31);
  });

  it('never walks past the next corner: a placa longer than the block stops before it', () => {
    const found = network.interpolate('CL 3', 'KR 5', 250)!;
    expect(found.metres).toBeLessThan(100);
    expect(metresBetween(found.point, at(599, 300))).toBeLessThan(0.5);
  });

  it('puts every placa of a block at its distance from the corner (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 8 }),
        fc.integer({ min: 1, max: 8 }),
        fc.integer({ min: 1, max: 98 }),
        (calle, carrera, placa) => {
          const found = network.interpolate(`CL ${calle}`, `KR ${carrera}`, placa)!;
          expect(Math.abs(metresBetween(found.point, at(100 * carrera, 100 * calle)) - placa)).toBeLessThan(
            0.5,
          );
          expect(found.point[0]).toBeGreaterThan(at(100 * carrera, 0)[0]);
        },
      ),
    );
  });

  it('joins lines drawn a little short of each other (T-junctions)', () => {
    const short = createStreetNetwork([
      { streetKey: 'CL 1', coordinates: [at(0, 0), at(200, 0)] },
      { streetKey: 'KR 1', coordinates: [at(100, 10), at(100, 200)] },
    ]);
    expect(metresBetween(short.intersection('CL 1', 'KR 1')!, at(100, 5))).toBeLessThan(1);
    const far = createStreetNetwork([
      { streetKey: 'CL 1', coordinates: [at(0, 0), at(200, 0)] },
      { streetKey: 'KR 1', coordinates: [at(100, 60), at(100, 200)] },
    ]);
    expect(far.intersection('CL 1', 'KR 1')).toBeNull();
  });
});

describe('the local chain', () => {
  const barrio = { code: 'b1', name: 'La Victoria', point: at(50, 50) };
  const municipio = { code: '68001', name: 'Bucaramanga', point: at(0, 0) };

  it('prefers an exact address point, then the interpolated placa, then the corner', () => {
    const exact = at(541, 303);
    const withPoint = layers({ addressPoints: new Map([['CL 3 5 40', exact]]) });
    expect(geocodeLocally(withPoint, parseAddress('Calle 3 # 5-40'))).toEqual({
      precision: 'punto',
      point: exact,
      barrio: null,
    });
    expect(geocodeLocally(layers(), parseAddress('Calle 3 # 5-40')).precision).toBe('interpolada');
    expect(geocodeLocally(layers(), parseAddress('Calle 3 con Carrera 5')).precision).toBe('interseccion');
    // The cross type is implied: a Calle is crossed by Carreras.
    expect(geocodeLocally(layers(), parseAddress('CL 3 # 5')).precision).toBe('interseccion');
  });

  it('falls back to the barrio, then the municipality, and never claims more', () => {
    const fallback = layers({
      barrioNamed: (name) => (name.toUpperCase().includes('VICTORIA') ? barrio : null),
      municipio,
    });
    expect(geocodeLocally(fallback, parseAddress('Calle 99 # 1-10 barrio La Victoria'))).toEqual({
      precision: 'barrio',
      point: barrio.point,
      barrio: { code: 'b1', name: 'La Victoria' },
    });
    expect(
      geocodeLocally(fallback, parseAddress('Calle 99 # 1-10'), { barrio: 'la victoria' }).precision,
    ).toBe('barrio');
    expect(geocodeLocally(fallback, parseAddress('Calle 99 # 1-10')).precision).toBe('municipio');
    expect(geocodeLocally(fallback, parseAddress('hola'))).toEqual({
      precision: 'ninguna',
      point: null,
      barrio: null,
    });
  });
});

describe('on real IGAC centrelines (Lebrija, NOMENCLATURA_VIAL)', () => {
  const file = path.resolve(
    import.meta.dirname,
    '../../../../../shared/data/territory/lebrija_igac_nomenclatura_vial_TEST_ONLY.geojson',
  );
  const collection = JSON.parse(fs.readFileSync(file, 'utf8')) as {
    features: { properties: { via: string | null }; geometry: { type: string; coordinates: unknown } }[];
  };
  const segments: StreetSegmentInput[] = [];
  for (const feature of collection.features) {
    const parsed = parseAddress(feature.properties.via ?? '');
    if (parsed.status !== 'solo_via' || !parsed.canonical) continue;
    const lines = (
      feature.geometry.type === 'LineString' ? [feature.geometry.coordinates] : feature.geometry.coordinates
    ) as LonLat[][];
    for (const coordinates of lines) segments.push({ streetKey: parsed.canonical, coordinates });
  }
  const lebrija = createStreetNetwork(segments);

  it('finds the corner of Calle 11 and Carrera 5 and walks 20 m along Calle 11', () => {
    const corner = lebrija.intersection('CL 11', 'KR 5')!;
    expect(corner).toEqual([-73.214649, 7.113119]);
    const found = lebrija.interpolate('CL 11', 'KR 5', 20)!;
    const kx = 111_320 * Math.cos((7.113 * Math.PI) / 180);
    expect(Math.hypot((found.point[0] - corner[0]) * kx, (found.point[1] - corner[1]) * KY)).toBeCloseTo(
      20,
      0,
    );
  });

  it('places most Calle × Carrera corners that exist', () => {
    let corners = 0;
    let interpolated = 0;
    for (let calle = 5; calle <= 19; calle += 1) {
      for (let carrera = 1; carrera <= 17; carrera += 1) {
        if (!lebrija.intersection(`CL ${calle}`, `KR ${carrera}`)) continue;
        corners += 1;
        if (lebrija.interpolate(`CL ${calle}`, `KR ${carrera}`, 15)) interpolated += 1;
      }
    }
    expect(corners).toBeGreaterThan(40);
    expect(interpolated / corners).toBeGreaterThan(0.8);
  });
});

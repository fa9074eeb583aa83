import fs from 'node:fs';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../platform/db/database.ts';
import { AppError } from '../../platform/http/errors.ts';
import { createTestTenant, getTestDatabase, resetDatabase } from '../../test/test-database.ts';
import { seedDemoTerritory, territoryAssetPath } from './territory.seed.ts';
import { createTerritoryService, IMPORT_CHUNK_SIZE, type TerritoryService } from './territory.service.ts';

/** Parque Santander, in front of the Catedral de la Sagrada Familia (checked against the asset). */
const PARQUE_SANTANDER = { lon: -73.1227, lat: 7.119 };

const square = (x: number, y: number, size: number) => [
  [x, y],
  [x + size, y],
  [x + size, y + size],
  [x, y + size],
  [x, y],
];
const feature = (kind: string, code: string, name: string, coordinates: unknown, parentCode?: string) => ({
  type: 'Feature',
  properties: { kind, code, name, parentCode },
  geometry: { type: 'Polygon', coordinates },
});
const collection = (...features: unknown[]) => ({ type: 'FeatureCollection', features });

async function expectAppError(work: Promise<unknown>): Promise<AppError> {
  const error = await work.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe('territory service', () => {
  let database: DatabaseHandle;
  let service: TerritoryService;
  let tenantId: string;

  beforeAll(async () => {
    database = await getTestDatabase();
  });

  beforeEach(async () => {
    await resetDatabase(database);
    tenantId = (await createTestTenant(database)).id;
    service = createTerritoryService(database.db);
  });

  describe('with the Bucaramanga demo asset', () => {
    beforeEach(async () => {
      const result = await seedDemoTerritory(service, tenantId);
      expect(result.seeded).toBe(true);
    });

    it('loads 17 comunas, 3 corregimientos and the barrios, each under a comuna or corregimiento', async () => {
      const comunas = await service.listAreas(tenantId, { kind: 'comuna' });
      expect(comunas.map((area) => area.code)).toEqual(
        Array.from({ length: 17 }, (_, k) => String(k + 1).padStart(2, '0')),
      );
      expect(comunas.find((area) => area.code === '07')?.name).toBe('Ciudadela Real de Minas');
      expect(comunas.find((area) => area.code === '15')?.name).toBe('Centro');
      const corregimientos = await service.listAreas(tenantId, { kind: 'corregimiento' });
      expect(corregimientos).toHaveLength(3);

      const barrios = await service.listAreas(tenantId, { kind: 'barrio' });
      expect(barrios.length).toBeGreaterThanOrEqual(250);
      const parents = new Set([...comunas, ...corregimientos].map((area) => area.code));
      for (const barrio of barrios) expect(parents.has(barrio.parentCode ?? ''), barrio.code).toBe(true);
      // And the four municipal limits of the metro area.
      const municipios = await service.listAreas(tenantId, { kind: 'municipio' });
      expect(municipios.map((area) => `${area.code} ${area.name}`)).toEqual([
        '68001 Bucaramanga',
        '68276 Floridablanca',
        '68307 Girón',
        '68547 Piedecuesta',
      ]);
      expect(await service.countAreas(tenantId)).toBe(
        comunas.length + corregimientos.length + barrios.length + municipios.length,
      );

      const centro = await service.listAreas(tenantId, { parentCode: '15' });
      expect(centro.map((area) => area.name).sort()).toEqual(['Centro', 'Garcia Rovira']);
    });

    it('locates Parque Santander in barrio Centro, comuna 15 Centro', async () => {
      expect(await service.findAreaAt(tenantId, PARQUE_SANTANDER.lon, PARQUE_SANTANDER.lat)).toEqual({
        municipio: { code: '68001', name: 'Bucaramanga' },
        barrio: { code: '15-centro', name: 'Centro' },
        comuna: { code: '15', name: 'Centro' },
        corregimiento: null,
      });
    });

    it('locates a point with no barrio by its comuna or corregimiento, and nothing outside the municipality', async () => {
      // The ravines west of comuna 1: comuna land that no barrio covers.
      expect(await service.findAreaAt(tenantId, -73.15, 7.15)).toEqual({
        municipio: { code: '68001', name: 'Bucaramanga' },
        barrio: null,
        comuna: { code: '01', name: 'Norte' },
        corregimiento: null,
      });
      expect(await service.findAreaAt(tenantId, -73.08, 7.16)).toEqual({
        municipio: { code: '68001', name: 'Bucaramanga' },
        barrio: null,
        comuna: null,
        corregimiento: { code: 'C2', name: 'Corregimiento 2' },
      });
      // Outside Bucaramanga (in Piedecuesta): no barrio, comuna or corregimiento of the city.
      expect(await service.findAreaAt(tenantId, -73.0, 7.0)).toEqual({
        municipio: { code: '68547', name: 'Piedecuesta' },
        barrio: null,
        comuna: null,
        corregimiento: null,
      });
    });

    it('returns each kind as a GeoJSON FeatureCollection', async () => {
      const comunas = await service.areasGeoJson(tenantId, 'comuna');
      expect(comunas.type).toBe('FeatureCollection');
      expect(comunas.features).toHaveLength(17);
      for (const area of comunas.features) expect(['Polygon', 'MultiPolygon']).toContain(area.geometry.type);
      expect(comunas.features[0]?.properties).toEqual({
        kind: 'comuna',
        code: '01',
        name: 'Norte',
        parentCode: null,
      });
    });

    it('does not seed twice, and a re-import updates rows instead of adding them', async () => {
      const total = await service.countAreas(tenantId);
      expect(total).toBeGreaterThan(IMPORT_CHUNK_SIZE); // the seed crossed a chunk boundary
      expect(await seedDemoTerritory(service, tenantId)).toEqual({ seeded: false, total });

      const asset = JSON.parse(fs.readFileSync(territoryAssetPath('68001'), 'utf8'));
      const result = await service.importAreas(tenantId, asset, 'prueba');
      expect(result).toEqual({ total: total - 4, inserted: 0, updated: total - 4 });
      expect(await service.countAreas(tenantId)).toBe(total);
    });
  });

  describe('importAreas', () => {
    it('upserts by kind and code and refreshes what findAreaAt sees', async () => {
      const first = await service.importAreas(
        tenantId,
        collection(
          feature('comuna', '01', 'Uno', [square(0, 0, 2)]),
          feature('barrio', '01-a', 'A', [square(0, 0, 1)], '01'),
        ),
        'prueba',
      );
      expect(first).toEqual({ total: 2, inserted: 2, updated: 0 });
      expect((await service.findAreaAt(tenantId, 0.5, 0.5)).barrio).toEqual({ code: '01-a', name: 'A' });

      const second = await service.importAreas(
        tenantId,
        collection(
          feature('barrio', '01-a', 'A renombrado', [square(0, 0, 1)], '01'),
          feature('barrio', '01-b', 'B', [square(1, 1, 1)], '01'),
        ),
        'prueba',
      );
      expect(second).toEqual({ total: 2, inserted: 1, updated: 1 });
      expect(await service.findAreaAt(tenantId, 0.5, 0.5)).toEqual({
        municipio: null,
        barrio: { code: '01-a', name: 'A renombrado' },
        comuna: { code: '01', name: 'Uno' },
        corregimiento: null,
      });
      expect((await service.findAreaAt(tenantId, 1.5, 1.5)).barrio?.code).toBe('01-b');
    });

    it('keeps tenants apart', async () => {
      const other = await createTestTenant(database, '68276');
      await service.importAreas(
        tenantId,
        collection(feature('comuna', '01', 'Uno', [square(0, 0, 1)])),
        'prueba',
      );
      expect(await service.countAreas(other.id)).toBe(0);
      expect((await service.findAreaAt(other.id, 0.5, 0.5)).comuna).toBeNull();
    });

    it('rejects a latitude out of range, naming the feature and the field, and stores nothing', async () => {
      const bad = square(0, 0, 1);
      bad[1] = [1, 95];
      const error = await expectAppError(
        service.importAreas(
          tenantId,
          collection(
            feature('comuna', '01', 'Uno', [square(0, 0, 1)]),
            feature('barrio', '01-x', 'Barrio malo', [bad], '01'),
          ),
          'prueba',
        ),
      );
      expect(error.status).toBe(400);
      expect(error.code).toBe('VALIDATION_ERROR');
      expect(error.field).toBe('features.1.geometry.coordinates.0.1.1');
      expect(error.detail).toContain('Elemento 1 («Barrio malo»)');
      expect(error.detail).toContain('geometry.coordinates.0.1.1');
      expect(error.detail).toContain('la latitud debe estar entre -90 y 90');
      expect(await service.countAreas(tenantId)).toBe(0);
    });

    it('rejects other bad geometry and properties in Spanish', async () => {
      const open = square(0, 0, 1).slice(0, -1);
      const cases: [unknown, string, string][] = [
        [feature('barrio', 'x', 'Abierto', [open]), 'features.0.geometry.coordinates.0', 'no está cerrado'],
        [
          {
            type: 'Feature',
            properties: { kind: 'barrio', code: 'x', name: 'Punto' },
            geometry: { type: 'Point', coordinates: [0, 0] },
          },
          'features.0.geometry.type',
          'Polygon o MultiPolygon',
        ],
        [
          feature('barrio', 'x', 'Texto', [[['a', 0], ...square(0, 0, 1)]]),
          'features.0.geometry.coordinates.0.0.0',
          'la longitud debe ser un número',
        ],
        [
          feature('manzana', 'x', 'Tipo', [square(0, 0, 1)]),
          'features.0.properties.kind',
          'comuna, corregimiento, barrio o vereda',
        ],
        [
          feature('barrio', 'con espacio', 'Código', [square(0, 0, 1)]),
          'features.0.properties.code',
          'letras, dígitos',
        ],
      ];
      for (const [input, field, message] of cases) {
        const error = await expectAppError(service.importAreas(tenantId, collection(input), 'prueba'));
        expect(error.field, message).toBe(field);
        expect(error.detail).toContain('Elemento 0');
        expect(error.detail).toContain(message);
      }
      const notACollection = await expectAppError(
        service.importAreas(tenantId, { type: 'Feature' }, 'prueba'),
      );
      expect(notACollection.detail).toContain('FeatureCollection');
    });

    it('rejects a code repeated within one import', async () => {
      const error = await expectAppError(
        service.importAreas(
          tenantId,
          collection(
            feature('barrio', 'a', 'A', [square(0, 0, 1)]),
            feature('barrio', 'a', 'Otra A', [square(2, 2, 1)]),
          ),
          'prueba',
        ),
      );
      expect(error.field).toBe('features.1.properties.code');
      expect(error.detail).toContain('del elemento 0');
    });
  });

  it('validates the coordinates given to findAreaAt', async () => {
    const error = await expectAppError(service.findAreaAt(tenantId, -200, 7));
    expect(error.field).toBe('lon');
    expect((await expectAppError(service.findAreaAt(tenantId, -73, Number.NaN))).field).toBe('lat');
  });
});

import Fastify from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../platform/context.ts';
import { sendProblem, toProblem } from '../../platform/http/problem.ts';
import type { ZodApp } from '../../platform/http/types.ts';
import { createTestTenant, getTestDatabase, resetDatabase } from '../../test/test-database.ts';
import { territoryRoutesWith } from './territory.routes.ts';
import { seedDemoTerritory } from './territory.seed.ts';
import { createTerritoryService } from './territory.service.ts';

/** The routes on a bare Fastify with the platform's validation and problem+json mapping. */
async function buildTestApp(tenantId: string) {
  const database = await getTestDatabase();
  const service = createTerritoryService(database.db);
  const app = Fastify().withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler((error, request, reply) => sendProblem(request, reply, toProblem(error)));
  app.decorateRequest('actor', undefined as never);
  app.addHook('onRequest', async (request) => {
    request.actor = { userId: null, tenantId, label: 'visitante', kind: 'anonymous', permissions: new Set() };
  });
  await app.register(async (scope) =>
    territoryRoutesWith(service)(scope as unknown as ZodApp, {} as AppContext),
  );
  return { app, service };
}

describe('territory routes', () => {
  let app: Awaited<ReturnType<typeof buildTestApp>>['app'];

  beforeAll(async () => {
    const database = await getTestDatabase();
    await resetDatabase(database);
    const tenant = await createTestTenant(database);
    const built = await buildTestApp(tenant.id);
    app = built.app;
    await seedDemoTerritory(built.service, tenant.id);
  });

  afterAll(async () => {
    await app?.close();
  });

  it('lists areas without geometry, filtered by kind and parent', async () => {
    const comunas = await app.inject({ url: '/api/v1/territory/areas?kind=comuna' });
    expect(comunas.statusCode).toBe(200);
    const items = comunas.json().items as Record<string, unknown>[];
    expect(items).toHaveLength(17);
    expect(items[0]).toEqual({ kind: 'comuna', code: '01', name: 'Norte', parentCode: null });

    const centro = await app.inject({ url: '/api/v1/territory/areas?kind=barrio&parentCode=15' });
    expect(centro.json().items.map((item: { code: string }) => item.code)).toEqual([
      '15-centro',
      '15-garcia-rovira',
    ]);
  });

  it('serves GeoJSON with a public cache header', async () => {
    const response = await app.inject({ url: '/api/v1/territory/areas.geojson?kind=corregimiento' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toBe('public, max-age=3600');
    const body = response.json();
    expect(body.type).toBe('FeatureCollection');
    expect(body.features).toHaveLength(3);
    expect(body.features[0].geometry.coordinates.length).toBeGreaterThan(0);
  });

  it('locates a point', async () => {
    const response = await app.inject({ url: '/api/v1/territory/locate?lon=-73.1227&lat=7.1190' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      barrio: { code: '15-centro', name: 'Centro' },
      comuna: { code: '15', name: 'Centro' },
      corregimiento: null,
    });
  });

  it('answers 400 in Spanish, naming lon or lat', async () => {
    const outOfRange = await app.inject({ url: '/api/v1/territory/locate?lon=-73.12&lat=91' });
    expect(outOfRange.statusCode).toBe(400);
    expect(outOfRange.headers['content-type']).toContain('application/problem+json');
    expect(outOfRange.json()).toMatchObject({ code: 'VALIDATION_ERROR', field: 'lat' });
    expect(outOfRange.json().detail).toContain('lat: la latitud debe estar entre -90 y 90.');

    const notANumber = await app.inject({ url: '/api/v1/territory/locate?lon=abc&lat=7.1' });
    expect(notANumber.statusCode).toBe(400);
    expect(notANumber.json().field).toBe('lon');
    expect(notANumber.json().detail).toContain('lon: la longitud debe ser un número');

    const missing = await app.inject({ url: '/api/v1/territory/locate?lat=7.1' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().detail).toContain('lon: es obligatorio.');

    const empty = await app.inject({ url: '/api/v1/territory/locate?lon=&lat=7.1' });
    expect(empty.json().detail).toContain('lon: es obligatorio.');

    const badKind = await app.inject({ url: '/api/v1/territory/areas?kind=manzana' });
    expect(badKind.statusCode).toBe(400);
    expect(badKind.json().detail).toContain('kind: use comuna, corregimiento, barrio o vereda.');
  });
});

import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/test-app.ts';
import { type SandboxGeocoder, startSandboxGeocoder } from '../online/index.ts';
import { territoryGeocodeCache } from '../territory.schema.ts';
import { seedDemoTerritory } from '../territory.seed.ts';

// The online provider is a real Nominatim-speaking HTTP server on this machine: the adapter, the limiter
// and the cache in PostgreSQL are exercised over the network, as they are in production.
let sandbox: SandboxGeocoder;
let t: TestApp;

beforeAll(async () => {
  sandbox = await startSandboxGeocoder({
    places: [
      { query: 'Carrera 27 # 36 - 14', lon: -73.1186, lat: 7.1178, label: 'Carrera 27 #36-14, Bucaramanga' },
    ],
  });
  t = await createTestApp({
    GEOCODER_PROVIDER: 'nominatim',
    GEOCODER_URL: sandbox.nominatimUrl,
    GEOCODER_RATE_PER_SECOND: '20',
  });
  await seedDemoTerritory(t.modules.territory.territory, t.tenantId);
});
afterAll(async () => {
  await t.close();
  await sandbox.close();
});

const geocode = (direccion: string) =>
  t.anonymous.get(`/api/territorio/geocodificar?${new URLSearchParams({ direccion }).toString()}`);

describe('the optional online geocoder', () => {
  it('places what the local layers cannot, once: the answer is kept in the database', async () => {
    const first = (await geocode('Cra 27 # 36-14')).json();
    expect(first).toMatchObject({
      precision: 'en_linea',
      lat: 7.1178,
      lon: -73.1186,
      municipio: 'Bucaramanga',
    });
    expect(first.barrio).toEqual(expect.any(String));
    expect(sandbox.requests()).toBe(1);
    // Asked in words, not our key: «Carrera 27 # 36 - 14», in Bucaramanga, Santander.
    expect(sandbox.requestLog[0]!.params.q).toMatch(/^Carrera 27 # 36 - 14, Bucaramanga, Santander/);
    expect(sandbox.requestLog[0]!.userAgent).toContain('AlcaldiaDigital');

    const again = (await geocode('CRA. 27 No. 36-14')).json();
    expect(again).toMatchObject({ precision: 'en_linea', lat: 7.1178 });
    expect(sandbox.requests()).toBe(1);
    const [cached] = await t.platform.ctx.db
      .select()
      .from(territoryGeocodeCache)
      .where(and(eq(territoryGeocodeCache.provider, 'nominatim')));
    expect(cached?.result).toMatchObject({ lat: 7.1178, lon: -73.1186 });
  });

  it('is not asked for what is not an address, and remembers its misses too', async () => {
    const before = sandbox.requests();
    expect((await geocode('😀')).json().precision).toBe('ninguna');
    expect(sandbox.requests()).toBe(before);
    const miss = (await geocode('Calle 200 # 99-99')).json();
    expect(miss.precision).toBe('municipio');
    expect(sandbox.requests()).toBe(before + 1);
    await geocode('Calle 200 # 99-99');
    expect(sandbox.requests()).toBe(before + 1);
  });

  it('answers from the local chain when the provider fails', async () => {
    sandbox.setBehaviour({ failStatus: 500 });
    const before = sandbox.requests();
    const body = (await geocode('Calle 201 # 1-10')).json();
    expect(body.precision).toBe('municipio');
    expect(sandbox.requestLog.at(-1)?.status).toBe(500);
    // A failure is not remembered: once the provider is back, it is asked again.
    sandbox.setBehaviour({ failStatus: undefined });
    await geocode('Calle 201 # 1-10');
    expect(sandbox.requests()).toBe(before + 2);
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError } from '../../../platform/config/config.ts';
import {
  createArcgisGeocoder,
  createCachedOnlineGeocoder,
  createNominatimGeocoder,
  createRateLimiter,
  type OnlineGeocodeCache,
  OnlineGeocoderBusyError,
  OnlineGeocoderError,
  type OnlineQuery,
  type OnlineResult,
  onlineCacheKey,
  RateLimiterFullError,
  type SandboxGeocoderOptions,
  type SandboxPlace,
  startSandboxGeocoder,
} from './index.ts';

const USER_AGENT = 'AlcaldiaDigital-pruebas/1.0 (sig@example.gov.co)';

const PLACES: SandboxPlace[] = [
  {
    query: 'Calle 35 # 20-15',
    lon: -73.1227,
    lat: 7.1193,
    label: 'Calle 35 # 20-15, Centro, Bucaramanga, Santander, Colombia',
    score: 98,
    kind: 'PointAddress',
  },
  {
    query: 'Carrera 27 # 36-14',
    lon: -73.1181,
    lat: 7.1161,
    label: 'Carrera 27, Bucaramanga, Santander, Colombia',
    score: 72,
    kind: 'StreetName',
  },
  { query: 'Parque García Rovira', lon: -73.1305, lat: 7.1196, label: 'Parque García Rovira, Bucaramanga' },
  // A provider's wrong guess far away (Ciudad de México).
  { query: 'Avenida Reforma 222', lon: -99.1617, lat: 19.4285, label: 'Av. Paseo de la Reforma 222, CDMX' },
];

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function sandbox(options: Partial<SandboxGeocoderOptions> = {}) {
  const server = await startSandboxGeocoder({ places: PLACES, ...options });
  cleanups.push(() => server.close());
  return server;
}

function buildQuery(overrides: Partial<OnlineQuery> = {}): OnlineQuery {
  return {
    address: 'Calle 35 # 20-15',
    municipio: 'Bucaramanga',
    departamento: 'Santander',
    country: 'CO',
    ...overrides,
  };
}

/** Captures what a promise rejects with, so the test can look at the error itself. */
async function failureOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('se esperaba un error y la promesa se cumplió');
}

/** The cache interface over a Map: what the database table does, in memory. */
class MapCache implements OnlineGeocodeCache {
  readonly entries = new Map<string, OnlineResult | null>();
  async get(provider: string, key: string) {
    const id = `${provider}|${key}`;
    return this.entries.has(id) ? (this.entries.get(id) ?? null) : undefined;
  }
  async put(provider: string, key: string, result: OnlineResult | null) {
    this.entries.set(`${provider}|${key}`, result);
  }
}

describe('Nominatim adapter against the sandbox', () => {
  it('asks /search in the documented free form and reads the jsonv2 answer', async () => {
    const server = await sandbox();
    const geocoder = createNominatimGeocoder({
      baseUrl: `${server.nominatimUrl}/`,
      userAgent: USER_AGENT,
      email: 'sig@example.gov.co',
    });

    const result = await geocoder.geocode(buildQuery());

    expect(result).toEqual({
      lon: -73.1227,
      lat: 7.1193,
      label: 'Calle 35 # 20-15, Centro, Bucaramanga, Santander, Colombia',
      score: null,
      kind: 'place=house',
    });
    const [request] = server.requestLog;
    expect(request?.path).toBe('/nominatim/search');
    expect(request?.userAgent).toBe(USER_AGENT);
    expect(request?.params).toEqual({
      q: 'Calle 35 # 20-15, Bucaramanga, Santander, Colombia',
      format: 'jsonv2',
      countrycodes: 'co',
      limit: '1',
      addressdetails: '0',
      email: 'sig@example.gov.co',
    });
  });

  it('answers null when nothing matches', async () => {
    const server = await sandbox();
    const geocoder = createNominatimGeocoder({ baseUrl: server.nominatimUrl, userAgent: USER_AGENT });
    expect(await geocoder.geocode(buildQuery({ address: 'Calle 200 # 1-1' }))).toBeNull();
    expect(server.requests()).toBe(1);
  });

  it('refuses to start without a User-Agent, and reports a 403 from a blocked client', async () => {
    expect(() => createNominatimGeocoder({ baseUrl: 'http://127.0.0.1:1', userAgent: ' ' })).toThrow(
      ConfigError,
    );
    expect(() => createNominatimGeocoder({ baseUrl: 'ftp://x', userAgent: USER_AGENT })).toThrow(
      /GEOCODER_URL/,
    );

    const server = await sandbox();
    // Node's stock agent, like the one fetch sends by itself: the public service blocks it.
    const geocoder = createNominatimGeocoder({ baseUrl: server.nominatimUrl, userAgent: 'node' });
    const error = await failureOf(geocoder.geocode(buildQuery()));
    expect(error).toBeInstanceOf(OnlineGeocoderError);
    expect(error).toMatchObject({ code: 'GEOCODER_REFUSED', providerStatus: 403, provider: 'nominatim' });
    expect((error as Error).message).toMatch(/Nominatim.*HTTP 403/);
    expect((error as Error).message).toMatch(/GEOCODER_USER_AGENT/);
  });

  it('turns 429 into OnlineGeocoderBusyError and 5xx into a Spanish error naming provider and status', async () => {
    const strict = await sandbox({ strictRate: true });
    const geocoder = createNominatimGeocoder({ baseUrl: strict.nominatimUrl, userAgent: USER_AGENT });
    await geocoder.geocode(buildQuery());
    const busy = await failureOf(geocoder.geocode(buildQuery()));
    expect(busy).toBeInstanceOf(OnlineGeocoderBusyError);
    expect(busy).toMatchObject({ code: 'GEOCODER_BUSY', retryAfterSeconds: 1, retryable: true });
    expect((busy as Error).message).toMatch(/Nominatim.*429/);

    const failing = await sandbox({ behaviour: { failStatus: 500 } });
    const other = createNominatimGeocoder({ baseUrl: failing.nominatimUrl, userAgent: USER_AGENT });
    const error = await failureOf(other.geocode(buildQuery()));
    expect(error).not.toBeInstanceOf(OnlineGeocoderBusyError);
    expect(error).toMatchObject({ code: 'GEOCODER_UNAVAILABLE', providerStatus: 500, status: 503 });
    expect((error as Error).message).toBe(
      'El geocodificador en línea Nominatim (OpenStreetMap) no está disponible (respondió HTTP 500).',
    );
  });

  it('reports broken or unexpected bodies as GEOCODER_BAD_RESPONSE', async () => {
    const server = await sandbox();
    const geocoder = createNominatimGeocoder({ baseUrl: server.nominatimUrl, userAgent: USER_AGENT });
    for (const rawBody of [
      '[{"lat": "7.1", "lon":',
      '{"places": []}',
      '[{"display_name": "sin coordenadas"}]',
      '[42]',
    ]) {
      server.setBehaviour({ rawBody });
      const error = await failureOf(geocoder.geocode(buildQuery()));
      expect(error, rawBody).toMatchObject({ code: 'GEOCODER_BAD_RESPONSE', status: 502 });
    }
    server.setBehaviour({ rawBody: '{"error": {"code": 400, "message": "Nothing to search for."}}' });
    expect(await failureOf(geocoder.geocode(buildQuery()))).toMatchObject({ code: 'GEOCODER_REJECTED' });
  });

  it('times out, tells a caller abort apart, and reports an unreachable server', async () => {
    const slow = await sandbox({ behaviour: { delayMs: 2_000 } });
    const geocoder = createNominatimGeocoder({
      baseUrl: slow.nominatimUrl,
      userAgent: USER_AGENT,
      timeoutMs: 150,
    });
    const started = performance.now();
    const timeout = await failureOf(geocoder.geocode(buildQuery()));
    expect(timeout).toMatchObject({ code: 'GEOCODER_TIMEOUT', status: 504, retryable: true });
    expect(performance.now() - started).toBeLessThan(1_500);

    const patient = createNominatimGeocoder({ baseUrl: slow.nominatimUrl, userAgent: USER_AGENT });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const aborted = await failureOf(patient.geocode(buildQuery(), controller.signal));
    expect(aborted).not.toBeInstanceOf(OnlineGeocoderError);
    expect((aborted as Error).name).toBe('AbortError');

    const gone = await startSandboxGeocoder({ places: [] });
    await gone.close();
    const nowhere = createNominatimGeocoder({ baseUrl: gone.nominatimUrl, userAgent: USER_AGENT });
    expect(await failureOf(nowhere.geocode(buildQuery()))).toMatchObject({ code: 'GEOCODER_UNREACHABLE' });
  });

  it('checks the query before sending anything, naming the field', async () => {
    const server = await sandbox();
    const geocoder = createNominatimGeocoder({ baseUrl: server.nominatimUrl, userAgent: USER_AGENT });
    expect(await failureOf(geocoder.geocode(buildQuery({ address: '   ' })))).toMatchObject({
      code: 'GEOCODER_INVALID_QUERY',
      field: 'address',
    });
    expect(await failureOf(geocoder.geocode(buildQuery({ municipio: '' })))).toMatchObject({
      field: 'municipio',
    });
    expect(
      await failureOf(geocoder.geocode({ ...buildQuery(), country: 'PE' } as unknown as OnlineQuery)),
    ).toMatchObject({ field: 'country' });
    expect(server.requests()).toBe(0);
    // The geocoding service's OnlineFallback shape has no country: that means Colombia.
    const { country: _omitted, ...withoutCountry } = buildQuery();
    expect(await geocoder.geocode(withoutCountry)).toMatchObject({ lat: 7.1193 });
  });
});

describe('ArcGIS adapter against the sandbox', () => {
  it('asks findAddressCandidates for one WGS 84 candidate in Colombia and reads score and Addr_type', async () => {
    const server = await sandbox();
    const geocoder = createArcgisGeocoder({ baseUrl: server.arcgisUrl });

    const result = await geocoder.geocode(buildQuery({ address: 'Carrera 27 # 36-14' }));

    expect(result).toEqual({
      lon: -73.1181,
      lat: 7.1161,
      label: 'Carrera 27, Bucaramanga, Santander, Colombia',
      score: 72,
      kind: 'StreetName',
    });
    const [request] = server.requestLog;
    expect(request?.path).toBe('/arcgis/rest/services/World/GeocodeServer/findAddressCandidates');
    expect(request?.params).toMatchObject({
      f: 'json',
      singleLine: 'Carrera 27 # 36-14, Bucaramanga, Santander',
      countryCode: 'COL',
      maxLocations: '1',
      outFields: 'Addr_type,Score',
      outSR: '4326',
    });
    // Without a token nothing may be stored, so nothing claims storage.
    expect(request?.params.forStorage).toBeUndefined();
    expect(request?.params.token).toBeUndefined();
    expect(await geocoder.geocode(buildQuery({ address: 'Calle 99 # 1-1' }))).toBeNull();
  });

  it('sends forStorage=true with a token, and maps token errors in the envelope', async () => {
    const server = await sandbox({ arcgisToken: 'token-bueno' });
    const licensed = createArcgisGeocoder({ baseUrl: server.arcgisUrl, token: 'token-bueno' });
    expect(await licensed.geocode(buildQuery())).toMatchObject({ score: 98, kind: 'PointAddress' });
    expect(server.requestLog[0]?.params).toMatchObject({ forStorage: 'true', token: 'token-bueno' });

    const expired = createArcgisGeocoder({ baseUrl: server.arcgisUrl, token: 'token-vencido' });
    const error = await failureOf(expired.geocode(buildQuery()));
    expect(error).toMatchObject({ code: 'GEOCODER_REFUSED', providerStatus: 498, provider: 'arcgis' });
    expect((error as Error).message).toMatch(/ArcGIS.*error 498.*Invalid Token.*GEOCODER_TOKEN/);
  });

  it('handles the error envelope, HTTP failures, garbage and foreign coordinate systems', async () => {
    const server = await sandbox();
    const geocoder = createArcgisGeocoder({ baseUrl: server.arcgisUrl });
    const cases: [Parameters<typeof server.setBehaviour>[0], Record<string, unknown>][] = [
      [
        { arcgisError: { code: 400, message: 'Invalid or missing input parameters.' } },
        { code: 'GEOCODER_REJECTED' },
      ],
      [{ arcgisError: { code: 500, message: 'Geocode service error.' } }, { code: 'GEOCODER_UNAVAILABLE' }],
      [{ failStatus: 502 }, { code: 'GEOCODER_UNAVAILABLE', providerStatus: 502 }],
      [{ failStatus: 429 }, { code: 'GEOCODER_BUSY' }],
      [{ rawBody: '<html>Service Unavailable' }, { code: 'GEOCODER_BAD_RESPONSE' }],
      [{ rawBody: '{"candidates": [{"location": {"x": "a", "y": 7}}]}' }, { code: 'GEOCODER_BAD_RESPONSE' }],
      [
        {
          rawBody: JSON.stringify({
            spatialReference: { wkid: 3116 },
            candidates: [
              { address: 'x', location: { x: 1_103_000, y: 1_277_000 }, score: 100, attributes: {} },
            ],
          }),
        },
        { code: 'GEOCODER_BAD_RESPONSE' },
      ],
    ];
    for (const [behaviour, expected] of cases) {
      server.setBehaviour({
        arcgisError: undefined,
        failStatus: undefined,
        rawBody: undefined,
        ...behaviour,
      });
      const error = await failureOf(geocoder.geocode(buildQuery()));
      expect(error, JSON.stringify(behaviour)).toBeInstanceOf(OnlineGeocoderError);
      expect(error, JSON.stringify(behaviour)).toMatchObject({ provider: 'arcgis', ...expected });
    }
    expect((await failureOf(geocoder.geocode(buildQuery()))) as Error).toHaveProperty(
      'message',
      expect.stringContaining('ArcGIS World Geocoding'),
    );
  });
});

describe('rate limiter', () => {
  function fakeClock() {
    const clock = { t: 0 };
    return {
      clock,
      now: () => clock.t,
      sleep: async (ms: number) => {
        clock.t += ms;
      },
    };
  }

  it('spaces the starts of 5 concurrent callers by at least one second', async () => {
    const { now, sleep } = fakeClock();
    const limiter = createRateLimiter({ perSecond: 1, now, sleep });
    const starts: number[] = [];
    const results = await Promise.all(
      [1, 2, 3, 4, 5].map((n) =>
        limiter.schedule(async () => {
          starts.push(now());
          return n * 10;
        }),
      ),
    );
    expect(results).toEqual([10, 20, 30, 40, 50]);
    expect(starts).toEqual([0, 1_000, 2_000, 3_000, 4_000]);
  });

  it('keeps one call at a time, survives failures and honours perSecond, aborts and maxQueued', async () => {
    const { clock, now, sleep } = fakeClock();
    const limiter = createRateLimiter({ perSecond: 2, now, sleep, maxQueued: 3 });
    const starts: number[] = [];
    const slow = limiter.schedule(async () => {
      starts.push(now());
      clock.t += 1_200; // longer than the interval: the next waits for it to end
      return 'lento';
    });
    // failureOf right away: these reject while the test awaits something else.
    const failing = failureOf(
      limiter.schedule(async () => {
        starts.push(now());
        throw new Error('falla del proveedor');
      }),
    );
    const controller = new AbortController();
    const abandoned = failureOf(limiter.schedule(async () => 'nunca', controller.signal));
    const last = limiter.schedule(async () => {
      starts.push(now());
      return 'último';
    });
    expect(await failureOf(limiter.schedule(async () => 'sobra'))).toBeInstanceOf(RateLimiterFullError);
    controller.abort();

    expect(await slow).toBe('lento');
    expect(((await failing) as Error).message).toBe('falla del proveedor');
    expect(((await abandoned) as Error).name).toBe('AbortError');
    expect(await last).toBe('último');
    expect(starts).toEqual([0, 1_200, 1_700]);
    expect(() => createRateLimiter({ perSecond: 0 })).toThrow(/mayor que cero/);
  });

  it('in real time keeps 3 calls under a strict 1-per-second server (which refuses them unlimited)', async () => {
    // Control: without the limiter the strict sandbox refuses at least one of three quick calls.
    const control = await sandbox({ strictRate: true });
    const unlimited = createNominatimGeocoder({ baseUrl: control.nominatimUrl, userAgent: USER_AGENT });
    const outcomes = await Promise.allSettled([1, 2, 3].map(() => unlimited.geocode(buildQuery())));
    expect(outcomes.filter((outcome) => outcome.status === 'rejected').length).toBeGreaterThan(0);

    const strict = await sandbox({ strictRate: true });
    const geocoder = createNominatimGeocoder({ baseUrl: strict.nominatimUrl, userAgent: USER_AGENT });
    const limiter = createRateLimiter({ perSecond: 1 });
    const results = await Promise.all(
      [1, 2, 3].map(() => limiter.schedule(() => geocoder.geocode(buildQuery()))),
    );
    expect(results.every((result) => result?.lat === 7.1193)).toBe(true);
    expect(strict.requestLog.map((request) => request.status)).toEqual([200, 200, 200]);
    const arrivals = strict.requestLog.map((request) => request.at);
    for (let i = 1; i < arrivals.length; i++) {
      expect(arrivals[i]! - arrivals[i - 1]!).toBeGreaterThanOrEqual(980);
    }
  }, 15_000);
});

describe('cached online geocoder', () => {
  async function setUp(
    options: { provider?: 'nominatim' | 'arcgis'; minScore?: number; timeoutMs?: number } = {},
  ) {
    const server = await sandbox();
    const cache = new MapCache();
    const inner =
      options.provider === 'arcgis'
        ? createArcgisGeocoder({ baseUrl: server.arcgisUrl, timeoutMs: options.timeoutMs })
        : createNominatimGeocoder({
            baseUrl: server.nominatimUrl,
            userAgent: USER_AGENT,
            timeoutMs: options.timeoutMs,
          });
    const geocoder = createCachedOnlineGeocoder({
      geocoder: inner,
      limiter: createRateLimiter({ perSecond: 1_000 }),
      cache,
      minScore: options.minScore,
    });
    return { server, cache, geocoder };
  }

  it('answers a repeat from the cache without the network, whatever the spelling', async () => {
    const { server, cache, geocoder } = await setUp();
    const first = await geocoder.geocode(buildQuery());
    expect(first?.lat).toBe(7.1193);
    expect(server.requests()).toBe(1);

    const again = await geocoder.geocode(
      buildQuery({ address: '  calle 35 #20 - 15 ', municipio: 'BUCARAMANGA', departamento: 'santander' }),
    );
    expect(again).toEqual(first);
    expect(server.requests()).toBe(1);
    expect(geocoder.provider).toBe('nominatim');
    expect([...cache.entries.keys()]).toEqual(['nominatim|CALLE 35#20-15|BUCARAMANGA|SANTANDER']);
    expect(onlineCacheKey(buildQuery({ address: 'Parque García Rovira' }))).toBe(
      'PARQUE GARCIA ROVIRA|BUCARAMANGA|SANTANDER',
    );
  });

  it('caches misses, and keeps municipios apart', async () => {
    const { server, cache, geocoder } = await setUp();
    const unknown = buildQuery({ address: 'Calle 200 # 1-1' });
    expect(await geocoder.geocode(unknown)).toBeNull();
    expect(await geocoder.geocode(unknown)).toBeNull();
    expect(server.requests()).toBe(1);
    expect(cache.entries.get(`nominatim|${onlineCacheKey(unknown)}`)).toBeNull();

    await geocoder.geocode(buildQuery({ municipio: 'Floridablanca' }));
    expect(server.requests()).toBe(2);
  });

  it('shares one request among concurrent identical queries', async () => {
    const { server, geocoder } = await setUp();
    server.setBehaviour({ delayMs: 200 });
    const results = await Promise.all([
      geocoder.geocode(buildQuery()),
      geocoder.geocode(buildQuery({ address: 'CALLE 35 # 20-15' })),
      geocoder.geocode(buildQuery()),
    ]);
    expect(server.requests()).toBe(1);
    expect(results[0]?.lat).toBe(7.1193);
    expect(results[1]).toEqual(results[0]);
    expect(results[2]).toEqual(results[0]);
  });

  it('discards results outside Colombia and below minScore, and stores them as misses', async () => {
    const { server, cache, geocoder } = await setUp({ provider: 'arcgis', minScore: 80 });
    const abroad = buildQuery({ address: 'Avenida Reforma 222' });
    expect(await geocoder.geocode(abroad)).toBeNull();
    expect(cache.entries.get(`arcgis|${onlineCacheKey(abroad)}`)).toBeNull();

    const vague = buildQuery({ address: 'Carrera 27 # 36-14' });
    expect(await geocoder.geocode(vague)).toBeNull();
    expect(await geocoder.geocode(buildQuery())).toMatchObject({ score: 98, kind: 'PointAddress' });
    await geocoder.geocode(vague);
    expect(server.requests()).toBe(3);
  });

  it('re-applies minScore to what was cached before it was raised', async () => {
    const { cache, server } = await setUp({ provider: 'arcgis' });
    const lenient = createCachedOnlineGeocoder({
      geocoder: createArcgisGeocoder({ baseUrl: server.arcgisUrl }),
      limiter: createRateLimiter({ perSecond: 1_000 }),
      cache,
    });
    const vague = buildQuery({ address: 'Carrera 27 # 36-14' });
    expect(await lenient.geocode(vague)).toMatchObject({ score: 72 });
    const strict = createCachedOnlineGeocoder({
      geocoder: createArcgisGeocoder({ baseUrl: server.arcgisUrl }),
      limiter: createRateLimiter({ perSecond: 1_000 }),
      cache,
      minScore: 80,
    });
    expect(await strict.geocode(vague)).toBeNull();
    expect(server.requests()).toBe(1);
  });

  it('does not cache failures: 500, garbage and timeouts are thrown and the next call asks again', async () => {
    const { server, cache, geocoder } = await setUp({ timeoutMs: 150 });
    const behaviours = [{ failStatus: 500 }, { rawBody: 'no es json' }, { delayMs: 1_000 }];
    const codes: unknown[] = [];
    for (const behaviour of behaviours) {
      server.setBehaviour({ failStatus: undefined, rawBody: undefined, delayMs: undefined, ...behaviour });
      const error = await failureOf(geocoder.geocode(buildQuery()));
      expect(error).toBeInstanceOf(OnlineGeocoderError);
      codes.push((error as OnlineGeocoderError).code);
    }
    expect(codes).toEqual(['GEOCODER_UNAVAILABLE', 'GEOCODER_BAD_RESPONSE', 'GEOCODER_TIMEOUT']);
    expect(cache.entries.size).toBe(0);

    server.setBehaviour({ failStatus: undefined, rawBody: undefined, delayMs: undefined });
    expect(await geocoder.geocode(buildQuery())).toMatchObject({ lat: 7.1193 });
    expect(server.requests()).toBe(4);
    expect(cache.entries.size).toBe(1);
  });

  it('lets a caller stop waiting while the shared request still fills the cache', async () => {
    const { server, cache, geocoder } = await setUp();
    server.setBehaviour({ delayMs: 200 });
    const controller = new AbortController();
    const impatient = geocoder.geocode(buildQuery(), controller.signal);
    const patient = geocoder.geocode(buildQuery());
    controller.abort();
    expect(((await failureOf(impatient)) as Error).name).toBe('AbortError');
    expect(await patient).toMatchObject({ lat: 7.1193 });
    expect(server.requests()).toBe(1);
    expect(cache.entries.size).toBe(1);
  });

  it('rejects a bad query before touching the cache or the network', async () => {
    const { server, cache, geocoder } = await setUp();
    expect(await failureOf(geocoder.geocode(buildQuery({ departamento: '' })))).toMatchObject({
      code: 'GEOCODER_INVALID_QUERY',
      field: 'departamento',
    });
    expect(server.requests()).toBe(0);
    expect(cache.entries.size).toBe(0);
  });
});

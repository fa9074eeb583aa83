import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobContext, JobOutcome, JobService } from '../../platform/jobs/index.ts';
import { formData } from '../../test/multipart.ts';
import { createTestApp, type TestApp, type TestSession } from '../../test/test-app.ts';
import { type GeocodeBatchData, registerGeocodeBatchJob } from './geocoding/geocode-batch.job.ts';
import { seedDemoTerritory } from './territory.seed.ts';

const SHARED = path.resolve(import.meta.dirname, '../../../../shared/data/territory');
const LEBRIJA_STREETS = fs.readFileSync(
  path.join(SHARED, 'lebrija_igac_nomenclatura_vial_TEST_ONLY.geojson'),
);
const LEBRIJA = '68406';

let t: TestApp;
let admin: TestSession;

beforeAll(async () => {
  t = await createTestApp();
  await seedDemoTerritory(t.modules.territory.territory, t.tenantId);
  admin = await t.loginAs(['admin']);
  const upload = await admin.request({
    method: 'POST',
    url: '/api/v1/admin/territory/layers',
    ...formData(
      {
        field: 'archivo',
        name: 'lebrija_vias.geojson',
        bytes: LEBRIJA_STREETS,
        type: 'application/geo+json',
      },
      { tipo: 'vias', municipio: LEBRIJA, fuente: 'IGAC, NOMENCLATURA_VIAL, CC BY 4.0' },
    ),
  });
  expect(upload.statusCode, upload.body).toBe(201);
});
afterAll(async () => t.close());

const get = (url: string) => t.anonymous.get(url);

describe('areas and reverse look-up', () => {
  it('lists areas without geometry, filtered by kind and parent', async () => {
    const comunas = await get('/api/v1/territory/areas?kind=comuna');
    expect(comunas.statusCode).toBe(200);
    const items = comunas.json().items as Record<string, unknown>[];
    expect(items).toHaveLength(17);
    expect(items[0]).toEqual({ kind: 'comuna', code: '01', name: 'Norte', parentCode: null });
    const centro = await get('/api/v1/territory/areas?kind=barrio&parentCode=15');
    expect(centro.json().items.map((item: { code: string }) => item.code)).toEqual([
      '15-centro',
      '15-garcia-rovira',
    ]);
    const municipios = await get('/api/v1/territory/areas?kind=municipio');
    expect(municipios.json().items.map((item: { code: string }) => item.code)).toEqual([
      '68001',
      '68276',
      '68307',
      '68547',
    ]);
  });

  it('serves GeoJSON with a public cache header', async () => {
    const response = await get('/api/v1/territory/areas.geojson?kind=corregimiento');
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toBe('public, max-age=3600');
    expect(response.json().features).toHaveLength(3);
  });

  it('locates a point: municipality, comuna and barrio', async () => {
    const located = await get('/api/v1/territory/locate?lon=-73.1227&lat=7.1190');
    expect(located.json()).toEqual({
      municipio: { code: '68001', name: 'Bucaramanga' },
      barrio: { code: '15-centro', name: 'Centro' },
      comuna: { code: '15', name: 'Centro' },
      corregimiento: null,
    });
    const ubicar = await get('/api/territorio/ubicar?lat=7.1190&lon=-73.1227');
    expect(ubicar.statusCode).toBe(200);
    expect(ubicar.json()).toEqual({
      lat: 7.119,
      lon: -73.1227,
      municipio: 'Bucaramanga',
      comuna: 'Centro',
      barrio: 'Centro',
      corregimiento: null,
      codigos: { municipio: '68001', comuna: '15', barrio: '15-centro' },
    });
    // Floridablanca's limit holds this point; Bucaramanga's barrios do not.
    const florida = await get('/api/territorio/ubicar?lat=7.0640&lon=-73.0900');
    expect(florida.json()).toMatchObject({ municipio: 'Floridablanca', barrio: null });
    const sea = await get('/api/territorio/ubicar?lat=0&lon=0');
    expect(sea.json()).toMatchObject({ municipio: null, comuna: null, barrio: null });
  });

  it('answers 400 in Spanish naming the coordinate', async () => {
    const outOfRange = await get('/api/territorio/ubicar?lat=91&lon=-73.12');
    expect(outOfRange.statusCode).toBe(400);
    expect(outOfRange.headers['content-type']).toContain('application/problem+json');
    expect(outOfRange.json()).toMatchObject({ code: 'VALIDATION_ERROR', field: 'lat' });
    expect(outOfRange.json().detail).toContain('lat: la latitud debe estar entre -90 y 90.');
    const notANumber = await get('/api/v1/territory/locate?lon=abc&lat=7.1');
    expect(notANumber.json().field).toBe('lon');
    expect((await get('/api/territorio/ubicar?lat=7.1')).json().detail).toContain('lon: es obligatorio.');
    const badKind = await get('/api/v1/territory/areas?kind=manzana');
    expect(badKind.statusCode).toBe(400);
    expect(badKind.json().detail).toContain('kind: use municipio, comuna, corregimiento, barrio o vereda.');
  });
});

describe('geocoding one address', () => {
  const geocode = (query: Record<string, string>) =>
    get(`/api/territorio/geocodificar?${new URLSearchParams(query).toString()}`);

  it('interpolates a placa on the real IGAC street centrelines (Lebrija)', async () => {
    const response = await geocode({ direccion: 'Calle 11 # 5-20', municipio: LEBRIJA });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body).toMatchObject({ canonical: 'CL 11 5 20', status: 'completa', precision: 'interpolada' });
    // 20 m from the corner of Calle 11 and Carrera 5 (-73.214649, 7.113119).
    const metres = Math.hypot((body.lon + 73.214649) * 110_400, (body.lat - 7.113119) * 110_574);
    expect(metres).toBeGreaterThan(15);
    expect(metres).toBeLessThan(25);
  });

  it('places an intersection at the corner, and never claims more', async () => {
    const body = (await geocode({ direccion: 'CL 11 con KR 5', municipio: LEBRIJA })).json();
    expect(body).toMatchObject({
      status: 'interseccion',
      precision: 'interseccion',
      lat: 7.113119,
      lon: -73.214649,
    });
    // A placa on a street that has no following corner to walk towards stays at the corner.
    const unknownStreet = (await geocode({ direccion: 'Calle 99 # 5-20', municipio: LEBRIJA })).json();
    expect(unknownStreet.precision).not.toBe('interpolada');
    expect(unknownStreet.precision).not.toBe('punto');
  });

  it('falls back to the barrio named in the text, then to the municipality', async () => {
    const barrio = (await geocode({ direccion: 'Calle 56 & Diag. 14A, barrio La Victoria' })).json();
    expect(barrio).toMatchObject({
      status: 'interseccion',
      precision: 'barrio',
      barrio: 'La Victoria',
      municipio: 'Bucaramanga',
    });
    expect(barrio.comuna).toEqual(expect.any(String));
    const column = (await geocode({ direccion: 'Cra 27 # 36-14', barrio: 'San Alonso' })).json();
    expect(column).toMatchObject({ precision: 'barrio', barrio: 'San Alonso' });
    // A sector known by its own name (Planeación's table) is placed in its barrio.
    const sector = (await geocode({ direccion: 'Cra 9 # 1N-20', barrio: 'pablon bajo' })).json();
    expect(sector).toMatchObject({ precision: 'barrio', barrio: expect.stringMatching(/Pabl[oó]n/i) });
    const misspelt = (await geocode({ direccion: 'Calle 45 # 23-12', barrio: 'San Alnso' })).json();
    expect(misspelt).toMatchObject({ precision: 'barrio', barrio: 'San Alonso' });
    const justABarrio = (await geocode({ direccion: 'San Alonso' })).json();
    expect(justABarrio).toMatchObject({
      status: 'no_es_direccion',
      precision: 'barrio',
      barrio: 'San Alonso',
    });
    const municipio = (await geocode({ direccion: 'Cra 27 # 36-14' })).json();
    expect(municipio).toMatchObject({
      precision: 'municipio',
      municipio: 'Bucaramanga',
      comuna: null,
      barrio: null,
    });
  });

  it('answers bad input honestly: not an address, or a 400 naming the field', async () => {
    for (const text of ['😀🏠', "'; DROP TABLE territory_area; --", 'hola mundo']) {
      const body = (await geocode({ direccion: text })).json();
      expect(body).toMatchObject({ status: 'no_es_direccion', precision: 'ninguna', lat: null, lon: null });
    }
    const empty = await geocode({ direccion: '' });
    expect(empty.statusCode).toBe(400);
    expect(empty.json()).toMatchObject({ field: 'direccion' });
    const long = await geocode({ direccion: 'Calle 1 '.repeat(1_250) });
    expect(long.statusCode).toBe(400);
    expect(long.json().detail).toContain('direccion: admite como máximo 300 caracteres.');
    const badMunicipio = await geocode({ direccion: 'Calle 1 # 2-3', municipio: 'Lebrija' });
    expect(badMunicipio.statusCode).toBe(400);
    expect(badMunicipio.json().detail).toContain('municipio: use el código DIVIPOLA');
    const noSuchMunicipio = await geocode({ direccion: 'Calle 1 # 2-3', municipio: '68999' });
    expect(noSuchMunicipio.statusCode).toBe(400);
    expect(noSuchMunicipio.json()).toMatchObject({ field: 'municipio' });
    expect(noSuchMunicipio.json().detail).toContain('68999 no es un código DIVIPOLA');
    // Another city's address: honest about having no layers there.
    const medellin = (await geocode({ direccion: 'Calle 10 # 43-20', municipio: '05001' })).json();
    expect(medellin).toMatchObject({ status: 'completa', precision: 'ninguna', lat: null });
    const written = (await geocode({ direccion: 'Calle 10 # 43-20, Medellín' })).json();
    expect(written).toMatchObject({ status: 'completa', precision: 'ninguna', lat: null, municipio: null });
    // …and a neighbour written after the address is looked up on its own layers.
    const lebrija = (await geocode({ direccion: 'Calle 11 # 5-20, Lebrija, Santander' })).json();
    expect(lebrija).toMatchObject({ precision: 'interpolada', codigos: { municipio: LEBRIJA } });
  });
});

describe('the map configuration', () => {
  it('names the municipios the search may ask for and credits every layer', async () => {
    const response = await get('/api/v1/territory/map');
    expect(response.statusCode).toBe(200);
    const config = response.json();
    expect(config.municipio).toEqual({ codigo: '68001', nombre: 'Bucaramanga' });
    expect(
      config.municipios.map((m: { codigo: string; nombre: string }) => `${m.codigo} ${m.nombre}`),
    ).toEqual([
      '68001 Bucaramanga',
      '68276 Floridablanca',
      '68307 Girón',
      '68547 Piedecuesta',
      '68406 Lebrija',
    ]);
    expect(config.baseMap).toBeNull();
    expect(config.attribution).toContain('IGAC, NOMENCLATURA_VIAL, CC BY 4.0');
    expect(config.attribution).toContain('pandora');
    const [minLon, minLat, maxLon, maxLat] = config.bounds;
    expect(minLon).toBeGreaterThan(-73.2);
    expect(maxLon).toBeLessThan(-73.0);
    expect(minLat).toBeGreaterThan(7.0);
    expect(maxLat).toBeLessThan(7.3);
  });
});

describe('reference layers', () => {
  it('lists the loaded layer and draws its streets for a box', async () => {
    const list = await admin.get('/api/v1/admin/territory/layers');
    expect(list.json().items[0]).toMatchObject({
      tipo: 'vias',
      municipio: LEBRIJA,
      srid: 4326,
      fuente: 'IGAC, NOMENCLATURA_VIAL, CC BY 4.0',
    });
    expect(list.json().items[0].elementos).toBeGreaterThan(400);
    const streets = await get('/api/v1/territory/streets.geojson?bbox=-73.22,7.11,-73.21,7.12');
    expect(streets.statusCode).toBe(200);
    expect(streets.json().features.length).toBeGreaterThan(10);
    expect(streets.json().features[0].properties).toEqual({
      name: expect.any(String),
      streetKey: expect.any(String),
    });
    const badBox = await get('/api/v1/territory/streets.geojson?bbox=1,2,3');
    expect(badBox.statusCode).toBe(400);
    expect(badBox.json().detail).toContain('bbox: use minLon,minLat,maxLon,maxLat');
  });

  it('refuses broken rings, metres declared as degrees and unknown types, whole', async () => {
    const broken = {
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          properties: { NOMBRE: 'Barrio roto' },
          geometry: {
            type: 'Polygon',
            coordinates: [
              [
                [-73.1, 7.1],
                [-73.11, 7.1],
                [-73.11, 7.11],
              ],
            ],
          },
        },
      ],
    };
    const upload = (body: unknown, fields: Record<string, string>, name = 'capa.geojson') =>
      admin.request({
        method: 'POST',
        url: '/api/v1/admin/territory/layers',
        ...formData({ field: 'archivo', name, bytes: Buffer.from(JSON.stringify(body)) }, fields),
      });
    const before = (await get('/api/v1/territory/areas?kind=barrio')).json().items.length;
    const ring = await upload(broken, { tipo: 'barrios' });
    expect(ring.statusCode).toBe(400);
    expect(ring.json().detail).toMatch(/anillo/);
    const metres = {
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          properties: { via: 'CALLE 1' },
          geometry: {
            type: 'LineString',
            coordinates: [
              [1105000, 1276000],
              [1105100, 1276000],
            ],
          },
        },
      ],
    };
    const projection = await upload(metres, { tipo: 'vias', srid: '4326' });
    expect(projection.statusCode).toBe(400);
    expect(projection.json().detail).toMatch(/metros|fuera/);
    const reprojected = await upload(metres, { tipo: 'vias', srid: '3116', municipio: '68001' });
    expect(reprojected.statusCode, reprojected.body).toBe(201);
    const badType = await upload(metres, { tipo: 'rios' });
    expect(badType.statusCode).toBe(400);
    expect(badType.json().field).toBe('tipo');
    expect((await get('/api/v1/territory/areas?kind=barrio')).json().items.length).toBe(before);
  });

  it('is for officials who manage the territory', async () => {
    const citizen = await t.loginAs('citizen');
    expect((await citizen.get('/api/v1/admin/territory/layers')).statusCode).toBe(403);
    expect((await t.anonymous.get('/api/v1/admin/territory/layers')).statusCode).toBe(401);
  });
});

describe('batch geocoding', () => {
  it('refuses a file without an address column, at once', async () => {
    const official = await t.loginAs(['funcionario']);
    const response = await official.request({
      method: 'POST',
      url: '/api/v1/admin/territory/geocode-batches',
      ...formData({ field: 'archivo', name: 'lista.csv', bytes: Buffer.from('nombre;telefono\nAna;300\n') }),
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ field: 'direccion' });
    expect(response.json().detail).toContain('columnas encontradas: nombre, telefono');
  });

  it('runs as a job and gives the file back with the result columns, bad rows included', async () => {
    const official = await t.loginAs(['funcionario']);
    const csv = [
      'id;direccion;barrio;municipio',
      '1;Calle 11 # 5-20;;68406',
      '2;😀;;',
      '3;;;',
      '4;Cra 27 # 36-14;San Alonso;',
      '5;"Calle 56 & Diag. 14A, barrio La Victoria";;68001',
    ].join('\n');
    const response = await official.request({
      method: 'POST',
      url: '/api/v1/admin/territory/geocode-batches',
      ...formData({ field: 'archivo', name: 'lista.csv', bytes: Buffer.from(csv), type: 'text/csv' }),
    });
    expect(response.statusCode, response.body).toBe(202);
    let handler: ((job: JobContext<GeocodeBatchData>) => Promise<JobOutcome | undefined>) | undefined;
    const jobs = { register: (_queue: string, h: typeof handler) => (handler = h) } as unknown as JobService;
    registerGeocodeBatchJob({ ...t.platform.ctx, jobs }, t.modules.territory.geocoding);
    const file = await t.platform.ctx.files.saveGenerated({
      tenantId: t.tenantId,
      ownerUserId: null,
      purpose: 'geocode_batch',
      originalName: 'lista.csv',
      mediaType: 'text/csv',
      bytes: Buffer.from(csv),
    });
    const progress: [number, number | undefined][] = [];
    const outcome = (await handler!({
      id: 'j',
      tenantId: t.tenantId,
      data: { fileId: file.id, fileName: 'lista.csv', userId: null },
      progress: async (done, total) => {
        progress.push([done, total]);
      },
    }))!;
    expect(progress.at(-1)).toEqual([5, 5]);
    expect(outcome.message).toContain('3 de 5 direcciones ubicadas');
    const record = await t.platform.ctx.files.findRecord(t.tenantId, outcome.resultFileId!);
    const lines = (await t.platform.ctx.files.read(record!))
      .toString('utf8')
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines).toHaveLength(6);
    expect(lines[0]).toBe(
      'id;direccion;barrio;municipio;canonical;status;precision;lat;lon;municipio_resultado;comuna;barrio_resultado',
    );
    expect(lines[1]).toMatch(/^1;Calle 11 # 5-20;;68406;CL 11 5 20;completa;interpolada;7\.11/);
    expect(lines[2]).toBe('2;😀;;;;no_es_direccion;ninguna;;;;;');
    expect(lines[3]).toBe('3;;;;;no_es_direccion;ninguna;;;;;');
    expect(lines[4]).toMatch(/;barrio;7\.\d+;-73\.\d+;Bucaramanga;[^;]+;San Alonso$/);
    // The delimiter is «;»: the comma needs no quotes on the way back.
    expect(lines[5]).toMatch(
      /^5;Calle 56 & Diag\. 14A, barrio La Victoria;;68001;CL 56 DG 14A;interseccion;barrio;/,
    );
  });
});

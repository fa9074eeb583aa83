// `npm run bench -- territory`: issue 5 figures — address parsing on one core and its share over the shared
// data's addresses; batch geocoding of 100,000 addresses end to end against a plain point-in-polygon pass
// over the same points; reverse look-up with the R-tree against a scan of every polygon. One run, ratios.
import fs from 'node:fs';
import path from 'node:path';
import { parseAddress } from '../src/modules/territory/address/address-parser.ts';
import { loadBarrioAliases } from '../src/modules/territory/gazetteer/index.ts';
import { readBatchFile, writeBatchFile } from '../src/modules/territory/geocoding/batch-file.ts';
import { createGeocodingService } from '../src/modules/territory/geocoding/geocoding.service.ts';
import { createStreetNetwork } from '../src/modules/territory/geocoding/street-network.rules.ts';
import { createAreaIndex, createNaiveAreaIndex } from '../src/modules/territory/point-in-polygon.rules.ts';
import { seedDemoTerritory } from '../src/modules/territory/territory.seed.ts';
import { createTerritoryService } from '../src/modules/territory/territory.service.ts';
import { createTerritoryLayersService } from '../src/modules/territory/territory-layers.service.ts';
import { openDatabase } from '../src/platform/db/database.ts';
import { migrate } from '../src/platform/db/migrate.ts';
import { insertTenant, machine, ROOT } from './bench-kit.ts';

const emit = (record: Record<string, unknown>) =>
  console.log(JSON.stringify({ bench: 'territory', ...record, machine }));
const SHARED = path.resolve(ROOT, '..', 'shared');
const LEBRIJA = '68406';

const SAMPLES = [
  'CRA. 50 # 24-20',
  'Cl 35 No 10-43 Apto 502 Torre 2',
  'DIAGONAL 32 NO. 30 A – 51',
  'CL. 19 # CRA. 10',
  'Calle 56 & Diag. 14A, barrio La Victoria',
  'Calle 9 Bis Sur # 8B-20',
  'Carrera 27A # 48-120 Apto 502 Torre 2',
  'Av Calle 26 # 68-35',
  'Vereda El Pedregal, Finca La Esperanza',
  'Kra 33 No. 48 - 21 Int 2 Piso 3',
];

async function parsing(): Promise<void> {
  const count = Number(process.env.BENCH_ADDRESSES ?? 500_000);
  // Distinct strings, so nothing is cached by accident: vary the numbers.
  const inputs = Array.from({ length: 10_000 }, (_, index) =>
    SAMPLES[index % SAMPLES.length]!.replace(/\d+/, String(1 + (index % 150))),
  );
  for (let index = 0; index < 20_000; index += 1) parseAddress(inputs[index % inputs.length]!);
  const started = performance.now();
  let complete = 0;
  for (let index = 0; index < count; index += 1) {
    if (parseAddress(inputs[index % inputs.length]!).status === 'completa') complete += 1;
  }
  const seconds = (performance.now() - started) / 1000;
  emit({
    metric: 'address_parsing',
    addresses: count,
    seconds: Number(seconds.toFixed(2)),
    perSecond: Math.round(count / seconds),
    completeShare: Number((complete / count).toFixed(3)),
    aim: 50_000,
  });
  const corpus = await import('../src/modules/territory/address/address-corpus.ts');
  const addresses = corpus.sharedDataAddresses(SHARED);
  const share = corpus.parseShare(addresses.map((address) => address.input));
  emit({ metric: 'shared_data_parse_share', ...share });
}

/** A deterministic pseudo-random sequence, so two runs geocode the same rows. */
function random(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

async function geocodingAndLookUp(): Promise<void> {
  const rows = Number(process.env.BENCH_GEOCODE_ROWS ?? 100_000);
  const database = await openDatabase({});
  await migrate(database);
  const tenant = await insertTenant(database);
  const territory = createTerritoryService(database.db);
  const layers = createTerritoryLayersService({ database, territory });
  await seedDemoTerritory(territory, tenant.id);
  const streetsFile = path.join(SHARED, 'data/territory/lebrija_igac_nomenclatura_vial_TEST_ONLY.geojson');
  await layers.importLayer({
    tenantId: tenant.id,
    tenantDivipola: '68001',
    userId: null,
    type: 'vias',
    municipio: LEBRIJA,
    fileName: 'lebrija_vias.geojson',
    bytes: fs.readFileSync(streetsFile),
  });
  const geocoding = createGeocodingService({
    territory,
    layers,
    tenants: { getById: async () => ({ divipola: '68001', name: 'Bucaramanga' }) },
    aliases: () => loadBarrioAliases(),
  });

  // The rows: half on Lebrija's real centrelines (placas and corners), a third in Bucaramanga with a barrio
  // (column or text), the rest streets no layer has and text that is no address.
  const segments = await layers.streetSegments(tenant.id, LEBRIJA);
  // Corners that exist on the layer, so the street rows test the chain rather than the dice.
  const network = createStreetNetwork(segments);
  const calles = [...new Set(segments.map((s) => s.streetKey).filter((k) => k.startsWith('CL ')))];
  const carreras = [...new Set(segments.map((s) => s.streetKey).filter((k) => k.startsWith('KR ')))];
  const corners = calles.flatMap((calle) =>
    carreras
      .filter((carrera) => network.intersection(calle, carrera))
      .map((carrera) => [calle, carrera] as const),
  );
  const barrios = (await territory.listAreas(tenant.id, { kind: 'barrio' })).map((area) => area.name);
  const next = random(68_001);
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!;
  const spell = (key: string) => key.replace(/^CL /, 'Calle ').replace(/^KR /, 'Carrera ');
  const lines = ['direccion;barrio;municipio'];
  for (let index = 0; index < rows; index += 1) {
    const kind = next();
    const [calle, carrera] = pick(corners);
    if (kind < 0.4)
      lines.push(`${spell(calle)} # ${carrera.slice(3)}-${2 + Math.floor(next() * 80)};;${LEBRIJA}`);
    else if (kind < 0.5) lines.push(`${calle} con ${carrera};;${LEBRIJA}`);
    else if (kind < 0.7)
      lines.push(
        `Carrera ${1 + Math.floor(next() * 40)} # ${1 + Math.floor(next() * 90)}-${10 + Math.floor(next() * 80)};${pick(barrios)};`,
      );
    else if (kind < 0.85)
      lines.push(
        `"Calle ${1 + Math.floor(next() * 100)} # ${1 + Math.floor(next() * 40)}-20, barrio ${pick(barrios)}";;68001`,
      );
    else if (kind < 0.95)
      lines.push(
        `Calle ${1 + Math.floor(next() * 100)} # ${1 + Math.floor(next() * 40)}-${10 + Math.floor(next() * 80)} Apto ${100 + (index % 900)};;`,
      );
    else lines.push(`${pick(['😀', 'sin dirección', "'; DROP TABLE x; --", '', 'Lote 4'])};;`);
  }
  const csv = Buffer.from(lines.join('\n'));

  // Warm the caches (layer indexes, JIT) on a small file first.
  await geocoding.geocodeMany(
    tenant.id,
    (await readBatchFile('w.csv', Buffer.from(lines.slice(0, 2_000).join('\n')))).queries,
  );
  const started = performance.now();
  const table = await readBatchFile('lote.csv', csv);
  const results = await geocoding.geocodeMany(tenant.id, table.queries);
  const output = await writeBatchFile(table, results);
  const seconds = (performance.now() - started) / 1000;
  const byPrecision: Record<string, number> = {};
  for (const result of results) byPrecision[result.precision] = (byPrecision[result.precision] ?? 0) + 1;

  // The ceiling: only the point-in-polygon step, over the same points, with the same R-tree locator.
  const points = results
    .filter((result) => result.lat !== null)
    .map((result) => [result.lon!, result.lat!] as const);
  const locate = await territory.areaLocator(tenant.id);
  const pipStarted = performance.now();
  let found = 0;
  for (const [lon, lat] of points) if (locate(lon, lat).municipio) found += 1;
  const pipSeconds = (performance.now() - pipStarted) / 1000;
  const oursPerSecond = rows / seconds;
  const pipPerSecond = points.length / pipSeconds;
  emit({
    metric: 'batch_geocoding',
    rows,
    cornersOnLayer: corners.length,
    seconds: Number(seconds.toFixed(2)),
    rowsPerSecond: Math.round(oursPerSecond),
    outputBytes: output.byteLength,
    byPrecision,
    ceiling: 'plain point-in-polygon pass over the same points (R-tree locator)',
    ceilingPoints: points.length,
    ceilingPointsPerSecond: Math.round(pipPerSecond),
    ceilingPointsInAMunicipio: found,
    ratio: Number((oursPerSecond / pipPerSecond).toFixed(4)),
    oticFinderAtOneRequestPerSecond: `${Math.round(rows / 3600)} h for ${rows} rows`,
  });

  // Reverse look-up: random points over the metro area, every area of the tenant.
  const areas = await territory.indexedAreas(tenant.id);
  const indexed = createAreaIndex(areas);
  const naive = createNaiveAreaIndex(areas);
  const samples = Number(process.env.BENCH_LOCATE_POINTS ?? 20_000);
  const lookUps = Array.from({ length: samples }, () => [-73.2 + next() * 0.2, 6.95 + next() * 0.3] as const);
  const time = (index: typeof indexed) => {
    const t0 = performance.now();
    let hits = 0;
    for (const [lon, lat] of lookUps) hits += index.containing(lon, lat).length;
    return { seconds: (performance.now() - t0) / 1000, hits };
  };
  time(indexed);
  const withIndex = time(indexed);
  const scan = time(naive);
  emit({
    metric: 'reverse_lookup',
    areas: areas.length,
    points: samples,
    indexPerSecond: Math.round(samples / withIndex.seconds),
    naiveScanPerSecond: Math.round(samples / scan.seconds),
    speedup: Number((scan.seconds / withIndex.seconds).toFixed(1)),
    sameAnswers: withIndex.hits === scan.hits,
  });
  await database.close();
}

export async function runTerritoryBenchmark(): Promise<void> {
  await parsing();
  await geocodingAndLookUp();
}

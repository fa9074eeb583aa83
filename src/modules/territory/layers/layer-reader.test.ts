import { readFileSync } from 'node:fs';
import path from 'node:path';
import { geojsonToWKT } from '@terraformer/wkt';
import { zipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../platform/http/errors.ts';
import { fromWgs84 } from './crs.ts';
import { mapPositions } from './geometry-check.ts';
import { readReferenceLayer } from './layer-reader.ts';
import type { LayerFeature, LayerGeometry, Position, ReadLayer } from './layer-types.ts';
import { ESRI_PRJ, encodeText, zipShapefile } from './testdata/write-shapefile.ts';

// Reading the 62 000 positions of the barrios layer takes a second or two on a shared machine.
const SLOW = { timeout: 60_000 };
const SHARED = path.resolve(import.meta.dirname, '../../../../../shared/data/territory');
const sharedBytes = (name: string) => new Uint8Array(readFileSync(path.join(SHARED, name)));
const utf8 = (text: string) => new TextEncoder().encode(text);
const geojsonBytes = (value: unknown) => utf8(JSON.stringify(value));
const collection = (features: unknown[], crs?: string) => ({
  type: 'FeatureCollection',
  ...(crs ? { crs: { type: 'name', properties: { name: crs } } } : {}),
  features,
});
const feature = (geometry: unknown, properties: Record<string, unknown> = {}) => ({
  type: 'Feature',
  geometry,
  properties,
});

/** Rings (or lines, or points) of a geometry, whatever its type, to compare two readings. */
function partsOf(geometry: LayerGeometry): Position[][] {
  switch (geometry.type) {
    case 'Point':
      return [[geometry.coordinates]];
    case 'MultiPoint':
    case 'LineString':
      return [geometry.coordinates];
    case 'MultiLineString':
    case 'Polygon':
      return geometry.coordinates;
    case 'MultiPolygon':
      return geometry.coordinates.flat();
  }
}

/** Largest difference in degrees between two geometries (a shapefile may reverse a ring). */
function deviation(a: LayerGeometry, b: LayerGeometry): number {
  const partsA = partsOf(a);
  const partsB = partsOf(b);
  if (partsA.length !== partsB.length) return Number.POSITIVE_INFINITY;
  let worst = 0;
  partsA.forEach((part, i) => {
    const other = partsB[i]!;
    if (part.length !== other.length) {
      worst = Number.POSITIVE_INFINITY;
      return;
    }
    const compare = (candidate: Position[]) =>
      Math.max(
        ...part.map(([x, y], j) => Math.max(Math.abs(x - candidate[j]![0]), Math.abs(y - candidate[j]![1]))),
      );
    worst = Math.max(worst, Math.min(compare(other), compare([...other].reverse())));
  });
  return worst;
}

function maxDeviation(read: ReadLayer, originals: LayerFeature[]): number {
  const byIndex = new Map(originals.map((original) => [original.index, original]));
  let worst = 0;
  for (const item of read.features) {
    const original = byIndex.get(item.index);
    if (!original) return Number.POSITIVE_INFINITY;
    worst = Math.max(worst, deviation(item.geometry, original.geometry));
  }
  return worst;
}

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }
  throw new Error('se esperaba un rechazo');
}

// ───────── Real layers in WGS84 ─────────

describe('readReferenceLayer: the team’s real layers', () => {
  it('reads the IGAC street layer of Lebrija: 474 lines with their names, no problems', async () => {
    const layer = await readReferenceLayer({
      bytes: sharedBytes('lebrija_igac_nomenclatura_vial_TEST_ONLY.geojson'),
      fileName: 'lebrija_igac_nomenclatura_vial_TEST_ONLY.geojson',
    });
    expect(layer).toMatchObject({ format: 'geojson', sourceSrid: 4326, problems: [], notes: [] });
    expect(layer.features).toHaveLength(474);
    expect(layer.features[0]).toEqual({
      index: 1,
      geometry: {
        type: 'LineString',
        coordinates: [
          [-73.214649, 7.113119],
          [-73.214789, 7.112469],
          [-73.214801, 7.112414],
        ],
      },
      properties: { via: 'CARRERA 5' },
    });
  });

  it('reads the DANE municipalities (CRS84 declared) with their properties', async () => {
    const layer = await readReferenceLayer({
      bytes: sharedBytes('amb_municipios_dane_mgn2020.geojson'),
      fileName: 'municipios.json',
    });
    expect(layer.sourceSrid).toBe(4326);
    expect(layer.features.map((item) => item.properties.MPIO_CCNCT)).toEqual([
      '68307',
      '68276',
      '68547',
      '68001',
    ]);
    expect(layer.features.every((item) => item.geometry.type === 'MultiPolygon')).toBe(true);
    expect(layer.features[0]!.properties.MPIO_NANO).toBe(2020);
  });

  it('reads the Bucaramanga barrios CSV as it is: 294 multipolygons from its WKT column', SLOW, async () => {
    const layer = await readReferenceLayer({
      bytes: sharedBytes('bga_barrios_veredas_oticfinder.csv'),
      fileName: 'bga_barrios_veredas_oticfinder.csv',
    });
    expect(layer).toMatchObject({ format: 'csv', sourceSrid: 4326, problems: [] });
    expect(layer.features).toHaveLength(294);
    expect(layer.features.every((item) => item.geometry.type === 'MultiPolygon')).toBe(true);
    expect(layer.features[0]!.properties).toEqual({
      NOMBRE: '10 DE MAYO SANTA BARBARA',
      CATEGORIA: 'VEREDA',
      COMUNA_CORREG: 'CORREG 3',
    });
    expect(Object.keys(layer.features[0]!.properties)).not.toContain('geometry');
  });
});

// ───────── The same layer in the two Colombian projections ─────────

describe('readReferenceLayer: the barrios layer reprojected to EPSG:3116 and EPSG:9377', () => {
  let original: ReadLayer;
  beforeAll(async () => {
    original = await readReferenceLayer({
      bytes: sharedBytes('bga_barrios_veredas_oticfinder.csv'),
      fileName: 'barrios.csv',
    });
  }, 60_000);
  const projected = (srid: 3116 | 9377) =>
    original.features.map((item) => ({ ...item, geometry: mapPositions(item.geometry, fromWgs84(srid)) }));

  it(
    'reads a CSV-WKT in 3116 (semicolons, srid chosen on upload) back to the originals within 1e-6°',
    SLOW,
    async () => {
      const rows = projected(3116).map(
        (item) => `${item.properties.NOMBRE};"${geojsonToWKT(item.geometry)}";${item.properties.CATEGORIA}`,
      );
      const bytes = utf8(['NOMBRE;WKT;CATEGORIA', ...rows].join('\r\n'));
      const layer = await readReferenceLayer({ bytes, fileName: 'barrios_3116.csv', srid: 3116 });
      expect(layer.sourceSrid).toBe(3116);
      expect(layer.features).toHaveLength(294);
      expect(layer.problems).toEqual([]);
      expect(maxDeviation(layer, original.features)).toBeLessThan(1e-6);
    },
  );

  it('reads a CSV with EWKT (SRID=9377;…) with no srid given', SLOW, async () => {
    const rows = projected(9377).map(
      (item) => `"${item.properties.NOMBRE}","SRID=9377;${geojsonToWKT(item.geometry)}"`,
    );
    const layer = await readReferenceLayer({
      bytes: utf8(['nombre,geom', ...rows].join('\n')),
      fileName: 'b.csv',
    });
    expect(layer.sourceSrid).toBe(9377);
    expect(layer.features).toHaveLength(294);
    expect(maxDeviation(layer, original.features)).toBeLessThan(1e-6);
  });

  it('reads a GeoJSON in 9377 from its crs member', SLOW, async () => {
    const features = projected(9377).map((item) => feature(item.geometry, item.properties));
    const layer = await readReferenceLayer({
      bytes: geojsonBytes(collection(features, 'urn:ogc:def:crs:EPSG::9377')),
      fileName: 'barrios_ctm12.geojson',
    });
    expect(layer.sourceSrid).toBe(9377);
    expect(layer.features).toHaveLength(294);
    expect(maxDeviation(layer, original.features)).toBeLessThan(1e-6);
    // Whatever is read lies where the original did: within Bucaramanga's bounding box.
    const box = { minLon: 180, maxLon: -180, minLat: 90, maxLat: -90 };
    for (const [lon, lat] of layer.features.flatMap((item) => partsOf(item.geometry).flat())) {
      box.minLon = Math.min(box.minLon, lon);
      box.maxLon = Math.max(box.maxLon, lon);
      box.minLat = Math.min(box.minLat, lat);
      box.maxLat = Math.max(box.maxLat, lat);
    }
    expect(box.minLon).toBeGreaterThan(-73.3);
    expect(box.maxLon).toBeLessThan(-72.9);
    expect(box.minLat).toBeGreaterThan(6.9);
    expect(box.maxLat).toBeLessThan(7.4);
  });

  it('reads a zipped shapefile in 3116 from its .prj, with holes and several parts kept', SLOW, async () => {
    const items = projected(3116);
    const zip = zipShapefile(
      'barrios_magna_bogota',
      items.map((item) => item.geometry),
      items.map((item) => ({ NOMBRE: item.properties.NOMBRE as string, ORDEN: item.index })),
      { prj: ESRI_PRJ[3116] },
    );
    const layer = await readReferenceLayer({ bytes: zip, fileName: 'barrios.ZIP' });
    expect(layer).toMatchObject({ format: 'shapefile', sourceSrid: 3116, problems: [] });
    expect(layer.features).toHaveLength(294);
    expect(layer.features.map((item) => item.properties.ORDEN)).toEqual(items.map((item) => item.index));
    expect(maxDeviation(layer, original.features)).toBeLessThan(1e-6);
  });

  it('reads the committed CTM12 shapefile of Lebrija streets (Latin-1, no .cpg) back to the IGAC originals', async () => {
    const streets = await readReferenceLayer({
      bytes: sharedBytes('lebrija_igac_nomenclatura_vial_TEST_ONLY.geojson'),
      fileName: 'vias.geojson',
    });
    const layer = await readReferenceLayer({
      bytes: new Uint8Array(
        readFileSync(path.join(import.meta.dirname, 'testdata/lebrija_vias_ctm12_latin1.zip')),
      ),
      fileName: 'lebrija_vias_ctm12_latin1.zip',
    });
    expect(layer).toMatchObject({ format: 'shapefile', sourceSrid: 9377, problems: [], notes: [] });
    expect(layer.features).toHaveLength(26);
    // Each record carries the position of its segment in the original layer (`orden`).
    for (const item of layer.features) {
      const source = streets.features[(item.properties.orden as number) - 1]!;
      expect(item.properties.via).toBe(source.properties.via);
      expect(deviation(item.geometry, source.geometry)).toBeLessThan(1e-6);
    }
    expect(layer.features.map((item) => item.properties.via)).toContain('CAÑO LAS MIRLAS');
  });
});

// ───────── Shapefile details: text encodings, null shapes, deleted records ─────────

describe('readReferenceLayer: shapefile attributes', () => {
  const point = (lon: number, lat: number): LayerGeometry => ({ type: 'Point', coordinates: [lon, lat] });
  const names = [{ nombre: 'Vía a Girón, ñandú' }, { nombre: 'CAÑO LAS MIRLAS' }];
  const two = [point(-73.12, 7.11), point(-73.13, 7.12)];

  it('reads Windows-1252 text without a .cpg, and UTF-8 text without a .cpg', async () => {
    const quoted = [{ nombre: 'Vía a Girón, ñandú' }, { nombre: 'Parque “La 45” – 5 €' }];
    for (const encoding of ['windows-1252', 'utf-8'] as const) {
      const zip = zipShapefile('puntos', two, quoted, { encoding, prj: ESRI_PRJ[4326] });
      const layer = await readReferenceLayer({ bytes: zip, fileName: 'puntos.zip' });
      expect(layer.features.map((item) => item.properties.nombre)).toEqual([
        'Vía a Girón, ñandú',
        'Parque “La 45” – 5 €',
      ]);
    }
  });

  it('honours the .cpg: UTF-8 bytes labelled 1252 read as Windows-1252', async () => {
    const zip = zipShapefile('puntos', two, names, { encoding: 'utf-8', cpg: 'ANSI 1252' });
    const layer = await readReferenceLayer({ bytes: zip, fileName: 'puntos.zip' });
    expect(layer.features[1]!.properties.nombre).toBe('CAÃ‘O LAS MIRLAS');
    const labelled = zipShapefile('puntos', two, names, { encoding: 'windows-1252', cpg: 'ISO-8859-1' });
    const latin = await readReferenceLayer({ bytes: labelled, fileName: 'puntos.zip' });
    expect(latin.features[1]!.properties.nombre).toBe('CAÑO LAS MIRLAS');
  });

  it('does not garble Latin-1 text a .cpg wrongly calls UTF-8, and notes it without leaving anything out', async () => {
    const zip = zipShapefile('puntos', two, names, { encoding: 'windows-1252', cpg: 'UTF-8' });
    const layer = await readReferenceLayer({ bytes: zip, fileName: 'puntos.zip' });
    expect(layer.features[1]!.properties.nombre).toBe('CAÑO LAS MIRLAS');
    expect(layer.problems).toEqual([]);
    expect(layer.notes).toEqual([
      expect.objectContaining({ index: null, field: 'cpg', message: expect.stringContaining('UTF-8') }),
    ]);
    const unknown = zipShapefile('puntos', two, names, { encoding: 'utf-8', cpg: 'EBCDIC' });
    const sniffed = await readReferenceLayer({ bytes: unknown, fileName: 'puntos.zip' });
    expect(sniffed.features[1]!.properties.nombre).toBe('CAÑO LAS MIRLAS');
    expect(sniffed.notes[0]!.message).toContain('«EBCDIC»');
  });

  it('reports a null shape and a deleted record and keeps the rest, with numbers as numbers', async () => {
    const zip = zipShapefile(
      'puntos',
      [point(-73.12, 7.11), null, point(-73.13, 7.12), point(-73.14, 7.13)],
      [
        { nombre: 'uno', n: 1.5 },
        { nombre: 'dos', n: 2 },
        { nombre: 'tres', n: null },
        { nombre: 'cuatro', n: 4 },
      ],
      { deleted: [2] },
    );
    const layer = await readReferenceLayer({ bytes: zip, fileName: 'puntos.zip' });
    expect(layer.features.map((item) => item.properties)).toEqual([
      { nombre: 'uno', n: 1.5 },
      { nombre: 'cuatro', n: 4 },
    ]);
    expect(layer.problems.map((problem) => problem.message)).toEqual([
      'Elemento 2, geometría: falta la geometría.',
      'Elemento 3, atributos: el registro está marcado como borrado en el .dbf.',
    ]);
  });

  it('the explicit srid wins over the .prj, with a note', async () => {
    const projected = two.map((geometry) => mapPositions(geometry, fromWgs84(9377)));
    const zip = zipShapefile('puntos', projected, names, { prj: ESRI_PRJ[3116] });
    const layer = await readReferenceLayer({ bytes: zip, fileName: 'puntos.zip', srid: 9377 });
    expect(layer.sourceSrid).toBe(9377);
    expect(deviation(layer.features[0]!.geometry, two[0]!)).toBeLessThan(1e-6);
    expect(layer.problems).toEqual([]);
    expect(layer.notes[0]).toMatchObject({ index: null, field: 'srid' });
    expect(layer.notes[0]!.message).toContain('MAGNA_Colombia_Bogota');
  });
});

// ───────── Per-feature problems ─────────

describe('readReferenceLayer: bad features are left out and reported', () => {
  const square = [
    [-73.12, 7.11],
    [-73.11, 7.11],
    [-73.11, 7.12],
    [-73.12, 7.12],
    [-73.12, 7.11],
  ];

  it('names the feature and the fault: open ring, short ring, bad numbers, no geometry, unsupported type', async () => {
    const bytes = geojsonBytes(
      collection([
        feature({ type: 'Polygon', coordinates: [square] }, { nombre: 'bueno' }),
        feature({ type: 'Polygon', coordinates: [square.slice(0, 4)] }),
        feature({ type: 'Polygon', coordinates: [[square[0], square[1], square[0]]] }),
        feature({
          type: 'LineString',
          coordinates: [
            [-73.12, 'siete'],
            [-73.11, 7.11],
          ],
        }),
        feature(null),
        feature({ type: 'GeometryCollection', geometries: [] }),
        feature({
          type: 'MultiPolygon',
          coordinates: [[square], [[square[0], square[1], square[2], square[1]]]],
        }),
        feature({ type: 'LineString', coordinates: [[-73.12, 7.11]] }),
        { type: 'Feature ', geometry: null },
        feature(
          { type: 'Point', coordinates: [-73.12, 7.11, 950] },
          { nombre: 'con altura', tags: ['a', 1] },
        ),
      ]),
    );
    const layer = await readReferenceLayer({ bytes, fileName: 'areas.geojson' });
    expect(layer.features.map((item) => item.index)).toEqual([1, 10]);
    expect(layer.features[1]).toEqual({
      index: 10,
      geometry: { type: 'Point', coordinates: [-73.12, 7.11] },
      properties: { nombre: 'con altura', tags: '["a",1]' },
    });
    expect(layer.problems).toEqual([
      {
        index: 2,
        field: 'geometry',
        message:
          'Elemento 2, geometría: el anillo 1 no está cerrado: la última posición debe repetir la primera.',
      },
      {
        index: 3,
        field: 'geometry',
        message: 'Elemento 3, geometría: el anillo 1 tiene 3 posiciones y necesita al menos 4.',
      },
      {
        index: 4,
        field: 'geometry',
        message: 'Elemento 4, geometría: la posición [-73.12, siete] no tiene números finitos.',
      },
      { index: 5, field: 'geometry', message: 'Elemento 5, geometría: falta la geometría.' },
      {
        index: 6,
        field: 'geometry',
        message: expect.stringMatching(/^Elemento 6, geometría: el tipo GeometryCollection no está admitido/),
      },
      {
        index: 7,
        field: 'geometry',
        message:
          'Elemento 7, geometría: el anillo 1 del polígono 2 no está cerrado: la última posición debe repetir la primera.',
      },
      {
        index: 8,
        field: 'geometry',
        message: 'Elemento 8, geometría: la línea necesita al menos 2 posiciones.',
      },
      { index: 9, field: 'type', message: 'Elemento 9, tipo: no es un Feature de GeoJSON.' },
    ]);
  });

  it('reports bad WKT and bad coordinates of a CSV with the line they are on', async () => {
    const csv = [
      'nombre,wkt',
      'bueno,"POINT (-73.12 7.11)"',
      'malo,"POLYGON ((-73.12 7.11, -73.11 7.11, -73.11 7.12)"',
      'vacío,',
      'abierto,"POLYGON ((-73.12 7.11, -73.11 7.11, -73.11 7.12, -73.12 7.12))"',
      'minúsculas,"point (-73.13 7.12)"',
    ].join('\n');
    const layer = await readReferenceLayer({ bytes: utf8(csv), fileName: 'x.csv' });
    expect(layer.features.map((item) => item.properties.nombre)).toEqual(['bueno', 'minúsculas']);
    expect(layer.problems.map((problem) => [problem.index, problem.field, problem.message])).toEqual([
      [2, 'wkt', expect.stringMatching(/^Elemento 2 \(línea 3\), columna wkt: el texto WKT no es válido/)],
      [3, 'wkt', 'Elemento 3 (línea 4), columna wkt: falta la geometría (celda vacía).'],
      [4, 'wkt', expect.stringMatching(/^Elemento 4 \(línea 5\), columna wkt: el anillo 1 no está cerrado/)],
    ]);
  });

  it('reads lat/lon columns (decimal commas, Latin-1 bytes) as points and the rest as text properties', async () => {
    const csv =
      'Código;Latitud;Longitud;Nombre\n001;7,1193;-73,1227;Parque Santander\n002;;-73,12;Sin latitud\n';
    const layer = await readReferenceLayer({
      bytes: encodeText(csv, 'windows-1252'),
      fileName: 'puntos.csv',
    });
    expect(layer.features).toEqual([
      {
        index: 1,
        geometry: { type: 'Point', coordinates: [-73.1227, 7.1193] },
        properties: { Código: '001', Nombre: 'Parque Santander' },
      },
    ]);
    expect(layer.problems).toEqual([
      { index: 2, field: 'Latitud', message: 'Elemento 2 (línea 3), columna Latitud: «» no es un número.' },
    ]);
  });

  it('lists at most 1 000 problems and counts the rest', async () => {
    const csv = `nombre,wkt\nbueno,"POINT (-73.1 7.1)"\n${'malo,"POINT (-73.1)"\n'.repeat(1_500)}`;
    const layer = await readReferenceLayer({ bytes: utf8(csv), fileName: 'muchos-malos.csv' });
    expect(layer.features).toHaveLength(1);
    expect(layer.problems).toHaveLength(1_001);
    expect(layer.problems.at(-1)).toEqual({
      index: null,
      field: 'archivo',
      message: 'Y 500 problemas más en otros elementos.',
    });
  });

  it('leaves out a feature outside Colombia when the rest of the layer is inside', async () => {
    const bytes = geojsonBytes(
      collection([
        feature({ type: 'Point', coordinates: [-73.12, 7.11] }),
        feature({ type: 'Point', coordinates: [0, 0] }),
      ]),
    );
    const layer = await readReferenceLayer({ bytes, fileName: 'p.geojson' });
    expect(layer.features).toHaveLength(1);
    expect(layer.problems).toEqual([
      {
        index: 2,
        field: 'geometry',
        message: 'Elemento 2, geometría: queda fuera de Colombia con EPSG:4326 (WGS84, longitud/latitud).',
      },
    ]);
  });
});

// ───────── Whole-file refusals ─────────

describe('readReferenceLayer: files it refuses, with a reason', () => {
  const inMetres = geojsonBytes(
    collection([feature({ type: 'Point', coordinates: fromWgs84(9377)([-73.1227, 7.1193]) })], 'EPSG:4326'),
  );

  it('metres declared (or taken) as degrees', async () => {
    const declared = await refusal(readReferenceLayer({ bytes: inMetres, fileName: 'a.geojson' }));
    expect(declared.field).toBe('srid');
    expect(declared.detail).toContain(
      'las coordenadas parecen estar en metros: indique el sistema de referencia (EPSG:3116 o EPSG:9377)',
    );
    expect(declared.detail).toContain('parecen EPSG:9377');
    const explicit = await refusal(
      readReferenceLayer({ bytes: inMetres, fileName: 'a.geojson', srid: 4326 }),
    );
    expect(explicit.detail).toMatch(/^Se indicó EPSG:4326, pero las coordenadas parecen estar en metros/);
    const csv = utf8(`x,y\n${fromWgs84(3116)([-73.1227, 7.1193]).join(',')}\n`);
    const undeclared = await refusal(readReferenceLayer({ bytes: csv, fileName: 'a.csv' }));
    expect(undeclared.detail).toMatch(
      /^El archivo no declara sistema de referencia y las coordenadas parecen/,
    );
    expect(undeclared.detail).toContain('parecen EPSG:3116');
  });

  it('degrees given as a projected system', async () => {
    const bytes = geojsonBytes(collection([feature({ type: 'Point', coordinates: [-73.12, 7.11] })]));
    const error = await refusal(readReferenceLayer({ bytes, fileName: 'a.geojson', srid: 3116 }));
    expect(error.field).toBe('srid');
    expect(error.detail).toContain('parecen estar en grados');
  });

  it('a layer that lands outside Colombia: elsewhere, or in the other projected system', async () => {
    const madrid = geojsonBytes(collection([feature({ type: 'Point', coordinates: [-3.7038, 40.4168] })]));
    const elsewhere = await refusal(readReferenceLayer({ bytes: madrid, fileName: 'madrid.geojson' }));
    expect(elsewhere.field).toBe('srid');
    expect(elsewhere.detail).toContain('quedan fuera de Colombia: revise el sistema de referencia');
    const wrongZone = await refusal(
      readReferenceLayer({ bytes: inMetres, fileName: 'a.geojson', srid: 3116 }),
    );
    expect(wrongZone.detail).toMatch(/^Las coordenadas leídas con EPSG:3116 .* quedan fuera de Colombia/);
    const swapped = geojsonBytes(collection([feature({ type: 'Point', coordinates: [7.1193, -73.1227] })]));
    expect((await refusal(readReferenceLayer({ bytes: swapped, fileName: 's.geojson' }))).detail).toContain(
      'orden latitud, longitud',
    );
  });

  it('a reference system it does not read, named', async () => {
    const mercator = geojsonBytes(collection([feature({ type: 'Point', coordinates: [1, 2] })], 'EPSG:3857'));
    const geojson = await refusal(readReferenceLayer({ bytes: mercator, fileName: 'a.geojson' }));
    expect(geojson).toMatchObject({ field: 'srid' });
    expect(geojson.detail).toContain('«EPSG:3857»');
    const utm =
      'PROJCS["WGS_1984_UTM_Zone_18N",GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],' +
      'PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Transverse_Mercator"],' +
      'PARAMETER["False_Easting",500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",-75.0],' +
      'PARAMETER["Scale_Factor",0.9996],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]';
    const zip = zipShapefile('utm', [{ type: 'Point', coordinates: [600_000, 780_000] }], [{ a: 1 }], {
      prj: utm,
    });
    const prj = await refusal(readReferenceLayer({ bytes: zip, fileName: 'utm.zip' }));
    expect(prj.field).toBe('srid');
    expect(prj.detail).toContain('«WGS_1984_UTM_Zone_18N», en el .prj');
    await expect(
      readReferenceLayer({ bytes: mercator, fileName: 'a.geojson', srid: 900913 as never }),
    ).rejects.toMatchObject({ field: 'srid' });
  });

  it('empty, garbage, broken zips and unknown extensions', async () => {
    const garbage = Uint8Array.from({ length: 512 }, (_, i) => (i * 7919 + 13) % 256);
    const cases: [Uint8Array, string, RegExp][] = [
      [new Uint8Array(0), 'vacio.geojson', /vacío/],
      [utf8('  \n '), 'vacio.csv', /vacío/],
      [new Uint8Array(0), 'vacio.zip', /vacío/],
      [garbage, 'basura.geojson', /no es un JSON válido/],
      [utf8('{"type":"Topology"}'), 'topo.json', /no es GeoJSON/],
      [utf8('{"type":"FeatureCollection","features":7}'), 'a.json', /lista «features»/],
      [garbage, 'basura.zip', /no se pudo abrir/],
      [garbage, 'basura.csv', /El CSV no se pudo leer|no tiene columna de geometría/],
      [utf8('nombre;codigo\nA;1\n'), 'sin-geometria.csv', /no tiene columna de geometría/],
      [utf8('nombre,wkt\n'), 'solo-encabezado.csv', /no tiene filas de datos/],
      [utf8('nombre,wkt\n"abierto,POINT(1 2)\n'), 'comillas.csv', /comillas/],
      [
        zipSync({ 'LEAME.txt': utf8('hola'), 'capa.dbf': utf8('x') }),
        'sin-shp.zip',
        /no contiene ningún archivo \.shp/,
      ],
      [utf8('<kml/>'), 'capa.kml', /«\.kml» no está admitido/],
      [utf8('x'), 'capa', /sin extensión no está admitido/],
      [utf8('x'), 'capa.shp', /se sube comprimido/],
    ];
    for (const [bytes, fileName, pattern] of cases) {
      const error = await refusal(readReferenceLayer({ bytes, fileName }));
      expect(error.field, fileName).toBe('archivo');
      expect(error.detail, fileName).toMatch(pattern);
    }
  });

  it('zips with two layers, without .dbf, or with a broken .shp', async () => {
    const one = zipShapefile('a', [{ type: 'Point', coordinates: [-73.1, 7.1] }], [{ n: 1 }]);
    const { unzipSync } = await import('fflate');
    const files = unzipSync(one);
    const twoLayers = zipSync({ ...files, 'b.shp': files['a.shp']!, 'b.dbf': files['a.dbf']! });
    expect((await refusal(readReferenceLayer({ bytes: twoLayers, fileName: 'x.zip' }))).detail).toMatch(
      /varias capas \(a\.shp, b\.shp\)/,
    );
    const noDbf = zipSync({ 'a.shp': files['a.shp']! });
    expect((await refusal(readReferenceLayer({ bytes: noDbf, fileName: 'x.zip' }))).detail).toContain(
      'Falta el archivo a.dbf',
    );
    const brokenShp = zipSync({
      'a.shp': utf8('no soy un shapefile, aunque lo parezca por fuera'),
      'a.dbf': files['a.dbf']!,
    });
    expect((await refusal(readReferenceLayer({ bytes: brokenShp, fileName: 'x.zip' }))).detail).toContain(
      'no es un shapefile válido',
    );
  });

  it('more than 500 000 features', SLOW, async () => {
    const csv = `lat,lon\n${'7.1,-73.1\n'.repeat(500_001)}`;
    const error = await refusal(readReferenceLayer({ bytes: utf8(csv), fileName: 'muchos.csv' }));
    expect(error.detail).toMatch(/el máximo es 500\.000/);
  });
});

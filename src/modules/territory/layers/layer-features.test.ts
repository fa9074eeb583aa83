import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { pointInGeometry, pointInPolygon } from '../point-in-polygon.rules.ts';
import {
  LAYER_AREA_CODE_PATTERN,
  slugCode,
  toAddressPoints,
  toAreaFeatures,
  toStreetSegments,
} from './layer-features.ts';
import { readReferenceLayer } from './layer-reader.ts';
import type { LayerFeature, LayerGeometry, Position, ReadLayer } from './layer-types.ts';

const SLOW = { timeout: 60_000 };
const SHARED = path.resolve(import.meta.dirname, '../../../../../shared/data/territory');
const readShared = (name: string) =>
  readReferenceLayer({ bytes: new Uint8Array(readFileSync(path.join(SHARED, name))), fileName: name });

let index = 0;
const feature = (geometry: LayerGeometry, properties: LayerFeature['properties'] = {}): LayerFeature => {
  index += 1;
  return { index, geometry, properties };
};
const square = (x: number, y: number, size: number): Position[] => [
  [x, y],
  [x + size, y],
  [x + size, y + size],
  [x, y + size],
  [x, y],
];

// ───────── Streets ─────────

describe('toStreetSegments: the IGAC streets of Lebrija', () => {
  let streets: ReadLayer;
  beforeAll(async () => {
    streets = await readShared('lebrija_igac_nomenclatura_vial_TEST_ONLY.geojson');
  });

  it('keys every CALLE and CARRERA segment by its street and skips quebradas, vías and rural roads', () => {
    const result = toStreetSegments(streets.features);
    expect(result.nameField).toBe('via');
    expect(result.problems).toEqual([]);
    const byType = (type: string) =>
      result.segments.filter((segment) => segment.streetKey.split(' ')[0] === type);
    // The counts the team's manifest gives for the layer: CALLE 206, CARRERA 203, TRANSVERSAL 18, DIAGONAL 12.
    expect(byType('CL')).toHaveLength(206);
    expect(byType('KR')).toHaveLength(203);
    expect(byType('TV')).toHaveLength(18);
    expect(byType('DG')).toHaveLength(12);
    expect(byType('PT')).toHaveLength(1); // PEATONAL 6
    expect(result.segments).toHaveLength(440);
    // 17 quebradas, 5 «VIA …», 5 «ZONA RURAL», 2 caños, 3 peatonales without number, a camino and an avenida.
    expect(result.skipped).toBe(34);
    expect(new Set(byType('CL').map((segment) => segment.streetKey)).size).toBe(44);
    expect(new Set(byType('KR').map((segment) => segment.streetKey)).size).toBe(61);
  });

  it('keeps the name and the geometry of each segment', () => {
    const { segments } = toStreetSegments(streets.features);
    expect(segments[0]).toEqual({
      streetKey: 'KR 5',
      name: 'CARRERA 5',
      coordinates: [
        [-73.214649, 7.113119],
        [-73.214789, 7.112469],
        [-73.214801, 7.112414],
      ],
    });
    expect(segments.filter((segment) => segment.streetKey === 'CL 11')).toHaveLength(18);
    expect(segments.filter((segment) => segment.streetKey === 'KR 12A')).toHaveLength(11);
    const carreras = segments.filter((segment) => segment.streetKey.startsWith('KR '));
    expect(carreras.every((segment) => segment.name.startsWith('CARRERA '))).toBe(true);
    const calles = segments.filter((segment) => segment.streetKey.startsWith('CL '));
    expect(calles.every((segment) => segment.name === segment.streetKey.replace('CL', 'CALLE'))).toBe(true);
  });
});

describe('toStreetSegments: other layers', () => {
  it('splits a MultiLineString into its parts, finds NOMBRE_VIA in any case and reports what is not a line', () => {
    const features = [
      feature(
        {
          type: 'MultiLineString',
          coordinates: [
            [
              [-73.1, 7.1],
              [-73.2, 7.1],
            ],
            [
              [-73.2, 7.1],
              [-73.3, 7.1],
            ],
          ],
        },
        { Nombre_Via: '  Carrera   5A ' },
      ),
      feature({ type: 'Polygon', coordinates: [square(-73.1, 7.1, 0.01)] }, { Nombre_Via: 'Calle 9' }),
      feature({ type: 'Point', coordinates: [-73.1, 7.1] }, { Nombre_Via: null }),
    ];
    const result = toStreetSegments(features);
    expect(result.segments.map((segment) => [segment.streetKey, segment.name])).toEqual([
      ['KR 5A', 'Carrera 5A'],
      ['KR 5A', 'Carrera 5A'],
    ]);
    expect(result.problems).toEqual([
      {
        index: features[1]!.index,
        field: 'geometry',
        message: `Elemento ${features[1]!.index}, geometría: se esperaba una línea (LineString o MultiLineString) y es Polygon.`,
      },
      expect.objectContaining({ index: features[2]!.index }),
    ]);
  });

  it('says when the name field asked for does not exist', () => {
    const result = toStreetSegments(
      [feature({ type: 'LineString', coordinates: square(0, 0, 1) }, { via: 'CL 1' })],
      {
        nameField: 'NOMENCLAT',
      },
    );
    expect(result.segments).toEqual([]);
    expect(result.problems).toEqual([
      {
        index: null,
        field: 'NOMENCLAT',
        message: 'La capa no tiene el campo «NOMENCLAT» indicado para el nombre de la vía.',
      },
    ]);
  });
});

// ───────── Address points ─────────

describe('toAddressPoints', () => {
  const uParcel: Position[] = [
    [-73.1, 7.1],
    [-73.097, 7.1],
    [-73.097, 7.103],
    [-73.098, 7.103],
    [-73.098, 7.101],
    [-73.099, 7.101],
    [-73.099, 7.103],
    [-73.1, 7.103],
    [-73.1, 7.1],
  ];

  it('keeps complete addresses on points and parcels, with the point inside the parcel', () => {
    const features = [
      feature({ type: 'Point', coordinates: [-73.1227, 7.1193] }, { Dirección: 'Calle 35 # 10-43' }),
      feature({ type: 'Polygon', coordinates: [uParcel] }, { Dirección: 'KR 27A 48-120 Apto 502' }),
      feature({ type: 'MultiPoint', coordinates: [[-73.12, 7.12]] }, { Dirección: 'Cra. 9 No. 8 - 20' }),
      feature({ type: 'Point', coordinates: [-73.1, 7.1] }, { Dirección: 'Calle 35' }),
      feature({ type: 'Point', coordinates: [-73.1, 7.1] }, { Dirección: 'Vereda El Pedregal' }),
      feature({ type: 'Point', coordinates: [-73.1, 7.1] }, { Dirección: null }),
      feature(
        {
          type: 'LineString',
          coordinates: [
            [-73.1, 7.1],
            [-73.2, 7.2],
          ],
        },
        { Dirección: 'Calle 1 # 2-3' },
      ),
    ];
    const result = toAddressPoints(features);
    expect(result.addressField).toBe('Dirección');
    expect(result.skipped).toBe(3);
    expect(result.points.map(({ canonical, address }) => [canonical, address])).toEqual([
      ['CL 35 10 43', 'Calle 35 # 10-43'],
      ['KR 27A 48 120', 'KR 27A 48-120 Apto 502'],
      ['KR 9 8 20', 'Cra. 9 No. 8 - 20'],
    ]);
    expect(result.points[0]).toMatchObject({ lon: -73.1227, lat: 7.1193 });
    const parcel = result.points[1]!;
    expect(pointInPolygon(parcel.lon, parcel.lat, [uParcel])).toBe(true);
    expect(result.problems).toEqual([
      {
        index: features[6]!.index,
        field: 'geometry',
        message: `Elemento ${features[6]!.index}, geometría: se esperaba un punto o un polígono de predio y es LineString.`,
      },
    ]);
  });

  it('reads the address field asked for, or says it is missing', () => {
    const features = [feature({ type: 'Point', coordinates: [-73.1, 7.1] }, { dir_predio: 'Calle 5 # 6-7' })];
    expect(toAddressPoints(features, { addressField: 'DIR_PREDIO' }).points).toHaveLength(1);
    const missing = toAddressPoints(features);
    expect(missing.points).toEqual([]);
    expect(missing.problems[0]!.message).toContain('no tiene un campo con la dirección');
  });
});

// ───────── Areas ─────────

describe('toAreaFeatures: real layers', () => {
  it('takes the DANE municipalities with their MPIO_CCNCT codes, and Parque Santander falls in 68001', async () => {
    const layer = await readShared('amb_municipios_dane_mgn2020.geojson');
    const result = toAreaFeatures(layer.features, { kind: 'municipio' });
    expect(result.problems).toEqual([]);
    expect(result.codeField).toBe('MPIO_CCNCT');
    expect(
      result.areas.map(({ kind, code, name, parentCode }) => ({ kind, code, name, parentCode })),
    ).toEqual([
      { kind: 'municipio', code: '68307', name: 'Girón', parentCode: null },
      { kind: 'municipio', code: '68276', name: 'Floridablanca', parentCode: null },
      { kind: 'municipio', code: '68547', name: 'Piedecuesta', parentCode: null },
      { kind: 'municipio', code: '68001', name: 'Bucaramanga', parentCode: null },
    ]);
    const holding = result.areas.filter((area) => pointInGeometry(-73.1227, 7.1193, area.geometry));
    expect(holding.map((area) => area.code)).toEqual(['68001']);
  });

  it('takes the Lebrija blocks by their 17-digit cadastral code, with their barrio as parent', async () => {
    const layer = await readShared('lebrija_igac_manzanas_TEST_ONLY.geojson');
    const result = toAreaFeatures(layer.features, { kind: 'manzana', parentField: 'barrio_cod' });
    expect(result.problems).toEqual([]);
    expect(result.areas).toHaveLength(238);
    expect(result.areas[0]).toMatchObject({
      kind: 'manzana',
      code: '68406010000000171',
      name: '68406010000000171',
      parentCode: '6840601000000',
    });
    expect(result.areas.every((area) => /^68406\d{12}$/.test(area.code))).toBe(true);
  });

  it(
    'slugs codes from the names of the Bucaramanga barrios and reports the repeated ones',
    SLOW,
    async () => {
      const layer = await readShared('bga_barrios_veredas_oticfinder.csv');
      const result = toAreaFeatures(layer.features, { kind: 'barrio', parentField: 'COMUNA_CORREG' });
      expect(result.codeField).toBeNull();
      expect(result.nameField).toBe('NOMBRE');
      expect(result.areas[0]).toMatchObject({
        code: '10-DE-MAYO-SANTA-BARBARA',
        name: '10 DE MAYO SANTA BARBARA',
        parentCode: 'CORREG-3',
      });
      expect(result.areas.every((area) => LAYER_AREA_CODE_PATTERN.test(area.code))).toBe(true);
      expect(new Set(result.areas.map((area) => area.code)).size).toBe(result.areas.length);
      // «CORREG. 1» and «CORREG 1» are the same corregimiento written two ways.
      expect(result.areas.some((area) => area.parentCode === 'CORREG-1')).toBe(true);
      expect(result.areas.some((area) => area.parentCode?.includes('.'))).toBe(false);
      expect(result.areas.length + result.problems.length).toBe(294);
      expect(result.problems.map((problem) => problem.message)).toContain(
        'Elemento 239, NOMBRE: repite el código RIO-DE-ORO-I del elemento 238.',
      );
    },
  );
});

describe('toAreaFeatures: edge cases', () => {
  const area = (properties: LayerFeature['properties']) =>
    feature({ type: 'Polygon', coordinates: [square(-73.1, 7.1, 0.01)] }, properties);

  it('keeps a code that fits, slugs one that does not, and falls back on the name', () => {
    const features = [
      area({ CODIGO: 'B-01', NOMBRE: '  La   Joya ' }),
      area({ CODIGO: 'Comuna 1 (Norte)', NOMBRE: 'Norte' }),
      area({ CODIGO: null, NOMBRE: 'Álamos del Río' }),
      area({ CODIGO: 42, NOMBRE: null }),
      area({ CODIGO: '¿?', NOMBRE: '' }),
      feature({ type: 'Point', coordinates: [-73.1, 7.1] }, { CODIGO: 'P' }),
      area({ CODIGO: 'B-01', NOMBRE: 'Otra' }),
    ];
    const result = toAreaFeatures(features, { kind: 'barrio' });
    expect(result.areas.map(({ code, name }) => [code, name])).toEqual([
      ['B-01', 'La Joya'],
      ['COMUNA-1-NORTE', 'Norte'],
      ['ALAMOS-DEL-RIO', 'Álamos del Río'],
      ['42', '42'],
    ]);
    expect(result.problems.map((problem) => problem.message)).toEqual([
      `Elemento ${features[4]!.index}, CODIGO: falta el código y el nombre del área.`,
      `Elemento ${features[5]!.index}, geometría: se esperaba un polígono (Polygon o MultiPolygon) y es Point.`,
      `Elemento ${features[6]!.index}, CODIGO: repite el código B-01 del elemento ${features[0]!.index}.`,
    ]);
  });

  it('uses the fields asked for and says which are missing', () => {
    const features = [area({ cod_ver: 'V7', nom: 'El Pedregal', padre: 'CORREG-1' })];
    const result = toAreaFeatures(features, {
      kind: 'vereda',
      codeField: 'COD_VER',
      nameField: 'nom',
      parentField: 'padre',
    });
    expect(result.areas.map(({ code, name, parentCode }) => ({ code, name, parentCode }))).toEqual([
      { code: 'V7', name: 'El Pedregal', parentCode: 'CORREG-1' },
    ]);
    const missing = toAreaFeatures(features, { kind: 'vereda', parentField: 'corregimiento' });
    expect(missing.problems).toEqual([expect.objectContaining({ index: null, field: 'corregimiento' })]);
    const nothing = toAreaFeatures([area({ otra: 'x' })], { kind: 'comuna' });
    expect(nothing.areas).toEqual([]);
    expect(nothing.problems[0]!.message).toMatch(/no tiene campo de código .* ni de nombre/);
  });

  it('slugCode', () => {
    expect(slugCode('Girón')).toBe('GIRON');
    expect(slugCode('01. NORTE')).toBe('01-NORTE');
    expect(slugCode('¿?')).toBe('');
    const long = slugCode('Urbanización Los Almendros del Norte Etapa Segunda');
    expect(long.length).toBeLessThanOrEqual(40);
    expect(LAYER_AREA_CODE_PATTERN.test(long)).toBe(true);
    expect(long.endsWith('-')).toBe(false);
  });
});

/**
 * Reads a reference layer a municipality uploads (GeoJSON, zipped shapefile or CSV with WKT or lat/lon)
 * in EPSG:4326, 3116 or 9377, and returns its features in WGS84 lon/lat. Pure: bytes in, features out;
 * storing them is the territory service's job.
 *
 * Whole-file faults (unknown format, unreadable file, unknown or wrong reference system) throw a
 * validation error; a bad feature is left out and reported in `problems`.
 */
import { validationError } from '../../../platform/http/errors.ts';
import { type DeclaredCrs, isSourceSrid, SRID_NAMES, toWgs84 } from './crs.ts';
import { readCsvLayer } from './csv-layer.ts';
import { readGeoJsonLayer } from './geojson-layer.ts';
import { checkGeometry, mapPositions, positionsOf } from './geometry-check.ts';
import type {
  LayerFeature,
  LayerFormat,
  LayerGeometry,
  LayerProblem,
  ReadLayer,
  SourceSrid,
} from './layer-types.ts';
import type { RawItem, RawLayer } from './raw-layer.ts';
import { readShapefileLayer } from './shapefile-layer.ts';
import { decodeText } from './text-encoding.ts';

export interface ReadLayerInput {
  bytes: Uint8Array;
  fileName: string;
  /** The system the person chose when uploading; it wins over what the file declares. */
  srid?: SourceSrid;
}

/** Colombia with its islands (San Andrés, Malpelo is left out), in degrees. */
export const COLOMBIA_BOUNDS = { minLon: -82, maxLon: -66, minLat: -4.5, maxLat: 13.6 } as const;
/** Problems listed one by one; past this many, one line counts the rest. */
export const MAX_LISTED_PROBLEMS = 1000;

const SUPPORTED = 'use EPSG:4326, EPSG:3116 o EPSG:9377';

export function formatOfFileName(fileName: string): LayerFormat {
  const name = fileName.trim().toLowerCase();
  const ext = name.includes('.') ? name.slice(name.lastIndexOf('.') + 1) : '';
  if (ext === 'geojson' || ext === 'json') return 'geojson';
  if (ext === 'zip') return 'shapefile';
  if (ext === 'csv') return 'csv';
  if (ext === 'shp' || ext === 'dbf') {
    throw validationError(
      'archivo',
      'Un shapefile se sube comprimido: un .zip con los archivos .shp, .dbf y .prj (y .cpg si lo tiene).',
    );
  }
  throw validationError(
    'archivo',
    `El tipo de archivo ${ext ? `«.${ext.slice(0, 10)}»` : 'sin extensión'} no está admitido: suba GeoJSON (.geojson, .json), un shapefile comprimido (.zip) o CSV (.csv).`,
  );
}

function readRaw(format: LayerFormat, bytes: Uint8Array): RawLayer {
  if (format === 'shapefile') return readShapefileLayer(bytes);
  const text = decodeText(bytes);
  if (text.trim() === '') throw validationError('archivo', 'El archivo está vacío.');
  return format === 'csv' ? readCsvLayer(text) : readGeoJsonLayer(text);
}

function resolveSrid(
  explicit: SourceSrid | undefined,
  declared: DeclaredCrs | null,
  format: LayerFormat,
  notes: LayerProblem[],
): SourceSrid {
  const where = format === 'shapefile' ? 'el .prj' : format === 'csv' ? 'el SRID del WKT' : 'el miembro crs';
  if (explicit !== undefined) {
    if (declared && declared.srid !== explicit) {
      notes.push({
        index: null,
        field: 'srid',
        message: `El archivo declara «${declared.name.slice(0, 80)}» en ${where}, pero se usó ${SRID_NAMES[explicit]}, el sistema indicado al cargarlo.`,
      });
    }
    return explicit;
  }
  if (declared) {
    if (declared.srid === null) {
      throw validationError(
        'srid',
        `El sistema de referencia del archivo («${declared.name.slice(0, 80)}», en ${where}) no está admitido: ${SUPPORTED}, o indique cuál es al cargarlo.`,
      );
    }
    return declared.srid;
  }
  return 4326;
}

interface Checked {
  item: RawItem;
  geometry: LayerGeometry;
}

/** A layer in metres read as degrees, or in degrees read as metres, is refused before reprojecting. */
function assertUnits(checked: Checked[], srid: SourceSrid, explicit: boolean): void {
  if (checked.length === 0) return;
  let metres = false;
  let allDegrees = true;
  let eastings = 0;
  let count = 0;
  for (const { geometry } of checked) {
    for (const [x, y] of positionsOf(geometry)) {
      const degrees = Math.abs(x) <= 180 && Math.abs(y) <= 90;
      if (!degrees) metres = true;
      allDegrees &&= degrees;
      if (count < 10_000) {
        eastings += x;
        count += 1;
      }
    }
  }
  if (srid === 4326 && metres) {
    const assumed = explicit ? 'Se indicó EPSG:4326, pero' : 'El archivo no declara sistema de referencia y';
    // The false eastings tell the two apart: about 1 000 000 m for Bogotá zone, 5 000 000 m for CTM12.
    const mean = eastings / Math.max(count, 1);
    const hint =
      mean > 3_500_000 && mean < 6_500_000
        ? ' Por su magnitud parecen EPSG:9377.'
        : mean > 0 && mean < 2_500_000
          ? ' Por su magnitud parecen EPSG:3116.'
          : '';
    throw validationError(
      'srid',
      `${assumed} las coordenadas parecen estar en metros: indique el sistema de referencia (EPSG:3116 o EPSG:9377).${hint}`,
    );
  }
  if (srid !== 4326 && allDegrees) {
    throw validationError(
      'srid',
      `Se usó ${SRID_NAMES[srid]}, pero las coordenadas parecen estar en grados (longitud, latitud): indique EPSG:4326.`,
    );
  }
}

const insideColombia = ([lon, lat]: [number, number]) =>
  lon >= COLOMBIA_BOUNDS.minLon &&
  lon <= COLOMBIA_BOUNDS.maxLon &&
  lat >= COLOMBIA_BOUNDS.minLat &&
  lat <= COLOMBIA_BOUNDS.maxLat;

function capProblems(problems: LayerProblem[]): LayerProblem[] {
  if (problems.length <= MAX_LISTED_PROBLEMS) return problems;
  return [
    ...problems.slice(0, MAX_LISTED_PROBLEMS),
    {
      index: null,
      field: 'archivo',
      message: `Y ${(problems.length - MAX_LISTED_PROBLEMS).toLocaleString('es-CO')} problemas más en otros elementos.`,
    },
  ];
}

export async function readReferenceLayer(input: ReadLayerInput): Promise<ReadLayer> {
  if (input.srid !== undefined && !isSourceSrid(input.srid)) {
    throw validationError(
      'srid',
      `El sistema de referencia ${String(input.srid)} no está admitido: ${SUPPORTED}.`,
    );
  }
  const format = formatOfFileName(String(input.fileName ?? ''));
  if (!(input.bytes instanceof Uint8Array) || input.bytes.length === 0) {
    throw validationError('archivo', 'El archivo está vacío.');
  }
  const raw = readRaw(format, input.bytes);
  const problems: LayerProblem[] = [...raw.problems];
  const notes: LayerProblem[] = [...raw.notes];
  const sourceSrid = resolveSrid(input.srid, raw.declared, format, notes);

  const checked: Checked[] = [];
  for (const item of raw.items) {
    const result = checkGeometry(item.geometry);
    if (result.ok) checked.push({ item, geometry: result.geometry });
    else {
      const field = format === 'csv' ? `columna ${item.field}` : 'geometría';
      problems.push({
        index: item.index,
        field: item.field,
        message: `${item.label}, ${field}: ${result.message}.`,
      });
    }
  }
  assertUnits(checked, sourceSrid, input.srid !== undefined);

  const convert = toWgs84(sourceSrid);
  const features: LayerFeature[] = [];
  const outside: LayerProblem[] = [];
  let swappedInside = 0;
  for (const { item, geometry } of checked) {
    let wgs84: LayerGeometry | null = null;
    try {
      wgs84 = mapPositions(geometry, convert);
    } catch {
      // proj4 gives up on positions far outside the projection's domain: those are outside Colombia too.
    }
    let inside = wgs84 !== null;
    for (const position of wgs84 ? positionsOf(wgs84) : []) {
      // NaN (a failed projection) compares false, so it counts as outside.
      if (!insideColombia(position)) {
        inside = false;
        if (insideColombia([position[1], position[0]])) swappedInside += 1;
        break;
      }
    }
    if (inside && wgs84) features.push({ index: item.index, geometry: wgs84, properties: item.properties });
    else {
      outside.push({
        index: item.index,
        field: item.field,
        message: `${item.label}, geometría: queda fuera de Colombia con ${SRID_NAMES[sourceSrid]}.`,
      });
    }
  }
  if (features.length === 0 && outside.length > 0) {
    const swapped =
      sourceSrid === 4326 && swappedInside === outside.length
        ? ' Parecen estar en orden latitud, longitud: GeoJSON y WKT escriben primero la longitud.'
        : '';
    throw validationError(
      'srid',
      `Las coordenadas leídas con ${SRID_NAMES[sourceSrid]} quedan fuera de Colombia: revise el sistema de referencia.${swapped}`,
    );
  }
  problems.push(...outside);
  problems.sort((a, b) => (a.index ?? 0) - (b.index ?? 0));
  return { sourceSrid, format, features, problems: capProblems(problems), notes };
}

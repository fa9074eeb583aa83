/**
 * A small shapefile writer for tests and fixtures (ESRI Shapefile Technical Description, 1998): `.shp`,
 * `.shx` and a dBase III `.dbf` in UTF-8 or Windows-1252, zipped with fflate. Test support only.
 */
import { zipSync } from 'fflate';
import type { LayerGeometry, Position } from '../layer-types.ts';

export type DbfValue = string | number | null;

const SHAPE_TYPES = { point: 1, polyline: 3, polygon: 5, multipoint: 8 } as const;

function shapeTypeOf(geometries: readonly (LayerGeometry | null)[]): number {
  const first = geometries.find((geometry) => geometry !== null);
  switch (first?.type) {
    case 'Point':
      return SHAPE_TYPES.point;
    case 'MultiPoint':
      return SHAPE_TYPES.multipoint;
    case 'LineString':
    case 'MultiLineString':
      return SHAPE_TYPES.polyline;
    default:
      return SHAPE_TYPES.polygon;
  }
}

const signedArea = (ring: Position[]) => {
  let twice = 0;
  for (let i = 0; i < ring.length - 1; i += 1) {
    twice += ring[i]![0] * ring[i + 1]![1] - ring[i + 1]![0] * ring[i]![1];
  }
  return twice / 2;
};

/** Shapefile rings: outer rings clockwise, holes counter-clockwise. */
function orient(ring: Position[], clockwise: boolean): Position[] {
  return signedArea(ring) < 0 === clockwise ? ring : [...ring].reverse();
}

function partsOf(geometry: LayerGeometry): Position[][] {
  switch (geometry.type) {
    case 'Point':
      return [[geometry.coordinates]];
    case 'MultiPoint':
    case 'LineString':
      return [geometry.coordinates];
    case 'MultiLineString':
      return geometry.coordinates;
    case 'Polygon':
      return geometry.coordinates.map((ring, i) => orient(ring, i === 0));
    case 'MultiPolygon':
      return geometry.coordinates.flatMap((polygon) => polygon.map((ring, i) => orient(ring, i === 0)));
  }
}

function recordContent(shapeType: number, geometry: LayerGeometry | null): Uint8Array {
  if (geometry === null) {
    const content = new Uint8Array(4);
    new DataView(content.buffer).setInt32(0, 0, true);
    return content;
  }
  if (shapeType === SHAPE_TYPES.point) {
    const [x, y] = geometry.coordinates as Position;
    const content = new Uint8Array(20);
    const view = new DataView(content.buffer);
    view.setInt32(0, shapeType, true);
    view.setFloat64(4, x, true);
    view.setFloat64(12, y, true);
    return content;
  }
  const parts = partsOf(geometry);
  const points = parts.flat();
  const xs = points.map(([x]) => x);
  const ys = points.map(([, y]) => y);
  const multipoint = shapeType === SHAPE_TYPES.multipoint;
  const headerSize = multipoint ? 40 : 44 + 4 * parts.length;
  const content = new Uint8Array(headerSize + 16 * points.length);
  const view = new DataView(content.buffer);
  view.setInt32(0, shapeType, true);
  [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)].forEach((value, i) => {
    view.setFloat64(4 + 8 * i, value, true);
  });
  let offset = 36;
  if (multipoint) {
    view.setInt32(offset, points.length, true);
    offset += 4;
  } else {
    view.setInt32(offset, parts.length, true);
    view.setInt32(offset + 4, points.length, true);
    offset += 8;
    let start = 0;
    for (const part of parts) {
      view.setInt32(offset, start, true);
      offset += 4;
      start += part.length;
    }
  }
  for (const [x, y] of points) {
    view.setFloat64(offset, x, true);
    view.setFloat64(offset + 8, y, true);
    offset += 16;
  }
  return content;
}

function fileHeader(shapeType: number, lengthBytes: number, geometries: readonly (LayerGeometry | null)[]) {
  const header = new Uint8Array(100);
  const view = new DataView(header.buffer);
  view.setInt32(0, 9994, false);
  view.setInt32(24, lengthBytes / 2, false);
  view.setInt32(28, 1000, true);
  view.setInt32(32, shapeType, true);
  const points = geometries.flatMap((geometry) => (geometry ? partsOf(geometry).flat() : []));
  const xs = points.map(([x]) => x);
  const ys = points.map(([, y]) => y);
  if (points.length > 0) {
    [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)].forEach((value, i) => {
      view.setFloat64(36 + 8 * i, value, true);
    });
  }
  return header;
}

function concat(chunks: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((sum, chunk) => sum + chunk.length, 0));
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

export function writeShp(geometries: readonly (LayerGeometry | null)[]): {
  shp: Uint8Array;
  shx: Uint8Array;
} {
  const shapeType = shapeTypeOf(geometries);
  const records: Uint8Array[] = [];
  const index: Uint8Array[] = [];
  let offset = 100;
  geometries.forEach((geometry, i) => {
    const content = recordContent(shapeType, geometry);
    const record = new Uint8Array(8 + content.length);
    const view = new DataView(record.buffer);
    view.setInt32(0, i + 1, false);
    view.setInt32(4, content.length / 2, false);
    record.set(content, 8);
    records.push(record);
    const entry = new Uint8Array(8);
    new DataView(entry.buffer).setInt32(0, offset / 2, false);
    new DataView(entry.buffer).setInt32(4, content.length / 2, false);
    index.push(entry);
    offset += record.length;
  });
  const shpBody = concat(records);
  const shp = concat([fileHeader(shapeType, 100 + shpBody.length, geometries), shpBody]);
  const shx = concat([fileHeader(shapeType, 100 + 8 * geometries.length, geometries), ...index]);
  return { shp, shx };
}

/** The characters Windows-1252 puts at 0x80–0x9F. */
const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

export function encodeText(text: string, encoding: 'utf-8' | 'windows-1252'): Uint8Array {
  if (encoding === 'utf-8') return new TextEncoder().encode(text);
  return Uint8Array.from(text, (char) => {
    const high = CP1252_HIGH.indexOf(char);
    if (high !== -1) return 0x80 + high;
    const code = char.charCodeAt(0);
    if (code > 0xff) throw new Error(`"${char}" is not in Windows-1252`);
    return code;
  });
}

export interface DbfOptions {
  encoding?: 'utf-8' | 'windows-1252';
  /** Language driver byte: 0x57 is what ArcGIS writes for ANSI (Windows-1252). */
  languageDriver?: number;
  /** Record numbers (0-based) to mark as deleted. */
  deleted?: number[];
}

export function writeDbf(records: readonly Record<string, DbfValue>[], options: DbfOptions = {}): Uint8Array {
  const encoding = options.encoding ?? 'utf-8';
  const names = [...new Set(records.flatMap((record) => Object.keys(record)))];
  const fields = names.map((name) => {
    const values = records.map((record) => record[name] ?? null);
    const numeric = values.every((value) => value === null || typeof value === 'number');
    if (numeric) {
      const decimals = values.some((value) => typeof value === 'number' && !Number.isInteger(value)) ? 8 : 0;
      return { name, type: 'N', length: 19, decimals };
    }
    const longest = Math.max(1, ...values.map((value) => encodeText(String(value ?? ''), encoding).length));
    return { name, type: 'C', length: Math.min(254, longest), decimals: 0 };
  });
  const headerLength = 32 + 32 * fields.length + 1;
  const recordLength = 1 + fields.reduce((sum, field) => sum + field.length, 0);
  const out = new Uint8Array(headerLength + recordLength * records.length + 1);
  const view = new DataView(out.buffer);
  out[0] = 0x03;
  out.set([125, 1, 1], 1);
  view.setUint32(4, records.length, true);
  view.setUint16(8, headerLength, true);
  view.setUint16(10, recordLength, true);
  out[29] = options.languageDriver ?? 0;
  fields.forEach((field, i) => {
    const at = 32 + 32 * i;
    out.set(encodeText(field.name.slice(0, 10), 'utf-8'), at);
    out[at + 11] = field.type.charCodeAt(0);
    out[at + 16] = field.length;
    out[at + 17] = field.decimals;
  });
  out[headerLength - 1] = 0x0d;
  records.forEach((record, r) => {
    let at = headerLength + r * recordLength;
    out[at] = options.deleted?.includes(r) ? 0x2a : 0x20;
    at += 1;
    for (const field of fields) {
      const value = record[field.name] ?? null;
      let cell: string;
      if (field.type === 'N') {
        const text = value === null ? '' : (value as number).toFixed(field.decimals);
        cell = text.padStart(field.length, ' ');
      } else {
        cell = String(value ?? '');
      }
      const bytes = encodeText(cell, encoding).subarray(0, field.length);
      out.fill(0x20, at, at + field.length);
      out.set(bytes, at);
      at += field.length;
    }
  });
  out[out.length - 1] = 0x1a;
  return out;
}

/** A zip as a municipality uploads it; `files` adds or replaces members by extension. */
export function zipShapefile(
  name: string,
  geometries: readonly (LayerGeometry | null)[],
  records: readonly Record<string, DbfValue>[],
  options: DbfOptions & {
    prj?: string;
    cpg?: string;
    omit?: string[];
    extra?: Record<string, Uint8Array>;
  } = {},
): Uint8Array {
  const { shp, shx } = writeShp(geometries);
  const files: Record<string, Uint8Array> = {
    [`${name}.shp`]: shp,
    [`${name}.shx`]: shx,
    [`${name}.dbf`]: writeDbf(records, options),
  };
  if (options.prj !== undefined) files[`${name}.prj`] = encodeText(options.prj, 'utf-8');
  if (options.cpg !== undefined) files[`${name}.cpg`] = encodeText(options.cpg, 'utf-8');
  for (const ext of options.omit ?? []) delete files[`${name}.${ext}`];
  Object.assign(files, options.extra ?? {});
  // A fixed date keeps the fixture byte-for-byte reproducible.
  return zipSync(files, { mtime: new Date('2024-01-01T00:00:00Z') });
}

/** `.prj` texts as ArcGIS writes them. */
export const ESRI_PRJ = {
  3116:
    'PROJCS["MAGNA_Colombia_Bogota",GEOGCS["GCS_MAGNA",DATUM["D_MAGNA",SPHEROID["GRS_1980",6378137.0,298.257222101]],' +
    'PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Transverse_Mercator"],' +
    'PARAMETER["False_Easting",1000000.0],PARAMETER["False_Northing",1000000.0],' +
    'PARAMETER["Central_Meridian",-74.07750791666666],PARAMETER["Scale_Factor",1.0],' +
    'PARAMETER["Latitude_Of_Origin",4.596200416666666],UNIT["Meter",1.0]]',
  9377:
    'PROJCS["MAGNA-SIRGAS_Origen-Nacional",GEOGCS["GCS_MAGNA",DATUM["D_MAGNA",SPHEROID["GRS_1980",6378137.0,298.257222101]],' +
    'PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Transverse_Mercator"],' +
    'PARAMETER["False_Easting",5000000.0],PARAMETER["False_Northing",2000000.0],PARAMETER["Central_Meridian",-73.0],' +
    'PARAMETER["Scale_Factor",0.9992],PARAMETER["Latitude_Of_Origin",4.0],UNIT["Meter",1.0]]',
  4326:
    'GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],' +
    'PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]',
} as const;

/**
 * The three reference systems a municipality uploads in, how a file declares them (GeoJSON `crs`,
 * shapefile `.prj`) and the reprojection to WGS84 lon/lat with proj4.
 */
import proj4 from 'proj4';
import type { Position, SourceSrid } from './layer-types.ts';

/**
 * proj4 definitions as EPSG publishes them. MAGNA-SIRGAS coincides with WGS84 to well under a metre,
 * hence the zero `towgs84`.
 */
export const PROJ4_DEFINITIONS: Record<SourceSrid, string> = {
  4326: '+proj=longlat +datum=WGS84 +no_defs',
  // MAGNA-SIRGAS / Colombia Bogotá zone (origin at the Observatorio Astronómico de Bogotá).
  3116:
    '+proj=tmerc +lat_0=4.596200416666666 +lon_0=-74.07750791666666 +k=1 +x_0=1000000 +y_0=1000000 ' +
    '+ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs',
  // MAGNA-SIRGAS / Origen-Nacional (CTM12), IGAC resolución 471 de 2020.
  9377:
    '+proj=tmerc +lat_0=4 +lon_0=-73 +k=0.9992 +x_0=5000000 +y_0=2000000 ' +
    '+ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs',
};

export const SRID_NAMES: Record<SourceSrid, string> = {
  4326: 'EPSG:4326 (WGS84, longitud/latitud)',
  3116: 'EPSG:3116 (MAGNA-SIRGAS / Colombia Bogotá)',
  9377: 'EPSG:9377 (MAGNA-SIRGAS / Origen-Nacional, CTM12)',
};

export function isSourceSrid(value: unknown): value is SourceSrid {
  return value === 4326 || value === 3116 || value === 9377;
}

type Convert = (position: Position) => Position;
const converters = new Map<SourceSrid, { toWgs84: Convert; fromWgs84: Convert }>();

function converterFor(srid: SourceSrid) {
  let found = converters.get(srid);
  if (!found) {
    const converter = proj4(PROJ4_DEFINITIONS[srid], PROJ4_DEFINITIONS[4326]);
    found = {
      toWgs84: ([x, y]) => {
        const [lon, lat] = converter.forward([x, y]);
        return [lon!, lat!];
      },
      fromWgs84: ([lon, lat]) => {
        const [x, y] = converter.inverse([lon, lat]);
        return [x!, y!];
      },
    };
    converters.set(srid, found);
  }
  return found;
}

/** A function from the source system to WGS84 `[lon, lat]` (the identity for 4326). */
export function toWgs84(srid: SourceSrid): Convert {
  return srid === 4326 ? ([x, y]) => [x, y] : converterFor(srid).toWgs84;
}

/** WGS84 `[lon, lat]` to the given system: for building fixtures and for checks. */
export function fromWgs84(srid: SourceSrid): Convert {
  return srid === 4326 ? ([x, y]) => [x, y] : converterFor(srid).fromWgs84;
}

/** What a file says about its system: one we read, or the name of one we do not. */
export type DeclaredCrs = { srid: SourceSrid; name: string } | { srid: null; name: string };

/**
 * MAGNA-SIRGAS geographic (EPSG:4686, 2018: EPSG:20046) is read as 4326: the two datums differ by centimetres, far below
 * what a street layer can resolve.
 */
const GEOGRAPHIC_CODES = new Set([4326, 4686, 20046]);

/** A GeoJSON `crs` member: `{ type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::3116' } }`, CRS84… */
export function declaredCrsOfGeoJson(crs: unknown): DeclaredCrs | null {
  if (crs === null || typeof crs !== 'object') return null;
  const { properties } = crs as { properties?: { name?: unknown; code?: unknown } };
  // The old `{ type: 'EPSG', properties: { code: 3116 } }` form.
  const text =
    typeof properties?.name === 'string'
      ? properties.name
      : properties?.code !== undefined
        ? `EPSG:${String(properties.code)}`
        : null;
  if (!text) return null;
  if (/CRS:?84$/i.test(text.trim())) return { srid: 4326, name: text };
  const code = /EPSG(?:[:/][\d.]*)?[:/]+(\d+)$/i.exec(text.trim()) ?? /^(\d+)$/.exec(text.trim());
  const number = code ? Number(code[1]) : Number.NaN;
  if (GEOGRAPHIC_CODES.has(number)) return { srid: 4326, name: text };
  if (isSourceSrid(number)) return { srid: number, name: text };
  return { srid: null, name: text };
}

// ---- .prj (WKT1 as ESRI and GDAL write it; WKT2 as recent QGIS does) -------------------------------

interface TmercParameters {
  lat0: number;
  lon0: number;
  k: number;
  x0: number;
  y0: number;
}

const EXPECTED: Record<3116 | 9377, TmercParameters> = {
  3116: { lat0: 4.596200416666666, lon0: -74.07750791666666, k: 1, x0: 1_000_000, y0: 1_000_000 },
  9377: { lat0: 4, lon0: -73, k: 0.9992, x0: 5_000_000, y0: 2_000_000 },
};

const PARAMETER_KEYS: Record<string, keyof TmercParameters> = {
  latitudeoforigin: 'lat0',
  latitudeofnaturalorigin: 'lat0',
  centralmeridian: 'lon0',
  longitudeofnaturalorigin: 'lon0',
  longitudeofcenter: 'lon0',
  scalefactor: 'k',
  scalefactoratnaturalorigin: 'k',
  falseeasting: 'x0',
  falsenorthing: 'y0',
};

function tmercParameters(wkt: string): Partial<TmercParameters> {
  const found: Partial<TmercParameters> = {};
  for (const match of wkt.matchAll(/PARAMETER\[\s*"([^"]+)"\s*,\s*([-+]?[\d.]+(?:[eE][-+]?\d+)?)/gi)) {
    const key = PARAMETER_KEYS[match[1]!.toLowerCase().replace(/[^a-z]/g, '')];
    if (key) found[key] = Number(match[2]);
  }
  return found;
}

function matches(found: Partial<TmercParameters>, expected: TmercParameters): boolean {
  return (
    Math.abs((found.lat0 ?? Number.NaN) - expected.lat0) < 1e-7 &&
    Math.abs((found.lon0 ?? Number.NaN) - expected.lon0) < 1e-7 &&
    Math.abs((found.k ?? Number.NaN) - expected.k) < 1e-9 &&
    Math.abs((found.x0 ?? Number.NaN) - expected.x0) < 1e-3 &&
    Math.abs((found.y0 ?? Number.NaN) - expected.y0) < 1e-3
  );
}

/**
 * Recognises the system of a shapefile `.prj` by its projection parameters (names vary between ESRI,
 * GDAL and IGAC exports: `MAGNA_Colombia_Bogota`, `MAGNA-SIRGAS / Origen-Nacional`, `CTM12`…), and
 * geographic WGS84 / MAGNA-SIRGAS by its datum. Anything else is named so the error can say what it was.
 */
export function declaredCrsOfPrj(text: string): DeclaredCrs {
  const wkt = text.trim();
  const name = /^\s*[A-Z]+\[\s*"([^"]*)"/i.exec(wkt)?.[1] ?? (wkt.slice(0, 80) || '(vacío)');
  const projected = /^\s*(PROJCS|PROJCRS|PROJECTEDCRS)\[/i.test(wkt);
  if (projected) {
    const method = /(?:PROJECTION|METHOD)\[\s*"([^"]+)"/i.exec(wkt)?.[1] ?? '';
    const metres = !/UNIT\[\s*"(?:foot|us survey foot|Foot_US)/i.test(wkt);
    if (/transverse[ _]?mercator/i.test(method) && metres) {
      const found = tmercParameters(wkt);
      if (matches(found, EXPECTED[3116])) return { srid: 3116, name };
      if (matches(found, EXPECTED[9377])) return { srid: 9377, name };
    }
    return { srid: null, name };
  }
  if (/^\s*(GEOGCS|GEOGCRS|GEOGRAPHICCRS)\[/i.test(wkt)) {
    // WGS84 or MAGNA-SIRGAS in degrees: both on the GRS80/WGS84 ellipsoid with no datum shift.
    const spheroid = /(?:SPHEROID|ELLIPSOID)\[\s*"[^"]*"\s*,\s*([\d.]+)\s*,\s*([\d.]+)/i.exec(wkt);
    const geocentric =
      spheroid !== null &&
      Math.abs(Number(spheroid[1]) - 6_378_137) < 1e-3 &&
      Math.abs(Number(spheroid[2]) - 298.257) < 1e-3;
    const knownDatum = /WGS[ _]?(19)?84|MAGNA|SIRGAS/i.test(wkt);
    const degrees = !/UNIT\[\s*"(?:grad|gon)/i.test(wkt);
    if (geocentric && knownDatum && degrees) return { srid: 4326, name };
    return { srid: null, name };
  }
  return { srid: null, name };
}

/**
 * CSV layers: one geometry column in WKT (`wkt`, `geometry`, `geom`, `the_geom`, any case; EWKT's
 * `SRID=…;` prefix is understood) or, for points, a latitude and a longitude column. The other columns
 * become text properties.
 */
import { wktToGeoJSON } from '@terraformer/wkt';
import { parseCsv } from '../../../platform/csv/csv-parse.ts';
import { validationError } from '../../../platform/http/errors.ts';
import { type DeclaredCrs, declaredCrsOfGeoJson } from './crs.ts';
import type { LayerProblem, PropertyValue } from './layer-types.ts';
import { featureLabel, MAX_FEATURES, type RawItem, type RawLayer } from './raw-layer.ts';

const WKT_COLUMNS = ['wkt', 'geometry', 'geom', 'the_geom', 'geometria'];
const LAT_COLUMNS = ['lat', 'latitud', 'latitude', 'y'];
const LON_COLUMNS = ['lon', 'lng', 'long', 'longitud', 'longitude', 'x'];

const columnKey = (name: string) =>
  name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .trim()
    .toLowerCase();

/** `7.1193`, `-73,1227` (decimal comma, as Spanish-locale spreadsheets write), `1.105E6`. */
export function parseDecimal(text: string): number {
  const trimmed = text.trim();
  if (trimmed === '') return Number.NaN;
  const normalised = /^[-+]?\d+,\d+$/.test(trimmed) ? trimmed.replace(',', '.') : trimmed;
  return /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(normalised) ? Number(normalised) : Number.NaN;
}

type Geometry = { ok: true; geometry: unknown; srid: string | null } | { ok: false; message: string };

function fromWkt(text: string): Geometry {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: false, message: 'falta la geometría (celda vacía)' };
  const ewkt = /^SRID=(\d+);(.*)$/is.exec(trimmed);
  // Terraformer's grammar takes the keywords in upper case only.
  const wkt = (ewkt ? ewkt[2]! : trimmed).toUpperCase();
  try {
    return { ok: true, geometry: wktToGeoJSON(wkt), srid: ewkt ? ewkt[1]! : null };
  } catch {
    const shown = trimmed.length > 40 ? `${trimmed.slice(0, 40)}…` : trimmed;
    return { ok: false, message: `el texto WKT no es válido («${shown}»)` };
  }
}

export function readCsvLayer(text: string): RawLayer {
  const parsed = parseCsv(text);
  if (!parsed.ok) {
    throw validationError('archivo', `El CSV no se pudo leer (línea ${parsed.line}): ${parsed.detail}.`);
  }
  const [header, ...rows] = parsed.rows;
  if (!header || rows.length === 0) {
    throw validationError('archivo', 'El CSV no tiene filas de datos después de la fila de encabezados.');
  }
  if (rows.length > MAX_FEATURES) {
    throw validationError(
      'archivo',
      `El CSV tiene ${rows.length.toLocaleString('es-CO')} filas; el máximo es ${MAX_FEATURES.toLocaleString('es-CO')}.`,
    );
  }
  const names = header.cells.map((cell, i) => cell.trim() || `columna_${i + 1}`);
  const keys = names.map(columnKey);
  const find = (candidates: string[]) => {
    for (const candidate of candidates) {
      const at = keys.indexOf(candidate);
      if (at !== -1) return at;
    }
    return -1;
  };
  const wktAt = find(WKT_COLUMNS);
  const latAt = wktAt === -1 ? find(LAT_COLUMNS) : -1;
  const lonAt = wktAt === -1 ? find(LON_COLUMNS) : -1;
  if (wktAt === -1 && (latAt === -1 || lonAt === -1)) {
    throw validationError(
      'archivo',
      'El CSV no tiene columna de geometría: use una columna wkt (o geometry, geom, the_geom) con texto WKT, o las columnas lat y lon para puntos.',
    );
  }
  const geometryColumns = new Set([wktAt, latAt, lonAt].filter((at) => at !== -1));
  const items: RawItem[] = [];
  const problems: LayerProblem[] = [];
  const srids = new Set<string>();
  rows.forEach((row, position) => {
    const index = position + 1;
    const label = `${featureLabel(index)} (línea ${row.line})`;
    let geometry: Geometry;
    let field: string;
    if (wktAt !== -1) {
      field = names[wktAt]!;
      geometry = fromWkt(row.cells[wktAt] ?? '');
    } else {
      const lat = parseDecimal(row.cells[latAt] ?? '');
      const lon = parseDecimal(row.cells[lonAt] ?? '');
      field = Number.isFinite(lat) ? names[lonAt]! : names[latAt]!;
      geometry =
        Number.isFinite(lat) && Number.isFinite(lon)
          ? { ok: true, geometry: { type: 'Point', coordinates: [lon, lat] }, srid: null }
          : {
              ok: false,
              message: `«${(Number.isFinite(lat) ? row.cells[lonAt] : row.cells[latAt]) ?? ''}» no es un número`,
            };
    }
    if (!geometry.ok) {
      problems.push({ index, field, message: `${label}, columna ${field}: ${geometry.message}.` });
      return;
    }
    if (geometry.srid) srids.add(geometry.srid);
    const properties: Record<string, PropertyValue> = {};
    names.forEach((name, at) => {
      if (geometryColumns.has(at)) return;
      const value = (row.cells[at] ?? '').trim();
      properties[name] = value === '' ? null : value;
    });
    items.push({ index, label, field, geometry: geometry.geometry, properties });
  });
  // EWKT declares its system on every row: one system for all rows counts as the file's.
  let declared: DeclaredCrs | null = null;
  if (srids.size === 1) declared = declaredCrsOfGeoJson({ properties: { name: `EPSG:${[...srids][0]}` } });
  else if (srids.size > 1)
    declared = { srid: null, name: `varios (${[...srids].map((s) => `SRID=${s}`).join(', ')})` };
  return { format: 'csv', declared, items, problems, notes: [] };
}

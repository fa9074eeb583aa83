/**
 * Shapefiles, uploaded as one `.zip` with the `.shp`, `.dbf`, `.prj` and maybe `.cpg`. shpjs reads the
 * geometry without a projection (so it never reprojects behind our back: the `.prj` is recognised in
 * crs.ts, and an unknown one is refused by name); the attributes go through our DBF reader.
 */
import { unzipSync } from 'fflate';
import { parseShp } from 'shpjs';
import { validationError } from '../../../platform/http/errors.ts';
import { type DeclaredCrs, declaredCrsOfPrj } from './crs.ts';
import { DbfError, dbfRecordBytes, readDbf } from './dbf-reader.ts';
import type { LayerProblem } from './layer-types.ts';
import { featureLabel, MAX_FEATURES, type RawItem, type RawLayer } from './raw-layer.ts';
import {
  decodeText,
  encodingOfCpg,
  isValidUtf8,
  sniffEncoding,
  type TextEncodingName,
} from './text-encoding.ts';

/** What the members of one zip may add up to once uncompressed (a guard against zip bombs). */
const MAX_UNZIPPED_BYTES = 1024 * 1024 * 1024;
const MEMBERS = new Set(['shp', 'shx', 'dbf', 'prj', 'cpg']);

interface Member {
  base: string;
  ext: string;
  path: string;
}

function memberOf(path: string): Member | null {
  const name = path.split('/').pop() ?? '';
  const dot = name.lastIndexOf('.');
  if (dot <= 0 || path.includes('__MACOSX/') || name.startsWith('._')) return null;
  const ext = name.slice(dot + 1).toLowerCase();
  return MEMBERS.has(ext)
    ? { base: path.slice(0, path.length - name.length + dot).toLowerCase(), ext, path }
    : null;
}

function unzip(bytes: Uint8Array): Record<string, Uint8Array> {
  let total = 0;
  let tooLarge = false;
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, {
      filter: (file) => {
        if (!memberOf(file.name)) return false;
        total += file.originalSize;
        if (total > MAX_UNZIPPED_BYTES) tooLarge = true;
        return !tooLarge;
      },
    });
  } catch {
    throw validationError('archivo', 'El archivo .zip no se pudo abrir: revise que sea un .zip válido.');
  }
  if (tooLarge) {
    throw validationError('archivo', 'El contenido del .zip supera 1 GB descomprimido.');
  }
  return files;
}

function encodingOf(cpg: Uint8Array | undefined, dbf: Uint8Array, notes: LayerProblem[]): TextEncodingName {
  const records = dbfRecordBytes(dbf);
  if (!cpg) return sniffEncoding(records);
  const label = decodeText(cpg).trim();
  const named = encodingOfCpg(label);
  if (named === 'utf-8' && !isValidUtf8(records)) {
    notes.push({
      index: null,
      field: 'cpg',
      message: `El .cpg indica ${label}, pero los textos del .dbf no son UTF-8 válido: se leyeron como Windows-1252 (Latin-1).`,
    });
    return 'windows-1252';
  }
  if (named) return named;
  const sniffed = sniffEncoding(records);
  notes.push({
    index: null,
    field: 'cpg',
    message: `No se reconoce la codificación «${label.slice(0, 40)}» del .cpg: los textos se leyeron como ${sniffed === 'utf-8' ? 'UTF-8' : 'Windows-1252 (Latin-1)'}.`,
  });
  return sniffed;
}

function readGeometries(shp: Uint8Array): unknown[] {
  const view = new DataView(shp.buffer, shp.byteOffset, shp.byteLength);
  if (shp.length < 100 || view.getInt32(0, false) !== 9994) {
    throw validationError('archivo', 'El archivo .shp del .zip no es un shapefile válido.');
  }
  try {
    return parseShp(shp);
  } catch {
    throw validationError('archivo', 'El archivo .shp del .zip está dañado o es de un tipo no admitido.');
  }
}

export function readShapefileLayer(bytes: Uint8Array): RawLayer {
  const files = unzip(bytes);
  const byBase = new Map<string, Map<string, Uint8Array>>();
  for (const [path, content] of Object.entries(files)) {
    const member = memberOf(path);
    if (!member) continue;
    const group = byBase.get(member.base) ?? new Map<string, Uint8Array>();
    group.set(member.ext, content);
    byBase.set(member.base, group);
  }
  const layers = [...byBase.entries()].filter(([, group]) => group.has('shp'));
  if (layers.length === 0) {
    throw validationError('archivo', 'El .zip no contiene ningún archivo .shp.');
  }
  if (layers.length > 1) {
    const names = layers.map(([base]) => `${base.split('/').pop()}.shp`).join(', ');
    throw validationError('archivo', `El .zip contiene varias capas (${names}): suba una sola por archivo.`);
  }
  const [base, group] = layers[0]!;
  const name = base.split('/').pop();
  const dbf = group.get('dbf');
  if (!dbf) {
    throw validationError('archivo', `Falta el archivo ${name}.dbf con los atributos de la capa.`);
  }
  const problems: LayerProblem[] = [];
  const notes: LayerProblem[] = [];
  const prj = group.get('prj');
  const declared: DeclaredCrs | null = prj ? declaredCrsOfPrj(decodeText(prj)) : null;
  const geometries = readGeometries(group.get('shp')!);
  if (geometries.length > MAX_FEATURES) {
    throw validationError(
      'archivo',
      `La capa tiene ${geometries.length.toLocaleString('es-CO')} elementos; el máximo es ${MAX_FEATURES.toLocaleString('es-CO')}.`,
    );
  }
  let table: ReturnType<typeof readDbf>;
  try {
    table = readDbf(dbf, encodingOf(group.get('cpg'), dbf, notes));
  } catch (error) {
    if (error instanceof DbfError) throw validationError('archivo', `${name}.dbf: ${error.message}.`);
    throw error;
  }
  if (table.records.length !== geometries.length) {
    problems.push({
      index: null,
      field: 'dbf',
      message: `El .shp tiene ${geometries.length} elementos y el .dbf ${table.records.length} registros: los que no tienen pareja quedan fuera.`,
    });
  }
  const items: RawItem[] = [];
  const count = Math.min(geometries.length, table.records.length);
  for (let i = 0; i < count; i += 1) {
    const index = i + 1;
    const properties = table.records[i];
    if (properties === null || properties === undefined) {
      problems.push({
        index,
        field: 'dbf',
        message: `${featureLabel(index)}, atributos: el registro está marcado como borrado en el .dbf.`,
      });
      continue;
    }
    items.push({ index, label: featureLabel(index), field: 'geometry', geometry: geometries[i], properties });
  }
  return { format: 'shapefile', declared, items, problems, notes };
}

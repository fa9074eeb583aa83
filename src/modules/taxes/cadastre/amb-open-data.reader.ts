// Reader of the AMB's open-data form of R1/R2 (datos.gov.co `3qja-8idc` and `mjv3-q3v6`, Socrata;
// cadastre-and-registries.md §2.4): JSON as the API returns it (one object per line with leading commas,
// or all on one line), the same columns as a Socrata CSV export, or ArcGIS `features[].attributes`.
// It carries no owners, avalúo or vigencia, and the number is the 15-digit tail of the old code.

import { type CsvRow, parseCsv } from '../../../platform/csv/csv-parse.ts';
import {
  type AreaLeida,
  decodeRollContent,
  normalizeText,
  type Parsed,
  type PredioCodes,
  parseAreaM2,
  parseCount,
  parseZoneCode,
  type RollContent,
  readDestino,
  readPredioCodes,
} from './cadastral-fields.rules.ts';
import type {
  CadastralReadProblem,
  CadastralReadResult,
  CadastralRecord,
  CampoCatastral,
  Construccion,
  ZonaHomogenea,
} from './cadastral-record.ts';
import type { CatalogoDestinosEconomicos } from './destino-economico.ts';
import { requireDivipola } from './numero-predial.rules.ts';
import { isEmptyConstruction, readZone } from './r1r2.reader.ts';
import { problem, rejectDuplicatePredios } from './reader-support.ts';

export interface AmbOpenDataReadOptions {
  /** The R2 dataset, when it comes apart (R1 and R2 rows may also come in one content). */
  r2?: RollContent;
  /** DIVIPOLA code of the municipality being imported: rows of another one are refused. */
  municipio?: string;
  destinos?: CatalogoDestinosEconomicos;
}

type Row = Record<string, unknown>;
interface NumberedRow {
  line: number;
  row: Row;
}

/** Column names the AMB uses, and the renamed key of IGAC's newer cuts (§2.4: April 2026). */
const NUMBER_COLUMNS = ['numero_del_predio', 'numero_predial', 'numero_predial_nacional'] as const;
const R2_MARKERS = ['zona_fisica_1', 'zona_economica_1', 'area_terreno_1', 'uso_1', 'area_construida_1'];

function rowsFromJson(text: string): Parsed<NumberedRow[]> {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return { ok: false, detail: `El contenido no es JSON válido (${(error as Error).message}).` };
  }
  // A JSON row is located by its position in the list (1-based): the AMB's files are often one single
  // line, and in Socrata's own body (one object per line) the position is also the line.
  if (Array.isArray(data)) {
    return { ok: true, value: data.map((row, i) => ({ line: i + 1, row: row as Row })) };
  }
  const features = (data as { features?: unknown } | null)?.features;
  if (Array.isArray(features)) {
    return {
      ok: true,
      value: features.map((feature, i) => ({
        line: i + 1,
        row: (feature as { attributes?: Row })?.attributes,
      })),
    } as Parsed<NumberedRow[]>;
  }
  return {
    ok: false,
    detail: 'El JSON debe ser una lista de filas (como la entrega datos.gov.co) o un objeto con «features».',
  };
}

function rowsFromCsv(text: string): Parsed<NumberedRow[]> {
  const parsed = parseCsv(text);
  if (!parsed.ok) return { ok: false, detail: `Línea ${parsed.line}: ${parsed.detail}.` };
  const [header, ...body] = parsed.rows;
  if (!header) return { ok: true, value: [] };
  const names = header.cells.map((c) => c.trim().toLowerCase());
  return {
    ok: true,
    value: body.map(({ line, cells }: CsvRow) => ({
      line,
      row: Object.fromEntries(names.map((name, i) => [name, cells[i] ?? ''])),
    })),
  };
}

/** Rows of a JSON or CSV content, keys in lower case. */
function readRows(content: RollContent): Parsed<NumberedRow[]> {
  const text = decodeRollContent(content);
  const trimmed = text.trimStart();
  if (trimmed === '') return { ok: true, value: [] };
  const rows = trimmed.startsWith('[') || trimmed.startsWith('{') ? rowsFromJson(text) : rowsFromCsv(text);
  if (!rows.ok) return rows;
  return {
    ok: true,
    value: rows.value.map(({ line, row }) => ({
      line,
      row:
        row !== null && typeof row === 'object' && !Array.isArray(row)
          ? Object.fromEntries(Object.entries(row).map(([k, v]) => [k.trim().toLowerCase(), v]))
          : (null as unknown as Row),
    })),
  };
}

/** A cell as text: Socrata omits null fields, ArcGIS may give numbers. */
function cell(row: Row, name: string): string {
  const value = row[name];
  if (value === null || value === undefined) return '';
  return typeof value === 'string' ? value : String(value);
}

function firstCell(row: Row, names: readonly string[]): string {
  for (const name of names) {
    if (row[name] !== null && row[name] !== undefined) return cell(row, name);
  }
  return '';
}

interface R1Row {
  line: number;
  codes: PredioCodes;
  hasAnteriorColumn: boolean;
  direccion: string | null;
  destino: CadastralRecord['destino'];
  areaTerrenoM2: number | null;
  areaConstruidaM2: number | null;
}

interface R2Row {
  line: number;
  archivo: 'r2' | undefined;
  matricula: string | null;
  zonas: ZonaHomogenea[];
  construcciones: Construccion[];
}

/** Reads the AMB's R1 rows (and R2 rows, joined by predio number) into canonical records. */
export function readAmbOpenData(
  content: RollContent,
  options: AmbOpenDataReadOptions = {},
): CadastralReadResult {
  const municipio = options.municipio === undefined ? undefined : requireDivipola(options.municipio);
  const problems: CadastralReadProblem[] = [];
  const r1Rows: R1Row[] = [];
  const r2ByPredio = new Map<string, { rows: R2Row[]; failed: number[]; codes: PredioCodes }>();
  const failedR1 = new Map<string, PredioCodes>();
  let sawR2 = false;

  const readContent = (source: RollContent, archivo: 'r2' | undefined) => {
    const rows = readRows(source);
    if (!rows.ok) {
      problems.push(problem(0, 'error', 'CONTENT_INVALID', rows.detail, { archivo }));
      return;
    }
    for (const { line, row } of rows.value) {
      const errors: { field: string; code: string; detail: string }[] = [];
      const take = <T>(parsed: Parsed<T>, field: string, code: string): T | undefined => {
        if (parsed.ok) return parsed.value;
        errors.push({ field, code, detail: parsed.detail });
        return undefined;
      };
      if (row === null) {
        problems.push(
          problem(line, 'error', 'ROW_INVALID', 'La fila no es un objeto con columnas.', { archivo }),
        );
        continue;
      }
      const codes = take(
        readPredioCodes(
          cell(row, 'departamento'),
          cell(row, 'municipio'),
          firstCell(row, NUMBER_COLUMNS),
          cell(row, 'numero_predial_anterior'),
        ),
        'numeroPredial',
        'NUMERO_PREDIAL_INVALID',
      );
      if (codes && municipio !== undefined && codes.municipio !== municipio) {
        errors.push({
          field: 'municipio',
          code: 'MUNICIPIO_MISMATCH',
          detail: `la fila es del municipio ${codes.municipio} y se está importando ${municipio}`,
        });
      }
      const warn = (code: string, detail: string) =>
        problems.push(problem(line, 'aviso', code, detail, { archivo, codes }));
      if (codes?.padded)
        warn('NUMERO_PREDIAL_PADDED', 'El número predial perdió ceros a la izquierda; se completó.');
      const area = (text: string, label: string, field: string): number | null => {
        const read: AreaLeida | undefined = take(parseAreaM2(text, label), field, 'AREA_INVALID');
        if (read?.rounded) warn('AREA_ROUNDED', `${label} tenía más de dos decimales y se redondeó.`);
        return read?.value ?? null;
      };
      const isR2 = R2_MARKERS.some((name) => name in row);
      const key = codes ? (codes.nacional ?? codes.anterior)! : undefined;
      if (isR2) {
        sawR2 = true;
        const parsedR2 = readR2Row(row, line, archivo, take, area);
        if (codes && key) {
          const entry = r2ByPredio.get(key) ?? { rows: [], failed: [], codes };
          if (errors.length > 0) entry.failed.push(line);
          else entry.rows.push(parsedR2);
          r2ByPredio.set(key, entry);
        }
      } else {
        const destino = take(
          readDestino(cell(row, 'destino_economico'), options.destinos),
          'destino',
          'DESTINO_INVALID',
        );
        if (destino && !destino.known) {
          warn(
            'DESTINO_UNKNOWN',
            `El destino económico «${destino.destino.letra}» no está en el catálogo; se guardó como llegó.`,
          );
        }
        const areaTerrenoM2 = area(cell(row, 'area_terreno'), 'El área de terreno', 'areaTerrenoM2');
        const areaConstruidaM2 = area(cell(row, 'area_construida'), 'El área construida', 'areaConstruidaM2');
        if (errors.length === 0 && codes && destino) {
          r1Rows.push({
            line,
            codes,
            hasAnteriorColumn: 'numero_predial_anterior' in row,
            direccion: normalizeText(cell(row, 'direccion')),
            destino: destino.destino,
            areaTerrenoM2,
            areaConstruidaM2,
          });
        } else if (codes && key) {
          failedR1.set(key, codes);
        }
      }
      for (const { field, code, detail } of errors) {
        problems.push(
          problem(line, 'error', code, `Fila ${isR2 ? 'R2' : 'R1'}: ${detail}.`, { archivo, field, codes }),
        );
      }
    }
  };

  readContent(content, undefined);
  if (options.r2 !== undefined) {
    sawR2 = true;
    readContent(options.r2, 'r2');
  }

  const records: CadastralRecord[] = [];
  const joined = new Set<string>();
  for (const r1 of r1Rows) {
    const key = (r1.codes.nacional ?? r1.codes.anterior)!;
    joined.add(key);
    if (failedR1.has(key)) continue; // a duplicate row with errors: the predio is reported below
    const r2 = r2ByPredio.get(key);
    if (r2 && r2.failed.length > 0) {
      problems.push(
        problem(
          r1.line,
          'error',
          'PREDIO_REJECTED',
          `El predio ${key} no se importó porque sus filas R2 ${r2.failed.join(', ')} tienen errores.`,
          { codes: r1.codes },
        ),
      );
      continue;
    }
    records.push(assemble(r1, r2?.rows ?? [], sawR2, problems));
  }
  for (const [key, codes] of failedR1) {
    if (joined.has(key)) {
      problems.push(
        problem(
          r1Rows.find((r) => (r.codes.nacional ?? r.codes.anterior) === key)!.line,
          'error',
          'PREDIO_REJECTED',
          `El predio ${key} no se importó porque otra de sus filas tiene errores.`,
          { codes },
        ),
      );
    }
    joined.add(key);
  }
  for (const [key, entry] of r2ByPredio) {
    if (joined.has(key)) continue;
    const first = entry.rows[0];
    problems.push(
      problem(
        first?.line ?? entry.failed[0] ?? 0,
        'aviso',
        'R2_WITHOUT_R1',
        `Hay filas R2 del predio ${key}, que no tiene fila R1 sin errores; se ignoraron.`,
        { archivo: first?.archivo, codes: entry.codes },
      ),
    );
  }
  return { records: rejectDuplicatePredios(records, problems), problems };
}

function readR2Row(
  row: Row,
  line: number,
  archivo: 'r2' | undefined,
  take: <T>(parsed: Parsed<T>, field: string, code: string) => T | undefined,
  area: (text: string, label: string, field: string) => number | null,
): R2Row {
  const zonas: ZonaHomogenea[] = [];
  for (const n of [1, 2]) {
    const zona = readZone(
      take(
        parseZoneCode(cell(row, `zona_fisica_${n}`), `la zona física ${n}`),
        `zona_fisica_${n}`,
        'R2_FIELD_INVALID',
      ),
      take(
        parseZoneCode(cell(row, `zona_economica_${n}`), `la zona geoeconómica ${n}`),
        `zona_economica_${n}`,
        'R2_FIELD_INVALID',
      ),
      area(cell(row, `area_terreno_${n}`), `El área de terreno de la zona ${n}`, `area_terreno_${n}`),
    );
    if (zona) zonas.push(zona);
  }
  const construcciones: Construccion[] = [];
  for (const n of [1, 2, 3]) {
    const count = (name: string, label: string) =>
      take(parseCount(cell(row, `${name}_${n}`), `${label} ${n}`), `${name}_${n}`, 'R2_FIELD_INVALID') ?? 0;
    const construccion: Construccion = {
      habitaciones: count('habitaciones', 'las habitaciones de la construcción'),
      banos: count('banos', 'los baños de la construcción'),
      locales: count('locales', 'los locales de la construcción'),
      pisos: count('pisos', 'los pisos de la construcción'),
      tipificacion: count('tipificacion', 'la tipificación de la construcción'),
      uso: count('uso', 'el uso de la construcción'),
      puntaje: count('puntaje', 'el puntaje de la construcción'),
      areaConstruidaM2:
        area(cell(row, `area_construida_${n}`), `El área de la construcción ${n}`, `area_construida_${n}`) ??
        0,
    };
    if (!isEmptyConstruction(construccion)) construcciones.push(construccion);
  }
  return {
    line,
    archivo,
    matricula: normalizeText(firstCell(row, ['matricula_inmobiliaria', 'matricula'])),
    zonas,
    construcciones,
  };
}

function assemble(r1: R1Row, r2Rows: R2Row[], r2Carried: boolean, problems: CadastralReadProblem[]) {
  const zonas: ZonaHomogenea[] = [];
  for (const zona of r2Rows.flatMap((r) => r.zonas)) {
    if (!zonas.some((z) => JSON.stringify(z) === JSON.stringify(zona))) zonas.push(zona);
  }
  const construcciones = r2Rows.flatMap((r) => r.construcciones);
  const builtInR2 = construcciones.reduce((sum, c) => sum + Math.round(c.areaConstruidaM2 * 100), 0);
  if (
    r2Rows.length > 0 &&
    r1.areaConstruidaM2 !== null &&
    builtInR2 !== Math.round(r1.areaConstruidaM2 * 100)
  ) {
    problems.push(
      problem(
        r2Rows[0]!.line,
        'aviso',
        'R2_AREA_MISMATCH',
        `Las construcciones de R2 suman ${builtInR2 / 100} m² y el área construida de R1 es ${r1.areaConstruidaM2} m².`,
        { archivo: r2Rows[0]!.archivo, codes: r1.codes },
      ),
    );
  }
  const campos: CampoCatastral[] = ['direccion', 'destino', 'areaTerrenoM2', 'areaConstruidaM2'];
  if (r1.codes.carriesNacional) campos.unshift('numeroPredialNacional');
  if (r1.codes.anterior !== null || r1.hasAnteriorColumn) campos.unshift('numeroPredialAnterior');
  if (r2Carried) campos.push('zonas', 'construcciones');
  if (r2Rows.some((r) => r.matricula !== null)) campos.push('matriculaInmobiliaria');
  const record: CadastralRecord = {
    municipio: r1.codes.municipio,
    numeroPredialNacional: r1.codes.nacional,
    numeroPredialAnterior: r1.codes.anterior,
    direccion: r1.direccion,
    destino: r1.destino,
    estrato: null,
    areaTerrenoM2: r1.areaTerrenoM2,
    areaConstruidaM2: r1.areaConstruidaM2,
    avaluo: null,
    propietarios: [],
    matriculaInmobiliaria: r2Rows.find((r) => r.matricula !== null)?.matricula ?? null,
    zonas,
    construcciones,
    origen: { formato: 'amb-open-data', lineas: [r1.line], lineasR2: r2Rows.map((r) => r.line), campos },
  };
  return record;
}

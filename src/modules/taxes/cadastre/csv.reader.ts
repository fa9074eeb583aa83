// Reader of our own CSV roll, for municipalities whose gestor delivers neither R1/R2 nor open data. The
// columns are documented in README.md (this folder); testdata/ejemplo-roll.csv is a complete example.
// One row per owner, as in R1: the predio's columns repeat on each of its rows.

import { parseCsv } from '../../../platform/csv/csv-parse.ts';
import {
  decodeRollContent,
  normalizeDocumentNumber,
  normalizeText,
  type Parsed,
  parseAreaM2,
  parseDocumentType,
  parseEstrato,
  parseParticipacion,
  parsePesos,
  parseVigencia,
  type RollContent,
  readDestino,
} from './cadastral-fields.rules.ts';
import type {
  Avaluo,
  CadastralReadProblem,
  CadastralReadResult,
  CadastralRecord,
  CampoCatastral,
  DestinoEconomico,
  Propietario,
} from './cadastral-record.ts';
import { CadastreError } from './cadastre.errors.ts';
import type { CatalogoDestinosEconomicos } from './destino-economico.ts';
import { parseNumeroPredial, requireDivipola } from './numero-predial.rules.ts';
import { problem, rejectDuplicatePredios } from './reader-support.ts';

/** Every column our CSV knows, in the order the README lists them. */
export const CSV_COLUMNS = [
  'numero_predial_nacional',
  'numero_predial_anterior',
  'direccion',
  'destino_economico',
  'estrato',
  'area_terreno_m2',
  'area_construida_m2',
  'avaluo',
  'vigencia_avaluo',
  'matricula_inmobiliaria',
  'propietario_calidad',
  'propietario_tipo_documento',
  'propietario_numero_documento',
  'propietario_nombre',
  'propietario_participacion',
] as const;
type CsvColumn = (typeof CSV_COLUMNS)[number];

const REQUIRED_COLUMNS: readonly CsvColumn[] = ['destino_economico', 'avaluo', 'vigencia_avaluo'];
const OWNER_COLUMNS: readonly CsvColumn[] = [
  'propietario_calidad',
  'propietario_tipo_documento',
  'propietario_numero_documento',
  'propietario_nombre',
  'propietario_participacion',
];

/** Which canonical field each optional column fills (the codes are handled apart). */
const FIELD_OF_COLUMN: Partial<Record<CsvColumn, CampoCatastral>> = {
  numero_predial_nacional: 'numeroPredialNacional',
  numero_predial_anterior: 'numeroPredialAnterior',
  direccion: 'direccion',
  destino_economico: 'destino',
  estrato: 'estrato',
  area_terreno_m2: 'areaTerrenoM2',
  area_construida_m2: 'areaConstruidaM2',
  avaluo: 'avaluo',
  matricula_inmobiliaria: 'matriculaInmobiliaria',
};

export interface CsvReadOptions {
  /** DIVIPOLA code of the municipality: rows of another one are refused, and 25/15-digit codes completed. */
  municipio?: string;
  destinos?: CatalogoDestinosEconomicos;
}

interface PredioRow {
  line: number;
  nacional: string | null;
  anterior: string | null;
  predio: {
    direccion: string | null;
    destino: DestinoEconomico;
    estrato: number | null;
    areaTerrenoM2: number | null;
    areaConstruidaM2: number | null;
    avaluo: Avaluo;
    matriculaInmobiliaria: string | null;
  };
  owner: Propietario | null;
}

interface Group {
  rows: PredioRow[];
  failedLines: number[];
  codes: { nacional: string | null; anterior: string | null };
}

function readCode(
  text: string,
  tipo: 'nacional' | 'anterior',
  municipio: string | undefined,
): Parsed<string | null> {
  if (text.trim() === '') return { ok: true, value: null };
  try {
    const read = parseNumeroPredial(text, municipio === undefined ? {} : { municipio });
    if (read.tipo !== tipo) {
      return {
        ok: false,
        detail: `la columna del número predial ${tipo} trae un número ${read.tipo} («${text.trim()}»)`,
      };
    }
    return { ok: true, value: read.codigo };
  } catch (error) {
    if (error instanceof CadastreError) return { ok: false, detail: error.detail.replace(/\.$/, '') };
    throw error;
  }
}

function readCalidad(text: string): Parsed<Propietario['calidad']> {
  const value = normalizeText(text);
  if (value === null) return { ok: true, value: null };
  if (value === 'PROPIETARIO') return { ok: true, value: 'propietario' };
  if (value === 'POSEEDOR') return { ok: true, value: 'poseedor' };
  return {
    ok: false,
    detail: `la calidad del propietario debe ser «propietario» o «poseedor»; se leyó «${value}»`,
  };
}

/** Sum of shares equals one, in exact arithmetic. */
function sharesAddUpToOne(owners: readonly Propietario[]): boolean {
  let numerator = 0n;
  let denominator = 1n;
  for (const { participacion } of owners) {
    if (!participacion) return true;
    const n = BigInt(participacion.numerador);
    const d = BigInt(participacion.denominador);
    numerator = numerator * d + n * denominator;
    denominator *= d;
  }
  return numerator === denominator;
}

/** Reads our CSV roll into canonical records; a predio with any bad row is left out whole. */
export function readCadastralCsv(content: RollContent, options: CsvReadOptions = {}): CadastralReadResult {
  const municipio = options.municipio === undefined ? undefined : requireDivipola(options.municipio);
  const problems: CadastralReadProblem[] = [];
  const parsed = parseCsv(decodeRollContent(content));
  if (!parsed.ok) {
    problems.push(problem(parsed.line, 'error', 'CSV_INVALID', `El CSV no se puede leer: ${parsed.detail}.`));
    return { records: [], problems };
  }
  const [header, ...body] = parsed.rows;
  if (!header) {
    problems.push(problem(0, 'error', 'CSV_EMPTY', 'El archivo no tiene encabezado ni filas.'));
    return { records: [], problems };
  }
  const names = header.cells.map((c) => c.trim().toLowerCase());
  const index = new Map<string, number>();
  names.forEach((name, i) => {
    if (name !== '' && !index.has(name)) index.set(name, i);
  });
  const missing = REQUIRED_COLUMNS.filter((c) => !index.has(c));
  if (!index.has('numero_predial_nacional') && !index.has('numero_predial_anterior')) {
    missing.unshift('numero_predial_nacional o numero_predial_anterior' as CsvColumn);
  }
  if (missing.length > 0) {
    problems.push(
      problem(
        header.line,
        'error',
        'CSV_MISSING_COLUMN',
        `Faltan columnas obligatorias: ${missing.join(', ')}.`,
      ),
    );
    return { records: [], problems };
  }
  const unknown = names.filter((n) => n !== '' && !(CSV_COLUMNS as readonly string[]).includes(n));
  if (unknown.length > 0) {
    problems.push(
      problem(
        header.line,
        'aviso',
        'CSV_UNKNOWN_COLUMN',
        `Se ignoraron columnas desconocidas: ${unknown.join(', ')}.`,
      ),
    );
  }
  const campos: CampoCatastral[] = [];
  for (const column of CSV_COLUMNS) {
    const field = FIELD_OF_COLUMN[column];
    if (field && index.has(column)) campos.push(field);
  }
  if (OWNER_COLUMNS.some((c) => index.has(c))) campos.push('propietarios');

  const groups = new Map<string, Group>();
  for (const { line, cells } of body) {
    const get = (column: CsvColumn) => {
      const i = index.get(column);
      return i === undefined ? '' : (cells[i] ?? '');
    };
    const errors: { field: string; code: string; detail: string }[] = [];
    const take = <T>(result: Parsed<T>, field: string, code: string): T | undefined => {
      if (result.ok) return result.value;
      errors.push({ field, code, detail: result.detail });
      return undefined;
    };
    if (cells.length > names.length) {
      errors.push({
        field: 'linea',
        code: 'CSV_TOO_MANY_CELLS',
        detail: `la fila tiene ${cells.length} campos y el encabezado ${names.length}`,
      });
    }
    const nacional = take(
      readCode(get('numero_predial_nacional'), 'nacional', municipio),
      'numeroPredialNacional',
      'NUMERO_PREDIAL_INVALID',
    );
    const anterior = take(
      readCode(get('numero_predial_anterior'), 'anterior', municipio),
      'numeroPredialAnterior',
      'NUMERO_PREDIAL_INVALID',
    );
    const codes = { nacional: nacional ?? null, anterior: anterior ?? null };
    if (nacional === null && anterior === null) {
      errors.push({
        field: 'numeroPredial',
        code: 'NUMERO_PREDIAL_MISSING',
        detail: 'falta el número predial',
      });
    }
    if (nacional && anterior && nacional.slice(0, 5) !== anterior.slice(0, 5)) {
      errors.push({
        field: 'numeroPredial',
        code: 'NUMERO_PREDIAL_INVALID',
        detail: 'el número nacional y el anterior son de municipios distintos',
      });
    }
    const divipola = (nacional ?? anterior)?.slice(0, 5);
    if (divipola !== undefined && municipio !== undefined && divipola !== municipio) {
      errors.push({
        field: 'municipio',
        code: 'MUNICIPIO_MISMATCH',
        detail: `la fila es del municipio ${divipola} y se está importando ${municipio}`,
      });
    }
    const warn = (code: string, detail: string) =>
      problems.push(problem(line, 'aviso', code, detail, { codes }));
    const destino = take(
      readDestino(get('destino_economico'), options.destinos),
      'destino',
      'DESTINO_INVALID',
    );
    if (destino && !destino.known) {
      warn(
        'DESTINO_UNKNOWN',
        `El destino económico «${destino.destino.letra}» no está en el catálogo; se guardó como llegó.`,
      );
    }
    const area = (column: CsvColumn, label: string, field: string) => {
      const read = take(parseAreaM2(get(column), label), field, 'AREA_INVALID');
      if (read?.rounded) warn('AREA_ROUNDED', `${label} tenía más de dos decimales y se redondeó.`);
      return read?.value ?? null;
    };
    const areaTerrenoM2 = area('area_terreno_m2', 'El área de terreno', 'areaTerrenoM2');
    const areaConstruidaM2 = area('area_construida_m2', 'El área construida', 'areaConstruidaM2');
    const pesos = take(parsePesos(get('avaluo'), 'el avalúo'), 'avaluo', 'AVALUO_INVALID');
    const vigencia = take(parseVigencia(get('vigencia_avaluo')), 'vigencia', 'VIGENCIA_INVALID');
    const estrato = take(parseEstrato(get('estrato')), 'estrato', 'ESTRATO_INVALID');

    const nombre = normalizeText(get('propietario_nombre'));
    const numeroDocumento = normalizeDocumentNumber(get('propietario_numero_documento'));
    const tipoDocumento = take(
      parseDocumentType(get('propietario_tipo_documento')),
      'propietario',
      'OWNER_INVALID',
    );
    const calidad = take(readCalidad(get('propietario_calidad')), 'propietario', 'OWNER_INVALID');
    const participacion = take(
      parseParticipacion(get('propietario_participacion')),
      'propietario',
      'OWNER_INVALID',
    );
    const anyOwnerCell = OWNER_COLUMNS.some((c) => get(c).trim() !== '');
    if (anyOwnerCell && nombre === null && numeroDocumento === null) {
      errors.push({
        field: 'propietario',
        code: 'OWNER_INVALID',
        detail: 'el propietario necesita nombre o número de documento',
      });
    }

    const identity = codes.nacional ?? codes.anterior;
    if (
      errors.length > 0 ||
      !destino ||
      pesos === undefined ||
      !vigencia ||
      estrato === undefined ||
      identity === null
    ) {
      for (const { field, code, detail } of errors) {
        problems.push(problem(line, 'error', code, `Fila: ${detail}.`, { field, codes }));
      }
      // A row without a readable code cannot be tied to a predio; its own problems say why.
      if (identity !== null) {
        const group = groups.get(identity) ?? { rows: [], failedLines: [], codes };
        group.failedLines.push(line);
        groups.set(identity, group);
      }
      continue;
    }
    const group = groups.get(identity) ?? { rows: [], failedLines: [], codes };
    group.rows.push({
      line,
      nacional: codes.nacional,
      anterior: codes.anterior,
      predio: {
        direccion: normalizeText(get('direccion')),
        destino: destino.destino,
        estrato,
        areaTerrenoM2,
        areaConstruidaM2,
        avaluo: { pesos, vigencia: vigencia.vigencia, fecha: vigencia.fecha },
        matriculaInmobiliaria: normalizeText(get('matricula_inmobiliaria')),
      },
      owner: anyOwnerCell
        ? {
            calidad: calidad ?? null,
            tipoDocumento: tipoDocumento ?? null,
            numeroDocumento,
            nombre,
            participacion: participacion ?? null,
          }
        : null,
    });
    groups.set(identity, group);
  }

  const records: CadastralRecord[] = [];
  for (const [identity, group] of groups) {
    const record = assemble(identity, group, campos, problems);
    if (record) records.push(record);
  }
  return { records: rejectDuplicatePredios(records, problems), problems };
}

function assemble(
  identity: string,
  group: Group,
  campos: CampoCatastral[],
  problems: CadastralReadProblem[],
): CadastralRecord | null {
  const firstLine = Math.min(...group.rows.map((r) => r.line), ...group.failedLines);
  if (group.failedLines.length > 0) {
    // The bad rows are reported already; say so only when good rows of the predio are dropped with them.
    if (group.rows.length === 0) return null;
    problems.push(
      problem(
        firstLine,
        'error',
        'PREDIO_REJECTED',
        `El predio ${identity} no se importó porque tiene filas con errores: ${group.failedLines.join(', ')}.`,
        { codes: group.codes },
      ),
    );
    return null;
  }
  const [first, ...rest] = group.rows;
  if (!first) return null;
  const differing = rest.find(
    (r) =>
      JSON.stringify(r.predio) !== JSON.stringify(first.predio) ||
      r.nacional !== first.nacional ||
      r.anterior !== first.anterior,
  );
  if (differing) {
    problems.push(
      problem(
        differing.line,
        'error',
        'PREDIO_FIELDS_DIFFER',
        `El predio ${identity} no se importó: la fila ${differing.line} trae datos del predio distintos de la fila ${first.line} (solo las columnas del propietario pueden cambiar entre filas).`,
        { codes: group.codes },
      ),
    );
    return null;
  }
  const propietarios = group.rows.flatMap((r) => (r.owner ? [r.owner] : []));
  if (
    propietarios.length > 0 &&
    propietarios.every((p) => p.participacion) &&
    !sharesAddUpToOne(propietarios)
  ) {
    problems.push(
      problem(
        first.line,
        'aviso',
        'PARTICIPACION_SUM',
        `Las participaciones de los propietarios del predio ${identity} no suman 100 %.`,
        { codes: group.codes },
      ),
    );
  }
  return {
    municipio: identity.slice(0, 5),
    numeroPredialNacional: first.nacional,
    numeroPredialAnterior: first.anterior,
    ...first.predio,
    propietarios,
    zonas: [],
    construcciones: [],
    origen: { formato: 'csv', lineas: group.rows.map((r) => r.line), lineasR2: [], campos },
  };
}

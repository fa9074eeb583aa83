// Reader of the classic IGAC fixed-width Registro 1 and Registro 2 (cadastre-and-registries.md §2.1–§2.3).
// R1 has one line per owner, with the predio's data repeated on each; R2 adds the matrícula and the physical
// data (zonas, construcciones) and is joined to R1 by the predio number. Lines are told apart by
// TIPO_DE_REGISTRO (position 31), so R1 and R2 may come in one content or in two.
import {
  type AreaLeida,
  decodeRollContent,
  normalizeDocumentNumber,
  normalizeText,
  type Parsed,
  type PredioCodes,
  parseAreaM2,
  parseCount,
  parseDocumentType,
  parsePesos,
  parseVigenciaDdmmaaaa,
  parseZoneCode,
  type RollContent,
  readDestino,
  readPredioCodes,
  splitLines,
} from './cadastral-fields.rules.ts';
import type {
  Avaluo,
  CadastralReadProblem,
  CadastralReadResult,
  CadastralRecord,
  CampoCatastral,
  Construccion,
  DestinoEconomico,
  Propietario,
  ZonaHomogenea,
} from './cadastral-record.ts';
import type { CatalogoDestinosEconomicos } from './destino-economico.ts';
import { requireDivipola } from './numero-predial.rules.ts';
import { problem, rejectDuplicatePredios } from './reader-support.ts';

/** 1-based, inclusive [from, to] positions, as the domain document writes them. */
type Span = readonly [from: number, to: number];

/** R1, line length 312 (§2.2 [S+]). */
export const R1_LAYOUT = {
  length: 312,
  /** A line cut right after VIGENCIA is an R1 whose trailing blank NUMERO_PREDIAL_ANTERIOR was trimmed. */
  minimumLength: 297,
  fields: {
    departamento: [1, 2],
    municipio: [3, 5],
    numeroDelPredio: [6, 30],
    tipoDeRegistro: [31, 31],
    numeroDeOrden: [32, 34],
    totalRegistros: [35, 37],
    nombre: [38, 137],
    estadoCivil: [138, 138],
    tipoDocumento: [139, 139],
    numeroDocumento: [140, 151],
    direccion: [152, 251],
    comuna: [252, 252],
    destinoEconomico: [253, 253],
    areaTerreno: [254, 268],
    areaConstruida: [269, 274],
    avaluo: [275, 289],
    vigencia: [290, 297],
    numeroPredialAnterior: [298, 312],
  },
} as const satisfies { length: number; minimumLength: number; fields: Record<string, Span> };

/** Offsets inside one 26-character construction block of R2. */
const CONSTRUCTION_BLOCK = {
  habitaciones: [0, 4],
  banos: [4, 8],
  locales: [8, 12],
  pisos: [12, 14],
  tipificacion: [14, 15],
  uso: [15, 18],
  puntaje: [18, 20],
  areaConstruida: [20, 26],
} as const;

/** R2, line length 330 (§2.3 [S]: one parser lineage; check against the first real file). */
export const R2_LAYOUT = {
  length: 330,
  minimumLength: 315,
  fields: {
    departamento: [1, 2],
    municipio: [3, 5],
    numeroDelPredio: [6, 30],
    tipoDeRegistro: [31, 31],
    numeroDeOrden: [32, 34],
    totalRegistros: [35, 37],
    matriculaInmobiliaria: [38, 55],
    zonaFisica1: [78, 80],
    zonaEconomica1: [81, 83],
    areaTerreno1: [84, 98],
    zonaFisica2: [121, 123],
    zonaEconomica2: [124, 126],
    areaTerreno2: [127, 141],
    vigencia: [308, 315],
    numeroPredialAnterior: [316, 330],
  },
  /** First position of each construction block: 22 blanks of filler sit before blocks 2 and 3. */
  constructionBlockStarts: [164, 212, 260],
} as const;

const cut = (line: string, [from, to]: Span): string => line.slice(from - 1, to);
const DOS_END_OF_FILE = String.fromCharCode(0x1a);

export interface R1R2ReadOptions {
  /** The R2 file, when it comes apart from R1. */
  r2?: RollContent;
  /** DIVIPOLA code of the municipality being imported: lines of another one are refused. */
  municipio?: string;
  /** The gestor's destino list (default: Res. IGAC 70/2011). */
  destinos?: CatalogoDestinosEconomicos;
}

interface PredioFields {
  direccion: string | null;
  destino: DestinoEconomico;
  areaTerrenoM2: number | null;
  areaConstruidaM2: number | null;
  avaluo: Avaluo;
}

interface LineBase {
  line: number;
  archivo: 'r2' | undefined;
  codes: PredioCodes;
  orden: number;
  total: number;
}

interface R1Fields {
  owner: Propietario | null;
  predio: PredioFields;
}
type R1Line = LineBase & R1Fields;

interface R2Fields {
  matricula: string | null;
  zonas: ZonaHomogenea[];
  construcciones: Construccion[];
}
type R2Line = LineBase & R2Fields;

interface Group<T> {
  /** Lines read without error. */
  lines: T[];
  /** Lines with errors (their problems are already reported). */
  failedLines: number[];
  codes: PredioCodes | null;
}

/** Groups of lines by predio key; remembers the last group, since a predio's lines usually follow each other. */
class LineGroups<T> extends Map<string, Group<T>> {
  private lastKey: string | undefined;
  private lastGroup: Group<T> | undefined;

  for(key: string): Group<T> {
    if (key === this.lastKey && this.lastGroup) return this.lastGroup;
    let group = this.get(key);
    if (!group) {
      group = { lines: [], failedLines: [], codes: null };
      this.set(key, group);
    }
    this.lastKey = key;
    this.lastGroup = group;
    return group;
  }

  override delete(key: string): boolean {
    if (key === this.lastKey) this.lastKey = undefined;
    return super.delete(key);
  }
}

/** Collects a line's field errors, so one line reports every bad field at once. */
class LineErrors {
  readonly details: { field: string; detail: string }[] = [];
  take<T>(parsed: Parsed<T>, field: string): T | undefined {
    if (parsed.ok) return parsed.value;
    this.details.push({ field, detail: parsed.detail });
    return undefined;
  }
}

function areaValue(
  area: AreaLeida | undefined,
  label: string,
  lineNumber: number,
  warn: (line: number, code: string, detail: string) => void,
) {
  if (area?.rounded) warn(lineNumber, 'AREA_ROUNDED', `${label} tenía más de dos decimales y se redondeó.`);
  return area?.value ?? null;
}

/**
 * Reads R1 (and R2) fixed-width lines into canonical records, one per predio. A predio any of whose lines
 * has an error is left out whole and named in the problems, so no record comes with half its owners.
 */
export function readR1R2(content: RollContent, options: R1R2ReadOptions = {}): CadastralReadResult {
  const municipio = options.municipio === undefined ? undefined : requireDivipola(options.municipio);
  const problems: CadastralReadProblem[] = [];
  const r1Groups = new LineGroups<R1Line>();
  const r2Groups = new LineGroups<R2Line>();
  let sawR2 = false;

  const readContent = (text: string, archivo: 'r2' | undefined) => {
    splitLines(text).forEach((raw, index) => {
      const lineNumber = index + 1;
      // Blank lines, and the Ctrl-Z end-of-file mark of DOS-era exports, are not records.
      if (
        !/\S/.test(raw) ||
        (raw.includes(DOS_END_OF_FILE) && raw.replaceAll(DOS_END_OF_FILE, '').trim() === '')
      ) {
        return;
      }
      const report = (code: string, detail: string, field?: string, codes?: PredioCodes) =>
        problems.push(problem(lineNumber, 'error', code, detail, { archivo, field, codes }));
      const warn = (line: number, code: string, detail: string, codes?: PredioCodes) =>
        problems.push(problem(line, 'aviso', code, detail, { archivo, codes }));

      const tipo = raw.length >= 31 ? raw[30] : undefined;
      const layout = tipo === '1' ? R1_LAYOUT : tipo === '2' ? R2_LAYOUT : undefined;
      if (layout === undefined) {
        report(
          raw.length < R1_LAYOUT.minimumLength ? 'LINE_INVALID_LENGTH' : 'RECORD_TYPE_UNKNOWN',
          raw.length < R1_LAYOUT.minimumLength
            ? `La línea tiene ${raw.length} caracteres; una línea R1 tiene ${R1_LAYOUT.length} y una R2 ${R2_LAYOUT.length}.`
            : `La posición 31 (TIPO_DE_REGISTRO) debe ser 1 (R1) o 2 (R2); se leyó «${tipo}».`,
        );
        return;
      }
      const key = raw.slice(0, 30).trim();
      const group: Group<LineBase> = tipo === '1' ? r1Groups.for(key) : r2Groups.for(key);
      if (raw.length > layout.length || raw.length < layout.minimumLength) {
        report(
          'LINE_INVALID_LENGTH',
          `La línea R${tipo} tiene ${raw.length} caracteres y debe tener ${layout.length}.`,
        );
        group.failedLines.push(lineNumber);
        return;
      }
      const line = raw.padEnd(layout.length, ' ');
      const errors = new LineErrors();
      const codes = errors.take(
        readPredioCodes(
          cut(line, layout.fields.departamento),
          cut(line, layout.fields.municipio),
          cut(line, layout.fields.numeroDelPredio),
          cut(line, layout.fields.numeroPredialAnterior),
        ),
        'numeroPredial',
      );
      if (codes && municipio !== undefined && codes.municipio !== municipio) {
        errors.details.push({
          field: 'municipio',
          detail: `la línea es del municipio ${codes.municipio} y se está importando ${municipio}`,
        });
      }
      if (codes?.padded) {
        warn(
          lineNumber,
          'NUMERO_PREDIAL_PADDED',
          'El número predial perdió ceros a la izquierda; se completó.',
          codes,
        );
      }
      const orden = errors.take(
        parseCount(cut(line, layout.fields.numeroDeOrden), 'el número de orden'),
        'orden',
      );
      const total = errors.take(
        parseCount(cut(line, layout.fields.totalRegistros), 'el total de registros'),
        'total',
      );
      if (tipo === '2') sawR2 = true;

      const lineWarn = (code: string, detail: string) => warn(lineNumber, code, detail, codes);
      const r1 =
        tipo === '1' ? readR1Fields(line, lineNumber, errors, options.destinos, lineWarn) : undefined;
      const r2 = tipo === '2' ? readR2Fields(line, lineNumber, errors, lineWarn) : undefined;
      if (codes && group.codes === null) group.codes = codes;
      if (errors.details.length > 0 || !codes || orden === undefined || total === undefined || (!r1 && !r2)) {
        for (const { field, detail } of errors.details) {
          report(codeForField(field), `Línea R${tipo}: ${detail}.`, field, codes);
        }
        group.failedLines.push(lineNumber);
        return;
      }
      if (r1) {
        r1Groups
          .for(key)
          .lines.push({ line: lineNumber, archivo, codes, orden, total, owner: r1.owner, predio: r1.predio });
      } else if (r2) {
        r2Groups.for(key).lines.push({
          line: lineNumber,
          archivo,
          codes,
          orden,
          total,
          matricula: r2.matricula,
          zonas: r2.zonas,
          construcciones: r2.construcciones,
        });
      }
    });
  };

  readContent(decodeRollContent(content), undefined);
  if (options.r2 !== undefined) {
    sawR2 = true;
    readContent(decodeRollContent(options.r2), 'r2');
  }

  const records: CadastralRecord[] = [];
  for (const [key, group] of r1Groups) {
    const r2 = r2Groups.get(key);
    r2Groups.delete(key);
    const record = assemblePredio(group, r2, sawR2, problems);
    if (record) records.push(record);
  }
  for (const group of r2Groups.values()) {
    const first = group.lines[0] ?? null;
    const line = first?.line ?? group.failedLines[0] ?? 0;
    problems.push(
      problem(
        line,
        'aviso',
        'R2_WITHOUT_R1',
        'Hay líneas R2 de un predio que no tiene líneas R1 sin errores; se ignoraron.',
        { archivo: first?.archivo, codes: group.codes },
      ),
    );
  }
  return { records: rejectDuplicatePredios(records, problems), problems };
}

function codeForField(field: string): string {
  switch (field) {
    case 'numeroPredial':
      return 'NUMERO_PREDIAL_INVALID';
    case 'municipio':
      return 'MUNICIPIO_MISMATCH';
    case 'avaluo':
      return 'AVALUO_INVALID';
    case 'vigencia':
      return 'VIGENCIA_INVALID';
    case 'destino':
      return 'DESTINO_INVALID';
    case 'areaTerrenoM2':
    case 'areaConstruidaM2':
      return 'AREA_INVALID';
    case 'orden':
    case 'total':
      return 'ORDEN_INVALID';
    default:
      return 'FIELD_INVALID';
  }
}

function readR1Fields(
  line: string,
  lineNumber: number,
  errors: LineErrors,
  destinos: CatalogoDestinosEconomicos | undefined,
  warn: (code: string, detail: string) => void,
): R1Fields | undefined {
  const f = R1_LAYOUT.fields;
  const destinoRead = errors.take(readDestino(cut(line, f.destinoEconomico), destinos), 'destino');
  if (destinoRead && !destinoRead.known) {
    warn(
      'DESTINO_UNKNOWN',
      `El destino económico «${destinoRead.destino.letra}» no está en el catálogo; se guardó como llegó.`,
    );
  }
  const warnArea = (_line: number, code: string, detail: string) => warn(code, detail);
  const areaTerreno = errors.take(
    parseAreaM2(cut(line, f.areaTerreno), 'el área de terreno'),
    'areaTerrenoM2',
  );
  const areaConstruida = errors.take(
    parseAreaM2(cut(line, f.areaConstruida), 'el área construida'),
    'areaConstruidaM2',
  );
  const pesos = errors.take(parsePesos(cut(line, f.avaluo), 'el avalúo'), 'avaluo');
  const vigencia = errors.take(parseVigenciaDdmmaaaa(cut(line, f.vigencia)), 'vigencia');

  const nombre = normalizeText(cut(line, f.nombre));
  const numeroDocumento = normalizeDocumentNumber(cut(line, f.numeroDocumento));
  const tipoDocumento = parseDocumentType(cut(line, f.tipoDocumento));
  if (!tipoDocumento.ok) warn('DOCUMENT_TYPE_UNKNOWN', `El ${tipoDocumento.detail}; se guardó sin tipo.`);
  const owner: Propietario | null =
    nombre === null && numeroDocumento === null
      ? null
      : {
          calidad: null,
          tipoDocumento: tipoDocumento.ok ? tipoDocumento.value : null,
          numeroDocumento,
          nombre,
          participacion: null,
        };
  if (!destinoRead || pesos === undefined || !vigencia || !areaTerreno || !areaConstruida) return undefined;
  return {
    owner,
    predio: {
      direccion: normalizeText(cut(line, f.direccion)),
      destino: destinoRead.destino,
      areaTerrenoM2: areaValue(areaTerreno, 'El área de terreno', lineNumber, warnArea),
      areaConstruidaM2: areaValue(areaConstruida, 'El área construida', lineNumber, warnArea),
      avaluo: { pesos, vigencia: vigencia.vigencia, fecha: vigencia.fecha },
    },
  };
}

function readR2Fields(
  line: string,
  lineNumber: number,
  errors: LineErrors,
  warn: (code: string, detail: string) => void,
): R2Fields {
  const f = R2_LAYOUT.fields;
  const warnArea = (_line: number, code: string, detail: string) => warn(code, detail);
  errors.take(parseVigenciaDdmmaaaa(cut(line, f.vigencia)), 'vigencia');
  const zonas: ZonaHomogenea[] = [];
  for (const [fisica, economica, area, n] of [
    [f.zonaFisica1, f.zonaEconomica1, f.areaTerreno1, 1],
    [f.zonaFisica2, f.zonaEconomica2, f.areaTerreno2, 2],
  ] as const) {
    const zona = readZone(
      errors.take(parseZoneCode(cut(line, fisica), `la zona física ${n}`), `zonaFisica${n}`),
      errors.take(parseZoneCode(cut(line, economica), `la zona geoeconómica ${n}`), `zonaEconomica${n}`),
      areaValue(
        errors.take(parseAreaM2(cut(line, area), `el área de terreno de la zona ${n}`), `areaTerreno${n}`),
        `El área de terreno de la zona ${n}`,
        lineNumber,
        warnArea,
      ),
    );
    if (zona) zonas.push(zona);
  }
  const construcciones: Construccion[] = [];
  R2_LAYOUT.constructionBlockStarts.forEach((start, index) => {
    const n = index + 1;
    const block = (name: keyof typeof CONSTRUCTION_BLOCK) => {
      const [from, to] = CONSTRUCTION_BLOCK[name];
      return line.slice(start - 1 + from, start - 1 + to);
    };
    const count = (name: Exclude<keyof typeof CONSTRUCTION_BLOCK, 'areaConstruida'>, label: string) =>
      errors.take(parseCount(block(name), `${label} de la construcción ${n}`), `${name}${n}`) ?? 0;
    const construccion: Construccion = {
      habitaciones: count('habitaciones', 'las habitaciones'),
      banos: count('banos', 'los baños'),
      locales: count('locales', 'los locales'),
      pisos: count('pisos', 'los pisos'),
      tipificacion: count('tipificacion', 'la tipificación'),
      uso: count('uso', 'el uso'),
      puntaje: count('puntaje', 'el puntaje'),
      areaConstruidaM2:
        areaValue(
          errors.take(
            parseAreaM2(block('areaConstruida'), `el área de la construcción ${n}`),
            `areaConstruida${n}`,
          ),
          `El área de la construcción ${n}`,
          lineNumber,
          warnArea,
        ) ?? 0,
    };
    if (!isEmptyConstruction(construccion)) construcciones.push(construccion);
  });
  return {
    matricula: normalizeText(cut(line, f.matriculaInmobiliaria)),
    zonas,
    construcciones,
  };
}

/** A zone slot in zeros (or blank) is an unused slot, not a zone. */
export function readZone(
  zonaFisica: string | null | undefined,
  zonaGeoeconomica: string | null | undefined,
  areaTerrenoM2: number | null,
): ZonaHomogenea | null {
  const fisica = zonaFisica ?? '00';
  const economica = zonaGeoeconomica ?? '00';
  const area = areaTerrenoM2 ?? 0;
  if (fisica === '00' && economica === '00' && area === 0) return null;
  return { zonaFisica: fisica, zonaGeoeconomica: economica, areaTerrenoM2: area };
}

/** An all-zero construction block is an unused slot (block 3 of most R2 lines). */
export function isEmptyConstruction(c: Construccion): boolean {
  return (
    c.habitaciones === 0 &&
    c.banos === 0 &&
    c.locales === 0 &&
    c.pisos === 0 &&
    c.tipificacion === 0 &&
    c.uso === 0 &&
    c.puntaje === 0 &&
    c.areaConstruidaM2 === 0
  );
}

/** Checks that a predio's lines are numbered 1…n with n = TOTAL_REGISTROS; returns the problem or null. */
function orderProblem(lines: readonly { orden: number; total: number }[]): string | null {
  const total = lines[0]?.total ?? 0;
  const ordenes = lines.map((l) => l.orden).sort((a, b) => a - b);
  const expected = Array.from({ length: total }, (_, i) => i + 1);
  if (lines.every((l) => l.total === total) && ordenes.join() === expected.join()) return null;
  return `TOTAL_REGISTROS dice ${total} y llegaron las líneas con número de orden ${ordenes.join(', ') || 'ninguno'}`;
}

const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The predio data every owner line repeats (§2.1) is the same on two lines. */
function samePredioData(a: R1Line, b: R1Line): boolean {
  const p = a.predio;
  const q = b.predio;
  return (
    a.codes.nacional === b.codes.nacional &&
    a.codes.anterior === b.codes.anterior &&
    p.direccion === q.direccion &&
    p.destino.letra === q.destino.letra &&
    p.areaTerrenoM2 === q.areaTerrenoM2 &&
    p.areaConstruidaM2 === q.areaConstruidaM2 &&
    p.avaluo.pesos === q.avaluo.pesos &&
    p.avaluo.fecha === q.avaluo.fecha
  );
}

function assemblePredio(
  r1: Group<R1Line>,
  r2: Group<R2Line> | undefined,
  r2Carried: boolean,
  problems: CadastralReadProblem[],
): CadastralRecord | null {
  const codes = r1.codes;
  const firstLine = Math.min(...r1.lines.map((l) => l.line), ...r1.failedLines);
  const reject = (code: string, detail: string, line = firstLine) => {
    problems.push(problem(line, 'error', code, detail, { codes }));
    return null;
  };
  const label = codes ? (codes.nacional ?? codes.anterior) : null;
  if (r1.failedLines.length > 0 || (r2 && r2.failedLines.length > 0)) {
    // The bad lines are reported already; say so only when good lines of the predio are dropped with them.
    if (label === null || r1.lines.length + (r2?.lines.length ?? 0) === 0) return null;
    const bad = [...r1.failedLines, ...(r2?.failedLines ?? []).map((l) => `${l} (R2)`)];
    return reject(
      'PREDIO_REJECTED',
      `El predio ${label} no se importó porque tiene líneas con errores: ${bad.join(', ')}.`,
    );
  }
  const lines = [...r1.lines].sort((a, b) => a.orden - b.orden);
  const first = lines[0]!;
  const r1Order = orderProblem(lines);
  if (r1Order) return reject('OWNER_COUNT_MISMATCH', `El predio ${label} no se importó: en R1, ${r1Order}.`);
  const differing = lines.length > 1 ? lines.find((l) => !samePredioData(l, first)) : undefined;
  if (differing) {
    return reject(
      'PREDIO_FIELDS_DIFFER',
      `El predio ${label} no se importó: la línea ${differing.line} trae dirección, destino, áreas, avalúo o número anterior distintos de la línea ${first.line}.`,
      differing.line,
    );
  }
  const r2Lines = r2 ? [...r2.lines].sort((a, b) => a.orden - b.orden) : [];
  if (r2Lines.length > 0) {
    const r2Order = orderProblem(r2Lines);
    if (r2Order) return reject('R2_ORDER_INVALID', `El predio ${label} no se importó: en R2, ${r2Order}.`);
  }
  const zonas: ZonaHomogenea[] = [];
  for (const zona of r2Lines.flatMap((l) => l.zonas)) {
    // Each R2 line may repeat the predio's zones, as R1 repeats the predio data.
    if (!zonas.some((z) => sameJson(z, zona))) zonas.push(zona);
  }
  const construcciones = r2Lines.flatMap((l) => l.construcciones);
  const predio = first.predio;
  const builtInR2 = construcciones.reduce((sum, c) => sum + Math.round(c.areaConstruidaM2 * 100), 0);
  if (
    r2Lines.length > 0 &&
    predio.areaConstruidaM2 !== null &&
    builtInR2 !== Math.round(predio.areaConstruidaM2 * 100)
  ) {
    problems.push(
      problem(
        r2Lines[0]!.line,
        'aviso',
        'R2_AREA_MISMATCH',
        `Las construcciones de R2 suman ${builtInR2 / 100} m² y el área construida de R1 es ${predio.areaConstruidaM2} m².`,
        { archivo: r2Lines[0]!.archivo, codes },
      ),
    );
  }
  const propietarios = lines.flatMap((l) => (l.owner ? [l.owner] : []));
  const campos: CampoCatastral[] = [
    'numeroPredialAnterior',
    'direccion',
    'destino',
    'areaTerrenoM2',
    'areaConstruidaM2',
    'avaluo',
  ];
  if (first.codes.carriesNacional) campos.unshift('numeroPredialNacional');
  if (propietarios.length > 0) campos.push('propietarios');
  if (r2Carried) campos.push('matriculaInmobiliaria', 'zonas', 'construcciones');
  return {
    municipio: first.codes.municipio,
    numeroPredialNacional: first.codes.nacional,
    numeroPredialAnterior: first.codes.anterior,
    direccion: predio.direccion,
    destino: predio.destino,
    estrato: null,
    areaTerrenoM2: predio.areaTerrenoM2,
    areaConstruidaM2: predio.areaConstruidaM2,
    avaluo: predio.avaluo,
    propietarios,
    matriculaInmobiliaria: r2Lines.find((l) => l.matricula !== null)?.matricula ?? null,
    zonas,
    construcciones,
    origen: {
      formato: 'r1r2',
      lineas: lines.map((l) => l.line),
      lineasR2: r2Lines.map((l) => l.line),
      campos,
    },
  };
}

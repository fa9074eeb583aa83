// Field-level reading shared by every reader: text decoding, normalisation of names and documents, and
// exact parsing of pesos, areas, dates and shares. Each parser returns a result instead of throwing, so a
// reader can point at the line and go on with the next one.
import type { DestinoEconomico, Participacion, TipoDocumento } from './cadastral-record.ts';
import {
  type CatalogoDestinosEconomicos,
  DESTINOS_IGAC_RES_70_2011,
  findDestinoEconomico,
} from './destino-economico.ts';

export type Parsed<T> = { ok: true; value: T } | { ok: false; detail: string };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = <T>(detail: string): Parsed<T> => ({ ok: false, detail });

/** What a reader accepts: text, or the bytes of a file (UTF-8, else Windows-1252 as IGAC files are). */
export type RollContent = string | Uint8Array;

/** Text of a roll: UTF-8 when the bytes are valid UTF-8, otherwise Windows-1252 (latin-1, §2.2). */
export function decodeRollContent(content: RollContent): string {
  let text: string;
  if (typeof content === 'string') {
    text = content;
  } else {
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(content);
    } catch {
      text = new TextDecoder('windows-1252').decode(content);
    }
  }
  return text.startsWith('\uFEFF') ? text.slice(1) : text;
}

/** Lines without their CR/LF; a final empty line (file ending in a newline) is not a line. */
export function splitLines(text: string): string[] {
  const lines = text.split(/\r\n|\n|\r/);
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** Trim, one space between words, upper-case; empty becomes null. Accents are kept. */
export function normalizeText(text: string | null | undefined): string | null {
  if (text === null || text === undefined) return null;
  const normal = text.replace(/\s+/g, ' ').trim().toUpperCase();
  return normal === '' ? null : normal;
}

/**
 * A document number normalised like names; a number made only of digits (with dots or spaces between
 * groups) loses the separators and the zero padding of fixed-width files (`000091234567` → `91234567`),
 * so the same person matches across forms. Anything else (passports, NIT with `-DV`) is kept as written.
 */
export function normalizeDocumentNumber(text: string | null | undefined): string | null {
  const normal = normalizeText(text);
  if (normal === null) return null;
  if (/^[\d. ]+$/.test(normal)) {
    const digits = normal.replace(/[. ]/g, '').replace(/^0+/, '');
    return digits === '' ? null : digits;
  }
  return normal;
}

const DOCUMENT_TYPES: Readonly<Record<string, TipoDocumento>> = {
  C: 'CC',
  CC: 'CC',
  N: 'NIT',
  NIT: 'NIT',
  E: 'CE',
  CE: 'CE',
  T: 'TI',
  TI: 'TI',
  P: 'PA',
  PA: 'PA',
  PAS: 'PA',
  R: 'RC',
  RC: 'RC',
  S: 'SEC',
  SEC: 'SEC',
};

/** Document type from an R1 letter (C, N, E, T, P, R) or our abbreviation; null when blank. */
export function parseDocumentType(text: string | null | undefined): Parsed<TipoDocumento | null> {
  const code = normalizeText(text);
  if (code === null) return ok(null);
  const type = DOCUMENT_TYPES[code];
  return type === undefined
    ? fail(`el tipo de documento «${code}» no es C, N, E, T, P, R ni S (o CC, NIT, CE, TI, PA, RC, SEC)`)
    : ok(type);
}

const MAX_PESOS_DIGITS = 15;

/** Integer pesos: digits only (zero padding allowed), at most 15 significant digits. */
export function parsePesos(text: string | null | undefined, label: string): Parsed<number> {
  const value = (text ?? '').trim();
  if (value === '') return fail(`falta ${label}`);
  if (!/^\d+$/.test(value)) {
    return fail(
      `${label} debe ser un número entero de pesos, solo dígitos sin puntos ni comas; se leyó «${value}»`,
    );
  }
  const significant = value.replace(/^0+(?=\d)/, '');
  if (significant.length > MAX_PESOS_DIGITS) return fail(`${label} pasa de ${MAX_PESOS_DIGITS} dígitos`);
  return ok(Number(significant));
}

/** An area with its rounding flag: sources with more than 2 decimals are rounded half-up to 2. */
export interface AreaLeida {
  value: number | null;
  rounded: boolean;
}

const MAX_AREA_INTEGER_DIGITS = 13;

/**
 * Square metres from digits with an optional decimal point or comma; blank is null. Computed from the
 * digits (not with float arithmetic) so `55.10` is exactly the number 55.1.
 */
export function parseAreaM2(text: string | null | undefined, label: string): Parsed<AreaLeida> {
  const value = (text ?? '').trim();
  if (value === '') return ok({ value: null, rounded: false });
  const match = /^(\d+)(?:[.,](\d+))?$/.exec(value);
  if (match === null) return fail(`${label} debe ser un número de metros cuadrados; se leyó «${value}»`);
  const integerDigits = match[1]!.replace(/^0+(?=\d)/, '');
  if (integerDigits.length > MAX_AREA_INTEGER_DIGITS) return fail(`${label} es demasiado grande: «${value}»`);
  const decimals = match[2] ?? '';
  let cents = Number(integerDigits) * 100 + Number(decimals.slice(0, 2).padEnd(2, '0'));
  const rounded = decimals.length > 2;
  if (rounded && Number(decimals[2]) >= 5) cents += 1;
  return ok({ value: cents / 100, rounded });
}

/** A small count (habitaciones, pisos, uso, puntaje): digits; blank counts as 0 (empty R2 blocks). */
export function parseCount(text: string | null | undefined, label: string): Parsed<number> {
  const value = (text ?? '').trim();
  if (value === '') return ok(0);
  if (!/^\d{1,9}$/.test(value)) return fail(`${label} debe ser un número entero; se leyó «${value}»`);
  return ok(Number(value));
}

function isoDate(year: number, month: number, day: number): string | null {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    return null;
  }
  return date.toISOString().slice(0, 10);
}

const MIN_YEAR = 1900;
const MAX_YEAR = 2200;

/** A roll repeats one or two vigencia dates on every line: parse each distinct text once. */
const vigenciaCache = new Map<string, Parsed<{ vigencia: number; fecha: string }>>();

/** R1/R2 `VIGENCIA`: DDMMAAAA (§2.2), e.g. `01012024` → vigencia 2024, fecha 2024-01-01. */
export function parseVigenciaDdmmaaaa(
  text: string | null | undefined,
): Parsed<{ vigencia: number; fecha: string }> {
  const value = (text ?? '').trim();
  const cached = vigenciaCache.get(value);
  if (cached) return cached;
  const parsed = parseDdmmaaaa(value);
  if (vigenciaCache.size < 1000) vigenciaCache.set(value, parsed);
  return parsed;
}

function parseDdmmaaaa(value: string): Parsed<{ vigencia: number; fecha: string }> {
  const match = /^(\d{2})(\d{2})(\d{4})$/.exec(value);
  const year = match ? Number(match[3]) : Number.NaN;
  const fecha = match ? isoDate(year, Number(match[2]), Number(match[1])) : null;
  if (fecha === null || year < MIN_YEAR || year > MAX_YEAR) {
    return fail(`la vigencia debe ser una fecha DDMMAAAA; se leyó «${value}»`);
  }
  return ok({ vigencia: year, fecha });
}

/** Vigencia in our CSV: a year `AAAA` or a date `AAAA-MM-DD`. */
export function parseVigencia(
  text: string | null | undefined,
): Parsed<{ vigencia: number; fecha: string | null }> {
  const value = (text ?? '').trim();
  const yearOnly = /^(\d{4})$/.exec(value);
  if (yearOnly) {
    const year = Number(yearOnly[1]);
    if (year >= MIN_YEAR && year <= MAX_YEAR) return ok({ vigencia: year, fecha: null });
  }
  const dated = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (dated) {
    const year = Number(dated[1]);
    const fecha = isoDate(year, Number(dated[2]), Number(dated[3]));
    if (fecha !== null && year >= MIN_YEAR && year <= MAX_YEAR) return ok({ vigencia: year, fecha });
  }
  return fail(`la vigencia del avalúo debe ser un año AAAA o una fecha AAAA-MM-DD; se leyó «${value}»`);
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

/** A fraction in lowest terms. */
export function reduceParticipacion(numerador: number, denominador: number): Participacion {
  const divisor = gcd(numerador, denominador) || 1;
  return { numerador: numerador / divisor, denominador: denominador / divisor };
}

/**
 * A share of the right: a percentage (`50`, `50 %`, `33,3333`, up to 4 decimals) or a fraction (`1/3`);
 * blank is null (unknown). `0.5` means 0.5 %, not a half.
 */
export function parseParticipacion(text: string | null | undefined): Parsed<Participacion | null> {
  const value = (text ?? '').trim();
  if (value === '') return ok(null);
  const fraction = /^(\d{1,9})\s*\/\s*(\d{1,9})$/.exec(value);
  if (fraction) {
    const numerador = Number(fraction[1]);
    const denominador = Number(fraction[2]);
    if (denominador === 0 || numerador > denominador) {
      return fail(`la participación «${value}» debe ser una fracción entre 0 y 1`);
    }
    return ok(reduceParticipacion(numerador, denominador));
  }
  const percent = /^(\d{1,3})(?:[.,](\d{1,4}))?\s*%?$/.exec(value);
  if (percent) {
    const decimals = percent[2] ?? '';
    const scale = 10 ** decimals.length;
    const numerador = Number(percent[1]) * scale + Number(decimals || '0');
    const denominador = 100 * scale;
    if (numerador <= denominador) return ok(reduceParticipacion(numerador, denominador));
  }
  return fail(
    `la participación «${value}» debe ser un porcentaje de 0 a 100 (hasta 4 decimales) o una fracción como 1/3`,
  );
}

/** Estrato 1–6; blank is null (not residential, or unknown). */
export function parseEstrato(text: string | null | undefined): Parsed<number | null> {
  const value = (text ?? '').trim();
  if (value === '') return ok(null);
  return /^[1-6]$/.test(value) ? ok(Number(value)) : fail(`el estrato debe ser de 1 a 6; se leyó «${value}»`);
}

/**
 * Zona física or geoeconómica code: digits, shown with at least 2 (`002` in a fixed-width R2 and `02` in the
 * AMB's open data are the same zone). Blank is null.
 */
export function parseZoneCode(text: string | null | undefined, label: string): Parsed<string | null> {
  const value = (text ?? '').trim();
  if (value === '') return ok(null);
  if (!/^\d{1,3}$/.test(value)) return fail(`${label} debe tener hasta 3 dígitos; se leyó «${value}»`);
  return ok(value.replace(/^0+/, '').padStart(2, '0'));
}

/** The canonical destino for a gestor's code; `known` is false when the catalogue lacks the code. */
export function readDestino(
  text: string | null | undefined,
  catalogo: CatalogoDestinosEconomicos = DESTINOS_IGAC_RES_70_2011,
): Parsed<{ destino: DestinoEconomico; known: boolean }> {
  const letra = normalizeText(text);
  if (letra === null) return fail('falta el destino económico');
  if (!/^[0-9A-Z]{1,2}$/.test(letra)) {
    return fail(`el destino económico «${letra}» no es un código de una o dos letras o dígitos`);
  }
  const found = findDestinoEconomico(letra, catalogo);
  return found === undefined
    ? ok({ destino: { letra, nombre: null, ladm: null }, known: false })
    : ok({ destino: { letra, nombre: found.nombre, ladm: found.ladm }, known: true });
}

/** Left-pads a code of digits that a source stored as a number (municipio `1` → `001`, §2.4, §3.3). */
export function padDigits(text: string, length: number): string {
  return /^\d+$/.test(text) && text.length < length ? text.padStart(length, '0') : text;
}

/** Both codes of a predio as a source gives them, completed to 30 and 20 digits. */
export interface PredioCodes {
  municipio: string;
  nacional: string | null;
  anterior: string | null;
  /** The NPN came from the source (not only the old code). */
  carriesNacional: boolean;
  /** Leading zeros lost by the source were put back. */
  padded: boolean;
}

const OLD_CODE_IN_25_DIGITS = /^0{10}(\d{15})$/;

/**
 * Reads departamento, municipio and the predio number of a row, whatever length the number comes in:
 * 30 or 25 digits (NPN, or its R1 tail), 20 or 15 (old code, or its tail: what the AMB publishes), 12–14
 * (an old tail that lost its leading zeros, re-padded as the Asistente LADM-COL does, §2.2). A 25-digit
 * field holding ten zeros and 15 digits is the old code zero-padded, not an NPN with manzana/vereda 0000.
 * `anteriorTail` is R1's separate NUMERO_PREDIAL_ANTERIOR (15 digits or blank).
 */
export function readPredioCodes(
  departamento: string | null | undefined,
  municipio: string | null | undefined,
  numero: string | null | undefined,
  anteriorTail?: string | null,
): Parsed<PredioCodes> {
  const dept = padDigits((departamento ?? '').trim(), 2);
  const mpio = padDigits((municipio ?? '').trim(), 3);
  if (!/^\d{2}$/.test(dept) || !/^\d{3}$/.test(mpio)) {
    return fail(
      `el departamento y el municipio deben ser códigos DANE de 2 y 3 dígitos; se leyó «${dept}» «${mpio}»`,
    );
  }
  const divipola = dept + mpio;
  const raw = (numero ?? '').trim();
  if (!/^\d+$/.test(raw)) return fail(`el número predial «${raw}» debe tener solo dígitos`);
  let nacional: string | null = null;
  let anterior: string | null = null;
  let padded = false;
  const oldInWide = OLD_CODE_IN_25_DIGITS.exec(raw);
  if (oldInWide) {
    anterior = divipola + oldInWide[1];
  } else if (raw.length === 30 || raw.length === 25) {
    nacional = raw.length === 30 ? raw : divipola + raw;
  } else if (raw.length === 20 || raw.length === 15) {
    anterior = raw.length === 20 ? raw : divipola + raw;
  } else if (raw.length >= 12 && raw.length < 15) {
    anterior = divipola + raw.padStart(15, '0');
    padded = true;
  } else {
    return fail(
      `el número predial «${raw}» tiene ${raw.length} dígitos; se esperan 30 o 25 (nacional) o 20 o 15 (anterior)`,
    );
  }
  for (const code of [nacional, anterior]) {
    if (code !== null && !code.startsWith(divipola)) {
      return fail(
        `el número predial ${code} no empieza por el departamento y municipio ${divipola} de la línea`,
      );
    }
  }
  const tail = (anteriorTail ?? '').trim();
  if (tail !== '') {
    if (!/^\d{15}$/.test(tail)) return fail(`el número predial anterior «${tail}» debe tener 15 dígitos`);
    const fromTail = divipola + tail;
    if (anterior !== null && anterior !== fromTail) {
      return fail(`el número del predio ${anterior} y el número predial anterior ${fromTail} no coinciden`);
    }
    anterior = fromTail;
  }
  return ok({ municipio: divipola, nacional, anterior, carriesNacional: nacional !== null, padded });
}

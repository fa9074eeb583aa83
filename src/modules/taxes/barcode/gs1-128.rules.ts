/**
 * The bank barcode of a receipt: a GS1-128 symbol with the Colombian element strings, in this order
 * (taxes.md §4.1): (415) GLN of the collector, N13 · (8020) payment reference, ..25 · (3900) amount in
 * whole pesos, N..15 · (96) due date YYYYMMDD. FNC1 ends (8020) and (3900) because they are variable
 * length and not last (§4.2); a scanner delivers each FNC1 as GS (ASCII 29).
 *
 * Profile decisions (§4.1 leaves them to each biller):
 * - the reference is numeric (Colombian practice; makes the no-separator form decodable);
 * - the amount is zero-padded to a length agreed with the bank (`amountLength`, default 10 as in B1);
 * - (96) holds exactly the 8 digits of a real date, although the AI itself allows up to 90 characters.
 */
import { isCalendarDate } from '../../../platform/calendar/index.ts';
import { BarcodeError } from './barcode.errors.ts';
import { isValidGln } from './gs1-check-digit.rules.ts';
import { isValidPaymentReference, PAYMENT_REFERENCE_MAX_LENGTH } from './payment-reference.rules.ts';

/** ASCII 29, group separator: how a scanner transmits FNC1 inside the data. */
export const GS = '\x1d';
/** AI (390n) holds at most 15 digits. */
export const AMOUNT_MAX_LENGTH = 15;
/** Amount padding of example B1 (§4.3). The real one is agreed per bank convenio [INF]: configure it. */
export const DEFAULT_AMOUNT_LENGTH = 10;

export interface ReceiptBarcodeInput {
  /** 13-digit GLN of the collector, assigned by GS1 Colombia (configured per tenant). */
  gln: string;
  /** Payment reference of the bill (see payment-reference.rules.ts). */
  reference: string;
  /** Total to pay for this due date, integer pesos. */
  amountPesos: number | bigint;
  /** Last day this total is valid, `YYYY-MM-DD`. */
  dueDate: string;
}

export interface ReceiptBarcodeFormat {
  /** Digits of (3900), zero-padded; agreed with the bank (§4.1). Default 10. */
  amountLength?: number;
}

export interface EncodedReceiptBarcode {
  /** Printed under the bars: `(415)7709998000018(8020)…(3900)…(96)20260331`. Also bwip-js's gs1-128 input. */
  humanReadable: string;
  /** What a scanner delivers: element strings with GS (ASCII 29) after each variable-length field. */
  data: string;
  /** The same digits with no separator at all, as some keyboard-wedge scanners type them. */
  digitsOnly: string;
  /** The symbol's content for bwip-js `code128` with `parsefnc`: leading FNC1 (marks GS1-128) and separators. */
  code128Text: string;
}

export interface DecodedReceiptBarcode {
  gln: string;
  reference: string;
  /** Integer pesos (15 digits at most, so always below 2^53). */
  amount: number;
  /** `YYYY-MM-DD`. */
  dueDate: string;
  /** The GLN's 13th digit matches its GS1 mod-10 check digit. Reported, not enforced, when decoding. */
  glnCheckDigitValid: boolean;
}

export interface DecodeOptions {
  /** Reference length of the convenio; only used to split a raw string that has no separators. */
  referenceLength?: number;
  /** Amount length of the convenio; only used to split a raw string that has no separators. */
  amountLength?: number;
}

const AI_GLN = '415';
const AI_REFERENCE = '8020';
const AI_AMOUNT = '3900';
const AI_DUE_DATE = '96';

// ───────────────────────────── encoding ─────────────────────────────

export function encodeReceiptBarcode(
  input: ReceiptBarcodeInput,
  format: ReceiptBarcodeFormat = {},
): EncodedReceiptBarcode {
  const gln = checkedGln(input.gln);
  const reference = checkedReference(input.reference);
  const amount = paddedAmount(input.amountPesos, format.amountLength ?? DEFAULT_AMOUNT_LENGTH);
  const dueDate = compactDate(input.dueDate);

  const glnElement = `${AI_GLN}${gln}`;
  const referenceElement = `${AI_REFERENCE}${reference}`;
  const amountElement = `${AI_AMOUNT}${amount}`;
  const dueDateElement = `${AI_DUE_DATE}${dueDate}`;
  return {
    humanReadable: `(${AI_GLN})${gln}(${AI_REFERENCE})${reference}(${AI_AMOUNT})${amount}(${AI_DUE_DATE})${dueDate}`,
    data: `${glnElement}${referenceElement}${GS}${amountElement}${GS}${dueDateElement}`,
    digitsOnly: `${glnElement}${referenceElement}${amountElement}${dueDateElement}`,
    code128Text: `^FNC1${glnElement}${referenceElement}^FNC1${amountElement}^FNC1${dueDateElement}`,
  };
}

function checkedGln(gln: string): string {
  if (!/^\d{13}$/.test(gln)) {
    throw new BarcodeError(
      'BARCODE_INVALID_GLN',
      `El GLN del recaudador debe tener 13 dígitos (recibido: "${gln}").`,
      'gln',
    );
  }
  if (!isValidGln(gln)) {
    throw new BarcodeError(
      'BARCODE_INVALID_GLN',
      `El GLN ${gln} tiene un dígito de verificación inválido (GS1 módulo 10); revise la configuración del recaudador.`,
      'gln',
    );
  }
  return gln;
}

function checkedReference(reference: string): string {
  if (!/^\d+$/.test(reference) || reference.length > PAYMENT_REFERENCE_MAX_LENGTH) {
    throw new BarcodeError(
      'BARCODE_INVALID_REFERENCE',
      `La referencia de pago debe tener entre 1 y ${PAYMENT_REFERENCE_MAX_LENGTH} dígitos (recibido: "${reference}").`,
      'reference',
    );
  }
  if (!isValidPaymentReference(reference)) {
    throw new BarcodeError(
      'BARCODE_INVALID_REFERENCE',
      `La referencia de pago ${reference} tiene un dígito de verificación inválido.`,
      'reference',
    );
  }
  return reference;
}

function paddedAmount(amountPesos: number | bigint, amountLength: number): string {
  if (!Number.isInteger(amountLength) || amountLength < 1 || amountLength > AMOUNT_MAX_LENGTH) {
    throw new BarcodeError(
      'BARCODE_AMOUNT_TOO_LONG',
      `La longitud del valor debe estar entre 1 y ${AMOUNT_MAX_LENGTH} dígitos (configurada: ${amountLength}).`,
      'amountLength',
    );
  }
  const isWholePesos =
    typeof amountPesos === 'bigint'
      ? amountPesos >= 0n
      : Number.isSafeInteger(amountPesos) && amountPesos >= 0;
  if (!isWholePesos) {
    throw new BarcodeError(
      'BARCODE_INVALID_AMOUNT',
      `El valor a pagar debe ser un número entero de pesos, mayor o igual a cero (recibido: ${String(amountPesos)}).`,
      'amountPesos',
    );
  }
  const digits = amountPesos.toString();
  if (digits.length > amountLength) {
    throw new BarcodeError(
      'BARCODE_AMOUNT_TOO_LONG',
      `El valor $${digits} no cabe en los ${amountLength} dígitos acordados con el banco para el código de barras.`,
      'amountPesos',
    );
  }
  return digits.padStart(amountLength, '0');
}

function compactDate(dueDate: string): string {
  if (!isCalendarDate(dueDate)) {
    throw new BarcodeError(
      'BARCODE_INVALID_DUE_DATE',
      `La fecha límite de pago debe ser una fecha real en formato AAAA-MM-DD (recibido: "${dueDate}").`,
      'dueDate',
    );
  }
  return dueDate.replaceAll('-', '');
}

// ───────────────────────────── decoding ─────────────────────────────

/**
 * Reads the barcode in any of its three textual forms:
 * - human-readable, with the AIs in parentheses, in any order: `(415)…(8020)…(3900)…(96)…`;
 * - scanner data, element strings separated by GS (ASCII 29) after the variable-length fields;
 * - the same digits with no separator.
 * Spaces and line breaks are ignored; a leading symbology identifier `]C1` is dropped; `<GS>`, `⟨GS⟩`,
 * `␝` and `^FNC1` are read as GS, so a separator can be typed. The forms without parentheses must follow
 * the Colombian order 415 → 8020 → 3900 → 96 (§4.1), which is how every receipt is printed.
 *
 * How a string without separators is split: (415) and (96) have fixed lengths (13 and 8), so the string
 * must be `415` + 13 digits + `8020` R `3900` A + `96` + 8 digits. Every occurrence of `3900` in the
 * middle gives a candidate (R, A) with R of 1..25 digits and A of 1..15. If several remain, the
 * convenio's `referenceLength` / `amountLength` (when given) pick among them; then only candidates whose
 * R carries a valid reference check digit are kept. If still not exactly one, the input is refused as
 * ambiguous — never guessed. A GS present in the input is always a hard boundary.
 */
export function decodeReceiptBarcode(text: string, options: DecodeOptions = {}): DecodedReceiptBarcode {
  const normalized = normalize(text);
  const fields = normalized.includes('(')
    ? parseBracketed(normalized)
    : parseUnbracketed(normalized, options);
  return {
    gln: fields.gln,
    reference: fields.reference,
    amount: Number(fields.amount),
    dueDate: fields.dueDate,
    glnCheckDigitValid: isValidGln(fields.gln),
  };
}

interface RawFields {
  gln: string;
  reference: string;
  amount: string;
  dueDate: string;
}

function normalize(text: string): string {
  let normalized = String(text)
    .replace(/\s+/g, '')
    .replace(/<GS>|⟨GS⟩|␝|\^FNC1/gi, GS);
  if (normalized.startsWith(']C1')) normalized = normalized.slice(3);
  if (normalized === '') {
    throw new BarcodeError('BARCODE_EMPTY', 'No se recibió el texto del código de barras.', 'text');
  }
  return normalized;
}

function malformed(detail: string): BarcodeError {
  return new BarcodeError('BARCODE_MALFORMED', detail, 'text');
}

function parseBracketed(text: string): RawFields {
  // GS has no meaning between parenthesised element strings; tolerate it.
  const withoutSeparators = text.replaceAll(GS, '');
  const elementPattern = /\((\d{2,4})\)([^()]*)/gy;
  const values = new Map<string, string>();
  let consumed = 0;
  for (
    let match = elementPattern.exec(withoutSeparators);
    match;
    match = elementPattern.exec(withoutSeparators)
  ) {
    const [whole, ai = '', value = ''] = match;
    consumed += whole.length;
    const known = knownAi(ai);
    if (values.has(known)) {
      throw new BarcodeError(
        'BARCODE_DUPLICATE_AI',
        `El identificador (${ai}) aparece más de una vez.`,
        'text',
      );
    }
    values.set(known, value);
  }
  if (consumed !== withoutSeparators.length) {
    throw malformed(
      'El texto con paréntesis debe ser una sucesión de (IA)valor, por ejemplo (415)7709998000018(8020)202600123459(3900)0001305000(96)20260331.',
    );
  }
  const required = (ai: string): string => {
    const value = values.get(ai);
    if (value === undefined) {
      throw new BarcodeError('BARCODE_MISSING_AI', `Falta el identificador (${ai}) ${AI_NAMES[ai]}.`, 'text');
    }
    return value;
  };
  return checkedFields({
    gln: required(AI_GLN),
    reference: required(AI_REFERENCE),
    amount: required(AI_AMOUNT),
    dueDate: required(AI_DUE_DATE),
  });
}

const AI_NAMES: Record<string, string> = {
  [AI_GLN]: '(GLN del recaudador)',
  [AI_REFERENCE]: '(referencia de pago)',
  [AI_AMOUNT]: '(valor a pagar)',
  [AI_DUE_DATE]: '(fecha límite de pago)',
};

function knownAi(ai: string): string {
  if (ai in AI_NAMES) return ai;
  if (/^390[1-9]$/.test(ai)) throw amountWithDecimals(ai);
  throw new BarcodeError(
    'BARCODE_UNKNOWN_AI',
    `El identificador (${ai}) no se usa en los recibos; se esperan (415), (8020), (3900) y (96).`,
    'text',
  );
}

function amountWithDecimals(ai: string): BarcodeError {
  return new BarcodeError(
    'BARCODE_AMOUNT_WITH_DECIMALS',
    `El valor viene con (${ai}), es decir con ${ai.at(-1)} decimales; los recibos usan (3900), pesos enteros.`,
    'text',
  );
}

/** Stands for GS while splitting, so the patterns below hold no control character. Never valid data. */
const SEPARATOR = '|';

function parseUnbracketed(text: string, options: DecodeOptions): RawFields {
  if (!/^\d+$/.test(text.replaceAll(GS, ''))) {
    throw malformed(
      'El código de barras solo puede tener dígitos y separadores GS, o la forma con paréntesis (415)…(8020)…(3900)…(96)….',
    );
  }
  // A leading FNC1 is sometimes transmitted as GS; a trailing one carries no information.
  const body = text.replaceAll(GS, SEPARATOR).replace(/^\|+/, '').replace(/\|+$/, '');
  const head = /^415(\d{13})\|?8020/.exec(body);
  if (!head) {
    throw malformed(
      'El código debe empezar con 415 y los 13 dígitos del GLN del recaudador, seguidos de 8020 y la referencia de pago.',
    );
  }
  const tail = /\|?96(\d{8})$/.exec(body);
  if (!tail || tail.index < head[0].length) {
    throw malformed('El código debe terminar con 96 y la fecha límite de pago en 8 dígitos (AAAAMMDD).');
  }
  const middle = body.slice(head[0].length, tail.index);
  const candidates = splitReferenceAndAmount(middle);
  if (candidates.length === 0) {
    const decimals = /\|(390[1-9])/.exec(middle);
    if (decimals) throw amountWithDecimals(decimals[1] ?? '390n');
    throw malformed(
      `No se encontró el valor (3900) después de una referencia (8020) de 1 a ${PAYMENT_REFERENCE_MAX_LENGTH} dígitos, ` +
        `ni un valor de 1 a ${AMOUNT_MAX_LENGTH} dígitos.`,
    );
  }
  const chosen = disambiguate(candidates, options);
  if (chosen.length !== 1) {
    throw new BarcodeError(
      'BARCODE_AMBIGUOUS',
      `El código sin separadores admite ${chosen.length} lecturas de la referencia (8020) y el valor (3900) ` +
        `(${chosen.map((c) => `${c.reference} / ${c.amount}`).join('; ')}). ` +
        'Lea el código con un lector que transmita el separador GS o escriba la forma con paréntesis.',
      'text',
    );
  }
  const [only] = chosen as [Split];
  return checkedFields({ gln: head[1] ?? '', dueDate: tail[1] ?? '', ...only });
}

interface Split {
  reference: string;
  amount: string;
}

/** Every way to read `middle` as R [separator] `3900` A with R and A of allowed lengths. */
function splitReferenceAndAmount(middle: string): Split[] {
  const splits: Split[] = [];
  for (let at = middle.indexOf(AI_AMOUNT, 1); at !== -1; at = middle.indexOf(AI_AMOUNT, at + 1)) {
    const reference = middle.slice(0, middle[at - 1] === SEPARATOR ? at - 1 : at);
    const amount = middle.slice(at + AI_AMOUNT.length);
    const referenceOk = /^\d+$/.test(reference) && reference.length <= PAYMENT_REFERENCE_MAX_LENGTH;
    const amountOk = /^\d+$/.test(amount) && amount.length <= AMOUNT_MAX_LENGTH;
    if (referenceOk && amountOk) splits.push({ reference, amount });
  }
  return splits;
}

function disambiguate(candidates: Split[], options: DecodeOptions): Split[] {
  let remaining = candidates;
  const { referenceLength, amountLength } = options;
  if (remaining.length > 1 && referenceLength !== undefined) {
    remaining = remaining.filter((c) => c.reference.length === referenceLength);
  }
  if (remaining.length > 1 && amountLength !== undefined) {
    remaining = remaining.filter((c) => c.amount.length === amountLength);
  }
  if (remaining.length > 1) {
    const withCheckDigit = remaining.filter((c) => isValidPaymentReference(c.reference));
    if (withCheckDigit.length > 0) remaining = withCheckDigit;
  }
  return remaining;
}

function checkedFields(fields: RawFields): RawFields {
  if (!/^\d{13}$/.test(fields.gln)) {
    throw new BarcodeError(
      'BARCODE_INVALID_GLN',
      `El GLN (415) debe tener 13 dígitos (recibido: "${fields.gln}").`,
      'text',
    );
  }
  if (!/^\d+$/.test(fields.reference) || fields.reference.length > PAYMENT_REFERENCE_MAX_LENGTH) {
    throw new BarcodeError(
      'BARCODE_INVALID_REFERENCE',
      `La referencia de pago (8020) debe tener entre 1 y ${PAYMENT_REFERENCE_MAX_LENGTH} dígitos (recibido: "${fields.reference}").`,
      'text',
    );
  }
  if (!/^\d+$/.test(fields.amount) || fields.amount.length > AMOUNT_MAX_LENGTH) {
    throw new BarcodeError(
      'BARCODE_INVALID_AMOUNT',
      `El valor (3900) debe tener entre 1 y ${AMOUNT_MAX_LENGTH} dígitos, en pesos enteros (recibido: "${fields.amount}").`,
      'text',
    );
  }
  const match = /^(\d{4})(\d{2})(\d{2})$/.exec(fields.dueDate);
  const dueDate = match ? `${match[1]}-${match[2]}-${match[3]}` : '';
  if (!isCalendarDate(dueDate)) {
    throw new BarcodeError(
      'BARCODE_INVALID_DUE_DATE',
      `La fecha límite (96) debe ser una fecha real en formato AAAAMMDD (recibido: "${fields.dueDate}").`,
      'text',
    );
  }
  return { ...fields, dueDate };
}

import { createHash } from 'node:crypto';
import { type CalendarDate, isCalendarDate } from '../../../platform/calendar/index.ts';
import {
  type FieldSpec,
  isRecordType,
  LAYOUTS,
  RECORD_LENGTH,
  RECORD_NAMES,
  type RecordLayout,
} from './asobancaria2001.layout.ts';
import { type AsobancariaProblem, problemError, problemWarning } from './asobancaria2001.problems.ts';

export interface AsobancariaFileHeader {
  readonly line: number;
  /** The 10 digits as written (zero-padded; in public samples NIT followed by its check digit). */
  readonly billerNit: string;
  readonly collectionDateRaw: string;
  /** Null when the raw value is not a date that exists; the validator reports it. */
  readonly collectionDate: CalendarDate | null;
  readonly bankCode: string;
  /** Account where the bank credits the money, as written (zero-padded). */
  readonly account: string;
  readonly fileDateRaw: string;
  readonly fileDate: CalendarDate | null;
  readonly fileTimeRaw: string;
  /** `HH:MM`, null when not a valid time. */
  readonly fileTime: string | null;
  /** A, B, … when the bank sends several files for the same day. */
  readonly modifier: string;
  readonly accountType: string;
}

export interface AsobancariaLotHeader {
  readonly line: number;
  /** EAN-13/GLN of the service collected (the barcode's (415)), or the biller's NIT. */
  readonly serviceCode: string;
  readonly lotNumber: number;
}

export interface AsobancariaDetail {
  readonly line: number;
  /** The 48 characters as written. */
  readonly referenceRaw: string;
  /** The bill's payment reference: spaces and the zero padding on the left removed ('' when blank). */
  readonly reference: string;
  /** Whole pesos (exact: the field holds at most 12 integer digits, far below 2^53). */
  readonly amount: number;
  /** The two implied decimals; anything but 0 is reported (bills are in whole pesos). */
  readonly cents: number;
  /** Procedencia de pago: 01 banks, 03 ACH Colombia… (taxes.md §5). */
  readonly origin: string;
  /** Medio de pago: 01 cash at the counter, 15 debit on internet… (taxes.md §5). */
  readonly paymentMethod: string;
  readonly operationNumber: string;
  readonly authorizationNumber: string;
  readonly debitedBankCode: string;
  readonly branchCode: string;
  readonly sequence: number;
  /** Causal de devolución, trimmed; '' when blank. '000' is what one bank writes for "none". */
  readonly returnCause: string;
}

export interface AsobancariaLotControl {
  readonly line: number;
  readonly recordCount: number;
  /** Whole pesos; bigint because the field holds 16 integer digits, more than 2^53. */
  readonly total: bigint;
  readonly totalCents: number;
  readonly lotNumber: number;
}

export interface AsobancariaFileControl {
  readonly line: number;
  readonly recordCount: number;
  readonly total: bigint;
  readonly totalCents: number;
}

export interface AsobancariaLot {
  /** Null when the lot had no readable 05 (missing or unreadable). */
  header: AsobancariaLotHeader | null;
  details: AsobancariaDetail[];
  /** Null when the lot had no readable 08. */
  control: AsobancariaLotControl | null;
  /** Lines of this lot's records that could not be read: its controls cannot be checked. */
  unreadableLines: number[];
}

export interface AsobancariaRecordRef {
  readonly line: number;
  /** The first two characters, whatever they are. */
  readonly type: string;
  readonly readable: boolean;
}

export interface ParsedAsobancaria2001 {
  readonly header: AsobancariaFileHeader | null;
  readonly lots: AsobancariaLot[];
  readonly fileControl: AsobancariaFileControl | null;
  /** Every non-empty line in file order; the validator checks the record order on this. */
  readonly records: AsobancariaRecordRef[];
  readonly problems: AsobancariaProblem[];
  /** SHA-256 (hex) of the bytes received. */
  readonly sha256: string;
  /**
   * SHA-256 (hex) of the records normalised to 162 characters joined by LF: the same file re-sent with
   * other line endings, padding or BOM has the same value. This is what `isDuplicateFile` receives.
   */
  readonly contentSha256: string;
}

const UTF8_STRICT = new TextDecoder('utf-8', { fatal: true });

/**
 * Reads an Asobancaria 2001 collection file (taxes.md §5). Never throws on bad content: everything wrong
 * is in `problems`, with the line. Tolerates CRLF, LF or CR endings, a UTF-8 BOM, blank lines, trailing
 * spaces, and records missing only their reserved padding; a record missing data is truncated (error).
 */
export function parseAsobancaria2001(content: string | Buffer): ParsedAsobancaria2001 {
  const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const problems: AsobancariaProblem[] = [];
  const builder = new StructureBuilder();

  const text = decode(content);
  if (text.includes('\u0000')) {
    problems.push(
      problemError(
        null,
        'BINARY_CONTENT',
        'El archivo contiene bytes nulos: no es un archivo de texto Asobancaria 2001.',
      ),
    );
    return { ...builder.result(), problems, sha256, contentSha256: hashRecords([]) };
  }

  const lines = text.split(/\r\n|\r|\n/);
  // A final line ending (or a DOS end-of-file mark) leaves one empty piece that is not a line.
  while (lines.length > 0 && isBlankOrEndOfFile(lines[lines.length - 1]!)) lines.pop();

  const normalisedRecords: string[] = [];
  lines.forEach((rawLine, index) => {
    const line = index + 1;
    const withoutTrailingSpaces = rawLine.replace(/ +$/, '');
    if (withoutTrailingSpaces === '') {
      problems.push(problemWarning(line, 'EMPTY_LINE', `Línea ${line}: línea vacía; se ignora.`));
      return;
    }
    const record = readRecord(line, rawLine, withoutTrailingSpaces, problems);
    normalisedRecords.push(withoutTrailingSpaces.slice(0, RECORD_LENGTH).padEnd(RECORD_LENGTH, ' '));
    builder.add(line, record);
  });

  if (normalisedRecords.length === 0) {
    problems.push(problemError(null, 'EMPTY_FILE', 'El archivo está vacío: no contiene ningún registro.'));
  }
  return { ...builder.result(), problems, sha256, contentSha256: hashRecords(normalisedRecords) };
}

/** Bank files are ASCII; if the bytes are not valid UTF-8 they are most likely Latin-1 (Windows). */
function decode(content: string | Buffer): string {
  let text: string;
  if (typeof content === 'string') {
    text = content;
  } else {
    try {
      text = UTF8_STRICT.decode(content);
    } catch {
      text = content.toString('latin1');
    }
  }
  return text.startsWith('\uFEFF') ? text.slice(1) : text;
}

function hashRecords(records: readonly string[]): string {
  return createHash('sha256').update(records.join('\n')).digest('hex');
}

type ReadRecord =
  | { type: '01'; value: AsobancariaFileHeader | null }
  | { type: '05'; value: AsobancariaLotHeader | null }
  | { type: '06'; value: AsobancariaDetail | null }
  | { type: '08'; value: AsobancariaLotControl | null }
  | { type: '09'; value: AsobancariaFileControl | null }
  | { type: 'unknown'; raw: string };

function readRecord(
  line: number,
  rawLine: string,
  content: string,
  problems: AsobancariaProblem[],
): ReadRecord {
  const typeText = content.slice(0, 2);
  if (!isRecordType(typeText)) {
    problems.push(
      problemError(
        line,
        'UNKNOWN_RECORD_TYPE',
        `Línea ${line}: tipo de registro "${printable(typeText)}" desconocido; se esperaba 01, 05, 06, 08 o 09.`,
      ),
    );
    return { type: 'unknown', raw: typeText };
  }
  const recordLayout = LAYOUTS[typeText];
  const name = RECORD_NAMES[typeText];
  let readable = true;

  const nonAscii = content.search(/[^\x20-\x7e]/);
  if (nonAscii >= 0) {
    const column = nonAscii + 1;
    const char = printable(content.charAt(nonAscii));
    if (column <= recordLayout.usedLength) {
      problems.push(
        problemError(
          line,
          'NON_ASCII_CHARACTER',
          `Línea ${line}, posición ${column}: carácter no permitido "${char}"; el formato solo admite caracteres ASCII imprimibles.`,
        ),
      );
    } else {
      problems.push(
        problemWarning(
          line,
          'NON_ASCII_IN_RESERVED',
          `Línea ${line}, posición ${column}: carácter no ASCII "${char}" en la zona reservada; se ignora.`,
        ),
      );
    }
  }

  if (content.length < recordLayout.minLength) {
    problems.push(
      problemError(
        line,
        'RECORD_TRUNCATED',
        `Línea ${line}: registro ${typeText} (${name}) truncado: tiene ${content.length} caracteres con datos ` +
          `y necesita al menos ${recordLayout.minLength} (longitud del registro: ${RECORD_LENGTH}).`,
      ),
    );
    readable = false;
  } else if (content.length > RECORD_LENGTH) {
    problems.push(
      problemError(
        line,
        'RECORD_TOO_LONG',
        `Línea ${line}: registro ${typeText} (${name}) de ${content.length} caracteres; ` +
          `el formato usa ${RECORD_LENGTH}.`,
      ),
    );
  } else if (rawLine.length < RECORD_LENGTH) {
    problems.push(
      problemWarning(
        line,
        'RECORD_UNPADDED',
        `Línea ${line}: registro de ${rawLine.length} caracteres sin completar a ${RECORD_LENGTH} con ` +
          'espacios; se lee porque tiene todos sus datos.',
      ),
    );
  }

  const padded = content.slice(0, RECORD_LENGTH).padEnd(RECORD_LENGTH, ' ');
  const fields = readable ? readFields(line, padded, recordLayout, problems) : null;
  if (!fields) return { type: typeText, value: null } as ReadRecord;

  switch (typeText) {
    case '01':
      return { type: '01', value: toFileHeader(line, fields) };
    case '05':
      return { type: '05', value: toLotHeader(line, fields) };
    case '06':
      return { type: '06', value: toDetail(line, fields, problems) };
    case '08':
      return { type: '08', value: toLotControl(line, fields) };
    case '09':
      return { type: '09', value: toFileControl(line, fields) };
  }
}

type FieldValues = Readonly<Record<string, string>>;

/** Cuts the fields; null (record unreadable) when a `digits` field holds anything but digits. */
function readFields(
  line: number,
  padded: string,
  recordLayout: RecordLayout,
  problems: AsobancariaProblem[],
): FieldValues | null {
  const values: Record<string, string> = {};
  let ok = true;
  for (const spec of recordLayout.fields) {
    const value = cut(padded, spec);
    if (spec.kind === 'digits' && !/^\d+$/.test(value)) {
      problems.push(
        problemError(
          line,
          'FIELD_NOT_NUMERIC',
          `Línea ${line}, posiciones ${spec.start}–${spec.start + spec.length - 1}: el campo ${spec.label} ` +
            `debe ser numérico y contiene "${printable(value)}".`,
        ),
      );
      ok = false;
    }
    values[spec.name] = value;
  }
  return ok ? values : null;
}

const cut = (padded: string, spec: FieldSpec): string =>
  padded.slice(spec.start - 1, spec.start - 1 + spec.length);

function toFileHeader(line: number, fields: FieldValues): AsobancariaFileHeader {
  const collectionDateRaw = fields.collectionDate!;
  const fileDateRaw = fields.fileDate!;
  const fileTimeRaw = fields.fileTime!;
  return {
    line,
    billerNit: fields.billerNit!,
    collectionDateRaw,
    collectionDate: toCalendarDate(collectionDateRaw),
    bankCode: fields.bankCode!,
    account: fields.account!.trim(),
    fileDateRaw,
    fileDate: toCalendarDate(fileDateRaw),
    fileTimeRaw,
    fileTime: toTime(fileTimeRaw),
    modifier: fields.modifier!.trim(),
    accountType: fields.accountType!,
  };
}

function toLotHeader(line: number, fields: FieldValues): AsobancariaLotHeader {
  return { line, serviceCode: fields.serviceCode!, lotNumber: Number(fields.lotNumber) };
}

function toDetail(line: number, fields: FieldValues, problems: AsobancariaProblem[]): AsobancariaDetail {
  const referenceRaw = fields.reference!;
  const amountDigits = fields.amount!;
  // 12 integer digits: Number() is exact. The decimals are split off as text, never divided.
  const amount = Number(amountDigits.slice(0, -2));
  const cents = Number(amountDigits.slice(-2));
  if (cents !== 0) {
    problems.push(
      problemError(
        line,
        'AMOUNT_WITH_CENTS',
        `Línea ${line}: el valor recaudado ${amount},${amountDigits.slice(-2)} tiene centavos; ` +
          'las facturas se liquidan en pesos enteros.',
      ),
    );
  }
  return {
    line,
    referenceRaw,
    reference: normaliseReference(referenceRaw),
    amount,
    cents,
    origin: fields.origin!,
    paymentMethod: fields.paymentMethod!,
    operationNumber: fields.operationNumber!.trim(),
    authorizationNumber: fields.authorizationNumber!.trim(),
    debitedBankCode: fields.debitedBankCode!.trim(),
    branchCode: fields.branchCode!.trim(),
    sequence: Number(fields.sequence),
    returnCause: fields.returnCause!.trim(),
  };
}

function toLotControl(line: number, fields: FieldValues): AsobancariaLotControl {
  const { pesos, cents } = splitAmount(fields.total!);
  return {
    line,
    recordCount: Number(fields.recordCount),
    total: pesos,
    totalCents: cents,
    lotNumber: Number(fields.lotNumber),
  };
}

function toFileControl(line: number, fields: FieldValues): AsobancariaFileControl {
  const { pesos, cents } = splitAmount(fields.total!);
  return { line, recordCount: Number(fields.recordCount), total: pesos, totalCents: cents };
}

function splitAmount(digits: string): { pesos: bigint; cents: number } {
  return { pesos: BigInt(digits.slice(0, -2)), cents: Number(digits.slice(-2)) };
}

/**
 * The reference the bill carries: the field is right-aligned and zero-padded, so spaces and leading zeros
 * are padding. Bills compare references in this form.
 */
export function normaliseReference(raw: string): string {
  return raw.trim().replace(/^0+/, '');
}

function toCalendarDate(raw: string): CalendarDate | null {
  if (!/^\d{8}$/.test(raw)) return null;
  const iso = `${raw.slice(0, 4)}-${raw.slice(4, 6)}-${raw.slice(6, 8)}`;
  return isCalendarDate(iso) ? iso : null;
}

function toTime(raw: string): string | null {
  const match = /^([01]\d|2[0-3])([0-5]\d)$/.exec(raw);
  return match ? `${match[1]}:${match[2]}` : null;
}

/** Shows control characters in messages instead of printing them. */
function printable(text: string): string {
  return [...text]
    .map((char) => {
      const code = char.charCodeAt(0);
      return code < 0x20 || code === 0x7f ? `\\x${code.toString(16).padStart(2, '0')}` : char;
    })
    .join('');
}

/** Spaces, or the Ctrl-Z some DOS programs write at the end of a text file. */
const isBlankOrEndOfFile = (text: string): boolean =>
  [...text].every((char) => char === ' ' || char === '\u001a');

/**
 * Groups records into lots as they come, tolerating a wrong order (the validator reports the order; this
 * only has to put each record somewhere sensible): 05 opens a lot, 06 joins the open lot (or opens one
 * without header), 08 closes it, 01 and 09 are kept once.
 */
class StructureBuilder {
  private header: AsobancariaFileHeader | null = null;
  private fileControl: AsobancariaFileControl | null = null;
  private readonly lots: AsobancariaLot[] = [];
  private readonly records: AsobancariaRecordRef[] = [];
  private openLot: AsobancariaLot | null = null;
  private seenHeader = false;
  private seenFileControl = false;

  add(line: number, record: ReadRecord): void {
    if (record.type === 'unknown') {
      this.records.push({ line, type: record.raw, readable: false });
      return;
    }
    this.records.push({ line, type: record.type, readable: record.value !== null });
    switch (record.type) {
      case '01':
        if (!this.seenHeader) this.header = record.value;
        this.seenHeader = true;
        return;
      case '09':
        if (!this.seenFileControl) this.fileControl = record.value;
        this.seenFileControl = true;
        return;
      case '05': {
        const lot: AsobancariaLot = { header: record.value, details: [], control: null, unreadableLines: [] };
        if (!record.value) lot.unreadableLines.push(line);
        this.lots.push(lot);
        this.openLot = lot;
        return;
      }
      case '06': {
        const lot = this.openLot ?? this.startHeaderlessLot();
        if (record.value) lot.details.push(record.value);
        else lot.unreadableLines.push(line);
        return;
      }
      case '08': {
        const lot = this.openLot ?? this.startHeaderlessLot();
        if (record.value) lot.control = record.value;
        else lot.unreadableLines.push(line);
        this.openLot = null;
        return;
      }
    }
  }

  private startHeaderlessLot(): AsobancariaLot {
    const lot: AsobancariaLot = { header: null, details: [], control: null, unreadableLines: [] };
    this.lots.push(lot);
    this.openLot = lot;
    return lot;
  }

  result(): Pick<ParsedAsobancaria2001, 'header' | 'lots' | 'fileControl' | 'records'> {
    return { header: this.header, lots: this.lots, fileControl: this.fileControl, records: this.records };
  }
}

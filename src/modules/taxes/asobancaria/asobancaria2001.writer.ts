import { isCalendarDate } from '../../../platform/calendar/index.ts';
import {
  DETAIL_LAYOUT,
  FILE_CONTROL_LAYOUT,
  FILE_HEADER_LAYOUT,
  LOT_CONTROL_LAYOUT,
  LOT_HEADER_LAYOUT,
  RECORD_LENGTH,
  type RecordLayout,
} from './asobancaria2001.layout.ts';
import { AsobancariaWriteError } from './asobancaria2001.problems.ts';

export interface AsobancariaPaymentInput {
  /** The bill's payment reference (letters, digits, hyphen); written right-aligned, zero-padded to 48. */
  readonly reference: string;
  /** Whole pesos, 1 … 999 999 999 999 (the field holds 12 integer digits + 2 decimals). */
  readonly amount: number;
  /** Procedencia, default '01' (banks). */
  readonly origin?: string;
  /** Medio de pago, default '01' (counter, cash). */
  readonly paymentMethod?: string;
  readonly operationNumber?: string;
  readonly authorizationNumber?: string;
  /** Default: the file's bank code. */
  readonly debitedBankCode?: string;
  readonly branchCode?: string;
  /** Default: position of the payment in the file, from 1. */
  readonly sequence?: number;
  /** Causal de devolución; default blank (none). */
  readonly returnCause?: string;
}

export interface AsobancariaLotInput {
  /** EAN-13/GLN of the service collected. */
  readonly serviceCode: string;
  /** Default: position of the lot, from 1. */
  readonly lotNumber?: number;
  readonly payments: readonly AsobancariaPaymentInput[];
}

export interface AsobancariaFileInput {
  /** Written as its digits, zero-padded to 10: give NIT + check digit if the bank's convenio says so. */
  readonly billerNit: string;
  /** YYYY-MM-DD */
  readonly collectionDate: string;
  readonly bankCode: string;
  /** Digits, up to 17. */
  readonly account: string;
  /** YYYY-MM-DD; default: the collection date. */
  readonly fileDate?: string;
  /** HH:MM; default 00:00. */
  readonly fileTime?: string;
  /** Default 'A'. */
  readonly modifier?: string;
  /** Default '01'. */
  readonly accountType?: string;
  readonly lots: readonly AsobancariaLotInput[];
  /** Default CRLF, as the banks' files in the samples. */
  readonly lineEnding?: '\r\n' | '\n';
  /** Default true. */
  readonly finalLineEnding?: boolean;
}

const MAX_AMOUNT = 999_999_999_999;

/**
 * Writes a valid Asobancaria 2001 file (taxes.md §5): every record padded to 162 characters, amounts with
 * two implied decimals, controls computed. The inverse of parseAsobancaria2001; used by tests and by the
 * sandbox bank. Throws AsobancariaWriteError (Spanish detail, field) for anything the format cannot hold.
 */
export function writeAsobancaria2001(input: AsobancariaFileInput): string {
  if (input.lots.length === 0) {
    throw new AsobancariaWriteError('ASOBANCARIA_NO_LOTS', 'El archivo debe tener al menos un lote.', 'lots');
  }
  const collectionDate = compactDate(input.collectionDate, 'collectionDate');
  const records: string[] = [
    record(FILE_HEADER_LAYOUT, {
      recordType: '01',
      billerNit: digits(input.billerNit.replace(/[.\-\s]/g, ''), 10, 'billerNit'),
      collectionDate,
      bankCode: digits(input.bankCode, 3, 'bankCode'),
      account: digits(input.account, 17, 'account'),
      fileDate: compactDate(input.fileDate ?? input.collectionDate, 'fileDate'),
      fileTime: compactTime(input.fileTime ?? '00:00'),
      modifier: text(input.modifier ?? 'A', 1, 'modifier', /^[A-Z0-9]$/),
      accountType: digits(input.accountType ?? '01', 2, 'accountType'),
    }),
  ];

  let fileCount = 0;
  let fileCents = 0n;
  input.lots.forEach((lot, lotIndex) => {
    const field = `lots[${lotIndex}]`;
    if (lot.payments.length === 0) {
      throw new AsobancariaWriteError('ASOBANCARIA_EMPTY_LOT', 'Un lote debe tener al menos un pago.', field);
    }
    const lotNumber = digits(String(lot.lotNumber ?? lotIndex + 1), 4, `${field}.lotNumber`);
    records.push(
      record(LOT_HEADER_LAYOUT, {
        recordType: '05',
        serviceCode: digits(lot.serviceCode, 13, `${field}.serviceCode`),
        lotNumber,
      }),
    );
    let lotCents = 0n;
    lot.payments.forEach((payment, paymentIndex) => {
      const at = `${field}.payments[${paymentIndex}]`;
      fileCount += 1;
      const cents = amountCents(payment.amount, `${at}.amount`);
      lotCents += cents;
      records.push(
        record(DETAIL_LAYOUT, {
          recordType: '06',
          reference: digits(payment.reference, 48, `${at}.reference`, /^[0-9A-Za-z-]+$/),
          amount: digits(String(cents), 14, `${at}.amount`),
          origin: digits(payment.origin ?? '01', 2, `${at}.origin`),
          paymentMethod: digits(payment.paymentMethod ?? '01', 2, `${at}.paymentMethod`),
          operationNumber: digits(payment.operationNumber ?? '0', 6, `${at}.operationNumber`),
          authorizationNumber: digits(payment.authorizationNumber ?? '0', 6, `${at}.authorizationNumber`),
          debitedBankCode: digits(payment.debitedBankCode ?? input.bankCode, 3, `${at}.debitedBankCode`),
          branchCode: digits(payment.branchCode ?? '0', 4, `${at}.branchCode`),
          sequence: digits(String(payment.sequence ?? fileCount), 7, `${at}.sequence`),
          returnCause: text(payment.returnCause ?? '', 3, `${at}.returnCause`, /^[0-9A-Za-z ]*$/),
        }),
      );
    });
    records.push(
      record(LOT_CONTROL_LAYOUT, {
        recordType: '08',
        recordCount: digits(String(lot.payments.length), 9, `${field}.payments`),
        total: digits(String(lotCents), 18, `${field}.payments`),
        lotNumber,
      }),
    );
    fileCents += lotCents;
  });
  records.push(
    record(FILE_CONTROL_LAYOUT, {
      recordType: '09',
      recordCount: digits(String(fileCount), 9, 'lots'),
      total: digits(String(fileCents), 18, 'lots'),
    }),
  );

  const eol = input.lineEnding ?? '\r\n';
  return records.join(eol) + (input.finalLineEnding === false ? '' : eol);
}

/** Lays the values out at their positions and pads the record to 162 characters. */
function record(recordLayout: RecordLayout, values: Readonly<Record<string, string>>): string {
  let line = '';
  for (const spec of recordLayout.fields) {
    const value = values[spec.name];
    if (value === undefined || value.length !== spec.length) {
      throw new Error(`Campo ${spec.name} del registro ${recordLayout.type} mal armado`);
    }
    line += value;
  }
  return line.padEnd(RECORD_LENGTH, ' ');
}

/** Right-aligned, zero-padded; rejects what does not fit or does not match. */
function digits(value: string, length: number, field: string, pattern = /^\d+$/): string {
  if (!pattern.test(value)) {
    throw new AsobancariaWriteError(
      'ASOBANCARIA_INVALID_FIELD',
      `El campo ${field} tiene caracteres no permitidos: "${value}".`,
      field,
    );
  }
  if (value.length > length) {
    throw new AsobancariaWriteError(
      'ASOBANCARIA_FIELD_TOO_LONG',
      `El campo ${field} admite ${length} caracteres y tiene ${value.length}.`,
      field,
    );
  }
  return value.padStart(length, '0');
}

/** Left-aligned, space-padded. */
function text(value: string, length: number, field: string, pattern: RegExp): string {
  if (!pattern.test(value) || value.length > length) {
    throw new AsobancariaWriteError(
      'ASOBANCARIA_INVALID_FIELD',
      `El campo ${field} no es válido: "${value}" (máximo ${length} caracteres).`,
      field,
    );
  }
  return value.padEnd(length, ' ');
}

function amountCents(amount: number, field: string): bigint {
  if (!Number.isSafeInteger(amount) || amount < 1 || amount > MAX_AMOUNT) {
    throw new AsobancariaWriteError(
      'ASOBANCARIA_INVALID_AMOUNT',
      `El valor ${amount} no es válido: debe ser un número entero de pesos entre 1 y ${MAX_AMOUNT}.`,
      field,
    );
  }
  return BigInt(amount) * 100n;
}

function compactDate(value: string, field: string): string {
  if (!isCalendarDate(value)) {
    throw new AsobancariaWriteError(
      'ASOBANCARIA_INVALID_DATE',
      `La fecha ${field} "${value}" no es válida (AAAA-MM-DD).`,
      field,
    );
  }
  return value.replaceAll('-', '');
}

function compactTime(value: string): string {
  if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(value)) {
    throw new AsobancariaWriteError(
      'ASOBANCARIA_INVALID_TIME',
      `La hora "${value}" no es válida (HH:MM).`,
      'fileTime',
    );
  }
  return value.replace(':', '');
}

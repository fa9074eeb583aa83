import { AppError } from '../../../platform/http/errors.ts';

/**
 * Stable codes of everything the parser and the validator can say about a file. Clients and tests key on
 * these; the Spanish `detail` may be reworded.
 */
export const ASOBANCARIA_PROBLEM_CODES = [
  // Reading (parser)
  'EMPTY_FILE',
  'BINARY_CONTENT',
  'EMPTY_LINE',
  'NON_ASCII_CHARACTER',
  'NON_ASCII_IN_RESERVED',
  'UNKNOWN_RECORD_TYPE',
  'RECORD_TRUNCATED',
  'RECORD_UNPADDED',
  'RECORD_TOO_LONG',
  'FIELD_NOT_NUMERIC',
  'AMOUNT_WITH_CENTS',
  // Record order (validator)
  'MISSING_FILE_HEADER',
  'DUPLICATE_FILE_HEADER',
  'NO_LOTS',
  'MISSING_LOT_HEADER',
  'EMPTY_LOT',
  'MISSING_LOT_CONTROL',
  'MISSING_FILE_CONTROL',
  'RECORD_AFTER_FILE_CONTROL',
  // File header
  'INVALID_DATE',
  'INVALID_TIME',
  'COLLECTION_DATE_IN_FUTURE',
  'FILE_DATE_BEFORE_COLLECTION',
  'BILLER_NIT_MISMATCH',
  'UNKNOWN_BANK',
  // Lots and controls
  'UNKNOWN_SERVICE_CODE',
  'LOT_NUMBER_MISMATCH',
  'DUPLICATE_LOT_NUMBER',
  'LOT_COUNT_MISMATCH',
  'LOT_TOTAL_MISMATCH',
  'FILE_COUNT_MISMATCH',
  'FILE_TOTAL_MISMATCH',
  'TOTAL_OUT_OF_RANGE',
  // Details
  'MISSING_REFERENCE',
  'INVALID_REFERENCE',
  'DUPLICATE_REFERENCE',
  'UNKNOWN_REFERENCE',
  // Details against the bills (the taxes service checks these)
  'AMOUNT_NOT_ON_BILL',
  'PAID_AFTER_DUE_DATE',
  'BILL_NOT_PAYABLE',
  'AMOUNT_ZERO',
  'PAYMENT_RETURNED',
  // Whole file
  'DUPLICATE_FILE',
  'TOO_MANY_ERRORS',
] as const;

export type AsobancariaProblemCode = (typeof ASOBANCARIA_PROBLEM_CODES)[number];

/**
 * An `error` makes the file invalid (it is rejected whole); a `warning` is reported but does not.
 * `line` is the physical line in the file (1-based, empty lines counted), or null for the whole file.
 */
export interface AsobancariaProblem {
  readonly line: number | null;
  readonly code: AsobancariaProblemCode;
  readonly detail: string;
  readonly severity: 'error' | 'warning';
}

export const problemError = (
  line: number | null,
  code: AsobancariaProblemCode,
  detail: string,
): AsobancariaProblem => ({ line, code, detail, severity: 'error' });

export const problemWarning = (
  line: number | null,
  code: AsobancariaProblemCode,
  detail: string,
): AsobancariaProblem => ({ line, code, detail, severity: 'warning' });

/** Thrown by the writer when asked to write something the format cannot hold. */
export class AsobancariaWriteError extends AppError {
  constructor(code: string, detail: string, field?: string) {
    super(422, code, detail, field);
    this.name = 'AsobancariaWriteError';
  }
}

const PESOS_FORMAT = new Intl.NumberFormat('es-CO', { maximumFractionDigits: 0 });

/** `$1.615.000` or `$1.615.000,50`: how amounts read in Spanish messages. Exact for any bigint. */
export function formatPesos(pesos: bigint, cents = 0): string {
  const sign = pesos < 0n ? '-' : '';
  const whole = PESOS_FORMAT.format(pesos < 0n ? -pesos : pesos);
  return cents === 0 ? `${sign}$${whole}` : `${sign}$${whole},${String(cents).padStart(2, '0')}`;
}

/** Amount in cents (the unit of the file) → text in pesos. */
export function formatCents(cents: bigint): string {
  const negative = cents < 0n;
  const absolute = negative ? -cents : cents;
  const text = formatPesos(absolute / 100n, Number(absolute % 100n));
  return negative ? `-${text}` : text;
}

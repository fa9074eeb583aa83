import { AppError } from '../../../platform/http/errors.ts';

/** Stable codes of every error this folder throws; the HTTP layer and the CLI show `detail` to people. */
export type BarcodeErrorCode =
  | 'PAYMENT_REFERENCE_INVALID_PREFIX'
  | 'PAYMENT_REFERENCE_INVALID_SERIAL'
  | 'PAYMENT_REFERENCE_INVALID_LENGTH'
  | 'PAYMENT_REFERENCE_TOO_LONG'
  | 'BARCODE_INVALID_REFERENCE'
  | 'BARCODE_INVALID_GLN'
  | 'BARCODE_INVALID_AMOUNT'
  | 'BARCODE_AMOUNT_TOO_LONG'
  | 'BARCODE_AMOUNT_WITH_DECIMALS'
  | 'BARCODE_INVALID_DUE_DATE'
  | 'BARCODE_EMPTY'
  | 'BARCODE_MALFORMED'
  | 'BARCODE_UNKNOWN_AI'
  | 'BARCODE_DUPLICATE_AI'
  | 'BARCODE_MISSING_AI'
  | 'BARCODE_AMBIGUOUS';

/** Bad input to the receipt barcode or its payment reference (HTTP 400). */
export class BarcodeError extends AppError {
  constructor(
    override readonly code: BarcodeErrorCode,
    detail: string,
    field?: string,
  ) {
    super(400, code, detail, field);
    this.name = 'BarcodeError';
  }
}

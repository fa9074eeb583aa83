import { AppError } from '../../../platform/http/errors.ts';

/** Stable codes of every error this folder throws; `detail` is the Spanish sentence people read. */
export type CadastreErrorCode =
  | 'NUMERO_PREDIAL_EMPTY'
  | 'NUMERO_PREDIAL_NOT_NUMERIC'
  | 'NUMERO_PREDIAL_INVALID_LENGTH'
  | 'NUMERO_PREDIAL_INVALID_PART'
  | 'NUMERO_PREDIAL_MUNICIPIO_REQUIRED'
  | 'MUNICIPIO_INVALID'
  | 'ROLL_DUPLICATE_PREDIO';

/** Bad input about a predio's codes or a cadastral roll (HTTP 400). */
export class CadastreError extends AppError {
  constructor(
    override readonly code: CadastreErrorCode,
    detail: string,
    field?: string,
  ) {
    super(400, code, detail, field);
    this.name = 'CadastreError';
  }
}

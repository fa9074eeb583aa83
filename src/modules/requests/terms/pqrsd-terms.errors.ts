import { AppError } from '../../../platform/http/errors.ts';

/** Stable codes of every error this folder throws; `detail` is the Spanish sentence people read. */
export type PqrsdTermsErrorCode =
  /** The tipo is not one of PQRSD_TYPES (`field: 'type'`). */
  | 'TIPO_PQRSD_INVALIDO'
  /** The filing instant is missing, malformed, lacks a UTC offset or is outside the calendar (`field: 'filed'`). */
  | 'FECHA_RADICACION_INVALIDA'
  /** No period of the rule file covers the filing day (`field: 'filed'`). */
  | 'REGIMEN_NO_CONFIGURADO'
  /** The rule file does not validate (every problem is listed in `extra.problems`). */
  | 'REGLAS_PQRSD_INVALIDAS'
  /** The rule file cannot be read. */
  | 'REGLAS_PQRSD_FALTANTES';

const STATUS: Record<PqrsdTermsErrorCode, number> = {
  TIPO_PQRSD_INVALIDO: 400,
  FECHA_RADICACION_INVALIDA: 400,
  REGIMEN_NO_CONFIGURADO: 422,
  REGLAS_PQRSD_INVALIDAS: 422,
  REGLAS_PQRSD_FALTANTES: 500,
};

/** Bad input (400), a rule file that cannot answer the question (422) or no rule file at all (500). */
export class PqrsdTermsError extends AppError {
  constructor(
    override readonly code: PqrsdTermsErrorCode,
    detail: string,
    field?: string,
    extra?: Record<string, unknown>,
  ) {
    super(STATUS[code], code, detail, field, extra);
    this.name = 'PqrsdTermsError';
  }
}

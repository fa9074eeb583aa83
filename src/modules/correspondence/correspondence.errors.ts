import { AppError } from '../../platform/http/errors.ts';

/** Stable codes of every error of the correspondence module; `detail` is the Spanish sentence people read. */
export type CorrespondenceErrorCode =
  /** A value that does not fit its field (`field` names it). */
  | 'VALIDATION_ERROR'
  /** The dependencia code is not one of the tenant's (`field: 'dependencia'`). */
  | 'DEPENDENCIA_DESCONOCIDA'
  /** The TRD code is not in config/rules/trd.json (`field: 'trdCode'`). */
  | 'TRD_DESCONOCIDA'
  /** The TRD code belongs to another dependencia's table (`field: 'trdCode'`). */
  | 'TRD_DE_OTRA_DEPENDENCIA'
  /** An expediente needs a code with retention times: a subseries, or a series without subseries. */
  | 'TRD_SIN_RETENCION'
  /** A salida answers something that is not a visible entrada (`field: 'respondsToId'`). */
  | 'RESPUESTA_INVALIDA'
  /** The same Idempotency-Key was used for a different communication. */
  | 'IDEMPOTENCY_KEY_REUSED'
  /** Filing into a closed expediente. */
  | 'EXPEDIENTE_CERRADO'
  /** Closing an expediente without documents. */
  | 'EXPEDIENTE_VACIO'
  /** The item is already filed in another expediente. */
  | 'RADICADO_EN_OTRO_EXPEDIENTE'
  /** The item is handled by another dependencia than the expediente's. */
  | 'EXPEDIENTE_DE_OTRA_DEPENDENCIA'
  /** The official has no dependencia to restrict their reading to. */
  | 'SIN_DEPENDENCIA'
  /** The TRD file does not validate (every problem is listed in `extra.problems`). */
  | 'TRD_INVALIDA'
  /** The TRD file cannot be read. */
  | 'TRD_FALTANTE';

const STATUS: Record<CorrespondenceErrorCode, number> = {
  VALIDATION_ERROR: 400,
  DEPENDENCIA_DESCONOCIDA: 422,
  TRD_DESCONOCIDA: 422,
  TRD_DE_OTRA_DEPENDENCIA: 422,
  TRD_SIN_RETENCION: 422,
  RESPUESTA_INVALIDA: 422,
  IDEMPOTENCY_KEY_REUSED: 409,
  EXPEDIENTE_CERRADO: 409,
  EXPEDIENTE_VACIO: 422,
  RADICADO_EN_OTRO_EXPEDIENTE: 409,
  EXPEDIENTE_DE_OTRA_DEPENDENCIA: 422,
  SIN_DEPENDENCIA: 403,
  TRD_INVALIDA: 500,
  TRD_FALTANTE: 500,
};

export class CorrespondenceError extends AppError {
  constructor(
    override readonly code: CorrespondenceErrorCode,
    detail: string,
    field?: string,
    extra?: Record<string, unknown>,
  ) {
    super(STATUS[code], code, detail, field, extra);
    this.name = 'CorrespondenceError';
  }
}

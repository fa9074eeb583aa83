import { AppError } from '../../../platform/http/errors.ts';

/** Stable codes of every error this folder throws; `detail` is the Spanish sentence people read. */
export type LiquidationErrorCode =
  /** The rule-set JSON does not validate (every problem is listed in `extra.problems`). */
  | 'REGLAS_INVALIDAS'
  /** A fact about the predio, an amount or a date given to a function is wrong (`field` names it). */
  | 'DATO_INVALIDO'
  /** No tariff row fits the predio for that vigencia. */
  | 'TARIFA_NO_ENCONTRADA'
  /** More than one tariff row fits the predio; the rule set must be made disjoint. */
  | 'TARIFA_AMBIGUA'
  /** UVT, SMMLV or IPC of a year that a rule needs is not in the rule set. */
  | 'VALOR_REFERENCIA_FALTANTE'
  /** No moratorium rate (or interest setting) covers a day of delay. */
  | 'TASA_MORA_NO_CONFIGURADA'
  /** The vigencia has no due date configured. */
  | 'VENCIMIENTO_NO_CONFIGURADO'
  /** A discount window depends on the predio but the demand line carries no predio profile. */
  | 'PERFIL_PREDIO_REQUERIDO';

const STATUS: Record<LiquidationErrorCode, number> = {
  REGLAS_INVALIDAS: 422,
  DATO_INVALIDO: 400,
  TARIFA_NO_ENCONTRADA: 422,
  TARIFA_AMBIGUA: 422,
  VALOR_REFERENCIA_FALTANTE: 422,
  TASA_MORA_NO_CONFIGURADA: 422,
  VENCIMIENTO_NO_CONFIGURADO: 422,
  PERFIL_PREDIO_REQUERIDO: 422,
};

/** Bad input (400) or a rule set that cannot answer the question asked (422). */
export class LiquidationError extends AppError {
  constructor(
    override readonly code: LiquidationErrorCode,
    detail: string,
    field?: string,
    extra?: Record<string, unknown>,
  ) {
    super(STATUS[code], code, detail, field, extra);
    this.name = 'LiquidationError';
  }
}

export const invalidInput = (field: string, detail: string) =>
  new LiquidationError('DATO_INVALIDO', detail, field);

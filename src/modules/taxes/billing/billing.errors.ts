import { AppError } from '../../../platform/http/errors.ts';

/** Stable codes of every error this folder throws; `detail` is the Spanish sentence people read. */
export type BillingErrorCode =
  /** An amount, a date, a key or an option given to a function is wrong (`field` names it). */
  'DATO_INVALIDO';

const STATUS: Record<BillingErrorCode, number> = { DATO_INVALIDO: 400 };

/** Bad input to the billing rules. Errors of the rule set itself come from the liquidation rules. */
export class BillingError extends AppError {
  constructor(
    override readonly code: BillingErrorCode,
    detail: string,
    field?: string,
    extra?: Record<string, unknown>,
  ) {
    super(STATUS[code], code, detail, field, extra);
    this.name = 'BillingError';
  }
}

export const invalidBillingInput = (field: string, detail: string) =>
  new BillingError('DATO_INVALIDO', detail, field);

/** Throws unless `value` is a safe, non-negative integer number of pesos. */
export function checkPesos(value: number, field: string): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw invalidBillingInput(field, `«${value}» no es un valor válido en pesos (entero no negativo).`);
  }
}

import { invalidInput } from './liquidation.errors.ts';
import { roundingPolicyFor } from './rounding.rules.ts';
import type { InstallmentPlan, RuleSet } from './rule-set.ts';

/**
 * Splits a total into `count` instalments (taxes.md §1.7 P3): equal instalments that are multiples of
 * `unit`, with whatever remains in the last one, so the instalments always add up to the total.
 */
export function splitInstallments(total: number, count: number, unit = 1): number[] {
  if (!Number.isSafeInteger(total) || total < 0) {
    throw invalidInput('total', `«${total}» no es un total válido en pesos.`);
  }
  if (!Number.isInteger(count) || count < 1) {
    throw invalidInput('count', `«${count}» no es un número de cuotas válido.`);
  }
  if (!Number.isSafeInteger(unit) || unit < 1)
    throw invalidInput('unit', `«${unit}» no es una unidad válida.`);
  // Integer remainder first, so the division below is exact (no float rounding near large totals).
  const block = count * unit;
  const each = ((total - (total % block)) / block) * unit;
  return Array.from({ length: count }, (_, index) =>
    index === count - 1 ? total - each * (count - 1) : each,
  );
}

export interface Installment {
  readonly number: number;
  readonly dueDate: string;
  readonly amount: number;
}

/**
 * The instalments of a plan of the rule set for a total, one per configured date, each a multiple of the
 * "cuota" rounding unit in force on the first date (remainder in the last).
 */
export function installmentSchedule(total: number, plan: InstallmentPlan, rules: RuleSet): Installment[] {
  const unit = roundingPolicyFor(rules, 'cuota', plan.dueDates[0]!).unit;
  const amounts = splitInstallments(total, plan.dueDates.length, unit);
  return plan.dueDates.map((dueDate, index) => ({ number: index + 1, dueDate, amount: amounts[index]! }));
}

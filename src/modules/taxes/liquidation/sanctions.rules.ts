import { addYears, dayNumber } from './calendar-days.ts';
import { invalidInput } from './liquidation.errors.ts';
import { add, mul, percentOf, type Ratio, ratio, sub, toDecimalString, toSafeNumber } from './rational.ts';
import { roundingPolicyFor, roundToPolicy } from './rounding.rules.ts';
import { ipcOf } from './rule-lookup.rules.ts';
import type { Confidence, RuleSet } from './rule-set.ts';

export interface SanctionUpdateStep {
  /** The 1 January on which the increase happened. */
  readonly on: string;
  readonly ipcYear: number;
  readonly ipcPercent: string;
  readonly confidence: Confidence;
}

export interface SanctionUpdate {
  /** Date after which each 1 January updates the sanction. */
  readonly anchor: string;
  readonly steps: readonly SanctionUpdateStep[];
  /** Increase over the original sanction, exact. */
  readonly exact: Ratio;
  /** Increase rounded by the "actualizacionSancion" policy on the payment date. */
  readonly amount: number;
}

/**
 * Art. 867-1 ET (taxes.md §2.3): an unpaid sanction more than a year overdue grows every 1 January by the
 * previous year's inflation, cumulatively. Imposed sanctions start from the 1 January after the act
 * became final (`imposedFirmeDate`); other sanctions once they are a year past their due date. Only the
 * 1 January dates on which a `sanctionUpdating` row is enabled count.
 */
export function sanctionUpdateFor(
  amount: number,
  dueDate: string,
  paymentDate: string,
  rules: RuleSet,
  imposedFirmeDate?: string,
): SanctionUpdate {
  if (!Number.isSafeInteger(amount) || amount < 0) {
    throw invalidInput('amount', `«${amount}» no es una sanción válida en pesos.`);
  }
  const anchor = imposedFirmeDate ?? addYears(dueDate, 1);
  dayNumber(anchor, imposedFirmeDate ? 'imposedFirmeDate' : 'dueDate');
  dayNumber(paymentDate, 'paymentDate');
  const steps: SanctionUpdateStep[] = [];
  let value: Ratio = ratio(amount);
  for (let year = Number(anchor.slice(0, 4)) + 1; `${year}-01-01` <= paymentDate; year++) {
    const on = `${year}-01-01`;
    const enabled = rules.sanctionUpdating.some(
      (row) => row.enabled && row.validFrom <= on && (row.validTo === null || on <= row.validTo),
    );
    if (!enabled) continue;
    const ipc = ipcOf(rules, year - 1);
    value = mul(value, add(ratio(1), percentOf(ipc.percent)));
    steps.push({
      on,
      ipcYear: ipc.year,
      ipcPercent: toDecimalString(ipc.percent),
      confidence: ipc.confidence,
    });
  }
  const exact = sub(value, ratio(amount));
  return {
    anchor,
    steps,
    exact,
    amount: toSafeNumber(roundToPolicy(exact, roundingPolicyFor(rules, 'actualizacionSancion', paymentDate))),
  };
}

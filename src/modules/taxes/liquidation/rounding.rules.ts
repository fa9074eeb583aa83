import { invalidInput, LiquidationError } from './liquidation.errors.ts';
import { floor, type Ratio, ratio, toSafeNumber } from './rational.ts';
import type { RoundingConcept, RoundingPolicy, RuleSet } from './rule-set.ts';

/** Arts. 577 and 802 ET: nearest multiple of 1,000, half up (DIAN Concepto 065791 of 2013). */
export const DEFAULT_ROUNDING: RoundingPolicy = { unit: 1000, mode: 'half-up' };

/**
 * Rounds an exact amount to a multiple of `policy.unit`. The magnitude is rounded and the sign put back,
 * so "half-up" sends ties away from zero and "down" goes towards zero for debits and credits alike.
 */
export function roundToPolicy(value: Ratio | bigint | number, policy: RoundingPolicy): bigint {
  if (!Number.isSafeInteger(policy.unit) || policy.unit <= 0) {
    throw invalidInput(
      'unit',
      `La unidad de redondeo debe ser un entero positivo; se recibió ${policy.unit}.`,
    );
  }
  const exact = typeof value === 'object' ? value : ratio(value);
  const negative = exact.num < 0n;
  const magnitude = negative ? ratio(-exact.num, exact.den) : exact;
  const unit = BigInt(policy.unit);
  // magnitude / unit = quotient + remainder / divisor, with 0 ≤ remainder < divisor.
  const divisor = magnitude.den * unit;
  const quotient = magnitude.num / divisor;
  const remainder = magnitude.num % divisor;
  let units = quotient;
  if (remainder !== 0n) {
    const twice = remainder * 2n;
    switch (policy.mode) {
      case 'down':
        break;
      case 'up':
        units += 1n;
        break;
      case 'half-up':
        if (twice >= divisor) units += 1n;
        break;
      case 'half-even':
        if (twice > divisor || (twice === divisor && quotient % 2n === 1n)) units += 1n;
        break;
    }
  }
  const rounded = units * unit;
  return negative ? -rounded : rounded;
}

/** Largest multiple of the unit that does not exceed the value (used so a legal limit is never passed). */
export function floorToUnit(value: Ratio, unit: number): bigint {
  const units = floor(ratio(value.num, value.den * BigInt(unit)));
  return units * BigInt(unit);
}

/** Rounded pesos as a safe integer number. */
export const roundPesos = (value: Ratio | bigint | number, policy: RoundingPolicy): number =>
  toSafeNumber(roundToPolicy(value, policy));

/** The policy for a concept on a date: the row valid that day, its override for the concept or its default. */
export function roundingPolicyFor(rules: RuleSet, concept: RoundingConcept, date: string): RoundingPolicy {
  const row = rules.rounding.find(
    (candidate) => candidate.validFrom <= date && (candidate.validTo === null || date <= candidate.validTo),
  );
  if (!row) {
    throw new LiquidationError(
      'DATO_INVALIDO',
      `No hay política de redondeo configurada para el ${date}; agregue una fila en «rounding».`,
      'rounding',
    );
  }
  return row.byConcept[concept] ?? row.default;
}

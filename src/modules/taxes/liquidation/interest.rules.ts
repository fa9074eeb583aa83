import { dateOf, dayNumber, daysInYear, yearOf } from './calendar-days.ts';
import { invalidInput, LiquidationError } from './liquidation.errors.ts';
import {
  add,
  compare,
  mul,
  percentOf,
  type Ratio,
  ratio,
  sub,
  toDecimalString,
  toSafeNumber,
  ZERO,
} from './rational.ts';
import { roundingPolicyFor, roundToPolicy } from './rounding.rules.ts';
import type { Confidence, InterestSetting, MoratoriumRate, RoundingPolicy, RuleSet } from './rule-set.ts';

/** One stretch of delay days sharing a rate, a day-count base and a calendar year (when the base follows it). */
export interface InterestSegment {
  /** First and last delay day of the stretch, both included. */
  readonly from: string;
  readonly to: string;
  readonly days: number;
  readonly usuryPercent: string | null;
  /** Annual moratorium rate applied (usury − points, Art. 635 ET), percent. */
  readonly moratoriumPercent: string;
  readonly dayCountBase: number;
  /** capital × rate × days / base, exact decimal text. */
  readonly exact: string;
  readonly source: string;
  readonly confidence: Confidence;
}

export interface InterestResult {
  readonly capital: number;
  readonly dueDate: string;
  readonly paymentDate: string;
  /** Calendar days of delay: paymentDate − dueDate (due 31 Mar, paid 1 Apr → 1). */
  readonly days: number;
  /** The unrounded sum; kept so sums over periods are rounded once, at the end. */
  readonly exact: Ratio;
  readonly exactText: string;
  /** Rounded by the "intereses" policy in force on the payment date. */
  readonly amount: number;
  readonly rounding: RoundingPolicy;
  readonly segments: readonly InterestSegment[];
}

const covers = (row: { validFrom: string; validTo: string | null }, date: string) =>
  row.validFrom <= date && (row.validTo === null || date <= row.validTo);

function capitalOf(capital: number | bigint): bigint {
  if (typeof capital === 'bigint') {
    if (capital < 0n) throw invalidInput('capital', 'El capital no puede ser negativo.');
    return capital;
  }
  if (!Number.isSafeInteger(capital) || capital < 0) {
    throw invalidInput('capital', `«${capital}» no es un capital válido en pesos (entero no negativo).`);
  }
  return BigInt(capital);
}

function moratoriumRateOf(rate: MoratoriumRate, setting: InterestSetting, day: string): Ratio {
  if (rate.moratoriumPercent) return rate.moratoriumPercent;
  const derived = sub(rate.usuryPercent!, setting.pointsBelowUsury);
  if (compare(derived, ZERO) < 0) {
    throw new LiquidationError(
      'TASA_MORA_NO_CONFIGURADA',
      `La tasa de usura vigente el ${day} es menor que los puntos a descontar (Art. 635 ET).`,
      'moratoriumRates',
    );
  }
  return derived;
}

/**
 * Exact moratorium interest on `capital` for the delay days after `dueDate` up to and including
 * `paymentDate` (Arts. 634 and 635 ET, taxes.md §2.1–2.2): simple interest, per calendar day, at the
 * annual moratorium rate in force on each day, over the configured day-count base:
 *   Σ capital × rate × days / base, over the stretches where rate, base and (for "actual") year agree.
 * Interest runs on capital only, never on sanctions or on earlier interest (Ley 1607 de 2012).
 */
export function exactInterest(
  capital: number | bigint,
  dueDate: string,
  paymentDate: string,
  rules: RuleSet,
): { exact: Ratio; days: number; segments: InterestSegment[] } {
  const principal = capitalOf(capital);
  const first = dayNumber(dueDate, 'dueDate') + 1;
  const last = dayNumber(paymentDate, 'paymentDate');
  const segments: InterestSegment[] = [];
  let total = ZERO;
  if (last < first || principal === 0n) return { exact: ZERO, days: Math.max(0, last - first + 1), segments };

  let cursor = first;
  while (cursor <= last) {
    const day = dateOf(cursor);
    const rate = rules.moratoriumRates.find((row) => covers(row, day));
    if (!rate) {
      throw new LiquidationError(
        'TASA_MORA_NO_CONFIGURADA',
        `No hay tasa de interés moratorio configurada para el ${day}; cargue la certificación de la Superintendencia Financiera en «moratoriumRates».`,
        'moratoriumRates',
      );
    }
    const setting = rules.interestSettings.find((row) => covers(row, day));
    if (!setting) {
      throw new LiquidationError(
        'TASA_MORA_NO_CONFIGURADA',
        `No hay base de días ni puntos bajo la usura configurados para el ${day} («interestSettings»).`,
        'interestSettings',
      );
    }
    let end = last;
    if (rate.validTo !== null) end = Math.min(end, dayNumber(rate.validTo));
    if (setting.validTo !== null) end = Math.min(end, dayNumber(setting.validTo));
    const year = yearOf(day);
    if (setting.dayCountBase === 'actual') end = Math.min(end, dayNumber(`${year}-12-31`));
    const base = setting.dayCountBase === 'actual' ? daysInYear(year) : setting.dayCountBase;
    const annual = moratoriumRateOf(rate, setting, day);
    const days = end - cursor + 1;
    const amount = mul(ratio(principal), mul(percentOf(annual), ratio(days, base)));
    total = add(total, amount);
    segments.push({
      from: day,
      to: dateOf(end),
      days,
      usuryPercent: rate.usuryPercent ? toDecimalString(rate.usuryPercent) : null,
      moratoriumPercent: toDecimalString(annual),
      dayCountBase: base,
      exact: toDecimalString(amount, 4),
      source: rate.source,
      confidence: rate.confidence,
    });
    cursor = end + 1;
  }
  return { exact: total, days: last - first + 1, segments };
}

/** `exactInterest` rounded once, by the "intereses" policy in force on the payment date. */
export function interestFor(
  capital: number | bigint,
  dueDate: string,
  paymentDate: string,
  rules: RuleSet,
): InterestResult {
  const { exact, days, segments } = exactInterest(capital, dueDate, paymentDate, rules);
  const rounding = roundingPolicyFor(rules, 'intereses', paymentDate);
  return {
    capital: toSafeNumber(capitalOf(capital)),
    dueDate,
    paymentDate,
    days,
    exact,
    exactText: toDecimalString(exact, 4),
    amount: toSafeNumber(roundToPolicy(exact, rounding)),
    rounding,
    segments,
  };
}

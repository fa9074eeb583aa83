import { dayNumber } from './calendar-days.ts';
import { type DiscountResult, discountFor, type ReliefResult, reliefFor } from './discounts.rules.ts';
import { exactInterest, type InterestResult } from './interest.rules.ts';
import { invalidInput } from './liquidation.errors.ts';
import type { DemandLine } from './predial.rules.ts';
import { mul, percentOf, ratio, toDecimalString, toSafeNumber, ZERO } from './rational.ts';
import { roundingPolicyFor, roundToPolicy } from './rounding.rules.ts';
import { inVigencias } from './rule-lookup.rules.ts';
import { type Confidence, DEMAND_CONCEPTS, type DemandConcept, type RuleSet } from './rule-set.ts';
import { type SanctionUpdate, sanctionUpdateFor } from './sanctions.rules.ts';

/** Integer pesos per component. Reductions (discount, relief) are positive numbers to subtract. */
export interface AmountFigures {
  readonly capital: number;
  readonly interest: number;
  readonly sanctionUpdate: number;
  readonly discount: number;
  readonly relief: number;
  /** capital + interest + sanctionUpdate − discount − relief; never negative. */
  readonly total: number;
}

export interface AmountDueLine extends AmountFigures {
  readonly vigencia: number;
  readonly concept: DemandConcept;
  readonly dueDate: string;
  readonly daysLate: number;
  readonly interestDetail: InterestResult | null;
  readonly sanctionUpdateDetail: SanctionUpdate | null;
  readonly discountDetail: DiscountResult | null;
  readonly reliefDetail: ReliefResult | null;
}

export interface EnvironmentalTransfer {
  readonly vigencia: number;
  readonly percent: string;
  /** Impuesto actually collected for the vigencia (capital less discount and relief). */
  readonly base: number;
  readonly amount: number;
  readonly source: string;
  readonly confidence: Confidence;
}

export interface AmountsDue {
  readonly paymentDate: string;
  readonly lines: readonly AmountDueLine[];
  readonly byConcept: Readonly<Record<DemandConcept, AmountFigures>>;
  readonly totals: AmountFigures;
  /** Informative, for the "porcentaje ambiental" mode: what the CAR receives out of this payment. */
  readonly environmentalTransfers: readonly EnvironmentalTransfer[];
}

const EMPTY: AmountFigures = { capital: 0, interest: 0, sanctionUpdate: 0, discount: 0, relief: 0, total: 0 };

const plus = (a: AmountFigures, b: AmountFigures): AmountFigures => ({
  capital: a.capital + b.capital,
  interest: a.interest + b.interest,
  sanctionUpdate: a.sanctionUpdate + b.sanctionUpdate,
  discount: a.discount + b.discount,
  relief: a.relief + b.relief,
  total: a.total + b.total,
});

function checkLine(line: DemandLine, index: number): void {
  const field = (name: string) => `lines[${index}].${name}`;
  if (!DEMAND_CONCEPTS.includes(line.concept)) {
    throw invalidInput(field('concept'), `«${line.concept}» no es un concepto de cobro conocido.`);
  }
  if (!Number.isSafeInteger(line.amount) || line.amount < 0) {
    throw invalidInput(
      field('amount'),
      `«${line.amount}» no es un valor válido en pesos (entero no negativo).`,
    );
  }
  if (!Number.isInteger(line.vigencia)) throw invalidInput(field('vigencia'), 'La vigencia debe ser un año.');
  dayNumber(line.dueDate, field('dueDate'));
}

/**
 * What is owed on `paymentDate` for each demand line, and in total (taxes.md §0.2, §1.5, §2): interest
 * day by day on interest-bearing capital, the Art. 867-1 update of sanctions, then either a relief
 * programme (for eligible arrears) or an early-payment discount — never both on one line, the relief
 * being the more specific benefit. Each figure is rounded on its own line by its policy; totals are sums
 * of the rounded lines, so the bill adds up.
 */
export function amountsDue(
  demandLines: readonly DemandLine[],
  paymentDate: string,
  rules: RuleSet,
): AmountsDue {
  dayNumber(paymentDate, 'paymentDate');
  const interestPolicy = roundingPolicyFor(rules, 'intereses', paymentDate);
  const lines = demandLines.map((line, index): AmountDueLine => {
    checkLine(line, index);
    const accrued = line.interestBearing
      ? exactInterest(line.amount, line.dueDate, paymentDate, rules)
      : { exact: ZERO, days: 0, segments: [] };
    const daysLate = Math.max(0, dayNumber(paymentDate) - dayNumber(line.dueDate));
    const interestDetail: InterestResult | null = line.interestBearing
      ? {
          capital: line.amount,
          dueDate: line.dueDate,
          paymentDate,
          days: accrued.days,
          exact: accrued.exact,
          exactText: toDecimalString(accrued.exact, 4),
          amount: toSafeNumber(roundToPolicy(accrued.exact, interestPolicy)),
          rounding: interestPolicy,
          segments: accrued.segments,
        }
      : null;
    const sanctionUpdateDetail =
      line.concept === 'sancion'
        ? sanctionUpdateFor(line.amount, line.dueDate, paymentDate, rules, line.sanction?.imposedFirmeDate)
        : null;

    const reliefDetail = reliefFor(
      {
        vigencia: line.vigencia,
        concept: line.concept,
        dueDate: line.dueDate,
        capital: line.amount,
        interest: accrued.exact,
        sanctionUpdate: sanctionUpdateDetail?.exact,
      },
      paymentDate,
      rules,
    );
    const discountDetail = reliefDetail ? null : discountFor(line, paymentDate, rules);

    const interest = interestDetail?.amount ?? 0;
    const sanctionUpdate = sanctionUpdateDetail?.amount ?? 0;
    const discount = discountDetail?.amount ?? 0;
    const relief = reliefDetail?.reduction.total ?? 0;
    return {
      vigencia: line.vigencia,
      concept: line.concept,
      dueDate: line.dueDate,
      daysLate,
      capital: line.amount,
      interest,
      sanctionUpdate,
      discount,
      relief,
      total: line.amount + interest + sanctionUpdate - discount - relief,
      interestDetail,
      sanctionUpdateDetail,
      discountDetail,
      reliefDetail,
    };
  });

  const byConcept = Object.fromEntries(DEMAND_CONCEPTS.map((concept) => [concept, EMPTY])) as Record<
    DemandConcept,
    AmountFigures
  >;
  let totals = EMPTY;
  for (const line of lines) {
    byConcept[line.concept] = plus(byConcept[line.concept], line);
    totals = plus(totals, line);
  }

  const environmentalTransfers: EnvironmentalTransfer[] = [];
  const collected = new Map<number, number>();
  for (const line of lines) {
    if (line.concept !== 'impuesto') continue;
    const net = line.capital - line.discount - (line.reliefDetail?.reduction.capital ?? 0);
    collected.set(line.vigencia, (collected.get(line.vigencia) ?? 0) + net);
  }
  for (const [vigencia, base] of collected) {
    const row = rules.environmental.find((candidate) => inVigencias(candidate.vigencias, vigencia));
    if (row?.mode !== 'porcentaje-transferido') continue;
    const exact = mul(ratio(base), percentOf(row.percent));
    environmentalTransfers.push({
      vigencia,
      percent: toDecimalString(row.percent),
      base,
      amount: toSafeNumber(
        roundToPolicy(exact, roundingPolicyFor(rules, 'transferenciaAmbiental', paymentDate)),
      ),
      source: row.source,
      confidence: row.confidence,
    });
  }

  return { paymentDate, lines, byConcept, totals, environmentalTransfers };
}

import { invalidInput, LiquidationError } from './liquidation.errors.ts';
import type { DemandLine } from './predial.rules.ts';
import { compare, mul, percentOf, type Ratio, ratio, toDecimalString, toSafeNumber } from './rational.ts';
import { roundingPolicyFor, roundToPolicy } from './rounding.rules.ts';
import { inVigencias, matchesCondition } from './rule-lookup.rules.ts';
import type {
  Confidence,
  DemandConcept,
  ReliefProgramme,
  ReliefShare,
  ReliefWindow,
  RuleSet,
} from './rule-set.ts';

const HUNDRED = ratio(100);

export interface DiscountResult {
  readonly windowId: string;
  readonly label: string;
  readonly percent: string;
  readonly validFrom: string;
  readonly validTo: string;
  /** The capital the percentage was applied to. */
  readonly base: number;
  /** Pesos taken off, rounded by the "descuento" policy; never more than the base. */
  readonly amount: number;
  readonly source: string;
  readonly confidence: Confidence;
}

/**
 * Early-payment discount for a demand line paid on `paymentDate` (taxes.md §1.5): the window of the
 * line's vigencia that contains the date, lists the line's concept in `appliesTo` (by default only the
 * impuesto — the sobretasa ambiental is not reduced, §1.4) and fits the predio. Null when none applies.
 */
export function discountFor(line: DemandLine, paymentDate: string, rules: RuleSet): DiscountResult | null {
  const windows = rules.discounts.filter(
    (window) =>
      inVigencias(window.vigencias, line.vigencia) &&
      window.validFrom <= paymentDate &&
      paymentDate <= window.validTo &&
      window.appliesTo.includes(line.concept),
  );
  const fitting = windows.filter((window) => {
    if (Object.keys(window.when).length === 0) return true;
    if (!line.predio) {
      throw new LiquidationError(
        'PERFIL_PREDIO_REQUERIDO',
        `El descuento «${window.label}» depende del predio, pero el renglón de la vigencia ${line.vigencia} no trae sus datos.`,
        'predio',
      );
    }
    return matchesCondition(rules, window.when, line.predio, line.vigencia);
  });
  if (fitting.length === 0) return null;
  // Overlaps are refused when the rules load; should two still fit, the taxpayer gets the larger one.
  const window = fitting.reduce((best, candidate) =>
    compare(candidate.percent, best.percent) > 0 ? candidate : best,
  );
  const exact = mul(ratio(line.amount), percentOf(window.percent));
  const rounded = toSafeNumber(roundToPolicy(exact, roundingPolicyFor(rules, 'descuento', paymentDate)));
  return {
    windowId: window.id,
    label: window.label,
    percent: toDecimalString(window.percent),
    validFrom: window.validFrom,
    validTo: window.validTo,
    base: line.amount,
    amount: Math.min(rounded, line.amount),
    source: window.source,
    confidence: window.confidence,
  };
}

/** A debt as a relief sees it: capital of one concept and vigencia, with what has accrued on it. */
export interface ReliefDebt {
  readonly vigencia: number;
  readonly concept: DemandConcept;
  readonly dueDate: string;
  /** Integer pesos. */
  readonly capital: number;
  /** Accrued interest, exact or in pesos. */
  readonly interest: Ratio | number;
  /** Art. 867-1 increase of a sanction, exact or in pesos. */
  readonly sanctionUpdate?: Ratio | number | undefined;
}

export interface ReliefComponents {
  readonly capital: number;
  readonly interest: number;
  readonly sanctionUpdate: number;
}

export interface ReliefResult {
  readonly programmeId: string;
  readonly label: string;
  readonly legalBasis: string;
  readonly validFrom: string;
  readonly validTo: string;
  /** Percentages the debtor pays of capital and of interest for this line (100 = no reduction). */
  readonly capitalPercent: string;
  readonly interestPercent: string;
  /** Without relief (each component rounded by its policy). */
  readonly before: ReliefComponents;
  readonly payable: ReliefComponents;
  readonly reduction: ReliefComponents & { readonly total: number };
  readonly requiresFullPayment: boolean;
  readonly source: string;
  readonly confidence: Confidence;
}

function shareFor(window: ReliefWindow, concept: DemandConcept): { capital: Ratio; interest: Ratio } {
  const override: Partial<ReliefShare> = window.byConcept[concept] ?? {};
  const pick = (key: keyof ReliefShare) => override[key] ?? window.pay[key];
  // A sanction line's "capital" is the sanction itself, so it takes the sanctions share.
  const capital = concept === 'sancion' ? pick('sanctionsPercent') : pick('capitalPercent');
  return { capital, interest: pick('interestPercent') };
}

function isEligible(programme: ReliefProgramme, debt: ReliefDebt): boolean {
  const { eligibility } = programme;
  if (!programme.enabled || !eligibility.concepts.includes(debt.concept)) return false;
  if (eligibility.overdueAt && !(debt.dueDate < eligibility.overdueAt)) return false;
  if (eligibility.vigencias?.from !== undefined && debt.vigencia < eligibility.vigencias.from) return false;
  if (eligibility.vigencias?.to !== undefined && debt.vigencia > eligibility.vigencias.to) return false;
  return true;
}

const asRatio = (value: Ratio | number | undefined): Ratio =>
  value === undefined ? ratio(0) : typeof value === 'number' ? ratio(value) : value;

/** share × value rounded by the policy; a 100 % share keeps the value as is, and never more than it. */
function payablePart(value: Ratio, share: Ratio, rounded: number, round: (exact: Ratio) => number): number {
  if (compare(share, HUNDRED) === 0) return rounded;
  return Math.min(rounded, round(mul(value, percentOf(share))));
}

/**
 * The relief programme (Decreto Legislativo 678/2020 art. 7, local amnesties — taxes.md §2.4–2.6) that
 * applies to a debt paid on `paymentDate`: the debt must be eligible (concept, overdue on the programme's
 * date, vigencias) and the date inside one of its windows. When several programmes apply, the one that
 * leaves the least to pay is taken. Null when none applies.
 */
export function reliefFor(debt: ReliefDebt, paymentDate: string, rules: RuleSet): ReliefResult | null {
  if (!Number.isSafeInteger(debt.capital) || debt.capital < 0) {
    throw invalidInput('capital', `«${debt.capital}» no es un capital válido en pesos.`);
  }
  const capitalPolicy = roundingPolicyFor(rules, debt.concept, paymentDate);
  const interestPolicy = roundingPolicyFor(rules, 'intereses', paymentDate);
  const updatePolicy = roundingPolicyFor(rules, 'actualizacionSancion', paymentDate);
  const interest = asRatio(debt.interest);
  const update = asRatio(debt.sanctionUpdate);
  const before: ReliefComponents = {
    capital: debt.capital,
    interest: toSafeNumber(roundToPolicy(interest, interestPolicy)),
    sanctionUpdate: toSafeNumber(roundToPolicy(update, updatePolicy)),
  };

  let best: ReliefResult | null = null;
  for (const programme of rules.reliefs) {
    if (!isEligible(programme, debt)) continue;
    const window = programme.windows.find((w) => w.validFrom <= paymentDate && paymentDate <= w.validTo);
    if (!window) continue;
    const share = shareFor(window, debt.concept);
    const payable: ReliefComponents = {
      capital: payablePart(ratio(debt.capital), share.capital, before.capital, (exact) =>
        toSafeNumber(roundToPolicy(exact, capitalPolicy)),
      ),
      interest: payablePart(interest, share.interest, before.interest, (exact) =>
        toSafeNumber(roundToPolicy(exact, interestPolicy)),
      ),
      sanctionUpdate: payablePart(update, share.capital, before.sanctionUpdate, (exact) =>
        toSafeNumber(roundToPolicy(exact, updatePolicy)),
      ),
    };
    const reduction = {
      capital: before.capital - payable.capital,
      interest: before.interest - payable.interest,
      sanctionUpdate: before.sanctionUpdate - payable.sanctionUpdate,
      total: 0,
    };
    reduction.total = reduction.capital + reduction.interest + reduction.sanctionUpdate;
    if (best && best.reduction.total >= reduction.total) continue;
    best = {
      programmeId: programme.id,
      label: programme.label,
      legalBasis: programme.legalBasis,
      validFrom: window.validFrom,
      validTo: window.validTo,
      capitalPercent: toDecimalString(share.capital),
      interestPercent: toDecimalString(share.interest),
      before,
      payable,
      reduction,
      requiresFullPayment: programme.requiresFullPayment,
      source: programme.source,
      confidence: programme.confidence,
    };
  }
  return best;
}

/**
 * Pure liquidation of the Impuesto Predial Unificado (taxes.md §0–§2): rule sets as dated data, the
 * yearly liquidation per predio, moratorium interest, discounts, reliefs and amounts due at a date.
 * No database and no I/O: the service reads config/rules/<divipola>/predial.json and passes it here.
 */
export {
  type AmountDueLine,
  type AmountFigures,
  type AmountsDue,
  amountsDue,
  type EnvironmentalTransfer,
} from './amounts-due.rules.ts';
export { dateOf, dayNumber, isValidDate } from './calendar-days.ts';
export { applyCaps, type CapOutcome, type CapStatus } from './caps.rules.ts';
export {
  type DiscountResult,
  discountFor,
  type ReliefComponents,
  type ReliefDebt,
  type ReliefResult,
  reliefFor,
} from './discounts.rules.ts';
export { describeRounding, formatDecimal, formatPesos } from './format.ts';
export { type Installment, installmentSchedule, splitInstallments } from './installments.rules.ts';
export { exactInterest, type InterestResult, type InterestSegment, interestFor } from './interest.rules.ts';
export { LiquidationError, type LiquidationErrorCode } from './liquidation.errors.ts';
export {
  type DemandLine,
  liquidatePredial,
  type PredialFacts,
  type PredialLiquidation,
  type RuleCitation,
} from './predial.rules.ts';
export { type Ratio, ratio, toDecimalString } from './rational.ts';
export {
  DEFAULT_ROUNDING,
  floorToUnit,
  roundingPolicyFor,
  roundPesos,
  roundToPolicy,
} from './rounding.rules.ts';
export { dueDateOf, matchesCondition, type PredioProfile } from './rule-lookup.rules.ts';
export * from './rule-set.ts';
export { type SanctionUpdate, type SanctionUpdateStep, sanctionUpdateFor } from './sanctions.rules.ts';

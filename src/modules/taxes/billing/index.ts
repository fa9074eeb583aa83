/**
 * Pure rules of billing and payment (taxes.md §0, §1.5–1.7, §2, §7; Arts. 804, 814 and 814-3 ET): the
 * pay-by dates of a bill, the imputation of a payment, payment agreements and the paz y salvo. Generic
 * over the subject (predio now; establishments and fines later). No database and no I/O: totals come from
 * the liquidation's `amountsDue` over a rule set the service loads.
 */
export {
  type AgreementDebtLine,
  type AgreementLine,
  type AgreementOffer,
  type AgreementOfferOptions,
  type AgreementPayment,
  type AgreementRequest,
  type AgreementStatus,
  type AgreementStatusValue,
  type AgreementTotals,
  type AgreementValidation,
  type AgreementVoidRule,
  agreementBalanceDue,
  agreementFromOffer,
  agreementOffer,
  agreementStatus,
  DEFAULT_VOID_RULE,
  type FieldProblem,
  type InstalmentState,
  type InstalmentStatus,
  type LateStart,
  type PaymentAgreement,
  validateAgreementRequest,
} from './agreement.rules.ts';
export {
  APPORTION_COMPONENTS,
  APPORTION_ORDERS,
  type Application,
  type ApportionComponent,
  type Apportionment,
  type ApportionOptions,
  type ApportionOrder,
  appliedByItem,
  apportionPayment,
  largestRemainderSplit,
  type OwedItem,
  owedItemsFromAmounts,
} from './apportion.rules.ts';
export { BILLING_DEFAULTS, type BillingDefault } from './billing.defaults.ts';
export { BillingError, type BillingErrorCode } from './billing.errors.ts';
export { addDays, endOfMonth, endOfYear, formatLongDate, formatPercent } from './billing-dates.ts';
export {
  type ArrearsValidity,
  billExpiresOn,
  type PayByOption,
  type PayByOptionsOptions,
  type PayByReason,
  payByOptions,
} from './pay-by-options.rules.ts';
export {
  type BalanceLine,
  type PazYSalvoEligibility,
  type PazYSalvoOptions,
  type PazYSalvoValidity,
  type PendingBalance,
  pazYSalvoEligibility,
  pazYSalvoValidityText,
} from './paz-y-salvo.rules.ts';

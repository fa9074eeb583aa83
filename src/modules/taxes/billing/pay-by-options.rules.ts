import {
  type AmountsDue,
  amountsDue,
  type DemandLine,
  dayNumber,
  type RuleSet,
  type VigenciaRange,
} from '../liquidation/index.ts';
import { BILLING_DEFAULTS } from './billing.defaults.ts';
import { invalidBillingInput } from './billing.errors.ts';
import { addDays, endOfMonth, formatLongDate, formatPercent } from './billing-dates.ts';

/**
 * The pay-by dates of a bill (taxes.md §1.6): each with its own total and its own barcode, e.g. «pague
 * con 10 % de descuento hasta el 31 de marzo», «pague sin descuento hasta el 30 de junio», «pague con
 * intereses hasta el 31 de mayo». Totals come from the liquidation's `amountsDue` at each date.
 */

/** Why a date is on the bill. */
export type PayByReason =
  /** Last day of an early-payment discount window (taxes.md §1.5). */
  | 'descuento'
  /** Last day of a relief programme window (taxes.md §2.4–2.6). */
  | 'alivio'
  /** Last day to pay a vigencia without interest (Art. 634 ET). */
  | 'vencimiento'
  /** Interest or sanction updates grow with time: the bill is valid until this date. */
  | 'validez';

export interface PayByOption {
  readonly payBy: string;
  /** Spanish, for the bill: «Pague con 10 % de descuento hasta el 31 de marzo de 2026». */
  readonly label: string;
  readonly reasons: readonly PayByReason[];
  readonly amounts: AmountsDue;
  readonly total: number;
}

/** `endOfMonth`: last day of the month of issue; `{ days }`: that many days after the issue date. */
export type ArrearsValidity = 'endOfMonth' | { readonly days: number };

export interface PayByOptionsOptions {
  /** At most this many dates (the earliest ones are kept). Default 3 (taxes.md §1.6). */
  readonly maxOptions?: number | undefined;
  /** No date later than issueDate + horizonDays. Default: no limit. */
  readonly horizonDays?: number | undefined;
  /** Validity of a bill with arrears. Default end of the month of issue [DEFAULT]. */
  readonly arrearsValidity?: ArrearsValidity | undefined;
}

const inVigencias = (range: VigenciaRange, vigencia: number) =>
  range.from <= vigencia && vigencia <= range.to;

interface Candidate {
  readonly date: string;
  readonly reasons: Set<PayByReason>;
}

interface CheckedOptions {
  readonly maxOptions: number;
  readonly horizonDays: number | undefined;
  readonly arrearsValidity: ArrearsValidity;
}

function checkOptions(options: PayByOptionsOptions): CheckedOptions {
  const maxOptions = options.maxOptions ?? BILLING_DEFAULTS.maxOptions.value;
  if (!Number.isInteger(maxOptions) || maxOptions < 1) {
    throw invalidBillingInput('maxOptions', `«${maxOptions}» no es un número de fechas válido (mínimo 1).`);
  }
  const { horizonDays } = options;
  if (horizonDays !== undefined && (!Number.isInteger(horizonDays) || horizonDays < 0)) {
    throw invalidBillingInput('horizonDays', `«${horizonDays}» no es un número de días válido.`);
  }
  const arrearsValidity = options.arrearsValidity ?? BILLING_DEFAULTS.arrearsValidity.value;
  if (
    arrearsValidity !== 'endOfMonth' &&
    (!Number.isInteger(arrearsValidity.days) || arrearsValidity.days < 0)
  ) {
    throw invalidBillingInput(
      'arrearsValidity.days',
      `«${arrearsValidity.days}» no es un número de días válido.`,
    );
  }
  return { maxOptions, horizonDays, arrearsValidity };
}

/** «y» becomes «e» before a word that sounds /i/ (e intereses). */
const joinSpanish = (parts: readonly string[]): string =>
  parts.reduce((text, part, index) => {
    if (index === 0) return part;
    const conjunction = /^h?i(?![aeou])/i.test(part) ? 'e' : 'y';
    return `${text} ${conjunction} ${part}`;
  }, '');

function labelFor(amounts: AmountsDue, payBy: string): string {
  const date = formatLongDate(payBy);
  if (amounts.totals.total === 0) {
    return amounts.totals.relief > 0
      ? `Sin valor a pagar hasta el ${date}: los alivios vigentes cubren toda la deuda`
      : `Sin saldo por pagar al ${date}`;
  }
  const parts: string[] = [];
  if (amounts.totals.discount > 0) {
    const percents = [
      ...new Set(amounts.lines.flatMap((line) => (line.discountDetail ? [line.discountDetail.percent] : []))),
    ];
    parts.push(
      percents.length === 1 ? `${formatPercent(percents[0]!)} de descuento` : 'descuento por pronto pago',
    );
  }
  if (amounts.totals.relief > 0) {
    const labels = [
      ...new Set(amounts.lines.flatMap((line) => (line.reliefDetail ? [line.reliefDetail.label] : []))),
    ];
    parts.push(labels.length === 1 ? `el alivio «${labels[0]}»` : 'los alivios vigentes');
  }
  // Interest a relief waives is not charged: only mention what is left of it.
  const interestCharged = amounts.lines.reduce(
    (sum, line) => sum + line.interest - (line.reliefDetail?.reduction.interest ?? 0),
    0,
  );
  if (interestCharged > 0) parts.push('intereses de mora liquidados a esa fecha');
  if (parts.length === 0) return `Pague sin descuento y sin intereses hasta el ${date}`;
  return `Pague con ${joinSpanish(parts)} hasta el ${date}`;
}

/**
 * The pay-by dates a bill issued on `issueDate` offers for `demandLines`, earliest first:
 * - the last day of each discount or relief window that has not closed and gives this debt something;
 * - each due date without interest still ahead;
 * - when something is already overdue (interest grows daily, Art. 634 ET; sanctions are updated every
 *   1 January, Art. 867-1), the end of the month of issue (configurable), so the bill states a total
 *   that is valid up to a date; the same date is used when no other date applies.
 * Each option carries `amountsDue` at its date. No date precedes the issue date; dates are unique; no
 * option totals 0 unless every date totals 0 (nothing owed, or a relief that waives all of it — then one
 * option, the last date, says so). At most `maxOptions` (default 3)
 * are kept, the earliest. The bill expires at the last option's date (`billExpiresOn`).
 */
export function payByOptions(
  demandLines: readonly DemandLine[],
  issueDate: string,
  rules: RuleSet,
  opts: PayByOptionsOptions = {},
): PayByOption[] {
  const issueDay = dayNumber(issueDate, 'issueDate');
  const { maxOptions, horizonDays, arrearsValidity } = checkOptions(opts);
  const horizon = horizonDays === undefined ? null : addDays(issueDate, horizonDays);
  const owed = demandLines.filter((line) => line.amount > 0);

  const candidates = new Map<string, Candidate>();
  const propose = (date: string, reason: PayByReason) => {
    if (dayNumber(date) < issueDay || (horizon !== null && date > horizon)) return;
    const candidate = candidates.get(date) ?? { date, reasons: new Set<PayByReason>() };
    candidate.reasons.add(reason);
    candidates.set(date, candidate);
  };

  for (const window of rules.discounts) {
    const helps = owed.some(
      (line) => inVigencias(window.vigencias, line.vigencia) && window.appliesTo.includes(line.concept),
    );
    if (helps) propose(window.validTo, 'descuento');
  }
  for (const programme of rules.reliefs) {
    if (!programme.enabled) continue;
    if (!owed.some((line) => programme.eligibility.concepts.includes(line.concept))) continue;
    for (const window of programme.windows) propose(window.validTo, 'alivio');
  }
  for (const line of owed) propose(line.dueDate, 'vencimiento');

  const evaluate = (candidate: Candidate) => {
    const amounts = amountsDue(demandLines, candidate.date, rules);
    // A window that gives this debt nothing on its last day is no reason to print the date.
    if (amounts.totals.discount === 0) candidate.reasons.delete('descuento');
    if (amounts.totals.relief === 0) candidate.reasons.delete('alivio');
    return { candidate, amounts };
  };
  const computed = [...candidates.values()]
    .map(evaluate)
    .filter(({ candidate }) => candidate.reasons.size > 0);

  const validity =
    arrearsValidity === 'endOfMonth' ? endOfMonth(issueDate) : addDays(issueDate, arrearsValidity.days);
  // The validity lies between the issue date and the horizon, so the list is never empty.
  const validityDate = horizon !== null && validity > horizon ? horizon : validity;
  const inArrears = owed.some((line) => dayNumber(line.dueDate, 'dueDate') < issueDay);
  if (inArrears || computed.length === 0) {
    const existing = computed.find(({ candidate }) => candidate.date === validityDate);
    if (existing) existing.candidate.reasons.add('validez');
    else computed.push(evaluate({ date: validityDate, reasons: new Set(['validez']) }));
  }
  computed.sort((a, b) =>
    a.candidate.date < b.candidate.date ? -1 : a.candidate.date > b.candidate.date ? 1 : 0,
  );

  const everythingZero = computed.every(({ amounts }) => amounts.totals.total === 0);
  const payable = everythingZero
    ? computed.slice(-1)
    : computed.filter(({ amounts }) => amounts.totals.total > 0);
  // Equal totals on two dates are both kept: a relief window may lower a later total to an earlier
  // one's while the days between cost more, so the earlier date cannot be dropped safely.
  return payable.slice(0, maxOptions).map(({ candidate, amounts }) => ({
    payBy: candidate.date,
    label: labelFor(amounts, candidate.date),
    reasons: [...candidate.reasons],
    amounts,
    total: amounts.totals.total,
  }));
}

/** The date a bill stops being payable: the last of its pay-by dates. */
export function billExpiresOn(options: readonly PayByOption[]): string {
  const last = options.at(-1);
  if (!last) throw invalidBillingInput('options', 'Una factura necesita al menos una fecha de pago.');
  return last.payBy;
}

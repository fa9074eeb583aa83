import {
  amountsDue,
  type Confidence,
  type DemandConcept,
  type DemandLine,
  dayNumber,
  discountFor,
  formatPesos,
  type Installment,
  type InstallmentPlan,
  installmentSchedule,
  type PredioProfile,
  type RuleSet,
} from '../liquidation/index.ts';
import { appliedByItem, apportionPayment, type OwedItem } from './apportion.rules.ts';
import { BILLING_DEFAULTS } from './billing.defaults.ts';
import { checkPesos, invalidBillingInput } from './billing.errors.ts';
import { addDays, formatLongDate } from './billing-dates.ts';

/**
 * Payment agreements (pago diferido, acuerdo o facilidad de pago): which configured instalment plans a
 * debt can go into, the schedule, whether a request is valid, and whether an agreement is current,
 * fulfilled or in default. Plans are the rule set's `installmentPlans` (taxes.md §1.5: Bucaramanga's
 * interest-free instalments; §2.4: Decreto 678/2020 art. 6); the ET frame is Arts. 814 and 814-3
 * (taxes.md §7.2). Every record type here is plain JSON.
 */

// ---------------------------------------------------------------------------------------------------
// Types
// ---------------------------------------------------------------------------------------------------

/** A demand line as stored inside an agreement: JSON only (the avalúo as a number, no bigint). */
export interface AgreementLine {
  readonly vigencia: number;
  readonly concept: DemandConcept;
  /** Integer pesos owed when the agreement was requested. */
  readonly amount: number;
  /** The original due date: interest runs again from it if the agreement is voided. */
  readonly dueDate: string;
  readonly interestBearing: boolean;
  readonly sanctionImposedFirmeDate?: string | undefined;
  readonly predio?: (Omit<PredioProfile, 'avaluo'> & { readonly avaluo: number }) | undefined;
}

/** One debt line in the agreement and what of it is financed, in integer pesos. */
export interface AgreementDebtLine {
  readonly line: AgreementLine;
  /** Capital financed: the line's amount less the discount when the plan keeps it. */
  readonly capital: number;
  /** Interest accrued up to the request and financed; 0 when the plan waives interest. */
  readonly interest: number;
  /** For sanction lines: the sanction with its Art. 867-1 update. */
  readonly sanction: number;
  /** Discount granted (only when the plan keeps the early-payment discount). */
  readonly discount: number;
  /** Interest accrued up to the request and waived by the plan. */
  readonly waivedInterest: number;
}

export interface AgreementTotals {
  readonly capital: number;
  readonly interest: number;
  readonly sanction: number;
  readonly discount: number;
  readonly waivedInterest: number;
  /** capital + interest + sanction: what the instalments add up to. */
  readonly total: number;
}

export interface AgreementOffer {
  readonly planId: string;
  readonly label: string;
  readonly requestDate: string;
  /** No interest accrues on the agreed debt while the agreement is current; `interestWaived` also means
   * the interest accrued before the request is not charged (the plan is «sin interés»). */
  readonly interestWaived: boolean;
  readonly discountApplies: boolean;
  /** Vigencias with a balance that the plan covers, oldest first. */
  readonly vigencias: readonly number[];
  /** Vigencias with a balance that the plan does not cover (they stay outside the agreement). */
  readonly uncoveredVigencias: readonly number[];
  readonly debt: readonly AgreementDebtLine[];
  readonly totals: AgreementTotals;
  readonly instalments: readonly Installment[];
  /** The largest number of instalments this request may choose (dates of the plan still ahead). */
  readonly maxInstalments: number;
  readonly source: string;
  readonly confidence: Confidence;
}

/** A granted agreement as stored (e.g. a jsonb column): the offer accepted, for one subject. */
export interface PaymentAgreement {
  readonly schemaVersion: 1;
  readonly id: string;
  /** The subject the debt belongs to: número predial now, an establishment for ICA later. */
  readonly subjectKey: string;
  readonly planId: string;
  readonly planLabel: string;
  readonly requestDate: string;
  readonly grantedOn: string;
  readonly interestWaived: boolean;
  readonly discountApplies: boolean;
  readonly debt: readonly AgreementDebtLine[];
  readonly totals: AgreementTotals;
  readonly instalments: readonly Installment[];
  readonly source: string;
  readonly confidence: Confidence;
}

/** A confirmed payment towards an agreement (pending gateway attempts do not count). */
export interface AgreementPayment {
  readonly paidOn: string;
  readonly amount: number;
}

export type LateStart = 'notOffered' | 'remainingInstalments';

export interface AgreementOfferOptions {
  /**
   * A plan whose first instalment date has passed: not offered (default [DEFAULT]), or offered with the
   * dates still ahead.
   */
  readonly lateStart?: LateStart | undefined;
}

export interface AgreementRequest {
  readonly planId: string;
  /** Vigencias to include; absent = every vigencia with a balance that the plan covers. */
  readonly vigencias?: readonly number[] | undefined;
  /** Number of instalments; absent = all the plan's dates still ahead. */
  readonly instalments?: number | undefined;
}

export interface FieldProblem {
  readonly field: string;
  /** Spanish, for the form. */
  readonly message: string;
}

export type AgreementValidation =
  | { readonly ok: true; readonly offer: AgreementOffer }
  | { readonly ok: false; readonly errors: readonly FieldProblem[] };

export interface AgreementVoidRule {
  /** An instalment still unpaid this many days after its due date voids the agreement. */
  readonly graceDays: number;
}

export const DEFAULT_VOID_RULE: AgreementVoidRule = {
  graceDays: BILLING_DEFAULTS.agreementGraceDays.value,
};

export type InstalmentState =
  /** Covered by the payments. */
  | 'pagada'
  /** Not yet due. */
  | 'pendiente'
  /** Due and unpaid, still within the grace days. */
  | 'vencida'
  /** Unpaid past the grace days: it voided the agreement. */
  | 'incumplida';

export interface InstalmentStatus extends Installment {
  /** Pesos of this instalment covered by the payments up to the status date (oldest instalment first). */
  readonly paid: number;
  readonly pending: number;
  readonly state: InstalmentState;
  /** The day the payments first covered it in full; null while not covered. */
  readonly paidOn: string | null;
  /** Last day it may be paid before the agreement is voided (due date + grace days). */
  readonly lastDayBeforeDefault: string;
}

export type AgreementStatusValue = 'vigente' | 'cumplido' | 'incumplido';

export interface AgreementStatus {
  readonly status: AgreementStatusValue;
  readonly asOf: string;
  /** Payments counted (up to asOf). */
  readonly paid: number;
  /** Agreement total less what was paid (never negative). */
  readonly balance: number;
  /** True while the agreement is current: no interest accrues on the agreed debt. */
  readonly interestSuspended: boolean;
  readonly instalments: readonly InstalmentStatus[];
  /** The instalment that voided the agreement, or (while current) the first overdue one in grace. */
  readonly instalmentInDefault: InstalmentStatus | null;
  readonly voidedOn: string | null;
  readonly fulfilledOn: string | null;
  /**
   * For «incumplido»: the debt that becomes due again, with the original due dates, less what the
   * payments before the void covered (imputed as Art. 804 ET says). Pass it to `amountsDue` (or
   * `agreementBalanceDue`) to get the interest from the original due dates. Empty otherwise.
   */
  readonly reinstatedLines: readonly DemandLine[];
  /** Payments made on or after the void date: ordinary payments, to impute against `reinstatedLines`. */
  readonly paidAfterVoid: number;
  /** One Spanish paragraph for the taxpayer and the official. */
  readonly explanation: string;
}

// ---------------------------------------------------------------------------------------------------
// Offers
// ---------------------------------------------------------------------------------------------------

const inPlan = (plan: InstallmentPlan, vigencia: number) =>
  plan.vigencias.from <= vigencia && vigencia <= plan.vigencias.to;

const sumOf = <T>(items: readonly T[], pick: (item: T) => number) =>
  items.reduce((total, item) => total + pick(item), 0);

function storedLine(line: DemandLine): AgreementLine {
  const stored: {
    -readonly [K in keyof AgreementLine]: AgreementLine[K];
  } = {
    vigencia: line.vigencia,
    concept: line.concept,
    amount: line.amount,
    dueDate: line.dueDate,
    interestBearing: line.interestBearing,
  };
  if (line.sanction?.imposedFirmeDate) stored.sanctionImposedFirmeDate = line.sanction.imposedFirmeDate;
  if (line.predio) {
    const avaluo = Number(line.predio.avaluo);
    if (!Number.isSafeInteger(avaluo)) {
      throw invalidBillingInput('predio.avaluo', 'El avalúo del predio es demasiado grande.');
    }
    stored.predio = { ...line.predio, avaluo };
  }
  return stored;
}

const demandLineOf = (line: AgreementLine, amount: number): DemandLine => ({
  vigencia: line.vigencia,
  concept: line.concept,
  amount,
  dueDate: line.dueDate,
  interestBearing: line.interestBearing,
  ...(line.predio ? { predio: line.predio } : {}),
  ...(line.sanctionImposedFirmeDate ? { sanction: { imposedFirmeDate: line.sanctionImposedFirmeDate } } : {}),
});

/** The plan's dates a request on `requestDate` can use, or null when the plan is closed to it. */
function usableDates(plan: InstallmentPlan, requestDate: string, lateStart: LateStart): string[] | null {
  const ahead = plan.dueDates.filter((date) => date >= requestDate);
  if (ahead.length === 0) return null;
  if (ahead.length < plan.dueDates.length && lateStart === 'notOffered') return null;
  return ahead;
}

/** What of each line goes into the agreement, at the request date. */
function financedDebt(
  lines: readonly DemandLine[],
  plan: InstallmentPlan,
  requestDate: string,
  rules: RuleSet,
): AgreementDebtLine[] {
  const due = amountsDue(lines, requestDate, rules);
  return due.lines.map((figures, index) => {
    const line = lines[index]!;
    if (line.concept === 'sancion') {
      return {
        line: storedLine(line),
        capital: 0,
        interest: 0,
        sanction: figures.capital + figures.sanctionUpdate,
        discount: 0,
        waivedInterest: 0,
      };
    }
    // Reliefs require paying in full and are left out; the discount only when the plan keeps it.
    const discount = plan.discountApplies ? (discountFor(line, requestDate, rules)?.amount ?? 0) : 0;
    return {
      line: storedLine(line),
      capital: figures.capital - discount,
      interest: plan.interestFree ? 0 : figures.interest,
      sanction: 0,
      discount,
      waivedInterest: plan.interestFree ? figures.interest : 0,
    };
  });
}

function totalsOf(debt: readonly AgreementDebtLine[]): AgreementTotals {
  const capital = sumOf(debt, (item) => item.capital);
  const interest = sumOf(debt, (item) => item.interest);
  const sanction = sumOf(debt, (item) => item.sanction);
  return {
    capital,
    interest,
    sanction,
    discount: sumOf(debt, (item) => item.discount),
    waivedInterest: sumOf(debt, (item) => item.waivedInterest),
    total: capital + interest + sanction,
  };
}

const uniqueSorted = (values: readonly number[]) => [...new Set(values)].sort((a, b) => a - b);

function buildOffer(
  plan: InstallmentPlan,
  dates: readonly string[],
  lines: readonly DemandLine[],
  owed: readonly DemandLine[],
  requestDate: string,
  rules: RuleSet,
): AgreementOffer | null {
  if (lines.length === 0) return null;
  const debt = financedDebt(lines, plan, requestDate, rules);
  const totals = totalsOf(debt);
  if (totals.total === 0) return null;
  const vigencias = uniqueSorted(lines.map((line) => line.vigencia));
  return {
    planId: plan.id,
    label: plan.label,
    requestDate,
    interestWaived: plan.interestFree,
    discountApplies: plan.discountApplies,
    vigencias,
    uncoveredVigencias: uniqueSorted(
      owed.filter((line) => !inPlan(plan, line.vigencia)).map((line) => line.vigencia),
    ),
    debt,
    totals,
    instalments: installmentSchedule(totals.total, { ...plan, dueDates: dates }, rules),
    maxInstalments: usableDates(plan, requestDate, 'remainingInstalments')?.length ?? 0,
    source: plan.source,
    confidence: plan.confidence,
  };
}

function checkDebtLines(debtLines: readonly DemandLine[]): void {
  debtLines.forEach((line, index) => {
    checkPesos(line.amount, `debtLines[${index}].amount`);
    dayNumber(line.dueDate, `debtLines[${index}].dueDate`);
  });
}

/**
 * The configured plans a debt can go into when requested on `requestDate`, by first instalment date:
 * a plan is offered for the lines with a balance whose vigencia it covers, with the schedule from
 * `installmentSchedule` over the financed total (capital, plus interest accrued to the request unless the
 * plan is interest-free, plus sanctions; less the discount only when the plan keeps it). A plan whose
 * first date has passed is not offered unless `lateStart: 'remainingInstalments'`.
 */
export function agreementOffer(
  debtLines: readonly DemandLine[],
  requestDate: string,
  rules: RuleSet,
  options: AgreementOfferOptions = {},
): AgreementOffer[] {
  dayNumber(requestDate, 'requestDate');
  checkDebtLines(debtLines);
  const lateStart = options.lateStart ?? BILLING_DEFAULTS.agreementLateStart.value;
  const owed = debtLines.filter((line) => line.amount > 0);
  const offers: AgreementOffer[] = [];
  for (const plan of rules.installmentPlans) {
    const dates = usableDates(plan, requestDate, lateStart);
    if (!dates) continue;
    const covered = owed.filter((line) => inPlan(plan, line.vigencia));
    const offer = buildOffer(plan, dates, covered, owed, requestDate, rules);
    if (offer) offers.push(offer);
  }
  return offers.sort((a, b) => (a.instalments[0]!.dueDate < b.instalments[0]!.dueDate ? -1 : 1));
}

/**
 * Checks a taxpayer's request and, when valid, returns the offer it leads to. Every problem is returned
 * (not only the first) with the form field it belongs to, in Spanish.
 */
export function validateAgreementRequest(
  request: AgreementRequest,
  debtLines: readonly DemandLine[],
  requestDate: string,
  rules: RuleSet,
  options: AgreementOfferOptions = {},
): AgreementValidation {
  dayNumber(requestDate, 'requestDate');
  checkDebtLines(debtLines);
  const lateStart = options.lateStart ?? BILLING_DEFAULTS.agreementLateStart.value;
  const errors: FieldProblem[] = [];
  const plan = rules.installmentPlans.find((candidate) => candidate.id === request.planId);
  if (!plan) {
    return {
      ok: false,
      errors: [{ field: 'planId', message: `El plan de pago «${request.planId}» no existe.` }],
    };
  }
  const dates = usableDates(plan, requestDate, lateStart);
  if (!dates) {
    errors.push({
      field: 'planId',
      message: `El plan «${plan.label}» ya no admite solicitudes: su primera cuota vencía el ${formatLongDate(plan.dueDates[0]!)}.`,
    });
  }

  const owed = debtLines.filter((line) => line.amount > 0);
  const span =
    plan.vigencias.from === plan.vigencias.to
      ? `la vigencia ${plan.vigencias.from}`
      : `las vigencias ${plan.vigencias.from} a ${plan.vigencias.to}`;
  let chosen: DemandLine[];
  if (request.vigencias === undefined) {
    chosen = owed.filter((line) => inPlan(plan, line.vigencia));
  } else {
    if (request.vigencias.length === 0) {
      errors.push({ field: 'vigencias', message: 'Indique al menos una vigencia.' });
    }
    const seen = new Set<number>();
    request.vigencias.forEach((vigencia, index) => {
      const field = `vigencias[${index}]`;
      if (!Number.isInteger(vigencia)) {
        errors.push({ field, message: `«${vigencia}» no es una vigencia (año).` });
      } else if (seen.has(vigencia)) {
        errors.push({ field, message: `La vigencia ${vigencia} está repetida.` });
      } else if (!inPlan(plan, vigencia)) {
        errors.push({
          field,
          message: `La vigencia ${vigencia} no está cubierta por el plan (cubre ${span}).`,
        });
      } else if (!owed.some((line) => line.vigencia === vigencia)) {
        errors.push({ field, message: `La vigencia ${vigencia} no tiene saldo por pagar.` });
      }
      seen.add(vigencia);
    });
    chosen = owed.filter((line) => request.vigencias!.includes(line.vigencia) && inPlan(plan, line.vigencia));
  }
  const offer = dates ? buildOffer(plan, dates, chosen, owed, requestDate, rules) : null;
  if (dates && !offer && !errors.some((problem) => problem.field.startsWith('vigencias'))) {
    errors.push({
      field: 'vigencias',
      message: `No hay saldo por pagar en ${span} que cubre el plan «${plan.label}».`,
    });
  }

  const available = dates?.length ?? 0;
  const count = request.instalments;
  if (count !== undefined && (!Number.isInteger(count) || count < 1 || count > available)) {
    errors.push({
      field: 'instalments',
      message:
        available > 0
          ? `El número de cuotas debe ser un entero entre 1 y ${available} para el plan «${plan.label}».`
          : `El plan «${plan.label}» no tiene cuotas disponibles.`,
    });
  }

  if (errors.length > 0 || !offer || !dates) {
    return { ok: false, errors };
  }
  if (count === undefined || count === dates.length) return { ok: true, offer };
  const fewer = dates.slice(0, count);
  return {
    ok: true,
    offer: {
      ...offer,
      instalments: installmentSchedule(offer.totals.total, { ...plan, dueDates: fewer }, rules),
    },
  };
}

/** The record to store when an offer is granted. */
export function agreementFromOffer(
  offer: AgreementOffer,
  grant: { readonly id: string; readonly subjectKey: string; readonly grantedOn: string },
): PaymentAgreement {
  dayNumber(grant.grantedOn, 'grantedOn');
  if (!grant.id) throw invalidBillingInput('id', 'El acuerdo necesita un identificador.');
  if (!grant.subjectKey) throw invalidBillingInput('subjectKey', 'El acuerdo necesita el sujeto (predio).');
  return {
    schemaVersion: 1,
    id: grant.id,
    subjectKey: grant.subjectKey,
    planId: offer.planId,
    planLabel: offer.label,
    requestDate: offer.requestDate,
    grantedOn: grant.grantedOn,
    interestWaived: offer.interestWaived,
    discountApplies: offer.discountApplies,
    debt: offer.debt,
    totals: offer.totals,
    instalments: offer.instalments,
    source: offer.source,
    confidence: offer.confidence,
  };
}

// ---------------------------------------------------------------------------------------------------
// Status
// ---------------------------------------------------------------------------------------------------

function checkVoidRule(rule: AgreementVoidRule): void {
  if (!Number.isInteger(rule.graceDays) || rule.graceDays < 0) {
    throw invalidBillingInput('voidRule.graceDays', `«${rule.graceDays}» no es un número de días válido.`);
  }
}

/** The unpaid debt with its original due dates, after imputing `paid` to what the agreement financed. */
function reinstate(agreement: PaymentAgreement, paid: number): DemandLine[] {
  const items: OwedItem[] = agreement.debt.map((item, index) => ({
    key: String(index),
    vigencia: item.line.vigencia,
    concept: item.line.concept,
    capital: item.capital,
    interest: item.interest,
    sanction: item.sanction,
  }));
  const applied = appliedByItem(apportionPayment(Math.min(paid, agreement.totals.total), items));
  return agreement.debt.flatMap((item, index) => {
    const covered = applied.get(String(index));
    const paidOfLine = covered ? covered.capital + covered.sancion : 0;
    // A discount kept by the plan is lost with the agreement: the original amount is owed again.
    const amount = Math.max(0, item.line.amount - paidOfLine);
    return amount > 0 ? [demandLineOf(item.line, amount)] : [];
  });
}

/**
 * Where an agreement stands on `asOf`, from the confirmed payments made up to that day. Payments cover
 * instalments oldest first. The agreement is:
 * - «incumplido» once an instalment is still not covered `graceDays` days after its due date (default 30,
 *   [DEFAULT]; Art. 814-3 ET lets the administration void a facility when an instalment is not paid). From
 *   the next day the unpaid debt is due again with interest from the original due dates
 *   (`reinstatedLines`);
 * - «cumplido» when the payments cover the whole agreement before that happens;
 * - «vigente» otherwise, and then no interest accrues on the agreed debt.
 */
export function agreementStatus(
  agreement: PaymentAgreement,
  payments: readonly AgreementPayment[],
  asOf: string,
  voidRule: AgreementVoidRule = DEFAULT_VOID_RULE,
): AgreementStatus {
  const asOfDay = dayNumber(asOf, 'asOf');
  checkVoidRule(voidRule);
  payments.forEach((payment, index) => {
    dayNumber(payment.paidOn, `payments[${index}].paidOn`);
    checkPesos(payment.amount, `payments[${index}].amount`);
  });
  const counted = payments
    .filter((payment) => payment.paidOn <= asOf)
    .sort((a, b) => (a.paidOn < b.paidOn ? -1 : a.paidOn > b.paidOn ? 1 : 0));

  // The day the running total of payments first reaches `amount`.
  const coveredOn = (amount: number): string | null => {
    // An instalment of $0 (a tiny total split in thousands) is covered from the start.
    if (amount <= 0) return agreement.grantedOn;
    let running = 0;
    for (const payment of counted) {
      running += payment.amount;
      if (running >= amount) return payment.paidOn;
    }
    return null;
  };
  const paid = sumOf(counted, (payment) => payment.amount);

  let cumulative = 0;
  let voidedOn: string | null = null;
  let defaultIndex = -1;
  const rows = agreement.instalments.map((instalment, index) => {
    const before = cumulative;
    cumulative += instalment.amount;
    const paidOn = coveredOn(cumulative);
    const lastDay = addDays(instalment.dueDate, voidRule.graceDays);
    const coveredInTime = paidOn !== null && paidOn <= lastDay;
    if (!coveredInTime && asOfDay > dayNumber(lastDay) && voidedOn === null) {
      voidedOn = addDays(lastDay, 1);
      defaultIndex = index;
    }
    const share = Math.max(0, Math.min(instalment.amount, paid - before));
    return { instalment, paidOn, lastDay, share };
  });

  const instalments: InstalmentStatus[] = rows.map(({ instalment, paidOn, lastDay, share }) => {
    const state: InstalmentState =
      paidOn !== null
        ? 'pagada'
        : asOf <= instalment.dueDate
          ? 'pendiente'
          : asOf <= lastDay
            ? 'vencida'
            : 'incumplida';
    return {
      ...instalment,
      paid: share,
      pending: instalment.amount - share,
      state,
      paidOn,
      lastDayBeforeDefault: lastDay,
    };
  });

  const total = agreement.totals.total;
  const balance = Math.max(0, total - paid);
  const fulfilledOn = voidedOn === null ? coveredOn(total) : null;
  const count = instalments.length;
  const paidCount = instalments.filter((row) => row.state === 'pagada').length;

  if (voidedOn !== null) {
    const voided: string = voidedOn;
    const inDefault = instalments[defaultIndex]!;
    const paidBeforeVoid = sumOf(
      counted.filter((payment) => payment.paidOn < voided),
      (payment) => payment.amount,
    );
    const reinstatedLines = reinstate(agreement, paidBeforeVoid);
    const owedAgain = sumOf(reinstatedLines, (line) => line.amount);
    return {
      status: 'incumplido',
      asOf,
      paid,
      balance,
      interestSuspended: false,
      instalments,
      instalmentInDefault: inDefault,
      voidedOn: voided,
      fulfilledOn: null,
      reinstatedLines,
      paidAfterVoid: paid - paidBeforeVoid,
      explanation:
        `Acuerdo incumplido: la cuota n.º ${inDefault.number} (vencía el ${formatLongDate(inDefault.dueDate)}) ` +
        `seguía sin pagarse ${voidRule.graceDays} días después. Desde el ${formatLongDate(voided)} el acuerdo ` +
        `queda sin efecto y vuelve a ser exigible un saldo de ${formatPesos(owedAgain)}, ` +
        'con intereses de mora desde los vencimientos originales.',
    };
  }

  if (fulfilledOn !== null) {
    return {
      status: 'cumplido',
      asOf,
      paid,
      balance,
      interestSuspended: false,
      instalments,
      instalmentInDefault: null,
      voidedOn: null,
      fulfilledOn,
      reinstatedLines: [],
      paidAfterVoid: 0,
      explanation: `Acuerdo cumplido: las ${count} cuotas quedaron pagadas el ${formatLongDate(fulfilledOn)}.`,
    };
  }

  const overdue = instalments.find((row) => row.state === 'vencida') ?? null;
  const next = instalments.find((row) => row.state !== 'pagada')!;
  const warning = overdue
    ? ` La cuota n.º ${overdue.number} venció el ${formatLongDate(overdue.dueDate)} y le faltan ` +
      `${formatPesos(overdue.pending)}; si no se paga a más tardar el ${formatLongDate(overdue.lastDayBeforeDefault)}, ` +
      'el acuerdo queda sin efecto.'
    : ` Próxima cuota: n.º ${next.number} por ${formatPesos(next.pending)}, vence el ${formatLongDate(next.dueDate)}.`;
  return {
    status: 'vigente',
    asOf,
    paid,
    balance,
    interestSuspended: true,
    instalments,
    instalmentInDefault: overdue,
    voidedOn: null,
    fulfilledOn: null,
    reinstatedLines: [],
    paidAfterVoid: 0,
    explanation:
      `Acuerdo vigente: ${paidCount} de ${count} cuotas pagadas; saldo ${formatPesos(balance)}.` +
      `${warning} Mientras el acuerdo esté al día no se causan intereses sobre la deuda acordada.`,
  };
}

/** What a voided agreement leaves to pay on `paymentDate`, interest from the original due dates included. */
export const agreementBalanceDue = (status: AgreementStatus, paymentDate: string, rules: RuleSet) =>
  amountsDue(status.reinstatedLines, paymentDate, rules);

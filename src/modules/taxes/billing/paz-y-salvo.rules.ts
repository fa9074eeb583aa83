import { dayNumber, formatPesos } from '../liquidation/index.ts';
import { BILLING_DEFAULTS } from './billing.defaults.ts';
import { checkPesos, invalidBillingInput } from './billing.errors.ts';
import { addDays, endOfYear, formatLongDate } from './billing-dates.ts';

/**
 * Whether a certificate of being up to date (paz y salvo) can be issued for one or more subjects (predios
 * now; establishments for ICA later), and until when it is valid. Pure: the caller passes the balances
 * after confirmed payments only — a payment still pending at the gateway or the bank does not count.
 */

/** What is still owed of one concept of one period; a DemandLine fits. */
export interface BalanceLine {
  readonly vigencia: number;
  readonly concept: string;
  /** Integer pesos of capital (or sanction) still owed. */
  readonly amount: number;
  /** Last day to pay it without interest. */
  readonly dueDate: string;
}

/** `endOfYear` (default [DEFAULT]) or a number of days from the issue date (e.g. 30). */
export type PazYSalvoValidity = 'endOfYear' | { readonly days: number };

export interface PazYSalvoOptions {
  readonly validity?: PazYSalvoValidity | undefined;
  /**
   * Whether a balance not yet due blocks the certificate (default true: the certificate says the whole
   * year is paid, which is what a notary asks for to sell a predio). When false, only overdue balances
   * block it, and the certificate expires the day before the earliest pending due date.
   */
  readonly includeNotYetDue?: boolean | undefined;
  /** The noun for a subject in the reason: «predio» (default), «establecimiento»… */
  readonly subjectNoun?: string | undefined;
}

export interface PendingBalance {
  readonly subjectKey: string;
  readonly vigencia: number;
  /** Balance per concept, integer pesos, capital only (interest is computed at payment time). */
  readonly concepts: readonly { readonly concept: string; readonly amount: number }[];
  readonly amount: number;
}

export type PazYSalvoEligibility =
  | {
      readonly eligible: true;
      readonly asOf: string;
      /** Last day the certificate is valid. */
      readonly validUntil: string;
      readonly subjects: readonly string[];
    }
  | {
      readonly eligible: false;
      readonly asOf: string;
      /** Spanish: which subjects owe which vigencias. */
      readonly reason: string;
      readonly pending: readonly PendingBalance[];
    };

const listSpanish = (items: readonly string[]) =>
  items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} y ${items.at(-1)}`;

function checkOptions(options: PazYSalvoOptions): PazYSalvoValidity {
  const validity = options.validity ?? BILLING_DEFAULTS.pazYSalvoValidity.value;
  if (validity !== 'endOfYear' && (!Number.isInteger(validity.days) || validity.days < 0)) {
    throw invalidBillingInput('validity.days', `«${validity.days}» no es un número de días válido.`);
  }
  return validity;
}

/**
 * Eligible when no subject has a balance (of a vigencia already due on `asOf`, or any vigencia when
 * `includeNotYetDue`, the default). Otherwise the Spanish reason names each subject and the vigencias
 * with a balance. The certificate is valid until 31 December of the year of `asOf` by default [DEFAULT]
 * (the predial is caused on 1 January, taxes.md §1.1, so a new vigencia is owed from then), and never
 * past the day before a pending due date when `includeNotYetDue` is false.
 */
export function pazYSalvoEligibility(
  demandsBySubject: Readonly<Record<string, readonly BalanceLine[]>>,
  asOf: string,
  options: PazYSalvoOptions = {},
): PazYSalvoEligibility {
  const asOfDay = dayNumber(asOf, 'asOf');
  const validity = checkOptions(options);
  const includeNotYetDue = options.includeNotYetDue ?? true;
  const noun = options.subjectNoun ?? 'predio';

  const pending: PendingBalance[] = [];
  let firstPendingDue: string | null = null;
  for (const [subjectKey, lines] of Object.entries(demandsBySubject)) {
    const byVigencia = new Map<number, Map<string, number>>();
    for (const [index, line] of lines.entries()) {
      const field = (name: string) => `demandsBySubject.${subjectKey}[${index}].${name}`;
      checkPesos(line.amount, field('amount'));
      const due = dayNumber(line.dueDate, field('dueDate'));
      if (line.amount === 0) continue;
      if (!includeNotYetDue && due >= asOfDay) {
        if (firstPendingDue === null || line.dueDate < firstPendingDue) firstPendingDue = line.dueDate;
        continue;
      }
      const concepts = byVigencia.get(line.vigencia) ?? new Map<string, number>();
      concepts.set(line.concept, (concepts.get(line.concept) ?? 0) + line.amount);
      byVigencia.set(line.vigencia, concepts);
    }
    for (const vigencia of [...byVigencia.keys()].sort((a, b) => a - b)) {
      const concepts = [...byVigencia.get(vigencia)!].map(([concept, amount]) => ({ concept, amount }));
      pending.push({
        subjectKey,
        vigencia,
        concepts,
        amount: concepts.reduce((sum, item) => sum + item.amount, 0),
      });
    }
  }

  if (pending.length > 0) {
    const subjects = [...new Set(pending.map((row) => row.subjectKey))];
    const clauses = subjects.map((subjectKey) => {
      const rows = pending.filter((row) => row.subjectKey === subjectKey);
      const vigencias = listSpanish(rows.map((row) => `${row.vigencia} (${formatPesos(row.amount)})`));
      return `el ${noun} ${subjectKey} tiene saldo en ${rows.length === 1 ? 'la vigencia' : 'las vigencias'} ${vigencias}`;
    });
    return {
      eligible: false,
      asOf,
      reason: `No se puede expedir el paz y salvo: ${clauses.join('; ')}.`,
      pending,
    };
  }

  let validUntil = validity === 'endOfYear' ? endOfYear(asOf) : addDays(asOf, validity.days);
  if (firstPendingDue !== null) {
    const dayBefore = addDays(firstPendingDue, -1);
    if (dayBefore < validUntil) validUntil = dayBefore < asOf ? asOf : dayBefore;
  }
  return { eligible: true, asOf, validUntil, subjects: Object.keys(demandsBySubject) };
}

/** «Válido hasta el 31 de diciembre de 2026». */
export const pazYSalvoValidityText = (validUntil: string) => `Válido hasta el ${formatLongDate(validUntil)}`;

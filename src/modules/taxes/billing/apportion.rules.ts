import type { AmountsDue } from '../liquidation/index.ts';
import { checkPesos, invalidBillingInput } from './billing.errors.ts';

/**
 * Imputation of a payment to what a subject owes (Art. 804 ET): which period, concept and component
 * (sanción, interés, capital) each peso goes to. Pure and generic over the subject and the concept, so
 * the same rules serve predial, ICA and fines.
 */

export const APPORTION_COMPONENTS = ['sancion', 'interes', 'capital'] as const;
export type ApportionComponent = (typeof APPORTION_COMPONENTS)[number];

/**
 * What is owed of one concept of one period on the payment date, in integer pesos, already net of any
 * discount or relief that holds for this payment.
 */
export interface OwedItem {
  /** Unique among the items, e.g. the demand id or `2024:impuesto`. */
  readonly key: string;
  /** The period; a sortable integer (2024, or 202403 for a monthly period). Lower = older. */
  readonly vigencia: number;
  /** impuesto, sobretasaAmbiental, sancion, ica, avisos… */
  readonly concept: string;
  readonly capital: number;
  readonly interest: number;
  readonly sanction: number;
}

/**
 * - `proportional` (default, Art. 804 ET as modified by Ley 1066/2006 art. 6): within a period, the
 *   payment goes to sanctions, interest and tax in the proportions they have in what is owed.
 * - `strict`: sanctions, then interest, then capital (Art. 804 as written by Ley 223/1995 art. 139, before
 *   2006; the usual order of other countries' codes). Proportional among items of the same tier.
 * - `capitalFirst`: capital, then sanctions, then interest (the transitory order of Ley 863/2003 art. 32).
 */
export const APPORTION_ORDERS = ['proportional', 'strict', 'capitalFirst'] as const;
export type ApportionOrder = (typeof APPORTION_ORDERS)[number];

export interface ApportionOptions {
  /**
   * Keys of the items the payer designated («al período e impuesto que estos indiquen», Art. 804), in
   * order of preference. Their periods are served first; the rest follow oldest first.
   */
  readonly indicated?: readonly string[] | undefined;
}

export interface Application {
  readonly itemKey: string;
  readonly vigencia: number;
  readonly concept: string;
  readonly component: ApportionComponent;
  /** Integer pesos, always positive. */
  readonly amount: number;
}

export interface Apportionment {
  readonly applications: readonly Application[];
  /** What is left after everything owed is paid (a saldo a favor); 0 for a partial payment. */
  readonly remainder: number;
}

const TIERS: Record<ApportionOrder, readonly (readonly ApportionComponent[])[]> = {
  proportional: [['sancion', 'interes', 'capital']],
  strict: [['sancion'], ['interes'], ['capital']],
  capitalFirst: [['capital'], ['sancion'], ['interes']],
};

const owedOf = (item: OwedItem, component: ApportionComponent): number =>
  component === 'capital' ? item.capital : component === 'interes' ? item.interest : item.sanction;

/**
 * Splits `amount` in parts proportional to `weights` that are integers and add up to exactly `amount`
 * (largest-remainder method, Hamilton): each part is the floor of its exact share, and the pesos left
 * go one each to the largest fractional remainders, ties to the earlier weight. With amount ≤ Σ weights
 * no part exceeds its weight. BigInt inside, since amount × weight may pass 2^53.
 */
export function largestRemainderSplit(amount: number, weights: readonly number[]): number[] {
  checkPesos(amount, 'amount');
  weights.forEach((weight, index) => {
    checkPesos(weight, `weights[${index}]`);
  });
  const total = weights.reduce((sum, weight) => sum + BigInt(weight), 0n);
  if (total === 0n) {
    if (amount > 0) throw invalidBillingInput('weights', 'No se puede repartir un valor entre pesos nulos.');
    return weights.map(() => 0);
  }
  const target = BigInt(amount);
  const floors = weights.map((weight) => (target * BigInt(weight)) / total);
  const remainders = weights.map((weight, index) => ({
    index,
    rest: (target * BigInt(weight)) % total,
  }));
  let left = target - floors.reduce((sum, part) => sum + part, 0n);
  remainders.sort((a, b) => (a.rest === b.rest ? a.index - b.index : a.rest > b.rest ? -1 : 1));
  for (const { index } of remainders) {
    if (left === 0n) break;
    floors[index]! += 1n;
    left -= 1n;
  }
  return floors.map(Number);
}

function checkItems(owed: readonly OwedItem[]): void {
  const keys = new Set<string>();
  owed.forEach((item, index) => {
    const field = (name: string) => `owed[${index}].${name}`;
    if (typeof item.key !== 'string' || item.key.length === 0) {
      throw invalidBillingInput(field('key'), 'Cada deuda necesita una clave.');
    }
    if (keys.has(item.key)) {
      throw invalidBillingInput(field('key'), `La clave «${item.key}» está repetida.`);
    }
    keys.add(item.key);
    if (!Number.isSafeInteger(item.vigencia)) {
      throw invalidBillingInput(field('vigencia'), 'La vigencia debe ser un número entero.');
    }
    checkPesos(item.capital, field('capital'));
    checkPesos(item.interest, field('interest'));
    checkPesos(item.sanction, field('sanction'));
  });
}

/** Groups of items paid one after the other: the indicated periods first, then the rest oldest first. */
function periodGroups(owed: readonly OwedItem[], indicated: readonly string[]): OwedItem[][] {
  const byVigencia = new Map<number, OwedItem[]>();
  for (const item of owed) {
    const group = byVigencia.get(item.vigencia) ?? [];
    group.push(item);
    byVigencia.set(item.vigencia, group);
  }
  const order: number[] = [];
  for (const key of indicated) {
    const item = owed.find((candidate) => candidate.key === key);
    if (!item)
      throw invalidBillingInput('indicated', `La deuda indicada «${key}» no está entre las adeudadas.`);
    if (!order.includes(item.vigencia)) order.push(item.vigencia);
  }
  const rest = [...byVigencia.keys()].filter((vigencia) => !order.includes(vigencia)).sort((a, b) => a - b);
  return [...order, ...rest].map((vigencia) => {
    const group = byVigencia.get(vigencia)!;
    // Inside an indicated period the indicated items come first (they matter for the sequential orders).
    const rank = (item: OwedItem) => {
      const position = indicated.indexOf(item.key);
      return position === -1 ? indicated.length : position;
    };
    return [...group].sort((a, b) => rank(a) - rank(b));
  });
}

/**
 * Imputes a payment of `amount` pesos to the debts owed on the payment date: period by period (the ones
 * the payer indicated, then oldest first), and within a period by `order` (default proportional, Art.
 * 804 ET). Proportional shares use the largest-remainder method, so the parts are whole pesos that add up
 * exactly to what was applied; a component never receives more than is owed of it. What exceeds the
 * whole debt is returned as `remainder`.
 */
export function apportionPayment(
  amount: number,
  owed: readonly OwedItem[],
  order: ApportionOrder = 'proportional',
  options: ApportionOptions = {},
): Apportionment {
  checkPesos(amount, 'amount');
  if (!APPORTION_ORDERS.includes(order)) {
    throw invalidBillingInput('order', `«${order}» no es un orden de imputación conocido.`);
  }
  checkItems(owed);

  const applications: Application[] = [];
  let left = amount;
  for (const group of periodGroups(owed, options.indicated ?? [])) {
    for (const tier of TIERS[order]) {
      if (left === 0) break;
      const slots = group.flatMap((item) =>
        APPORTION_COMPONENTS.filter((component) => tier.includes(component)).map((component) => ({
          item,
          component,
          owed: owedOf(item, component),
        })),
      );
      const tierTotal = slots.reduce((sum, slot) => sum + slot.owed, 0);
      if (tierTotal === 0) continue;
      const applied = Math.min(left, tierTotal);
      const parts = largestRemainderSplit(
        applied,
        slots.map((slot) => slot.owed),
      );
      slots.forEach((slot, index) => {
        const part = parts[index]!;
        if (part > 0) {
          applications.push({
            itemKey: slot.item.key,
            vigencia: slot.item.vigencia,
            concept: slot.item.concept,
            component: slot.component,
            amount: part,
          });
        }
      });
      left -= applied;
    }
  }
  return { applications, remainder: left };
}

/** What is applied to each item, per component. */
export function appliedByItem(apportionment: Apportionment): Map<string, Record<ApportionComponent, number>> {
  const result = new Map<string, Record<ApportionComponent, number>>();
  for (const application of apportionment.applications) {
    const row = result.get(application.itemKey) ?? { sancion: 0, interes: 0, capital: 0 };
    row[application.component] += application.amount;
    result.set(application.itemKey, row);
  }
  return result;
}

/**
 * The owed items of a liquidation at a payment date (`amountsDue`), one per line: the line's capital
 * less its discount and the capital part of any relief; its interest less the interest relief; a
 * sanction line's amount and Art. 867-1 update (less relief) as `sanction`. Keys default to
 * `vigencia:concept`.
 */
export function owedItemsFromAmounts(
  amounts: AmountsDue,
  keyOf: (line: AmountsDue['lines'][number], index: number) => string = (line) =>
    `${line.vigencia}:${line.concept}`,
): OwedItem[] {
  return amounts.lines.map((line, index) => {
    const relief = line.reliefDetail?.reduction;
    const key = keyOf(line, index);
    if (line.concept === 'sancion') {
      return {
        key,
        vigencia: line.vigencia,
        concept: line.concept,
        capital: 0,
        interest: 0,
        sanction: line.total,
      };
    }
    const interest = line.interest - (relief?.interest ?? 0);
    return {
      key,
      vigencia: line.vigencia,
      concept: line.concept,
      capital: line.total - interest,
      interest,
      sanction: 0,
    };
  });
}

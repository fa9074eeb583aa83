import { type Ratio, ratio, toDecimalString } from './rational.ts';
import type { RoundingPolicy } from './rule-set.ts';

/** 1200000 → "$1.200.000", as a Colombian bill prints pesos. */
export function formatPesos(value: number | bigint): string {
  const digits = (typeof value === 'bigint' ? value : BigInt(value)).toString();
  const negative = digits.startsWith('-');
  const grouped = (negative ? digits.slice(1) : digits).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `${negative ? '−' : ''}$${grouped}`;
}

/** An exact fraction with a decimal comma: 11.8 → "11,8". */
export function formatDecimal(value: Ratio | number, maxDecimals = 4): string {
  const exact = typeof value === 'number' ? ratio(value) : value;
  const [whole = '', fraction] = toDecimalString(exact, maxDecimals).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return fraction === undefined ? grouped : `${grouped},${fraction}`;
}

const MODE_NAMES: Record<RoundingPolicy['mode'], string> = {
  'half-up': 'al más cercano, mitad hacia arriba',
  'half-even': 'al más cercano, mitad al par',
  down: 'hacia abajo',
  up: 'hacia arriba',
};

/** "múltiplos de $1.000, al más cercano, mitad hacia arriba" */
export const describeRounding = (policy: RoundingPolicy) =>
  `múltiplos de ${formatPesos(policy.unit)}, ${MODE_NAMES[policy.mode]}`;

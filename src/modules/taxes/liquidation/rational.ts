/**
 * Exact rational numbers on BigInt, so money never meets a binary float: an avalúo times a tariff per mil,
 * an annual rate times days over 365, all stay exact until the one rounding a line gets at the end.
 * Values are always reduced and the denominator is always positive.
 */
export interface Ratio {
  readonly num: bigint;
  readonly den: bigint;
}

const abs = (value: bigint) => (value < 0n ? -value : value);

function gcd(a: bigint, b: bigint): bigint {
  let x = abs(a);
  let y = abs(b);
  while (y !== 0n) {
    const t = x % y;
    x = y;
    y = t;
  }
  return x;
}

const toBigInt = (value: bigint | number): bigint => {
  if (typeof value === 'bigint') return value;
  if (!Number.isSafeInteger(value)) throw new RangeError(`No es un entero exacto: ${value}`);
  return BigInt(value);
};

export function ratio(num: bigint | number, den: bigint | number = 1n): Ratio {
  let n = toBigInt(num);
  let d = toBigInt(den);
  if (d === 0n) throw new RangeError('Denominador cero');
  if (d < 0n) {
    n = -n;
    d = -d;
  }
  const divisor = gcd(n, d);
  return divisor > 1n ? { num: n / divisor, den: d / divisor } : { num: n, den: d };
}

export const ZERO = ratio(0n);
export const ONE = ratio(1n);

export const add = (a: Ratio, b: Ratio): Ratio =>
  a.den === b.den ? ratio(a.num + b.num, a.den) : ratio(a.num * b.den + b.num * a.den, a.den * b.den);
export const sub = (a: Ratio, b: Ratio): Ratio => add(a, { num: -b.num, den: b.den });
export const mul = (a: Ratio, b: Ratio): Ratio => ratio(a.num * b.num, a.den * b.den);
export const div = (a: Ratio, b: Ratio): Ratio => ratio(a.num * b.den, a.den * b.num);
export const sum = (values: readonly Ratio[]): Ratio => values.reduce(add, ZERO);

/** −1, 0 or 1. */
export const compare = (a: Ratio, b: Ratio): number => {
  const left = a.num * b.den;
  const right = b.num * a.den;
  return left < right ? -1 : left > right ? 1 : 0;
};
export const min = (a: Ratio, b: Ratio): Ratio => (compare(a, b) <= 0 ? a : b);
export const max = (a: Ratio, b: Ratio): Ratio => (compare(a, b) >= 0 ? a : b);
export const isZero = (a: Ratio) => a.num === 0n;
export const isInteger = (a: Ratio) => a.den === 1n;

/** A percentage (25 → 0.25) or a per mil (8 → 0.008) as a fraction. */
export const percentOf = (percent: Ratio): Ratio => div(percent, ratio(100n));
export const perMilOf = (perMil: Ratio): Ratio => div(perMil, ratio(1000n));

const DECIMAL = /^(\d+)(?:\.(\d+))?$/;

/** Parses a non-negative decimal written in base 10 ("8", "1.5", "25.00") without passing through a float. */
export function parseDecimal(text: string): Ratio | null {
  const match = DECIMAL.exec(text.trim());
  if (!match) return null;
  const [, whole, fraction = ''] = match;
  return ratio(BigInt(`${whole}${fraction}`), 10n ** BigInt(fraction.length));
}

/** Largest integer ≤ value. */
export function floor(value: Ratio): bigint {
  const quotient = value.num / value.den;
  return value.num < 0n && quotient * value.den !== value.num ? quotient - 1n : quotient;
}

/**
 * Decimal text with a point, exact when the fraction terminates within `maxDecimals`, otherwise cut
 * (not rounded) and marked with "…" so the audit trail never claims a precision it does not have.
 */
export function toDecimalString(value: Ratio, maxDecimals = 6): string {
  const negative = value.num < 0n;
  const n = abs(value.num);
  const whole = n / value.den;
  let remainder = n % value.den;
  let digits = '';
  while (remainder !== 0n && digits.length < maxDecimals) {
    remainder *= 10n;
    digits += (remainder / value.den).toString();
    remainder %= value.den;
  }
  const text = digits ? `${whole}.${digits}${remainder !== 0n ? '…' : ''}` : `${whole}`;
  return negative ? `-${text}` : text;
}

/** A safe integer for JSON and the database; the amounts here are pesos, far below 2^53. */
export function toSafeNumber(value: bigint): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER)) {
    throw new RangeError(`El valor ${value} no cabe en un número exacto`);
  }
  return Number(value);
}

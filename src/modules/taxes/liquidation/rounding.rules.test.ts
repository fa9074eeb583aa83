import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ratio } from './rational.ts';
import { floorToUnit, roundingPolicyFor, roundToPolicy } from './rounding.rules.ts';
import { ROUNDING_MODES, type RoundingPolicy } from './rule-set.ts';
import { buildRuleSet } from './testdata/rule-set.factory.ts';

const THOUSAND_HALF_UP: RoundingPolicy = { unit: 1000, mode: 'half-up' };

describe('roundToPolicy — taxes.md §1.7 P4 (Arts. 577/802 ET, nearest 1,000 half up)', () => {
  it.each([
    [388_500, 389_000],
    [297_900, 298_000],
    [523_740, 524_000],
    [470_650, 471_000],
    [1_172_800, 1_173_000],
    [1_092_800, 1_093_000],
  ])('%i → %i', (value, expected) => {
    expect(roundToPolicy(value, THOUSAND_HALF_UP)).toBe(BigInt(expected));
  });

  it('rounds exact fractions, not floats: 87,123.29 (I1) → 87,000 and 499.5 → 0, 500 → 1,000', () => {
    expect(roundToPolicy(ratio(3_180_000_000n, 36_500n), THOUSAND_HALF_UP)).toBe(87_000n);
    expect(roundToPolicy(ratio(999n, 2n), THOUSAND_HALF_UP)).toBe(0n);
    expect(roundToPolicy(500, THOUSAND_HALF_UP)).toBe(1000n);
  });

  it('applies each mode and unit', () => {
    expect(roundToPolicy(2500, { unit: 1000, mode: 'half-even' })).toBe(2000n);
    expect(roundToPolicy(3500, { unit: 1000, mode: 'half-even' })).toBe(4000n);
    expect(roundToPolicy(1001, { unit: 1000, mode: 'up' })).toBe(2000n);
    expect(roundToPolicy(1999, { unit: 1000, mode: 'down' })).toBe(1000n);
    expect(roundToPolicy(ratio(250_128_4n, 10n), { unit: 1, mode: 'half-up' })).toBe(250_128n);
    expect(roundToPolicy(-1500, THOUSAND_HALF_UP)).toBe(-2000n);
  });

  it('refuses a unit that is not a positive integer', () => {
    expect(() => roundToPolicy(10, { unit: 0, mode: 'half-up' })).toThrow(/unidad de redondeo/);
  });

  it('floorToUnit never passes the value', () => {
    expect(floorToUnit(ratio(1_172_800), 1000)).toBe(1_172_000n);
    expect(floorToUnit(ratio(1_000_000), 1000)).toBe(1_000_000n);
  });
});

describe('rounding properties', () => {
  const policy = fc.record({
    unit: fc.constantFrom(1, 10, 100, 1000, 500),
    mode: fc.constantFrom(...ROUNDING_MODES),
  });
  const exact = fc
    .tuple(fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }), fc.bigInt({ min: 1n, max: 10n ** 6n }))
    .map(([num, den]) => ratio(num, den));

  it('is idempotent and lands on a multiple of the unit within one unit of the value', () => {
    fc.assert(
      fc.property(exact, policy, (value, rounding) => {
        const once = roundToPolicy(value, rounding);
        expect(roundToPolicy(once, rounding)).toBe(once);
        expect(once % BigInt(rounding.unit)).toBe(0n);
        const distance = once * value.den - value.num;
        const magnitude = distance < 0n ? -distance : distance;
        expect(magnitude < BigInt(rounding.unit) * value.den).toBe(true);
      }),
    );
  });

  it('is monotonic: a ≤ b ⇒ round(a) ≤ round(b)', () => {
    fc.assert(
      fc.property(exact, exact, policy, (a, b, rounding) => {
        const [low, high] = a.num * b.den <= b.num * a.den ? [a, b] : [b, a];
        expect(roundToPolicy(low, rounding) <= roundToPolicy(high, rounding)).toBe(true);
      }),
    );
  });
});

describe('roundingPolicyFor', () => {
  it('uses the concept override, else the default of the row valid that day', () => {
    const rules = buildRuleSet({
      rounding: [
        {
          validFrom: '2000-01-01',
          validTo: null,
          default: { unit: 1000, mode: 'half-up' },
          byConcept: { sobretasaAmbiental: { unit: 1, mode: 'half-up' } },
          source: 'prueba',
          confidence: '[INF]',
        },
      ],
    });
    expect(roundingPolicyFor(rules, 'sobretasaAmbiental', '2025-01-01')).toEqual({
      unit: 1,
      mode: 'half-up',
    });
    expect(roundingPolicyFor(rules, 'intereses', '2025-01-01')).toEqual({ unit: 1000, mode: 'half-up' });
    expect(() => roundingPolicyFor(rules, 'intereses', '1999-12-31')).toThrow(/No hay política de redondeo/);
  });
});

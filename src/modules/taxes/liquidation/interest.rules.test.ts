import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { amountsDue } from './amounts-due.rules.ts';
import { dateOf, dayNumber } from './calendar-days.ts';
import { exactInterest, interestFor } from './interest.rules.ts';
import { add, ratio, toDecimalString } from './rational.ts';
import { roundToPolicy } from './rounding.rules.ts';
import { sanctionUpdateFor } from './sanctions.rules.ts';
import { bucaramangaRuleSet, buildRuleSet, HYPOTHETICAL } from './testdata/rule-set.factory.ts';

const settings = (dayCountBase: 365 | 366 | 'actual') => [
  { validFrom: '2000-01-01', validTo: null, dayCountBase, pointsBelowUsury: '2', ...HYPOTHETICAL },
];

describe('interestFor — taxes.md §2.7 I1 (usury 27 % → mora 25 %, K 1,200,000, due 31-Mar-2025, paid 15-Jul-2025)', () => {
  it('counts 106 days and gives 87,123.29 → 87,000 on base 365', () => {
    const result = interestFor(1_200_000, '2025-03-31', '2025-07-15', buildRuleSet());
    expect(result.days).toBe(106);
    expect(result.exact).toEqual(ratio(3_180_000_000n, 36_500n));
    expect(result.exactText).toBe('87123.2876…');
    expect(result.amount).toBe(87_000);
    expect(result.segments).toEqual([
      expect.objectContaining({
        from: '2025-04-01',
        to: '2025-07-15',
        days: 106,
        usuryPercent: '27',
        moratoriumPercent: '25',
        dayCountBase: 365,
      }),
    ]);
  });

  it('gives 86,885.25 → 87,000 on base 366', () => {
    const result = interestFor(
      1_200_000,
      '2025-03-31',
      '2025-07-15',
      buildRuleSet({ interestSettings: settings(366) }),
    );
    expect(toDecimalString(result.exact, 2)).toBe('86885.24…');
    expect(result.amount).toBe(87_000);
  });

  it('is simple interest, not the compound formula abandoned in 2012 (80,339)', () => {
    const result = interestFor(1_200_000, '2025-03-31', '2025-07-15', buildRuleSet());
    // Negative oracle only; money in the engine never passes through a float.
    const compound = 1_200_000 * (1.25 ** (106 / 365) - 1);
    expect(Math.round(compound)).toBeGreaterThanOrEqual(80_339);
    expect(Math.round(compound)).toBeLessThanOrEqual(80_340);
    expect(result.amount).not.toBe(
      Number(roundToPolicy(Math.round(compound), { unit: 1000, mode: 'half-up' })),
    );
    expect(result.exact.num > BigInt(Math.round(compound)) * result.exact.den).toBe(true);
  });

  it('counts calendar days from the day after the due date (due 31-Mar, paid 1-Apr → 1 day); none on or before it', () => {
    const rules = buildRuleSet();
    expect(interestFor(1_200_000, '2025-03-31', '2025-04-01', rules).days).toBe(1);
    expect(interestFor(1_200_000, '2025-03-31', '2025-03-31', rules)).toMatchObject({ days: 0, amount: 0 });
    expect(interestFor(1_200_000, '2025-03-31', '2025-01-10', rules)).toMatchObject({ days: 0, amount: 0 });
  });
});

describe('interestFor — taxes.md §2.7 I2 (20 days at 26.00 % and 31 days at 24.50 %, base 365)', () => {
  const rules = buildRuleSet({
    moratoriumRates: [
      { validFrom: '2025-04-01', validTo: '2025-04-20', moratoriumPercent: '26.00', ...HYPOTHETICAL },
      { validFrom: '2025-04-21', validTo: '2025-05-31', moratoriumPercent: '24.50', ...HYPOTHETICAL },
    ],
  });

  it('splits the delay by rate period: 1,000,000 × (0.26 × 20 + 0.245 × 31) / 365 = 35,054.79 → 35,000', () => {
    const result = interestFor(1_000_000, '2025-03-31', '2025-05-21', rules);
    expect(
      result.segments.map((segment) => [segment.from, segment.to, segment.days, segment.moratoriumPercent]),
    ).toEqual([
      ['2025-04-01', '2025-04-20', 20, '26'],
      ['2025-04-21', '2025-05-21', 31, '24.5'],
    ]);
    expect(toDecimalString(result.exact, 2)).toBe('35054.79…');
    expect(result.amount).toBe(35_000);
  });

  it('refuses a day without a configured rate, naming the date', () => {
    expect(() => interestFor(1_000_000, '2025-03-31', '2025-06-02', rules)).toThrow(/2025-06-01/);
  });
});

describe('interestFor — day-count base "actual" (366 in leap years, 365 otherwise)', () => {
  it('splits at 31 December so each day is divided by its own year’s length', () => {
    const rules = buildRuleSet({ interestSettings: settings('actual') });
    const result = interestFor(3_650_000, '2024-12-01', '2025-01-10', rules);
    expect(
      result.segments.map((segment) => [segment.from, segment.to, segment.days, segment.dayCountBase]),
    ).toEqual([
      ['2024-12-02', '2024-12-31', 30, 366],
      ['2025-01-01', '2025-01-10', 10, 365],
    ]);
    // 3,650,000 × 25 % × (30/366 + 10/365) = 74,795.08… + 25,000 = 99,795.08… → 100,000.
    expect(toDecimalString(result.exact, 2)).toBe('99795.08…');
    expect(result.amount).toBe(100_000);
  });
});

describe('taxes.md §2.7 I3 — interest on capital only; sanctions updated by Art. 867-1 instead', () => {
  it('charges interest on the 1,000,000 capital and none on the 300,000 sanction', () => {
    const rules = buildRuleSet();
    const due = amountsDue(
      [
        {
          vigencia: 2024,
          concept: 'impuesto',
          amount: 1_000_000,
          dueDate: '2024-06-30',
          interestBearing: true,
        },
        {
          vigencia: 2024,
          concept: 'sancion',
          amount: 300_000,
          dueDate: '2024-06-30',
          interestBearing: false,
        },
      ],
      '2025-06-30',
      rules,
    );
    const expected = interestFor(1_000_000, '2024-06-30', '2025-06-30', rules);
    expect(due.byConcept.impuesto.interest).toBe(expected.amount);
    expect(expected.amount).toBe(250_000);
    expect(due.byConcept.sancion).toMatchObject({ capital: 300_000, interest: 0 });
  });

  it('updates an unpaid sanction each 1 January after it is a year overdue, by the previous year’s IPC', () => {
    const rules = buildRuleSet();
    // Due 2023-06-30 → more than a year overdue from 2024-06-30 → first update on 2025-01-01 by IPC 2024 (3.8 %).
    const update = sanctionUpdateFor(300_000, '2023-06-30', '2025-06-30', rules);
    expect(update.steps).toEqual([
      expect.objectContaining({ on: '2025-01-01', ipcYear: 2024, ipcPercent: '3.8' }),
    ]);
    expect(update.exact).toEqual(ratio(11_400));
    expect(update.amount).toBe(11_000);
    // Imposed by an act final on 2023-03-10: updates on 2024-01-01 (IPC 2023 9.28 %) and 2025-01-01 (3.8 %), cumulatively.
    const imposed = sanctionUpdateFor(300_000, '2023-03-10', '2025-06-30', rules, '2023-03-10');
    expect(imposed.steps.map((step) => step.on)).toEqual(['2024-01-01', '2025-01-01']);
    // 300,000 × 1.0928 × 1.038 − 300,000 = 40,297.92 → 40,000.
    expect(toDecimalString(imposed.exact)).toBe('40297.92');
    expect(imposed.amount).toBe(40_000);
  });

  it('the amounts due include the sanction update as its own figure', () => {
    const rules = buildRuleSet();
    const due = amountsDue(
      [
        {
          vigencia: 2023,
          concept: 'sancion',
          amount: 300_000,
          dueDate: '2023-06-30',
          interestBearing: false,
        },
      ],
      '2025-06-30',
      rules,
    );
    expect(due.totals).toMatchObject({
      capital: 300_000,
      interest: 0,
      sanctionUpdate: 11_000,
      total: 311_000,
    });
  });
});

describe('interest properties', () => {
  const day = (from: string, to: string) =>
    fc.integer({ min: dayNumber(from), max: dayNumber(to) }).map(dateOf);
  const capital = fc.integer({ min: 0, max: 5_000_000_000 });

  it('is additive across a split date: interest(a→c) = interest(a→b) + interest(b→c), rounded only at the end', () => {
    const rules = buildRuleSet({
      interestSettings: [
        {
          validFrom: '2000-01-01',
          validTo: '2024-12-31',
          dayCountBase: 'actual',
          pointsBelowUsury: '2',
          ...HYPOTHETICAL,
        },
        { validFrom: '2025-01-01', validTo: null, dayCountBase: 366, pointsBelowUsury: '2', ...HYPOTHETICAL },
      ],
      moratoriumRates: [
        { validFrom: '2023-01-01', validTo: '2023-12-31', usuryPercent: '43.26', ...HYPOTHETICAL },
        { validFrom: '2024-01-01', validTo: '2024-07-15', usuryPercent: '33.3', ...HYPOTHETICAL },
        { validFrom: '2024-07-16', validTo: '2026-12-31', moratoriumPercent: '24.87', ...HYPOTHETICAL },
      ],
    });
    fc.assert(
      fc.property(
        capital,
        day('2022-12-31', '2026-12-31'),
        day('2022-12-31', '2026-12-31'),
        day('2022-12-31', '2026-12-31'),
        (k, x, y, z) => {
          const [a, b, c] = [x, y, z].sort();
          const whole = exactInterest(k, a!, c!, rules).exact;
          const parts = add(exactInterest(k, a!, b!, rules).exact, exactInterest(k, b!, c!, rules).exact);
          expect(whole).toEqual(parts);
          expect(interestFor(k, a!, c!, rules).amount).toBe(
            Number(roundToPolicy(parts, { unit: 1000, mode: 'half-up' })),
          );
        },
      ),
    );
  });

  it('is non-negative and grows with the payment date on the Bucaramanga rule set', () => {
    const rules = bucaramangaRuleSet();
    fc.assert(
      fc.property(capital, day('2019-01-01', '2026-12-31'), day('2019-01-01', '2026-12-31'), (k, x, y) => {
        const [early, late] = [x, y].sort();
        const first = interestFor(k, '2019-06-30', early!, rules);
        const second = interestFor(k, '2019-06-30', late!, rules);
        expect(first.amount).toBeGreaterThanOrEqual(0);
        expect(second.amount).toBeGreaterThanOrEqual(first.amount);
      }),
    );
  });
});

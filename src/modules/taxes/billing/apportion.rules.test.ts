import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { amountsDue, type DemandLine } from '../liquidation/index.ts';
import { buildRuleSet } from '../liquidation/testdata/rule-set.factory.ts';
import {
  APPORTION_ORDERS,
  appliedByItem,
  apportionPayment,
  largestRemainderSplit,
  type OwedItem,
  owedItemsFromAmounts,
} from './apportion.rules.ts';

const item = (key: string, vigencia: number, capital: number, interest: number, sanction = 0): OwedItem => ({
  key,
  vigencia,
  concept: key.split(':')[1] ?? 'impuesto',
  capital,
  interest,
  sanction,
});

const byComponent = (result: ReturnType<typeof apportionPayment>) =>
  Object.fromEntries(appliedByItem(result));

describe('largestRemainderSplit', () => {
  it('gives the leftover pesos to the largest fractional remainders, ties to the earlier weight', () => {
    expect(largestRemainderSplit(100, [1, 1, 1])).toEqual([34, 33, 33]);
    // 10 × 3/7 = 4.29, 10 × 4/7 = 5.71 → 4 + 6
    expect(largestRemainderSplit(10, [3, 4])).toEqual([4, 6]);
    expect(largestRemainderSplit(0, [5, 5])).toEqual([0, 0]);
  });

  it('stays exact where amount × weight passes 2^53', () => {
    const parts = largestRemainderSplit(
      9_000_000_000_000_000 - 1,
      [3_000_000_000_000_000, 3_000_000_000_000_000, 2_999_999_999_999_999],
    );
    expect(parts.reduce((sum, part) => sum + part, 0)).toBe(9_000_000_000_000_000 - 1);
    expect(parts).toEqual([3_000_000_000_000_000, 3_000_000_000_000_000, 2_999_999_999_999_999]);
  });

  it('refuses to split a positive amount over nothing', () => {
    expect(() => largestRemainderSplit(5, [0, 0])).toThrow(expect.objectContaining({ field: 'weights' }));
  });
});

describe('apportionPayment — Art. 804 ET (Ley 1066/2006 art. 6): proportional within the period', () => {
  it('worked example (dianhoy.com): tax 15M, interest 5M, sanctions 10M; a payment of 12M goes 50/16.7/33.3 %', () => {
    const result = apportionPayment(12_000_000, [
      item('2023:impuesto', 2023, 15_000_000, 5_000_000, 10_000_000),
    ]);
    expect(result.remainder).toBe(0);
    expect(byComponent(result)).toEqual({
      '2023:impuesto': { capital: 6_000_000, interes: 2_000_000, sancion: 4_000_000 },
    });
  });

  it('splits across the concepts of the same vigencia, to the peso', () => {
    const result = apportionPayment(356_000, [
      item('2026:impuesto', 2026, 1_200_000, 0),
      item('2026:sobretasaAmbiental', 2026, 225_000, 0),
    ]);
    // 356,000 × 1,200/1,425 = 299,789.47; × 225/1,425 = 56,210.53 → the leftover peso goes to the .53.
    expect(result.applications).toEqual([
      {
        itemKey: '2026:impuesto',
        vigencia: 2026,
        concept: 'impuesto',
        component: 'capital',
        amount: 299_789,
      },
      {
        itemKey: '2026:sobretasaAmbiental',
        vigencia: 2026,
        concept: 'sobretasaAmbiental',
        component: 'capital',
        amount: 56_211,
      },
    ]);
  });

  it('settles the oldest vigencia before the newer one receives anything', () => {
    const result = apportionPayment(1_500_000, [
      item('2025:impuesto', 2025, 1_000_000, 50_000),
      item('2023:impuesto', 2023, 800_000, 300_000, 100_000),
    ]);
    expect(byComponent(result)).toEqual({
      '2023:impuesto': { capital: 800_000, interes: 300_000, sancion: 100_000 },
      // 300,000 left for 2025: 1,000,000/1,050,000 and 50,000/1,050,000 of it.
      '2025:impuesto': { capital: 285_714, interes: 14_286, sancion: 0 },
    });
    expect(result.applications[0]!.vigencia).toBe(2023);
  });

  it('returns what exceeds the whole debt as remainder', () => {
    const result = apportionPayment(2_000_000, [item('2024:impuesto', 2024, 1_000_000, 200_000)]);
    expect(result.remainder).toBe(800_000);
    expect(byComponent(result)).toEqual({
      '2024:impuesto': { capital: 1_000_000, interes: 200_000, sancion: 0 },
    });
  });

  it('serves the periods the payer indicated first («al período e impuesto que estos indiquen»)', () => {
    const owed = [item('2022:impuesto', 2022, 500_000, 100_000), item('2024:impuesto', 2024, 1_000_000, 0)];
    const result = apportionPayment(1_000_000, owed, 'proportional', { indicated: ['2024:impuesto'] });
    expect(byComponent(result)).toEqual({ '2024:impuesto': { capital: 1_000_000, interes: 0, sancion: 0 } });
    expect(() => apportionPayment(1, owed, 'proportional', { indicated: ['2019:impuesto'] })).toThrow(
      expect.objectContaining({ field: 'indicated' }),
    );
  });
});

describe('apportionPayment — configurable orders', () => {
  const owed = [item('2023:impuesto', 2023, 1_000_000, 300_000, 200_000)];

  it('strict: sanction, then interest, then capital', () => {
    expect(byComponent(apportionPayment(400_000, owed, 'strict'))).toEqual({
      '2023:impuesto': { sancion: 200_000, interes: 200_000, capital: 0 },
    });
    expect(byComponent(apportionPayment(600_000, owed, 'strict'))).toEqual({
      '2023:impuesto': { sancion: 200_000, interes: 300_000, capital: 100_000 },
    });
  });

  it('capitalFirst: capital, then sanction, then interest (Ley 863/2003 art. 32 order)', () => {
    expect(byComponent(apportionPayment(1_100_000, owed, 'capitalFirst'))).toEqual({
      '2023:impuesto': { capital: 1_000_000, sancion: 100_000, interes: 0 },
    });
  });

  it('strict shares a tier in proportion among the concepts of the period', () => {
    const result = apportionPayment(
      100_000,
      [
        item('2023:impuesto', 2023, 1_000_000, 150_000),
        item('2023:sobretasaAmbiental', 2023, 200_000, 50_000),
      ],
      'strict',
    );
    expect(byComponent(result)).toEqual({
      '2023:impuesto': { sancion: 0, interes: 75_000, capital: 0 },
      '2023:sobretasaAmbiental': { sancion: 0, interes: 25_000, capital: 0 },
    });
  });

  it('refuses bad input, naming the field', () => {
    expect(() => apportionPayment(-1, owed)).toThrow(expect.objectContaining({ field: 'amount' }));
    expect(() => apportionPayment(10.5, owed)).toThrow(/no es un valor válido/);
    expect(() => apportionPayment(1, [...owed, ...owed])).toThrow(
      expect.objectContaining({ field: 'owed[1].key' }),
    );
    expect(() => apportionPayment(1, [item('a', 2020, -5, 0)])).toThrow(
      expect.objectContaining({ field: 'owed[0].capital' }),
    );
    expect(() => apportionPayment(1, owed, 'fifo' as never)).toThrow(
      expect.objectContaining({ field: 'order' }),
    );
  });
});

describe('apportionPayment — properties', () => {
  const owedItems = fc
    .array(
      fc.record({
        vigencia: fc.integer({ min: 2015, max: 2026 }),
        concept: fc.constantFrom('impuesto', 'sobretasaAmbiental', 'sancion'),
        capital: fc.integer({ min: 0, max: 50_000_000 }),
        interest: fc.integer({ min: 0, max: 20_000_000 }),
        sanction: fc.integer({ min: 0, max: 10_000_000 }),
      }),
      { maxLength: 8 },
    )
    .map((rows) => rows.map((row, index): OwedItem => ({ key: `k${index}`, ...row })));
  const order = fc.constantFrom(...APPORTION_ORDERS);
  const owedTotal = (owed: readonly OwedItem[]) =>
    owed.reduce((sum, row) => sum + row.capital + row.interest + row.sanction, 0);

  it('applications + remainder = amount; no component gets more than owed; all parts are positive integers', () => {
    fc.assert(
      fc.property(owedItems, fc.integer({ min: 0, max: 300_000_000 }), order, (owed, amount, chosen) => {
        const result = apportionPayment(amount, owed, chosen);
        const applied = result.applications.reduce((sum, row) => sum + row.amount, 0);
        expect(applied + result.remainder).toBe(amount);
        expect(result.remainder).toBe(Math.max(0, amount - owedTotal(owed)));
        for (const row of result.applications)
          expect(Number.isSafeInteger(row.amount) && row.amount > 0).toBe(true);
        for (const [key, parts] of appliedByItem(result)) {
          const debt = owed.find((row) => row.key === key)!;
          expect(parts.capital).toBeLessThanOrEqual(debt.capital);
          expect(parts.interes).toBeLessThanOrEqual(debt.interest);
          expect(parts.sancion).toBeLessThanOrEqual(debt.sanction);
        }
      }),
    );
  });

  it('a full payment settles every component of every item', () => {
    fc.assert(
      fc.property(owedItems, fc.integer({ min: 0, max: 1_000_000 }), order, (owed, extra, chosen) => {
        const result = apportionPayment(owedTotal(owed) + extra, owed, chosen);
        const applied = appliedByItem(result);
        for (const debt of owed) {
          const parts = applied.get(debt.key) ?? { capital: 0, interes: 0, sancion: 0 };
          expect(parts).toEqual({ capital: debt.capital, interes: debt.interest, sancion: debt.sanction });
        }
        expect(result.remainder).toBe(extra);
      }),
    );
  });

  it('a newer vigencia receives nothing until every older one is settled', () => {
    fc.assert(
      fc.property(owedItems, fc.integer({ min: 0, max: 100_000_000 }), order, (owed, amount, chosen) => {
        const result = apportionPayment(amount, owed, chosen);
        const received = new Set(result.applications.map((row) => row.vigencia));
        const appliedTo = (vigencia: number) =>
          result.applications
            .filter((row) => row.vigencia === vigencia)
            .reduce((sum, row) => sum + row.amount, 0);
        for (const vigencia of received) {
          for (const older of new Set(
            owed.filter((row) => row.vigencia < vigencia).map((row) => row.vigencia),
          )) {
            expect(appliedTo(older)).toBe(owedTotal(owed.filter((row) => row.vigencia === older)));
          }
        }
      }),
    );
  });

  it('proportional: each part is within one peso of its exact share of the period', () => {
    fc.assert(
      fc.property(owedItems, fc.integer({ min: 0, max: 100_000_000 }), (owed, amount) => {
        const result = apportionPayment(amount, owed, 'proportional');
        const partial = [...new Set(result.applications.map((row) => row.vigencia))].find(
          (vigencia) =>
            result.applications
              .filter((row) => row.vigencia === vigencia)
              .reduce((sum, row) => sum + row.amount, 0) <
            owedTotal(owed.filter((row) => row.vigencia === vigencia)),
        );
        if (partial === undefined) return;
        const group = owed.filter((row) => row.vigencia === partial);
        const paid = result.applications
          .filter((row) => row.vigencia === partial)
          .reduce((sum, row) => sum + row.amount, 0);
        const applied = appliedByItem(result);
        for (const debt of group) {
          const parts = applied.get(debt.key) ?? { capital: 0, interes: 0, sancion: 0 };
          for (const [component, owedPart] of [
            ['capital', debt.capital],
            ['interes', debt.interest],
            ['sancion', debt.sanction],
          ] as const) {
            const exact = (paid * owedPart) / owedTotal(group);
            expect(Math.abs(parts[component] - exact)).toBeLessThan(1 + 1e-6);
          }
        }
      }),
    );
  });

  it('strict: within a vigencia, interest only after sanctions and capital only after interest are settled', () => {
    fc.assert(
      fc.property(owedItems, fc.integer({ min: 0, max: 100_000_000 }), (owed, amount) => {
        const result = apportionPayment(amount, owed, 'strict');
        const applied = appliedByItem(result);
        for (const vigencia of new Set(owed.map((row) => row.vigencia))) {
          const group = owed.filter((row) => row.vigencia === vigencia);
          const sum = (pick: (parts: { capital: number; interes: number; sancion: number }) => number) =>
            group.reduce(
              (total, row) => total + pick(applied.get(row.key) ?? { capital: 0, interes: 0, sancion: 0 }),
              0,
            );
          const owedOf = (pick: (row: OwedItem) => number) =>
            group.reduce((total, row) => total + pick(row), 0);
          if (sum((parts) => parts.interes) > 0)
            expect(sum((parts) => parts.sancion)).toBe(owedOf((row) => row.sanction));
          if (sum((parts) => parts.capital) > 0)
            expect(sum((parts) => parts.interes)).toBe(owedOf((row) => row.interest));
        }
      }),
    );
  });
});

describe('owedItemsFromAmounts', () => {
  it('turns amountsDue into owed items net of discount, with interest apart', () => {
    const rules = buildRuleSet();
    const lines: DemandLine[] = [
      {
        vigencia: 2025,
        concept: 'impuesto',
        amount: 1_200_000,
        dueDate: '2025-06-30',
        interestBearing: true,
      },
      { vigencia: 2024, concept: 'sancion', amount: 500_000, dueDate: '2024-06-30', interestBearing: false },
    ];
    const atDiscount = owedItemsFromAmounts(amountsDue(lines, '2025-03-15', rules));
    expect(atDiscount).toEqual([
      {
        key: '2025:impuesto',
        vigencia: 2025,
        concept: 'impuesto',
        capital: 1_080_000,
        interest: 0,
        sanction: 0,
      },
      { key: '2024:sancion', vigencia: 2024, concept: 'sancion', capital: 0, interest: 0, sanction: 500_000 },
    ]);
    // 107 days at 25 % / 365 on 1,200,000 = 87,945 → 88,000 (as in the liquidation's own test).
    const late = owedItemsFromAmounts(amountsDue(lines, '2025-10-15', rules));
    expect(late[0]).toMatchObject({ capital: 1_200_000, interest: 88_000 });
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { installmentSchedule, splitInstallments } from './installments.rules.ts';
import { bucaramangaRuleSet } from './testdata/rule-set.factory.ts';

describe('splitInstallments — taxes.md §1.7 P3 (interest-free instalments, 2026 pattern)', () => {
  it('1,200,000 in 4 → 300,000 × 4', () => {
    expect(splitInstallments(1_200_000, 4)).toEqual([300_000, 300_000, 300_000, 300_000]);
  });

  it('1,425,000 in 4 → 356,250 × 4 to the peso, or 356,000 × 3 + 357,000 to the thousand', () => {
    expect(splitInstallments(1_425_000, 4)).toEqual([356_250, 356_250, 356_250, 356_250]);
    expect(splitInstallments(1_425_000, 4, 1000)).toEqual([356_000, 356_000, 356_000, 357_000]);
  });

  it('puts any remainder in the last instalment and always adds up to the total', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000_000 }),
        fc.integer({ min: 1, max: 24 }),
        fc.constantFrom(1, 100, 1000),
        (total, count, unit) => {
          const parts = splitInstallments(total, count, unit);
          expect(parts).toHaveLength(count);
          expect(parts.reduce((sum, part) => sum + part, 0)).toBe(total);
          expect(parts.every((part) => part >= 0 && Number.isSafeInteger(part))).toBe(true);
        },
      ),
    );
  });

  it('the Bucaramanga 2026 first-semester plan: 31 Mar, 30 Apr, 31 May, 30 Jun', () => {
    const plan = bucaramangaRuleSet().installmentPlans.find(
      (candidate) => candidate.id === 'cuotas-2026-primer-semestre',
    )!;
    expect(installmentSchedule(1_425_000, plan, bucaramangaRuleSet())).toEqual([
      { number: 1, dueDate: '2026-03-31', amount: 356_000 },
      { number: 2, dueDate: '2026-04-30', amount: 356_000 },
      { number: 3, dueDate: '2026-05-31', amount: 356_000 },
      { number: 4, dueDate: '2026-06-30', amount: 357_000 },
    ]);
  });

  it('refuses a count below one', () => {
    expect(() => splitInstallments(1000, 0)).toThrow(
      expect.objectContaining({ code: 'DATO_INVALIDO', field: 'count' }),
    );
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { amountsDue } from './amounts-due.rules.ts';
import { dateOf, dayNumber } from './calendar-days.ts';
import { type DemandLine, liquidatePredial } from './predial.rules.ts';
import { DEMAND_CONCEPTS, PREDIO_FLAGS } from './rule-set.ts';
import { bucaramangaRuleSet, buildRuleSet } from './testdata/rule-set.factory.ts';

describe('amountsDue', () => {
  it('adds interest per line after the due date and rounds each line on its own', () => {
    const rules = buildRuleSet();
    const { lines } = liquidatePredial({ avaluo: 150_000_000, destino: 'A', estrato: 3 }, 2025, rules);
    const due = amountsDue(lines, '2025-10-15', rules);
    // 107 days at 25 % / 365: 1,200,000 → 87,945.2 → 88,000; 225,000 → 16,489.7 → 16,000.
    expect(due.lines.map((line) => [line.concept, line.daysLate, line.interest])).toEqual([
      ['impuesto', 107, 88_000],
      ['sobretasaAmbiental', 107, 16_000],
    ]);
    expect(due.totals).toEqual({
      capital: 1_425_000,
      interest: 104_000,
      sanctionUpdate: 0,
      discount: 0,
      relief: 0,
      total: 1_529_000,
    });
  });

  it('refuses a line with a negative or fractional amount, naming it', () => {
    const rules = buildRuleSet();
    const line: DemandLine = {
      vigencia: 2025,
      concept: 'impuesto',
      amount: -5,
      dueDate: '2025-06-30',
      interestBearing: true,
    };
    expect(() => amountsDue([line], '2025-07-01', rules)).toThrow(
      expect.objectContaining({ field: 'lines[0].amount' }),
    );
    expect(() => amountsDue([{ ...line, amount: 10.5 }], '2025-07-01', rules)).toThrow(
      /no es un valor válido/,
    );
    expect(() => amountsDue([{ ...line, amount: 10 }], '2025-13-01', rules)).toThrow(
      expect.objectContaining({ field: 'paymentDate' }),
    );
  });

  it('never gives a negative figure, and the totals are the sums of the lines (Bucaramanga rules)', () => {
    const rules = bucaramangaRuleSet();
    const date = fc.integer({ min: dayNumber('2019-01-01'), max: dayNumber('2026-12-31') }).map(dateOf);
    const predio = fc.record({
      avaluo: fc.integer({ min: 0, max: 3_000_000_000 }),
      destino: fc.constantFrom('A', 'C', 'R'),
      estrato: fc.integer({ min: 0, max: 6 }),
      flags: fc.subarray([...PREDIO_FLAGS]),
    });
    const line = fc.oneof(
      fc
        .record({ predio, vigencia: fc.integer({ min: 2020, max: 2026 }) })
        .map(({ predio: facts, vigencia }) => liquidatePredial(facts, vigencia, rules).lines),
      fc
        .record({
          vigencia: fc.integer({ min: 2019, max: 2026 }),
          concept: fc.constantFrom(...DEMAND_CONCEPTS),
          amount: fc.integer({ min: 0, max: 500_000_000 }),
        })
        .map(({ vigencia, concept, amount }): DemandLine[] => [
          { vigencia, concept, amount, dueDate: `${vigencia}-06-30`, interestBearing: concept !== 'sancion' },
        ]),
    );
    fc.assert(
      fc.property(fc.array(line, { maxLength: 4 }), date, (groups, paymentDate) => {
        let due: ReturnType<typeof amountsDue>;
        try {
          due = amountsDue(groups.flat(), paymentDate, rules);
        } catch (error) {
          // A bare demand line inside a discount window that depends on the predio is refused by design
          // (PERFIL_PREDIO_REQUERIDO, tested in discounts.rules.test.ts); the property is about the figures it does compute.
          if ((error as { code?: string }).code === 'PERFIL_PREDIO_REQUERIDO') return;
          throw error;
        }
        const keys = ['capital', 'interest', 'sanctionUpdate', 'discount', 'relief', 'total'] as const;
        for (const figures of [...due.lines, due.totals, ...Object.values(due.byConcept)]) {
          for (const key of keys) expect(figures[key]).toBeGreaterThanOrEqual(0);
        }
        for (const key of keys) {
          expect(due.totals[key]).toBe(due.lines.reduce((sum, item) => sum + item[key], 0));
        }
        for (const item of due.lines) {
          expect(item.total).toBe(
            item.capital + item.interest + item.sanctionUpdate - item.discount - item.relief,
          );
        }
      }),
    );
  });
});

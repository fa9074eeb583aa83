import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { amountsDue, type DemandLine, dateOf, dayNumber, liquidatePredial } from '../liquidation/index.ts';
import { bucaramangaRuleSet, buildRuleSet } from '../liquidation/testdata/rule-set.factory.ts';
import { billExpiresOn, payByOptions } from './pay-by-options.rules.ts';

/** Hypothetical rules of the worked examples: 2025, 10 % on the impuesto until 31 March, due 30 June,
 * mora 25 % / 365. */
const rules = buildRuleSet();
/** taxes.md §1.7 P1: avalúo 150,000,000 × 8‰ = 1,200,000 + sobretasa 1.5‰ = 225,000. */
const p1Lines = liquidatePredial({ avaluo: 150_000_000, destino: 'A', estrato: 3 }, 2025, rules).lines;
const arrears2024: DemandLine = {
  vigencia: 2024,
  concept: 'impuesto',
  amount: 1_000_000,
  dueDate: '2024-06-30',
  interestBearing: true,
};

const summary = (options: ReturnType<typeof payByOptions>) =>
  options.map((option) => [option.payBy, option.total, option.label]);

describe('payByOptions — current vigencia (taxes.md §1.6, §1.7 P1)', () => {
  it('in February: with 10 % discount until 31 March, without discount until 30 June', () => {
    const options = payByOptions(p1Lines, '2025-02-10', rules);
    expect(summary(options)).toEqual([
      ['2025-03-31', 1_305_000, 'Pague con 10 % de descuento hasta el 31 de marzo de 2025'],
      ['2025-06-30', 1_425_000, 'Pague sin descuento y sin intereses hasta el 30 de junio de 2025'],
    ]);
    expect(options.map((option) => option.reasons)).toEqual([['descuento'], ['vencimiento']]);
    expect(billExpiresOn(options)).toBe('2025-06-30');
  });

  it('in April the discount has closed: one date, the due date', () => {
    expect(summary(payByOptions(p1Lines, '2025-04-15', rules))).toEqual([
      ['2025-06-30', 1_425_000, 'Pague sin descuento y sin intereses hasta el 30 de junio de 2025'],
    ]);
  });

  it('on the last day of the window the window still counts', () => {
    expect(payByOptions(p1Lines, '2025-03-31', rules)[0]).toMatchObject({
      payBy: '2025-03-31',
      total: 1_305_000,
    });
  });

  it('after the due date: valid until the end of the month, with interest liquidated to that day', () => {
    // 123 days (1 Jul – 31 Oct) at 25 % / 365: 1,200,000 → 101,096 → 101,000; 225,000 → 18,955 → 19,000.
    const options = payByOptions(p1Lines, '2025-10-01', rules);
    expect(summary(options)).toEqual([
      [
        '2025-10-31',
        1_545_000,
        'Pague con intereses de mora liquidados a esa fecha hasta el 31 de octubre de 2025',
      ],
    ]);
    expect(options[0]!.amounts.totals.interest).toBe(120_000);
    expect(options[0]!.reasons).toEqual(['validez']);
  });

  it('the validity of a bill in arrears can be a number of days instead', () => {
    const options = payByOptions(p1Lines, '2025-10-01', rules, { arrearsValidity: { days: 10 } });
    expect(options.map((option) => option.payBy)).toEqual(['2025-10-11']);
  });
});

describe('payByOptions — arrears and current vigencia on one bill', () => {
  const lines = [arrears2024, ...p1Lines];

  it('end of month first (interest runs daily), then the discount end, then the due date', () => {
    const options = payByOptions(lines, '2025-02-10', rules);
    expect(options.map((option) => [option.payBy, option.reasons])).toEqual([
      ['2025-02-28', ['validez']],
      ['2025-03-31', ['descuento']],
      ['2025-06-30', ['vencimiento']],
    ]);
    expect(options[0]!.label).toBe(
      'Pague con 10 % de descuento e intereses de mora liquidados a esa fecha hasta el 28 de febrero de 2025',
    );
    for (const option of options) {
      expect(option.total).toBe(amountsDue(lines, option.payBy, rules).totals.total);
    }
    expect(options[0]!.total).toBeLessThan(options[1]!.total);
  });

  it('keeps at most maxOptions, the earliest ones, and none past the horizon', () => {
    expect(payByOptions(lines, '2025-02-10', rules, { maxOptions: 1 }).map((option) => option.payBy)).toEqual(
      ['2025-02-28'],
    );
    expect(
      payByOptions(lines, '2025-02-10', rules, { horizonDays: 30 }).map((option) => option.payBy),
    ).toEqual(['2025-02-28']);
    // A horizon shorter than the month caps the validity itself.
    expect(
      payByOptions(lines, '2025-02-10', rules, { horizonDays: 5 }).map((option) => option.payBy),
    ).toEqual(['2025-02-15']);
  });

  it('refuses bad options', () => {
    expect(() => payByOptions(lines, '2025-02-10', rules, { maxOptions: 0 })).toThrow(
      expect.objectContaining({ field: 'maxOptions' }),
    );
    expect(() => payByOptions(lines, '2025-02-10', rules, { horizonDays: -1 })).toThrow(
      expect.objectContaining({ field: 'horizonDays' }),
    );
    expect(() => payByOptions(lines, '2025-02-30', rules)).toThrow(
      expect.objectContaining({ field: 'issueDate' }),
    );
  });
});

describe('payByOptions — relief windows (Decreto Legislativo 678/2020 art. 7, Bucaramanga rules)', () => {
  it('offers the last day of each relief window with its reduced total (taxes.md §2.7 D1)', () => {
    const line: DemandLine = {
      vigencia: 2019,
      concept: 'impuesto',
      amount: 1_000_000,
      dueDate: '2019-06-30',
      interestBearing: true,
    };
    const options = payByOptions([line], '2020-10-01', bucaramangaRuleSet());
    expect(options.map((option) => [option.payBy, option.total])).toEqual([
      ['2020-10-31', 800_000],
      ['2020-12-31', 900_000],
      ['2021-05-31', 1_000_000],
    ]);
    expect(options[0]!.reasons).toEqual(['alivio', 'validez']);
    expect(options[0]!.label).toMatch(
      /^Pague con el alivio «Recuperación de cartera.*» hasta el 31 de octubre de 2020$/,
    );
  });
});

describe('payByOptions — nothing to pay', () => {
  it('a relief that waives the whole debt on every date: one option with total 0 that says why', () => {
    // Decreto 678 art. 7 as configured for Bucaramanga: sanctions overdue on 20-May-2020 are paid at 0 %.
    const sanction: DemandLine = {
      vigencia: 2019,
      concept: 'sancion',
      amount: 1_000_000,
      dueDate: '2019-06-30',
      interestBearing: false,
    };
    const options = payByOptions([sanction], '2020-06-01', bucaramangaRuleSet());
    expect(summary(options)).toEqual([
      [
        '2021-05-31',
        0,
        'Sin valor a pagar hasta el 31 de mayo de 2021: los alivios vigentes cubren toda la deuda',
      ],
    ]);
  });

  it('one option with total 0 when everything is 0', () => {
    const paid = p1Lines.map((line) => ({ ...line, amount: 0 }));
    const options = payByOptions(paid, '2025-02-10', rules);
    expect(summary(options)).toEqual([['2025-02-28', 0, 'Sin saldo por pagar al 28 de febrero de 2025']]);
    expect(payByOptions([], '2025-02-10', rules)).toHaveLength(1);
  });
});

describe('payByOptions — properties (Bucaramanga rules)', () => {
  const bucaramanga = bucaramangaRuleSet();
  const line = fc
    .record({
      vigencia: fc.integer({ min: 2019, max: 2026 }),
      concept: fc.constantFrom('impuesto' as const, 'sobretasaAmbiental' as const, 'sancion' as const),
      // Liquidated lines are multiples of the rounding unit (taxes.md §0.2).
      amount: fc.oneof(
        fc.constant(0),
        fc.integer({ min: 0, max: 20_000 }).map((thousands) => thousands * 1000),
      ),
    })
    .map(
      ({ vigencia, concept, amount }): DemandLine => ({
        vigencia,
        concept,
        amount,
        dueDate: `${vigencia}-06-30`,
        interestBearing: concept !== 'sancion',
        // Some discount windows depend on the predio (2024: updated or not).
        predio: { destino: 'A', estrato: 3, avaluo: 150_000_000 },
      }),
    );
  const issueDate = fc.integer({ min: dayNumber('2019-07-01'), max: dayNumber('2026-11-30') }).map(dateOf);

  it('sorted unique dates from the issue date on, at most maxOptions, totals as amountsDue gives them', () => {
    fc.assert(
      fc.property(
        fc.array(line, { maxLength: 5 }),
        issueDate,
        fc.integer({ min: 1, max: 4 }),
        fc.option(fc.integer({ min: 0, max: 400 }), { nil: undefined }),
        (lines, issued, maxOptions, horizonDays) => {
          const options = payByOptions(lines, issued, bucaramanga, { maxOptions, horizonDays });
          expect(options.length).toBeGreaterThanOrEqual(1);
          expect(options.length).toBeLessThanOrEqual(maxOptions);
          options.forEach((option, index) => {
            expect(option.payBy >= issued).toBe(true);
            if (horizonDays !== undefined) {
              expect(dayNumber(option.payBy) - dayNumber(issued)).toBeLessThanOrEqual(horizonDays);
            }
            if (index > 0) expect(option.payBy > options[index - 1]!.payBy).toBe(true);
            expect(option.total).toBe(amountsDue(lines, option.payBy, bucaramanga).totals.total);
            expect(option.label).toMatch(/^(Pague|Sin saldo|Sin valor)/);
          });
          const owesSomething = lines.some((row) => row.amount > 0);
          if (!owesSomething) expect(options.map((option) => option.total)).toEqual([0]);
          if (options.some((option) => option.total === 0)) {
            // Only when every date totals 0: nothing owed, or a relief waives it all.
            expect(options).toHaveLength(1);
            if (owesSomething) expect(options[0]!.amounts.totals.relief).toBeGreaterThan(0);
          }
          const overdue = lines.some((row) => row.amount > 0 && row.dueDate < issued);
          if (overdue && horizonDays === undefined) {
            // A bill in arrears never outlives its month without a later reason (discount, relief, due date).
            expect(options[0]!.payBy <= `${issued.slice(0, 7)}-31`).toBe(true);
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});

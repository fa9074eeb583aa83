import { describe, expect, it } from 'vitest';
import { amountsDue } from './amounts-due.rules.ts';
import { discountFor, reliefFor } from './discounts.rules.ts';
import { interestFor } from './interest.rules.ts';
import { type DemandLine, liquidatePredial } from './predial.rules.ts';
import { bucaramangaRuleSet, buildRuleSet, HYPOTHETICAL } from './testdata/rule-set.factory.ts';

const DECRETO_678 = {
  id: 'decreto-678',
  label: 'Decreto Legislativo 678 de 2020, art. 7',
  legalBasis: 'Decreto Legislativo 678 de 2020',
  eligibility: { overdueAt: '2020-05-20' },
  requiresFullPayment: true,
  windows: [
    {
      validFrom: '2020-05-20',
      validTo: '2020-10-31',
      pay: { capitalPercent: '80', interestPercent: '0', sanctionsPercent: '0' },
    },
    {
      validFrom: '2020-11-01',
      validTo: '2020-12-31',
      pay: { capitalPercent: '90', interestPercent: '0', sanctionsPercent: '0' },
    },
    {
      validFrom: '2021-01-01',
      validTo: '2021-05-31',
      pay: { capitalPercent: '100', interestPercent: '0', sanctionsPercent: '0' },
    },
  ],
  ...HYPOTHETICAL,
};

describe('reliefFor — taxes.md §2.7 D1 (Decreto 678 art. 7: predial 2019, capital 1,000,000, interest 380,000)', () => {
  const rules = buildRuleSet({ reliefs: [DECRETO_678] });
  const debt = {
    vigencia: 2019,
    concept: 'impuesto' as const,
    dueDate: '2019-06-30',
    capital: 1_000_000,
    interest: 380_000,
  };
  const pays = (date: string) => {
    const relief = reliefFor(debt, date, rules);
    return relief ? relief.payable.capital + relief.payable.interest + relief.payable.sanctionUpdate : null;
  };

  it('pays 800,000 on 15-Oct-2020, 900,000 on 10-Dec-2020 and 1,000,000 on 20-Feb-2021, without interest', () => {
    expect(pays('2020-10-15')).toBe(800_000);
    expect(pays('2020-12-10')).toBe(900_000);
    expect(pays('2021-02-20')).toBe(1_000_000);
    expect(reliefFor(debt, '2020-10-15', rules)).toMatchObject({
      programmeId: 'decreto-678',
      reduction: { capital: 200_000, interest: 380_000, total: 580_000 },
      requiresFullPayment: true,
    });
  });

  it('gives no relief on 01-Jun-2021: capital plus interest from the original due date', () => {
    expect(reliefFor(debt, '2021-06-01', rules)).toBeNull();
  });

  it('does not apply to debts that were not overdue on 20-May-2020', () => {
    expect(reliefFor({ ...debt, vigencia: 2020, dueDate: '2020-06-30' }, '2020-10-15', rules)).toBeNull();
  });

  it('on the Bucaramanga rule set, amountsDue gives the same four figures for the 2019 predial', () => {
    const bucaramanga = bucaramangaRuleSet();
    const line: DemandLine = {
      vigencia: 2019,
      concept: 'impuesto',
      amount: 1_000_000,
      dueDate: '2019-06-30',
      interestBearing: true,
    };
    const total = (date: string) => amountsDue([line], date, bucaramanga).totals.total;
    expect(total('2020-10-15')).toBe(800_000);
    expect(total('2020-12-10')).toBe(900_000);
    expect(total('2021-02-20')).toBe(1_000_000);
    const interest = interestFor(1_000_000, '2019-06-30', '2021-06-01', bucaramanga).amount;
    expect(interest).toBeGreaterThan(0);
    expect(total('2021-06-01')).toBe(1_000_000 + interest);
  });

  it('waives sanctions entirely (pay 0 % of a sanction line)', () => {
    const relief = reliefFor(
      { ...debt, concept: 'sancion', capital: 300_000, interest: 0 },
      '2020-10-15',
      rules,
    );
    expect(relief?.payable).toEqual({ capital: 0, interest: 0, sanctionUpdate: 0 });
  });
});

describe('reliefFor — taxes.md §2.7 D2 (Bucaramanga Acuerdo 042 of 2024, paid 15-Nov-2024)', () => {
  const arrears = [
    {
      vigencia: 2023,
      concept: 'impuesto' as const,
      dueDate: '2023-06-30',
      capital: 2_000_000,
      interest: 900_000,
    },
    {
      vigencia: 2023,
      concept: 'sobretasaAmbiental' as const,
      dueDate: '2023-06-30',
      capital: 300_000,
      interest: 120_000,
    },
  ];
  const totalWith = (rules: ReturnType<typeof buildRuleSet>) =>
    arrears.reduce((sum, debt) => {
      const relief = reliefFor(debt, '2024-11-15', rules);
      return sum + (relief ? relief.payable.capital + relief.payable.interest : debt.capital + debt.interest);
    }, 0);

  it('pays 2,000,000 + 20 % × 900,000 + 300,000 + 120,000 = 2,600,000 with the shipped Bucaramanga rules', () => {
    const rules = bucaramangaRuleSet();
    expect(reliefFor(arrears[0]!, '2024-11-15', rules)).toMatchObject({
      programmeId: 'acuerdo-042-2024',
      payable: { capital: 2_000_000, interest: 180_000 },
    });
    expect(reliefFor(arrears[1]!, '2024-11-15', rules)).toBeNull();
    expect(totalWith(rules)).toBe(2_600_000);
  });

  it('gives the same 2,600,000 when the sobretasa is eligible but its interest share is 100 % (byConcept)', () => {
    const rules = buildRuleSet({
      reliefs: [
        {
          id: 'acuerdo-042',
          label: 'Acuerdo 042 de 2024',
          legalBasis: 'Acuerdo 042 de 2024',
          eligibility: { overdueAt: '2024-09-18', concepts: ['impuesto', 'sobretasaAmbiental'] },
          requiresFullPayment: true,
          windows: [
            {
              validFrom: '2024-09-18',
              validTo: '2024-11-30',
              pay: { capitalPercent: '100', interestPercent: '20', sanctionsPercent: '100' },
              byConcept: { sobretasaAmbiental: { interestPercent: '100' } },
            },
          ],
          ...HYPOTHETICAL,
        },
      ],
    });
    expect(totalWith(rules)).toBe(2_600_000);
    expect(reliefFor(arrears[0]!, '2024-12-01', rules)).toBeNull();
  });
});

describe('discountFor — early-payment windows', () => {
  it('Bucaramanga 2024: 20 % for updated predios and 10 % for the rest until 31 March, on the impuesto only', () => {
    const rules = bucaramangaRuleSet();
    const updated = liquidatePredial({ avaluo: 150_000_000, destino: 'A', estrato: 4 }, 2024, rules);
    const notUpdated = liquidatePredial(
      { avaluo: 150_000_000, destino: 'A', estrato: 4, flags: ['avaluoNoActualizado'] },
      2024,
      rules,
    );
    expect(discountFor(updated.lines[0]!, '2024-03-31', rules)).toMatchObject({
      percent: '20',
      amount: 240_000,
    });
    expect(discountFor(notUpdated.lines[0]!, '2024-03-31', rules)).toMatchObject({
      percent: '10',
      amount: 120_000,
    });
    expect(discountFor(updated.lines[0]!, '2024-04-01', rules)).toBeNull();
    expect(discountFor(updated.lines[1]!, '2024-03-01', rules)).toBeNull();
  });

  it('only discounts the vigencia of the window, and asks for the predio when the window depends on it', () => {
    const rules = bucaramangaRuleSet();
    const arrears: DemandLine = {
      vigencia: 2023,
      concept: 'impuesto',
      amount: 1_000_000,
      dueDate: '2023-06-30',
      interestBearing: true,
    };
    expect(discountFor(arrears, '2024-03-01', rules)).toBeNull();
    expect(() =>
      discountFor({ ...arrears, vigencia: 2024, dueDate: '2024-06-30' }, '2024-03-01', rules),
    ).toThrow(expect.objectContaining({ code: 'PERFIL_PREDIO_REQUERIDO' }));
  });

  it('a relief and a discount never stack on one line', () => {
    const rules = buildRuleSet({
      reliefs: [
        {
          ...DECRETO_678,
          eligibility: { vigencias: { from: 2025, to: 2025 } },
          windows: [
            {
              validFrom: '2025-01-01',
              validTo: '2025-12-31',
              pay: { capitalPercent: '95', interestPercent: '0', sanctionsPercent: '0' },
            },
          ],
        },
      ],
    });
    const line: DemandLine = {
      vigencia: 2025,
      concept: 'impuesto',
      amount: 1_200_000,
      dueDate: '2025-06-30',
      interestBearing: true,
    };
    const due = amountsDue([line], '2025-03-15', rules);
    expect(due.lines[0]).toMatchObject({ discount: 0, relief: 60_000, total: 1_140_000 });
  });
});

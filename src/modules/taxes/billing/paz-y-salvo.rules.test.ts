import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type BalanceLine, pazYSalvoEligibility, pazYSalvoValidityText } from './paz-y-salvo.rules.ts';

const line = (vigencia: number, concept: string, amount: number): BalanceLine => ({
  vigencia,
  concept,
  amount,
  dueDate: `${vigencia}-06-30`,
});

describe('pazYSalvoEligibility', () => {
  it('eligible when nothing is owed; valid until 31 December of the year [DEFAULT]', () => {
    const result = pazYSalvoEligibility(
      { '680010101000100010000': [line(2025, 'impuesto', 0), line(2026, 'impuesto', 0)] },
      '2026-05-10',
    );
    expect(result).toEqual({
      eligible: true,
      asOf: '2026-05-10',
      validUntil: '2026-12-31',
      subjects: ['680010101000100010000'],
    });
    if (result.eligible)
      expect(pazYSalvoValidityText(result.validUntil)).toBe('Válido hasta el 31 de diciembre de 2026');
  });

  it('not eligible: names each predio and the vigencias with a balance', () => {
    const result = pazYSalvoEligibility(
      {
        A01: [
          line(2024, 'impuesto', 800_000),
          line(2024, 'sobretasaAmbiental', 150_000),
          line(2023, 'impuesto', 700_000),
        ],
        B02: [line(2026, 'impuesto', 0)],
        C03: [line(2026, 'impuesto', 1_200_000)],
      },
      '2026-05-10',
    );
    expect(result).toMatchObject({
      eligible: false,
      reason:
        'No se puede expedir el paz y salvo: el predio A01 tiene saldo en las vigencias 2023 ($700.000) y 2024 ($950.000); el predio C03 tiene saldo en la vigencia 2026 ($1.200.000).',
    });
    if (result.eligible) return;
    expect(result.pending).toEqual([
      {
        subjectKey: 'A01',
        vigencia: 2023,
        concepts: [{ concept: 'impuesto', amount: 700_000 }],
        amount: 700_000,
      },
      {
        subjectKey: 'A01',
        vigencia: 2024,
        concepts: [
          { concept: 'impuesto', amount: 800_000 },
          { concept: 'sobretasaAmbiental', amount: 150_000 },
        ],
        amount: 950_000,
      },
      {
        subjectKey: 'C03',
        vigencia: 2026,
        concepts: [{ concept: 'impuesto', amount: 1_200_000 }],
        amount: 1_200_000,
      },
    ]);
  });

  it('only overdue balances block it when asked; then it expires the day before the pending due date', () => {
    const demands = { A01: [line(2025, 'impuesto', 0), line(2026, 'impuesto', 1_200_000)] };
    expect(pazYSalvoEligibility(demands, '2026-05-10', { includeNotYetDue: false })).toMatchObject({
      eligible: true,
      validUntil: '2026-06-29',
    });
    // On the due date itself it is not yet overdue (interest starts the next day).
    expect(pazYSalvoEligibility(demands, '2026-06-30', { includeNotYetDue: false })).toMatchObject({
      eligible: true,
      validUntil: '2026-06-30',
    });
    expect(pazYSalvoEligibility(demands, '2026-07-01', { includeNotYetDue: false }).eligible).toBe(false);
  });

  it('validity in days and another subject noun', () => {
    expect(pazYSalvoEligibility({}, '2026-12-20', { validity: { days: 30 } })).toMatchObject({
      eligible: true,
      validUntil: '2027-01-19',
    });
    const result = pazYSalvoEligibility({ '900123': [line(2025, 'ica', 50_000)] }, '2026-03-01', {
      subjectNoun: 'establecimiento',
    });
    expect(result.eligible ? '' : result.reason).toBe(
      'No se puede expedir el paz y salvo: el establecimiento 900123 tiene saldo en la vigencia 2025 ($50.000).',
    );
  });

  it('refuses bad input, naming the field', () => {
    expect(() => pazYSalvoEligibility({ A: [line(2025, 'impuesto', -1)] }, '2026-01-10')).toThrow(
      expect.objectContaining({ field: 'demandsBySubject.A[0].amount' }),
    );
    expect(() => pazYSalvoEligibility({}, '2026-02-30')).toThrow(expect.objectContaining({ field: 'asOf' }));
    expect(() => pazYSalvoEligibility({}, '2026-02-10', { validity: { days: -2 } })).toThrow(
      expect.objectContaining({ field: 'validity.days' }),
    );
  });

  it('property: eligible exactly when every balance is zero; the validity never precedes asOf', () => {
    const balances = fc.dictionary(
      fc.stringMatching(/^[0-9]{4,8}$/),
      fc.array(
        fc.record({
          vigencia: fc.integer({ min: 2015, max: 2026 }),
          concept: fc.constantFrom('impuesto', 'sobretasaAmbiental', 'sancion'),
          amount: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 10_000_000 })),
        }),
        { maxLength: 5 },
      ),
    );
    fc.assert(
      fc.property(balances, (demands) => {
        const withDates = Object.fromEntries(
          Object.entries(demands).map(([key, rows]) => [
            key,
            rows.map((row) => ({ ...row, dueDate: `${row.vigencia}-06-30` })),
          ]),
        );
        const result = pazYSalvoEligibility(withDates, '2026-08-15');
        const owes = Object.values(demands).some((rows) => rows.some((row) => row.amount > 0));
        expect(result.eligible).toBe(!owes);
        if (result.eligible) expect(result.validUntil >= '2026-08-15').toBe(true);
        else {
          const pendingTotal = result.pending.reduce((sum, row) => sum + row.amount, 0);
          const owedTotal = Object.values(demands)
            .flat()
            .reduce((sum, row) => sum + row.amount, 0);
          expect(pendingTotal).toBe(owedTotal);
        }
      }),
    );
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type DemandLine, dateOf, dayNumber } from '../liquidation/index.ts';
import { bucaramangaRuleSet, buildRuleSet, HYPOTHETICAL } from '../liquidation/testdata/rule-set.factory.ts';
import {
  type AgreementPayment,
  agreementBalanceDue,
  agreementFromOffer,
  agreementOffer,
  agreementStatus,
  type PaymentAgreement,
  validateAgreementRequest,
} from './agreement.rules.ts';

const bucaramanga = bucaramangaRuleSet();
/** The 2026 deferrals alone, without the yearly arrears facility the same file configures. */
const deferrals2026 = {
  ...bucaramanga,
  installmentPlans: bucaramanga.installmentPlans.filter((plan) => plan.id !== 'facilidad-cartera-2027'),
};

/** taxes.md §1.7 P1/P3: impuesto 1,200,000 + sobretasa 225,000 = 1,425,000, vigencia 2026. */
const lines2026: DemandLine[] = [
  { vigencia: 2026, concept: 'impuesto', amount: 1_200_000, dueDate: '2026-06-30', interestBearing: true },
  {
    vigencia: 2026,
    concept: 'sobretasaAmbiental',
    amount: 225_000,
    dueDate: '2026-06-30',
    interestBearing: true,
  },
];
const arrears2025: DemandLine = {
  vigencia: 2025,
  concept: 'impuesto',
  amount: 1_000_000,
  dueDate: '2025-06-30',
  interestBearing: true,
};

const schedule = (offer: { instalments: readonly { dueDate: string; amount: number }[] }) =>
  offer.instalments.map((instalment) => [instalment.dueDate, instalment.amount]);

describe('agreementOffer — Bucaramanga 2026 interest-free deferral (taxes.md §1.5, §1.7 P3)', () => {
  it('in February both semesters are offered, first semester first: 356,000 × 3 + 357,000', () => {
    const offers = agreementOffer([...lines2026, arrears2025], '2026-02-15', deferrals2026);
    expect(offers.map((offer) => offer.planId)).toEqual([
      'cuotas-2026-primer-semestre',
      'cuotas-2026-segundo-semestre',
    ]);
    const [first, second] = offers;
    expect(schedule(first!)).toEqual([
      ['2026-03-31', 356_000],
      ['2026-04-30', 356_000],
      ['2026-05-31', 356_000],
      ['2026-06-30', 357_000],
    ]);
    expect(first).toMatchObject({
      interestWaived: true,
      discountApplies: false,
      vigencias: [2026],
      uncoveredVigencias: [2025],
      maxInstalments: 4,
      // The 10 % early-payment discount is open on 15 February, but this plan does not keep it.
      totals: {
        capital: 1_425_000,
        interest: 0,
        sanction: 0,
        discount: 0,
        waivedInterest: 0,
        total: 1_425_000,
      },
    });
    expect(schedule(second!).map(([, amount]) => amount)).toEqual([
      285_000, 285_000, 285_000, 285_000, 285_000,
    ]);
  });

  it('once the first date has passed the plan is not offered, unless late starts are allowed', () => {
    expect(agreementOffer(lines2026, '2026-04-10', deferrals2026).map((offer) => offer.planId)).toEqual([
      'cuotas-2026-segundo-semestre',
    ]);
    const [late] = agreementOffer(lines2026, '2026-04-10', deferrals2026, {
      lateStart: 'remainingInstalments',
    });
    expect(late!.planId).toBe('cuotas-2026-primer-semestre');
    expect(schedule(late!)).toEqual([
      ['2026-04-30', 475_000],
      ['2026-05-31', 475_000],
      ['2026-06-30', 475_000],
    ]);
  });

  it('in December the arrears facility of 2027 is offered for 2025 and 2026, with the interest financed', () => {
    const offers = agreementOffer([...lines2026, arrears2025], '2026-12-03', bucaramanga);
    expect(offers.map((offer) => offer.planId)).toEqual(['facilidad-cartera-2027']);
    const [offer] = offers;
    expect(offer!.vigencias).toEqual([2025, 2026]);
    expect(offer!.interestWaived).toBe(false);
    expect(offer!.totals.interest).toBeGreaterThan(0);
    expect(offer!.instalments.map((instalment) => instalment.dueDate)[0]).toBe('2027-01-31');
  });

  it('offers nothing for a debt no plan covers, or when nothing is owed', () => {
    expect(agreementOffer([arrears2025], '2026-02-15', deferrals2026)).toEqual([]);
    expect(
      agreementOffer(
        lines2026.map((line) => ({ ...line, amount: 0 })),
        '2026-02-15',
        deferrals2026,
      ),
    ).toEqual([]);
  });

  it('Decreto 678/2020 art. 6: 12 instalments without interest; interest accrued before the request is waived', () => {
    const line: DemandLine = {
      vigencia: 2020,
      concept: 'impuesto',
      amount: 1_200_000,
      dueDate: '2020-06-30',
      interestBearing: true,
    };
    const [offer] = agreementOffer([line], '2020-07-15', bucaramanga);
    // 15 days at (27 − 2) % / 366 on 1,200,000 = 12,295 → 12,000, not charged.
    expect(offer).toMatchObject({
      planId: 'decreto-678-art6-2020',
      totals: { capital: 1_200_000, interest: 0, waivedInterest: 12_000, total: 1_200_000 },
    });
    expect(offer!.instalments).toHaveLength(12);
    expect(offer!.instalments.every((instalment) => instalment.amount === 100_000)).toBe(true);
  });

  it('a plan that is not interest-free finances the interest accrued up to the request', () => {
    const rules = buildRuleSet({
      installmentPlans: [
        {
          id: 'facilidad-2024',
          label: 'Facilidad de pago 2024',
          vigencia: 2024,
          dueDates: ['2025-02-28', '2025-03-31', '2025-04-30'],
          interestFree: false,
          discountApplies: false,
          ...HYPOTHETICAL,
        },
      ],
    });
    const line: DemandLine = { ...arrears2025, vigencia: 2024, amount: 1_200_000, dueDate: '2024-06-30' };
    const [offer] = agreementOffer([line], '2025-01-30', rules);
    // 214 days at 25 % / 365 on 1,200,000 = 175,890 → 176,000.
    expect(offer!.totals).toMatchObject({ capital: 1_200_000, interest: 176_000, total: 1_376_000 });
    expect(schedule(offer!)).toEqual([
      ['2025-02-28', 458_000],
      ['2025-03-31', 458_000],
      ['2025-04-30', 460_000],
    ]);
  });

  it('a plan that keeps the discount finances the discounted capital', () => {
    const rules = buildRuleSet({
      installmentPlans: [
        {
          id: 'cuotas-con-descuento',
          label: 'Cuotas con descuento',
          vigencia: 2025,
          dueDates: ['2025-03-31', '2025-06-30'],
          interestFree: true,
          discountApplies: true,
          ...HYPOTHETICAL,
        },
      ],
    });
    const [offer] = agreementOffer(
      [{ ...lines2026[0]!, vigencia: 2025, dueDate: '2025-06-30' }],
      '2025-02-15',
      rules,
    );
    expect(offer!.totals).toMatchObject({ capital: 1_080_000, discount: 120_000, total: 1_080_000 });
  });
});

describe('validateAgreementRequest — Spanish errors naming the field', () => {
  const debt = [...lines2026, arrears2025];

  it('accepts a valid request, with fewer instalments when asked', () => {
    const result = validateAgreementRequest(
      { planId: 'cuotas-2026-primer-semestre', vigencias: [2026], instalments: 2 },
      debt,
      '2026-02-15',
      bucaramanga,
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(schedule(result.offer)).toEqual([
      ['2026-03-31', 712_000],
      ['2026-04-30', 713_000],
    ]);
  });

  it('an unknown plan', () => {
    expect(validateAgreementRequest({ planId: 'no-existe' }, debt, '2026-02-15', bucaramanga)).toEqual({
      ok: false,
      errors: [{ field: 'planId', message: 'El plan de pago «no-existe» no existe.' }],
    });
  });

  it('a vigencia the plan does not cover, one without balance, and instalments out of range, all at once', () => {
    const result = validateAgreementRequest(
      { planId: 'cuotas-2026-primer-semestre', vigencias: [2025, 2026, 2026], instalments: 5 },
      debt,
      '2026-02-15',
      bucaramanga,
    );
    expect(result).toEqual({
      ok: false,
      errors: [
        {
          field: 'vigencias[0]',
          message: 'La vigencia 2025 no está cubierta por el plan (cubre la vigencia 2026).',
        },
        { field: 'vigencias[2]', message: 'La vigencia 2026 está repetida.' },
        {
          field: 'instalments',
          message:
            'El número de cuotas debe ser un entero entre 1 y 4 para el plan «Pago diferido 2026, primer semestre (4 cuotas sin interés)».',
        },
      ],
    });
  });

  it('nothing owed in what the plan covers', () => {
    const paid = lines2026.map((line) => ({ ...line, amount: 0 }));
    expect(
      validateAgreementRequest({ planId: 'cuotas-2026-primer-semestre' }, paid, '2026-02-15', bucaramanga),
    ).toEqual({
      ok: false,
      errors: [
        {
          field: 'vigencias',
          message:
            'No hay saldo por pagar en la vigencia 2026 que cubre el plan «Pago diferido 2026, primer semestre (4 cuotas sin interés)».',
        },
      ],
    });
    const result = validateAgreementRequest(
      { planId: 'cuotas-2026-primer-semestre', vigencias: [2026], instalments: 0 },
      paid,
      '2026-02-15',
      bucaramanga,
    );
    expect(result.ok ? [] : result.errors.map((problem) => problem.field)).toEqual([
      'vigencias[0]',
      'instalments',
    ]);
    expect(result.ok ? '' : result.errors[0]!.message).toBe('La vigencia 2026 no tiene saldo por pagar.');
  });

  it('a plan whose first date has passed', () => {
    const result = validateAgreementRequest(
      { planId: 'cuotas-2026-primer-semestre' },
      debt,
      '2026-04-10',
      bucaramanga,
    );
    expect(result).toEqual({
      ok: false,
      errors: [
        {
          field: 'planId',
          message:
            'El plan «Pago diferido 2026, primer semestre (4 cuotas sin interés)» ya no admite solicitudes: su primera cuota vencía el 31 de marzo de 2026.',
        },
      ],
    });
  });
});

function firstSemesterAgreement(): PaymentAgreement {
  const [offer] = agreementOffer(lines2026, '2026-02-15', bucaramanga);
  return agreementFromOffer(offer!, {
    id: 'AP-1',
    subjectKey: '680010101000100010000',
    grantedOn: '2026-02-15',
  });
}

describe('agreementStatus', () => {
  const agreement = firstSemesterAgreement();
  const pay = (paidOn: string, amount: number): AgreementPayment => ({ paidOn, amount });

  it('vigente while the instalments are paid: interest suspended, next instalment named', () => {
    const status = agreementStatus(agreement, [pay('2026-03-30', 356_000)], '2026-04-15');
    expect(status).toMatchObject({
      status: 'vigente',
      paid: 356_000,
      balance: 1_069_000,
      interestSuspended: true,
      instalmentInDefault: null,
      reinstatedLines: [],
    });
    expect(status.instalments.map((row) => row.state)).toEqual([
      'pagada',
      'pendiente',
      'pendiente',
      'pendiente',
    ]);
    expect(status.explanation).toBe(
      'Acuerdo vigente: 1 de 4 cuotas pagadas; saldo $1.069.000. Próxima cuota: n.º 2 por $356.000, vence el 30 de abril de 2026. Mientras el acuerdo esté al día no se causan intereses sobre la deuda acordada.',
    );
  });

  it('still vigente within the 30 grace days, warning of the last day', () => {
    const status = agreementStatus(agreement, [pay('2026-03-30', 356_000)], '2026-05-30');
    expect(status.status).toBe('vigente');
    expect(status.instalmentInDefault).toMatchObject({
      number: 2,
      state: 'vencida',
      lastDayBeforeDefault: '2026-05-30',
    });
    expect(status.explanation).toContain('si no se paga a más tardar el 30 de mayo de 2026');
  });

  it('incumplido the day after: the unpaid debt is due again from the original due dates', () => {
    const status = agreementStatus(agreement, [pay('2026-03-30', 356_000)], '2026-05-31');
    expect(status).toMatchObject({
      status: 'incumplido',
      voidedOn: '2026-05-31',
      interestSuspended: false,
      instalmentInDefault: { number: 2, state: 'incumplida', pending: 356_000 },
    });
    // 356,000 imputed in proportion (Art. 804): 299,789 to the impuesto, 56,211 to the sobretasa.
    expect(status.reinstatedLines).toEqual([
      { vigencia: 2026, concept: 'impuesto', amount: 900_211, dueDate: '2026-06-30', interestBearing: true },
      {
        vigencia: 2026,
        concept: 'sobretasaAmbiental',
        amount: 168_789,
        dueDate: '2026-06-30',
        interestBearing: true,
      },
    ]);
    expect(status.explanation).toBe(
      'Acuerdo incumplido: la cuota n.º 2 (vencía el 30 de abril de 2026) seguía sin pagarse 30 días después. Desde el 31 de mayo de 2026 el acuerdo queda sin efecto y vuelve a ser exigible un saldo de $1.069.000, con intereses de mora desde los vencimientos originales.',
    );
    // 15 days after 30 June at 25 % / 366: 900,211 → 9,223 → 9,000; 168,789 → 1,729 → 2,000.
    const due = agreementBalanceDue(status, '2026-07-15', bucaramanga);
    expect(due.totals).toMatchObject({ interest: 11_000, total: 1_080_000 });
  });

  it('a voided deferral of 2020 owes interest from 30 June 2020, including the days before the request', () => {
    const line: DemandLine = {
      vigencia: 2020,
      concept: 'impuesto',
      amount: 1_200_000,
      dueDate: '2020-06-30',
      interestBearing: true,
    };
    const [offer] = agreementOffer([line], '2020-07-15', bucaramanga);
    const deferral = agreementFromOffer(offer!, { id: 'AP-2020', subjectKey: 'P', grantedOn: '2020-07-15' });
    const status = agreementStatus(
      deferral,
      [pay('2020-07-31', 100_000), pay('2020-08-31', 100_000)],
      '2020-10-31',
    );
    expect(status).toMatchObject({ status: 'incumplido', voidedOn: '2020-10-31' });
    expect(status.reinstatedLines.map((row) => row.amount)).toEqual([1_000_000]);
    // 123 days (1 Jul – 31 Oct) at 25 % / 366 on 1,000,000 = 84,016 → 84,000.
    expect(agreementBalanceDue(status, '2020-10-31', bucaramanga).totals.total).toBe(1_084_000);
  });

  it('cumplido when every instalment is covered, even one paid late within the grace days', () => {
    const onTime = [
      pay('2026-03-31', 356_000),
      pay('2026-05-20', 356_000),
      pay('2026-05-31', 356_000),
      pay('2026-06-30', 357_000),
    ];
    const status = agreementStatus(agreement, onTime, '2026-07-15');
    expect(status).toMatchObject({
      status: 'cumplido',
      balance: 0,
      fulfilledOn: '2026-06-30',
      interestSuspended: false,
    });
    expect(status.explanation).toBe(
      'Acuerdo cumplido: las 4 cuotas quedaron pagadas el 30 de junio de 2026.',
    );
    expect(agreementStatus(agreement, [pay('2026-03-01', 1_425_000)], '2026-03-02').fulfilledOn).toBe(
      '2026-03-01',
    );
  });

  it('ignores payments after asOf and reports payments made after the void apart', () => {
    expect(
      agreementStatus(agreement, [pay('2026-03-30', 356_000), pay('2026-05-01', 356_000)], '2026-04-20').paid,
    ).toBe(356_000);
    const status = agreementStatus(
      agreement,
      [pay('2026-03-30', 356_000), pay('2026-06-10', 500_000)],
      '2026-06-15',
    );
    expect(status).toMatchObject({ status: 'incumplido', paid: 856_000, paidAfterVoid: 500_000 });
    expect(status.reinstatedLines.map((row) => row.amount)).toEqual([900_211, 168_789]);
  });

  it('the grace days are configurable', () => {
    const status = agreementStatus(agreement, [pay('2026-03-30', 356_000)], '2026-05-01', { graceDays: 0 });
    expect(status).toMatchObject({ status: 'incumplido', voidedOn: '2026-05-01' });
    expect(() => agreementStatus(agreement, [], '2026-05-01', { graceDays: -1 })).toThrow(
      expect.objectContaining({ field: 'voidRule.graceDays' }),
    );
    expect(() => agreementStatus(agreement, [pay('2026-03-30', -1)], '2026-05-01')).toThrow(
      expect.objectContaining({ field: 'payments[0].amount' }),
    );
  });

  it('the record survives JSON: same status from the stored copy', () => {
    const stored = JSON.parse(JSON.stringify(agreement)) as PaymentAgreement;
    expect(stored).toEqual(agreement);
    const payments = [pay('2026-03-30', 356_000)];
    expect(agreementStatus(stored, payments, '2026-06-01')).toEqual(
      agreementStatus(agreement, payments, '2026-06-01'),
    );
  });
});

describe('agreementStatus — properties', () => {
  const agreement = firstSemesterAgreement();
  const day = (from: string, to: string) =>
    fc.integer({ min: dayNumber(from), max: dayNumber(to) }).map(dateOf);
  const payments = fc.array(
    fc.record({
      paidOn: day('2026-02-15', '2027-01-31'),
      amount: fc.integer({ min: 0, max: 600 }).map((k) => k * 1000),
    }),
    { maxLength: 6 },
  );

  it('figures add up and each status means what it says', () => {
    fc.assert(
      fc.property(payments, day('2026-02-15', '2027-03-31'), (paid, asOf) => {
        const status = agreementStatus(agreement, paid, asOf);
        const total = agreement.totals.total;
        const counted = paid.filter((row) => row.paidOn <= asOf).reduce((sum, row) => sum + row.amount, 0);
        expect(status.paid).toBe(counted);
        expect(status.balance).toBe(Math.max(0, total - counted));
        expect(status.instalments.reduce((sum, row) => sum + row.paid, 0)).toBe(Math.min(counted, total));
        if (status.status === 'cumplido') {
          expect(status.balance).toBe(0);
          expect(status.instalments.every((row) => row.state === 'pagada')).toBe(true);
        }
        if (status.status === 'vigente') {
          expect(status.interestSuspended).toBe(true);
          expect(status.instalments.some((row) => row.state === 'incumplida')).toBe(false);
        }
        if (status.status === 'incumplido') {
          const voided = status.voidedOn!;
          expect(voided <= asOf).toBe(true);
          const before = paid.filter((row) => row.paidOn < voided).reduce((sum, row) => sum + row.amount, 0);
          // Interest-free plan without discount: what is owed again is exactly what was not paid before the void.
          expect(status.reinstatedLines.reduce((sum, row) => sum + row.amount, 0)).toBe(
            total - Math.min(before, total),
          );
          expect(status.paidAfterVoid).toBe(counted - before);
        }
      }),
    );
  });

  it('a default is final: later dates keep the same void date', () => {
    fc.assert(
      fc.property(
        payments,
        day('2026-02-15', '2027-03-31'),
        fc.integer({ min: 0, max: 200 }),
        (paid, asOf, later) => {
          const status = agreementStatus(agreement, paid, asOf);
          if (status.status !== 'incumplido') return;
          const afterwards = agreementStatus(agreement, paid, dateOf(dayNumber(asOf) + later));
          expect(afterwards.status).toBe('incumplido');
          expect(afterwards.voidedOn).toBe(status.voidedOn);
        },
      ),
    );
  });
});

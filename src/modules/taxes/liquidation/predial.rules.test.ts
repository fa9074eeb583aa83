import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { amountsDue } from './amounts-due.rules.ts';
import type { LiquidationError } from './liquidation.errors.ts';
import { liquidatePredial, type PredialFacts } from './predial.rules.ts';
import { compare, parseDecimal, ratio } from './rational.ts';
import { PREDIO_FLAGS, type PredioFlag } from './rule-set.ts';
import {
  bucaramangaRuleSet,
  buildRuleSet,
  buildRuleSetJson,
  HYPOTHETICAL,
} from './testdata/rule-set.factory.ts';

const amountOf = (lines: readonly { concept: string; amount: number }[], concept: string) =>
  lines.find((line) => line.concept === concept)?.amount;

describe('liquidatePredial — taxes.md §1.7 P1 (8 per mil, sobretasa 1.5 per mil, 10 % discount on the IPU)', () => {
  const rules = buildRuleSet();
  const liquidation = liquidatePredial({ avaluo: 150_000_000, destino: 'A', estrato: 3 }, 2025, rules);

  it('liquidates IPU 1,200,000 and sobretasa ambiental 225,000 as two demand lines', () => {
    expect(amountOf(liquidation.lines, 'impuesto')).toBe(1_200_000);
    expect(amountOf(liquidation.lines, 'sobretasaAmbiental')).toBe(225_000);
    expect(liquidation.detail.tariff?.perMil).toBe('8');
    expect(liquidation.detail.uncappedTax).toBe('1200000');
    expect(liquidation.lines.every((line) => line.dueDate === '2025-06-30' && line.interestBearing)).toBe(
      true,
    );
  });

  it('pays 1,305,000 with the discount (on the IPU only) and 1,425,000 without it', () => {
    const early = amountsDue(liquidation.lines, '2025-03-15', rules);
    expect(early.byConcept.impuesto.discount).toBe(120_000);
    expect(early.byConcept.sobretasaAmbiental.discount).toBe(0);
    expect(early.totals.total).toBe(1_305_000);

    const late = amountsDue(liquidation.lines, '2025-05-15', rules);
    expect(late.totals).toMatchObject({ discount: 0, interest: 0, total: 1_425_000 });
  });

  it('in the "porcentaje" mode (option A, 15 %) bills only the IPU and reports the CDMB transfer', () => {
    const percentRules = buildRuleSet({
      environmental: [{ vigencia: 2025, mode: 'porcentaje-transferido', percent: '15', ...HYPOTHETICAL }],
    });
    const result = liquidatePredial({ avaluo: 150_000_000, destino: 'A', estrato: 3 }, 2025, percentRules);
    expect(result.lines.map((line) => line.concept)).toEqual(['impuesto']);
    expect(result.detail.environmental).toMatchObject({
      mode: 'porcentaje-transferido',
      transferOnFullPayment: 180_000,
    });

    const withDiscount = amountsDue(result.lines, '2025-03-15', percentRules);
    expect(withDiscount.totals.total).toBe(1_080_000);
    expect(withDiscount.environmentalTransfers).toEqual([
      expect.objectContaining({ base: 1_080_000, amount: 162_000 }),
    ]);
    const withoutDiscount = amountsDue(result.lines, '2025-05-15', percentRules);
    expect(withoutDiscount.totals.total).toBe(1_200_000);
    expect(withoutDiscount.environmentalTransfers[0]?.amount).toBe(180_000);
  });

  it('explains every step in Spanish for the official', () => {
    expect(liquidation.explanation.join('\n')).toMatch(/Tarifa 8 por mil/);
    expect(liquidation.explanation.join('\n')).toMatch(/Sobretasa ambiental 1,5 por mil/);
    expect(liquidation.explanation.join('\n')).toMatch(/Vence el 2025-06-30/);
  });
});

describe('liquidatePredial — taxes.md §1.7 P2 (Ley 1995 limits, IPC 3.8 %, previous IPU 1,000,000, new IPU 1,500,000)', () => {
  const rules = buildRuleSet();
  // 187,500,000 × 8 / 1000 = 1,500,000; 135 SMMLV 2025 = 192,172,500, so the avalúo is within the estrato 1–2 bound.
  const base: PredialFacts = { avaluo: 187_500_000, impuestoAnterior: 1_000_000, destino: 'A', estrato: 4 };
  const taxOf = (facts: PredialFacts) => liquidatePredial(facts, 2025, rules);

  it('updated property, general: min(1,500,000; 1,000,000 × 1.118) = 1,118,000', () => {
    const result = taxOf(base);
    expect(result.detail.uncappedTax).toBe('1500000');
    expect(result.detail.cap).toMatchObject({
      status: 'aplicado',
      ruleId: 'general',
      increasePercent: '11.8',
      limit: '1118000',
    });
    expect(amountOf(result.lines, 'impuesto')).toBe(1_118_000);
  });

  it('estrato 1–2 with avalúo ≤ 135 SMMLV: min(1,500,000; 1,000,000 × 1.038) = 1,038,000', () => {
    const result = taxOf({ ...base, estrato: 2 });
    expect(result.detail.cap).toMatchObject({ status: 'aplicado', ruleId: 'estratos-1-2', limit: '1038000' });
    expect(amountOf(result.lines, 'impuesto')).toBe(1_038_000);
  });

  it('estrato 1–2 above 135 SMMLV falls back to the general limit', () => {
    const result = taxOf({ ...base, estrato: 2, avaluo: 200_000_000 });
    expect(result.detail.cap.ruleId).toBe('general');
    expect(amountOf(result.lines, 'impuesto')).toBe(1_118_000);
  });

  it('property not updated: min(1,500,000; 1,000,000 × 1.5) = 1,500,000', () => {
    const result = taxOf({ ...base, flags: ['avaluoNoActualizado'] });
    expect(result.detail.cap).toMatchObject({
      status: 'no-alcanzado',
      ruleId: 'no-actualizado',
      limit: '1500000',
    });
    expect(amountOf(result.lines, 'impuesto')).toBe(1_500_000);
  });

  it('urbanizable-not-urbanized lot: no cap → 1,500,000', () => {
    const result = taxOf({ ...base, destino: 'R', estrato: null });
    expect(result.detail.cap).toMatchObject({ status: 'excluido', ruleId: 'lotes' });
    expect(amountOf(result.lines, 'impuesto')).toBe(1_500_000);
  });

  it('new construction, first liquidation and a previous tax of 0 are not capped', () => {
    expect(taxOf({ ...base, flags: ['nuevaConstruccion'] }).detail.cap.status).toBe('excluido');
    expect(taxOf({ ...base, impuestoAnterior: null }).detail.cap.status).toBe('primera-liquidacion');
    expect(taxOf({ ...base, impuestoAnterior: 0 }).detail.cap.status).toBe('primera-liquidacion');
    expect(taxOf({ ...base, flags: ['primeraLiquidacion'] }).lines[0]?.amount).toBe(1_500_000);
  });

  it('the P4 vector 1,172,800 is a cap limit (IPC 9.28 % + 8): the tax is rounded down to 1,172,000, not up past the law', () => {
    // P4 only lists 1,172,800 → 1,173,000 as a rounding vector; as a Ley 1995 limit (1,000,000 × 1.1728)
    // rounding half-up would pass the ceiling, so the engine rounds down unless the row says otherwise.
    const { vigencia: _only2025, ...capRow } = (buildRuleSetJson().caps as Record<string, unknown>[])[0]!;
    const rulesFor2024 = (roundDownToLimit: boolean) =>
      buildRuleSet({
        tariffs: [
          { label: 'Tarifa única', vigencias: { from: 2024, to: 2025 }, perMil: '8', ...HYPOTHETICAL },
        ],
        caps: [{ ...capRow, vigencias: { from: 2024, to: 2024 }, roundDownToLimit }],
      });
    const result = liquidatePredial({ ...base, avaluo: 150_000_000 }, 2024, rulesFor2024(true));
    expect(result.detail.cap).toMatchObject({
      status: 'aplicado',
      limit: '1172800',
      roundedDownToRespectLimit: true,
    });
    expect(amountOf(result.lines, 'impuesto')).toBe(1_172_000);
    expect(
      liquidatePredial({ ...base, avaluo: 150_000_000 }, 2024, rulesFor2024(false)).lines[0]?.amount,
    ).toBe(1_173_000);
  });
});

describe('liquidatePredial — exemptions, errors and input checks', () => {
  it('an exemption sets the exempt concepts to 0 and says why', () => {
    const rules = buildRuleSet({
      exemptions: [
        {
          label: 'Avalúo hasta 16 SMMLV',
          vigencia: 2025,
          when: { avaluo: { unit: 'SMMLV', upTo: '16' } },
          concepts: ['impuesto'],
          ...HYPOTHETICAL,
        },
      ],
    });
    const small = liquidatePredial({ avaluo: 16 * 1_423_500, destino: 'A', estrato: 1 }, 2025, rules);
    expect(amountOf(small.lines, 'impuesto')).toBe(0);
    expect(amountOf(small.lines, 'sobretasaAmbiental')).toBe(34_000);
    expect(small.detail.exemptions[0]?.label).toBe('Avalúo hasta 16 SMMLV');
    const above = liquidatePredial({ avaluo: 16 * 1_423_500 + 1, destino: 'A', estrato: 1 }, 2025, rules);
    expect(amountOf(above.lines, 'impuesto')).toBe(182_000);
  });

  it('refuses a predio no tariff covers, and one two tariffs cover', () => {
    const none = buildRuleSet({
      tariffs: [
        {
          label: 'Solo habitacional',
          vigencia: 2025,
          when: { destinos: ['A'] },
          perMil: '8',
          ...HYPOTHETICAL,
        },
      ],
    });
    expect(() => liquidatePredial({ avaluo: 1_000_000, destino: 'C' }, 2025, none)).toThrow(
      expect.objectContaining({ code: 'TARIFA_NO_ENCONTRADA', status: 422 }),
    );
    const mixedUnits = buildRuleSet({
      tariffs: [
        {
          label: 'Hasta 2.000 UVT',
          vigencia: 2025,
          when: { avaluo: { unit: 'UVT', upTo: '2000' } },
          perMil: '8',
          ...HYPOTHETICAL,
        },
        {
          label: 'Desde 50 millones',
          vigencia: 2025,
          when: { avaluo: { unit: 'COP', above: '50000000' } },
          perMil: '9',
          ...HYPOTHETICAL,
        },
      ],
    });
    expect(() => liquidatePredial({ avaluo: 60_000_000, destino: 'A' }, 2025, mixedUnits)).toThrow(
      expect.objectContaining({ code: 'TARIFA_AMBIGUA' }),
    );
  });

  it('refuses impossible facts with a Spanish message naming the field', () => {
    const rules = buildRuleSet();
    const attempt = (facts: Partial<PredialFacts>) => {
      try {
        liquidatePredial({ avaluo: 1_000_000, destino: 'A', ...facts }, 2025, rules);
      } catch (error) {
        return error as LiquidationError;
      }
      throw new Error('no falló');
    };
    expect(attempt({ avaluo: -1 })).toMatchObject({ code: 'DATO_INVALIDO', field: 'avaluo', status: 400 });
    expect(attempt({ avaluo: 1.5 })).toMatchObject({ field: 'avaluo' });
    expect(attempt({ estrato: 7 })).toMatchObject({ field: 'estrato' });
    expect(attempt({ destino: ' ' })).toMatchObject({ field: 'destino' });
    expect(attempt({ flags: ['inventada' as PredioFlag] })).toMatchObject({ field: 'flags' });
    const noDueDate = buildRuleSet({ dueDates: [] });
    expect(() => liquidatePredial({ avaluo: 1_000_000, destino: 'A' }, 2025, noDueDate)).toThrow(
      expect.objectContaining({ code: 'VENCIMIENTO_NO_CONFIGURADO' }),
    );
  });

  it('accepts BigInt avalúos and keeps the product exact', () => {
    const rules = buildRuleSet({
      tariffs: [{ label: 'Tarifa fraccionaria', vigencia: 2025, perMil: '7.123', ...HYPOTHETICAL }],
    });
    const result = liquidatePredial({ avaluo: 9_876_543_211n, destino: 'A' }, 2025, rules);
    // 9,876,543,211 × 7.123 / 1000 = 70,350,617.291953 exactly, → 70,351,000.
    expect(result.detail.uncappedTax).toBe('70350617.291953');
    expect(result.lines[0]?.amount).toBe(70_351_000);
  });
});

describe('liquidatePredial — properties on the Bucaramanga rule set', () => {
  const rules = bucaramangaRuleSet();
  const destinos = ['0', 'A', 'B', 'C', 'D', 'E', 'F', 'I', 'L', 'R', 'S', 'T'];
  const facts = fc.record({
    destino: fc.constantFrom(...destinos),
    estrato: fc.integer({ min: 0, max: 6 }),
    impuestoAnterior: fc.option(fc.integer({ min: 0, max: 50_000_000 }), { nil: null }),
    flags: fc.subarray([...PREDIO_FLAGS].filter((flag) => flag !== 'exento')),
    zona: fc.constantFrom('urbana' as const, 'rural' as const),
    areaTerrenoM2: fc.integer({ min: 0, max: 3_000_000 }),
  });
  const vigencia = fc.integer({ min: 2020, max: 2026 });
  const avaluo = fc.integer({ min: 0, max: 5_000_000_000 });

  it('the tax is non-decreasing in the avalúo for the same destino, estrato and history', () => {
    fc.assert(
      fc.property(facts, vigencia, avaluo, avaluo, (predio, year, a, b) => {
        const [low, high] = a <= b ? [a, b] : [b, a];
        const taxLow = liquidatePredial({ ...predio, avaluo: low }, year, rules).lines[0]!.amount;
        const taxHigh = liquidatePredial({ ...predio, avaluo: high }, year, rules).lines[0]!.amount;
        expect(taxLow).toBeLessThanOrEqual(taxHigh);
      }),
    );
  });

  it('the impuesto never exceeds the limit when a limit applies, whatever the rounding mode', () => {
    const modes = fc.constantFrom('half-up' as const, 'up' as const, 'half-even' as const);
    fc.assert(
      fc.property(
        facts,
        vigencia,
        avaluo,
        fc.integer({ min: 1, max: 50_000_000 }),
        modes,
        (predio, year, value, previous, mode) => {
          const custom = { ...rules, rounding: [{ ...rules.rounding[0]!, default: { unit: 1000, mode } }] };
          const result = liquidatePredial(
            { ...predio, avaluo: value, impuestoAnterior: previous },
            year,
            custom,
          );
          const { cap } = result.detail;
          if (cap.limit !== null) {
            expect(compare(ratio(result.lines[0]!.amount), parseDecimal(cap.limit)!)).toBeLessThanOrEqual(0);
          }
          expect(['aplicado', 'no-alcanzado'].includes(cap.status)).toBe(cap.limit !== null);
        },
      ),
    );
  });

  it('every demand line is a non-negative integer number of pesos', () => {
    fc.assert(
      fc.property(facts, vigencia, avaluo, (predio, year, value) => {
        for (const line of liquidatePredial({ ...predio, avaluo: value }, year, rules).lines) {
          expect(Number.isSafeInteger(line.amount) && line.amount >= 0).toBe(true);
        }
      }),
    );
  });
});

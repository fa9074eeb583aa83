import { describe, expect, it } from 'vitest';
import { LiquidationError } from './liquidation.errors.ts';
import { ratio } from './rational.ts';
import { loadRuleSet, unconfirmedRules } from './rule-set.ts';
import {
  bucaramangaRuleSet,
  bucaramangaRuleSetJson,
  buildRuleSetJson,
  HYPOTHETICAL,
} from './testdata/rule-set.factory.ts';

function problemsOf(json: unknown): { path: string; message: string }[] {
  try {
    loadRuleSet(json);
  } catch (error) {
    expect(error).toBeInstanceOf(LiquidationError);
    expect((error as LiquidationError).code).toBe('REGLAS_INVALIDAS');
    expect((error as LiquidationError).status).toBe(422);
    return (error as LiquidationError).extra?.problems as { path: string; message: string }[];
  }
  throw new Error('las reglas se cargaron');
}

describe('loadRuleSet — config/rules/68001/predial.json', () => {
  const rules = bucaramangaRuleSet();

  it('loads Bucaramanga with data for every vigencia 2020–2026', () => {
    expect(rules.divipola).toBe('68001');
    for (let vigencia = 2020; vigencia <= 2026; vigencia++) {
      expect(rules.uvt.some((row) => row.year === vigencia)).toBe(true);
      expect(rules.dueDates.some((row) => row.vigencia === vigencia)).toBe(true);
      expect(
        rules.tariffs.some((row) => row.vigencias.from <= vigencia && vigencia <= row.vigencias.to),
      ).toBe(true);
      expect(
        rules.environmental.some((row) => row.vigencias.from <= vigencia && vigencia <= row.vigencias.to),
      ).toBe(true);
      expect(rules.discounts.some((row) => row.vigencias.from === vigencia)).toBe(true);
    }
  });

  it('keeps the values the domain notes give, with their tags', () => {
    expect(rules.uvt.find((row) => row.year === 2026)).toMatchObject({ value: 52_374, confidence: '[SEC]' });
    expect(rules.interestSettings[0]).toMatchObject({ dayCountBase: 366, pointsBelowUsury: ratio(2) });
    const decree = rules.reliefs.find((row) => row.id === 'decreto-678-2020-art7')!;
    expect(decree.windows.map((window) => [window.validTo, window.pay.capitalPercent])).toEqual([
      ['2020-10-31', ratio(80)],
      ['2020-12-31', ratio(90)],
      ['2021-05-31', ratio(100)],
    ]);
    expect(rules.caps[0]).toMatchObject({ vigencias: { from: 2020, to: 2024 }, confidence: '[SEC]' });
  });

  it('lists what an administrator must confirm: every [DEFAULT] and [MEM] row', () => {
    const unconfirmed = unconfirmedRules(rules);
    expect(
      unconfirmed.some((row) => row.path === 'moratoriumRates[0]' && row.confidence === '[DEFAULT]'),
    ).toBe(true);
    expect(unconfirmed.some((row) => row.path.startsWith('tariffs['))).toBe(true);
    expect(unconfirmed.some((row) => row.path.startsWith('uvt['))).toBe(false);
  });

  it('every row of the file carries a source and a confidence tag', () => {
    const json = bucaramangaRuleSetJson() as Record<string, unknown>;
    for (const [key, value] of Object.entries(json)) {
      if (!Array.isArray(value) || key === 'notes') continue;
      for (const row of value as Record<string, unknown>[]) {
        expect(typeof row.source, `${key}`).toBe('string');
        expect(row.confidence, `${key}`).toMatch(/^\[(LAW|SEC|INF|MEM|DEFAULT)\]$/);
      }
    }
  });
});

describe('loadRuleSet — validation in Spanish, naming the path', () => {
  it('names the field of a bad decimal, a bad date and a missing vigencia', () => {
    const problems = problemsOf(
      buildRuleSetJson({
        tariffs: [{ label: 'Mala', perMil: '8,5', ...HYPOTHETICAL }],
        dueDates: [{ vigencia: 2025, dueDate: '2025-02-30', ...HYPOTHETICAL }],
      }),
    );
    expect(problems).toEqual(
      expect.arrayContaining([
        { path: 'tariffs[0].perMil', message: expect.stringMatching(/no es un número decimal/) },
        { path: 'tariffs[0].vigencias', message: expect.stringMatching(/indique «vigencia»/) },
        { path: 'dueDates[0].dueDate', message: 'debe ser una fecha válida AAAA-MM-DD' },
      ]),
    );
  });

  it('uses Spanish messages for structural errors too, and lists them all in the detail', () => {
    try {
      loadRuleSet({
        ...buildRuleSetJson(),
        rounding: [{ default: { unit: 'mil', mode: 'half-up' } }],
        tarifas: [],
      });
    } catch (error) {
      const detail = (error as LiquidationError).detail;
      expect(detail).toMatch(/^Las reglas del predial no son válidas/);
      expect(detail).toMatch(/rounding\[0\]\.default\.unit: .*(esperaba|inválid)/i);
      expect(detail).toMatch(/rounding\[0\]\.validFrom/);
      expect(detail).toMatch(/tarifas/);
      return;
    }
    throw new Error('las reglas se cargaron');
  });

  it('refuses tariffs a predio could fall into twice, and overlapping rate periods', () => {
    const problems = problemsOf(
      buildRuleSetJson({
        tariffs: [
          {
            label: 'Estratos 1 a 3',
            vigencia: 2025,
            when: { destinos: ['A'], estratos: [1, 2, 3] },
            perMil: '6',
            ...HYPOTHETICAL,
          },
          {
            label: 'Estrato 3',
            vigencias: { from: 2024, to: 2026 },
            when: { estratos: [3] },
            perMil: '7',
            ...HYPOTHETICAL,
          },
          {
            label: 'Estrato 4',
            vigencia: 2025,
            when: { destinos: ['A'], estratos: [4] },
            perMil: '8',
            ...HYPOTHETICAL,
          },
        ],
        moratoriumRates: [
          { validFrom: '2025-01-01', validTo: '2025-01-31', usuryPercent: '27', ...HYPOTHETICAL },
          { validFrom: '2025-01-31', validTo: null, usuryPercent: '26', ...HYPOTHETICAL },
        ],
      }),
    );
    expect(problems.map((problem) => problem.path)).toEqual(['moratoriumRates[1].validFrom', 'tariffs[1]']);
  });

  it('accepts disjoint avalúo ranges of one destino (above is exclusive, upTo inclusive)', () => {
    expect(() =>
      loadRuleSet(
        buildRuleSetJson({
          tariffs: [
            {
              label: 'Hasta 2.000 UVT',
              vigencia: 2025,
              when: { avaluo: { unit: 'UVT', upTo: '2000' } },
              perMil: 9,
              ...HYPOTHETICAL,
            },
            {
              label: 'Más de 2.000 UVT',
              vigencia: 2025,
              when: { avaluo: { unit: 'UVT', above: '2000' } },
              perMil: 10.5,
              ...HYPOTHETICAL,
            },
          ],
        }),
      ),
    ).not.toThrow();
  });

  it('refuses percentages above 100 and a rate row with no rate', () => {
    const problems = problemsOf(
      buildRuleSetJson({
        moratoriumRates: [{ validFrom: '2025-01-01', validTo: null, ...HYPOTHETICAL }],
        discounts: [
          {
            id: 'x',
            label: 'x',
            vigencia: 2025,
            validFrom: '2025-01-01',
            validTo: '2025-03-31',
            percent: '110',
            ...HYPOTHETICAL,
          },
        ],
      }),
    );
    expect(problems.map((problem) => problem.path).sort()).toEqual([
      'discounts[0].percent',
      'moratoriumRates[0].usuryPercent',
    ]);
  });
});

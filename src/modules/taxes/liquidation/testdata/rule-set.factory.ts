import { readFileSync } from 'node:fs';
import { loadRuleSet, type RuleSet } from '../rule-set.ts';

const HYPOTHETICAL = {
  source: 'taxes.md §1.7/§2.7 (valores hipotéticos de los ejemplos)',
  confidence: '[INF]',
};

/**
 * A small rule set in JSON form for vigencia 2025 with the hypothetical rates of the worked examples:
 * tariff 8 per mil for every predio, sobretasa ambiental 1.5 per mil, 10 % discount on the impuesto until
 * 31 March, due date 30 June, IPC 2024 = 3.8 % (P2), usury 27 % → mora 25 % all year, base 365.
 * Top-level keys of `overrides` replace the defaults.
 */
export function buildRuleSetJson(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    schemaVersion: 1,
    divipola: '99999',
    municipality: 'Municipio de prueba',
    tax: 'predial',
    uvt: [{ year: 2025, value: 49799, ...HYPOTHETICAL }],
    smmlv: [{ year: 2025, value: 1423500, ...HYPOTHETICAL }],
    ipc: [
      { year: 2023, percent: '9.28', ...HYPOTHETICAL },
      { year: 2024, percent: '3.8', ...HYPOTHETICAL },
      { year: 2025, percent: '5.1', ...HYPOTHETICAL },
    ],
    rounding: [
      { validFrom: '2000-01-01', validTo: null, default: { unit: 1000, mode: 'half-up' }, ...HYPOTHETICAL },
    ],
    dueDates: [
      { vigencia: 2024, dueDate: '2024-06-30', ...HYPOTHETICAL },
      { vigencia: 2025, dueDate: '2025-06-30', ...HYPOTHETICAL },
    ],
    tariffs: [{ label: 'Tarifa única de prueba', vigencia: 2025, perMil: '8', ...HYPOTHETICAL }],
    environmental: [{ vigencia: 2025, mode: 'sobretasa-por-mil', perMil: '1.5', ...HYPOTHETICAL }],
    caps: [
      {
        legalBasis: 'Ley 1995 de 2019',
        vigencia: 2025,
        exclusions: [
          {
            id: 'lotes',
            label: 'Lotes urbanizables no urbanizados',
            when: { destinos: ['R', 'S'] },
            ...HYPOTHETICAL,
          },
          {
            id: 'nueva-construccion',
            label: 'Construcción nueva',
            when: { flags: ['nuevaConstruccion'] },
            ...HYPOTHETICAL,
          },
        ],
        limits: [
          {
            id: 'estratos-1-2',
            label: 'Estratos 1 y 2 hasta 135 SMMLV',
            when: { destinos: ['A'], estratos: [1, 2], avaluo: { unit: 'SMMLV', upTo: '135' } },
            increase: { ipcPlusPoints: '0' },
            ...HYPOTHETICAL,
          },
          {
            id: 'no-actualizado',
            label: 'No actualizado',
            when: { flags: ['avaluoNoActualizado'] },
            increase: { percent: '50' },
            ...HYPOTHETICAL,
          },
          { id: 'general', label: 'General', increase: { ipcPlusPoints: '8' }, ...HYPOTHETICAL },
        ],
        ...HYPOTHETICAL,
      },
    ],
    discounts: [
      {
        id: 'pronto-pago',
        label: 'Pronto pago',
        vigencia: 2025,
        validFrom: '2025-01-01',
        validTo: '2025-03-31',
        percent: '10',
        ...HYPOTHETICAL,
      },
    ],
    interestSettings: [
      { validFrom: '2000-01-01', validTo: null, dayCountBase: 365, pointsBelowUsury: '2', ...HYPOTHETICAL },
    ],
    moratoriumRates: [
      { validFrom: '2024-01-01', validTo: '2026-12-31', usuryPercent: '27.00', ...HYPOTHETICAL },
    ],
    sanctionUpdating: [{ validFrom: '2000-01-01', validTo: null, enabled: true, ...HYPOTHETICAL }],
    ...overrides,
  };
}

export const buildRuleSet = (overrides: Record<string, unknown> = {}): RuleSet =>
  loadRuleSet(buildRuleSetJson(overrides));

/** Bucaramanga's rule set as shipped in config/rules/68001/predial.json. */
export function bucaramangaRuleSetJson(): unknown {
  return JSON.parse(
    readFileSync(new URL('../../../../../config/rules/68001/predial.json', import.meta.url), 'utf8'),
  );
}

export const bucaramangaRuleSet = (): RuleSet => loadRuleSet(bucaramangaRuleSetJson());

export { HYPOTHETICAL };

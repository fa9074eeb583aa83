import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  bogotaDayEnd,
  bogotaDayStart,
  expedienteSeries,
  foliate,
  formatExpedienteCode,
  isValidIdempotencyKey,
  normalizeRadicado,
  retentionSchedule,
} from './correspondence.rules.ts';

describe('normalizeRadicado', () => {
  it('reads a radicado typed in any case, with or without leading zeros', () => {
    expect(normalizeRadicado(' 2026-ce-12 ')).toBe('2026-CE-000012');
    expect(normalizeRadicado('2026-CS-000001')).toBe('2026-CS-000001');
    expect(normalizeRadicado('2026-PQRSD-000123')).toBe('2026-PQRSD-000123');
    expect(normalizeRadicado('petición 2026')).toBeNull();
    expect(normalizeRadicado('2026-CE-1234567')).toBeNull();
  });
});

describe('isValidIdempotencyKey', () => {
  it('accepts UUIDs and refuses short keys, spaces and control characters', () => {
    expect(isValidIdempotencyKey('7d0e3a52-6d0c-4a5f-9c1e-2b6f0e3c9a11')).toBe(true);
    expect(isValidIdempotencyKey('corto')).toBe(false);
    expect(isValidIdempotencyKey('con espacios 1234')).toBe(false);
    expect(isValidIdempotencyKey('x'.repeat(81))).toBe(false);
    expect(isValidIdempotencyKey('abc\u0000defgh')).toBe(false);
  });
});

describe('expediente numbering', () => {
  it('uses one identifier series per TRD code, valid for the platform identifiers', () => {
    expect(expedienteSeries('140.20.1')).toBe('EXP140X20X1');
    expect(expedienteSeries('140.2.01')).not.toBe(expedienteSeries('140.20.1'));
    fc.assert(
      fc.property(fc.stringMatching(/^\d{1,4}\.\d{1,3}(\.\d{1,3})?$/), (code) =>
        /^[A-Z][A-Z0-9]{1,19}$/.test(expedienteSeries(code)),
      ),
    );
    expect(formatExpedienteCode(2026, '140.20.1', 3)).toBe('2026-140.20.1-0003');
    expect(formatExpedienteCode(2026, '1400.200.100', 12345).length).toBeLessThanOrEqual(40);
  });
});

describe('Bogotá days', () => {
  it('starts a day at 05:00 UTC and ends it 24 hours later', () => {
    expect(bogotaDayStart('2026-03-01').toISOString()).toBe('2026-03-01T05:00:00.000Z');
    expect(bogotaDayEnd('2026-03-01').toISOString()).toBe('2026-03-02T05:00:00.000Z');
  });
});

describe('foliate', () => {
  it('numbers folios across the expediente and skips documents without paper folios', () => {
    expect(foliate([{ folios: 3 }, { folios: 0 }, { folios: 2 }])).toEqual([
      { folios: 3, order: 1, folioStart: 1, folioEnd: 3 },
      { folios: 0, order: 2, folioStart: null, folioEnd: null },
      { folios: 2, order: 3, folioStart: 4, folioEnd: 5 },
    ]);
  });

  it('leaves no gap and no overlap whatever the folios', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 50 }), { maxLength: 30 }), (counts) => {
        const rows = foliate(counts.map((folios) => ({ folios })));
        let expected = 1;
        for (const row of rows) {
          if (row.folios === 0) continue;
          expect(row.folioStart).toBe(expected);
          expected += row.folios;
          expect(row.folioEnd).toBe(expected - 1);
        }
      }),
    );
  });
});

describe('retentionSchedule', () => {
  it('counts the archivo de gestión and then the archivo central from the closing year', () => {
    expect(retentionSchedule(2026, { gestion: 2, central: 3 })).toEqual({
      transferYear: 2028,
      dispositionYear: 2031,
    });
  });
});

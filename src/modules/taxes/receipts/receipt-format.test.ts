import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  formatCalendarDate,
  formatInstantBogota,
  formatList,
  formatPesos,
  formatSquareMetres,
  formatThousands,
  formatYears,
} from './receipt-format.ts';

describe('amounts', () => {
  it('groups thousands with dots, as es-CO', () => {
    expect(formatThousands(0)).toBe('0');
    expect(formatThousands(999)).toBe('999');
    expect(formatThousands(1000)).toBe('1.000');
    expect(formatThousands(1_305_000)).toBe('1.305.000');
    expect(formatThousands(-120_000)).toBe('-120.000');
    expect(formatPesos(1_234_000)).toBe('$ 1.234.000');
    expect(formatPesos(-5)).toBe('-$ 5');
  });

  it('agrees with Intl es-CO grouping for every safe integer', () => {
    const intl = new Intl.NumberFormat('es-CO', { useGrouping: 'always' } as Intl.NumberFormatOptions);
    fc.assert(
      fc.property(fc.integer({ min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }), (pesos) => {
        expect(formatThousands(pesos)).toBe(intl.format(pesos).replace('−', '-'));
      }),
    );
  });
});

describe('dates', () => {
  it('writes calendar dates in Spanish', () => {
    expect(formatCalendarDate('2026-03-31')).toBe('31 de marzo de 2026');
    expect(formatCalendarDate('2026-01-01')).toBe('1 de enero de 2026');
  });

  it('writes instants in Bogotá time (UTC−5, no daylight saving)', () => {
    expect(formatInstantBogota(new Date('2026-02-02T15:32:00Z'))).toBe('2 de febrero de 2026, 10:32 a. m.');
    expect(formatInstantBogota(new Date('2026-01-01T03:05:00Z'))).toBe(
      '31 de diciembre de 2025, 10:05 p. m.',
    );
    expect(formatInstantBogota(new Date('2026-07-10T17:00:00Z'))).toBe('10 de julio de 2026, 12:00 p. m.');
    expect(formatInstantBogota(new Date('2026-07-10T05:00:00Z'))).toBe('10 de julio de 2026, 12:00 a. m.');
  });
});

describe('lists', () => {
  it('joins with commas and a final «y»', () => {
    expect(formatList([2026])).toBe('2026');
    expect(formatList([2025, 2026])).toBe('2025 y 2026');
    expect(formatList(['a', 'b', 'c'])).toBe('a, b y c');
  });

  it('sorts vigencias and writes runs of three or more as ranges', () => {
    expect(formatYears([2026])).toBe('2026');
    expect(formatYears([2026, 2025])).toBe('2025 y 2026');
    expect(formatYears([2026, 2024, 2025, 2019])).toBe('2019 y 2024 a 2026');
    expect(formatYears([2011, 2012, 2013, 2015, 2016])).toBe('2011 a 2013, 2015 y 2016');
  });

  it('writes areas with up to two decimals', () => {
    expect(formatSquareMetres(62.5)).toBe('62,5 m²');
    expect(formatSquareMetres(84.35)).toBe('84,35 m²');
    expect(formatSquareMetres(1234)).toBe('1.234 m²');
    expect(formatSquareMetres(0)).toBe('0 m²');
  });
});

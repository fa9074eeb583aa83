import { describe, expect, it } from 'vitest';
import { isKnownTimeZone, parseFilingInstant, wallClockAt } from './filing-instant.ts';

describe('parseFilingInstant', () => {
  it.each([
    ['2026-07-10T17:00:00-05:00', '2026-07-10T22:00:00.000Z'],
    ['2026-07-10T17:00-05:00', '2026-07-10T22:00:00.000Z'],
    ['2026-07-10T22:00:00Z', '2026-07-10T22:00:00.000Z'],
    ['2026-07-10t22:00:00z', '2026-07-10T22:00:00.000Z'],
    ['2026-07-10T23:00:00+01:00', '2026-07-10T22:00:00.000Z'],
    ['2026-07-11T03:30:00+05:30', '2026-07-10T22:00:00.000Z'],
    ['2026-07-10T16:59:59.999999-05:00', '2026-07-10T21:59:59.999Z'],
    ['2026-07-10T16:59:59.5-05:00', '2026-07-10T21:59:59.500Z'],
    ['  2026-07-10T22:00:00Z  ', '2026-07-10T22:00:00.000Z'],
    ['2024-02-29T00:00:00-05:00', '2024-02-29T05:00:00.000Z'],
  ])('reads %s as %s', (text, iso) => {
    expect(parseFilingInstant(text).toISOString()).toBe(iso);
  });

  it('returns a valid Date unchanged', () => {
    const date = new Date('2026-07-10T22:00:00Z');
    expect(parseFilingInstant(date)).toBe(date);
  });

  it.each([
    '2026-07-10T22:00:00',
    '2026-07-10T22:00:00+0100',
    '2023-02-29T10:00:00Z',
    '2026-07-10T10:00:60Z',
  ])('refuses %s with a Spanish 400 on `filed`', (text) => {
    expect(() => parseFilingInstant(text)).toThrow(
      expect.objectContaining({ status: 400, code: 'FECHA_RADICACION_INVALIDA', field: 'filed' }),
    );
    expect(() => parseFilingInstant(text)).toThrow(/Fecha de radicación inválida/);
  });
});

describe('wallClockAt', () => {
  it('gives the local date and seconds since midnight', () => {
    expect(wallClockAt(new Date('2026-07-10T22:00:00Z'), 'America/Bogota')).toEqual({
      date: '2026-07-10',
      secondsOfDay: 17 * 3600,
    });
    expect(wallClockAt(new Date('2026-07-11T04:59:59Z'), 'America/Bogota')).toEqual({
      date: '2026-07-10',
      secondsOfDay: 23 * 3600 + 59 * 60 + 59,
    });
    expect(wallClockAt(new Date('2026-07-11T05:00:00Z'), 'America/Bogota')).toEqual({
      date: '2026-07-11',
      secondsOfDay: 0,
    });
  });

  it('knows real zones only', () => {
    expect(isKnownTimeZone('America/Bogota')).toBe(true);
    expect(isKnownTimeZone('America/Bucaramanga')).toBe(false);
  });
});

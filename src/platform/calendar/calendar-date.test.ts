import { describe, expect, it } from 'vitest';
import {
  CalendarInputError,
  formatBogota,
  fromDayNumber,
  isCalendarDate,
  parseCalendarDate,
  toBogotaDate,
  toDayNumber,
  weekdayOf,
} from './calendar-date.ts';

describe('parseCalendarDate', () => {
  it('accepts real dates, including 29 February of leap years', () => {
    expect(parseCalendarDate('2026-07-13')).toBe('2026-07-13');
    expect(parseCalendarDate('2024-02-29')).toBe('2024-02-29');
  });

  it.each([
    '2025-02-29',
    '2026-02-30',
    '2026-04-31',
    '2026-13-01',
    '2026-00-10',
    '2026-7-3',
    '20260713',
    '2026-07-13T00:00:00Z',
    ' 2026-07-13',
    'mañana',
    '',
  ])('rejects %j with a Spanish RangeError', (value) => {
    expect(() => parseCalendarDate(value)).toThrow(CalendarInputError);
    expect(() => parseCalendarDate(value)).toThrow(RangeError);
    expect(() => parseCalendarDate(value)).toThrow(/^Fecha inválida: .*Use el formato AAAA-MM-DD/);
  });

  it('isCalendarDate narrows without throwing', () => {
    expect(isCalendarDate('2026-12-31')).toBe(true);
    expect(isCalendarDate('2026-12-32')).toBe(false);
    expect(isCalendarDate(20261231)).toBe(false);
  });
});

describe('day numbers', () => {
  it('round-trip and give the right weekday', () => {
    expect(toDayNumber(parseCalendarDate('1970-01-01'))).toBe(0);
    expect(fromDayNumber(toDayNumber(parseCalendarDate('2026-07-13')))).toBe('2026-07-13');
    expect(weekdayOf(toDayNumber(parseCalendarDate('2026-07-13')))).toBe(1); // Monday
    expect(weekdayOf(toDayNumber(parseCalendarDate('1969-12-31')))).toBe(3); // Wednesday, before day 0
  });
});

describe('Bogotá time', () => {
  it('converts an instant to the calendar date in Bogotá (UTC−5)', () => {
    expect(toBogotaDate(new Date('2026-03-01T03:00:00Z'))).toBe('2026-02-28');
    expect(toBogotaDate(new Date('2026-03-01T04:59:59Z'))).toBe('2026-02-28');
    expect(toBogotaDate(new Date('2026-03-01T05:00:00Z'))).toBe('2026-03-01');
    expect(toBogotaDate(new Date('2027-01-01T04:00:00Z'))).toBe('2026-12-31');
  });

  it('formats an instant for people in es-CO, Bogotá time', () => {
    const text = formatBogota(new Date('2026-03-01T03:00:00Z')).replace(/\s/g, ' ');
    expect(text).toContain('28 de febrero de 2026');
    expect(text).toContain('10:00');
    expect(text).toMatch(/p\. ?m\./);
  });

  it('rejects an invalid instant', () => {
    expect(() => toBogotaDate(new Date('no es fecha'))).toThrow(CalendarInputError);
    expect(() => formatBogota(new Date(Number.NaN))).toThrow(/Instante inválido/);
  });
});

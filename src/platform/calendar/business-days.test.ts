import { describe, expect, it } from 'vitest';
import {
  addBusinessDays,
  businessDaysBetween,
  isBusinessDay,
  listHolidays,
  nextBusinessDay,
} from './business-days.ts';
import { CalendarInputError } from './calendar-date.ts';

// Every expected value below was counted by hand on a 2026–2027 calendar.
describe('isBusinessDay', () => {
  it.each([
    ['2026-07-08', true], // Wednesday
    ['2026-07-09', true], // Chiquinquirá's own date, but in 2026 it is moved to Monday the 13th
    ['2026-07-11', false], // Saturday
    ['2026-07-12', false], // Sunday
    ['2026-07-13', false], // Chiquinquirá (Ley 2578 de 2026)
    ['2025-07-09', true], // before Ley 2578
    ['2025-07-14', true],
    ['2026-04-02', false], // Jueves Santo
    ['2026-04-03', false], // Viernes Santo
    ['2026-12-25', false],
    ['2027-01-01', false],
    ['2027-01-06', true], // Reyes is moved to Monday 2027-01-11
    ['2027-01-11', false],
  ])('%s → %s', (date, expected) => {
    expect(isBusinessDay(date)).toBe(expected);
  });
});

describe('addBusinessDays', () => {
  it('skips the Chiquinquirá Monday: 3 business days after Wed 2026-07-08 is Tue 07-14', () => {
    // Thu 09 (1), Fri 10 (2), weekend, Mon 13 holiday, Tue 14 (3)
    expect(addBusinessDays('2026-07-08', 3)).toBe('2026-07-14');
  });

  it('counts 15 business days across San José and Semana Santa 2026', () => {
    // Mon 23 Mar San José; Thu 2 and Fri 3 Apr Semana Santa.
    // 24,25,26,27 (4) · 30,31 Mar, 1 Apr (7) · 6–10 Apr (12) · 13,14,15 (15)
    expect(addBusinessDays('2026-03-20', 15)).toBe('2026-04-15');
    // 27 (1) · 30,31, 1 Apr (4) · 6–10 (9) · 13–17 (14) · 20 (15)
    expect(addBusinessDays('2026-03-26', 15)).toBe('2026-04-20');
  });

  it('crosses Navidad 2026, Año Nuevo and Reyes 2027', () => {
    // 23,24 (2) · 25 holiday · 28–31 (6) · 1 Jan holiday · 4,5,6,7 (10) · 8 (11) · 11 Reyes · 12,13 (13)
    expect(addBusinessDays('2026-12-22', 10)).toBe('2027-01-07');
    expect(addBusinessDays('2026-12-22', 13)).toBe('2027-01-13');
  });

  it('n = 0 gives the same date if it is a business day, else the next business day', () => {
    expect(addBusinessDays('2026-07-14', 0)).toBe('2026-07-14');
    expect(addBusinessDays('2026-07-11', 0)).toBe('2026-07-14'); // Saturday → past Sunday and the holiday
    expect(addBusinessDays('2026-07-13', 0)).toBe('2026-07-14');
  });

  it('counts backwards for negative n', () => {
    expect(addBusinessDays('2026-07-14', -1)).toBe('2026-07-10');
    expect(addBusinessDays('2027-01-04', -2)).toBe('2026-12-30');
    expect(addBusinessDays('2026-04-06', -1)).toBe('2026-04-01');
  });

  it.each([1.5, Number.NaN, Number.POSITIVE_INFINITY])('rejects the non-integer count %s', (n) => {
    expect(() => addBusinessDays('2026-07-08', n)).toThrow(CalendarInputError);
    expect(() => addBusinessDays('2026-07-08', n)).toThrow(/debe ser un número entero/);
  });

  it('rejects invalid dates and refuses to walk out of the supported years', () => {
    expect(() => addBusinessDays('2026-02-30', 1)).toThrow(/^Fecha inválida/);
    expect(() => addBusinessDays('2099-12-31', 1)).toThrow(/^Año fuera del calendario soportado: 2100/);
    expect(() => addBusinessDays('1984-01-02', -1)).toThrow(/^Año fuera del calendario soportado: 1983/);
  });
});

describe('nextBusinessDay', () => {
  it('is the first business day strictly after the date', () => {
    expect(nextBusinessDay('2026-07-10')).toBe('2026-07-14');
    expect(nextBusinessDay('2026-04-01')).toBe('2026-04-06');
    expect(nextBusinessDay('2026-07-14')).toBe('2026-07-15');
  });
});

describe('businessDaysBetween', () => {
  it('counts business days d with from < d ≤ to', () => {
    expect(businessDaysBetween('2026-12-22', '2027-01-07')).toBe(10);
    expect(businessDaysBetween('2026-07-10', '2026-07-14')).toBe(1);
    expect(businessDaysBetween('2026-07-10', '2026-07-13')).toBe(0);
    expect(businessDaysBetween('2026-07-14', '2026-07-14')).toBe(0);
  });

  it('is negative when to is before from', () => {
    expect(businessDaysBetween('2027-01-07', '2026-12-22')).toBe(-10);
  });

  it('rejects invalid dates', () => {
    expect(() => businessDaysBetween('2026-07-10', '14/07/2026')).toThrow(CalendarInputError);
  });
});

describe('listHolidays', () => {
  it('gives the national holidays of the year', () => {
    expect(listHolidays(2027).map((h) => h.date)).toContain('2027-01-11');
    expect(listHolidays(2027)).toHaveLength(19);
  });
});

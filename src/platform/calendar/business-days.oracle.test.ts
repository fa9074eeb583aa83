// Cross-checks the calendar against an independent source, python-holidays (see testdata/SOURCE.md).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isBusinessDay, listHolidays } from './business-days.ts';
import { fromDayNumber, parseCalendarDate, toDayNumber, weekdayOf } from './calendar-date.ts';

const oracle: Record<string, string> = JSON.parse(
  readFileSync(new URL('./testdata/holidays-co-2020-2035.json', import.meta.url), 'utf8'),
);
const oracleDates = new Set(Object.keys(oracle));
const isWeekday = (date: string) => ![0, 6].includes(weekdayOf(toDayNumber(parseCalendarDate(date))));

describe('business days against python-holidays, 2020–2035', () => {
  it('agrees on every single date', () => {
    const first = toDayNumber(parseCalendarDate('2020-01-01'));
    const last = toDayNumber(parseCalendarDate('2035-12-31'));
    const disagreements: string[] = [];
    for (let dayNumber = first; dayNumber <= last; dayNumber += 1) {
      const date = fromDayNumber(dayNumber);
      if (isBusinessDay(date) !== (isWeekday(date) && !oracleDates.has(date))) disagreements.push(date);
    }
    expect(disagreements).toEqual([]);
    expect(last - first + 1).toBe(5844); // 16 years, 4 of them leap years
  });

  it('lists the same holidays on weekdays, year by year', () => {
    for (let year = 2020; year <= 2035; year += 1) {
      const ours = new Set(listHolidays(year).map((h) => h.date));
      const theirs = [...oracleDates].filter((d) => d.startsWith(`${year}-`));
      expect([...ours].filter(isWeekday), String(year)).toEqual(theirs.filter(isWeekday));
    }
  });
});

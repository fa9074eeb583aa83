import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addBusinessDays, businessDaysBetween, isBusinessDay } from './business-days.ts';
import { fromDayNumber, parseCalendarDate, toDayNumber } from './calendar-date.ts';

const anyDate = fc
  .integer({
    min: toDayNumber(parseCalendarDate('2020-01-01')),
    max: toDayNumber(parseCalendarDate('2035-12-31')),
  })
  .map(fromDayNumber);
// n = 0 maps any date to a business day, so no dates are thrown away by filtering.
const anyBusinessDay = anyDate.map((date) => addBusinessDays(date, 0));

describe('business-day arithmetic properties', () => {
  it('businessDaysBetween undoes addBusinessDays from a business day', () => {
    fc.assert(
      fc.property(anyBusinessDay, fc.integer({ min: 0, max: 400 }), (day, n) => {
        expect(businessDaysBetween(day, addBusinessDays(day, n))).toBe(n);
      }),
    );
  });

  it('...also backwards', () => {
    fc.assert(
      fc.property(anyBusinessDay, fc.integer({ min: -400, max: 0 }), (day, n) => {
        expect(businessDaysBetween(day, addBusinessDays(day, n))).toBe(n);
      }),
    );
  });

  it('always lands on a business day, strictly after the start for n ≥ 1', () => {
    fc.assert(
      fc.property(anyDate, fc.integer({ min: 1, max: 400 }), (date, n) => {
        const result = addBusinessDays(date, n);
        expect(isBusinessDay(result)).toBe(true);
        expect(result > date).toBe(true);
      }),
    );
  });

  it('is monotonic in n: non-decreasing from any date, strictly increasing from a business day', () => {
    fc.assert(
      fc.property(anyDate, fc.integer({ min: -400, max: 399 }), (date, n) => {
        expect(addBusinessDays(date, n) <= addBusinessDays(date, n + 1)).toBe(true);
      }),
    );
    fc.assert(
      fc.property(anyBusinessDay, fc.integer({ min: -400, max: 399 }), (day, n) => {
        expect(addBusinessDays(day, n) < addBusinessDays(day, n + 1)).toBe(true);
      }),
    );
  });

  it('from a non-business day, n = 0 and n = 1 give the same date (the documented n = 0 choice)', () => {
    fc.assert(
      fc.property(
        anyDate.filter((date) => !isBusinessDay(date)),
        (date) => {
          expect(addBusinessDays(date, 0)).toBe(addBusinessDays(date, 1));
        },
      ),
    );
  });

  it('composes: adding a then b equals adding a + b, from a business day', () => {
    fc.assert(
      fc.property(
        anyBusinessDay,
        fc.integer({ min: -200, max: 200 }),
        fc.integer({ min: -200, max: 200 }),
        (day, a, b) => {
          expect(addBusinessDays(addBusinessDays(day, a), b)).toBe(addBusinessDays(day, a + b));
        },
      ),
    );
  });
});

// Properties of the PQRSD due date, checked against an independent holiday list (python-holidays, the
// calendar's own oracle in src/platform/calendar/testdata) rather than against the calendar functions used.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PQRSD_TYPES, pqrsdDueDate, readPqrsdTerms } from './pqrsd-terms.ts';

const rules = readPqrsdTerms();
const holidays = new Set(
  Object.keys(
    JSON.parse(
      readFileSync(
        new URL('../../../platform/calendar/testdata/holidays-co-2020-2035.json', import.meta.url),
        'utf8',
      ),
    ),
  ),
);

const MS_PER_DAY = 86_400_000;
const HOUR = 3_600_000;
/** Bogotá has kept UTC−5 without daylight saving since 1993, so its wall clock is plain arithmetic. */
const BOGOTA_OFFSET_MS = -5 * HOUR;

const dayNumber = (date: string) => Date.parse(`${date}T00:00:00Z`) / MS_PER_DAY;
const dateOf = (day: number) => new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
const isBusiness = (date: string) => {
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6 && !holidays.has(date);
};
const businessDaysFromTo = (first: string, last: string) => {
  let count = 0;
  for (let day = dayNumber(first); day <= dayNumber(last); day++) if (isBusiness(dateOf(day))) count++;
  return count;
};

// Filings from 2020 to October 2035, so even a 35-day term ends inside the oracle's years.
const anyInstant = fc.integer({
  min: Date.parse('2020-01-01T05:00:00Z'),
  max: Date.parse('2035-10-31T00:00:00Z'),
});
// Whole seconds around closing time are where off-by-one mistakes live, so weight them in.
const nearClosing = fc
  .tuple(
    fc.integer({ min: dayNumber('2020-01-01'), max: dayNumber('2035-10-30') }),
    fc.integer({ min: -3, max: 2 }),
  )
  .map(([day, seconds]) => day * MS_PER_DAY + 22 * HOUR + seconds * 1000);
const instant = fc.oneof(anyInstant, nearClosing);
const anyType = fc.constantFrom(...PQRSD_TYPES);
// Real offsets in quarter hours, −12:00 … +14:00.
const anyOffsetMinutes = fc.integer({ min: -48, max: 56 }).map((quarters) => quarters * 15);

const pad = (n: number) => String(n).padStart(2, '0');
function isoAt(ms: number, offsetMinutes: number): string {
  const local = new Date(ms + offsetMinutes * 60_000).toISOString().slice(0, 23);
  const abs = Math.abs(offsetMinutes);
  return `${local}${offsetMinutes < 0 ? '-' : '+'}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

describe('pqrsdDueDate properties (2020–2035)', () => {
  it('due date is a business day, after startsOn, which is after filedOn, which is not before the receipt', () => {
    fc.assert(
      fc.property(instant, anyType, (ms, type) => {
        const result = pqrsdDueDate({ type, filedAt: new Date(ms) }, rules);
        expect(isBusiness(result.dueDate)).toBe(true);
        expect(isBusiness(result.filedOn)).toBe(true);
        expect(result.dueDate > result.startsOn).toBe(true);
        expect(result.startsOn > result.filedOn).toBe(true);
        expect(result.filedOn >= result.receivedOn).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('counting business days from startsOn to dueDate, both included, gives termDays', () => {
    fc.assert(
      fc.property(instant, anyType, (ms, type) => {
        const result = pqrsdDueDate({ type, filedAt: new Date(ms) }, rules);
        expect(businessDaysFromTo(result.startsOn, result.dueDate)).toBe(result.termDays);
        // startsOn is the very next business day: nothing in between filedOn and it counts.
        expect(businessDaysFromTo(dateOf(dayNumber(result.filedOn) + 1), result.startsOn)).toBe(1);
      }),
      { numRuns: 500 },
    );
  });

  it('files on the receipt day only on a business day before 17:00 Bogotá; otherwise on the next business day', () => {
    fc.assert(
      fc.property(instant, anyType, (ms, type) => {
        const result = pqrsdDueDate({ type, filedAt: new Date(ms) }, rules);
        const wallClock = new Date(ms + BOGOTA_OFFSET_MS).toISOString();
        const receivedOn = wallClock.slice(0, 10);
        const beforeClosing = wallClock.slice(11, 19) < '17:00:00';
        expect(result.receivedOn).toBe(receivedOn);
        expect(result.filedAfterHours).toBe(isBusiness(receivedOn) && !beforeClosing);
        if (isBusiness(receivedOn) && beforeClosing) expect(result.filedOn).toBe(receivedOn);
        else expect(businessDaysFromTo(dateOf(dayNumber(receivedOn) + 1), result.filedOn)).toBe(1);
      }),
      { numRuns: 500 },
    );
  });

  it('applies the regime in force on the filing day and its term for the tipo', () => {
    fc.assert(
      fc.property(instant, anyType, (ms, type) => {
        const result = pqrsdDueDate({ type, filedAt: new Date(ms) }, rules);
        const emergency = result.filedOn >= '2020-03-28' && result.filedOn <= '2022-05-17';
        expect(result.regime).toBe(emergency ? 'decreto-491-2020' : 'ley-1755-2015');
        const expected = emergency
          ? ({ documentos: 20, consulta: 35 }[type as string] ?? 30)
          : ({ documentos: 10, consulta: 30 }[type as string] ?? 15);
        expect(result.termDays).toBe(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('gives the same answer for the same instant written with any UTC offset', () => {
    fc.assert(
      fc.property(instant, anyOffsetMinutes, anyType, (ms, offset, type) => {
        expect(pqrsdDueDate({ type, filedAt: isoAt(ms, offset) }, rules)).toEqual(
          pqrsdDueDate({ type, filedAt: new Date(ms) }, rules),
        );
      }),
      { numRuns: 300 },
    );
  });

  it('is monotonic: a later filing never has an earlier due date for the same tipo and regime', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 0, max: 40 * MS_PER_DAY }), anyType, (ms, later, type) => {
        const first = pqrsdDueDate({ type, filedAt: new Date(ms) }, rules);
        const second = pqrsdDueDate({ type, filedAt: new Date(ms + later) }, rules);
        expect(second.filedOn >= first.filedOn).toBe(true);
        if (first.regime === second.regime) expect(second.dueDate >= first.dueDate).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});

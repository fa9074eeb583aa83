// Business time on the Colombian calendar: which business day an instant counts for, office time between two
// instants, and the "axis" that turns instants into business time elapsed since a clock's start.
import {
  addBusinessDays,
  businessDaysBetween,
  type CalendarDate,
  isBusinessDay,
  nextBusinessDay,
  toBogotaDate,
} from '../../calendar/index.ts';
import { bogotaInstant, endOfBogotaDay, minutesOfClockTime } from './bogota-time.ts';
import type { BusinessDuration, OfficeHours, Sla } from './clock.types.ts';

export const MS_PER_HOUR = 3_600_000;

/** Office hours as minutes after midnight (Bogotá). */
export interface OfficeWindow {
  readonly startMinute: number;
  readonly endMinute: number;
}

/** Assumes validated hours (see clock.rules.ts). */
export function officeWindowOf(hours: OfficeHours): OfficeWindow {
  return { startMinute: minutesOfClockTime(hours.start)!, endMinute: minutesOfClockTime(hours.end)! };
}

/**
 * The business day an instant counts for, as a radicación does: its Bogotá date when that is a business day
 * and the instant is before closing time, otherwise the next business day.
 */
export function countingDay(instant: Date, closesAtMinute: number | null): CalendarDate {
  const date = toBogotaDate(instant);
  const beforeClosing = closesAtMinute === null || instant < bogotaInstant(date, closesAtMinute);
  return isBusinessDay(date) && beforeClosing ? date : nextBusinessDay(date);
}

/** Calls `visit` with each business day's office window, from the day of `from` on, until it returns false. */
function eachOfficeWindow(
  from: Date,
  window: OfficeWindow,
  visit: (opens: number, closes: number) => boolean,
) {
  let day = addBusinessDays(toBogotaDate(from), 0);
  for (;;) {
    const opens = bogotaInstant(day, window.startMinute).getTime();
    const closes = bogotaInstant(day, window.endMinute).getTime();
    if (!visit(opens, closes)) return;
    day = nextBusinessDay(day);
  }
}

/** Milliseconds of office hours on business days within [from, to); 0 when to ≤ from. */
export function officeTimeBetween(from: Date, to: Date, window: OfficeWindow): number {
  const start = from.getTime();
  const end = to.getTime();
  let total = 0;
  if (end <= start) return 0;
  eachOfficeWindow(from, window, (opens, closes) => {
    if (opens >= end) return false;
    total += Math.max(0, Math.min(closes, end) - Math.max(opens, start));
    return true;
  });
  return total;
}

/**
 * The earliest instant t ≥ from with officeTimeBetween(from, t) = ms. A term that runs out exactly at
 * closing time ends then (17:00), not at the next opening.
 */
export function addOfficeTime(from: Date, ms: number, window: OfficeWindow): Date {
  let remaining = ms;
  let result = from.getTime();
  if (remaining <= 0) return from;
  eachOfficeWindow(from, window, (opens, closes) => {
    const begin = Math.max(opens, from.getTime());
    const available = Math.max(0, closes - begin);
    if (available >= remaining) {
      result = begin + remaining;
      return false;
    }
    remaining -= available;
    return true;
  });
  return new Date(result);
}

/**
 * Business time since a clock's start under one SLA. Positions are numbers in the SLA's unit: business
 * days after the filing day, or milliseconds of office time after the start instant. Every event of the
 * history is read on the axis of the SLA in force now, which is what lets a new SLA keep the old pauses.
 */
export interface BusinessAxis {
  /** The SLA in axis units. */
  readonly amount: number;
  /** Where an event falls. Business days: a pause or resume counts for its counting day. */
  position(at: Date): number;
  /** How much business time has passed at `at` (business days: its calendar day counts as under way). */
  elapsedPosition(at: Date): number;
  /** The instant a position is reached: end of that business day, or the instant the office time runs out. */
  deadline(position: number): Date;
  duration(amount: number): BusinessDuration;
}

export function businessAxis(sla: Sla, startedAt: Date, closesAtMinute: number | null): BusinessAxis {
  if (sla.unit === 'businessDays') {
    // Filed on the counting day of the start; the term runs from the business day after it.
    const filedOn = countingDay(startedAt, closesAtMinute);
    return {
      amount: sla.amount,
      position: (at) => businessDaysBetween(filedOn, countingDay(at, closesAtMinute)),
      elapsedPosition: (at) => Math.max(0, businessDaysBetween(filedOn, toBogotaDate(at))),
      deadline: (position) => endOfBogotaDay(addBusinessDays(filedOn, position)),
      duration: (days) => ({ unit: 'businessDays', days }),
    };
  }
  const window = officeWindowOf(sla.hours);
  const since = (at: Date) => officeTimeBetween(startedAt, at, window);
  return {
    amount: sla.amount * MS_PER_HOUR,
    position: since,
    elapsedPosition: since,
    deadline: (position) => addOfficeTime(startedAt, position, window),
    duration: (milliseconds) => ({ unit: 'businessHours', milliseconds }),
  };
}

// Días hábiles: Monday to Friday that are not national holidays. All functions take and return plain
// `YYYY-MM-DD` dates and count in whole days, so the process time zone never matters.
import {
  type CalendarDate,
  CalendarInputError,
  fromDayNumber,
  parseCalendarDate,
  toDayNumber,
  weekdayOf,
} from './calendar-date.ts';
import { type Holiday, holidaysOf, isHoliday } from './holidays.ts';

const SUNDAY = 0;
const SATURDAY = 6;

function isBusinessDayNumber(dayNumber: number): boolean {
  const date = fromDayNumber(dayNumber);
  // Look the holiday up first so that dates outside the supported years always throw, weekends included.
  const holiday = isHoliday(date);
  const weekday = weekdayOf(dayNumber);
  return !holiday && weekday !== SATURDAY && weekday !== SUNDAY;
}

function parseDayCount(n: number): number {
  if (!Number.isSafeInteger(n)) {
    throw new CalendarInputError(`El número de días hábiles debe ser un número entero (recibido: ${n}).`);
  }
  return n;
}

export function isBusinessDay(date: string): boolean {
  return isBusinessDayNumber(toDayNumber(parseCalendarDate(date)));
}

/**
 * The n-th business day after `date` (n < 0: the |n|-th business day before it). `date` itself is never
 * counted, as in legal terms ("a partir del día siguiente").
 *
 * n = 0 returns `date` if it is a business day and otherwise the next one: "the first business day on or
 * after `date`", which moves a date falling on a weekend or holiday to the next business day. So, from a
 * non-business day, n = 0 and n = 1 give the same date; from a business day every n gives a different one.
 */
export function addBusinessDays(date: string, n: number): CalendarDate {
  let dayNumber = toDayNumber(parseCalendarDate(date));
  let remaining = parseDayCount(n);
  if (remaining === 0) {
    while (!isBusinessDayNumber(dayNumber)) dayNumber += 1;
    return fromDayNumber(dayNumber);
  }
  const step = remaining > 0 ? 1 : -1;
  while (remaining !== 0) {
    dayNumber += step;
    if (isBusinessDayNumber(dayNumber)) remaining -= step;
  }
  return fromDayNumber(dayNumber);
}

/** The first business day strictly after `date`. */
export function nextBusinessDay(date: string): CalendarDate {
  return addBusinessDays(date, 1);
}

/**
 * Number of business days d with from < d ≤ to, i.e. how many business days have elapsed from `from` to `to`;
 * negative (the same count for to < d ≤ from) when `to` is before `from`. For a business day d,
 * businessDaysBetween(d, addBusinessDays(d, n)) === n.
 */
export function businessDaysBetween(from: string, to: string): number {
  const start = toDayNumber(parseCalendarDate(from));
  const end = toDayNumber(parseCalendarDate(to));
  if (end < start) return -businessDaysBetween(to, from);
  let count = 0;
  for (let dayNumber = start + 1; dayNumber <= end; dayNumber += 1) {
    if (isBusinessDayNumber(dayNumber)) count += 1;
  }
  return count;
}

/** Colombian national holidays of `year`, in date order. */
export function listHolidays(year: number): readonly Holiday[] {
  return holidaysOf(year);
}

/** A plain calendar date `YYYY-MM-DD`: no time, no time zone. Only obtainable through validation. */
export type CalendarDate = string & { readonly __brand: 'CalendarDate' };

/** Invalid input to the calendar. The message is in Spanish and safe to show to the person who sent it. */
export class CalendarInputError extends RangeError {
  override readonly name = 'CalendarInputError';
}

const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
const MS_PER_DAY = 86_400_000;
const BOGOTA = 'America/Bogota';

export function isCalendarDate(value: unknown): value is CalendarDate {
  if (typeof value !== 'string' || !DATE_PATTERN.test(value)) return false;
  // Date.parse rolls impossible days over (2026-02-30 → 2026-03-02), so a round trip rejects them.
  const dayNumber = Date.parse(`${value}T00:00:00Z`) / MS_PER_DAY;
  return Number.isInteger(dayNumber) && fromDayNumber(dayNumber) === value;
}

/** Validates a `YYYY-MM-DD` string; throws CalendarInputError with a Spanish message otherwise. */
export function parseCalendarDate(value: string): CalendarDate {
  if (isCalendarDate(value)) return value;
  throw new CalendarInputError(
    `Fecha inválida: "${String(value)}". Use el formato AAAA-MM-DD con una fecha que exista en el calendario.`,
  );
}

/** Days since 1970-01-01, so date arithmetic is integer arithmetic, free of time zones and DST. */
export function toDayNumber(date: CalendarDate): number {
  return Date.parse(`${date}T00:00:00Z`) / MS_PER_DAY;
}

export function fromDayNumber(dayNumber: number): CalendarDate {
  return new Date(dayNumber * MS_PER_DAY).toISOString().slice(0, 10) as CalendarDate;
}

/** 0 = Sunday … 6 = Saturday. Day 0 (1970-01-01) was a Thursday. */
export function weekdayOf(dayNumber: number): number {
  return (((dayNumber + 4) % 7) + 7) % 7;
}

export function yearOf(date: CalendarDate): number {
  return Number(date.slice(0, 4));
}

const bogotaDateParts = new Intl.DateTimeFormat('en-US', {
  timeZone: BOGOTA,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  calendar: 'gregory',
  numberingSystem: 'latn',
});

const bogotaForPeople = new Intl.DateTimeFormat('es-CO', {
  timeZone: BOGOTA,
  dateStyle: 'long',
  timeStyle: 'short',
});

function assertValidInstant(instant: Date): void {
  if (!(instant instanceof Date) || Number.isNaN(instant.getTime())) {
    throw new CalendarInputError('Instante inválido: se esperaba una fecha y hora válida.');
  }
}

/** The calendar date in Bogotá at a given instant (e.g. 2026-03-01T03:00Z is still 2026-02-28 there). */
export function toBogotaDate(instant: Date): CalendarDate {
  assertValidInstant(instant);
  const parts = Object.fromEntries(bogotaDateParts.formatToParts(instant).map((p) => [p.type, p.value]));
  return parseCalendarDate(`${String(parts.year).padStart(4, '0')}-${parts.month}-${parts.day}`);
}

/** An instant as people in Colombia read it, e.g. "28 de febrero de 2026 a las 10:00 p. m." (hora de Bogotá). */
export function formatBogota(instant: Date): string {
  assertValidInstant(instant);
  return bogotaForPeople.format(instant);
}

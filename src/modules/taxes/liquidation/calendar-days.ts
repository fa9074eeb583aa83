import { invalidInput } from './liquidation.errors.ts';

/**
 * Calendar dates as `YYYY-MM-DD` strings and their day numbers (days since 1970-01-01). Dates here are
 * civil dates in Bogotá; no time of day and no time zone is involved, so UTC arithmetic is exact.
 */
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

export function isValidDate(text: string): boolean {
  const match = DATE.exec(text);
  if (!match) return false;
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** Day number of a date; throws a Spanish `DATO_INVALIDO` naming `field` when the text is not a date. */
export function dayNumber(date: string, field = 'fecha'): number {
  if (!isValidDate(date)) throw invalidInput(field, `«${date}» no es una fecha válida AAAA-MM-DD.`);
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d) / MS_PER_DAY;
}

export function dateOf(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

export const yearOf = (date: string) => Number(date.slice(0, 4));
export const isLeapYear = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
export const daysInYear = (year: number) => (isLeapYear(year) ? 366 : 365);

/** Same month and day `years` later; 29 February falls back to 28 February in a common year. */
export function addYears(date: string, years: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const target = y + years;
  const day = m === 2 && d === 29 && !isLeapYear(target) ? 28 : d;
  return `${String(target).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

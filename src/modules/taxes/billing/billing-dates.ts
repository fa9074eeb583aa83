import { dateOf, dayNumber } from '../liquidation/index.ts';

/**
 * Civil dates as `YYYY-MM-DD` (Bogotá, no time of day), on top of the liquidation's day numbers.
 * Invalid text throws the liquidation's Spanish `DATO_INVALIDO` naming the field.
 */

export const addDays = (date: string, days: number, field = 'fecha'): string =>
  dateOf(dayNumber(date, field) + days);

/** Last day of the date's month: 2026-02-10 → 2026-02-28. */
export function endOfMonth(date: string, field = 'fecha'): string {
  dayNumber(date, field);
  const [year, month] = date.split('-').map(Number) as [number, number];
  const firstOfNext = month === 12 ? `${year + 1}-01-01` : `${year}-${String(month + 1).padStart(2, '0')}-01`;
  return addDays(firstOfNext, -1);
}

/** 31 December of the date's year. */
export function endOfYear(date: string, field = 'fecha'): string {
  dayNumber(date, field);
  return `${date.slice(0, 4)}-12-31`;
}

const MONTHS = [
  'enero',
  'febrero',
  'marzo',
  'abril',
  'mayo',
  'junio',
  'julio',
  'agosto',
  'septiembre',
  'octubre',
  'noviembre',
  'diciembre',
] as const;

/** 2026-03-31 → «31 de marzo de 2026», as a bill prints it. */
export function formatLongDate(date: string, field = 'fecha'): string {
  dayNumber(date, field);
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return `${day} de ${MONTHS[month - 1]} de ${year}`;
}

/** Decimal text of a percentage as people read it: "10" → «10 %», "12.5" → «12,5 %». */
export const formatPercent = (decimal: string) => `${decimal.replace('.', ',')} %`;

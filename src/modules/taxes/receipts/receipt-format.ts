/**
 * es-CO text of amounts and dates on the receipt. Hand-written instead of Intl because a receipt prints
 * dozens of them and these run in nanoseconds; the output is the es-CO convention (dot thousands).
 */

/** `1234000` → `1.234.000`; `-120000` → `-120.000`. Integer pesos only (validated before rendering). */
import { formatLongDate } from '../billing/billing-dates.ts';
export function formatThousands(pesos: number): string {
  const digits = Math.abs(pesos).toString();
  let grouped = '';
  for (let end = digits.length; end > 0; end -= 3) {
    const start = Math.max(0, end - 3);
    grouped = start === 0 ? digits.slice(start, end) + grouped : `.${digits.slice(start, end)}${grouped}`;
  }
  return pesos < 0 ? `-${grouped}` : grouped;
}

/** `1234000` → `$ 1.234.000`, as Colombian bills print totals. */
export function formatPesos(pesos: number): string {
  return pesos < 0 ? `-$ ${formatThousands(-pesos)}` : `$ ${formatThousands(pesos)}`;
}

/** `2026-03-31` → `31 de marzo de 2026`. The date is a calendar date (validated before rendering). */
export function formatCalendarDate(isoDate: string): string {
  return formatLongDate(isoDate);
}

const BOGOTA_OFFSET_MS = 5 * 60 * 60 * 1000; // Colombia keeps UTC−5 all year (no daylight saving).

/** An instant as `15 de marzo de 2026, 10:32 a. m.` in Bogotá. */
export function formatInstantBogota(instant: Date): string {
  const bogota = new Date(instant.getTime() - BOGOTA_OFFSET_MS);
  const day = bogota.toISOString().slice(0, 10);
  const hours = bogota.getUTCHours();
  const minutes = bogota.getUTCMinutes().toString().padStart(2, '0');
  const hour12 = hours % 12 === 0 ? 12 : hours % 12;
  return `${formatCalendarDate(day)}, ${hour12}:${minutes} ${hours < 12 ? 'a. m.' : 'p. m.'}`;
}

/** `[2024, 2025, 2026]` → `2024, 2025 y 2026`. */
export function formatList(items: readonly (string | number)[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} y ${items.at(-1)}`;
}

/** `[2026, 2024, 2025, 2019]` → `2019 y 2024 a 2026`: sorted, consecutive years as ranges. */
export function formatYears(years: readonly number[]): string {
  const sorted = [...new Set(years)].sort((a, b) => a - b);
  const ranges: string[] = [];
  for (let start = 0; start < sorted.length; ) {
    let end = start;
    while (end + 1 < sorted.length && sorted[end + 1] === (sorted[end] ?? 0) + 1) end++;
    const first = sorted[start];
    const last = sorted[end];
    ranges.push(end - start >= 2 ? `${first} a ${last}` : sorted.slice(start, end + 1).join(', '));
    start = end + 1;
  }
  return formatList(ranges.flatMap((range) => (range.includes(' a ') ? [range] : range.split(', '))));
}

/** Square metres with up to two decimals, es-CO: `1234.5` → `1.234,5 m²`. */
export function formatSquareMetres(area: number): string {
  const hundredths = Math.round(area * 100);
  const whole = formatThousands(Math.trunc(hundredths / 100));
  const fraction = (hundredths % 100).toString().padStart(2, '0').replace(/0+$/, '');
  return `${whole}${fraction ? `,${fraction}` : ''} m²`;
}

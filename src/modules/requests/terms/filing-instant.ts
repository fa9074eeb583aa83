// The instant a request reaches the entity, and the wall-clock day and time it was there. Offsets are
// required: a timestamp without one is ambiguous, and guessing the server's zone is how deadlines slip.
import { type CalendarDate, isCalendarDate, parseCalendarDate } from '../../../platform/calendar/index.ts';
import { PqrsdTermsError } from './pqrsd-terms.errors.ts';

// RFC 3339 / ISO 8601 extended format: 2026-07-10T16:59:59-05:00, 2026-07-10T21:59:59.5Z.
const ISO_WITH_OFFSET =
  /^(\d{4}-\d{2}-\d{2})[Tt](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(?:([Zz])|([+-])(\d{2}):(\d{2}))$/;
const MAX_OFFSET_MINUTES = 14 * 60;

const invalidFiling = (detail: string) => new PqrsdTermsError('FECHA_RADICACION_INVALIDA', detail, 'filed');

const FORMAT_HINT = 'Use fecha y hora ISO 8601 con zona horaria, p. ej. 2026-07-10T16:30:00-05:00.';

/** A Date, or an ISO-8601 timestamp that carries its UTC offset (Z or ±HH:MM). Throws a 400 on `filed`. */
export function parseFilingInstant(value: Date | string): Date {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime()))
      throw invalidFiling(`La fecha de radicación no es válida. ${FORMAT_HINT}`);
    return value;
  }
  if (typeof value !== 'string') {
    throw invalidFiling(`Falta la fecha de radicación. ${FORMAT_HINT}`);
  }
  const match = ISO_WITH_OFFSET.exec(value.trim());
  if (!match) {
    throw invalidFiling(`Fecha de radicación inválida: «${value}». ${FORMAT_HINT}`);
  }
  const [, date, hour, minute, second = '00', fraction = '', zulu, sign, offsetHours, offsetMinutes] = match;
  if (!isCalendarDate(date) || Number(hour) > 23 || Number(minute) > 59 || Number(second) > 59) {
    throw invalidFiling(
      `Fecha de radicación inválida: «${value}» no existe en el calendario. ${FORMAT_HINT}`,
    );
  }
  const offset = zulu ? 0 : (sign === '-' ? -1 : 1) * (Number(offsetHours) * 60 + Number(offsetMinutes));
  if (Number(offsetMinutes) > 59 || Math.abs(offset) > MAX_OFFSET_MINUTES) {
    throw invalidFiling(
      `Fecha de radicación inválida: la zona horaria de «${value}» no existe. ${FORMAT_HINT}`,
    );
  }
  // Milliseconds are enough: truncating never moves 16:59:59.9999 past a 17:00 closing time.
  const millis = fraction.padEnd(3, '0').slice(0, 3);
  const utc = Date.parse(`${date}T${hour}:${minute}:${second}.${millis}Z`);
  return new Date(utc - offset * 60_000);
}

/** The calendar date and the seconds since local midnight at `instant` in `timeZone`. */
export interface WallClock {
  readonly date: CalendarDate;
  readonly secondsOfDay: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
      calendar: 'gregory',
      numberingSystem: 'latn',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** True when the runtime knows the IANA zone (e.g. America/Bogota). */
export function isKnownTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

export function wallClockAt(instant: Date, timeZone: string): WallClock {
  const parts = Object.fromEntries(
    formatterFor(timeZone)
      .formatToParts(instant)
      .map((p) => [p.type, p.value]),
  );
  return {
    date: parseCalendarDate(`${String(parts.year).padStart(4, '0')}-${parts.month}-${parts.day}`),
    secondsOfDay: Number(parts.hour) * 3600 + Number(parts.minute) * 60 + Number(parts.second),
  };
}

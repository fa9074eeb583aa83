// Wall-clock times in Bogotá. Colombia has kept UTC−5 since 1993, but the calendar reaches back to 1984 and
// the 1992–93 daylight-saving year existed, so offsets come from the time-zone database, not a constant.
import type { CalendarDate } from '../../calendar/index.ts';

export const BOGOTA_TIME_ZONE = 'America/Bogota';

const MS_PER_MINUTE = 60_000;
const MINUTES_PER_DAY = 24 * 60;

const offsetFormatter = new Intl.DateTimeFormat('en-US', {
  timeZone: BOGOTA_TIME_ZONE,
  timeZoneName: 'longOffset',
});

/** UTC offset of Bogotá at an instant, in minutes ("GMT-05:00" → −300). */
function offsetMinutesAt(epochMs: number): number {
  const name = offsetFormatter.formatToParts(epochMs).find((part) => part.type === 'timeZoneName')?.value;
  const match = name ? /^GMT([+-])(\d{2}):(\d{2})$/.exec(name) : null;
  if (!match) return 0; // "GMT": no offset
  const [, sign, hours, minutes] = match;
  return (sign === '-' ? -1 : 1) * (Number(hours) * 60 + Number(minutes));
}

// Inbox pages ask for the same few wall-clock times (openings, closings, midnights) of the same days over and
// over, and the Intl lookup dominates the cost; a full cache is simply dropped.
const INSTANT_CACHE_LIMIT = 20_000;
const instantCache = new Map<string, number>();

/**
 * The instant at `minuteOfDay` minutes after midnight of `date` on Bogotá's wall clock; 1440 is the
 * midnight that ends the day.
 */
export function bogotaInstant(date: CalendarDate, minuteOfDay: number): Date {
  const key = `${date}|${minuteOfDay}`;
  let epochMs = instantCache.get(key);
  if (epochMs === undefined) {
    const wallAsUtc = Date.parse(`${date}T00:00:00Z`) + minuteOfDay * MS_PER_MINUTE;
    // Second pass: the offset at the first guess is right except within an hour of an offset change.
    const guess = wallAsUtc - offsetMinutesAt(wallAsUtc) * MS_PER_MINUTE;
    epochMs = wallAsUtc - offsetMinutesAt(guess) * MS_PER_MINUTE;
    if (instantCache.size >= INSTANT_CACHE_LIMIT) instantCache.clear();
    instantCache.set(key, epochMs);
  }
  return new Date(epochMs);
}

/** The last millisecond of `date` in Bogotá (23:59:59.999): a term "until the end of that day". */
export function endOfBogotaDay(date: CalendarDate): Date {
  return new Date(bogotaInstant(date, MINUTES_PER_DAY).getTime() - 1);
}

const CLOCK_TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** "HH:MM" (00:00–23:59) → minutes after midnight, or null when it is not such a time. */
export function minutesOfClockTime(value: unknown): number | null {
  if (typeof value !== 'string') return null;
  const match = CLOCK_TIME.exec(value);
  return match ? Number(match[1]) * 60 + Number(match[2]) : null;
}

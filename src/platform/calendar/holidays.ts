import Holidays from 'date-holidays';
import { type CalendarDate, CalendarInputError, parseCalendarDate, yearOf } from './calendar-date.ts';

/** A Colombian national holiday (día festivo) on the date it is actually observed. */
export interface Holiday {
  readonly date: CalendarDate;
  readonly name: string;
}

// date-holidays applies the Ley Emiliani (Ley 51 de 1983) Monday moves to every year, so it is only right from
// 1984, when that law took effect. The upper bound just keeps deadline arithmetic from wandering off.
export const FIRST_SUPPORTED_YEAR = 1984;
export const LAST_SUPPORTED_YEAR = 2099;

// Official Spanish names where date-holidays' Spanish names are wrong or informal, keyed by its rule.
// (It calls Ascension "La Asunción", the same name as the Assumption.)
const OFFICIAL_NAMES: Readonly<Record<string, string>> = {
  'easter 43': 'Ascensión del Señor',
  'monday after 08-15': 'Asunción de la Virgen',
  '12-08': 'Inmaculada Concepción',
  'monday after 07-09 since 2026': 'Nuestra Señora del Rosario de Chiquinquirá',
};

let library: Holidays | undefined;

function colombianHolidays(): Holidays {
  if (!library) {
    library = new Holidays('CO', { languages: ['es'], types: ['public'] });
    // date-holidays lists Easter Sunday as public, but it is not a national holiday under Colombian law.
    library.unsetRule('easter');
  }
  return library;
}

interface YearHolidays {
  readonly list: readonly Holiday[];
  readonly dates: ReadonlySet<string>;
}

const cache = new Map<number, YearHolidays>();

function yearHolidays(year: number): YearHolidays {
  if (!Number.isInteger(year) || year < FIRST_SUPPORTED_YEAR || year > LAST_SUPPORTED_YEAR) {
    throw new CalendarInputError(
      `Año fuera del calendario soportado: ${year}. Se admiten los años ${FIRST_SUPPORTED_YEAR} a ${LAST_SUPPORTED_YEAR}.`,
    );
  }
  let entry = cache.get(year);
  if (!entry) {
    // `date` is the local date in Colombia ("2026-07-13 00:00:00"), whatever the process time zone.
    const list = colombianHolidays()
      .getHolidays(year)
      .map((h) =>
        Object.freeze({
          date: parseCalendarDate(h.date.slice(0, 10)),
          name: OFFICIAL_NAMES[h.rule] ?? h.name,
        }),
      );
    entry = { list: Object.freeze(list), dates: new Set(list.map((h) => h.date)) };
    cache.set(year, entry);
  }
  return entry;
}

/** National holidays of a year, in date order (two may share a date, e.g. 2025-06-30). */
export function holidaysOf(year: number): readonly Holiday[] {
  return yearHolidays(year).list;
}

export function isHoliday(date: CalendarDate): boolean {
  return yearHolidays(yearOf(date)).dates.has(date);
}

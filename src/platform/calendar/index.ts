// Colombian business-day calendar (días hábiles) for legal deadlines. The CLI commands live in
// calendar.cli.ts and are wired by the application, not exported from here.
export {
  addBusinessDays,
  businessDaysBetween,
  isBusinessDay,
  listHolidays,
  nextBusinessDay,
} from './business-days.ts';
export {
  type CalendarDate,
  CalendarInputError,
  formatBogota,
  isCalendarDate,
  parseCalendarDate,
  toBogotaDate,
} from './calendar-date.ts';
export { FIRST_SUPPORTED_YEAR, type Holiday, LAST_SUPPORTED_YEAR } from './holidays.ts';

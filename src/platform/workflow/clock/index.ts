// The SLA clock of a workflow case (business days or office hours on the Colombian calendar), as pure
// functions of the case's append-only clock events. The engine stores the events; this folder reads them.
export { BOGOTA_TIME_ZONE } from './bogota-time.ts';
export { ClockError, type ClockErrorCode } from './clock.errors.ts';
export {
  appendClockEvent,
  clockState,
  DEFAULT_FILING_CLOSES_AT,
  dueCategory,
  MAX_SLA_BUSINESS_DAYS,
  MAX_SLA_BUSINESS_HOURS,
  validateClockEvents,
} from './clock.rules.ts';
export {
  type BusinessDaysSla,
  type BusinessDuration,
  type BusinessHoursSla,
  type ClockEvent,
  type ClockEventType,
  type ClockOptions,
  type ClockState,
  type ClockStatus,
  DUE_CATEGORIES,
  DUE_CATEGORY_LABELS,
  type DueCategory,
  type DueCategoryOptions,
  type OfficeHours,
  type PausedSpan,
  type Sla,
  type SlaUnit,
} from './clock.types.ts';

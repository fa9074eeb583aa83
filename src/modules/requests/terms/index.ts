// Legal terms and due dates of PQRSD (peticiones, quejas, reclamos, sugerencias y denuncias), from the dated
// national rules in config/rules/pqrsd-terms.json and the business-day calendar of src/platform/calendar.
export { isKnownTimeZone, parseFilingInstant, type WallClock, wallClockAt } from './filing-instant.ts';
export { PqrsdTermsError, type PqrsdTermsErrorCode } from './pqrsd-terms.errors.ts';
export {
  type FilingRule,
  isPqrsdType,
  loadPqrsdTerms,
  PQRSD_CONFIDENCE_TAGS,
  PQRSD_TERMS_FILE,
  PQRSD_TYPE_LABELS,
  PQRSD_TYPES,
  type PqrsdConfidence,
  type PqrsdDueDate,
  type PqrsdDueDateInput,
  type PqrsdProvenance,
  type PqrsdRegime,
  type PqrsdTerm,
  type PqrsdTermRules,
  type PqrsdType,
  parsePqrsdType,
  pqrsdDueDate,
  type RegimePeriod,
  readPqrsdTerms,
  regimeOn,
} from './pqrsd-terms.ts';

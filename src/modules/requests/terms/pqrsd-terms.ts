import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import {
  addBusinessDays,
  type CalendarDate,
  CalendarInputError,
  isBusinessDay,
  isCalendarDate,
} from '../../../platform/calendar/index.ts';
import {
  cachedRuleFileReader,
  type RuleIssue,
  validateRuleFile,
} from '../../../platform/config/rule-file.ts';
import { isKnownTimeZone, parseFilingInstant, wallClockAt } from './filing-instant.ts';
import { PqrsdTermsError } from './pqrsd-terms.errors.ts';

/**
 * Legal response terms of a PQRSD as dated data (config/rules/pqrsd-terms.json, national law). A request
 * is deemed filed on its radicación day, or on the next business day when it arrives on a non-business day
 * or after closing time; the term runs in business days from the day after, and the regime is the one in
 * force on that filing day (Ley 1755 de 2015, or Decreto 491 de 2020 from 28 March 2020 to 17 May 2022).
 */

// ---------------------------------------------------------------------------------------------------
// Types
// ---------------------------------------------------------------------------------------------------

export const PQRSD_TYPES = [
  'peticion',
  'documentos',
  'consulta',
  'queja',
  'reclamo',
  'sugerencia',
  'denuncia',
] as const;
export type PqrsdType = (typeof PQRSD_TYPES)[number];

/** How people read each tipo. */
export const PQRSD_TYPE_LABELS: Readonly<Record<PqrsdType, string>> = {
  peticion: 'Petición general',
  documentos: 'Petición de documentos e información',
  consulta: 'Consulta',
  queja: 'Queja',
  reclamo: 'Reclamo',
  sugerencia: 'Sugerencia',
  denuncia: 'Denuncia',
};

/** Confidence tags of shared/domain/public-services.md, plus [DEFAULT] for a value the notes do not give. */
export const PQRSD_CONFIDENCE_TAGS = ['[V]', '[P]', '[I]', '[DEFAULT]'] as const;
export type PqrsdConfidence = (typeof PQRSD_CONFIDENCE_TAGS)[number];

export interface PqrsdProvenance {
  /** Section of the domain notes and the legal act, e.g. "public-services.md §2.1; Ley 1755 de 2015, art. 14". */
  readonly source: string;
  readonly confidence: PqrsdConfidence;
  readonly notes?: string | undefined;
}

export interface FilingRule extends PqrsdProvenance {
  /** "HH:MM": a request received at or after this time counts as filed on the next business day; null = never. */
  readonly closesAt: string | null;
  /** IANA zone of the office clock and of every date in the result. */
  readonly timeZone: string;
}

export interface PqrsdTerm extends PqrsdProvenance {
  /** Business days (días hábiles) to answer, counted from the day after filing. */
  readonly days: number;
}

export interface PqrsdRegime extends PqrsdProvenance {
  /** Stable id each request records, e.g. "ley-1755-2015". */
  readonly id: string;
  readonly label: string;
  readonly terms: Readonly<Record<PqrsdType, PqrsdTerm>>;
}

/** Filing days validFrom…validTo (both included; validTo null while in force) answered by one regime. */
export interface RegimePeriod extends PqrsdProvenance {
  readonly regime: string;
  readonly validFrom: string;
  readonly validTo: string | null;
}

export interface PqrsdTermRules {
  readonly schemaVersion: 1;
  readonly rules: 'pqrsd-terms';
  readonly notes: readonly string[];
  readonly filing: FilingRule;
  readonly regimes: readonly PqrsdRegime[];
  readonly periods: readonly RegimePeriod[];
}

export interface PqrsdDueDateInput {
  readonly type: PqrsdType;
  /** A Date, or ISO 8601 with its offset: "2026-07-10T16:30:00-05:00", "2026-07-10T21:30:00Z". */
  readonly filedAt: Date | string;
}

export interface PqrsdDueDate {
  readonly regime: string;
  readonly regimeLabel: string;
  readonly termDays: number;
  /** Calendar day the request arrived, in the office's zone. */
  readonly receivedOn: CalendarDate;
  /** Day it counts as filed: receivedOn, or the next business day if that was not one or it was after hours. */
  readonly filedOn: CalendarDate;
  /** First day of the term: the business day after filedOn. */
  readonly startsOn: CalendarDate;
  /** Last day to answer: the termDays-th business day after filedOn. */
  readonly dueDate: CalendarDate;
  /** Arrived on a business day at or after closing time, so the office-hours rule moved it. */
  readonly filedAfterHours: boolean;
}

// ---------------------------------------------------------------------------------------------------
// Schema
// ---------------------------------------------------------------------------------------------------

const text = z.string().trim().min(1);
// abort: a wrong date is reported once, not again as a wrong validFrom/validTo order.
const dateText = z
  .string()
  .refine(isCalendarDate, { error: 'debe ser una fecha válida AAAA-MM-DD', abort: true });
const CLOCK_TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

const provenance = {
  source: text,
  confidence: z.enum(PQRSD_CONFIDENCE_TAGS),
  notes: z.string().optional(),
};

const term = z.strictObject({
  days: z.int().min(1, { error: 'un término tiene al menos 1 día hábil' }).max(365),
  ...provenance,
});

const filingRule = z.strictObject({
  closesAt: z
    .string()
    .regex(CLOCK_TIME, { error: 'debe ser una hora HH:MM de 00:00 a 23:59, o null' })
    .nullable(),
  timeZone: text.refine(isKnownTimeZone, {
    error: 'no es una zona horaria IANA conocida (p. ej. America/Bogota)',
  }),
  ...provenance,
});

const regime = z.strictObject({
  id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, {
    error: 'debe ser un identificador en minúsculas con guiones, p. ej. ley-1755-2015',
  }),
  label: text,
  // An enum key makes the record exhaustive: every tipo needs a term, and an unknown tipo is refused.
  terms: z.record(z.enum(PQRSD_TYPES), term),
  ...provenance,
});

const period = z
  .strictObject({ regime: text, validFrom: dateText, validTo: dateText.nullable(), ...provenance })
  .refine((row) => row.validTo === null || row.validFrom <= row.validTo, {
    error: '«validTo» no puede ser anterior a «validFrom»',
    path: ['validTo'],
  });

const schema = z.strictObject({
  $schema: z.string().optional(),
  schemaVersion: z.literal(1),
  rules: z.literal('pqrsd-terms', { error: 'debe ser "pqrsd-terms" (¿es el archivo de reglas correcto?)' }),
  notes: z.array(z.string()).default([]),
  filing: filingRule,
  regimes: z.array(regime).min(1),
  periods: z.array(period).min(1),
});

type Parsed = z.output<typeof schema>;
type Issue = RuleIssue;

const periodsOverlap = (a: RegimePeriod, b: RegimePeriod) =>
  (a.validTo === null || b.validFrom <= a.validTo) && (b.validTo === null || a.validFrom <= b.validTo);

/** Each regime id once, each period naming a regime, and each filing day answered by at most one period. */
function crossRowIssues(rules: Parsed): Issue[] {
  const issues: Issue[] = [];
  const ids = new Map<string, number>();
  rules.regimes.forEach((row, index) => {
    const first = ids.get(row.id);
    if (first !== undefined) {
      issues.push({
        path: ['regimes', index, 'id'],
        message: `el id «${row.id}» ya se usa en regimes[${first}]`,
      });
    } else ids.set(row.id, index);
  });
  rules.periods.forEach((row, index) => {
    if (!ids.has(row.regime)) {
      issues.push({
        path: ['periods', index, 'regime'],
        message: `no hay un régimen con id «${row.regime}» en «regimes»`,
      });
    }
    for (let earlier = 0; earlier < index; earlier++) {
      if (periodsOverlap(rules.periods[earlier]!, row)) {
        issues.push({
          path: ['periods', index, 'validFrom'],
          message: `sus fechas se solapan con periods[${earlier}]; cada día debe tener un solo régimen`,
        });
      }
    }
  });
  return issues;
}

/**
 * Validates the PQRSD term rules (parsed JSON). Throws `PqrsdTermsError('REGLAS_PQRSD_INVALIDAS')` whose
 * detail lists each problem as "path: Spanish message"; `extra.problems` carries them as `{ path, message }`.
 */
export function loadPqrsdTerms(json: unknown): PqrsdTermRules {
  const rules = validateRuleFile(schema, json, {
    label: 'Las reglas de términos de PQRSD no son válidas',
    crossRowIssues,
    fail(detail, field, problems) {
      throw new PqrsdTermsError('REGLAS_PQRSD_INVALIDAS', detail, field, { problems });
    },
  });
  return rules satisfies PqrsdTermRules;
}

// ---------------------------------------------------------------------------------------------------
// Reading the rule file
// ---------------------------------------------------------------------------------------------------

/** config/rules/pqrsd-terms.json: national law, one file for every municipality. */
export const PQRSD_TERMS_FILE = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../../config/rules/pqrsd-terms.json',
);

const readCached = cachedRuleFileReader({
  load: loadPqrsdTerms,
  missing: (file) =>
    new PqrsdTermsError(
      'REGLAS_PQRSD_FALTANTES',
      `No se pudo leer el archivo de términos de PQRSD: ${file}.`,
    ),
  notJson: (file, message) =>
    new PqrsdTermsError(
      'REGLAS_PQRSD_INVALIDAS',
      `El archivo de términos de PQRSD no es JSON válido (${file}): ${message}`,
    ),
});

/** The validated rule file, re-read when it changes (an official edited it). */
export function readPqrsdTerms(file = PQRSD_TERMS_FILE): PqrsdTermRules {
  return readCached(file);
}

// ---------------------------------------------------------------------------------------------------
// Due date
// ---------------------------------------------------------------------------------------------------

export function isPqrsdType(value: unknown): value is PqrsdType {
  return typeof value === 'string' && (PQRSD_TYPES as readonly string[]).includes(value);
}

/** Validates a tipo received from outside (CLI, form); throws a 400 on `type` otherwise. */
export function parsePqrsdType(value: unknown): PqrsdType {
  if (isPqrsdType(value)) return value;
  throw new PqrsdTermsError(
    'TIPO_PQRSD_INVALIDO',
    `Tipo de PQRSD inválido: «${String(value)}». Use uno de: ${PQRSD_TYPES.join(', ')}.`,
    'type',
  );
}

const secondsOfClock = (time: string) => Number(time.slice(0, 2)) * 3600 + Number(time.slice(3, 5)) * 60;

/** The period whose days include `filedOn`; the loader guarantees there is at most one. */
export function regimeOn(filedOn: string, rules: PqrsdTermRules): PqrsdRegime {
  const period = rules.periods.find(
    (row) => row.validFrom <= filedOn && (row.validTo === null || filedOn <= row.validTo),
  );
  const regime = period && rules.regimes.find((row) => row.id === period.regime);
  if (!regime) {
    const first = rules.periods.map((row) => row.validFrom).sort()[0];
    throw new PqrsdTermsError(
      'REGIMEN_NO_CONFIGURADO',
      `No hay términos de PQRSD configurados para una radicación del ${filedOn} (las reglas cubren desde el ${first}).`,
      'filed',
    );
  }
  return regime;
}

/**
 * Legal term and due date of a PQRSD. The term is counted in business days from the day after the
 * (effective) filing day, so the due date is the termDays-th business day after filedOn.
 */
export function pqrsdDueDate(input: PqrsdDueDateInput, rules: PqrsdTermRules): PqrsdDueDate {
  const type = parsePqrsdType(input.type);
  const instant = parseFilingInstant(input.filedAt);
  const { closesAt, timeZone } = rules.filing;
  try {
    const clock = wallClockAt(instant, timeZone);
    const receivedOn = clock.date;
    const onBusinessDay = isBusinessDay(receivedOn);
    const filedAfterHours =
      onBusinessDay && closesAt !== null && clock.secondsOfDay >= secondsOfClock(closesAt);
    // From a non-business day, addBusinessDays(d, 1) is the first business day after it.
    const filedOn = onBusinessDay && !filedAfterHours ? receivedOn : addBusinessDays(receivedOn, 1);
    const regime = regimeOn(filedOn, rules);
    const termDays = regime.terms[type].days;
    return {
      regime: regime.id,
      regimeLabel: regime.label,
      termDays,
      receivedOn,
      filedOn,
      startsOn: addBusinessDays(filedOn, 1),
      dueDate: addBusinessDays(filedOn, termDays),
      filedAfterHours,
    };
  } catch (error) {
    // The calendar covers 1984–2099; a date beyond it is a bad filing date, not a server fault.
    if (error instanceof CalendarInputError) {
      throw new PqrsdTermsError(
        'FECHA_RADICACION_INVALIDA',
        `Fecha de radicación fuera de rango: ${error.message}`,
        'filed',
      );
    }
    throw error;
  }
}

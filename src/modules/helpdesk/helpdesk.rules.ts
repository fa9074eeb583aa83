import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { type CalendarDate, isCalendarDate, toBogotaDate } from '../../platform/calendar/index.ts';
import { cachedRuleFileReader, type RuleIssue, validateRuleFile } from '../../platform/config/rule-file.ts';
import { type BusinessHoursSla, clockState } from '../../platform/workflow/clock/index.ts';
import { HelpdeskError } from './helpdesk.errors.ts';
import { TICKET_PRIORITIES, type TicketPriority } from './helpdesk.schema.ts';

/**
 * The help desk's rules as dated data (config/rules/helpdesk.json): the categories people choose from
 * (modelled on the Oficina TIC's 2020 report), and per period the office hours, the first-response and
 * solution SLAs of each priority in business hours, the window to reopen a solved ticket and the
 * "por vencer" warning window.
 */

export { TICKET_PRIORITIES, type TicketPriority };

export const HELPDESK_CONFIDENCE_TAGS = ['[SEED]', '[I]', '[DEFAULT]'] as const;

export interface HelpdeskCategory {
  readonly code: string;
  readonly label: string;
  readonly description: string;
  /** Retired categories stay for old tickets and reports but are not offered any more. */
  readonly active: boolean;
  readonly source: string;
  readonly confidence: (typeof HELPDESK_CONFIDENCE_TAGS)[number];
}

export interface PriorityRule {
  readonly label: string;
  readonly description: string;
  /** Business hours from opening to the first answer of a technician. */
  readonly firstResponseHours: number;
  /** Business hours from opening to the solution, less the time waiting for the requester. */
  readonly solutionHours: number;
}

export interface HelpdeskPeriod {
  readonly validFrom: string;
  readonly validTo: string | null;
  readonly source: string;
  readonly confidence: (typeof HELPDESK_CONFIDENCE_TAGS)[number];
  readonly notes?: string | undefined;
  /** One span per business day (the clock's limit), Bogotá wall clock. */
  readonly officeHours: { readonly start: string; readonly end: string };
  readonly priorities: Readonly<Record<TicketPriority, PriorityRule>>;
  /** Business days after the solution during which the requester may reopen; then it closes itself. */
  readonly reopenWindowBusinessDays: number;
  /** "Por vencer" in the queue: due within this many business days. */
  readonly warnBusinessDays: number;
}

export interface HelpdeskRules {
  readonly schemaVersion: 1;
  readonly rules: 'helpdesk';
  readonly notes: readonly string[];
  /** The dependencia (by code) whose officials attend the help desk. */
  readonly office: { readonly dependencia: string; readonly source: string; readonly confidence: string };
  readonly categories: readonly HelpdeskCategory[];
  readonly periods: readonly HelpdeskPeriod[];
}

// ---------------------------------------------------------------------------------------------------
// Schema
// ---------------------------------------------------------------------------------------------------

const CODE = /^[a-z][a-z0-9_]{1,39}$/;
const CLOCK_TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const text = z.string().trim().min(1, { error: 'no puede estar vacío' });
const dateText = z
  .string()
  .refine(isCalendarDate, { error: 'debe ser una fecha válida AAAA-MM-DD', abort: true });
const provenance = {
  source: text,
  confidence: z.enum(HELPDESK_CONFIDENCE_TAGS, {
    error: `debe ser una de las etiquetas ${HELPDESK_CONFIDENCE_TAGS.join(', ')}`,
  }),
  notes: z.string().optional(),
};
const hours = (label: string) =>
  z
    .number({ error: `${label}: escriba un número entero de horas hábiles` })
    .int({ error: `${label}: debe ser un número entero de horas hábiles` })
    .min(1, { error: `${label}: al menos 1 hora hábil` })
    .max(2000, { error: `${label}: como máximo 2000 horas hábiles` });

const priorityRule = z
  .strictObject({
    label: text,
    description: text,
    firstResponseHours: hours('firstResponseHours'),
    solutionHours: hours('solutionHours'),
  })
  .refine((rule) => rule.firstResponseHours <= rule.solutionHours, {
    error: 'la primera respuesta no puede tardar más que la solución',
    path: ['firstResponseHours'],
  });

const period = z
  .strictObject({
    validFrom: dateText,
    validTo: dateText.nullable(),
    ...provenance,
    officeHours: z
      .strictObject({
        start: z.string().regex(CLOCK_TIME, { error: 'use una hora HH:MM' }),
        end: z.string().regex(CLOCK_TIME, { error: 'use una hora HH:MM' }),
      })
      .refine((span) => span.start < span.end, {
        error: 'la hora de cierre debe ser posterior a la de apertura',
        path: ['end'],
      }),
    // An enum key makes the record exhaustive: every priority needs its SLAs, an unknown one is refused.
    priorities: z.record(z.enum(TICKET_PRIORITIES), priorityRule),
    reopenWindowBusinessDays: z
      .number({ error: 'escriba un número entero de días hábiles' })
      .int({ error: 'debe ser un número entero de días hábiles' })
      .min(1, { error: 'al menos 1 día hábil' })
      .max(60, { error: 'como máximo 60 días hábiles' }),
    warnBusinessDays: z
      .number({ error: 'escriba un número entero de días hábiles' })
      .int({ error: 'debe ser un número entero de días hábiles' })
      .min(0, { error: 'no puede ser negativo' })
      .max(30, { error: 'como máximo 30 días hábiles' }),
  })
  .refine((row) => row.validTo === null || row.validFrom <= row.validTo, {
    error: '«validTo» no puede ser anterior a «validFrom»',
    path: ['validTo'],
  });

const category = z.strictObject({
  code: z.string().regex(CODE, { error: 'use minúsculas, números y _ (2 a 40)' }),
  label: text,
  description: text,
  active: z.boolean().default(true),
  ...provenance,
});

const schema = z.strictObject({
  $schema: z.string().optional(),
  schemaVersion: z.literal(1),
  rules: z.literal('helpdesk', { error: 'debe ser "helpdesk" (¿es el archivo de reglas correcto?)' }),
  notes: z.array(z.string()).default([]),
  office: z.strictObject({
    dependencia: z.string().regex(CODE, { error: 'escriba el código de la dependencia, p. ej. tic' }),
    ...provenance,
  }),
  categories: z.array(category).min(1, { error: 'defina al menos una categoría' }),
  periods: z.array(period).min(1, { error: 'defina al menos un periodo' }),
});

type Parsed = z.output<typeof schema>;
type Issue = RuleIssue;

const periodsOverlap = (a: { validFrom: string; validTo: string | null }, b: typeof a) =>
  (a.validTo === null || b.validFrom <= a.validTo) && (b.validTo === null || a.validFrom <= b.validTo);

function crossRowIssues(rules: Parsed): Issue[] {
  const issues: Issue[] = [];
  const codes = new Map<string, number>();
  rules.categories.forEach((row, index) => {
    const first = codes.get(row.code);
    if (first !== undefined) {
      issues.push({
        path: ['categories', index, 'code'],
        message: `el código «${row.code}» ya se usa en categories[${first}]`,
      });
    } else codes.set(row.code, index);
  });
  if (!rules.categories.some((row) => row.active)) {
    issues.push({ path: ['categories'], message: 'al menos una categoría debe estar activa' });
  }
  rules.periods.forEach((row, index) => {
    for (let earlier = 0; earlier < index; earlier++) {
      if (periodsOverlap(rules.periods[earlier]!, row)) {
        issues.push({
          path: ['periods', index, 'validFrom'],
          message: `sus fechas se solapan con periods[${earlier}]; cada día debe tener un solo periodo`,
        });
      }
    }
  });
  return issues;
}

/**
 * Validates the help-desk rules (parsed JSON). Throws `HelpdeskError('REGLAS_MESA_AYUDA_INVALIDAS')`
 * whose detail lists each problem as "path: Spanish message"; `extra.problems` carries them.
 */
export function loadHelpdeskRules(json: unknown): HelpdeskRules {
  const rules = validateRuleFile(schema, json, {
    label: 'Las reglas de la mesa de ayuda no son válidas',
    crossRowIssues,
    fail(detail, field, problems) {
      throw new HelpdeskError('REGLAS_MESA_AYUDA_INVALIDAS', detail, field, { problems });
    },
  });
  return rules satisfies HelpdeskRules;
}

/** config/rules/helpdesk.json. */
export const HELPDESK_RULES_FILE = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../config/rules/helpdesk.json',
);

const readCached = cachedRuleFileReader({
  load: loadHelpdeskRules,
  missing: (file) =>
    new HelpdeskError(
      'REGLAS_MESA_AYUDA_FALTANTES',
      `No se pudo leer el archivo de reglas de la mesa de ayuda: ${file}.`,
    ),
  notJson: (file, message) =>
    new HelpdeskError(
      'REGLAS_MESA_AYUDA_INVALIDAS',
      `El archivo de reglas de la mesa de ayuda no es JSON válido (${file}): ${message}`,
    ),
});

/** The validated rule file, re-read when it changes. */
export function readHelpdeskRules(file = HELPDESK_RULES_FILE): HelpdeskRules {
  return readCached(file);
}

// ---------------------------------------------------------------------------------------------------
// Questions the rules answer
// ---------------------------------------------------------------------------------------------------

export function isTicketPriority(value: unknown): value is TicketPriority {
  return typeof value === 'string' && (TICKET_PRIORITIES as readonly string[]).includes(value);
}

/** The period in force on a Bogotá calendar day. */
export function periodOn(rules: HelpdeskRules, day: CalendarDate | string): HelpdeskPeriod {
  const found = rules.periods.find(
    (row) => row.validFrom <= day && (row.validTo === null || day <= row.validTo),
  );
  if (!found) {
    const first = rules.periods.map((row) => row.validFrom).sort()[0];
    throw new HelpdeskError(
      'MESA_AYUDA_SIN_REGLAS',
      `No hay reglas de la mesa de ayuda para el ${day} (las reglas cubren desde el ${first}).`,
    );
  }
  return found;
}

/** The period in force at an instant (its Bogotá date). */
export const periodAt = (rules: HelpdeskRules, at: Date) => periodOn(rules, toBogotaDate(at));

/** A category people may choose now; retired or unknown codes are a 400 on `category`. */
export function activeCategory(rules: HelpdeskRules, code: string): HelpdeskCategory {
  const found = rules.categories.find((row) => row.code === code);
  if (!found?.active) {
    throw new HelpdeskError(
      'CATEGORIA_INVALIDA',
      `category: la categoría «${code}» no existe. Elija una de: ${rules.categories
        .filter((row) => row.active)
        .map((row) => row.code)
        .join(', ')}.`,
      'category',
    );
  }
  return found;
}

export function categoryLabel(rules: HelpdeskRules, code: string): string {
  return rules.categories.find((row) => row.code === code)?.label ?? code;
}

export type SlaKind = 'firstResponse' | 'solution';

/** The SLA of a priority in a period, as the workflow clock reads it (business hours in office hours). */
export function slaOf(period: HelpdeskPeriod, priority: TicketPriority, kind: SlaKind): BusinessHoursSla {
  const rule = period.priorities[priority];
  return {
    unit: 'businessHours',
    amount: kind === 'firstResponse' ? rule.firstResponseHours : rule.solutionHours,
    hours: { start: period.officeHours.start, end: period.officeHours.end },
  };
}

/**
 * The last instant a solved ticket may be reopened: the end (23:59:59.999 Bogotá) of the `days`-th business
 * day after the day of the solution (a solution on a non-business day counts from the next business day).
 * This is the same instant the workflow engine gives the «resuelto» state's own term, so the automatic
 * closing and the window agree.
 */
export function reopenDeadline(resolvedAt: Date, days: number): Date {
  return clockState(
    [{ type: 'started', at: resolvedAt, sla: { unit: 'businessDays', amount: days } }],
    resolvedAt,
    { filingClosesAt: null },
  ).dueAt;
}

/** Whether the requester may still reopen a ticket solved at `resolvedAt`. */
export function mayReopen(resolvedAt: Date, now: Date, days: number): boolean {
  return now.getTime() <= reopenDeadline(resolvedAt, days).getTime();
}

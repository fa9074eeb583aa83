import { z } from 'zod';
import { formatRulePath, type RuleIssue, validateRuleFile } from '../../../platform/config/rule-file.ts';
import { isValidDate } from './calendar-days.ts';
import { LiquidationError } from './liquidation.errors.ts';
import { compare, parseDecimal, type Ratio } from './rational.ts';

/**
 * A municipality's predial rules as dated data (config/rules/<divipola>/predial.json). Every row says
 * when it applies (a vigencia range, or validFrom/validTo dates) and where it comes from (`source`) with
 * the confidence tag of the domain notes, so an official can tell law from a default waiting to be
 * confirmed. Rates are decimal text ("8.5", "25.00") parsed to exact fractions, never floats.
 */

// ---------------------------------------------------------------------------------------------------
// Types (what `loadRuleSet` returns)
// ---------------------------------------------------------------------------------------------------

/** Confidence tags of /shared/domain/taxes.md, plus [DEFAULT] for a value the notes do not give at all. */
export const CONFIDENCE_TAGS = ['[LAW]', '[SEC]', '[INF]', '[MEM]', '[DEFAULT]'] as const;
export type Confidence = (typeof CONFIDENCE_TAGS)[number];

export interface Provenance {
  /** Section of the domain notes and the legal act or publication, e.g. "taxes.md §1.3; Ley 1995 de 2019". */
  readonly source: string;
  readonly confidence: Confidence;
  readonly notes?: string | undefined;
}

/** Facts about a predio that rules can depend on besides destino, estrato, zona, avalúo and area. */
export const PREDIO_FLAGS = [
  'nuevaConstruccion',
  'avaluoNoActualizado',
  'primeraLiquidacion',
  'cambioDestino',
  'cambioFisico',
  'autoavaluo',
  'exento',
  'formacionCatastral',
] as const;
export type PredioFlag = (typeof PREDIO_FLAGS)[number];

/** What a demand line is for. Interest is not a demand line: it accrues on one until the payment date. */
export const DEMAND_CONCEPTS = ['impuesto', 'sobretasaAmbiental', 'sancion'] as const;
export type DemandConcept = (typeof DEMAND_CONCEPTS)[number];

/** Every figure that gets rounded on its own line. */
export const ROUNDING_CONCEPTS = [
  ...DEMAND_CONCEPTS,
  'intereses',
  'descuento',
  'alivio',
  'actualizacionSancion',
  'transferenciaAmbiental',
  'conversionUvt',
  'cuota',
] as const;
export type RoundingConcept = (typeof ROUNDING_CONCEPTS)[number];

export const ROUNDING_MODES = ['half-up', 'half-even', 'down', 'up'] as const;
export type RoundingMode = (typeof ROUNDING_MODES)[number];

export interface RoundingPolicy {
  /** Pesos: 1, 10, 100, 1000… The result is always a multiple of it. */
  readonly unit: number;
  readonly mode: RoundingMode;
}

export type Zona = 'urbana' | 'rural';
export type ValueUnit = 'COP' | 'UVT' | 'SMMLV';

/** (above, upTo]: strictly more than `above`, up to and including `upTo`; a missing end is open. */
export interface Range {
  readonly above?: Ratio | undefined;
  readonly upTo?: Ratio | undefined;
}
export interface ValueRange extends Range {
  /** COP, or UVT/SMMLV of the vigencia's year. */
  readonly unit: ValueUnit;
}

/** Which predios a row applies to; every given criterion must hold, an absent one always holds. */
export interface PredioCondition {
  /** Destino económico codes as the gestor sends them (IGAC letters A–T, 0). */
  readonly destinos?: readonly string[] | undefined;
  /** 1–6; 0 stands for "sin estrato" (a predio without one). */
  readonly estratos?: readonly number[] | undefined;
  readonly zonas?: readonly Zona[] | undefined;
  readonly sectores?: readonly string[] | undefined;
  /** All of these flags must be set. */
  readonly flags?: readonly PredioFlag[] | undefined;
  /** None of these flags may be set. */
  readonly notFlags?: readonly PredioFlag[] | undefined;
  readonly avaluo?: ValueRange | undefined;
  readonly areaTerrenoM2?: Range | undefined;
}

export interface VigenciaRange {
  readonly from: number;
  readonly to: number;
}

export interface DateScope {
  readonly validFrom: string;
  /** Inclusive; null while in force. */
  readonly validTo: string | null;
}

export interface YearValue extends Provenance {
  readonly year: number;
  readonly value: number;
}

export interface IpcValue extends Provenance {
  readonly year: number;
  /** Yearly consumer-price variation (DANE, December to December) of `year`, in percent. */
  readonly percent: Ratio;
}

export interface RoundingRow extends Provenance, DateScope {
  readonly default: RoundingPolicy;
  readonly byConcept: Partial<Record<RoundingConcept, RoundingPolicy>>;
}

export interface DueDateRow extends Provenance {
  readonly vigencia: number;
  /** Last day to pay without interest; interest accrues from the next day (Art. 634 ET). */
  readonly dueDate: string;
}

export interface TariffRow extends Provenance {
  readonly label: string;
  readonly vigencias: VigenciaRange;
  readonly when: PredioCondition;
  readonly perMil: Ratio;
}

export interface ExemptionRow extends Provenance {
  readonly label: string;
  readonly vigencias: VigenciaRange;
  readonly enabled: boolean;
  readonly when: PredioCondition;
  readonly concepts: readonly DemandConcept[];
}

/** Ley 99/1993 art. 44: a surcharge on the avalúo billed on its own line, or a share of the IPU collected. */
export type EnvironmentalRow = Provenance & { readonly vigencias: VigenciaRange } & (
    | { readonly mode: 'sobretasa-por-mil'; readonly perMil: Ratio }
    | { readonly mode: 'porcentaje-transferido'; readonly percent: Ratio }
  );

/** previous tax × (1 + IPC of the year before the vigencia + points), or previous tax × (1 + percent). */
export type CapIncrease = { readonly ipcPlusPoints: Ratio } | { readonly percent: Ratio };

export interface CapLimit extends Provenance {
  readonly id: string;
  readonly label: string;
  readonly when: PredioCondition;
  readonly increase: CapIncrease;
}

export interface CapExclusion extends Provenance {
  readonly id: string;
  readonly label: string;
  readonly when: PredioCondition;
}

/** Limits on the yearly increase of the tax. The first exclusion that holds lifts the limit; otherwise
 * the first limit (in order) that holds is the one applied. */
export interface CapRow extends Provenance {
  readonly legalBasis: string;
  readonly vigencias: VigenciaRange;
  readonly enabled: boolean;
  /** When rounding half-up would land above the limit, round down instead (default true: the law's
   * ceiling wins over Art. 802 rounding). */
  readonly roundDownToLimit: boolean;
  readonly exclusions: readonly CapExclusion[];
  readonly limits: readonly CapLimit[];
}

export interface DiscountWindow extends Provenance {
  readonly id: string;
  readonly label: string;
  readonly vigencias: VigenciaRange;
  readonly validFrom: string;
  readonly validTo: string;
  readonly percent: Ratio;
  readonly appliesTo: readonly DemandConcept[];
  readonly when: PredioCondition;
}

export interface InstallmentPlan extends Provenance {
  readonly id: string;
  readonly label: string;
  readonly vigencias: VigenciaRange;
  readonly dueDates: readonly string[];
  readonly interestFree: boolean;
  readonly discountApplies: boolean;
}

export interface InterestSetting extends Provenance, DateScope {
  /** 365, 366, or "actual" (366 for days in a leap year, 365 otherwise). */
  readonly dayCountBase: 365 | 366 | 'actual';
  /** Art. 635 ET: the moratorium rate is the consumer usury rate minus these points. */
  readonly pointsBelowUsury: Ratio;
}

export interface MoratoriumRate extends Provenance, DateScope {
  /** Consumer usury rate certified by the Superintendencia Financiera, annual percent. */
  readonly usuryPercent?: Ratio | undefined;
  /** The moratorium rate itself when published (DIAN); otherwise usury − pointsBelowUsury. */
  readonly moratoriumPercent?: Ratio | undefined;
  readonly resolution?: string | undefined;
}

/** Shares the debtor pays, in percent (100 = no relief, 0 = all waived). */
export interface ReliefShare {
  readonly capitalPercent: Ratio;
  readonly interestPercent: Ratio;
  readonly sanctionsPercent: Ratio;
}

export interface ReliefWindow {
  readonly validFrom: string;
  readonly validTo: string;
  readonly pay: ReliefShare;
  readonly byConcept: Partial<Record<DemandConcept, Partial<ReliefShare>>>;
}

export interface ReliefProgramme extends Provenance {
  readonly id: string;
  readonly label: string;
  readonly legalBasis: string;
  readonly enabled: boolean;
  readonly eligibility: {
    /** Only debts already overdue on this date (due date strictly before it). */
    readonly overdueAt?: string | undefined;
    readonly vigencias?: { readonly from?: number | undefined; readonly to?: number | undefined } | undefined;
    readonly concepts: readonly DemandConcept[];
  };
  /** The relief only holds when the reduced amounts are paid in full (checked by payment application). */
  readonly requiresFullPayment: boolean;
  readonly windows: readonly ReliefWindow[];
}

export interface SanctionUpdatingRow extends Provenance, DateScope {
  readonly enabled: boolean;
}

export interface RuleSet {
  readonly schemaVersion: 1;
  readonly divipola: string;
  readonly municipality: string;
  readonly tax: 'predial';
  readonly notes: readonly string[];
  readonly uvt: readonly YearValue[];
  readonly smmlv: readonly YearValue[];
  readonly ipc: readonly IpcValue[];
  readonly rounding: readonly RoundingRow[];
  readonly dueDates: readonly DueDateRow[];
  readonly tariffs: readonly TariffRow[];
  readonly exemptions: readonly ExemptionRow[];
  readonly environmental: readonly EnvironmentalRow[];
  readonly caps: readonly CapRow[];
  readonly discounts: readonly DiscountWindow[];
  readonly installmentPlans: readonly InstallmentPlan[];
  readonly interestSettings: readonly InterestSetting[];
  readonly moratoriumRates: readonly MoratoriumRate[];
  readonly reliefs: readonly ReliefProgramme[];
  readonly sanctionUpdating: readonly SanctionUpdatingRow[];
}

// ---------------------------------------------------------------------------------------------------
// Schema
// ---------------------------------------------------------------------------------------------------

const dateText = z.string().refine(isValidDate, { error: 'debe ser una fecha válida AAAA-MM-DD' });

/** Decimal text ("8.5") or a plain JSON number without exponent; parsed exactly. */
const decimal = z.union([z.string(), z.number()]).transform((value, ctx): Ratio => {
  const text = typeof value === 'number' ? String(value) : value;
  const parsed = parseDecimal(text);
  if (!parsed) {
    ctx.addIssue({
      code: 'custom',
      message: `«${text}» no es un número decimal no negativo; escríbalo como texto, p. ej. "8.5"`,
    });
    return z.NEVER;
  }
  return parsed;
});

const HUNDRED = parseDecimal('100')!;
const THOUSAND = parseDecimal('1000')!;
const percent = decimal.refine((value) => compare(value, HUNDRED) <= 0, {
  error: 'un porcentaje no puede pasar de 100',
});
const perMil = decimal.refine((value) => compare(value, THOUSAND) <= 0, {
  error: 'una tarifa por mil no puede pasar de 1000',
});

const year = z.int().min(1990).max(2100);
const pesos = z.int().nonnegative();
const text = z.string().trim().min(1);

const provenance = {
  source: text,
  confidence: z.enum(CONFIDENCE_TAGS),
  notes: z.string().optional(),
};

const rangeShape = { above: decimal.optional(), upTo: decimal.optional() };
const checkRange = (range: { above?: Ratio | undefined; upTo?: Ratio | undefined }) =>
  !range.above || !range.upTo || compare(range.above, range.upTo) < 0;
const range = z.strictObject(rangeShape).refine(checkRange, {
  error: '«above» debe ser menor que «upTo»',
});
const valueRange = z
  .strictObject({ ...rangeShape, unit: z.enum(['COP', 'UVT', 'SMMLV']) })
  .refine(checkRange, { error: '«above» debe ser menor que «upTo»' });

const condition = z.strictObject({
  destinos: z.array(text).min(1).optional(),
  estratos: z.array(z.int().min(0).max(6)).min(1).optional(),
  zonas: z
    .array(z.enum(['urbana', 'rural']))
    .min(1)
    .optional(),
  sectores: z.array(text).min(1).optional(),
  flags: z.array(z.enum(PREDIO_FLAGS)).min(1).optional(),
  notFlags: z.array(z.enum(PREDIO_FLAGS)).min(1).optional(),
  avaluo: valueRange.optional(),
  areaTerrenoM2: range.optional(),
});

const MISSING_VIGENCIA = 'indique «vigencia» (un año) o «vigencias» ({ "from": año, "to": año })';
const vigenciaRange = z
  .strictObject(
    { from: year, to: year },
    { error: (issue) => (issue.input === undefined ? MISSING_VIGENCIA : undefined) },
  )
  .refine((value) => value.from <= value.to, { error: '«from» no puede ser posterior a «to»' });

/** Rows accept `vigencia: 2024` as a shorthand for `vigencias: { from: 2024, to: 2024 }`. */
function normalizeVigencia(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  const row = value as Record<string, unknown>;
  if (!('vigencia' in row) || 'vigencias' in row || !Number.isInteger(row.vigencia)) return value;
  const { vigencia, ...rest } = row;
  return { ...rest, vigencias: { from: vigencia, to: vigencia } };
}

function vigenciaScoped<Shape extends z.ZodRawShape>(shape: Shape) {
  return z.preprocess(
    normalizeVigencia,
    z.strictObject({
      ...shape,
      vigencias: vigenciaRange,
    }),
  );
}

const roundingPolicy = z.strictObject({
  unit: z.int().positive(),
  mode: z.enum(ROUNDING_MODES),
});

const datedShape = { validFrom: dateText, validTo: dateText.nullable() };
const checkDated = (row: { validFrom: string; validTo: string | null }) =>
  row.validTo === null || row.validFrom <= row.validTo;
const DATED_ORDER = { error: '«validTo» no puede ser anterior a «validFrom»', path: ['validTo'] };
const windowShape = { validFrom: dateText, validTo: dateText };

const yearValue = z.strictObject({ year, value: pesos.positive(), ...provenance });
const ipcValue = z.strictObject({ year, percent: decimal, ...provenance });

const roundingRow = z
  .strictObject({
    ...datedShape,
    default: roundingPolicy,
    byConcept: z.partialRecord(z.enum(ROUNDING_CONCEPTS), roundingPolicy).default({}),
    ...provenance,
  })
  .refine(checkDated, DATED_ORDER);

const dueDateRow = z.strictObject({ vigencia: year, dueDate: dateText, ...provenance });

const tariffRow = vigenciaScoped({ label: text, when: condition.default({}), perMil, ...provenance });

const exemptionRow = vigenciaScoped({
  label: text,
  enabled: z.boolean().default(true),
  when: condition,
  concepts: z.array(z.enum(DEMAND_CONCEPTS)).min(1),
  ...provenance,
});

const environmentalRow = z.preprocess(
  normalizeVigencia,
  z.discriminatedUnion(
    'mode',
    [
      z.strictObject({
        mode: z.literal('sobretasa-por-mil'),
        perMil,
        vigencias: vigenciaRange,
        ...provenance,
      }),
      z.strictObject({
        mode: z.literal('porcentaje-transferido'),
        percent,
        vigencias: vigenciaRange,
        ...provenance,
      }),
    ],
    { error: 'debe ser «sobretasa-por-mil» (con perMil) o «porcentaje-transferido» (con percent)' },
  ),
);

const capIncrease = z.union([
  z.strictObject({ ipcPlusPoints: decimal }),
  z.strictObject({ percent: decimal }),
]);

const capRow = vigenciaScoped({
  legalBasis: text,
  enabled: z.boolean().default(true),
  roundDownToLimit: z.boolean().default(true),
  exclusions: z.array(z.strictObject({ id: text, label: text, when: condition, ...provenance })).default([]),
  limits: z
    .array(
      z.strictObject({
        id: text,
        label: text,
        when: condition.default({}),
        increase: capIncrease,
        ...provenance,
      }),
    )
    .min(1),
  ...provenance,
});

const discountWindow = vigenciaScoped({
  id: text,
  label: text,
  ...windowShape,
  percent,
  appliesTo: z.array(z.enum(DEMAND_CONCEPTS)).min(1).default(['impuesto']),
  when: condition.default({}),
  ...provenance,
});

const installmentPlan = vigenciaScoped({
  id: text,
  label: text,
  dueDates: z.array(dateText).min(1),
  interestFree: z.boolean(),
  discountApplies: z.boolean(),
  ...provenance,
});

const interestSetting = z
  .strictObject({
    ...datedShape,
    dayCountBase: z.union([z.literal(365), z.literal(366), z.literal('actual')]),
    pointsBelowUsury: decimal,
    ...provenance,
  })
  .refine(checkDated, DATED_ORDER);

const moratoriumRate = z
  .strictObject({
    ...datedShape,
    usuryPercent: percent.optional(),
    moratoriumPercent: percent.optional(),
    resolution: z.string().optional(),
    ...provenance,
  })
  .refine(checkDated, DATED_ORDER)
  .refine((row) => row.usuryPercent !== undefined || row.moratoriumPercent !== undefined, {
    error: 'indique «usuryPercent» o «moratoriumPercent»',
    path: ['usuryPercent'],
  });

const reliefShape = { capitalPercent: percent, interestPercent: percent, sanctionsPercent: percent };

const reliefProgramme = z.strictObject({
  id: text,
  label: text,
  legalBasis: text,
  enabled: z.boolean().default(true),
  eligibility: z.strictObject({
    overdueAt: dateText.optional(),
    vigencias: z.strictObject({ from: year.optional(), to: year.optional() }).optional(),
    concepts: z
      .array(z.enum(DEMAND_CONCEPTS))
      .min(1)
      .default([...DEMAND_CONCEPTS]),
  }),
  requiresFullPayment: z.boolean(),
  windows: z
    .array(
      z
        .strictObject({
          ...windowShape,
          pay: z.strictObject(reliefShape),
          byConcept: z
            .partialRecord(z.enum(DEMAND_CONCEPTS), z.strictObject(reliefShape).partial())
            .default({}),
        })
        .refine((row) => row.validFrom <= row.validTo, DATED_ORDER),
    )
    .min(1),
  ...provenance,
});

const sanctionUpdatingRow = z
  .strictObject({ ...datedShape, enabled: z.boolean(), ...provenance })
  .refine(checkDated, DATED_ORDER);

const baseSchema = z.strictObject({
  $schema: z.string().optional(),
  schemaVersion: z.literal(1),
  divipola: z.string().regex(/^\d{5}$/, { error: 'debe ser el código DIVIPOLA de 5 dígitos' }),
  municipality: text,
  tax: z.literal('predial'),
  notes: z.array(z.string()).default([]),
  uvt: z.array(yearValue).default([]),
  smmlv: z.array(yearValue).default([]),
  ipc: z.array(ipcValue).default([]),
  rounding: z.array(roundingRow).min(1),
  dueDates: z.array(dueDateRow).default([]),
  tariffs: z.array(tariffRow).default([]),
  exemptions: z.array(exemptionRow).default([]),
  environmental: z.array(environmentalRow).default([]),
  caps: z.array(capRow).default([]),
  discounts: z.array(discountWindow).default([]),
  installmentPlans: z.array(installmentPlan).default([]),
  interestSettings: z.array(interestSetting).default([]),
  moratoriumRates: z.array(moratoriumRate).default([]),
  reliefs: z.array(reliefProgramme).default([]),
  sanctionUpdating: z.array(sanctionUpdatingRow).default([]),
});

type ParsedRuleSet = z.output<typeof baseSchema>;
type Issue = RuleIssue;

// ---------------------------------------------------------------------------------------------------
// Checks across rows: each question the engine asks must have at most one answer.
// ---------------------------------------------------------------------------------------------------

const vigenciasOverlap = (a: VigenciaRange, b: VigenciaRange) => a.from <= b.to && b.from <= a.to;
const datesOverlap = (a: DateScope, b: DateScope) =>
  (a.validTo === null || b.validFrom <= a.validTo) && (b.validTo === null || a.validFrom <= b.validTo);

const listsMayMeet = <T>(a: readonly T[] | undefined, b: readonly T[] | undefined) =>
  !a || !b || a.some((item) => b.includes(item));

function rangesMayMeet(a: Range | undefined, b: Range | undefined): boolean {
  if (!a || !b) return true;
  if (a.upTo && b.above && compare(a.upTo, b.above) <= 0) return false;
  if (b.upTo && a.above && compare(b.upTo, a.above) <= 0) return false;
  return true;
}

/**
 * False only when no predio can satisfy both conditions. Ranges in different units (UVT against COP)
 * cannot be compared without a year, so they count as possibly meeting only when the units agree; a
 * real clash across units is still caught when a predio matches two rows (TARIFA_AMBIGUA).
 */
export function conditionsMayOverlap(a: PredioCondition, b: PredioCondition): boolean {
  if (!listsMayMeet(a.destinos, b.destinos)) return false;
  if (!listsMayMeet(a.estratos, b.estratos)) return false;
  if (!listsMayMeet(a.zonas, b.zonas)) return false;
  if (!listsMayMeet(a.sectores, b.sectores)) return false;
  if (a.flags?.some((flag) => b.notFlags?.includes(flag))) return false;
  if (b.flags?.some((flag) => a.notFlags?.includes(flag))) return false;
  if (a.avaluo && b.avaluo) {
    if (a.avaluo.unit !== b.avaluo.unit) return false;
    if (!rangesMayMeet(a.avaluo, b.avaluo)) return false;
  }
  return rangesMayMeet(a.areaTerrenoM2, b.areaTerrenoM2);
}

function checkUniqueYears(rows: readonly { year: number }[], key: string, issues: Issue[]) {
  const seen = new Map<number, number>();
  rows.forEach((row, index) => {
    const first = seen.get(row.year);
    if (first !== undefined) {
      issues.push({ path: [key, index, 'year'], message: `el año ${row.year} ya está en ${key}[${first}]` });
    } else seen.set(row.year, index);
  });
}

function checkDisjointDates(rows: readonly DateScope[], key: string, issues: Issue[]) {
  rows.forEach((row, index) => {
    for (let earlier = 0; earlier < index; earlier++) {
      if (datesOverlap(rows[earlier]!, row)) {
        issues.push({
          path: [key, index, 'validFrom'],
          message: `sus fechas se solapan con ${key}[${earlier}]; cada día debe tener una sola fila`,
        });
      }
    }
  });
}

function crossRowIssues(rules: ParsedRuleSet): Issue[] {
  const issues: Issue[] = [];

  checkUniqueYears(rules.uvt, 'uvt', issues);
  checkUniqueYears(rules.smmlv, 'smmlv', issues);
  checkUniqueYears(rules.ipc, 'ipc', issues);
  checkUniqueYears(
    rules.dueDates.map((row) => ({ year: row.vigencia })),
    'dueDates',
    issues,
  );
  checkDisjointDates(rules.rounding, 'rounding', issues);
  checkDisjointDates(rules.interestSettings, 'interestSettings', issues);
  checkDisjointDates(rules.moratoriumRates, 'moratoriumRates', issues);
  checkDisjointDates(rules.sanctionUpdating, 'sanctionUpdating', issues);

  rules.dueDates.forEach((row, index) => {
    if (Number(row.dueDate.slice(0, 4)) < row.vigencia) {
      issues.push({
        path: ['dueDates', index, 'dueDate'],
        message: `el vencimiento no puede ser anterior a la vigencia ${row.vigencia}`,
      });
    }
  });

  const checkScoped = <Row extends { vigencias: VigenciaRange }>(
    key: string,
    rows: readonly Row[],
    clash: (a: Row, b: Row) => boolean,
    message: (earlier: number) => string,
  ) => {
    rows.forEach((row, index) => {
      for (let earlier = 0; earlier < index; earlier++) {
        const other = rows[earlier]!;
        if (vigenciasOverlap(other.vigencias, row.vigencias) && clash(other, row)) {
          issues.push({ path: [key, index], message: message(earlier) });
        }
      }
    });
  };

  checkScoped(
    'tariffs',
    rules.tariffs,
    (a, b) => conditionsMayOverlap(a.when, b.when),
    (earlier) =>
      `un mismo predio podría caer en esta fila y en tariffs[${earlier}] para la misma vigencia; separe destinos, estratos o rangos`,
  );
  checkScoped(
    'environmental',
    rules.environmental,
    () => true,
    (earlier) => `la vigencia ya tiene componente ambiental en environmental[${earlier}]`,
  );
  checkScoped(
    'caps',
    rules.caps,
    (a, b) => a.enabled && b.enabled,
    (earlier) => `la vigencia ya tiene límites en caps[${earlier}]`,
  );
  checkScoped(
    'discounts',
    rules.discounts,
    (a, b) =>
      datesOverlap(a, b) &&
      a.appliesTo.some((concept) => b.appliesTo.includes(concept)) &&
      conditionsMayOverlap(a.when, b.when),
    (earlier) =>
      `se solapa con discounts[${earlier}] (mismas fechas, concepto y predios); un pago tendría dos descuentos`,
  );

  rules.installmentPlans.forEach((plan, index) => {
    plan.dueDates.forEach((date, position) => {
      if (position > 0 && date <= plan.dueDates[position - 1]!) {
        issues.push({
          path: ['installmentPlans', index, 'dueDates', position],
          message: 'las fechas de las cuotas deben ir en orden creciente',
        });
      }
    });
  });

  const ids = new Map<string, string>();
  const checkId = (id: string, path: (string | number)[]) => {
    const first = ids.get(id);
    if (first) issues.push({ path, message: `el id «${id}» ya se usa en ${first}` });
    else ids.set(id, formatRulePath(path));
  };
  rules.discounts.forEach((row, index) => {
    checkId(row.id, ['discounts', index, 'id']);
  });
  rules.installmentPlans.forEach((row, index) => {
    checkId(row.id, ['installmentPlans', index, 'id']);
  });
  rules.reliefs.forEach((programme, index) => {
    checkId(programme.id, ['reliefs', index, 'id']);
    programme.windows.forEach((window, position) => {
      for (let earlier = 0; earlier < position; earlier++) {
        if (datesOverlap(programme.windows[earlier]!, window)) {
          issues.push({
            path: ['reliefs', index, 'windows', position, 'validFrom'],
            message: `se solapa con la ventana ${earlier} del mismo programa`,
          });
        }
      }
    });
  });
  return issues;
}

// ---------------------------------------------------------------------------------------------------
// Loading
// ---------------------------------------------------------------------------------------------------

/**
 * Validates a rule set (parsed JSON) and returns it with every rate as an exact fraction. Throws
 * `LiquidationError('REGLAS_INVALIDAS')` whose detail lists each problem as "path: Spanish message";
 * `extra.problems` carries the same list as `{ path, message }` for a screen.
 */
export function loadRuleSet(json: unknown): RuleSet {
  const rules = validateRuleFile(baseSchema, json, {
    label: 'Las reglas del predial no son válidas',
    crossRowIssues,
    fail(detail, field, problems) {
      throw new LiquidationError('REGLAS_INVALIDAS', detail, field, { problems });
    },
  });
  return rules satisfies RuleSet;
}

/** Rows whose confidence is [DEFAULT] or [MEM]: what an administrator should confirm before production. */
export function unconfirmedRules(rules: RuleSet): { path: string; confidence: Confidence; source: string }[] {
  const found: { path: string; confidence: Confidence; source: string }[] = [];
  const visit = (value: unknown, path: (string | number)[]) => {
    if (Array.isArray(value)) {
      value.forEach((item, index) => {
        visit(item, [...path, index]);
      });
      return;
    }
    if (typeof value !== 'object' || value === null || 'num' in value) return;
    const row = value as Record<string, unknown>;
    if ((row.confidence === '[DEFAULT]' || row.confidence === '[MEM]') && typeof row.source === 'string') {
      found.push({ path: formatRulePath(path), confidence: row.confidence, source: row.source });
    }
    for (const [key, child] of Object.entries(row)) visit(child, [...path, key]);
  };
  visit(rules, []);
  return found;
}

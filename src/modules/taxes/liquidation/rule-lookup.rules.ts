import { LiquidationError } from './liquidation.errors.ts';
import { compare, mul, type Ratio, ratio } from './rational.ts';
import { roundingPolicyFor, roundToPolicy } from './rounding.rules.ts';
import type {
  DueDateRow,
  IpcValue,
  PredioCondition,
  PredioFlag,
  Range,
  RuleSet,
  ValueRange,
  VigenciaRange,
  YearValue,
  Zona,
} from './rule-set.ts';

/** What a rule condition can look at: the predio as liquidated for one vigencia. */
export interface PredioProfile {
  readonly destino: string;
  /** 1–6, or null/0 when the predio has no estrato. */
  readonly estrato?: number | null | undefined;
  readonly zona?: Zona | null | undefined;
  readonly sector?: string | null | undefined;
  readonly flags?: readonly PredioFlag[] | undefined;
  /** Integer pesos. */
  readonly avaluo: number | bigint;
  readonly areaTerrenoM2?: number | null | undefined;
}

export const inVigencias = (range: VigenciaRange, vigencia: number) =>
  range.from <= vigencia && vigencia <= range.to;

function missing(kind: string, year: number): LiquidationError {
  return new LiquidationError(
    'VALOR_REFERENCIA_FALTANTE',
    `Falta el valor de ${kind} del año ${year} en las reglas del predial.`,
    kind.toLowerCase(),
  );
}

export function uvtOf(rules: RuleSet, year: number): YearValue {
  const row = rules.uvt.find((candidate) => candidate.year === year);
  if (!row) throw missing('UVT', year);
  return row;
}

export function smmlvOf(rules: RuleSet, year: number): YearValue {
  const row = rules.smmlv.find((candidate) => candidate.year === year);
  if (!row) throw missing('SMMLV', year);
  return row;
}

export function ipcOf(rules: RuleSet, year: number): IpcValue {
  const row = rules.ipc.find((candidate) => candidate.year === year);
  if (!row) throw missing('IPC', year);
  return row;
}

export function dueDateOf(rules: RuleSet, vigencia: number): DueDateRow {
  const row = rules.dueDates.find((candidate) => candidate.vigencia === vigencia);
  if (!row) {
    throw new LiquidationError(
      'VENCIMIENTO_NO_CONFIGURADO',
      `La vigencia ${vigencia} no tiene fecha de vencimiento en las reglas del predial («dueDates»).`,
      'dueDates',
    );
  }
  return row;
}

/**
 * A threshold in pesos for the vigencia's year. UVT amounts are approximated as Art. 868 ET asks
 * (policy "conversionUvt", nearest 1,000 by default); SMMLV multiples are exact.
 */
export function thresholdInPesos(
  rules: RuleSet,
  value: Ratio,
  unit: ValueRange['unit'],
  year: number,
): Ratio {
  if (unit === 'COP') return value;
  if (unit === 'SMMLV') return mul(value, ratio(smmlvOf(rules, year).value));
  const exact = mul(value, ratio(uvtOf(rules, year).value));
  return ratio(roundToPolicy(exact, roundingPolicyFor(rules, 'conversionUvt', `${year}-01-01`)));
}

function inRange(value: Ratio, range: Range): boolean {
  if (range.above && compare(value, range.above) <= 0) return false;
  if (range.upTo && compare(value, range.upTo) > 0) return false;
  return true;
}

function inValueRange(rules: RuleSet, avaluo: Ratio, range: ValueRange, year: number): boolean {
  return inRange(avaluo, {
    above: range.above && thresholdInPesos(rules, range.above, range.unit, year),
    upTo: range.upTo && thresholdInPesos(rules, range.upTo, range.unit, year),
  });
}

/** Whether every criterion of the condition holds for the predio in that vigencia. */
export function matchesCondition(
  rules: RuleSet,
  condition: PredioCondition,
  predio: PredioProfile,
  vigencia: number,
): boolean {
  if (condition.destinos && !condition.destinos.includes(predio.destino)) return false;
  if (condition.estratos && !condition.estratos.includes(predio.estrato ?? 0)) return false;
  if (condition.zonas && (!predio.zona || !condition.zonas.includes(predio.zona))) return false;
  if (condition.sectores && (!predio.sector || !condition.sectores.includes(predio.sector))) return false;
  const flags = predio.flags ?? [];
  if (condition.flags && !condition.flags.every((flag) => flags.includes(flag))) return false;
  if (condition.notFlags?.some((flag) => flags.includes(flag))) return false;
  if (condition.avaluo && !inValueRange(rules, ratio(predio.avaluo), condition.avaluo, vigencia))
    return false;
  if (condition.areaTerrenoM2) {
    if (predio.areaTerrenoM2 === null || predio.areaTerrenoM2 === undefined) return false;
    const area = ratioFromArea(predio.areaTerrenoM2);
    if (!inRange(area, condition.areaTerrenoM2)) return false;
  }
  return true;
}

/** Areas may carry decimals (m²); read them through their decimal text, never as a float product. */
function ratioFromArea(area: number): Ratio {
  const [whole, fraction = ''] = String(area).split('.');
  return ratio(BigInt(`${whole}${fraction}`), 10n ** BigInt(fraction.length));
}

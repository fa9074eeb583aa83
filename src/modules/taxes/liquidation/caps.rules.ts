import { formatDecimal, formatPesos } from './format.ts';
import {
  add,
  compare,
  min,
  mul,
  percentOf,
  type Ratio,
  ratio,
  toDecimalString,
  toSafeNumber,
} from './rational.ts';
import { floorToUnit, roundToPolicy } from './rounding.rules.ts';
import { inVigencias, ipcOf, matchesCondition, type PredioProfile } from './rule-lookup.rules.ts';
import type { CapRow, Confidence, RoundingPolicy, RuleSet } from './rule-set.ts';

/**
 * Limits on the yearly increase of the IPU (Ley 1995 de 2019, taxes.md §1.3), read from the `caps` rows.
 * - sin-limite: no row for the vigencia, or no limit of the row fits the predio;
 * - primera-liquidacion: there is no previous tax (or it was 0, or the flag is set) to compare with;
 * - excluido: an exclusion of the row fits (lots, new construction, change of destino…);
 * - no-alcanzado: a limit applies but the tax on the new avalúo stays below it;
 * - aplicado: the tax is cut down to the limit.
 */
export type CapStatus = 'sin-limite' | 'primera-liquidacion' | 'excluido' | 'no-alcanzado' | 'aplicado';

export interface CapOutcome {
  readonly status: CapStatus;
  /** Spanish sentence for the official. */
  readonly reason: string;
  readonly legalBasis: string | null;
  readonly ruleId: string | null;
  readonly source: string | null;
  readonly confidence: Confidence | null;
  readonly previousTax: number | null;
  /** Total increase allowed, in percent (IPC + points, or the fixed percent). */
  readonly increasePercent: string | null;
  readonly ipc: { readonly year: number; readonly percent: string; readonly confidence: Confidence } | null;
  /** previousTax × (1 + increase), exact, as decimal text; null when there is no limit. */
  readonly limit: string | null;
  /** The tax after the limit, exact, before rounding. */
  readonly taxExact: string;
  /** The tax after the limit, rounded by the policy; never above the limit. */
  readonly tax: number;
  /** True when ordinary rounding would have passed the limit, so the amount was rounded down instead. */
  readonly roundedDownToRespectLimit: boolean;
}

interface LimitFound {
  readonly row: CapRow;
  readonly ruleId: string;
  readonly label: string;
  readonly source: string;
  readonly confidence: Confidence;
  readonly increase: Ratio;
  readonly ipc: CapOutcome['ipc'];
  readonly ipcPercent: Ratio | null;
}

function findLimit(
  rules: RuleSet,
  row: CapRow,
  predio: PredioProfile,
  vigencia: number,
): LimitFound | { excludedBy: CapRow['exclusions'][number] } | null {
  const exclusion = row.exclusions.find((candidate) =>
    matchesCondition(rules, candidate.when, predio, vigencia),
  );
  if (exclusion) return { excludedBy: exclusion };
  const limit = row.limits.find((candidate) => matchesCondition(rules, candidate.when, predio, vigencia));
  if (!limit) return null;
  let increase: Ratio;
  let ipc: CapOutcome['ipc'] = null;
  let ipcPercent: Ratio | null = null;
  if ('ipcPlusPoints' in limit.increase) {
    // The IPC of the year before the vigencia is the inflation the new year's tax is measured against.
    const ipcRow = ipcOf(rules, vigencia - 1);
    increase = add(ipcRow.percent, limit.increase.ipcPlusPoints);
    ipc = { year: ipcRow.year, percent: toDecimalString(ipcRow.percent), confidence: ipcRow.confidence };
    ipcPercent = ipcRow.percent;
  } else {
    increase = limit.increase.percent;
  }
  return {
    row,
    ruleId: limit.id,
    label: limit.label,
    source: limit.source,
    confidence: limit.confidence,
    increase,
    ipc,
    ipcPercent,
  };
}

/**
 * The tax of the vigencia after the yearly-increase limit, rounded by `policy`. When rounding would land
 * above the limit (1,172,800 → 1,173,000), the amount is the largest multiple of the rounding unit that
 * does not pass it (1,172,000): the law's ceiling wins over the rounding convention, unless the cap row
 * sets `roundDownToLimit: false`.
 */
export function applyCaps(
  uncapped: Ratio,
  predio: PredioProfile,
  previousTax: number | null | undefined,
  vigencia: number,
  rules: RuleSet,
  policy: RoundingPolicy,
): CapOutcome {
  const plain = (status: CapStatus, reason: string, row: CapRow | null, extra: Partial<CapOutcome> = {}) => ({
    status,
    reason,
    legalBasis: row?.legalBasis ?? null,
    ruleId: null,
    source: row?.source ?? null,
    confidence: row?.confidence ?? null,
    previousTax: previousTax ?? null,
    increasePercent: null,
    ipc: null,
    limit: null,
    taxExact: toDecimalString(uncapped),
    tax: toSafeNumber(roundToPolicy(uncapped, policy)),
    roundedDownToRespectLimit: false,
    ...extra,
  });

  const row = rules.caps.find((candidate) => candidate.enabled && inVigencias(candidate.vigencias, vigencia));
  if (!row) {
    return plain(
      'sin-limite',
      `No hay límites al incremento anual configurados para la vigencia ${vigencia}.`,
      null,
    );
  }
  if (previousTax === null || previousTax === undefined || previousTax === 0) {
    return plain(
      'primera-liquidacion',
      `Sin impuesto del año anterior con el cual comparar (primera liquidación o predio antes exento): el límite de ${row.legalBasis} no aplica.`,
      row,
    );
  }
  if (predio.flags?.includes('primeraLiquidacion')) {
    return plain(
      'primera-liquidacion',
      `Primera liquidación del predio: el límite de ${row.legalBasis} no aplica.`,
      row,
    );
  }
  const found = findLimit(rules, row, predio, vigencia);
  if (found === null) {
    return plain('sin-limite', `Ningún límite de ${row.legalBasis} corresponde a este predio.`, row);
  }
  if ('excludedBy' in found) {
    return plain('excluido', `Excluido del límite de ${row.legalBasis}: ${found.excludedBy.label}.`, row, {
      ruleId: found.excludedBy.id,
      source: found.excludedBy.source,
      confidence: found.excludedBy.confidence,
    });
  }

  const limit = mul(ratio(previousTax), add(ratio(1), percentOf(found.increase)));
  const binds = compare(uncapped, limit) > 0;
  const capped = min(uncapped, limit);
  let tax = roundToPolicy(capped, policy);
  const roundedDown = row.roundDownToLimit && compare(ratio(tax), limit) > 0;
  if (roundedDown) tax = floorToUnit(limit, policy.unit);
  const ipcText =
    found.ipc && found.ipcPercent ? ` (IPC ${found.ipc.year}: ${formatDecimal(found.ipcPercent)} %)` : '';
  const allowed = `${formatPesos(previousTax)} × (1 + ${formatDecimal(found.increase)} %)${ipcText} = ${formatDecimal(limit, 2)}`;
  return {
    status: binds ? 'aplicado' : 'no-alcanzado',
    reason: binds
      ? `${found.label}: el impuesto no puede superar ${allowed}; se liquida el límite.`
      : `${found.label}: el límite ${allowed} no se alcanza; se liquida el impuesto sobre el avalúo.`,
    legalBasis: row.legalBasis,
    ruleId: found.ruleId,
    source: found.source,
    confidence: found.confidence,
    previousTax,
    increasePercent: toDecimalString(found.increase),
    ipc: found.ipc,
    limit: toDecimalString(limit),
    taxExact: toDecimalString(capped),
    tax: toSafeNumber(tax),
    roundedDownToRespectLimit: roundedDown,
  };
}

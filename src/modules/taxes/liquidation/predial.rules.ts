import { applyCaps, type CapOutcome } from './caps.rules.ts';
import { describeRounding, formatDecimal, formatPesos } from './format.ts';
import { invalidInput, LiquidationError } from './liquidation.errors.ts';
import { mul, percentOf, perMilOf, ratio, sub, toDecimalString, toSafeNumber } from './rational.ts';
import { roundingPolicyFor, roundToPolicy } from './rounding.rules.ts';
import { dueDateOf, inVigencias, matchesCondition, type PredioProfile } from './rule-lookup.rules.ts';
import {
  type Confidence,
  type DemandConcept,
  PREDIO_FLAGS,
  type PredioFlag,
  type RoundingPolicy,
  type RuleSet,
  type Zona,
} from './rule-set.ts';

/** What the liquidation of one predio and vigencia needs to know. Amounts are integer pesos. */
export interface PredialFacts {
  /** Avalúo catastral of the vigencia being liquidated (Ley 44/1990 art. 3). */
  readonly avaluo: number | bigint;
  /** Avalúo of the previous vigencia, shown to the official beside the variation; not used in the formula. */
  readonly avaluoAnterior?: number | bigint | null | undefined;
  /** Impuesto liquidated for the previous vigencia (the base of the Ley 1995 limits); null when none. */
  readonly impuestoAnterior?: number | null | undefined;
  /** Destino económico code as the gestor sends it (IGAC letters A–T, 0). */
  readonly destino: string;
  readonly estrato?: number | null | undefined;
  readonly zona?: Zona | null | undefined;
  readonly sector?: string | null | undefined;
  readonly areaTerrenoM2?: number | null | undefined;
  readonly areaConstruidaM2?: number | null | undefined;
  readonly flags?: readonly PredioFlag[] | undefined;
}

/** What is owed per predio, vigencia and concept: the capital on which interest, discounts and reliefs act. */
export interface DemandLine {
  readonly vigencia: number;
  readonly concept: DemandConcept;
  /** Integer pesos still owed (rounded by the policy when liquidated). */
  readonly amount: number;
  /** Last day without interest; Art. 634 ET interest accrues from the next calendar day. */
  readonly dueDate: string;
  /** Capital lines bear interest; sanctions do not (they are updated by Art. 867-1 instead). */
  readonly interestBearing: boolean;
  /** The unrounded figure, as decimal text, for the audit trail. */
  readonly exact?: string | undefined;
  /** The predio as liquidated, for discount windows that depend on it. */
  readonly predio?: PredioProfile | undefined;
  /** For sanction lines: the date the act imposing it became final (Art. 867-1 updates from the next 1 January). */
  readonly sanction?: { readonly imposedFirmeDate?: string | undefined } | undefined;
}

export interface RuleCitation {
  readonly label: string;
  readonly source: string;
  readonly confidence: Confidence;
}

export interface PredialLiquidation {
  readonly vigencia: number;
  readonly lines: readonly DemandLine[];
  readonly detail: {
    readonly avaluo: number;
    readonly avaluoAnterior: number | null;
    /** Percent change of the avalúo against the previous vigencia, when known. */
    readonly variacionAvaluoPercent: string | null;
    readonly exemptions: readonly (RuleCitation & { readonly concepts: readonly DemandConcept[] })[];
    readonly tariff: (RuleCitation & { readonly perMil: string }) | null;
    /** avalúo × tariff / 1000, exact. */
    readonly uncappedTax: string;
    readonly cap: CapOutcome;
    readonly impuesto: {
      readonly exact: string;
      readonly amount: number;
      readonly rounding: RoundingPolicy;
      readonly exempt: boolean;
    };
    readonly environmental:
      | (RuleCitation & {
          readonly mode: 'sobretasa-por-mil';
          readonly perMil: string;
          readonly exact: string;
          readonly amount: number;
          readonly rounding: RoundingPolicy;
          readonly exempt: boolean;
        })
      | (RuleCitation & {
          readonly mode: 'porcentaje-transferido';
          readonly percent: string;
          /** What goes to the CAR if the impuesto is paid in full without discount (informative). */
          readonly transferOnFullPayment: number;
        })
      | null;
    readonly dueDate: RuleCitation & { readonly date: string };
  };
  /** The same reasoning in Spanish sentences, in order, for the official's screen and the audit log. */
  readonly explanation: readonly string[];
}

function pesosOf(value: number | bigint, field: string): bigint {
  if (typeof value === 'bigint') {
    if (value < 0n) throw invalidInput(field, 'El valor no puede ser negativo.');
    if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw invalidInput(field, 'El valor es demasiado grande.');
    return value;
  }
  if (!Number.isSafeInteger(value) || value < 0) {
    throw invalidInput(field, `«${value}» no es un valor en pesos válido (entero no negativo).`);
  }
  return BigInt(value);
}

const AREA = /^\d+(\.\d+)?$/;

function checkFacts(facts: PredialFacts, vigencia: number): void {
  if (!Number.isInteger(vigencia) || vigencia < 1990 || vigencia > 2100) {
    throw invalidInput('vigencia', `«${vigencia}» no es una vigencia válida.`);
  }
  pesosOf(facts.avaluo, 'avaluo');
  if (facts.avaluoAnterior !== null && facts.avaluoAnterior !== undefined) {
    pesosOf(facts.avaluoAnterior, 'avaluoAnterior');
  }
  if (facts.impuestoAnterior !== null && facts.impuestoAnterior !== undefined) {
    pesosOf(facts.impuestoAnterior, 'impuestoAnterior');
  }
  if (typeof facts.destino !== 'string' || facts.destino.trim() === '') {
    throw invalidInput('destino', 'Falta el destino económico del predio.');
  }
  const estrato = facts.estrato;
  if (
    estrato !== null &&
    estrato !== undefined &&
    (!Number.isInteger(estrato) || estrato < 0 || estrato > 6)
  ) {
    throw invalidInput('estrato', `«${estrato}» no es un estrato válido (1 a 6, o 0 sin estrato).`);
  }
  for (const field of ['areaTerrenoM2', 'areaConstruidaM2'] as const) {
    const area = facts[field];
    if (area !== null && area !== undefined && !(Number.isFinite(area) && AREA.test(String(area)))) {
      throw invalidInput(field, `«${area}» no es un área válida en metros cuadrados.`);
    }
  }
  for (const flag of facts.flags ?? []) {
    if (!PREDIO_FLAGS.includes(flag))
      throw invalidInput('flags', `«${flag}» no es una marca de predio conocida.`);
  }
}

function findTariff(rules: RuleSet, predio: PredioProfile, vigencia: number) {
  const candidates = rules.tariffs.filter(
    (row) => inVigencias(row.vigencias, vigencia) && matchesCondition(rules, row.when, predio, vigencia),
  );
  if (candidates.length > 1) {
    throw new LiquidationError(
      'TARIFA_AMBIGUA',
      `Más de una tarifa corresponde al predio en la vigencia ${vigencia}: ${candidates.map((row) => `«${row.label}»`).join(', ')}.`,
      'tariffs',
    );
  }
  return candidates[0] ?? null;
}

function describePredio(predio: PredioProfile): string {
  const parts = [`destino ${predio.destino}`];
  if (predio.estrato) parts.push(`estrato ${predio.estrato}`);
  if (predio.zona) parts.push(`zona ${predio.zona}`);
  return parts.join(', ');
}

/**
 * Liquidates the Impuesto Predial Unificado of one predio for one vigencia (taxes.md §1): the impuesto
 * (avalúo × tariff per mil, after the Ley 1995 limits) and the environmental component, each rounded by
 * the policy in force on 1 January of the vigencia (when the tax is caused), with every intermediate
 * figure and the rule behind it.
 */
export function liquidatePredial(facts: PredialFacts, vigencia: number, rules: RuleSet): PredialLiquidation {
  checkFacts(facts, vigencia);
  const avaluo = pesosOf(facts.avaluo, 'avaluo');
  const predio: PredioProfile = {
    destino: facts.destino.trim(),
    estrato: facts.estrato ?? null,
    zona: facts.zona ?? null,
    sector: facts.sector ?? null,
    flags: [...(facts.flags ?? [])],
    avaluo: toSafeNumber(avaluo),
    areaTerrenoM2: facts.areaTerrenoM2 ?? null,
  };
  const causedOn = `${vigencia}-01-01`;
  const explanation: string[] = [];

  const avaluoAnterior =
    facts.avaluoAnterior === null || facts.avaluoAnterior === undefined
      ? null
      : pesosOf(facts.avaluoAnterior, 'avaluoAnterior');
  const variation =
    avaluoAnterior && avaluoAnterior > 0n
      ? mul(sub(ratio(avaluo, avaluoAnterior), ratio(1)), ratio(100))
      : null;
  explanation.push(
    `Avalúo catastral ${vigencia}: ${formatPesos(avaluo)}` +
      (avaluoAnterior !== null ? ` (año anterior ${formatPesos(avaluoAnterior)}` : '') +
      (variation ? `, variación ${formatDecimal(variation, 2)} %)` : avaluoAnterior !== null ? ')' : '') +
      `; ${describePredio(predio)}.`,
  );

  const exemptions = rules.exemptions.filter(
    (row) =>
      row.enabled &&
      inVigencias(row.vigencias, vigencia) &&
      matchesCondition(rules, row.when, predio, vigencia),
  );
  const exemptConcepts = new Set(exemptions.flatMap((row) => row.concepts));
  for (const row of exemptions) {
    explanation.push(
      `Exención: ${row.label} (${row.concepts.join(', ')}) — ${row.source} ${row.confidence}.`,
    );
  }

  const impuestoExempt = exemptConcepts.has('impuesto');
  const tariff = findTariff(rules, predio, vigencia);
  if (!tariff && !impuestoExempt) {
    throw new LiquidationError(
      'TARIFA_NO_ENCONTRADA',
      `No hay tarifa del predial para la vigencia ${vigencia} y ${describePredio(predio)}.`,
      'tariffs',
    );
  }
  const uncapped = tariff ? mul(ratio(avaluo), perMilOf(tariff.perMil)) : ratio(0);
  if (tariff) {
    explanation.push(
      `Tarifa ${formatDecimal(tariff.perMil)} por mil («${tariff.label}», ${tariff.source} ${tariff.confidence}): ` +
        `${formatPesos(avaluo)} × ${formatDecimal(tariff.perMil)} / 1000 = ${formatDecimal(uncapped, 2)}.`,
    );
  }

  const taxPolicy = roundingPolicyFor(rules, 'impuesto', causedOn);
  const cap = applyCaps(uncapped, predio, facts.impuestoAnterior, vigencia, rules, taxPolicy);
  explanation.push(cap.reason);
  const impuesto = impuestoExempt ? 0 : cap.tax;
  explanation.push(
    impuestoExempt
      ? 'Impuesto predial: $0 (exento).'
      : `Impuesto predial: ${formatPesos(impuesto)} (` +
          (cap.roundedDownToRespectLimit
            ? `redondeado hacia abajo a múltiplos de ${formatPesos(taxPolicy.unit)} para no superar el límite legal`
            : `redondeo a ${describeRounding(taxPolicy)}`) +
          ').',
  );

  const dueDate = dueDateOf(rules, vigencia);
  const lines: DemandLine[] = [
    {
      vigencia,
      concept: 'impuesto',
      amount: impuesto,
      dueDate: dueDate.dueDate,
      interestBearing: true,
      exact: impuestoExempt ? '0' : cap.taxExact,
      predio,
    },
  ];

  const environmentalRow = rules.environmental.find((row) => inVigencias(row.vigencias, vigencia));
  let environmental: PredialLiquidation['detail']['environmental'] = null;
  if (environmentalRow?.mode === 'sobretasa-por-mil') {
    const exempt = exemptConcepts.has('sobretasaAmbiental');
    const exact = exempt ? ratio(0) : mul(ratio(avaluo), perMilOf(environmentalRow.perMil));
    const policy = roundingPolicyFor(rules, 'sobretasaAmbiental', causedOn);
    const amount = toSafeNumber(roundToPolicy(exact, policy));
    environmental = {
      mode: 'sobretasa-por-mil',
      label: 'Sobretasa ambiental (Ley 99 de 1993, art. 44)',
      source: environmentalRow.source,
      confidence: environmentalRow.confidence,
      perMil: toDecimalString(environmentalRow.perMil),
      exact: toDecimalString(exact),
      amount,
      rounding: policy,
      exempt,
    };
    lines.push({
      vigencia,
      concept: 'sobretasaAmbiental',
      amount,
      dueDate: dueDate.dueDate,
      interestBearing: true,
      exact: toDecimalString(exact),
      predio,
    });
    explanation.push(
      exempt
        ? 'Sobretasa ambiental: $0 (exento).'
        : `Sobretasa ambiental ${formatDecimal(environmentalRow.perMil)} por mil sobre el avalúo (${environmentalRow.source} ${environmentalRow.confidence}): ` +
            `${formatPesos(avaluo)} × ${formatDecimal(environmentalRow.perMil)} / 1000 = ${formatDecimal(exact, 2)} → ${formatPesos(amount)}.`,
    );
  } else if (environmentalRow?.mode === 'porcentaje-transferido') {
    const transfer = toSafeNumber(
      roundToPolicy(
        mul(ratio(impuesto), percentOf(environmentalRow.percent)),
        roundingPolicyFor(rules, 'transferenciaAmbiental', causedOn),
      ),
    );
    environmental = {
      mode: 'porcentaje-transferido',
      label: 'Porcentaje ambiental (Ley 99 de 1993, art. 44)',
      source: environmentalRow.source,
      confidence: environmentalRow.confidence,
      percent: toDecimalString(environmentalRow.percent),
      transferOnFullPayment: transfer,
    };
    explanation.push(
      `Componente ambiental: ${formatDecimal(environmentalRow.percent)} % de lo recaudado por impuesto se transfiere a la autoridad ambiental; ` +
        `no es un renglón a cargo del contribuyente (sobre el pago completo: ${formatPesos(transfer)}).`,
    );
  } else {
    explanation.push(`Sin componente ambiental configurado para la vigencia ${vigencia}.`);
  }
  explanation.push(
    `Vence el ${dueDate.dueDate}; desde el día siguiente se causan intereses de mora (${dueDate.source} ${dueDate.confidence}).`,
  );

  return {
    vigencia,
    lines,
    detail: {
      avaluo: toSafeNumber(avaluo),
      avaluoAnterior: avaluoAnterior === null ? null : toSafeNumber(avaluoAnterior),
      variacionAvaluoPercent: variation ? toDecimalString(variation, 4) : null,
      exemptions: exemptions.map((row) => ({
        label: row.label,
        source: row.source,
        confidence: row.confidence,
        concepts: row.concepts,
      })),
      tariff: tariff
        ? {
            label: tariff.label,
            source: tariff.source,
            confidence: tariff.confidence,
            perMil: toDecimalString(tariff.perMil),
          }
        : null,
      uncappedTax: toDecimalString(uncapped),
      cap,
      impuesto: {
        exact: impuestoExempt ? '0' : cap.taxExact,
        amount: impuesto,
        rounding: taxPolicy,
        exempt: impuestoExempt,
      },
      environmental,
      dueDate: {
        label: `Vencimiento de la vigencia ${vigencia}`,
        source: dueDate.source,
        confidence: dueDate.confidence,
        date: dueDate.dueDate,
      },
    },
    explanation,
  };
}

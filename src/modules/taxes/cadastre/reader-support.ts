// Pieces every reader shares: problems that carry the predio's codes, and the rule that a roll holds each
// predio once.

import type { PredioCodes } from './cadastral-fields.rules.ts';
import type { CadastralReadProblem, CadastralRecord } from './cadastral-record.ts';

export type ProblemOrigin = { archivo?: 'r2' };

/** The `predio`/`predioAnterior` fields of a problem, from whatever codes were read. */
export function predioOfProblem(
  codes: Pick<PredioCodes, 'nacional' | 'anterior'> | null | undefined,
): Pick<CadastralReadProblem, 'predio' | 'predioAnterior'> {
  if (!codes) return {};
  const predio = codes.nacional ?? codes.anterior;
  const result: Pick<CadastralReadProblem, 'predio' | 'predioAnterior'> = {};
  if (predio !== null) result.predio = predio;
  if (codes.nacional !== null && codes.anterior !== null) result.predioAnterior = codes.anterior;
  return result;
}

/** A problem object without undefined keys (keeps test expectations and JSON output tidy). */
export function problem(
  line: number,
  severity: CadastralReadProblem['severity'],
  code: string,
  detail: string,
  extra: {
    archivo?: 'r2' | undefined;
    field?: string | undefined;
    codes?: Pick<PredioCodes, 'nacional' | 'anterior'> | null | undefined;
  } = {},
): CadastralReadProblem {
  const result: CadastralReadProblem = { line, code, detail, severity };
  if (extra.archivo !== undefined) result.archivo = extra.archivo;
  if (extra.field !== undefined) result.field = extra.field;
  return { ...result, ...predioOfProblem(extra.codes) };
}

/** Identity of a predio inside one roll: the NPN, or the old code for records that have no NPN. */
export function identityOf(record: Pick<CadastralRecord, 'numeroPredialNacional' | 'numeroPredialAnterior'>) {
  return record.numeroPredialNacional !== null
    ? `N${record.numeroPredialNacional}`
    : `A${record.numeroPredialAnterior}`;
}

/**
 * A predio that appears twice in one roll (two rows with the same code) is left out with both lines
 * reported: the reader cannot know which copy is right, and keeping either could bill the wrong data.
 */
export function rejectDuplicatePredios(
  records: CadastralRecord[],
  problems: CadastralReadProblem[],
): CadastralRecord[] {
  const counts = new Map<string, number>();
  for (const record of records) {
    const identity = identityOf(record);
    counts.set(identity, (counts.get(identity) ?? 0) + 1);
  }
  if (records.length === counts.size) return records;
  const duplicates = new Map<string, CadastralRecord[]>();
  for (const record of records) {
    const identity = identityOf(record);
    if (counts.get(identity)! > 1) duplicates.set(identity, [...(duplicates.get(identity) ?? []), record]);
  }
  for (const same of duplicates.values()) {
    const record = same[0]!;
    const lines = same.map((r) => r.origen.lineas[0] ?? 0);
    problems.push(
      problem(
        lines[1] ?? 0,
        'error',
        'PREDIO_DUPLICATE',
        `El predio ${record.numeroPredialNacional ?? record.numeroPredialAnterior} aparece ${same.length} veces (líneas ${lines.join(', ')}); no se importó ninguna copia.`,
        { codes: { nacional: record.numeroPredialNacional, anterior: record.numeroPredialAnterior } },
      ),
    );
  }
  return records.filter((record) => counts.get(identityOf(record)) === 1);
}

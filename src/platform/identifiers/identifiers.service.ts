import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../db/database.ts';
import { identifierSequence } from './identifiers.schema.ts';

export interface IdentifierRequest {
  tenantId: string;
  /** Upper-case series code, e.g. 'PQRSD', 'RAD', 'FACT'. */
  series: string;
  year: number;
}

export interface Identifier {
  value: number;
  /** e.g. 2026-PQRSD-000123 */
  formatted: string;
}

const SERIES = /^[A-Z][A-Z0-9]{1,19}$/;

export function formatIdentifier(year: number, series: string, value: number): string {
  return `${year}-${series}-${String(value).padStart(6, '0')}`;
}

/**
 * The next consecutive number of a series, gap-free: call it inside the transaction that creates the
 * record. The upsert locks the series row until that transaction ends, so concurrent callers queue and a
 * rolled-back transaction gives its number back.
 */
export async function nextIdentifier(tx: DbOrTx, request: IdentifierRequest): Promise<Identifier> {
  if (!SERIES.test(request.series)) throw new RangeError(`Serie inválida: ${request.series}`);
  if (!Number.isInteger(request.year) || request.year < 2000 || request.year > 2999) {
    throw new RangeError(`Año inválido: ${request.year}`);
  }
  const [row] = await tx
    .insert(identifierSequence)
    .values({ tenantId: request.tenantId, series: request.series, year: request.year, lastValue: 1 })
    .onConflictDoUpdate({
      target: [identifierSequence.tenantId, identifierSequence.series, identifierSequence.year],
      set: { lastValue: sql`${identifierSequence.lastValue} + 1`, updatedAt: sql`now()` },
    })
    .returning({ value: identifierSequence.lastValue });
  return { value: row!.value, formatted: formatIdentifier(request.year, request.series, row!.value) };
}

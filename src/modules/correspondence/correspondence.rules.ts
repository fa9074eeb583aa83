import type { CorrespondenceDirection } from './correspondence.schema.ts';
import type { TrdRetention } from './trd.ts';

/** Each direction has its own consecutive series: 2026-CE-000001, 2026-CS-000001, 2026-CI-000001. */
export const RADICADO_SERIES: Readonly<Record<CorrespondenceDirection, 'CE' | 'CS' | 'CI'>> = {
  entrada: 'CE',
  salida: 'CS',
  interna: 'CI',
};

export const DIRECTION_LABELS: Readonly<Record<CorrespondenceDirection, string>> = {
  entrada: 'Entrada',
  salida: 'Salida',
  interna: 'Interna',
};

export const MEDIA = ['fisico', 'correo', 'web', 'mensajeria'] as const;
export type CorrespondenceMedium = (typeof MEDIA)[number];

export const MEDIUM_LABELS: Readonly<Record<CorrespondenceMedium, string>> = {
  fisico: 'Físico (ventanilla)',
  correo: 'Correo electrónico',
  web: 'Sede electrónica',
  mensajeria: 'Empresa de mensajería',
};

/** A radicado as people type it (any case, spaces around): «2026-ce-12» → «2026-CE-000012». */
export function normalizeRadicado(text: string): string | null {
  const match = /^\s*(\d{4})-([A-Za-z]{2,5})-(\d{1,6})\s*$/.exec(text);
  if (!match) return null;
  return `${match[1]}-${match[2]!.toUpperCase()}-${match[3]!.padStart(6, '0')}`;
}

/** Visible ASCII, 8 to 80 characters: a UUID, a ULID or a client's own transaction id. */
const IDEMPOTENCY_KEY = /^[\x21-\x7E]{8,80}$/;

export function isValidIdempotencyKey(value: string): boolean {
  return IDEMPOTENCY_KEY.test(value);
}

/**
 * The consecutive series of an expediente's number: one per TRD code and year («140.20.1» → EXP140X20X1),
 * so each series or subseries numbers its own expedientes.
 */
export function expedienteSeries(trdCode: string): string {
  return `EXP${trdCode.replaceAll('.', 'X')}`;
}

/** «2026-140.20.1-0003»: year, TRD code (which starts with the office code), consecutive. */
export function formatExpedienteCode(year: number, trdCode: string, value: number): string {
  return `${year}-${trdCode}-${String(value).padStart(4, '0')}`;
}

/** Bogotá has had no daylight saving since 1993: a calendar day there is [00:00 −05:00, next day). */
export function bogotaDayStart(date: string): Date {
  return new Date(`${date}T00:00:00-05:00`);
}

export function bogotaDayEnd(date: string): Date {
  return new Date(bogotaDayStart(date).getTime() + 24 * 60 * 60 * 1000);
}

export interface FoliatedEntry {
  folios: number;
}

/** The índice's foliation: each document's first and last folio, counted across the expediente in order. */
export function foliate<T extends FoliatedEntry>(
  entries: readonly T[],
): (T & { order: number; folioStart: number | null; folioEnd: number | null })[] {
  let next = 1;
  return entries.map((entry, index) => {
    if (entry.folios <= 0) return { ...entry, order: index + 1, folioStart: null, folioEnd: null };
    const start = next;
    next += entry.folios;
    return { ...entry, order: index + 1, folioStart: start, folioEnd: next - 1 };
  });
}

export interface RetentionSchedule {
  /** Year the expediente goes to the archivo central: closing year + years in the archivo de gestión. */
  transferYear: number;
  /** Year of its final disposition: transfer year + years in the archivo central. */
  dispositionYear: number;
}

/** Retention counts whole years from the closing of the expediente (Acuerdo AGN 004 de 2019). */
export function retentionSchedule(closedYear: number, retention: TrdRetention): RetentionSchedule {
  const transferYear = closedYear + retention.gestion;
  return { transferYear, dispositionYear: transferYear + retention.central };
}

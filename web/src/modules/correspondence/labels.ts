import type { SelectOption } from '../../platform/fields';
import type { Direction, Medium, TrdCatalogue, TrdRef } from './types';

export const BASE = '/api/v1/correspondencia';
export const ADMIN = '/admin/correspondencia';

export const DIRECTION_LABELS: Record<Direction, string> = {
  entrada: 'Entrada',
  salida: 'Salida',
  interna: 'Interna',
};

export const MEDIUM_LABELS: Record<Medium, string> = {
  fisico: 'Físico (ventanilla)',
  correo: 'Correo electrónico',
  web: 'Sede electrónica',
  mensajeria: 'Empresa de mensajería',
};

export const STATUS_LABELS = { abierto: 'Abierto', cerrado: 'Cerrado' } as const;

export const optionsOf = (labels: Record<string, string>): SelectOption[] =>
  Object.entries(labels).map(([value, label]) => ({ value, label }));

/** «140.20.1 Derechos de petición (PQRSD): Peticiones…», or «—» without classification. */
export function trdLabel(trd: TrdRef | null): string {
  if (!trd) return 'Sin clasificar';
  return trd.subseriesCode
    ? `${trd.subseriesCode} ${trd.seriesName}: ${trd.subseriesName}`
    : `${trd.seriesCode} ${trd.seriesName}`;
}

/**
 * The TRD codes of a dependencia as select options. `leavesOnly` keeps the codes that carry retention
 * times (what an expediente needs): subseries, and series without subseries.
 */
export function trdOptions(
  catalogue: TrdCatalogue | null,
  dependencia: string,
  leavesOnly: boolean,
): SelectOption[] {
  const office = catalogue?.dependencias.find((row) => row.code === dependencia);
  const options: SelectOption[] = [];
  for (const series of office?.series ?? []) {
    if (!leavesOnly || series.subseries.length === 0) {
      options.push({ value: series.code, label: `${series.code} ${series.name}` });
    }
    for (const child of series.subseries) {
      options.push({ value: child.code, label: `${child.code} ${series.name}: ${child.name}` });
    }
  }
  return options;
}

export function dependenciaOptions(catalogue: TrdCatalogue | null): SelectOption[] {
  return (catalogue?.dependencias ?? []).map((row) => ({ value: row.code, label: row.name }));
}

export { newIdempotencyKey } from '../../app/api';

export function formatSize(bytes: number): string {
  if (bytes >= 1024 * 1024)
    return `${(bytes / (1024 * 1024)).toLocaleString('es-CO', { maximumFractionDigits: 1 })} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024).toLocaleString('es-CO')} KB`;
  return `${bytes} bytes`;
}

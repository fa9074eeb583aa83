import type { DueCategory, SlaStatus } from './types';

/** Where the pages live (inside the back office) and the API they call. */
export const HELPDESK_BASE = '/admin/mesa-de-ayuda';
export const HELPDESK_API = '/api/v1/mesa-de-ayuda';

/** The permissions of src/modules/helpdesk/helpdesk.authz.ts. */
export const HELPDESK_PERMISSIONS = {
  open: 'helpdesk.tickets.open',
  work: 'helpdesk.tickets.work',
  assign: 'helpdesk.tickets.assign',
  reports: 'helpdesk.reports.read',
} as const;

export const DUE_BADGES: Record<DueCategory, string> = {
  vencido: 'badge badge--danger',
  vence_hoy: 'badge badge--pendiente',
  por_vencer: 'badge badge--pendiente',
  en_termino: 'badge badge--success',
  pausado: 'badge badge--en_proceso',
  cerrado: 'badge',
};

export const SLA_STATUS_LABELS: Record<SlaStatus, string> = {
  cumplido: 'Cumplido',
  incumplido: 'Incumplido',
  pendiente: 'En curso',
  no_aplica: 'No aplica',
};

export const SLA_STATUS_BADGES: Record<SlaStatus, string> = {
  cumplido: 'badge badge--success',
  incumplido: 'badge badge--danger',
  pendiente: 'badge badge--en_proceso',
  no_aplica: 'badge',
};

/** Badge of a ticket's state. */
export function stateBadge(state: string): string {
  if (state === 'cerrado') return 'badge badge--success';
  if (state === 'cancelado') return 'badge';
  if (state === 'resuelto' || state === 'esperando_usuario') return 'badge badge--pendiente';
  return 'badge badge--en_proceso';
}

const hoursFormat = new Intl.NumberFormat('es-CO', { maximumFractionDigits: 2 });

/** «1,5 h», «—» when there is no figure. */
export function formatHours(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : `${hoursFormat.format(value)} h`;
}

export function formatPercent(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : `${hoursFormat.format(value)} %`;
}

/** The server's field messages start with the field's path ("subject: …"); people need only the rest. */
export function withoutFieldPrefix(message: string): string {
  return message.replace(/^[\w.[\]-]+: /, '');
}

export function cleanFieldErrors(fields: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(fields).map(([name, text]) => [name, withoutFieldPrefix(text)]));
}

/** The server's detail without the "Revise el campo «x»: x: " prefix of validation errors. */
export function cleanMessage(message: string): string {
  return withoutFieldPrefix(message.replace(/^Revise el campo «[^»]+»: /, ''));
}

export function todayInBogota(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Bogota' }).format(new Date());
}

export function formatSize(bytes: number): string {
  if (bytes >= 1024 * 1024)
    return `${(bytes / (1024 * 1024)).toLocaleString('es-CO', { maximumFractionDigits: 1 })} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} bytes`;
}

import type { JobState, OutboxStatus, UserStatus } from './types';

export const USER_STATUS_LABELS: Record<UserStatus, string> = {
  activo: 'Activo',
  inactivo: 'Inactivo',
  pendiente: 'Pendiente de activación',
};

export const USER_KIND_LABELS: Record<string, string> = {
  ciudadano: 'Ciudadano',
  funcionario: 'Funcionario',
};

export const JOB_STATE_LABELS: Record<JobState, string> = {
  en_cola: 'En cola',
  en_proceso: 'En proceso',
  completado: 'Completado',
  fallido: 'Fallido',
};

export const OUTBOX_STATUS_LABELS: Record<OutboxStatus, string> = {
  pendiente: 'Pendiente',
  enviado: 'Enviado',
  fallido: 'Fallido',
};

export const CHANNEL_LABELS: Record<string, string> = {
  email: 'Correo electrónico',
  sms: 'SMS',
};

export function isJobRunning(state: JobState): boolean {
  return state === 'en_cola' || state === 'en_proceso';
}

export function fileUrl(fileId: string): string {
  return `/api/v1/files/${encodeURIComponent(fileId)}`;
}

export const PAGE_SIZE = 20;

/** Reads a positive page number from the query string. */
export function pageFrom(value: string | null): number {
  const page = Number(value);
  return Number.isInteger(page) && page > 0 ? page : 1;
}

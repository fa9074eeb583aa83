import type { Dependencia, UserKind } from '../../app/types';

export type UserStatus = 'activo' | 'inactivo' | 'pendiente';

export interface UserSummary {
  id: string;
  kind: UserKind;
  fullName: string;
  email: string;
  dependencia: Dependencia | null;
  roles: string[];
  status: UserStatus;
  createdAt: string;
}

export interface Role {
  code: string;
  name: string;
  description: string;
  permissions: string[];
}

export interface AuditEntry {
  id: string;
  at: string;
  actor: { id: string; label: string } | null;
  action: string;
  entityType: string;
  entityId: string | null;
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
  details: unknown;
}

export type JobState = 'en_cola' | 'en_proceso' | 'completado' | 'fallido';

export interface Job {
  id: string;
  queue: string;
  label: string;
  state: JobState;
  done: number;
  total: number;
  message: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  resultFileId: string | null;
}

export type OutboxStatus = 'pendiente' | 'enviado' | 'fallido';

export interface OutboxMessage {
  id: string;
  channel: 'email' | 'sms';
  recipient: string;
  template: string;
  subject: string | null;
  status: OutboxStatus;
  attempts: number;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
}

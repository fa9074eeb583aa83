import type { CalendarDate } from '../../calendar/index.ts';

/** A term in Colombian business days; it ends at the end of its last day (23:59:59.999, Bogotá). */
export interface BusinessDaysSla {
  readonly unit: 'businessDays';
  readonly amount: number;
}

/** Office hours on Bogotá's wall clock, "HH:MM", start < end; only business days have them. */
export interface OfficeHours {
  readonly start: string;
  readonly end: string;
}

/** A term in office hours on business days (IT help desk): it ends the instant the last hour is used. */
export interface BusinessHoursSla {
  readonly unit: 'businessHours';
  readonly amount: number;
  readonly hours: OfficeHours;
}

export type Sla = BusinessDaysSla | BusinessHoursSla;
export type SlaUnit = Sla['unit'];

/**
 * One fact in a clock's append-only history. `slaChanged` replaces the SLA (the case's type or priority
 * changed); the new one is measured from the original start and keeps every pause.
 */
export type ClockEvent =
  | { readonly type: 'started'; readonly at: Date; readonly sla: Sla }
  | { readonly type: 'paused'; readonly at: Date; readonly reason: string }
  | { readonly type: 'resumed'; readonly at: Date }
  | { readonly type: 'slaChanged'; readonly at: Date; readonly sla: Sla }
  | { readonly type: 'stopped'; readonly at: Date };

export type ClockEventType = ClockEvent['type'];

/** Business time in the unit of the SLA in force: whole business days, or milliseconds of office hours. */
export type BusinessDuration =
  | { readonly unit: 'businessDays'; readonly days: number }
  | { readonly unit: 'businessHours'; readonly milliseconds: number };

export interface PausedSpan {
  readonly from: Date;
  /** null while the clock is still paused; the stop instant when the case was closed while paused. */
  readonly to: Date | null;
  readonly reason: string;
  /** Business time inside the span (an open span: up to `now`). */
  readonly businessTime: BusinessDuration;
}

export type ClockStatus = 'running' | 'paused' | 'stopped';

export interface ClockState {
  readonly status: ClockStatus;
  /** The SLA in force at `now` (the last `started` or `slaChanged`). */
  readonly sla: Sla;
  readonly startedAt: Date;
  readonly stoppedAt: Date | null;
  /**
   * Deadline: start + SLA + the business time paused before it. While paused it is the deadline if the
   * clock resumed now, so it keeps moving as long as the pause lasts.
   */
  readonly dueAt: Date;
  /** Bogotá calendar date of dueAt. */
  readonly dueOn: CalendarDate;
  /** Business time the clock has run (counts past the SLA once breached). */
  readonly elapsed: BusinessDuration;
  /** SLA minus elapsed, never below zero. */
  readonly remaining: BusinessDuration;
  /** Total business time inside all paused spans. */
  readonly paused: BusinessDuration;
  readonly pausedSpans: readonly PausedSpan[];
  /** The clock ran (or is running) past dueAt. */
  readonly breached: boolean;
  /** The deadline that was missed (dueAt) when breached, else null. */
  readonly breachedAt: Date | null;
}

export interface ClockOptions {
  /**
   * Business-day SLAs: an event at or after this Bogotá time ("HH:MM") counts for the next business day,
   * like a radicación after closing time; null = never. Default "17:00".
   */
  readonly filingClosesAt?: string | null;
}

/** Inbox filters of a case by its clock. */
export const DUE_CATEGORIES = [
  'vencido',
  'vence_hoy',
  'por_vencer',
  'en_termino',
  'pausado',
  'cerrado',
] as const;
export type DueCategory = (typeof DUE_CATEGORIES)[number];

export const DUE_CATEGORY_LABELS: Readonly<Record<DueCategory, string>> = {
  vencido: 'Vencido',
  vence_hoy: 'Vence hoy',
  por_vencer: 'Por vencer',
  en_termino: 'En término',
  pausado: 'Término suspendido',
  cerrado: 'Cerrado',
};

export interface DueCategoryOptions {
  /** "Por vencer" when the due date is at most this many business days after today (0 = never). */
  readonly warnBusinessDays: number;
}

import { type ClockEvent, clockState, type Sla } from '../../platform/workflow/clock/index.ts';
import { toClockEvents } from '../../platform/workflow/engine/index.ts';

/**
 * The two service levels of a ticket, measured on the case's own clock history: the time to the first
 * answer of a technician, and the time to the solution. Both count office hours on Colombian business days
 * and leave out the time the ticket waited for the requester (the clock's pauses), and both are read on the
 * SLA in force now, from the original opening (the clock's rule: a priority change keeps every pause).
 * Pure functions: the service and the reports call them with the stored events.
 */

export type SlaStatus = 'cumplido' | 'incumplido' | 'pendiente';

export interface SlaMeasure {
  /** Business time (ms of office hours, pauses left out) from the opening to the mark, or to now. */
  readonly businessMs: number;
  /** When the SLA runs out (moves with every pause that began before it). */
  readonly dueAt: Date;
  /** Met, missed, or still running and not yet missed. */
  readonly status: SlaStatus;
  /** The instant that answered it (first response, solution), or null while pending. */
  readonly at: Date | null;
}

/** The clock events as the case stores them (ISO instants) → as the clock reads them. */
export const fromStoredEvents = toClockEvents;

/** The case's events read on another SLA: the first-response clock shares the pauses of the solution one. */
function onSla(events: readonly ClockEvent[], sla: Sla): ClockEvent[] {
  return events
    .filter((event) => event.type !== 'slaChanged')
    .map((event) => (event.type === 'started' ? { type: 'started', at: event.at, sla } : event));
}

/**
 * How an SLA stands for a case whose clock history is `events`: met or missed at `mark` (the first response,
 * the solution), or, without a mark, pending until `now` passes the due instant.
 */
export function measureSla(
  events: readonly ClockEvent[],
  sla: Sla,
  mark: Date | null,
  now: Date,
): SlaMeasure {
  const rebased = onSla(events, sla);
  if (mark) {
    const upToMark = rebased.filter((event) => event.at.getTime() <= mark.getTime());
    const alreadyStopped = upToMark.some((event) => event.type === 'stopped');
    const history: ClockEvent[] = alreadyStopped ? upToMark : [...upToMark, { type: 'stopped', at: mark }];
    const state = clockState(history, latest(history, mark), { filingClosesAt: null });
    return {
      businessMs: elapsedMs(state.elapsed),
      dueAt: state.dueAt,
      status: state.breached ? 'incumplido' : 'cumplido',
      at: mark,
    };
  }
  const state = clockState(rebased, latest(rebased, now), { filingClosesAt: null });
  const missed = state.breached || (state.status === 'running' && now.getTime() > state.dueAt.getTime());
  return {
    businessMs: elapsedMs(state.elapsed),
    dueAt: state.dueAt,
    status: missed ? 'incumplido' : 'pendiente',
    at: null,
  };
}

function elapsedMs(duration: { unit: string; milliseconds?: number; days?: number }): number {
  return duration.unit === 'businessHours' ? (duration.milliseconds ?? 0) : (duration.days ?? 0) * 86_400_000;
}

/** Never ask the clock about a moment before its last event (a test's clock may run behind). */
function latest(events: readonly ClockEvent[], at: Date): Date {
  const last = events.at(-1)?.at;
  return last && last.getTime() > at.getTime() ? last : at;
}

export const MS_PER_HOUR = 3_600_000;

/** Hours with two decimals, as the reports show them. */
export const toHours = (ms: number) => Math.round((ms / MS_PER_HOUR) * 100) / 100;

export function mean(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Share met among those measured (met or missed), as a percentage with one decimal; null when none. */
export function compliancePercent(met: number, measured: number): number | null {
  if (measured === 0) return null;
  return Math.round((met / measured) * 1000) / 10;
}

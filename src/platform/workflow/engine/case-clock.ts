// Converting the clock events between their stored (JSON) and computed (Date) forms, and deriving the
// columns the inbox sorts and filters on.
import { toBogotaDate } from '../../calendar/index.ts';
import type { ClockEvent, ClockOptions, ClockState, Sla } from '../clock/index.ts';
import { clockState } from '../clock/index.ts';
import type { StoredClockEvent } from '../workflow.schema.ts';

export function toClockEvents(stored: readonly StoredClockEvent[]): ClockEvent[] {
  return stored.map((event) => {
    const at = new Date(event.at);
    switch (event.type) {
      case 'started':
        return { type: 'started', at, sla: event.sla as unknown as Sla };
      case 'slaChanged':
        return { type: 'slaChanged', at, sla: event.sla as unknown as Sla };
      case 'paused':
        return { type: 'paused', at, reason: event.reason };
      case 'resumed':
        return { type: 'resumed', at };
      default:
        return { type: 'stopped', at };
    }
  });
}

export function toStoredClockEvents(events: readonly ClockEvent[]): StoredClockEvent[] {
  return events.map((event) => {
    const at = event.at.toISOString();
    switch (event.type) {
      case 'started':
        return { type: 'started', at, sla: { ...event.sla } };
      case 'slaChanged':
        return { type: 'slaChanged', at, sla: { ...event.sla } };
      case 'paused':
        return { type: 'paused', at, reason: event.reason };
      case 'resumed':
        return { type: 'resumed', at };
      default:
        return { type: 'stopped', at };
    }
  });
}

export interface ClockColumns {
  clockStatus: 'running' | 'paused' | 'stopped';
  dueAt: Date;
  dueOn: string;
}

/** The stored columns for a clock history as of `now`. */
export function clockColumns(events: readonly ClockEvent[], now: Date, options: ClockOptions): ClockColumns {
  const state = clockState(events, latest(events, now), options);
  return { clockStatus: state.status, dueAt: state.dueAt, dueOn: state.dueOn };
}

/** The clock as of now (never before its last event, so a case opened "in the future" by a test reads). */
export function currentClock(events: readonly ClockEvent[], now: Date, options: ClockOptions): ClockState {
  return clockState(events, latest(events, now), options);
}

function latest(events: readonly ClockEvent[], now: Date): Date {
  const last = events.at(-1)?.at;
  return last && last.getTime() > now.getTime() ? last : now;
}

/** When a state's own SLA, started at `enteredAt`, runs out. */
export function stateDueAt(sla: Sla | undefined, enteredAt: Date): Date | null {
  if (!sla) return null;
  // A state's term starts counting when the case enters it, not by the filing-hours rule.
  return clockState([{ type: 'started', at: enteredAt, sla }], enteredAt, { filingClosesAt: null }).dueAt;
}

export const bogotaToday = (now: Date) => toBogotaDate(now);

// Builders shared by the clock's tests: instants on Bogotá's wall clock and readable events.
import type { BusinessDaysSla, BusinessHoursSla, ClockEvent, Sla } from './clock.types.ts';

/** "2026-03-02T10:00" read on Bogotá's clock (UTC−5 since 1993). */
export const bogota = (local: string): Date => new Date(`${local}-05:00`);

export const businessDays = (amount: number): BusinessDaysSla => ({ unit: 'businessDays', amount });
export const officeHours = (amount: number, start = '08:00', end = '17:00'): BusinessHoursSla => ({
  unit: 'businessHours',
  amount,
  hours: { start, end },
});

export const HOUR = 3_600_000;
export const MINUTE = 60_000;

const instant = (at: Date | string) => (typeof at === 'string' ? bogota(at) : at);

export const started = (at: Date | string, sla: Sla): ClockEvent => ({
  type: 'started',
  at: instant(at),
  sla,
});
export const paused = (at: Date | string, reason = 'Solicitud de completar la petición'): ClockEvent => ({
  type: 'paused',
  at: instant(at),
  reason,
});
export const resumed = (at: Date | string): ClockEvent => ({ type: 'resumed', at: instant(at) });
export const slaChanged = (at: Date | string, sla: Sla): ClockEvent => ({
  type: 'slaChanged',
  at: instant(at),
  sla,
});
export const stopped = (at: Date | string): ClockEvent => ({ type: 'stopped', at: instant(at) });

/** The error `run` throws (fails the test when it throws nothing). */
export function thrownBy(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('se esperaba un error y no se lanzó ninguno');
}

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { BusinessHoursSla, ClockEvent } from '../../platform/workflow/clock/index.ts';
import { compliancePercent, measureSla, median, toHours } from './helpdesk.sla.ts';

const bogota = (local: string) => new Date(`${local}-05:00`);
const HOUR = 3_600_000;
const MINUTE = 60_000;
const hours = (amount: number): BusinessHoursSla => ({
  unit: 'businessHours',
  amount,
  hours: { start: '07:30', end: '16:30' },
});
const started = (at: Date, amount = 9): ClockEvent => ({ type: 'started', at, sla: hours(amount) });

describe('time to first response and to solution in business hours', () => {
  it('counts only office time: Friday 16:00 to Monday 08:00 is one business hour', () => {
    const opened = bogota('2026-03-06T16:00:00');
    const events = [started(opened)];
    const monday = bogota('2026-03-09T08:00:00');
    const onTime = measureSla(events, hours(1), monday, monday);
    expect(onTime).toMatchObject({ businessMs: HOUR, status: 'cumplido' });
    expect(onTime.dueAt.toISOString()).toBe(monday.toISOString());
    const late = measureSla(events, hours(1), new Date(monday.getTime() + 1), monday);
    expect(late.status).toBe('incumplido');
  });

  it('skips holidays: San José (Monday 23 March 2026) does not count', () => {
    const opened = bogota('2026-03-20T16:00:00');
    const answered = bogota('2026-03-24T08:00:00');
    expect(measureSla([started(opened)], hours(2), answered, answered).businessMs).toBe(HOUR);
  });

  it('leaves out the time waiting for the requester, and the wait after the solution', () => {
    const opened = bogota('2026-03-02T08:00:00');
    const events: ClockEvent[] = [
      started(opened),
      { type: 'paused', at: bogota('2026-03-02T09:00:00'), reason: 'Esperando al usuario' },
      { type: 'resumed', at: bogota('2026-03-03T09:00:00') },
      // Resolved: the «resuelto» state pauses the clock too.
      { type: 'paused', at: bogota('2026-03-03T10:00:00'), reason: 'Resuelto' },
    ];
    const solved = bogota('2026-03-03T10:00:00');
    const measure = measureSla(events, hours(9), solved, bogota('2026-03-05T10:00:00'));
    expect(toHours(measure.businessMs)).toBe(2);
    expect(measure.status).toBe('cumplido');
    // Without leaving the pause out it would be 11 business hours and missed.
    expect(measureSla([started(opened)], hours(9), solved, solved).status).toBe('incumplido');
  });

  it('reads a priority change from the original opening and keeps the pauses', () => {
    const opened = bogota('2026-03-02T08:00:00');
    const events: ClockEvent[] = [
      started(opened, 45),
      { type: 'paused', at: bogota('2026-03-02T10:00:00'), reason: 'Esperando al usuario' },
      { type: 'resumed', at: bogota('2026-03-03T10:00:00') },
      { type: 'slaChanged', at: bogota('2026-03-03T11:00:00'), sla: hours(4) },
    ];
    const now = bogota('2026-03-03T12:00:00');
    const changed = measureSla(events, hours(4), null, now);
    // 2 h before the pause and 2 h after it: the 4-hour SLA runs out now, 9 paused hours later.
    expect(changed.businessMs).toBe(4 * HOUR);
    expect(changed.dueAt.toISOString()).toBe(now.toISOString());
    expect(changed.status).toBe('pendiente');
    expect(measureSla(events, hours(4), null, new Date(now.getTime() + MINUTE)).status).toBe('incumplido');
  });

  it('is pending until due, then missed, while nobody answers', () => {
    const opened = bogota('2026-03-02T08:00:00');
    const events = [started(opened)];
    expect(measureSla(events, hours(2), null, bogota('2026-03-02T09:59:00')).status).toBe('pendiente');
    expect(measureSla(events, hours(2), null, bogota('2026-03-02T10:01:00')).status).toBe('incumplido');
  });

  // Whole minutes in 2026–2030, any hour; then runs of work and pauses of up to three days.
  const historyArb = fc
    .record({
      start: fc
        .integer({
          min: Date.parse('2026-01-01T05:00:00Z') / MINUTE,
          max: Date.parse('2030-12-01T05:00:00Z') / MINUTE,
        })
        .map((minute) => new Date(minute * MINUTE)),
      segments: fc.array(
        fc.record({
          run: fc.integer({ min: 0, max: 3 * 1440 }),
          pause: fc.integer({ min: 0, max: 3 * 1440 }),
        }),
        { maxLength: 4 },
      ),
      tail: fc.integer({ min: 0, max: 5 * 1440 }),
      amount: fc.integer({ min: 1, max: 60 }),
    })
    .map(({ start, segments, tail, amount }) => {
      const events: ClockEvent[] = [started(start, amount)];
      let at = start.getTime();
      for (const { run, pause } of segments) {
        at += run * MINUTE;
        events.push({ type: 'paused', at: new Date(at), reason: 'Esperando al usuario' });
        at += pause * MINUTE;
        events.push({ type: 'resumed', at: new Date(at) });
      }
      at += tail * MINUTE;
      return { events, mark: new Date(at), amount };
    });

  it('meets the SLA when it took less business time than the SLA, and misses it when more', () => {
    fc.assert(
      fc.property(historyArb, ({ events, mark, amount }) => {
        const measure = measureSla(events, hours(amount), mark, mark);
        const sla = amount * HOUR;
        if (measure.businessMs < sla) expect(measure.status).toBe('cumplido');
        if (measure.businessMs > sla) expect(measure.status).toBe('incumplido');
        if (measure.status === 'cumplido') expect(measure.businessMs).toBeLessThanOrEqual(sla);
      }),
      { numRuns: 400 },
    );
  });

  it('measures the same business time whatever the SLA, and the first response never after the solution', () => {
    fc.assert(
      fc.property(historyArb, fc.integer({ min: 1, max: 60 }), ({ events, mark }, other) => {
        const a = measureSla(events, hours(1), mark, mark);
        const b = measureSla(events, hours(other), mark, mark);
        expect(b.businessMs).toBe(a.businessMs);
        // An earlier mark (a first response before the solution) never measures more time.
        const earlier = new Date(events[0]!.at.getTime() + (mark.getTime() - events[0]!.at.getTime()) / 2);
        expect(measureSla(events, hours(1), earlier, mark).businessMs).toBeLessThanOrEqual(a.businessMs);
      }),
      { numRuns: 300 },
    );
  });
});

describe('report arithmetic', () => {
  it('computes medians and compliance percentages', () => {
    expect(median([])).toBeNull();
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(compliancePercent(0, 0)).toBeNull();
    expect(compliancePercent(2, 3)).toBe(66.7);
    expect(compliancePercent(3, 3)).toBe(100);
  });
});

// Properties of the SLA clock over generated histories: runs of work and pauses, then a tail that is still
// running, paused, or stopped. Instants fall on whole minutes so closing times and openings are hit exactly.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bogotaInstant } from './bogota-time.ts';
import { addOfficeTime, countingDay, officeTimeBetween, officeWindowOf } from './business-time.ts';
import { clockState } from './clock.rules.ts';
import {
  businessDays,
  MINUTE,
  officeHours,
  paused,
  resumed,
  slaChanged,
  started,
  stopped,
} from './clock.testing.ts';
import type { BusinessDuration, ClockEvent, ClockState, Sla } from './clock.types.ts';

const DAY_MINUTES = 24 * 60;

interface Segment {
  /** Minutes running, then minutes paused. */
  readonly run: number;
  readonly pause: number;
}

interface Plan {
  readonly start: Date;
  readonly sla: Sla;
  readonly segments: readonly Segment[];
  readonly tailRun: number;
  readonly tail: 'running' | 'paused' | 'stopped' | 'pausedThenStopped';
  readonly nowAfter: number;
}

// Whole minutes, half of them on the hour, from 2025 to 2032 (inside the oracle's 2020–2035).
const startArb = fc
  .tuple(
    fc.integer({
      min: Date.parse('2025-01-01T05:00:00Z') / MINUTE,
      max: Date.parse('2032-12-31T05:00:00Z') / MINUTE,
    }),
    fc.boolean(),
  )
  .map(([minute, onTheHour]) => new Date((onTheHour ? minute - (minute % 60) : minute) * MINUTE));

const slaArb: fc.Arbitrary<Sla> = fc.oneof(
  fc.integer({ min: 1, max: 30 }).map(businessDays),
  fc
    .tuple(
      fc.integer({ min: 1, max: 60 }),
      fc.constantFrom('07:00', '08:00', '08:30'),
      fc.constantFrom('12:00', '17:00', '18:00'),
    )
    .map(([amount, start, end]) => officeHours(amount, start, end)),
);

// Minutes, with the boundaries people hit in practice (same instant, an hour, a working day, a day) overweighted.
const gapArb = (maxDays: number) =>
  fc.oneof(
    fc.integer({ min: 0, max: maxDays * DAY_MINUTES }),
    fc.constantFrom(0, 60, 9 * 60, DAY_MINUTES, 3 * DAY_MINUTES),
  );

const planArb: fc.Arbitrary<Plan> = fc.record({
  start: startArb,
  sla: slaArb,
  segments: fc.array(fc.record({ run: gapArb(8), pause: gapArb(8) }), { maxLength: 3 }),
  tailRun: gapArb(10),
  tail: fc.constantFrom('running', 'paused', 'stopped', 'pausedThenStopped'),
  nowAfter: gapArb(20),
});

const plus = (instant: Date, minutes: number) => new Date(instant.getTime() + minutes * MINUTE);

interface Tweak {
  /** Leave out every pause and resume (the instants stay where they were). */
  readonly withoutPauses?: boolean;
  /** Pause and resume at the same instant, `fraction` of the way into segment i's run. */
  readonly zeroPause?: { readonly segment: number; readonly fraction: number };
  /** Split segment i's pause in two adjacent pauses, `fraction` of the way into it. */
  readonly splitPause?: { readonly segment: number; readonly fraction: number };
}

function build(plan: Plan, tweak: Tweak = {}): { events: ClockEvent[]; now: Date } {
  const events: ClockEvent[] = [started(plan.start, plan.sla)];
  let t = plan.start;
  plan.segments.forEach((segment, index) => {
    if (tweak.zeroPause?.segment === index) {
      const at = plus(t, Math.floor(segment.run * tweak.zeroPause.fraction));
      events.push(paused(at, 'Pausa de un instante'), resumed(at));
    }
    t = plus(t, segment.run);
    const pausedAt = t;
    t = plus(t, segment.pause);
    if (tweak.withoutPauses) return;
    if (tweak.splitPause?.segment === index) {
      const middle = plus(pausedAt, Math.floor(segment.pause * tweak.splitPause.fraction));
      events.push(paused(pausedAt), resumed(middle), paused(middle), resumed(t));
    } else {
      events.push(paused(pausedAt), resumed(t));
    }
  });
  t = plus(t, plan.tailRun);
  if (plan.tail !== 'running' && plan.tail !== 'stopped' && !tweak.withoutPauses) events.push(paused(t));
  if (plan.tail === 'stopped' || plan.tail === 'pausedThenStopped') events.push(stopped(plus(t, 60)));
  const last = events[events.length - 1]!.at;
  return { events, now: plus(last > t ? last : t, plan.nowAfter) };
}

/** Inserts `event` in time order, after any event at the same instant, never before `started`. */
function insert(events: readonly ClockEvent[], event: ClockEvent): ClockEvent[] {
  const index = events.findIndex((other, i) => i > 0 && other.at > event.at);
  const at = index === -1 ? events.length : index;
  return [...events.slice(0, at), event, ...events.slice(at)];
}

/** An instant `fraction` of the way from the start to the last event before the tail (never after a stop). */
function instantBeforeTail(plan: Plan, fraction: number): Date {
  const span = plan.segments.reduce((total, s) => total + s.run + s.pause, 0) + plan.tailRun;
  return plus(plan.start, Math.floor(span * fraction));
}

const amountOf = (duration: BusinessDuration) =>
  duration.unit === 'businessDays' ? duration.days : duration.milliseconds;
const slaAmount = (sla: Sla) => (sla.unit === 'businessDays' ? sla.amount : sla.amount * 3_600_000);

/** Everything but the list of spans, which records the extra (empty) pauses. */
function withoutSpans(state: ClockState) {
  const { pausedSpans: _spans, ...rest } = state;
  return rest;
}

const fraction = fc.double({ min: 0, max: 1, noNaN: true });

describe('SLA clock properties', () => {
  it('never moves the due date earlier because of pauses', () => {
    fc.assert(
      fc.property(planArb, (plan) => {
        const withPauses = build(plan);
        const without = build(plan, { withoutPauses: true });
        const dueWith = clockState(withPauses.events, withPauses.now).dueAt;
        const dueWithout = clockState(without.events, withPauses.now).dueAt;
        expect(dueWith.getTime()).toBeGreaterThanOrEqual(dueWithout.getTime());
      }),
    );
  });

  it('is unchanged by a pause and a resume at the same instant', () => {
    fc.assert(
      fc.property(planArb, fc.nat(), fraction, (plan, pick, where) => {
        fc.pre(plan.segments.length > 0);
        const segment = pick % plan.segments.length;
        const { events, now } = build(plan);
        const tweaked = build(plan, { zeroPause: { segment, fraction: where } });
        const before = clockState(events, now);
        const after = clockState(tweaked.events, now);
        expect(withoutSpans(after)).toEqual(withoutSpans(before));
        expect(after.pausedSpans).toHaveLength(before.pausedSpans.length + 1);
      }),
    );
  });

  it('gives the same state when a pause is split into two adjacent pauses', () => {
    fc.assert(
      fc.property(planArb, fc.nat(), fraction, (plan, pick, where) => {
        fc.pre(plan.segments.length > 0);
        const segment = pick % plan.segments.length;
        const { events, now } = build(plan);
        const split = build(plan, { splitPause: { segment, fraction: where } });
        expect(withoutSpans(clockState(split.events, now))).toEqual(withoutSpans(clockState(events, now)));
      }),
    );
  });

  it('is unchanged by changing the SLA to the same SLA', () => {
    fc.assert(
      fc.property(planArb, fraction, (plan, where) => {
        const { events, now } = build(plan);
        const changed = insert(events, slaChanged(instantBeforeTail(plan, where), plan.sla));
        expect(clockState(changed, now)).toEqual(clockState(events, now));
      }),
    );
  });

  it('measures a changed SLA from the original start with every pause kept', () => {
    fc.assert(
      fc.property(planArb, slaArb, fraction, (plan, newSla, where) => {
        const { events, now } = build(plan);
        const changed = insert(events, slaChanged(instantBeforeTail(plan, where), newSla));
        const startedWithNewSla = build({ ...plan, sla: newSla });
        expect(clockState(changed, now)).toEqual(clockState(startedWithNewSla.events, now));
      }),
    );
  });

  it('has elapsed + remaining = SLA while running and not breached', () => {
    fc.assert(
      fc.property(planArb, (plan) => {
        const { events, now } = build(plan);
        const state = clockState(events, now);
        const sum = amountOf(state.elapsed) + amountOf(state.remaining);
        if (state.status === 'running' && !state.breached) expect(sum).toBe(slaAmount(state.sla));
        // In every state remaining is what is left of the SLA, never negative.
        expect(amountOf(state.remaining)).toBe(Math.max(0, slaAmount(state.sla) - amountOf(state.elapsed)));
      }),
    );
  });

  it('freezes elapsed, remaining and breach while paused (GLPI #15948, #24481)', () => {
    fc.assert(
      fc.property(planArb, gapArb(30), (plan, later) => {
        const { events, now } = build({ ...plan, tail: 'paused' });
        // A business-day pause counts for its counting day (after 17:00: the next business day), and that
        // day is still a day of the term; from its start on nothing moves.
        const pausedAt = events[events.length - 1]!.at;
        const countsFrom = bogotaInstant(countingDay(pausedAt, 17 * 60), 0);
        const frozenFrom = plan.sla.unit === 'businessDays' && countsFrom > now ? countsFrom : now;
        const first = clockState(events, frozenFrom);
        const second = clockState(events, plus(frozenFrom, later));
        expect(second.status).toBe('paused');
        expect(second.elapsed).toEqual(first.elapsed);
        expect(second.remaining).toEqual(first.remaining);
        expect(second.breached).toBe(first.breached);
        expect(second.dueAt.getTime()).toBeGreaterThanOrEqual(first.dueAt.getTime());
      }),
    );
  });

  it('is breached exactly when the clock ran past dueAt', () => {
    fc.assert(
      fc.property(planArb, (plan) => {
        const { events, now } = build(plan);
        const state = clockState(events, now);
        const open = state.pausedSpans.find((span) => span.to === null || span.to === state.stoppedAt);
        const lastRunning =
          state.status === 'paused' || (state.status === 'stopped' && plan.tail === 'pausedThenStopped')
            ? open!.from
            : (state.stoppedAt ?? now);
        expect(state.breached).toBe(lastRunning > state.dueAt);
        expect(state.breachedAt).toEqual(state.breached ? state.dueAt : null);
      }),
    );
  });
});

// ---------------------------------------------------------------------------------------------------
// Against an independent calendar: the holiday list of python-holidays, Bogotá as plain UTC−5.
// ---------------------------------------------------------------------------------------------------

const holidays = new Set(
  Object.keys(
    JSON.parse(
      readFileSync(new URL('../../calendar/testdata/holidays-co-2020-2035.json', import.meta.url), 'utf8'),
    ),
  ),
);
const BOGOTA_OFFSET_MS = -5 * 3_600_000;
const MS_PER_DAY = 86_400_000;
const dateOf = (day: number) => new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
const isBusiness = (day: number) => {
  const weekday = new Date(day * MS_PER_DAY).getUTCDay();
  return weekday !== 0 && weekday !== 6 && !holidays.has(dateOf(day));
};

describe('SLA clock against an independent calendar', () => {
  it('puts a business-day term without pauses on the N-th business day after the filing day', () => {
    fc.assert(
      fc.property(startArb, fc.integer({ min: 1, max: 60 }), (start, amount) => {
        const local = start.getTime() + BOGOTA_OFFSET_MS;
        let day = Math.floor(local / MS_PER_DAY);
        const beforeClosing = local - day * MS_PER_DAY < 17 * 3_600_000;
        if (!isBusiness(day) || !beforeClosing) {
          do day += 1;
          while (!isBusiness(day));
        }
        for (let left = amount; left > 0; ) {
          day += 1;
          if (isBusiness(day)) left -= 1;
        }
        const state = clockState([started(start, businessDays(amount))], start);
        expect(state.dueOn).toBe(dateOf(day));
        expect(state.dueAt.getTime()).toBe((day + 1) * MS_PER_DAY - BOGOTA_OFFSET_MS - 1);
      }),
    );
  });

  it('adds office time so that measuring it back gives the same amount, at the earliest instant', () => {
    const window = officeWindowOf({ start: '08:00', end: '17:00' });
    fc.assert(
      fc.property(startArb, fc.integer({ min: 1, max: 200 * 60 }), (from, minutes) => {
        const due = addOfficeTime(from, minutes * MINUTE, window);
        expect(officeTimeBetween(from, due, window)).toBe(minutes * MINUTE);
        expect(officeTimeBetween(from, new Date(due.getTime() - 1), window)).toBe(minutes * MINUTE - 1);
        // Within office hours of a business day by the independent calendar (17:00 itself included).
        const local = due.getTime() + BOGOTA_OFFSET_MS;
        const minuteOfDay = (local - Math.floor(local / MS_PER_DAY) * MS_PER_DAY) / MINUTE;
        expect(isBusiness(Math.floor(local / MS_PER_DAY))).toBe(true);
        expect(minuteOfDay).toBeGreaterThan(8 * 60);
        expect(minuteOfDay).toBeLessThanOrEqual(17 * 60);
      }),
    );
  });
});

// Worked examples of the SLA clock. Expected dates were counted by hand against the holiday list of
// src/platform/calendar/testdata (python-holidays): 2026 has festivos on Mon 23 Mar, Thu 2 and Fri 3 Apr,
// Mon 13 Jul (new, Ley 2578 de 2026) and Mon 20 Jul.
import { describe, expect, it } from 'vitest';
import { ClockError } from './clock.errors.ts';
import { appendClockEvent, clockState, dueCategory, validateClockEvents } from './clock.rules.ts';
import {
  bogota,
  businessDays,
  HOUR,
  MINUTE,
  officeHours,
  paused,
  resumed,
  slaChanged,
  started,
  stopped,
  thrownBy,
} from './clock.testing.ts';
import type { ClockEvent, ClockState } from './clock.types.ts';

const endOf = (date: string) => bogota(`${date}T23:59:59.999`);
const days = (n: number) => ({ unit: 'businessDays', days: n });
const hours = (h: number) => ({ unit: 'businessHours', milliseconds: h * HOUR });

describe('business-day terms without pauses', () => {
  it('ends at the end of the N-th business day after filing (public-services.md §2.3 worked examples)', () => {
    const cases: [string, number, string][] = [
      ['2021-03-15T10:00', 10, '2021-03-30'],
      ['2021-03-15T10:00', 15, '2021-04-08'],
      ['2021-03-15T10:00', 30, '2021-04-29'],
      ['2024-12-20T10:00', 15, '2025-01-15'],
    ];
    for (const [filed, term, due] of cases) {
      const state = clockState([started(filed, businessDays(term))], bogota(filed));
      expect(state.dueOn).toBe(due);
      expect(state.dueAt).toEqual(endOf(due));
    }
  });

  it('counts a start at or after 17:00 or on a non-business day from the next business day', () => {
    // Fri 10 Jul 2026: 16:59:59 is filed that day; 17:00 is filed Tue 14 Jul (Mon 13 Jul is a holiday).
    const sla = businessDays(15);
    expect(clockState([started('2026-07-10T16:59:59', sla)], bogota('2026-07-11T00:00')).dueOn).toBe(
      '2026-08-04',
    );
    expect(clockState([started('2026-07-10T17:00', sla)], bogota('2026-07-11T00:00')).dueOn).toBe(
      '2026-08-05',
    );
    expect(clockState([started('2026-07-12T09:00', sla)], bogota('2026-07-12T10:00')).dueOn).toBe(
      '2026-08-05',
    );
  });

  it('takes the closing time from the options, or none at all', () => {
    const events = [started('2026-07-10T17:30', businessDays(15))];
    const now = bogota('2026-07-11T00:00');
    expect(clockState(events, now, { filingClosesAt: null }).dueOn).toBe('2026-08-04');
    expect(clockState(events, now, { filingClosesAt: '18:00' }).dueOn).toBe('2026-08-04');
    expect(clockState(events, now, { filingClosesAt: '17:30' }).dueOn).toBe('2026-08-05');
  });

  it('counts today as under way: elapsed + remaining = term, remaining 0 on the due day', () => {
    const events = [started('2026-03-02T10:00', businessDays(15))]; // due Tue 24 Mar
    const at = (local: string) => clockState(events, bogota(local));
    expect(at('2026-03-02T11:00')).toMatchObject({ elapsed: days(0), remaining: days(15) });
    expect(at('2026-03-06T12:00')).toMatchObject({ elapsed: days(4), remaining: days(11) });
    expect(at('2026-03-07T12:00')).toMatchObject({ elapsed: days(4), remaining: days(11) }); // Saturday
    expect(at('2026-03-24T23:59')).toMatchObject({ elapsed: days(15), remaining: days(0), breached: false });
  });

  it('is breached from the first instant after the due day, and not before', () => {
    const events = [started('2026-03-02T10:00', businessDays(15))];
    expect(clockState(events, endOf('2026-03-24')).breached).toBe(false);
    const late = clockState(events, bogota('2026-03-25T00:00'));
    expect(late).toMatchObject({ breached: true, breachedAt: endOf('2026-03-24'), remaining: days(0) });
    expect(late.elapsed).toEqual(days(16));
  });
});

describe('pauses on a business-day term', () => {
  // Filed Mon 2 Mar 2026 10:00, 15 business days: due Tue 24 Mar without pauses.
  const filed = started('2026-03-02T10:00', businessDays(15));

  it('moves the due date by the business days paused: 3 days paused → 3 business days later', () => {
    // Paused Wed 4 Mar, resumed Mon 9 Mar: Thu 5, Fri 6 and Mon 9 are paused; the count goes on Tue 10.
    const events = [filed, paused('2026-03-04T10:00'), resumed('2026-03-09T11:00')];
    const state = clockState(events, bogota('2026-03-10T09:00'));
    expect(state).toMatchObject({
      status: 'running',
      dueOn: '2026-03-27',
      dueAt: endOf('2026-03-27'),
      paused: days(3),
      elapsed: days(3), // Tue 3, Wed 4 (the day of the pause counts), Tue 10
      remaining: days(12),
    });
    expect(state.pausedSpans).toEqual([
      {
        from: bogota('2026-03-04T10:00'),
        to: bogota('2026-03-09T11:00'),
        reason: 'Solicitud de completar la petición',
        businessTime: days(3),
      },
    ]);
  });

  it('counts the weekend part of a pause as 0 business days', () => {
    const weekendOnly = [filed, paused('2026-03-07T10:00'), resumed('2026-03-08T18:00')];
    expect(clockState(weekendOnly, bogota('2026-03-09T09:00'))).toMatchObject({
      dueOn: '2026-03-24',
      paused: days(0),
    });
    // Fri 15:00 → Mon 09:00: only Monday, the day the citizen answered, is paused.
    const overWeekend = [filed, paused('2026-03-06T15:00'), resumed('2026-03-09T09:00')];
    expect(clockState(overWeekend, bogota('2026-03-09T10:00'))).toMatchObject({
      dueOn: '2026-03-25',
      paused: days(1),
    });
  });

  it('reads a resumption after 17:00 as filed the next business day', () => {
    // The citizen answers Mon 9 Mar at 18:00: radicado Tue 10, so Tue 10 is still paused.
    const events = [filed, paused('2026-03-04T10:00'), resumed('2026-03-09T18:00')];
    expect(clockState(events, bogota('2026-03-10T09:00'))).toMatchObject({
      dueOn: '2026-03-30',
      paused: days(4),
    });
  });

  it('accumulates several pauses', () => {
    const events = [
      filed,
      paused('2026-03-04T10:00'),
      resumed('2026-03-06T10:00'), // Thu 5, Fri 6
      paused('2026-03-11T08:00'),
      resumed('2026-03-12T16:00'), // Thu 12
    ];
    expect(clockState(events, bogota('2026-03-13T10:00'))).toMatchObject({
      dueOn: '2026-03-27',
      paused: days(3),
    });
  });

  it('freezes elapsed and remaining while paused and projects the due date as if resumed now', () => {
    const events = [filed, paused('2026-03-04T10:00')];
    const thu = clockState(events, bogota('2026-03-05T12:00'));
    const nextWed = clockState(events, bogota('2026-03-11T12:00'));
    for (const state of [thu, nextWed]) {
      expect(state).toMatchObject({
        status: 'paused',
        elapsed: days(2),
        remaining: days(13),
        breached: false,
      });
      expect(state.pausedSpans[0]!.to).toBeNull();
    }
    expect(thu.dueOn).toBe('2026-03-25'); // 1 day paused so far
    expect(nextWed.dueOn).toBe('2026-03-31'); // Thu, Fri, Mon, Tue, Wed paused so far
  });

  it('closes a pause still open when the case is closed (desistimiento tácito)', () => {
    const events = [filed, paused('2026-03-04T10:00'), stopped('2026-04-06T08:00')];
    const state = clockState(events, bogota('2026-06-01T10:00'));
    expect(state).toMatchObject({ status: 'stopped', breached: false, breachedAt: null, elapsed: days(2) });
    expect(state.pausedSpans[0]!.to).toEqual(bogota('2026-04-06T08:00'));
  });

  it('does not let a pause after the deadline undo the breach', () => {
    const events = [filed, paused('2026-03-26T09:00'), resumed('2026-04-10T09:00')];
    for (const now of ['2026-03-27T10:00', '2026-04-13T10:00']) {
      expect(clockState(events, bogota(now))).toMatchObject({
        dueOn: '2026-03-24',
        breached: true,
        breachedAt: endOf('2026-03-24'),
      });
    }
  });
});

describe('office-hour terms (help desk, 08:00–17:00)', () => {
  it('pauses Friday 16:00 → Monday 10:00 as 1 business hour when that Monday is a holiday', () => {
    // Fri 20 Mar 2026; Mon 23 Mar is San José: only Fri 16:00–17:00 is office time.
    const events = [
      started('2026-03-20T14:00', officeHours(4)),
      paused('2026-03-20T16:00', 'Esperando respuesta del usuario'),
      resumed('2026-03-23T10:00'),
    ];
    const state = clockState(events, bogota('2026-03-24T08:30'));
    expect(state.paused).toEqual(hours(1));
    expect(state.dueAt).toEqual(bogota('2026-03-24T10:00')); // 2 h used on Friday, 2 h on Tuesday
    expect(state).toMatchObject({ elapsed: hours(2.5), remaining: hours(1.5) });
  });

  it('pauses Friday 16:00 → Monday 10:00 as 3 business hours on an ordinary Monday', () => {
    const events = [
      started('2026-03-06T14:00', officeHours(4)),
      paused('2026-03-06T16:00'),
      resumed('2026-03-09T10:00'),
    ];
    const state = clockState(events, bogota('2026-03-09T10:00'));
    expect(state.paused).toEqual(hours(3));
    expect(state.dueAt).toEqual(bogota('2026-03-09T12:00'));
  });

  it('ends at closing time when the last hour is used up then, not at the next opening', () => {
    const state = clockState([started('2026-03-09T08:00', officeHours(9))], bogota('2026-03-09T08:00'));
    expect(state.dueAt).toEqual(bogota('2026-03-09T17:00'));
  });

  it('starts counting at the next opening when opened out of hours, and skips holidays (osTicket #1168)', () => {
    // Opened Wed 1 Apr 2026 16:00; Thu 2 and Fri 3 Apr are Semana Santa holidays.
    const state = clockState([started('2026-04-01T16:00', officeHours(4))], bogota('2026-04-04T10:00'));
    expect(state.dueAt).toEqual(bogota('2026-04-06T11:00'));
    expect(state.elapsed).toEqual(hours(1));
    const saturday = clockState([started('2026-03-07T10:00', officeHours(2))], bogota('2026-03-07T10:00'));
    expect(saturday.dueAt).toEqual(bogota('2026-03-09T10:00'));
    expect(saturday.elapsed).toEqual(hours(0));
  });

  it('keeps the remaining time of a pause that began exactly at the deadline at zero', () => {
    const events = [
      started('2026-03-09T08:00', officeHours(2)),
      paused('2026-03-09T10:00'),
      resumed('2026-03-09T15:00'),
    ];
    expect(clockState(events, bogota('2026-03-09T12:00'))).toMatchObject({
      status: 'paused',
      remaining: hours(0),
      breached: false,
    });
    expect(clockState(events, bogota('2026-03-09T15:01'))).toMatchObject({
      breached: true,
      breachedAt: bogota('2026-03-09T10:00'),
    });
  });

  it('counts minutes exactly', () => {
    const events = [
      started('2026-03-09T08:00', officeHours(1)),
      paused('2026-03-09T08:20'),
      resumed('2026-03-09T08:27'),
    ];
    const state = clockState(events, bogota('2026-03-09T08:30'));
    expect(state.dueAt).toEqual(bogota('2026-03-09T09:07'));
    expect(state.elapsed).toEqual({ unit: 'businessHours', milliseconds: 23 * MINUTE });
  });
});

describe('SLA changes and the GLPI / Zammad bugs (reference-systems.md §A5)', () => {
  const filed = started('2026-03-02T10:00', businessDays(15));
  const threeDaysPaused = [filed, paused('2026-03-04T10:00'), resumed('2026-03-09T11:00')];

  it('keeps the paused time when the SLA changes after a pause (GLPI #15605, #6902)', () => {
    // Reclassified as a consulta (30 days) on 10 Mar: 30 + 3 business days after 2 Mar.
    const events = [...threeDaysPaused, slaChanged('2026-03-10T09:00', businessDays(30))];
    expect(clockState(events, bogota('2026-03-10T10:00'))).toMatchObject({
      sla: businessDays(30),
      dueOn: '2026-04-21',
      paused: days(3),
    });
  });

  it('stays paused, and not breached, when the SLA changes during a pause (GLPI #6902)', () => {
    // Help desk: 8 h SLA; paused at 10:00; urgency raised at 11:00 to a 2 h SLA; user answers next day.
    const events = [
      started('2026-03-09T09:00', officeHours(8)),
      paused('2026-03-09T10:00', 'Esperando al usuario'),
      slaChanged('2026-03-09T11:00', officeHours(2)),
      resumed('2026-03-10T09:00'),
    ];
    expect(clockState(events, bogota('2026-03-09T16:00'))).toMatchObject({
      status: 'paused',
      breached: false,
      elapsed: hours(1),
      remaining: hours(1),
    });
    const resumedState = clockState(events, bogota('2026-03-10T09:30'));
    expect(resumedState.dueAt).toEqual(bogota('2026-03-10T10:00'));
    expect(resumedState.breached).toBe(false);
  });

  it('measures a new SLA from the original start, not from the change (GLPI #1911, Zammad)', () => {
    const events = [filed, slaChanged('2026-03-16T09:00', businessDays(10))];
    const state = clockState(events, bogota('2026-03-16T09:00'));
    expect(state.dueOn).toBe('2026-03-16'); // not 30 Mar, as counting from the change would give
    expect(dueCategory(state, bogota('2026-03-16T09:00'), { warnBusinessDays: 2 })).toBe('vence_hoy');
  });

  it('is breached at once, at the old instant, when a shorter SLA has already run out', () => {
    const events = [filed, slaChanged('2026-03-12T09:00', businessDays(5))];
    expect(clockState(events, bogota('2026-03-12T09:00'))).toMatchObject({
      dueOn: '2026-03-09',
      breached: true,
      breachedAt: endOf('2026-03-09'),
    });
  });

  it('drops the old SLA entirely, even a different unit (Zammad #5624)', () => {
    const events = [
      started('2026-03-09T08:00', officeHours(4)),
      slaChanged('2026-03-09T11:00', businessDays(15)),
    ];
    const state = clockState(events, bogota('2026-03-09T14:00')); // past the old 4-hour deadline
    expect(state).toMatchObject({ sla: businessDays(15), dueOn: '2026-03-31', breached: false });
  });

  it('recomputes the deadline after each event rather than keeping a stale one (Zammad #2082)', () => {
    const before = clockState([filed], bogota('2026-03-04T09:00'));
    const after = clockState(threeDaysPaused, bogota('2026-03-09T11:00'));
    expect(before.dueOn).toBe('2026-03-24');
    expect(after.dueOn).toBe('2026-03-27');
  });

  it('never escalates a stopped clock later (Zammad #3140)', () => {
    const events = [filed, stopped('2026-03-20T10:00')];
    const state = clockState(events, bogota('2027-01-15T10:00'));
    expect(state).toMatchObject({
      status: 'stopped',
      breached: false,
      elapsed: days(14),
      remaining: days(1),
    });
    expect(dueCategory(state, bogota('2027-01-15T10:00'), { warnBusinessDays: 3 })).toBe('cerrado');
  });

  it('treats an answer at 18:00 on the due day as on time: the term runs to the end of the day', () => {
    const state = clockState([filed, stopped('2026-03-24T18:00')], bogota('2026-04-01T10:00'));
    expect(state.breached).toBe(false);
    const late = clockState([filed, stopped('2026-03-25T08:00')], bogota('2026-04-01T10:00'));
    expect(late).toMatchObject({ breached: true, breachedAt: endOf('2026-03-24') });
  });

  it('does not breach while paused (GLPI #24481)', () => {
    const events = [filed, paused('2026-03-20T10:00')];
    expect(clockState(events, bogota('2026-06-01T10:00'))).toMatchObject({
      status: 'paused',
      breached: false,
    });
  });
});

describe('reading the history as of `now`', () => {
  it('ignores events dated after now', () => {
    const events = [
      started('2026-03-02T10:00', businessDays(15)),
      paused('2026-03-04T10:00'),
      resumed('2026-03-09T11:00'),
      stopped('2026-03-20T10:00'),
    ];
    expect(clockState(events, bogota('2026-03-03T10:00')).status).toBe('running');
    expect(clockState(events, bogota('2026-03-05T10:00')).status).toBe('paused');
    expect(clockState(events, bogota('2026-03-04T10:00')).status).toBe('paused'); // at the instant itself
    expect(clockState(events, bogota('2026-03-20T10:00')).status).toBe('stopped');
  });
});

describe('inconsistent histories', () => {
  const start = started('2026-03-02T10:00', businessDays(15));
  const now = bogota('2026-03-20T10:00');

  const cases: [string, ClockEvent[], string, number, string | undefined][] = [
    ['no events', [], 'RELOJ_SIN_INICIO', 409, 'events'],
    ['not starting with started', [paused('2026-03-02T10:00')], 'RELOJ_SIN_INICIO', 409, 'events[0].type'],
    [
      'a second start',
      [start, started('2026-03-03T10:00', businessDays(10))],
      'RELOJ_YA_INICIADO',
      409,
      'events[1]',
    ],
    [
      'an event before the start',
      [start, paused('2026-03-01T10:00')],
      'EVENTO_ANTERIOR_AL_INICIO',
      409,
      'events[1].at',
    ],
    [
      'events out of order',
      [start, paused('2026-03-05T10:00'), resumed('2026-03-04T10:00')],
      'EVENTOS_DESORDENADOS',
      409,
      'events[2].at',
    ],
    ['a resume without a pause', [start, resumed('2026-03-04T10:00')], 'RELOJ_NO_PAUSADO', 409, 'events[1]'],
    [
      'a pause while paused',
      [start, paused('2026-03-04T10:00'), paused('2026-03-05T10:00')],
      'RELOJ_YA_PAUSADO',
      409,
      'events[2]',
    ],
    [
      'an event after the stop',
      [start, stopped('2026-03-04T10:00'), paused('2026-03-05T10:00')],
      'RELOJ_DETENIDO',
      409,
      'events[2]',
    ],
    [
      'a pause without a reason',
      [start, paused('2026-03-04T10:00', '  ')],
      'MOTIVO_PAUSA_REQUERIDO',
      400,
      'events[1].reason',
    ],
    [
      'an invalid instant',
      [start, { type: 'resumed', at: new Date('x') }],
      'INSTANTE_INVALIDO',
      400,
      'events[1].at',
    ],
    [
      'an unknown event',
      [start, { type: 'reopened', at: bogota('2026-03-04T10:00') } as unknown as ClockEvent],
      'EVENTO_RELOJ_DESCONOCIDO',
      400,
      'events[1].type',
    ],
    [
      'a zero-day SLA',
      [started('2026-03-02T10:00', businessDays(0))],
      'ANS_INVALIDO',
      400,
      'events[0].sla.amount',
    ],
    [
      'a fractional SLA',
      [start, slaChanged('2026-03-03T10:00', businessDays(1.5))],
      'ANS_INVALIDO',
      400,
      'events[1].sla.amount',
    ],
    [
      'office hours that end before they start',
      [started('2026-03-02T10:00', officeHours(4, '17:00', '08:00'))],
      'ANS_INVALIDO',
      400,
      'events[0].sla.hours',
    ],
    [
      'an unknown unit',
      [started('2026-03-02T10:00', { unit: 'calendarDays', amount: 3 } as never)],
      'ANS_INVALIDO',
      400,
      'events[0].sla.unit',
    ],
  ];

  it.each(cases)('rejects %s', (_label, events, code, status, field) => {
    const error = thrownBy(() => clockState(events, now));
    expect(error).toBeInstanceOf(ClockError);
    expect(error).toMatchObject({ code, status, field });
    expect((error as ClockError).detail).toMatch(/[a-záéíóú]/); // a Spanish sentence, not a bare code
  });

  it('explains the conflict in Spanish with the Bogotá time', () => {
    const error = thrownBy(() =>
      validateClockEvents([start, stopped('2026-03-04T10:00'), resumed('2026-03-05T10:00')]),
    );
    // ICU versions differ in the joiner ("a las" or ","), so only the parts that matter are pinned.
    expect((error as ClockError).detail).toMatch(
      /^El reloj se detuvo el 4 de marzo de 2026.*10:00.*; no admite el evento «resumed»\.$/,
    );
  });

  it('rejects a `now` before the start, or not a date', () => {
    expect(thrownBy(() => clockState([start], bogota('2026-03-01T10:00')))).toMatchObject({
      code: 'CONSULTA_ANTERIOR_AL_INICIO',
      status: 400,
    });
    expect(thrownBy(() => clockState([start], new Date(Number.NaN)))).toMatchObject({
      code: 'INSTANTE_INVALIDO',
    });
  });

  it('rejects a malformed closing time', () => {
    expect(thrownBy(() => clockState([start], now, { filingClosesAt: '5pm' }))).toMatchObject({
      code: 'OPCION_RELOJ_INVALIDA',
      status: 400,
      field: 'filingClosesAt',
    });
  });

  it('turns dates beyond the calendar into a 400', () => {
    expect(
      thrownBy(() => clockState([started('2099-12-20T10:00', businessDays(15))], bogota('2099-12-20T11:00'))),
    ).toMatchObject({
      code: 'FECHA_FUERA_DE_CALENDARIO',
      status: 400,
    });
  });

  it('appends only consistent events', () => {
    const history = appendClockEvent([start], paused('2026-03-04T10:00'));
    expect(history).toHaveLength(2);
    expect(thrownBy(() => appendClockEvent(history, paused('2026-03-05T10:00')))).toMatchObject({
      code: 'RELOJ_YA_PAUSADO',
    });
    expect(appendClockEvent(history, resumed('2026-03-04T10:00'))).toHaveLength(3); // same instant is allowed
  });
});

describe('dueCategory', () => {
  // Filed Mon 2 Mar 2026, 15 days: due Tue 24 Mar (Mon 23 Mar is a holiday).
  const filed = started('2026-03-02T10:00', businessDays(15));
  const category = (events: ClockEvent[], local: string, warnBusinessDays = 2) =>
    dueCategory(clockState(events, bogota(local)), bogota(local), { warnBusinessDays });

  it('classifies a running clock by its due date', () => {
    expect(category([filed], '2026-03-18T10:00')).toBe('en_termino'); // 3 business days left
    expect(category([filed], '2026-03-19T10:00')).toBe('por_vencer'); // Fri 20, Tue 24
    expect(category([filed], '2026-03-21T10:00')).toBe('por_vencer'); // Saturday: only Tue 24 left
    expect(category([filed], '2026-03-19T10:00', 0)).toBe('en_termino');
    expect(category([filed], '2026-03-24T08:00')).toBe('vence_hoy');
    expect(category([filed], '2026-03-24T23:59')).toBe('vence_hoy');
    expect(category([filed], '2026-03-25T00:00')).toBe('vencido');
  });

  it('shows paused, closed, and overdue-before-the-pause cases', () => {
    expect(category([filed, paused('2026-03-10T10:00')], '2026-04-20T10:00')).toBe('pausado');
    expect(category([filed, stopped('2026-03-30T10:00')], '2026-03-31T10:00')).toBe('cerrado');
    expect(category([filed, paused('2026-03-26T10:00')], '2026-03-27T10:00')).toBe('vencido');
  });

  it('notices a deadline passed since the state was computed', () => {
    const state: ClockState = clockState([filed], bogota('2026-03-20T10:00'));
    expect(dueCategory(state, bogota('2026-03-25T10:00'), { warnBusinessDays: 2 })).toBe('vencido');
  });

  it('uses the Bogotá date for office-hour terms', () => {
    const events = [started('2026-03-09T08:00', officeHours(8))];
    expect(category(events, '2026-03-09T08:30', 0)).toBe('vence_hoy');
    expect(category(events, '2026-03-09T16:01', 0)).toBe('vencido');
  });

  it('rejects a negative or fractional warning', () => {
    const state = clockState([filed], bogota('2026-03-20T10:00'));
    for (const warnBusinessDays of [-1, 1.5, Number.NaN]) {
      expect(
        thrownBy(() => dueCategory(state, bogota('2026-03-20T10:00'), { warnBusinessDays })),
      ).toMatchObject({
        code: 'OPCION_RELOJ_INVALIDA',
      });
    }
  });
});

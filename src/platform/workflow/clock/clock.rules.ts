// The SLA clock of a case as a pure function of its append-only event history. See README.md for the model.
import { businessDaysBetween, CalendarInputError, formatBogota, toBogotaDate } from '../../calendar/index.ts';
import { minutesOfClockTime } from './bogota-time.ts';
import { businessAxis } from './business-time.ts';
import { ClockError } from './clock.errors.ts';
import type {
  ClockEvent,
  ClockOptions,
  ClockState,
  DueCategory,
  DueCategoryOptions,
  PausedSpan,
  Sla,
} from './clock.types.ts';

/** Radicación closing time of the PQRSD filing rule (config/rules/pqrsd-terms.json, `filing.closesAt`). */
export const DEFAULT_FILING_CLOSES_AT = '17:00';
/** Upper bounds that only catch typos; Ley 1755 terms doubled by an extension stay far below them. */
export const MAX_SLA_BUSINESS_DAYS = 730;
export const MAX_SLA_BUSINESS_HOURS = 10_000;

const EVENT_TYPES: ReadonlySet<string> = new Set(['started', 'paused', 'resumed', 'slaChanged', 'stopped']);

// ---------------------------------------------------------------------------------------------------
// Validation
// ---------------------------------------------------------------------------------------------------

function isValidInstant(value: unknown): value is Date {
  return value instanceof Date && !Number.isNaN(value.getTime());
}

const when = (instant: Date) => formatBogota(instant);

function checkSla(sla: unknown, field: string): asserts sla is Sla {
  const record = (typeof sla === 'object' && sla !== null ? sla : {}) as Record<string, unknown>;
  const { unit, amount } = record;
  if (unit !== 'businessDays' && unit !== 'businessHours') {
    throw new ClockError(
      'ANS_INVALIDO',
      `Unidad de ANS inválida: «${String(unit)}». Use «businessDays» (días hábiles) o «businessHours» (horas hábiles).`,
      `${field}.unit`,
    );
  }
  const [max, noun] =
    unit === 'businessDays'
      ? [MAX_SLA_BUSINESS_DAYS, 'días hábiles']
      : [MAX_SLA_BUSINESS_HOURS, 'horas hábiles'];
  if (typeof amount !== 'number' || !Number.isSafeInteger(amount) || amount < 1 || amount > max) {
    throw new ClockError(
      'ANS_INVALIDO',
      `El término del ANS debe ser un número entero de 1 a ${max} ${noun} (recibido: ${String(amount)}).`,
      `${field}.amount`,
    );
  }
  if (unit === 'businessHours') {
    const hours = (typeof record.hours === 'object' && record.hours !== null ? record.hours : {}) as Record<
      string,
      unknown
    >;
    const start = minutesOfClockTime(hours.start);
    const end = minutesOfClockTime(hours.end);
    if (start === null || end === null || start >= end) {
      throw new ClockError(
        'ANS_INVALIDO',
        `El horario de atención del ANS debe tener inicio y fin en formato HH:MM, con el inicio antes del fin (recibido: ${String(hours.start)}–${String(hours.end)}).`,
        `${field}.hours`,
      );
    }
  }
}

function checkShape(event: unknown, field: string): asserts event is ClockEvent {
  const record = (typeof event === 'object' && event !== null ? event : {}) as Record<string, unknown>;
  if (typeof record.type !== 'string' || !EVENT_TYPES.has(record.type)) {
    throw new ClockError(
      'EVENTO_RELOJ_DESCONOCIDO',
      `Evento de reloj desconocido: «${String(record.type)}». Use started, paused, resumed, slaChanged o stopped.`,
      `${field}.type`,
    );
  }
  if (!isValidInstant(record.at)) {
    throw new ClockError(
      'INSTANTE_INVALIDO',
      `El evento «${record.type}» no tiene una fecha y hora válida.`,
      `${field}.at`,
    );
  }
  if (record.type === 'started' || record.type === 'slaChanged') checkSla(record.sla, `${field}.sla`);
  if (record.type === 'paused' && (typeof record.reason !== 'string' || record.reason.trim() === '')) {
    throw new ClockError(
      'MOTIVO_PAUSA_REQUERIDO',
      'Para pausar el término hay que indicar el motivo (p. ej. «Solicitud de completar la petición»).',
      `${field}.reason`,
    );
  }
}

/**
 * Throws a ClockError unless `events` is a consistent history: one `started` first, then events in time
 * order (equal instants allowed), pauses and resumes alternating, and nothing after `stopped`.
 */
export function validateClockEvents(events: readonly ClockEvent[]): void {
  if (!Array.isArray(events) || events.length === 0) {
    throw new ClockError(
      'RELOJ_SIN_INICIO',
      'El reloj no tiene eventos: debe empezar con «started».',
      'events',
    );
  }
  let startedAt: Date | undefined;
  let previousAt: Date | undefined;
  let pausedAt: Date | undefined;
  let stoppedAt: Date | undefined;
  events.forEach((event: unknown, index) => {
    const field = `events[${index}]`;
    checkShape(event, field);
    if (startedAt === undefined || previousAt === undefined) {
      if (event.type !== 'started') {
        throw new ClockError(
          'RELOJ_SIN_INICIO',
          `El reloj debe empezar con «started», no con «${event.type}».`,
          `${field}.type`,
        );
      }
      startedAt = event.at;
      previousAt = event.at;
      return;
    }
    if (stoppedAt !== undefined) {
      throw new ClockError(
        'RELOJ_DETENIDO',
        `El reloj se detuvo el ${when(stoppedAt)}; no admite el evento «${event.type}».`,
        field,
      );
    }
    if (event.type === 'started') {
      throw new ClockError('RELOJ_YA_INICIADO', `El reloj ya se inició el ${when(startedAt)}.`, field);
    }
    if (event.at < startedAt) {
      throw new ClockError(
        'EVENTO_ANTERIOR_AL_INICIO',
        `El evento «${event.type}» del ${when(event.at)} es anterior al inicio del reloj (${when(startedAt)}).`,
        `${field}.at`,
      );
    }
    if (event.at < previousAt) {
      throw new ClockError(
        'EVENTOS_DESORDENADOS',
        `El evento «${event.type}» del ${when(event.at)} es anterior al evento que lo precede (${when(previousAt)}).`,
        `${field}.at`,
      );
    }
    previousAt = event.at;
    if (event.type === 'paused') {
      if (pausedAt !== undefined) {
        throw new ClockError(
          'RELOJ_YA_PAUSADO',
          `El término ya está pausado desde el ${when(pausedAt)}; reanúdelo antes de pausarlo otra vez.`,
          field,
        );
      }
      pausedAt = event.at;
    } else if (event.type === 'resumed') {
      if (pausedAt === undefined) {
        throw new ClockError(
          'RELOJ_NO_PAUSADO',
          'No se puede reanudar un término que no está pausado.',
          field,
        );
      }
      pausedAt = undefined;
    } else if (event.type === 'stopped') {
      stoppedAt = event.at;
    }
  });
}

/** The history with `event` appended, after checking that the result is consistent. */
export function appendClockEvent(events: readonly ClockEvent[], event: ClockEvent): readonly ClockEvent[] {
  const next = [...events, event];
  validateClockEvents(next);
  return next;
}

function closingMinute(options: ClockOptions): number | null {
  const value = options.filingClosesAt === undefined ? DEFAULT_FILING_CLOSES_AT : options.filingClosesAt;
  if (value === null) return null;
  const minute = minutesOfClockTime(value);
  if (minute === null) {
    throw new ClockError(
      'OPCION_RELOJ_INVALIDA',
      `Hora de cierre de radicación inválida: «${String(value)}». Use HH:MM o null.`,
      'filingClosesAt',
    );
  }
  return minute;
}

function checkNow(now: unknown): asserts now is Date {
  if (!isValidInstant(now)) {
    throw new ClockError(
      'INSTANTE_INVALIDO',
      'El instante de consulta no es una fecha y hora válida.',
      'now',
    );
  }
}

/** Dates past the calendar's supported years are the caller's bad input, not a server fault. */
function withCalendarRange<T>(compute: () => T): T {
  try {
    return compute();
  } catch (error) {
    if (error instanceof CalendarInputError) {
      throw new ClockError(
        'FECHA_FUERA_DE_CALENDARIO',
        `Fecha fuera del calendario de días hábiles: ${error.message}`,
      );
    }
    throw error;
  }
}

// ---------------------------------------------------------------------------------------------------
// State
// ---------------------------------------------------------------------------------------------------

interface RawSpan {
  readonly from: Date;
  to: Date | null;
  readonly reason: string;
}

/**
 * The clock as of `now`: events dated after `now` are ignored, so a past `now` answers "how did it stand
 * then". Throws ClockError when the history is inconsistent or `now` is before the start.
 */
export function clockState(events: readonly ClockEvent[], now: Date, options: ClockOptions = {}): ClockState {
  validateClockEvents(events);
  checkNow(now);
  const closesAtMinute = closingMinute(options);
  const start = events[0] as Extract<ClockEvent, { type: 'started' }>;
  if (now < start.at) {
    throw new ClockError(
      'CONSULTA_ANTERIOR_AL_INICIO',
      `El reloj empieza el ${when(start.at)}; no tiene estado el ${when(now)}.`,
      'now',
    );
  }

  let sla: Sla = start.sla;
  let stoppedAt: Date | null = null;
  const spans: RawSpan[] = [];
  for (const event of events) {
    if (event.at > now) break; // the history is in time order
    if (event.type === 'started' || event.type === 'slaChanged') sla = event.sla;
    else if (event.type === 'paused') spans.push({ from: event.at, to: null, reason: event.reason });
    else if (event.type === 'resumed') spans[spans.length - 1]!.to = event.at;
    else stoppedAt = event.at;
  }
  const openSpan = spans.find((span) => span.to === null);
  const status = stoppedAt ? 'stopped' : openSpan ? 'paused' : 'running';

  return withCalendarRange(() => {
    // Every event is read on the axis of the SLA in force now: a new SLA counts from the original start
    // and keeps every pause, which is where GLPI and Zammad lost time (README.md).
    const axis = businessAxis(sla, start.at, closesAtMinute);
    const end = stoppedAt ?? now;
    const endPosition = axis.position(end);
    const positioned = spans.map((span) => {
      const from = axis.position(span.from);
      // An open pause is measured up to now (or to the stop): the deadline if the clock resumed then.
      const to = span.to ? axis.position(span.to) : endPosition;
      return { span, from, to };
    });

    // The deadline moves by each pause that began before it was reached; a later pause cannot undo a breach.
    let duePosition = axis.amount;
    for (const { from, to } of positioned) {
      if (from < duePosition) duePosition += to - from;
    }
    const dueAt = axis.deadline(duePosition);

    // Business time up to `end`, less the part of it inside pauses (an open pause reaches `end`).
    const elapsedPosition = axis.elapsedPosition(end);
    let elapsed = elapsedPosition;
    for (const { from, to } of positioned) elapsed -= Math.max(0, Math.min(elapsedPosition, to) - from);

    // The clock last ran at `now`, at the stop, or when the pause still open began.
    const lastRunning = openSpan ? openSpan.from : end;
    const breached = dueAt < lastRunning;
    const pausedSpans: PausedSpan[] = positioned.map(({ span, from, to }) => ({
      from: span.from,
      to: span.to ?? stoppedAt,
      reason: span.reason,
      businessTime: axis.duration(to - from),
    }));
    return {
      status,
      sla,
      startedAt: start.at,
      stoppedAt,
      dueAt,
      dueOn: toBogotaDate(dueAt),
      elapsed: axis.duration(elapsed),
      remaining: axis.duration(Math.max(0, axis.amount - elapsed)),
      paused: axis.duration(positioned.reduce((total, { from, to }) => total + (to - from), 0)),
      pausedSpans,
      breached,
      breachedAt: breached ? dueAt : null,
    };
  });
}

// ---------------------------------------------------------------------------------------------------
// Inbox filters
// ---------------------------------------------------------------------------------------------------

/**
 * Inbox category of a case at `now` (normally the `now` of its clockState): closed, overdue, paused, due
 * today, due within `warnBusinessDays` business days, or on time.
 */
export function dueCategory(state: ClockState, now: Date, options: DueCategoryOptions): DueCategory {
  checkNow(now);
  const warn = options.warnBusinessDays;
  if (!Number.isSafeInteger(warn) || warn < 0) {
    throw new ClockError(
      'OPCION_RELOJ_INVALIDA',
      `Los días hábiles de aviso deben ser un número entero mayor o igual a 0 (recibido: ${String(warn)}).`,
      'warnBusinessDays',
    );
  }
  if (state.status === 'stopped') return 'cerrado';
  if (state.breached || (state.status === 'running' && now > state.dueAt)) return 'vencido';
  if (state.status === 'paused') return 'pausado';
  return withCalendarRange(() => {
    const today = toBogotaDate(now);
    if (state.dueOn <= today) return 'vence_hoy';
    return businessDaysBetween(today, state.dueOn) <= warn ? 'por_vencer' : 'en_termino';
  });
}

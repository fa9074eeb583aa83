import { AppError } from '../../http/errors.ts';

/** Stable codes of every error this folder throws; `detail` is the Spanish sentence people read. */
export type ClockErrorCode =
  /** An event is not an object with a known `type` (`field: events[i].type`). */
  | 'EVENTO_RELOJ_DESCONOCIDO'
  /** An event's `at`, or `now`, is not a valid Date. */
  | 'INSTANTE_INVALIDO'
  /** An SLA is malformed: amount, unit or office hours (`field: events[i].sla`). */
  | 'ANS_INVALIDO'
  /** A pause without a reason (`field: events[i].reason`). */
  | 'MOTIVO_PAUSA_REQUERIDO'
  /** An option (closing time, warning days) is malformed. */
  | 'OPCION_RELOJ_INVALIDA'
  /** The state is asked for before the clock started. */
  | 'CONSULTA_ANTERIOR_AL_INICIO'
  /** A date falls outside the years the business-day calendar covers. */
  | 'FECHA_FUERA_DE_CALENDARIO'
  /** The history is empty or does not begin with `started`. */
  | 'RELOJ_SIN_INICIO'
  /** A second `started`. */
  | 'RELOJ_YA_INICIADO'
  /** An event dated before the start. */
  | 'EVENTO_ANTERIOR_AL_INICIO'
  /** An event dated before the event that precedes it in the history. */
  | 'EVENTOS_DESORDENADOS'
  /** `paused` while already paused. */
  | 'RELOJ_YA_PAUSADO'
  /** `resumed` while not paused. */
  | 'RELOJ_NO_PAUSADO'
  /** Any event after `stopped`. */
  | 'RELOJ_DETENIDO';

const STATUS: Record<ClockErrorCode, number> = {
  EVENTO_RELOJ_DESCONOCIDO: 400,
  INSTANTE_INVALIDO: 400,
  ANS_INVALIDO: 400,
  MOTIVO_PAUSA_REQUERIDO: 400,
  OPCION_RELOJ_INVALIDA: 400,
  CONSULTA_ANTERIOR_AL_INICIO: 400,
  FECHA_FUERA_DE_CALENDARIO: 400,
  RELOJ_SIN_INICIO: 409,
  RELOJ_YA_INICIADO: 409,
  EVENTO_ANTERIOR_AL_INICIO: 409,
  EVENTOS_DESORDENADOS: 409,
  RELOJ_YA_PAUSADO: 409,
  RELOJ_NO_PAUSADO: 409,
  RELOJ_DETENIDO: 409,
};

/** Malformed input (400) or an event that contradicts the clock's history (409). */
export class ClockError extends AppError {
  constructor(
    override readonly code: ClockErrorCode,
    detail: string,
    field?: string,
    extra?: Record<string, unknown>,
  ) {
    super(STATUS[code], code, detail, field, extra);
    this.name = 'ClockError';
  }
}

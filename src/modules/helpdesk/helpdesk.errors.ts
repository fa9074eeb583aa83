import { AppError } from '../../platform/http/errors.ts';

/** Stable codes of the help desk's own refusals; `detail` is the Spanish sentence people read. */
export type HelpdeskErrorCode =
  /** config/rules/helpdesk.json does not validate (every problem in `extra.problems`). */
  | 'REGLAS_MESA_AYUDA_INVALIDAS'
  /** config/rules/helpdesk.json cannot be read. */
  | 'REGLAS_MESA_AYUDA_FALTANTES'
  /** No period of the rules covers the day asked about. */
  | 'MESA_AYUDA_SIN_REGLAS'
  /** The office that attends the help desk (rules `office.dependencia`) is not a dependencia of the tenant. */
  | 'MESA_AYUDA_SIN_OFICINA'
  /** Only officials open tickets. */
  | 'MESA_AYUDA_SOLO_FUNCIONARIOS'
  /** Unknown or retired category. */
  | 'CATEGORIA_INVALIDA'
  /** An attachment id that is not a file of the person (or does not exist). */
  | 'ADJUNTO_INVALIDO'
  /** The Idempotency-Key header is malformed. */
  | 'IDEMPOTENCY_KEY_INVALID'
  /** The same Idempotency-Key was used for another ticket. */
  | 'IDEMPOTENCY_KEY_REUSED'
  /** Only the person who opened the ticket may do this. */
  | 'SOLO_EL_SOLICITANTE'
  /** The reopen window after the solution has passed. */
  | 'VENTANA_REAPERTURA_VENCIDA'
  /** The ticket is closed or cancelled. */
  | 'TICKET_CERRADO'
  /** The ticket was already rated. */
  | 'TICKET_YA_CALIFICADO'
  /** Rating before a solution. */
  | 'TICKET_SIN_SOLUCION'
  /** The official chosen is not a technician of the office. */
  | 'TECNICO_INVALIDO'
  /** The priority given is the one it already has. */
  | 'PRIORIDAD_SIN_CAMBIO';

const STATUS: Record<HelpdeskErrorCode, number> = {
  REGLAS_MESA_AYUDA_INVALIDAS: 422,
  REGLAS_MESA_AYUDA_FALTANTES: 500,
  MESA_AYUDA_SIN_REGLAS: 422,
  MESA_AYUDA_SIN_OFICINA: 422,
  MESA_AYUDA_SOLO_FUNCIONARIOS: 403,
  CATEGORIA_INVALIDA: 400,
  ADJUNTO_INVALIDO: 422,
  IDEMPOTENCY_KEY_INVALID: 400,
  IDEMPOTENCY_KEY_REUSED: 409,
  SOLO_EL_SOLICITANTE: 403,
  VENTANA_REAPERTURA_VENCIDA: 409,
  TICKET_CERRADO: 409,
  TICKET_YA_CALIFICADO: 409,
  TICKET_SIN_SOLUCION: 409,
  TECNICO_INVALIDO: 422,
  PRIORIDAD_SIN_CAMBIO: 409,
};

export class HelpdeskError extends AppError {
  constructor(
    override readonly code: HelpdeskErrorCode,
    detail: string,
    field?: string,
    extra?: Record<string, unknown>,
  ) {
    super(STATUS[code], code, detail, field, extra);
    this.name = 'HelpdeskError';
  }
}

import { AppError } from '../../../platform/http/errors.ts';

/** Stable codes of every error this folder throws; `detail` is the Spanish sentence people read. */
export type EmailIntakeErrorCode =
  /** The input is empty, binary or has no usable sender (`field: 'archivo'`, 422). */
  | 'CORREO_INVALIDO'
  /** One attachment, or all of them together, weigh more than allowed (`field: 'archivo'`, 413). */
  | 'ADJUNTO_DEMASIADO_GRANDE'
  /** The message carries more attachments than allowed (`field: 'archivo'`, 413). */
  | 'DEMASIADOS_ADJUNTOS'
  /** The raw message is far larger than the attachment limits could ever accept (`field: 'archivo'`, 413). */
  | 'CORREO_DEMASIADO_GRANDE';

const INTAKE_STATUS: Record<EmailIntakeErrorCode, number> = {
  CORREO_INVALIDO: 422,
  ADJUNTO_DEMASIADO_GRANDE: 413,
  DEMASIADOS_ADJUNTOS: 413,
  CORREO_DEMASIADO_GRANDE: 413,
};

/** A message that cannot become a PQRSD as it is; the official or the job sees `detail`. */
export class EmailIntakeError extends AppError {
  constructor(
    override readonly code: EmailIntakeErrorCode,
    detail: string,
    extra?: Record<string, unknown>,
  ) {
    super(INTAKE_STATUS[code], code, detail, 'archivo', extra);
    this.name = 'EmailIntakeError';
  }
}

/** Stable codes of the mailbox adapter's failures. */
export type MailboxErrorCode =
  /** The mail server refused the user or password (502, not retryable until the configuration changes). */
  | 'BUZON_CREDENCIALES_RECHAZADAS'
  /** The configured folder does not exist on the server (502, not retryable). */
  | 'BUZON_CARPETA_INEXISTENTE'
  /** The server could not be reached, or the connection failed half-way (503, retryable). */
  | 'BUZON_NO_DISPONIBLE'
  /** PQRSD_IMAP_URL is malformed (500: a configuration error). */
  | 'BUZON_CONFIGURACION_INVALIDA';

const MAILBOX_STATUS: Record<MailboxErrorCode, number> = {
  BUZON_CREDENCIALES_RECHAZADAS: 502,
  BUZON_CARPETA_INEXISTENTE: 502,
  BUZON_NO_DISPONIBLE: 503,
  BUZON_CONFIGURACION_INVALIDA: 500,
};

/** A failure talking to the municipal mailbox; `retryable` says whether the next run may succeed. */
export class MailboxError extends AppError {
  readonly retryable: boolean;

  constructor(
    override readonly code: MailboxErrorCode,
    detail: string,
    options: { field?: string; retryable?: boolean; cause?: unknown } = {},
  ) {
    super(MAILBOX_STATUS[code], code, detail, options.field);
    this.name = 'MailboxError';
    this.retryable = options.retryable ?? false;
    if (options.cause !== undefined) this.cause = options.cause;
  }
}

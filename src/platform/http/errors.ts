/**
 * The one domain error type: a stable machine code, an HTTP status and a Spanish sentence for people.
 * Services throw these; the HTTP edge maps them to application/problem+json in one place.
 */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly detail: string,
    readonly field?: string,
    readonly extra?: Record<string, unknown>,
  ) {
    super(detail);
    this.name = 'AppError';
  }
}

export const badRequest = (code: string, detail: string, field?: string) =>
  new AppError(400, code, detail, field);
export const validationError = (field: string, detail: string) =>
  new AppError(400, 'VALIDATION_ERROR', detail, field);
export const unauthenticated = (detail = 'Debe iniciar sesión para continuar.') =>
  new AppError(401, 'UNAUTHENTICATED', detail);
export const forbidden = (detail = 'No tiene permiso para realizar esta acción.') =>
  new AppError(403, 'FORBIDDEN', detail);
export const notFound = (detail = 'El recurso solicitado no existe.') =>
  new AppError(404, 'NOT_FOUND', detail);
export const conflict = (code: string, detail: string, field?: string) =>
  new AppError(409, code, detail, field);
export const tooManyRequests = (detail: string, retryAfterSeconds: number) =>
  new AppError(429, 'RATE_LIMITED', detail, undefined, { retryAfterSeconds });

export const TITLES: Record<number, string> = {
  400: 'Solicitud inválida',
  401: 'No autenticado',
  403: 'Acceso denegado',
  404: 'No encontrado',
  405: 'Método no permitido',
  406: 'Formato no aceptable',
  409: 'Conflicto',
  413: 'Contenido demasiado grande',
  415: 'Tipo de contenido no soportado',
  422: 'No se puede procesar',
  429: 'Demasiadas solicitudes',
  500: 'Error interno',
  502: 'Error en un servicio externo',
  503: 'Servicio no disponible',
  504: 'Un servicio externo no respondió a tiempo',
};

import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, TITLES } from './errors.ts';

export interface Problem {
  type: string;
  title: string;
  status: number;
  code: string;
  detail: string;
  field?: string;
  errors?: { field: string; message: string }[];
  requestId?: string;
  retryAfterSeconds?: number;
}

const VALIDATION_SOURCE: Record<string, string> = {
  body: 'el cuerpo de la solicitud',
  querystring: 'la consulta',
  params: 'la ruta',
  headers: 'los encabezados',
};

/** Maps anything thrown while serving a request to one problem+json body, in Spanish, never leaking internals. */
export function toProblem(error: unknown): Problem {
  if (error instanceof AppError) {
    return problem(error.status, error.code, error.detail, {
      field: error.field,
      ...(error.extra as object | undefined),
    });
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const errors = error.validation.map((issue) => ({
      field: issue.instancePath.replace(/^\//, '').replaceAll('/', '.'),
      message: issue.message ?? 'valor inválido',
    }));
    const first = errors[0];
    const source = VALIDATION_SOURCE[(error as { validationContext?: string }).validationContext ?? 'body'];
    const where = first?.field ? `el campo «${first.field}»` : (source ?? 'la solicitud');
    return problem(400, 'VALIDATION_ERROR', `Revise ${where}: ${first?.message ?? 'datos inválidos'}.`, {
      field: first?.field || undefined,
      errors,
    });
  }
  const fastifyError = error as FastifyError;
  switch (fastifyError.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return problem(400, 'MALFORMED_JSON', 'El cuerpo de la solicitud no es un JSON válido.');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return problem(
        415,
        'UNSUPPORTED_MEDIA_TYPE',
        'Tipo de contenido no soportado: envíe application/json.',
      );
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return problem(400, 'MALFORMED_REQUEST', 'La longitud declarada del contenido no coincide.');
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
    case 'FST_REQ_FILE_TOO_LARGE':
      return problem(413, 'PAYLOAD_TOO_LARGE', 'El contenido enviado supera el tamaño permitido.');
    case 'FST_ERR_CTP_INVALID_TYPE':
      return problem(400, 'MALFORMED_REQUEST', 'El encabezado Content-Type no es válido.');
    case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
      return problem(415, 'UNSUPPORTED_MEDIA_TYPE', 'Envíe el archivo como multipart/form-data.');
    case 'FST_ERR_BAD_URL':
    case 'FST_ERR_ASYNC_CONSTRAINT':
      return problem(400, 'MALFORMED_REQUEST', 'La dirección solicitada no es válida.');
  }
  const status = fastifyError.statusCode;
  if (status === 429) {
    return problem(429, 'RATE_LIMITED', 'Demasiadas solicitudes. Espere un momento e inténtelo de nuevo.');
  }
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return problem(status, 'BAD_REQUEST', 'La solicitud no se pudo procesar.');
  }
  return problem(500, 'INTERNAL_ERROR', 'Ocurrió un error inesperado. Inténtelo más tarde.');
}

export function problem(
  status: number,
  code: string,
  detail: string,
  extra: Partial<Omit<Problem, 'status' | 'code' | 'detail'>> = {},
): Problem {
  const body: Problem = { type: 'about:blank', title: TITLES[status] ?? 'Error', status, code, detail };
  for (const [key, value] of Object.entries(extra)) {
    if (value !== undefined) (body as unknown as Record<string, unknown>)[key] = value;
  }
  return body;
}

export function sendProblem(request: FastifyRequest, reply: FastifyReply, body: Problem): FastifyReply {
  body.requestId = request.id;
  if (body.retryAfterSeconds) reply.header('retry-after', String(body.retryAfterSeconds));
  return reply.status(body.status).type('application/problem+json; charset=utf-8').send(body);
}

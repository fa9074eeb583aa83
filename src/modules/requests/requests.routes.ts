import multipart from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { toBogotaDate } from '../../platform/calendar/index.ts';
import { attachmentDisposition } from '../../platform/files/index.ts';
import { sendStoredFile } from '../../platform/files/send-file.ts';
import { uploadedBytes } from '../../platform/files/upload-bytes.ts';
import { AppError, notFound, validationError } from '../../platform/http/errors.ts';
import type { RoutePlugin } from '../../platform/http/types.ts';
import { calendarDate, uuidParam } from '../../platform/http/zod-text.ts';
import { parseIncomingEmail } from './intake/index.ts';
import type { PqrsdReports } from './pqrsd.reports.ts';
import { MAX_PQRSD_ATTACHMENTS, type PqrsdService, type UploadedAttachment } from './pqrsd.service.ts';
import { filingSchema } from './pqrsd.views.ts';
import { REQUESTS_PERMISSIONS as P } from './requests.authz.ts';
import { PQRSD_TYPE_LABELS, PQRSD_TYPES, readPqrsdTerms, regimeOn } from './terms/index.ts';

const tags = ['pqrsd'];

/** Validates a value read from a multipart field with the same zod schema the JSON route uses. */
function parseWith<T>(schema: z.ZodType<T>, value: unknown): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const field = issue.path.map(String).join('.') || 'solicitud';
  const message = issue.message.startsWith(`${field}:`) ? issue.message : `${field}: ${issue.message}`;
  throw new AppError(400, 'VALIDATION_ERROR', `Revise el formulario: ${message}`, field);
}

function jsonField(raw: string | undefined, field: string): unknown {
  if (raw === undefined) return undefined;
  try {
    return JSON.parse(raw);
  } catch {
    throw validationError(field, `El campo «${field}» no es un JSON válido.`);
  }
}

/** A JSON body, or multipart with the JSON in `field` and files in `adjunto` parts. */
async function readBodyAndFiles(
  request: FastifyRequest,
  field: string,
  maxMb: number,
): Promise<{ body: unknown; files: UploadedAttachment[] }> {
  if (!request.isMultipart()) return { body: request.body, files: [] };
  const files: UploadedAttachment[] = [];
  let raw: string | undefined;
  for await (const part of request.parts()) {
    if (part.type === 'file') {
      if (part.fieldname !== 'adjunto')
        throw validationError(part.fieldname, 'Adjunte los archivos en el campo «adjunto».');
      const bytes = await uploadedBytes(part, maxMb);
      if (bytes.length === 0) continue;
      files.push({ fileName: part.filename, bytes });
      if (files.length > MAX_PQRSD_ATTACHMENTS)
        throw validationError('adjunto', `Puede adjuntar hasta ${MAX_PQRSD_ATTACHMENTS} archivos.`);
    } else if (part.fieldname === field) {
      raw = String(part.value);
    }
  }
  if (raw === undefined) throw validationError(field, `Envíe los datos en el campo «${field}».`);
  return { body: jsonField(raw, field), files };
}

const idempotencyKeyOf = (request: FastifyRequest): string | null => {
  const value = request.headers['idempotency-key'];
  if (typeof value !== 'string' || value.length === 0) return null;
  if (value.length > 80)
    throw validationError('Idempotency-Key', 'La clave de idempotencia tiene máximo 80 caracteres.');
  return value;
};

const trackingSchema = z.strictObject({
  radicado: z.string({ error: 'radicado: escriba el número de radicado.' }).trim().min(8).max(30),
  documento: z
    .string({ error: 'documento: escriba su número de documento o la clave de consulta.' })
    .trim()
    .min(3, 'documento: escriba su número de documento o la clave de consulta.')
    .max(30),
});

const informationSchema = trackingSchema.extend({
  texto: z
    .string({ error: 'texto: escriba la información pedida.' })
    .trim()
    .min(5, 'texto: escriba la información pedida.')
    .max(10_000),
});

const actionSchema = z.strictObject({
  action: z.string({ error: 'action: elija la acción.' }).regex(/^[a-z_]{2,40}$/, 'action: acción inválida.'),
  comment: z.string().trim().max(5_000).nullish(),
  expectedVersion: z.number().int().positive().nullish(),
  assignTo: z
    .strictObject({
      userId: uuidParam,
      dependenciaCode: z.string().max(40).nullish(),
    })
    .nullish(),
  transferTo: z.string().trim().max(200).nullish(),
  duplicateOf: z.string().trim().max(30).nullish(),
  answer: z.strictObject({ template: z.string().max(40), text: z.string().max(20_000) }).nullish(),
});

const inboxQuery = z.strictObject({
  alcance: z
    .enum(['mias', 'dependencia', 'todas'], { error: 'alcance: use mias, dependencia o todas.' })
    .default('dependencia'),
  dependencia: z.string().max(40).optional(),
  filtro: z
    .enum(['vencido', 'vence_hoy', 'por_vencer', 'en_termino', 'pausado'], {
      error: 'filtro: use vencido, vence_hoy, por_vencer, en_termino o pausado.',
    })
    .optional(),
  tipo: z.enum(PQRSD_TYPES, { error: 'tipo: tipo de solicitud desconocido.' }).optional(),
  limite: z.coerce.number().int().min(1).max(200).default(50),
  despues: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}T[^_]+_[0-9a-f-]{36}$/, 'despues: cursor inválido.')
    .optional(),
});

const reportQuery = z.strictObject({
  desde: calendarDate('desde'),
  hasta: calendarDate('hasta'),
});

/** PQRSD over HTTP: filing and tracking for everyone, the officials' inbox and actions, the reports. */
export function requestsRoutes(service: PqrsdService, reports: PqrsdReports): RoutePlugin {
  return async (app, ctx) => {
    const maxMb = ctx.config.UPLOAD_LIMIT_MB;
    // Filing and tracking are open to anyone: a sixth of the public budget per address (10/min by default).
    const perAddress = {
      max: Math.max(5, Math.floor(ctx.config.RATE_LIMIT_PUBLIC_PER_MINUTE / 6)),
      timeWindow: '1 minute',
    };
    await app.register(multipart, {
      limits: { fileSize: maxMb * 1024 * 1024, files: MAX_PQRSD_ATTACHMENTS + 1, fields: 5 },
    });

    // ───────── Everyone ─────────

    app.get(
      '/api/v1/pqrsd/catalogo',
      {
        config: { auth: 'public' },
        schema: { tags, summary: 'Tipos de solicitud con su término vigente, temas y límites de adjuntos' },
      },
      async (request) => {
        const today = toBogotaDate(ctx.now());
        const regime = regimeOn(today, readPqrsdTerms());
        return {
          regime: { id: regime.id, label: regime.label },
          types: PQRSD_TYPES.map((type) => ({
            code: type,
            label: PQRSD_TYPE_LABELS[type],
            termDays: regime.terms[type].days,
            anonymousAllowed: type === 'denuncia',
          })),
          categories: await service.categories(request.actor.tenantId),
          maxAttachments: MAX_PQRSD_ATTACHMENTS,
          maxAttachmentMb: maxMb,
        };
      },
    );

    app.post(
      '/api/v1/pqrsd',
      {
        config: { auth: 'public', rateLimit: perAddress },
        schema: {
          tags,
          summary:
            'Radicar una PQRSD (JSON, o multipart con «solicitud» en JSON y hasta 5 archivos «adjunto»); con Idempotency-Key un reintento no radica dos veces',
          consumes: ['application/json', 'multipart/form-data'],
        },
      },
      async (request, reply) => {
        const { body, files } = await readBodyAndFiles(request, 'solicitud', maxMb);
        const input = parseWith(filingSchema, body);
        const receipt = await service.file(request.actor, input, {
          channel: 'web',
          attachments: files,
          idempotencyKey: idempotencyKeyOf(request),
        });
        return reply.status(receipt.replayed ? 200 : 201).send(receipt);
      },
    );

    app.post(
      '/api/v1/pqrsd/seguimiento',
      {
        config: { auth: 'public', rateLimit: perAddress },
        schema: {
          tags,
          summary: 'Consultar una PQRSD con su radicado y el documento (o la clave) de quien la presentó',
          body: trackingSchema,
        },
      },
      async (request) => service.track(request.actor.tenantId, request.body.radicado, request.body.documento),
    );

    app.post(
      '/api/v1/pqrsd/seguimiento/respuesta',
      {
        config: { auth: 'public', rateLimit: perAddress },
        schema: {
          tags,
          summary: 'Descargar el PDF de la respuesta (radicado + documento o clave)',
          body: trackingSchema,
        },
      },
      async (request, reply) => {
        const answer = await service.answerDocument(
          request.actor.tenantId,
          request.body.radicado,
          request.body.documento,
        );
        if (!answer) throw notFound('Esta solicitud todavía no tiene respuesta.');
        reply.header('content-type', 'application/pdf');
        reply.header('content-disposition', attachmentDisposition(`respuesta-${answer.radicado}.pdf`));
        return reply.send(await ctx.documents.openPdf(answer.document));
      },
    );

    app.post(
      '/api/v1/pqrsd/seguimiento/informacion',
      {
        config: { auth: 'public', rateLimit: perAddress },
        schema: {
          tags,
          summary:
            'Enviar la información adicional pedida (JSON, o multipart con «datos» en JSON y archivos «adjunto»): el término se reanuda',
          consumes: ['application/json', 'multipart/form-data'],
        },
      },
      async (request) => {
        const { body, files } = await readBodyAndFiles(request, 'datos', maxMb);
        const input = parseWith(informationSchema, body);
        return service.provideInformation(
          request.actor.tenantId,
          { radicado: input.radicado, secret: input.documento, text: input.texto },
          files,
        );
      },
    );

    app.get(
      '/api/v1/pqrsd/mias',
      { config: { auth: 'user' }, schema: { tags, summary: 'Mis PQRSD (ciudadano con sesión)' } },
      async (request) => ({ items: await service.mine(request.actor) }),
    );

    // ───────── Officials ─────────

    app.get(
      '/api/v1/pqrsd/bandeja',
      {
        config: { permission: P.work },
        schema: {
          tags,
          summary: 'Bandeja de PQRSD: mías, de mi dependencia o todas; por vencimiento',
          querystring: inboxQuery,
        },
      },
      async (request) => {
        const query = request.query;
        const after = query.despues
          ? { dueAt: new Date(query.despues.split('_')[0]!), id: query.despues.split('_')[1]! }
          : null;
        if (after && Number.isNaN(after.dueAt.getTime()))
          throw validationError('despues', 'Cursor inválido.');
        return service.inbox(request.actor, {
          scope: query.alcance,
          dependenciaCode: query.dependencia ?? null,
          category: query.filtro ?? null,
          type: query.tipo ?? null,
          limit: query.limite,
          after,
        });
      },
    );

    app.get(
      '/api/v1/pqrsd/funcionarios',
      {
        config: { permission: P.coordinate },
        schema: {
          tags,
          summary: 'Funcionarios de una dependencia a quienes la coordinación puede asignar una PQRSD',
          querystring: z.strictObject({
            dependencia: z.string({ error: 'dependencia: elija la dependencia.' }).min(2).max(40),
          }),
        },
      },
      async (request) => ({ items: await service.officialsIn(request.actor, request.query.dependencia) }),
    );

    app.post(
      '/api/v1/pqrsd/ventanilla',
      {
        config: { permission: P.coordinate },
        schema: {
          tags,
          summary: 'Radicar en ventanilla una PQRSD presentada en persona, con los documentos escaneados',
          consumes: ['application/json', 'multipart/form-data'],
        },
      },
      async (request, reply) => {
        const { body, files } = await readBodyAndFiles(request, 'solicitud', maxMb);
        const input = parseWith(filingSchema, body);
        const receipt = await service.file(request.actor, input, {
          channel: 'ventanilla',
          attachments: files,
          idempotencyKey: idempotencyKeyOf(request),
        });
        return reply.status(receipt.replayed ? 200 : 201).send(receipt);
      },
    );

    app.post(
      '/api/v1/pqrsd/correo/eml',
      {
        config: { permission: P.coordinate },
        schema: {
          tags,
          summary:
            'Radicar un correo recibido: cargue el mensaje .eml (campo «archivo»); el mismo mensaje radica una vez',
          consumes: ['multipart/form-data'],
        },
      },
      async (request, reply) => {
        const part = await request.file();
        if (part?.fieldname !== 'archivo')
          throw validationError('archivo', 'Adjunte el mensaje .eml en el campo «archivo».');
        const email = await parseIncomingEmail(await uploadedBytes(part, maxMb), {
          maxAttachmentBytes: maxMb * 1024 * 1024,
        });
        const result = await service.fileFromEmail(request.actor, email);
        if ('skipped' in result) {
          throw new AppError(
            422,
            'CORREO_AUTOMATICO',
            'El mensaje es una respuesta automática o un rebote: no se radica.',
            'archivo',
          );
        }
        return reply.status(result.replayed ? 200 : 201).send(result);
      },
    );

    app.get(
      '/api/v1/pqrsd/solicitudes/:id',
      {
        config: { permission: P.work },
        schema: {
          tags,
          summary: 'Una PQRSD con sus datos personales (lectura auditada), historial y acciones posibles',
          params: z.object({ id: uuidParam }),
        },
      },
      async (request) => service.detail(request.actor, request.params.id),
    );

    app.get(
      '/api/v1/pqrsd/solicitudes/:id/plantillas/:template',
      {
        config: { permission: P.work },
        schema: {
          tags,
          summary: 'Una plantilla de respuesta llena con los datos de la solicitud',
          params: z.object({ id: uuidParam, template: z.string().max(40) }),
        },
      },
      async (request) => service.draftFromTemplate(request.actor, request.params.id, request.params.template),
    );

    app.post(
      '/api/v1/pqrsd/solicitudes/:id/acciones',
      {
        config: { permission: P.work },
        schema: {
          tags,
          summary:
            'Tomar una acción del flujo (asignar, tomar, solicitar información, proyectar, aprobar, trasladar…); JSON o multipart con «accion» y archivos «adjunto»',
          params: z.object({ id: uuidParam }),
          consumes: ['application/json', 'multipart/form-data'],
        },
      },
      async (request) => {
        const { body, files } = await readBodyAndFiles(request, 'accion', maxMb);
        const input = parseWith(actionSchema, body);
        await service.act(request.actor, request.params.id, {
          ...input,
          attachments: files,
          idempotencyKey: idempotencyKeyOf(request),
        });
        return service.detail(request.actor, request.params.id);
      },
    );

    app.post(
      '/api/v1/pqrsd/solicitudes/:id/prorroga',
      {
        config: { permission: P.work },
        schema: {
          tags,
          summary: 'Prorrogar el término (antes del vencimiento, hasta el doble, informando al peticionario)',
          params: z.object({ id: uuidParam }),
          body: z.strictObject({
            newDueOn: calendarDate('newDueOn'),
            reason: z.string({ error: 'reason: explique el motivo.' }).trim().max(2_000),
          }),
        },
      },
      async (request) => service.extend(request.actor, request.params.id, request.body),
    );

    app.post(
      '/api/v1/pqrsd/solicitudes/:id/tipo',
      {
        config: { permission: P.coordinate },
        schema: {
          tags,
          summary: 'Reclasificar el tipo de solicitud: cambia el término y conserva las suspensiones',
          params: z.object({ id: uuidParam }),
          body: z.strictObject({
            type: z.enum(PQRSD_TYPES, { error: 'type: tipo de solicitud desconocido.' }),
            reason: z
              .string({ error: 'reason: explique el motivo.' })
              .trim()
              .min(5, 'reason: explique el motivo.')
              .max(2_000),
          }),
        },
      },
      async (request) => service.changeType(request.actor, request.params.id, request.body),
    );

    app.post(
      '/api/v1/pqrsd/solicitudes/:id/comentarios',
      {
        config: { permission: P.work },
        schema: {
          tags,
          summary: 'Dejar una nota interna en la solicitud',
          params: z.object({ id: uuidParam }),
          body: z.strictObject({
            comment: z
              .string({ error: 'comment: escriba la nota.' })
              .trim()
              .min(2, 'comment: escriba la nota.')
              .max(5_000),
          }),
        },
      },
      async (request) => service.comment(request.actor, request.params.id, request.body.comment),
    );

    app.get(
      '/api/v1/pqrsd/solicitudes/:id/archivos/:fileId',
      {
        config: { permission: P.work },
        schema: {
          tags,
          summary: 'Descargar un adjunto de la solicitud',
          params: z.object({ id: uuidParam, fileId: uuidParam }),
        },
      },
      async (request, reply) => {
        const record = await service.attachment(request.actor, request.params.id, request.params.fileId);
        return sendStoredFile(reply, record, await ctx.files.open(record));
      },
    );

    // ───────── Reports (Ley 1712 de 2014, Decreto 1081 de 2015) ─────────

    app.get(
      '/api/v1/pqrsd/informes',
      {
        config: { permission: P.reports },
        schema: {
          tags,
          summary:
            'Informe de PQRSD de un periodo: por tipo, canal y dependencia; oportunidad; serie mensual',
          querystring: reportQuery,
        },
      },
      async (request) => {
        checkPeriod(request.query.desde, request.query.hasta);
        return reports.summary(request.actor.tenantId, request.query.desde, request.query.hasta);
      },
    );

    app.get(
      '/api/v1/pqrsd/informes.csv',
      {
        config: { permission: P.reports },
        schema: {
          tags,
          summary: 'Las solicitudes del periodo en CSV (sin datos personales)',
          querystring: reportQuery,
        },
      },
      async (request, reply) => {
        checkPeriod(request.query.desde, request.query.hasta);
        const csv = await reports.csv(request.actor.tenantId, request.query.desde, request.query.hasta);
        reply.header('content-type', 'text/csv; charset=utf-8');
        reply.header(
          'content-disposition',
          attachmentDisposition(`pqrsd-${request.query.desde}-${request.query.hasta}.csv`),
        );
        return reply.send(csv);
      },
    );

    app.get(
      '/api/v1/datos-abiertos/pqrsd-mensual.csv',
      {
        config: { auth: 'public', rateLimit: { max: 30, timeWindow: '1 minute' } },
        schema: {
          tags: ['datos abiertos'],
          summary:
            'Serie mensual anonimizada de PQRSD (por tipo, canal y dependencia; celdas menores de 3 suprimidas)',
        },
      },
      async (request, reply) => {
        const csv = await reports.openDataCsv(request.actor.tenantId);
        reply.header('content-type', 'text/csv; charset=utf-8');
        reply.header('content-disposition', attachmentDisposition('pqrsd-serie-mensual.csv'));
        return reply.send(csv);
      },
    );
  };
}

function checkPeriod(from: string, to: string): void {
  if (from > to) throw validationError('desde', 'La fecha inicial debe ser anterior o igual a la final.');
}

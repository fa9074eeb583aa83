import multipart from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { sendStoredFile } from '../../platform/files/send-file.ts';
import { uploadedBytes } from '../../platform/files/upload-bytes.ts';
import { AppError, validationError } from '../../platform/http/errors.ts';
import type { RoutePlugin } from '../../platform/http/types.ts';
import { calendarDate, pageQuery, text, uuidParam } from '../../platform/http/zod-text.ts';
import { CORRESPONDENCE_PERMISSIONS as P } from './correspondence.authz.ts';
import { MEDIA } from './correspondence.rules.ts';
import { CORRESPONDENCE_DIRECTIONS } from './correspondence.schema.ts';
import {
  type CorrespondenceService,
  type ExpedienteDetail,
  type ExpedienteSummary,
  type ItemDetail,
  type ItemSummary,
  MAX_ATTACHMENTS,
  type UploadedAttachment,
} from './correspondence.service.ts';

const tags = ['correspondencia'];
const BASE = '/api/v1/correspondencia';

// ───────── request schemas ─────────

// biome-ignore lint/suspicious/noControlCharactersInRegex: the point is to detect them.
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

/** An optional single-line text: empty or absent means «not given». */
const optionalText = (label: string, max: number) =>
  z
    .string({ error: `${label}: debe ser texto.` })
    .trim()
    .max(max, `${label}: admite como máximo ${max} caracteres.`)
    .refine((value) => !CONTROL_CHARACTERS.test(value) && !/[\r\n]/.test(value), {
      message: `${label}: contiene caracteres no permitidos.`,
    })
    .nullish();

const party = (label: string) =>
  z.strictObject(
    {
      name: text({ label: `${label}: nombre`, max: 200 }),
      entity: optionalText(`${label}: entidad`, 200),
      contact: optionalText(`${label}: dirección, correo o teléfono`, 300),
    },
    { error: `${label}: escriba al menos el nombre.` },
  );

const direction = z.enum(CORRESPONDENCE_DIRECTIONS, {
  error: 'Tipo de comunicación: use entrada, salida o interna.',
});

export const radicarBody = z.strictObject({
  direction,
  subject: text({ label: 'Asunto', min: 3, max: 300 }),
  summary: z
    .string({ error: 'Resumen: debe ser texto.' })
    .trim()
    .max(4000, 'Resumen: admite como máximo 4000 caracteres.')
    .refine((value) => !CONTROL_CHARACTERS.test(value), {
      message: 'Resumen: contiene caracteres no permitidos.',
    })
    .nullish(),
  sender: party('Remitente'),
  recipient: party('Destinatario'),
  dependencia: text({ label: 'Dependencia', max: 40 }),
  medium: z.enum(MEDIA, { error: 'Medio de recepción o envío: use fisico, correo, web o mensajeria.' }),
  folios: z
    .number({ error: 'Folios: escriba un número entero.' })
    .int('Folios: escriba un número entero.')
    .min(0, 'Folios: no puede ser negativo.')
    .max(10_000, 'Folios: como máximo 10000.')
    .optional(),
  trdCode: optionalText('Serie o subserie TRD', 20),
  respondsToId: z
    .uuid({ error: 'Responde a: el identificador del radicado de entrada no es válido.' })
    .nullish(),
  pqrsdRadicado: optionalText('Radicado de la PQRSD', 30),
});
export type RadicarBody = z.infer<typeof radicarBody>;

const searchQuery = z.strictObject({
  q: optionalText('Búsqueda', 200),
  direction: direction.optional(),
  dependencia: text({ label: 'Dependencia', max: 40 }).optional(),
  from: calendarDate('Desde').optional(),
  to: calendarDate('Hasta').optional(),
  trd: text({ label: 'Serie o subserie TRD', max: 20 }).optional(),
  ...pageQuery,
});

const expedienteBody = z.strictObject({
  title: text({ label: 'Nombre del expediente', min: 3, max: 300 }),
  dependencia: text({ label: 'Dependencia', max: 40 }),
  trdCode: text({ label: 'Serie o subserie TRD', max: 20 }),
});

const expedienteQuery = z.strictObject({
  q: optionalText('Búsqueda', 200),
  dependencia: text({ label: 'Dependencia', max: 40 }).optional(),
  status: z.enum(['abierto', 'cerrado'], { error: 'Estado: use abierto o cerrado.' }).optional(),
  ...pageQuery,
});

const addItemBody = z
  .strictObject({
    itemId: z.uuid({ error: 'El identificador del radicado no es válido.' }).optional(),
    radicado: text({ label: 'Radicado', max: 30 }).optional(),
  })
  .refine((body) => Boolean(body.itemId) !== Boolean(body.radicado), {
    message: 'Radicado: escriba el número del radicado que va a archivar.',
    path: ['radicado'],
  });

const idempotencyHeaders = z.object({
  'idempotency-key': z.string().optional(),
});

// ───────── response schemas ─────────

const dependenciaRef = z.object({ code: z.string(), name: z.string() });
const trdRef = z.object({
  seriesCode: z.string(),
  seriesName: z.string(),
  subseriesCode: z.string().nullable(),
  subseriesName: z.string().nullable(),
});
const attachmentSchema = z.object({
  id: z.string(),
  name: z.string(),
  mediaType: z.string(),
  size: z.number(),
  sha256: z.string(),
});

const itemSummarySchema = z.object({
  id: z.string(),
  radicado: z.string(),
  direction: z.enum(CORRESPONDENCE_DIRECTIONS),
  radicadoAt: z.string(),
  subject: z.string(),
  senderName: z.string(),
  senderEntity: z.string().nullable(),
  recipientName: z.string(),
  recipientEntity: z.string().nullable(),
  dependencia: dependenciaRef,
  medium: z.enum(MEDIA),
  folios: z.number(),
  trd: trdRef.nullable(),
  expediente: z.object({ id: z.string(), code: z.string() }).nullable(),
  pqrsdRadicado: z.string().nullable(),
  attachmentCount: z.number(),
});

const itemDetailSchema = itemSummarySchema.extend({
  summary: z.string().nullable(),
  senderContact: z.string().nullable(),
  recipientContact: z.string().nullable(),
  respondsTo: z.object({ id: z.string(), radicado: z.string(), subject: z.string() }).nullable(),
  answers: z.array(z.object({ id: z.string(), radicado: z.string(), radicadoAt: z.string() })),
  attachments: z.array(attachmentSchema),
});

const expedienteSummarySchema = z.object({
  id: z.string(),
  code: z.string(),
  title: z.string(),
  dependencia: dependenciaRef,
  trd: trdRef,
  status: z.enum(['abierto', 'cerrado']),
  openedAt: z.string(),
  closedAt: z.string().nullable(),
  itemCount: z.number(),
});

const expedienteDetailSchema = expedienteSummarySchema.extend({
  retention: z.object({ gestion: z.number(), central: z.number() }).nullable(),
  disposition: z.string().nullable(),
  dispositionLabel: z.string().nullable(),
  procedure: z.string().nullable(),
  schedule: z.object({ transferYear: z.number(), dispositionYear: z.number() }).nullable(),
  index: z.array(
    z.object({
      order: z.number(),
      itemId: z.string(),
      radicado: z.string(),
      direction: z.enum(CORRESPONDENCE_DIRECTIONS),
      radicadoAt: z.string(),
      subject: z.string(),
      folios: z.number(),
      folioStart: z.number().nullable(),
      folioEnd: z.number().nullable(),
      attachments: z.array(attachmentSchema),
    }),
  ),
});

const rules = z.object({
  retention: z.object({ gestion: z.number(), central: z.number() }).nullable(),
  disposition: z.string().nullable(),
  procedure: z.string().nullable(),
});
const trdResponse = z.object({
  entity: z.string(),
  version: z.string(),
  dispositions: z.record(z.string(), z.string()),
  dependencias: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      officeCode: z.string().nullable(),
      series: z.array(
        z.object({
          code: z.string(),
          name: z.string(),
          ...rules.shape,
          subseries: z.array(z.object({ code: z.string(), name: z.string(), ...rules.shape })),
        }),
      ),
    }),
  ),
});

// ───────── views ─────────

const iso = (date: Date) => date.toISOString();

export const summaryView = <T extends ItemSummary>(item: T) => ({
  ...item,
  radicadoAt: iso(item.radicadoAt),
});

export const detailView = (item: ItemDetail) => ({
  ...summaryView(item),
  answers: item.answers.map((answer) => ({ ...answer, radicadoAt: iso(answer.radicadoAt) })),
});

export const expedienteSummaryView = <T extends ExpedienteSummary>(folder: T) => ({
  ...folder,
  openedAt: iso(folder.openedAt),
  closedAt: folder.closedAt ? iso(folder.closedAt) : null,
});

export const expedienteDetailView = (folder: ExpedienteDetail) => ({
  ...expedienteSummaryView(folder),
  index: folder.index.map((entry) => ({ ...entry, radicadoAt: iso(entry.radicadoAt) })),
});

// ───────── multipart ─────────

/** The radicación form as the browser sends it: «data» (the JSON of the body), files in «attachments». */
async function readRadicarForm(request: FastifyRequest, maxMb: number) {
  const attachments: UploadedAttachment[] = [];
  let data: string | undefined;
  let idempotencyKey: string | undefined;
  try {
    for await (const part of request.parts()) {
      if (part.type === 'file') {
        if (part.fieldname !== 'attachments') {
          throw validationError(part.fieldname, 'Adjunte los documentos en el campo «attachments».');
        }
        const bytes = await uploadedBytes(part, maxMb);
        // A browser sends an empty part for an untouched file input.
        if (bytes.length === 0 && !part.filename) continue;
        attachments.push({ fileName: part.filename || 'documento', bytes });
      } else if (part.fieldname === 'data') {
        data = String(part.value);
      } else if (part.fieldname === 'idempotencyKey') {
        idempotencyKey = String(part.value);
      } else {
        throw validationError(
          part.fieldname,
          `El campo «${part.fieldname}» no se esperaba en el formulario.`,
        );
      }
    }
  } catch (error) {
    throw malformedForm(error);
  }
  return { data, attachments, idempotencyKey };
}

/** A cut or garbled multipart body is the sender's fault: 400, not 500. */
function malformedForm(error: unknown): unknown {
  if (error instanceof AppError) return error;
  const status = (error as { statusCode?: number }).statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) return error;
  return new AppError(
    400,
    'MALFORMED_REQUEST',
    'El formulario enviado está incompleto o dañado. Envíelo de nuevo.',
  );
}

/** The same validation and messages as the JSON body, for the «data» part of the form. */
function parseFormData(data: string | undefined): RadicarBody {
  if (data === undefined)
    throw validationError('data', 'Envíe los datos de la comunicación en el campo «data».');
  let json: unknown;
  try {
    json = JSON.parse(data);
  } catch {
    throw validationError('data', 'El campo «data» no es un JSON válido.');
  }
  const result = radicarBody.safeParse(json);
  if (result.success) return result.data;
  const errors = result.error.issues.map((issue) => ({
    field: issue.path.map(String).join('.'),
    message: issue.message,
  }));
  const first = errors[0]!;
  throw new AppError(
    400,
    'VALIDATION_ERROR',
    `Revise ${first.field ? `el campo «${first.field}»` : 'los datos'}: ${first.message}.`,
    first.field || undefined,
    { errors },
  );
}

// ───────── routes ─────────

/** Radicación, consultation and expedientes of official correspondence (ventanilla and archive). */
export function correspondenceRoutes(service: CorrespondenceService): RoutePlugin {
  return async (app, ctx) => {
    const maxMb = ctx.config.UPLOAD_LIMIT_MB;
    await app.register(multipart, {
      limits: {
        fileSize: maxMb * 1024 * 1024,
        files: MAX_ATTACHMENTS,
        fields: 5,
        parts: MAX_ATTACHMENTS + 5,
      },
    });

    app.get(
      `${BASE}/trd`,
      {
        config: { permission: P.readOwn },
        schema: {
          tags,
          summary:
            'Tabla de Retención Documental: series y subseries por dependencia, tiempos y disposición final',
          response: { 200: trdResponse },
        },
      },
      async (request) => service.trdCatalogue(request.actor),
    );

    app.post(
      `${BASE}/radicados`,
      {
        config: { permission: P.register },
        schema: {
          tags,
          summary:
            'Radicar una comunicación de entrada, salida o interna (consecutivo propio por tipo; Idempotency-Key para reintentos)',
          headers: idempotencyHeaders,
          body: radicarBody,
          response: { 200: itemDetailSchema, 201: itemDetailSchema },
        },
      },
      async (request, reply) => {
        const { item, created } = await service.radicar(request.actor, request.body, {
          idempotencyKey: request.headers['idempotency-key'],
        });
        if (!created) reply.header('idempotent-replayed', 'true');
        return reply.status(201).send(detailView(item));
      },
    );

    app.post(
      `${BASE}/radicados/formulario`,
      {
        config: { permission: P.register, rateLimit: { max: 60, timeWindow: '1 minute' } },
        schema: {
          tags,
          summary:
            'Radicar con documentos digitalizados (multipart: «data» con el JSON de la comunicación y archivos en «attachments»)',
          consumes: ['multipart/form-data'],
          headers: idempotencyHeaders,
          response: { 200: itemDetailSchema, 201: itemDetailSchema },
        },
      },
      async (request, reply) => {
        if (!request.isMultipart()) {
          throw new AppError(415, 'UNSUPPORTED_MEDIA_TYPE', 'Envíe el formulario como multipart/form-data.');
        }
        const form = await readRadicarForm(request, maxMb);
        const body = parseFormData(form.data);
        const { item, created } = await service.radicar(request.actor, body, {
          idempotencyKey: request.headers['idempotency-key'] ?? form.idempotencyKey,
          attachments: form.attachments,
        });
        if (!created) reply.header('idempotent-replayed', 'true');
        return reply.status(201).send(detailView(item));
      },
    );

    app.get(
      `${BASE}/radicados`,
      {
        config: { permission: P.readOwn },
        schema: {
          tags,
          summary:
            'Buscar radicados: texto completo en español (asunto, remitente, destinatario, resumen, radicado) y filtros',
          querystring: searchQuery,
          response: {
            200: z.object({
              items: z.array(itemSummarySchema.extend({ rank: z.number().nullable() })),
              total: z.number(),
              page: z.number(),
              pageSize: z.number(),
            }),
          },
        },
      },
      async (request) => {
        const { q, ...filters } = request.query;
        const result = await service.search(request.actor, { ...filters, q: q ?? undefined });
        return { ...result, items: result.items.map((item) => ({ ...summaryView(item), rank: item.rank })) };
      },
    );

    app.get(
      `${BASE}/radicados/:id`,
      {
        config: { permission: P.readOwn },
        schema: {
          tags,
          summary: 'Un radicado con los datos de contacto del remitente y destinatario (lectura auditada)',
          params: z.object({ id: uuidParam }),
          response: { 200: itemDetailSchema },
        },
      },
      async (request) => detailView(await service.get(request.actor, request.params.id)),
    );

    app.post(
      `${BASE}/radicados/:id/adjuntos`,
      {
        config: { permission: P.register, rateLimit: { max: 60, timeWindow: '1 minute' } },
        schema: {
          tags,
          summary:
            'Agregar documentos digitalizados a un radicado (multipart, campo «attachments»; un archivo repetido no se duplica)',
          consumes: ['multipart/form-data'],
          params: z.object({ id: uuidParam }),
          response: { 200: itemDetailSchema.extend({ added: z.number() }) },
        },
      },
      async (request) => {
        if (!request.isMultipart()) {
          throw new AppError(415, 'UNSUPPORTED_MEDIA_TYPE', 'Envíe los archivos como multipart/form-data.');
        }
        const attachments: UploadedAttachment[] = [];
        try {
          for await (const part of request.parts()) {
            if (part.type !== 'file') continue;
            if (part.fieldname !== 'attachments') {
              throw validationError(part.fieldname, 'Adjunte los documentos en el campo «attachments».');
            }
            attachments.push({
              fileName: part.filename || 'documento',
              bytes: await uploadedBytes(part, maxMb),
            });
          }
        } catch (error) {
          throw malformedForm(error);
        }
        const { item, added } = await service.attach(request.actor, request.params.id, attachments);
        return { ...detailView(item), added };
      },
    );

    app.get(
      `${BASE}/radicados/:id/adjuntos/:fileId`,
      {
        config: { permission: P.readOwn },
        schema: {
          tags,
          summary: 'Descargar un documento digitalizado de un radicado (lectura auditada)',
          params: z.object({ id: uuidParam, fileId: uuidParam }),
        },
      },
      async (request, reply) => {
        const { record, stream } = await service.attachment(
          request.actor,
          request.params.id,
          request.params.fileId,
        );
        return sendStoredFile(reply, record, stream);
      },
    );

    app.post(
      `${BASE}/expedientes`,
      {
        config: { permission: P.register },
        schema: {
          tags,
          summary:
            'Abrir un expediente bajo una subserie de la TRD (uno abierto con el mismo nombre y serie se devuelve en lugar de duplicarlo)',
          body: expedienteBody,
          response: { 200: expedienteDetailSchema, 201: expedienteDetailSchema },
        },
      },
      async (request, reply) => {
        const { expediente, created } = await service.createExpediente(request.actor, request.body);
        return reply.status(created ? 201 : 200).send(expedienteDetailView(expediente));
      },
    );

    app.get(
      `${BASE}/expedientes`,
      {
        config: { permission: P.readOwn },
        schema: {
          tags,
          summary: 'Expedientes por dependencia y estado',
          querystring: expedienteQuery,
          response: {
            200: z.object({
              items: z.array(expedienteSummarySchema),
              total: z.number(),
              page: z.number(),
              pageSize: z.number(),
            }),
          },
        },
      },
      async (request) => {
        const { q, ...filters } = request.query;
        const result = await service.listExpedientes(request.actor, { ...filters, q: q ?? undefined });
        return {
          ...result,
          items: result.items.map(expedienteSummaryView),
        };
      },
    );

    app.get(
      `${BASE}/expedientes/:id`,
      {
        config: { permission: P.readOwn },
        schema: {
          tags,
          summary: 'Un expediente con su índice electrónico (documentos en orden, folios y huellas SHA-256)',
          params: z.object({ id: uuidParam }),
          response: { 200: expedienteDetailSchema },
        },
      },
      async (request) => expedienteDetailView(await service.getExpediente(request.actor, request.params.id)),
    );

    app.post(
      `${BASE}/expedientes/:id/radicados`,
      {
        config: { permission: P.register },
        schema: {
          tags,
          summary:
            'Archivar un radicado en un expediente abierto de su misma dependencia (por número o identificador)',
          params: z.object({ id: uuidParam }),
          body: addItemBody,
          response: { 200: expedienteDetailSchema.extend({ added: z.boolean() }) },
        },
      },
      async (request) => {
        const { expediente, added } = await service.addToExpediente(
          request.actor,
          request.params.id,
          request.body,
        );
        return { ...expedienteDetailView(expediente), added };
      },
    );

    app.post(
      `${BASE}/expedientes/:id/cerrar`,
      {
        config: { permission: P.register },
        schema: {
          tags,
          summary: 'Cerrar un expediente: no admite más documentos y empieza a contar su retención',
          params: z.object({ id: uuidParam }),
          response: { 200: expedienteDetailSchema.extend({ closed: z.boolean() }) },
        },
      },
      async (request) => {
        const { expediente, closed } = await service.closeExpediente(request.actor, request.params.id);
        return { ...expedienteDetailView(expediente), closed };
      },
    );
  };
}

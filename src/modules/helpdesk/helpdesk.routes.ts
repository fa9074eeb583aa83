import { z } from 'zod';
import { sendStoredFile } from '../../platform/files/send-file.ts';
import type { RoutePlugin } from '../../platform/http/types.ts';
import { calendarDate, uuidParam } from '../../platform/http/zod-text.ts';
import { DUE_CATEGORIES } from '../../platform/workflow/clock/index.ts';
import { HELPDESK_PERMISSIONS as P } from './helpdesk.authz.ts';
import type { HelpdeskReports } from './helpdesk.reports.ts';
import { REPORT_TABLES } from './helpdesk.reports.ts';
import { TICKET_PRIORITIES } from './helpdesk.schema.ts';
import {
  checkIdempotencyKey,
  decodeCursor,
  type HelpdeskService,
  MAX_ATTACHMENTS,
  type TicketActionCode,
} from './helpdesk.service.ts';
import { HELPDESK_ACTIONS as A } from './helpdesk.workflow.ts';

const tags = ['mesa de ayuda'];
const BASE = '/api/v1/mesa-de-ayuda';

// biome-ignore lint/suspicious/noControlCharactersInRegex: the point is to detect them.
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

/** Text a person typed: trimmed, without control characters; a missing field says «es obligatorio». */
function typed(options: { label: string; field: string; min?: number; max: number; multiline?: boolean }) {
  const { label, field, max } = options;
  const min = options.min ?? 1;
  return z
    .string({
      error: (issue) =>
        issue.input === undefined
          ? `${field}: ${label} es obligatorio.`
          : `${field}: ${label} debe ser texto.`,
    })
    .trim()
    .refine(
      (value) => !CONTROL_CHARACTERS.test(value) && (options.multiline || !/[\r\n]/.test(value)),
      `${field}: ${label} contiene caracteres no permitidos.`,
    )
    .pipe(
      z
        .string()
        .min(
          min,
          min <= 1 ? `${field}: ${label} es obligatorio.` : `${field}: escriba al menos ${min} caracteres.`,
        )
        .max(max, `${field}: admite como máximo ${max} caracteres.`),
    );
}

const priority = z.enum(TICKET_PRIORITIES, {
  error: (issue) =>
    issue.input === undefined
      ? 'priority: la prioridad es obligatoria.'
      : `priority: use una de ${TICKET_PRIORITIES.join(', ')}.`,
});

const attachmentIds = z
  .array(
    z.uuid({ error: 'attachmentFileIds: cada adjunto debe ser el identificador de un archivo cargado.' }),
    {
      error: 'attachmentFileIds: envíe una lista de identificadores de archivos.',
    },
  )
  .max(MAX_ATTACHMENTS, `attachmentFileIds: adjunte como máximo ${MAX_ATTACHMENTS} archivos.`)
  .optional();

const expectedVersion = z
  .number({ error: 'expectedVersion: debe ser un número entero.' })
  .int()
  .min(1)
  .optional();

const openBody = z.strictObject({
  category: z
    .string({
      error: (issue) =>
        issue.input === undefined
          ? 'category: la categoría es obligatoria.'
          : 'category: la categoría debe ser texto.',
    })
    .trim()
    .min(1, 'category: la categoría es obligatoria.')
    .max(40, 'category: la categoría no existe.'),
  priority,
  subject: typed({ label: 'el asunto', field: 'subject', min: 5, max: 200 }),
  description: typed({ label: 'la descripción', field: 'description', min: 10, max: 5000, multiline: true }),
  attachmentFileIds: attachmentIds,
  dependencia: z
    .string({ error: 'dependencia: escriba el código de la dependencia.' })
    .trim()
    .max(40)
    .optional(),
});

const ACTIONS = [
  A.start,
  A.waitForUser,
  A.resume,
  A.resolve,
  A.confirm,
  A.reopen,
  A.close,
  A.cancel,
] as const satisfies readonly TicketActionCode[];

const actionBody = z.strictObject({
  action: z.enum(ACTIONS, {
    error: (issue) =>
      issue.input === undefined ? 'action: indique la acción.' : `action: use una de ${ACTIONS.join(', ')}.`,
  }),
  comment: typed({ label: 'el comentario', field: 'comment', max: 5000, multiline: true }).optional(),
  expectedVersion,
});

const idParams = z.object({ id: uuidParam });

const queueQuery = z.strictObject({
  vista: z.enum(['mios', 'todos'], { error: 'vista: use «mios» o «todos».' }).default('mios'),
  categoria: z
    .enum(
      DUE_CATEGORIES.filter((category) => category !== 'cerrado') as [
        'vencido',
        'vence_hoy',
        'por_vencer',
        'en_termino',
        'pausado',
      ],
      { error: 'categoria: use vencido, vence_hoy, por_vencer, en_termino o pausado.' },
    )
    .optional(),
  limite: z.coerce
    .number({ error: 'limite: debe ser un número.' })
    .int()
    .min(1, 'limite: al menos 1.')
    .max(100, 'limite: como máximo 100.')
    .default(25),
  cursor: z.string().max(200, 'cursor: no es válido.').optional(),
});

const reportQuery = z.strictObject({ desde: calendarDate('desde'), hasta: calendarDate('hasta') });

/** The help desk's HTTP surface: /api/v1/mesa-de-ayuda/… */
export function helpdeskRoutes(service: HelpdeskService, reports: HelpdeskReports): RoutePlugin {
  return async (app, ctx) => {
    app.get(
      `${BASE}/catalogo`,
      {
        config: { auth: 'user' },
        schema: {
          tags,
          summary: 'Categorías, prioridades con sus ANS en horas hábiles, horario y ventana para reabrir',
        },
      },
      async () => service.catalogue(),
    );

    app.post(
      `${BASE}/tickets`,
      {
        config: { auth: 'user', rateLimit: { max: 30, timeWindow: '1 minute' } },
        schema: {
          tags,
          summary:
            'Abrir un ticket (funcionarios). Encabezado Idempotency-Key: un reintento devuelve el mismo ticket',
          body: openBody,
        },
      },
      async (request, reply) => {
        const key = checkIdempotencyKey(request.headers['idempotency-key']);
        const { ticket, replayed } = await service.open(request.actor, request.body, key);
        const view = await service.get(request.actor, ticket.id);
        return reply.status(replayed ? 200 : 201).send(view);
      },
    );

    app.get(
      `${BASE}/tickets`,
      {
        config: { auth: 'user' },
        schema: {
          tags,
          summary: 'Mis tickets (los que abrió el funcionario), del más reciente al más antiguo',
          querystring: z.strictObject({
            estado: z
              .enum(['abiertos', 'cerrados', 'todos'], { error: 'estado: use abiertos, cerrados o todos.' })
              .default('todos'),
            page: z.coerce.number().int().min(1, 'page: debe ser 1 o más.').max(10_000).default(1),
            pageSize: z.coerce.number().int().min(1).max(100, 'pageSize: como máximo 100.').default(20),
          }),
        },
      },
      async (request) =>
        service.listMine(request.actor, {
          status: request.query.estado,
          page: request.query.page,
          pageSize: request.query.pageSize,
        }),
    );

    app.get(
      `${BASE}/tickets/:id`,
      {
        config: { auth: 'user' },
        schema: {
          tags,
          summary: 'Un ticket: datos, ANS, historial y las acciones que usted puede tomar',
          params: idParams,
        },
      },
      async (request) => service.get(request.actor, request.params.id),
    );

    app.post(
      `${BASE}/tickets/:id/acciones`,
      {
        config: { auth: 'user' },
        schema: {
          tags,
          summary:
            'Una acción del flujo: iniciar, esperar_usuario, reanudar, resolver (técnico asignado); confirmar, reabrir (solicitante); cerrar, cancelar',
          params: idParams,
          body: actionBody,
        },
      },
      async (request) => {
        const key = checkIdempotencyKey(request.headers['idempotency-key']);
        await service.act(request.actor, request.params.id, request.body.action, {
          comment: request.body.comment ?? null,
          expectedVersion: request.body.expectedVersion ?? null,
          idempotencyKey: key,
        });
        return service.get(request.actor, request.params.id);
      },
    );

    app.post(
      `${BASE}/tickets/:id/tomar`,
      {
        config: { permission: P.work },
        schema: {
          tags,
          summary: 'Tomar un ticket sin técnico (técnicos TIC)',
          params: idParams,
          body: z.strictObject({ expectedVersion }).nullish(),
        },
      },
      async (request) => {
        await service.take(request.actor, request.params.id, {
          expectedVersion: request.body?.expectedVersion ?? null,
          idempotencyKey: checkIdempotencyKey(request.headers['idempotency-key']),
        });
        return service.get(request.actor, request.params.id);
      },
    );

    app.post(
      `${BASE}/tickets/:id/asignar`,
      {
        config: { permission: P.assign },
        schema: {
          tags,
          summary: 'Asignar o reasignar un ticket a un técnico (coordinador de la mesa de ayuda)',
          params: idParams,
          body: z.strictObject({
            technicianId: z.uuid({
              error: (issue) =>
                issue.input === undefined
                  ? 'technicianId: elija el técnico.'
                  : 'technicianId: no es un identificador válido.',
            }),
            comment: typed({
              label: 'el comentario',
              field: 'comment',
              max: 2000,
              multiline: true,
            }).optional(),
            expectedVersion,
          }),
        },
      },
      async (request) => {
        await service.assign(request.actor, request.params.id, request.body.technicianId, {
          comment: request.body.comment ?? null,
          expectedVersion: request.body.expectedVersion ?? null,
          idempotencyKey: checkIdempotencyKey(request.headers['idempotency-key']),
        });
        return service.get(request.actor, request.params.id);
      },
    );

    app.post(
      `${BASE}/tickets/:id/comentarios`,
      {
        config: { auth: 'user' },
        schema: {
          tags,
          summary:
            'Comentar un ticket, con adjuntos; «internal» solo para la Oficina TIC. El comentario del solicitante reanuda un ticket que lo esperaba',
          params: idParams,
          body: z.strictObject({
            comment: typed({ label: 'el comentario', field: 'comment', max: 5000, multiline: true }),
            internal: z.boolean({ error: 'internal: diga sí o no.' }).optional(),
            attachmentFileIds: attachmentIds,
          }),
        },
      },
      async (request, reply) => {
        await service.comment(request.actor, request.params.id, request.body);
        return reply.status(201).send(await service.get(request.actor, request.params.id));
      },
    );

    app.post(
      `${BASE}/tickets/:id/calificacion`,
      {
        config: { auth: 'user' },
        schema: {
          tags,
          summary: 'Calificar la atención de 1 a 5, una vez, después de la solución (solicitante)',
          params: idParams,
          body: z.strictObject({
            score: z
              .number({
                error: (issue) =>
                  issue.input === undefined
                    ? 'score: la calificación es obligatoria.'
                    : 'score: escriba un número de 1 a 5.',
              })
              .int('score: escriba un número entero de 1 a 5.')
              .min(1, 'score: la calificación va de 1 a 5.')
              .max(5, 'score: la calificación va de 1 a 5.'),
            comment: typed({
              label: 'el comentario',
              field: 'comment',
              max: 1000,
              multiline: true,
            }).optional(),
          }),
        },
      },
      async (request) => {
        await service.rate(request.actor, request.params.id, request.body);
        return service.get(request.actor, request.params.id);
      },
    );

    app.post(
      `${BASE}/tickets/:id/prioridad`,
      {
        config: { permission: P.work },
        schema: {
          tags,
          summary:
            'Cambiar la prioridad con su motivo: el nuevo ANS cuenta desde la apertura y conserva las pausas',
          params: idParams,
          body: z.strictObject({
            priority,
            reason: typed({ label: 'el motivo', field: 'reason', min: 5, max: 1000, multiline: true }),
          }),
        },
      },
      async (request) => {
        await service.changePriority(request.actor, request.params.id, request.body);
        return service.get(request.actor, request.params.id);
      },
    );

    app.get(
      `${BASE}/tickets/:id/adjuntos/:fileId`,
      {
        config: { auth: 'user' },
        schema: {
          tags,
          summary: 'Descargar un adjunto de un ticket (quien puede ver el ticket)',
          params: z.object({ id: uuidParam, fileId: uuidParam }),
        },
      },
      async (request, reply) => {
        const record = await service.attachment(request.actor, request.params.id, request.params.fileId);
        const stream = await ctx.files.open(record);
        return sendStoredFile(reply, record, stream);
      },
    );

    app.get(
      `${BASE}/cola`,
      {
        config: { permission: P.work },
        schema: {
          tags,
          summary:
            'Cola de los técnicos: los tickets asignados a usted («mios») o todos los abiertos («todos»), el que vence primero arriba, con conteos por vencimiento',
          querystring: queueQuery,
        },
      },
      async (request) =>
        service.queue(request.actor, {
          view: request.query.vista,
          category: request.query.categoria ?? null,
          limit: request.query.limite,
          after: request.query.cursor ? decodeCursor(request.query.cursor) : null,
        }),
    );

    app.get(
      `${BASE}/tecnicos`,
      {
        config: { permission: P.assign },
        schema: { tags, summary: 'Técnicos activos de la Oficina TIC (para asignar)' },
      },
      async (request) => ({ items: await service.technicians(request.actor.tenantId) }),
    );

    app.get(
      `${BASE}/informes`,
      {
        config: { permission: P.reports },
        schema: {
          tags,
          summary:
            'Tickets por dependencia, categoría y técnico; tiempos de primera respuesta y de solución; cumplimiento de ANS por prioridad',
          querystring: reportQuery,
        },
      },
      async (request) => reports.summary(request.actor.tenantId, request.query.desde, request.query.hasta),
    );

    app.get(
      `${BASE}/informes.csv`,
      {
        config: { permission: P.reports },
        schema: {
          tags,
          summary: 'Una tabla del informe en CSV (dependencias, categorias, tecnicos, prioridades o tickets)',
          querystring: reportQuery.extend({
            tabla: z
              .enum(REPORT_TABLES, { error: `tabla: use una de ${REPORT_TABLES.join(', ')}.` })
              .default('dependencias'),
          }),
        },
      },
      async (request, reply) => {
        const { desde, hasta, tabla } = request.query;
        const body = await reports.exportCsv(request.actor.tenantId, desde, hasta, tabla);
        await ctx.audit.record(ctx.db, request.actor, {
          action: 'helpdesk.report.export',
          entityType: 'helpdesk_report',
          details: { desde, hasta, tabla },
        });
        return reply
          .header('content-type', 'text/csv; charset=utf-8')
          .header(
            'content-disposition',
            `attachment; filename="mesa-de-ayuda-${tabla}-${desde}-${hasta}.csv"`,
          )
          .send(body);
      },
    );
  };
}

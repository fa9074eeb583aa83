import { z } from 'zod';
import { toBogotaDate } from '../../platform/calendar/index.ts';
import { AppError, notFound } from '../../platform/http/errors.ts';
import type { RoutePlugin } from '../../platform/http/types.ts';
import { uuidParam } from '../../platform/http/zod-text.ts';
import { PAYER_DOCUMENT_TYPES } from './gateway/index.ts';
import { onlinePaymentsUnavailable } from './taxes.errors.ts';
import type { TaxesServices } from './taxes.module.ts';
import { renderBillReceipt } from './taxes.receipts.ts';
import {
  billPublic,
  billSchema,
  predioPublic,
  predioPublicSchema,
  predioSnapshot,
  statementSchema,
} from './taxes.views.ts';

const tags = ['predial'];

export const numeroPredialField = z
  .string({ error: 'numero: escriba el número predial.' })
  .trim()
  .min(1, 'numero: escriba el número predial.')
  .max(40, 'numero: el número predial tiene como máximo 30 dígitos.');

export const referenceParam = z
  .string()
  .regex(/^\d{8,25}$/, 'La referencia de pago tiene solo dígitos (entre 8 y 25).');

const attemptSchema = z.object({
  id: z.string(),
  state: z.enum(['CREATING', 'PENDING', 'OK', 'NOT_AUTHORIZED', 'FAILED']),
  amount: z.number().int(),
  reference: z.string(),
  billReference: z.string(),
  cus: z.string().nullable(),
  settledAt: z.string().nullable(),
});

/** What anyone may do with a número predial or a bill: look up amounts, get the receipt, pay online. */
export function taxesPublicRoutes(services: TaxesServices): RoutePlugin {
  const { predios, billing, online } = services;
  return async (app, ctx) => {
    // Anyone may look up a predio, so look-ups are rate-limited per client (config RATE_LIMIT_PUBLIC_PER_MINUTE).
    const publicLookup = {
      auth: 'public' as const,
      rateLimit: { max: ctx.config.RATE_LIMIT_PUBLIC_PER_MINUTE, timeWindow: '1 minute' },
    };
    async function publicPredio(tenantId: string, numero: string) {
      const tenant = await ctx.tenants.getById(tenantId);
      try {
        return await predios.getByNumero(tenantId, tenant.divipola, numero);
      } catch (error) {
        // The API's field is `numero`, whatever the parser calls it.
        if (error instanceof AppError && error.field)
          throw new AppError(error.status, error.code, error.detail, 'numero');
        throw error;
      }
    }

    app.get(
      '/api/v1/predial/consulta',
      {
        config: publicLookup,
        schema: {
          tags,
          summary: 'Consultar lo que debe un predio por su número predial (sin datos de los propietarios)',
          querystring: z.strictObject({ numero: numeroPredialField }),
          response: { 200: z.object({ predio: predioPublicSchema, estadoCuenta: statementSchema }) },
        },
      },
      async (request) => {
        const row = await publicPredio(request.actor.tenantId, request.query.numero);
        return {
          predio: predioPublic(row),
          estadoCuenta: await billing.statement(request.actor.tenantId, 'predial', row.id),
        };
      },
    );

    app.post(
      '/api/v1/predial/facturas',
      {
        config: { ...publicLookup, csrfExempt: true },
        schema: {
          tags,
          summary: 'Generar la factura de un predio para pagar (la misma si se pide de nuevo el mismo día)',
          body: z.strictObject({ numero: numeroPredialField }),
          response: { 200: billSchema },
        },
      },
      async (request) => {
        const tenantId = request.actor.tenantId;
        const row = await publicPredio(tenantId, request.body.numero);
        const [avaluos, owners] = await Promise.all([predios.avaluosOf(row.id), predios.titularesOf(row.id)]);
        const view = await billing.issueBill(request.actor, {
          tax: 'predial',
          subjectId: row.id,
          snapshot: predioSnapshot(row, avaluos, owners) as never,
        });
        return billPublic(view, toBogotaDate(ctx.now()));
      },
    );

    app.get(
      '/api/v1/predial/facturas/:referencia',
      {
        config: publicLookup,
        schema: {
          tags,
          summary: 'Verificar una factura por su referencia de pago (el QR del recibo lleva aquí)',
          params: z.object({ referencia: referenceParam }),
          response: { 200: billSchema },
        },
      },
      async (request) => {
        const view = await billing.findBillByReference(request.actor.tenantId, request.params.referencia);
        if (!view) throw notFound('No existe una factura con esa referencia de pago.');
        return billPublic(view, toBogotaDate(ctx.now()));
      },
    );

    app.get(
      '/api/v1/predial/facturas/:referencia/pdf',
      {
        config: publicLookup,
        schema: {
          tags,
          summary: 'Descargar el recibo en PDF con un código de barras por fecha de pago',
          params: z.object({ referencia: referenceParam }),
        },
      },
      async (request, reply) => {
        const { actor } = request;
        const view = await billing.findBillByReference(actor.tenantId, request.params.referencia);
        if (!view) throw notFound('No existe una factura con esa referencia de pago.');
        const tenant = await ctx.tenants.getById(actor.tenantId);
        const includeOwners = await services.mayReadOwners(actor, view.subjectId);
        const pdf = renderBillReceipt(view, tenant, ctx.config.PUBLIC_URL, { includeOwners });
        return reply
          .header('content-type', 'application/pdf')
          .header('content-disposition', `inline; filename="factura-predial-${view.paymentReference}.pdf"`)
          .header('cache-control', 'private, no-store')
          .send(pdf);
      },
    );

    // ───────── PSE ─────────

    app.get(
      '/api/v1/pagos/pse/bancos',
      {
        config: publicLookup,
        schema: {
          tags: ['pagos'],
          summary: 'Bancos disponibles para pagar por PSE',
          response: { 200: z.object({ items: z.array(z.object({ code: z.string(), name: z.string() })) }) },
        },
      },
      async () => {
        if (!online) throw onlinePaymentsUnavailable();
        return { items: await online.banks() };
      },
    );

    app.post(
      '/api/v1/pagos/pse',
      {
        config: { ...publicLookup, csrfExempt: true },
        schema: {
          tags: ['pagos'],
          summary: 'Pagar una factura en línea por PSE: devuelve la dirección del banco',
          body: z.strictObject({
            billId: uuidParam,
            optionSeq: z.number({ error: 'optionSeq: elija la fecha de pago.' }).int().min(1).max(9),
            bankCode: z
              .string({ error: 'bankCode: elija su banco.' })
              .trim()
              .min(1, 'bankCode: elija su banco.')
              .max(10),
            payer: z.strictObject({
              documentType: z.enum(PAYER_DOCUMENT_TYPES, {
                error: 'payer.documentType: tipo de documento no válido.',
              }),
              documentNumber: z
                .string()
                .trim()
                .regex(/^[A-Za-z0-9]{3,12}$/, 'payer.documentNumber: solo letras y números, hasta 12.'),
              name: z.string().trim().min(3, 'payer.name: escriba el nombre del pagador.').max(120),
              email: z.email({ error: 'payer.email: escriba un correo válido.' }).max(200),
            }),
          }),
          response: { 200: z.object({ attemptId: z.string(), redirectUrl: z.string() }) },
        },
      },
      async (request) => {
        if (!online) throw onlinePaymentsUnavailable();
        const started = await online.start(request.actor, {
          ...request.body,
          ipAddress: request.ip,
          userAgent: request.headers['user-agent'],
        });
        return { attemptId: started.attempt.id, redirectUrl: started.redirectUrl };
      },
    );

    app.get(
      '/api/v1/pagos/pse/intentos/:id',
      {
        config: publicLookup,
        schema: {
          tags: ['pagos'],
          summary: 'Estado de un pago en línea (consulta a la pasarela si sigue pendiente)',
          params: z.object({ id: uuidParam }),
          response: { 200: attemptSchema },
        },
      },
      async (request) => {
        if (!online) throw onlinePaymentsUnavailable();
        const attempt = await online.refresh(request.actor.tenantId, request.params.id);
        const view = await billing.getBill(request.actor.tenantId, attempt.billId);
        return {
          id: attempt.id,
          state: attempt.state,
          amount: attempt.amount,
          reference: attempt.reference,
          billReference: view.paymentReference,
          cus: attempt.cus,
          settledAt: attempt.settledAt?.toISOString() ?? null,
        };
      },
    );

    // The gateway's signed notification: the signature covers the exact bytes, so the body stays raw.
    await app.register(async (scope) => {
      scope.removeAllContentTypeParsers();
      scope.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));
      scope.post(
        '/api/v1/pagos/pse/notificaciones',
        {
          config: { auth: 'public', csrfExempt: true },
          schema: {
            tags: ['pagos'],
            summary: 'Notificación firmada de la pasarela PSE (servidor a servidor)',
          },
        },
        async (request) => {
          if (!online) throw onlinePaymentsUnavailable();
          const attempt = await online.handleCallback(request.headers as never, request.body as Buffer);
          return { received: true, state: attempt.state };
        },
      );
    });
  };
}

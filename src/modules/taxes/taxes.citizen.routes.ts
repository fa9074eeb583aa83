import { z } from 'zod';
import { toBogotaDate } from '../../platform/calendar/index.ts';
import { formatDocumentNumber } from '../../platform/documents/constancia-registro.ts';
import { formatLongDateBogota, PDF_BODY, PDF_COLORS, PDF_FONTS } from '../../platform/documents/index.ts';
import { conflict, notFound } from '../../platform/http/errors.ts';
import type { RoutePlugin } from '../../platform/http/types.ts';
import { uuidParam } from '../../platform/http/zod-text.ts';
import { pazYSalvoEligibility } from './billing/index.ts';
import type { TaxesServices } from './taxes.module.ts';
import {
  agreementSchema,
  billPublic,
  billSchema,
  predioPublic,
  predioPublicSchema,
  predioSnapshot,
  statementSchema,
} from './taxes.views.ts';

const tags = ['predial'];
export const PAZ_Y_SALVO = {
  type: 'paz_y_salvo_predial',
  title: 'Paz y salvo del impuesto predial',
} as const;

const myPredioSchema = predioPublicSchema.extend({
  direccion: z.string().nullable(),
  saldo: z.number().int(),
  totalHoy: z.number().int(),
});

/** What a signed-in taxpayer does with the predios registered under their document. */
export function taxesCitizenRoutes(services: TaxesServices): RoutePlugin {
  const { predios, billing, holders } = services;
  return async (app, ctx) => {
    ctx.documents.registerType(PAZ_Y_SALVO.type, PAZ_Y_SALVO.title);

    async function holderOf(tenantId: string, userId: string) {
      if (!holders) throw notFound('La consulta de predios propios no está disponible.');
      return holders.getHolder(tenantId, userId);
    }

    /** A predio the caller holds (or an official may read); anyone else's answers «not found». */
    async function ownPredio(actor: Parameters<TaxesServices['mayReadOwners']>[0], id: string) {
      const row = await predios.getById(actor.tenantId, id).catch(() => null);
      if (!row || !(await services.mayReadOwners(actor, row.id))) throw notFound('El predio no existe.');
      return row;
    }

    app.get(
      '/api/v1/predial/mis-predios',
      {
        config: { auth: 'user' },
        schema: {
          tags,
          summary: 'Mis predios: los que el catastro registra a nombre de mi documento',
          response: { 200: z.object({ items: z.array(myPredioSchema) }) },
        },
      },
      async (request) => {
        const { actor } = request;
        const person = await holderOf(actor.tenantId, actor.userId!);
        const rows = await predios.ofHolder(actor.tenantId, person.documentType, person.documentNumber);
        const items = [];
        for (const row of rows) {
          const statement = await billing.statement(actor.tenantId, 'predial', row.id);
          items.push({
            ...predioPublic(row),
            direccion: row.direccion,
            saldo: statement.balance,
            totalHoy: statement.totalToday,
          });
        }
        return { items };
      },
    );

    app.get(
      '/api/v1/predial/predios/:id/estado-cuenta',
      {
        config: { auth: 'user' },
        schema: {
          tags,
          summary: 'Estado de cuenta de un predio propio, por vigencia y concepto',
          params: z.object({ id: uuidParam }),
          response: {
            200: z.object({
              predio: myPredioSchema.omit({ saldo: true, totalHoy: true }),
              estadoCuenta: statementSchema,
              facturas: z.array(billSchema),
            }),
          },
        },
      },
      async (request) => {
        const row = await ownPredio(request.actor, request.params.id);
        const today = toBogotaDate(ctx.now());
        const [estadoCuenta, bills] = await Promise.all([
          billing.statement(request.actor.tenantId, 'predial', row.id),
          billing.billsOfSubject(request.actor.tenantId, row.id, 10),
        ]);
        return {
          predio: { ...predioPublic(row), direccion: row.direccion },
          estadoCuenta,
          facturas: bills.map((view) => billPublic(view, today)),
        };
      },
    );

    app.post(
      '/api/v1/predial/predios/:id/paz-y-salvo',
      {
        config: { auth: 'user', rateLimit: { max: 10, timeWindow: '1 minute' } },
        schema: {
          tags,
          summary: 'Expedir el paz y salvo del predio (si no debe nada) con código de verificación',
          params: z.object({ id: uuidParam }),
          response: {
            200: z.object({
              id: z.string(),
              code: z.string(),
              downloadUrl: z.string(),
              validUntil: z.string(),
            }),
            201: z.object({
              id: z.string(),
              code: z.string(),
              downloadUrl: z.string(),
              validUntil: z.string(),
            }),
          },
        },
      },
      async (request, reply) => {
        const { actor } = request;
        const row = await ownPredio(actor, request.params.id);
        const today = toBogotaDate(ctx.now());
        const balances = await billing.balancesOf(actor.tenantId, 'predial', row.id);
        const code = row.numeroPredial ?? row.numeroPredialAnterior ?? row.id;
        const eligibility = pazYSalvoEligibility(
          { [code]: balances.filter((b) => b.balance > 0).map((b) => ({ ...b, amount: b.balance })) },
          today,
        );
        if (!eligibility.eligible) throw conflict('PREDIO_CON_SALDO', eligibility.reason);
        const person = await holderOf(actor.tenantId, actor.userId!);
        const [avaluos, owners] = await Promise.all([predios.avaluosOf(row.id), predios.titularesOf(row.id)]);
        const snapshot = predioSnapshot(row, avaluos, owners);
        const document = await ctx.documents.issue({
          tenantId: actor.tenantId,
          documentType: PAZ_Y_SALVO.type,
          title: PAZ_Y_SALVO.title,
          holder: { userId: actor.userId, fullName: person.fullName },
          issuedByUserId: actor.userId,
          // One certificate per predio, holder and day: asking again the same day returns it.
          idempotencyKey: `paz_y_salvo:${row.id}:${actor.userId}:${today}`,
          actor,
          render(pdf, { issuedAt }) {
            const paragraph = { width: PDF_BODY.width, align: 'justify' as const, lineGap: 3 };
            pdf.font(PDF_FONTS.regular).fontSize(11).fillColor(PDF_COLORS.text);
            pdf.text(
              `La Secretaría de Hacienda certifica que, a la fecha, el predio identificado con el número predial ${snapshot.numeroPredial ?? '—'}` +
                `${snapshot.numeroPredialAnterior ? ` (número anterior ${snapshot.numeroPredialAnterior})` : ''}, ` +
                `ubicado en ${snapshot.direccion ?? 'la dirección registrada en el catastro'}, se encuentra a PAZ Y SALVO por concepto del impuesto predial unificado y la sobretasa ambiental hasta la vigencia ${today.slice(0, 4)}.`,
              paragraph,
            );
            pdf.moveDown();
            pdf.font(PDF_FONTS.bold).text('Propietarios y poseedores inscritos');
            pdf.font(PDF_FONTS.regular);
            for (const owner of snapshot.owners) {
              const [type, number] = owner.documento.split(' ');
              pdf.text(`${owner.nombre} — ${type ?? ''} ${formatDocumentNumber(type ?? '', number ?? '')}`);
            }
            pdf.moveDown();
            pdf.text(
              `Expedido el ${formatLongDateBogota(issuedAt)} a solicitud de ${person.fullName}. Válido hasta el ${eligibility.validUntil}. ` +
                'Verifique su autenticidad con el código y el QR al pie de página.',
              paragraph,
            );
          },
        });
        return reply.status(document.created ? 201 : 200).send({
          id: document.id,
          code: document.code,
          downloadUrl: `/api/v1/documents/${document.id}/pdf`,
          validUntil: eligibility.validUntil,
        });
      },
    );

    // ───────── Acuerdos de pago ─────────

    app.get(
      '/api/v1/predial/predios/:id/acuerdos/ofertas',
      {
        config: { auth: 'user' },
        schema: {
          tags,
          summary: 'Planes de pago diferido que puede pedir para este predio, con sus cuotas',
          params: z.object({ id: uuidParam }),
          response: {
            200: z.object({
              items: z.array(
                z.object({
                  planId: z.string(),
                  label: z.string(),
                  interestWaived: z.boolean(),
                  vigencias: z.array(z.number()),
                  total: z.number().int(),
                  maxInstalments: z.number().int(),
                  instalments: z.array(
                    z.object({ number: z.number(), dueDate: z.string(), amount: z.number().int() }),
                  ),
                }),
              ),
            }),
          },
        },
      },
      async (request) => {
        const row = await ownPredio(request.actor, request.params.id);
        const offers = await services.agreements.offers(request.actor.tenantId, row.id);
        return {
          items: offers.map((offer) => ({
            planId: offer.planId,
            label: offer.label,
            interestWaived: offer.interestWaived,
            vigencias: [...offer.vigencias],
            total: offer.totals.total,
            maxInstalments: offer.maxInstalments,
            instalments: offer.instalments.map(({ number, dueDate, amount }) => ({
              number,
              dueDate,
              amount,
            })),
          })),
        };
      },
    );

    app.post(
      '/api/v1/predial/predios/:id/acuerdos',
      {
        config: { auth: 'user', rateLimit: { max: 10, timeWindow: '1 minute' } },
        schema: {
          tags,
          summary: 'Solicitar un acuerdo de pago (lo aprueba o rechaza la Secretaría de Hacienda)',
          params: z.object({ id: uuidParam }),
          body: z.strictObject({
            planId: z
              .string({ error: 'planId: elija un plan.' })
              .trim()
              .min(1, 'planId: elija un plan.')
              .max(80),
            cuotas: z
              .number({ error: 'cuotas: escriba un número.' })
              .int()
              .min(1, 'cuotas: al menos 1.')
              .max(60)
              .optional(),
          }),
          response: { 201: agreementSchema },
        },
      },
      async (request, reply) => {
        const row = await ownPredio(request.actor, request.params.id);
        return reply.status(201).send(await services.agreements.request(request.actor, row.id, request.body));
      },
    );

    app.get(
      '/api/v1/predial/predios/:id/acuerdos',
      {
        config: { auth: 'user' },
        schema: {
          tags,
          summary: 'Acuerdos de pago del predio y el estado de sus cuotas',
          params: z.object({ id: uuidParam }),
          response: { 200: z.object({ items: z.array(agreementSchema) }) },
        },
      },
      async (request) => {
        const row = await ownPredio(request.actor, request.params.id);
        return { items: await services.agreements.ofSubject(request.actor.tenantId, row.id) };
      },
    );

    app.post(
      '/api/v1/predial/acuerdos/:id/cuotas/:numero/factura',
      {
        config: { auth: 'user', rateLimit: { max: 20, timeWindow: '1 minute' } },
        schema: {
          tags,
          summary: 'Factura de una cuota del acuerdo de pago',
          params: z.object({ id: uuidParam, numero: z.coerce.number().int().min(1).max(60) }),
          response: { 200: billSchema },
        },
      },
      async (request) => {
        const { actor } = request;
        const agreement = await services.agreements.get(actor.tenantId, request.params.id);
        await ownPredio(actor, agreement.predioId);
        const view = await services.agreements.instalmentBill(actor, agreement.id, request.params.numero);
        return billPublic(view, toBogotaDate(ctx.now()));
      },
    );
  };
}

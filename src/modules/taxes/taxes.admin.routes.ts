import multipart from '@fastify/multipart';
import { z } from 'zod';
import { toBogotaDate } from '../../platform/calendar/index.ts';
import { uploadedBytes } from '../../platform/files/upload-bytes.ts';
import { AppError, validationError } from '../../platform/http/errors.ts';
import type { RoutePlugin } from '../../platform/http/types.ts';
import { calendarDate, pageQuery, text, uuidParam } from '../../platform/http/zod-text.ts';
import { decodeForCli } from './barcode/index.ts';
import { PAYMENT_CHANNELS } from './billing.schema.ts';
import { FORMATOS_CATASTRALES } from './cadastre/index.ts';
import {
  CADASTRE_IMPORT_QUEUE,
  type CadastreImportData,
  listCadastreImports,
} from './cadastre-import.job.ts';
import { MASS_RECEIPTS_QUEUE, type MassReceiptsData } from './mass-receipts.job.ts';
import { TAXES_PERMISSIONS as P } from './taxes.authz.ts';
import type { TaxesServices } from './taxes.module.ts';
import { collectionsCsv, createTaxesReports } from './taxes.reports.ts';
import {
  agreementSchema,
  amendmentSchema,
  billPublic,
  billSchema,
  destinoLabel,
  statementSchema,
} from './taxes.views.ts';

const tags = ['predial (funcionarios)'];

const predioRowSchema = z.object({
  id: z.string(),
  numeroPredial: z.string().nullable(),
  numeroPredialAnterior: z.string().nullable(),
  direccion: z.string().nullable(),
  destino: z.string(),
  estrato: z.number().nullable(),
  comunaCode: z.string().nullable(),
  barrioCode: z.string().nullable(),
  estado: z.string(),
});

const runSchema = z.object({
  id: z.string(),
  vigencia: z.number(),
  state: z.enum(['en_curso', 'terminada', 'fallida']),
  jobId: z.string().nullable(),
  total: z.number(),
  processed: z.number(),
  created: z.number(),
  existing: z.number(),
  failed: z.number(),
  ruleVersion: z.string().nullable(),
  problems: z.array(z.object({ subject: z.string(), detail: z.string() })),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
});

const bankReportSchema = z.object({
  fileId: z.string().nullable(),
  state: z.enum(['aplicado', 'rechazado', 'simulado']),
  valid: z.boolean(),
  bank: z.object({ code: z.string(), name: z.string().nullable() }).nullable(),
  collectionDate: z.string().nullable(),
  lots: z.number(),
  records: z.number(),
  total: z.number(),
  applied: z.number(),
  errors: z.array(z.object({ line: z.number().nullable(), code: z.string(), detail: z.string() })),
});

/** Approve or reject (amendments, agreements); a rejection needs its reason (checked by the service). */
const decisionBody = z.strictObject({
  aprobar: z.boolean({ error: 'aprobar: diga sí o no.' }),
  nota: text({ label: 'nota', max: 500 }).optional(),
});

const dateRange = z.strictObject({ desde: calendarDate('desde'), hasta: calendarDate('hasta') });

type Row = Awaited<ReturnType<TaxesServices['predios']['getById']>>;
const predioRow = (row: Row) => ({
  id: row.id,
  numeroPredial: row.numeroPredial,
  numeroPredialAnterior: row.numeroPredialAnterior,
  direccion: row.direccion,
  destino: destinoLabel(row.destinoLetra),
  estrato: row.estrato,
  comunaCode: row.comunaCode,
  barrioCode: row.barrioCode,
  estado: row.estado,
});

const runView = (run: Awaited<ReturnType<TaxesServices['liquidations']['get']>>) => ({
  ...run,
  startedAt: run.startedAt.toISOString(),
  finishedAt: run.finishedAt?.toISOString() ?? null,
});

/** The back office of the tax office (Hacienda) and the treasury (Tesorería). */
export function taxesAdminRoutes(services: TaxesServices): RoutePlugin {
  const { predios, billing, liquidations, bankFiles } = services;
  return async (app, ctx) => {
    const reports = createTaxesReports(ctx.database);
    // A cadastral roll may come as R1 + R2 (two files) and weighs more than a citizen's attachment.
    const uploadLimitMb = Math.max(ctx.config.UPLOAD_LIMIT_MB, 200);
    await app.register(multipart, { limits: { fileSize: uploadLimitMb * 1024 * 1024, files: 2, fields: 5 } });

    app.get(
      '/api/v1/predial/admin/predios',
      {
        config: { permission: P.prediosRead },
        schema: {
          tags,
          summary: 'Buscar predios por número predial, documento del propietario o dirección',
          querystring: z.strictObject({ q: text({ label: 'q', min: 3, max: 80 }) }),
          response: { 200: z.object({ items: z.array(predioRowSchema) }) },
        },
      },
      async (request) => {
        const rows = await predios.search(request.actor.tenantId, request.query.q);
        await ctx.audit.record(ctx.db, request.actor, {
          action: 'taxes.predios.search',
          entityType: 'predio',
          details: { q: request.query.q, results: rows.length },
        });
        return { items: rows.map(predioRow) };
      },
    );

    app.get(
      '/api/v1/predial/admin/predios/:id',
      {
        config: { permission: P.prediosRead },
        schema: {
          tags,
          summary: 'Ficha del predio: avalúos, propietarios (lectura auditada), estado de cuenta y facturas',
          params: z.object({ id: uuidParam }),
          response: {
            200: z.object({
              predio: predioRowSchema.extend({
                matriculaInmobiliaria: z.string().nullable(),
                areaTerrenoM2: z.string().nullable(),
                areaConstruidaM2: z.string().nullable(),
              }),
              avaluos: z.array(
                z.object({ vigencia: z.number(), avaluo: z.number(), actualizado: z.boolean() }),
              ),
              propietarios: z.array(
                z.object({
                  nombre: z.string().nullable(),
                  documentType: z.string().nullable(),
                  documentNumber: z.string().nullable(),
                  calidad: z.string().nullable(),
                  participacion: z.string().nullable(),
                }),
              ),
              estadoCuenta: statementSchema,
              facturas: z.array(billSchema),
            }),
          },
        },
      },
      async (request) => {
        const { actor } = request;
        const row = await predios.getById(actor.tenantId, request.params.id);
        const [avaluos, owners, estadoCuenta, bills] = await Promise.all([
          predios.avaluosOf(row.id),
          predios.titularesOf(row.id),
          billing.statement(actor.tenantId, 'predial', row.id),
          billing.billsOfSubject(actor.tenantId, row.id, 10),
        ]);
        // Owners are personal data: who looked, and when, stays in the audit trail.
        await ctx.audit.record(ctx.db, actor, {
          action: 'taxes.predio.read_owners',
          entityType: 'predio',
          entityId: row.id,
          details: { numeroPredial: row.numeroPredial },
        });
        const today = toBogotaDate(ctx.now());
        return {
          predio: {
            ...predioRow(row),
            matriculaInmobiliaria: row.matriculaInmobiliaria,
            areaTerrenoM2: row.areaTerrenoM2,
            areaConstruidaM2: row.areaConstruidaM2,
          },
          avaluos: avaluos.map(({ vigencia, avaluo, actualizado }) => ({ vigencia, avaluo, actualizado })),
          propietarios: owners.map((owner) => ({
            nombre: owner.nombre,
            documentType: owner.documentType,
            documentNumber: owner.documentNumber,
            calidad: owner.calidad,
            participacion:
              owner.participacionNumerador && owner.participacionDenominador
                ? `${owner.participacionNumerador}/${owner.participacionDenominador}`
                : null,
          })),
          estadoCuenta,
          facturas: bills.map((view) => billPublic(view, today)),
        };
      },
    );

    // ───────── Catastro ─────────

    app.post(
      '/api/v1/predial/admin/catastro',
      {
        config: { permission: P.prediosEdit, rateLimit: { max: 10, timeWindow: '1 minute' } },
        schema: {
          tags,
          summary:
            'Cargar el archivo catastral (R1 con su R2 opcional, datos abiertos del AMB o CSV): se aplica en segundo plano, todo o nada',
          consumes: ['multipart/form-data'],
          querystring: z.strictObject({
            formato: z
              .enum(FORMATOS_CATASTRALES, { error: 'formato: use r1r2, amb-open-data o csv.' })
              .optional(),
            tolerante: z.enum(['true', 'false']).optional(),
            /** The file is the whole roll: predios absent from it are retired. Default: a partial update. */
            completo: z.enum(['true', 'false']).optional(),
          }),
          response: { 202: z.object({ jobId: z.string() }) },
        },
      },
      async (request, reply) => {
        const { actor } = request;
        const stored: Record<string, string> = {};
        for await (const part of request.parts()) {
          if (part.type !== 'file') continue;
          if (part.fieldname !== 'file' && part.fieldname !== 'r2') {
            throw validationError(
              part.fieldname,
              'Use el campo «file» para el archivo catastral y «r2» para el R2.',
            );
          }
          const saved = await ctx.files.saveGenerated({
            tenantId: actor.tenantId,
            ownerUserId: actor.userId,
            purpose: 'cadastre_roll',
            originalName: part.filename,
            mediaType: 'text/plain',
            bytes: await uploadedBytes(part, uploadLimitMb),
          });
          stored[part.fieldname] = saved.id;
        }
        if (!stored.file) throw validationError('file', 'Adjunte el archivo catastral en el campo «file».');
        const jobId = await ctx.jobs.enqueue<CadastreImportData>({
          queue: CADASTRE_IMPORT_QUEUE,
          label: 'Importación del archivo catastral',
          tenantId: actor.tenantId,
          createdByUserId: actor.userId,
          data: {
            fileId: stored.file,
            r2FileId: stored.r2 ?? null,
            formato: request.query.formato ?? null,
            strict: request.query.tolerante !== 'true',
            complete: request.query.completo === 'true',
            userId: actor.userId,
          },
        });
        return reply.status(202).send({ jobId });
      },
    );

    app.get(
      '/api/v1/predial/admin/catastro',
      {
        config: { permission: P.prediosRead },
        schema: { tags, summary: 'Archivos catastrales aplicados o rechazados, con su informe' },
      },
      async (request) => ({ items: await listCadastreImports(ctx, request.actor.tenantId) }),
    );

    // ───────── Liquidación masiva ─────────

    app.post(
      '/api/v1/predial/admin/liquidaciones',
      {
        config: { permission: P.liquidate },
        schema: {
          tags,
          summary: 'Liquidar una vigencia completa (tarea en segundo plano con avance; repetirla no duplica)',
          body: z.strictObject({
            vigencia: z.number({ error: 'vigencia: escriba el año a liquidar.' }).int().min(2000).max(2100),
          }),
          response: { 200: runSchema, 202: runSchema },
        },
      },
      async (request, reply) => {
        const run = await liquidations.start(request.actor, request.body.vigencia);
        return reply.status(run.started ? 202 : 200).send(runView(run));
      },
    );

    app.get(
      '/api/v1/predial/admin/liquidaciones',
      {
        config: { permission: P.liquidate },
        schema: {
          tags,
          summary: 'Liquidaciones masivas recientes',
          response: { 200: z.object({ items: z.array(runSchema) }) },
        },
      },
      async (request) => ({ items: (await liquidations.list(request.actor.tenantId)).map(runView) }),
    );

    app.get(
      '/api/v1/predial/admin/liquidaciones/:id',
      {
        config: { permission: P.liquidate },
        schema: {
          tags,
          summary: 'Avance de una liquidación masiva',
          params: z.object({ id: uuidParam }),
          response: { 200: runSchema },
        },
      },
      async (request) => runView(await liquidations.get(request.actor.tenantId, request.params.id)),
    );

    app.post(
      '/api/v1/predial/admin/facturacion-masiva',
      {
        config: { permission: P.billsIssue },
        schema: {
          tags,
          summary:
            'Generar las facturas y recibos PDF de toda una vigencia (tarea con avance; ZIP por lotes)',
          body: z.strictObject({
            vigencia: z.number({ error: 'vigencia: escriba el año.' }).int().min(2000).max(2100),
          }),
          response: { 202: z.object({ jobId: z.string() }) },
        },
      },
      async (request, reply) => {
        const jobId = await ctx.jobs.enqueue<MassReceiptsData>({
          queue: MASS_RECEIPTS_QUEUE,
          label: `Facturación masiva del predial ${request.body.vigencia}`,
          tenantId: request.actor.tenantId,
          createdByUserId: request.actor.userId,
          data: { vigencia: request.body.vigencia, userId: request.actor.userId },
          singletonKey: `${request.actor.tenantId}:${request.body.vigencia}`,
        });
        return reply.status(202).send({ jobId });
      },
    );

    // ───────── Recaudo ─────────

    app.post(
      '/api/v1/pagos/admin/archivos-bancarios',
      {
        config: { permission: P.paymentsRecord, rateLimit: { max: 20, timeWindow: '1 minute' } },
        schema: {
          tags: ['recaudo'],
          summary:
            'Cargar el archivo de recaudo Asobancaria 2001 de un banco (campo «file»; simular=true no aplica)',
          consumes: ['multipart/form-data'],
          querystring: z.strictObject({ simular: z.enum(['true', 'false']).optional() }),
          response: { 200: bankReportSchema },
        },
      },
      async (request) => {
        const part = await request.file();
        if (part?.fieldname !== 'file') {
          throw validationError('file', 'Adjunte el archivo del banco en el campo «file» del formulario.');
        }
        const bytes = await uploadedBytes(part, uploadLimitMb);
        const apply = request.query.simular !== 'true';
        const stored = apply
          ? await ctx.files.saveGenerated({
              tenantId: request.actor.tenantId,
              ownerUserId: request.actor.userId,
              purpose: 'bank_file',
              originalName: part.filename,
              mediaType: 'text/plain',
              bytes,
            })
          : null;
        return bankFiles.importFile(request.actor, {
          apply,
          content: bytes,
          fileName: part.filename,
          fileId: stored?.id ?? null,
        });
      },
    );

    app.get(
      '/api/v1/pagos/admin/archivos-bancarios',
      {
        config: { permission: P.paymentsRead },
        schema: {
          tags: ['recaudo'],
          summary: 'Archivos bancarios cargados',
          response: {
            200: z.object({
              items: z.array(
                z.object({
                  id: z.string(),
                  fileName: z.string().nullable(),
                  bankCode: z.string().nullable(),
                  collectionDate: z.string().nullable(),
                  state: z.string(),
                  records: z.number(),
                  total: z.number(),
                  applied: z.number(),
                  createdAt: z.string(),
                }),
              ),
            }),
          },
        },
      },
      async (request) => ({
        items: (await bankFiles.list(request.actor.tenantId)).map((row) => ({
          ...row,
          createdAt: row.createdAt.toISOString(),
        })),
      }),
    );

    app.get(
      '/api/v1/pagos/admin/archivos-bancarios/:id',
      {
        config: { permission: P.paymentsRead },
        schema: {
          tags: ['recaudo'],
          summary: 'Informe de un archivo bancario',
          params: z.object({ id: uuidParam }),
        },
      },
      async (request) => {
        const row = await bankFiles.get(request.actor.tenantId, request.params.id);
        return { ...row.report, fileId: row.id, state: row.state };
      },
    );

    app.get(
      '/api/v1/pagos/admin/pagos',
      {
        config: { permission: P.paymentsRead },
        schema: {
          tags: ['recaudo'],
          summary: 'Registro de pagos por día, banco y canal',
          querystring: dateRange.extend({
            canal: z.enum(PAYMENT_CHANNELS, { error: 'canal: use pse, banco o caja.' }).optional(),
            banco: z
              .string()
              .regex(/^\d{1,10}$/, 'banco: código numérico del banco.')
              .optional(),
            ...pageQuery,
          }),
        },
      },
      async (request) => {
        const { desde, hasta, canal, banco, page, pageSize } = request.query;
        return reports.payments(
          request.actor.tenantId,
          {
            from: desde,
            to: hasta,
            ...(canal ? { channel: canal } : {}),
            ...(banco ? { bankCode: banco } : {}),
          },
          { page, pageSize },
        );
      },
    );

    app.post(
      '/api/v1/pagos/admin/caja',
      {
        config: { permission: P.paymentsRecord },
        schema: {
          tags: ['recaudo'],
          summary:
            'Registrar un pago recibido en caja contra una factura (el número de recibo lo hace único)',
          body: z.strictObject({
            referencia: z.string().regex(/^\d{8,25}$/, 'referencia: la referencia de pago de la factura.'),
            valor: z
              .number({ error: 'valor: escriba el valor recibido en pesos.' })
              .int('valor: en pesos, sin centavos.')
              .positive('valor: debe ser mayor que cero.'),
            recibo: text({ label: 'recibo', max: 40 }),
          }),
          response: {
            200: z.object({
              paymentId: z.string(),
              created: z.boolean(),
              amount: z.number(),
              unapplied: z.number(),
              billState: z.string(),
            }),
          },
        },
      },
      async (request) => {
        const { actor } = request;
        const target = await billing.findBillByReference(actor.tenantId, request.body.referencia);
        if (!target) throw validationError('referencia', 'No existe una factura con esa referencia de pago.');
        const today = toBogotaDate(ctx.now());
        return billing.recordPayment({
          tenantId: actor.tenantId,
          billId: target.id,
          channel: 'caja',
          externalId: request.body.recibo,
          amount: request.body.valor,
          paidAt: ctx.now(),
          collectionDate: today,
          recordedByUserId: actor.userId,
        });
      },
    );

    app.get(
      '/api/v1/pagos/admin/codigo-barras',
      {
        config: { permission: P.paymentsRead },
        schema: {
          tags: ['recaudo'],
          summary: 'Leer un código de barras de recibo (con o sin paréntesis) y encontrar su factura',
          querystring: z.strictObject({ texto: text({ label: 'texto', max: 200 }) }),
        },
      },
      async (request) => {
        const today = toBogotaDate(ctx.now());
        try {
          return await decodeForCli(request.query.texto, async (reference) => {
            const view = await billing.findBillByReference(request.actor.tenantId, reference);
            return view ? billPublic(view, today) : null;
          });
        } catch (error) {
          // The decoder names its own input `text`; here the field is the query's `texto`.
          if (error instanceof AppError) throw new AppError(error.status, error.code, error.detail, 'texto');
          throw error;
        }
      },
    );

    // ───────── Informes ─────────

    app.get(
      '/api/v1/pagos/admin/informes/recaudo',
      {
        config: { permission: P.reportsRead },
        schema: { tags: ['recaudo'], summary: 'Recaudo por día, canal y banco', querystring: dateRange },
      },
      async (request) => ({
        items: await reports.collections(request.actor.tenantId, request.query.desde, request.query.hasta),
      }),
    );

    app.get(
      '/api/v1/pagos/admin/informes/recaudo.csv',
      {
        config: { permission: P.reportsRead },
        schema: {
          tags: ['recaudo'],
          summary: 'Exportar el recaudo por día y concepto para el sistema financiero (CSV ; UTF-8)',
          querystring: dateRange,
        },
      },
      async (request, reply) => {
        const { desde, hasta } = request.query;
        const rows = await reports.collectionsByConcept(request.actor.tenantId, desde, hasta);
        return reply
          .header('content-type', 'text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="recaudo-${desde}-${hasta}.csv"`)
          .send(collectionsCsv(rows));
      },
    );

    app.get(
      '/api/v1/pagos/admin/informes/recaudo-conceptos',
      {
        config: { permission: P.reportsRead },
        schema: {
          tags: ['recaudo'],
          summary: 'Recaudo por día, vigencia, concepto y componente',
          querystring: dateRange,
        },
      },
      async (request) => ({
        items: await reports.collectionsByConcept(
          request.actor.tenantId,
          request.query.desde,
          request.query.hasta,
        ),
      }),
    );

    app.get(
      '/api/v1/predial/admin/informes/cartera',
      {
        config: { permission: P.reportsRead },
        schema: { tags, summary: 'Cartera del predial por vigencia y comuna' },
      },
      async (request) => ({
        items: await reports.portfolio(request.actor.tenantId),
        byComuna: await reports.portfolioByComuna(request.actor.tenantId),
      }),
    );

    app.patch(
      '/api/v1/predial/admin/predios/:id',
      {
        config: { permission: P.prediosEdit },
        schema: {
          tags,
          summary: 'Corregir datos del registro de un predio (queda en la auditoría con el motivo)',
          params: z.object({ id: uuidParam }),
          body: z.strictObject({
            direccion: text({ label: 'direccion', max: 200 }).optional(),
            destinoLetra: z
              .string()
              .regex(/^[A-T0]$/, 'destinoLetra: una letra del destino económico (A a T) o 0.')
              .optional(),
            estrato: z
              .number()
              .int()
              .min(1, 'estrato: de 1 a 6.')
              .max(6, 'estrato: de 1 a 6.')
              .nullable()
              .optional(),
            areaTerrenoM2: z
              .string()
              .regex(/^\d{1,12}(\.\d{1,2})?$/, 'areaTerrenoM2: metros con hasta 2 decimales.')
              .optional(),
            areaConstruidaM2: z
              .string()
              .regex(/^\d{1,12}(\.\d{1,2})?$/, 'areaConstruidaM2: metros con hasta 2 decimales.')
              .optional(),
            motivo: text({ label: 'motivo', min: 10, max: 500 }),
          }),
          response: { 200: predioRowSchema },
        },
      },
      async (request) => {
        const { motivo, ...changes } = request.body;
        return predioRow(await predios.updateFields(request.actor, request.params.id, changes, motivo));
      },
    );

    // ───────── Avalúos, ajustes y acuerdos ─────────

    app.put(
      '/api/v1/predial/admin/predios/:id/avaluos/:vigencia',
      {
        config: { permission: P.prediosEdit },
        schema: {
          tags,
          summary:
            'Corregir el avalúo de una vigencia: se reliquida y los cambios quedan como ajustes por aprobar',
          params: z.object({ id: uuidParam, vigencia: z.coerce.number().int().min(2000).max(2100) }),
          body: z.strictObject({
            avaluo: z
              .number({ error: 'avaluo: escriba el avalúo en pesos.' })
              .int('avaluo: en pesos, sin centavos.')
              .min(0)
              .max(999_999_999_999_999),
            motivo: text({ label: 'motivo', min: 10, max: 500 }),
          }),
          response: {
            200: z.object({
              previous: z.number().nullable(),
              avaluo: z.number(),
              ajustes: z.array(amendmentSchema),
            }),
          },
        },
      },
      async (request) => {
        const { actor } = request;
        const { id, vigencia } = request.params;
        // A concept with an amendment still pending cannot take another: refuse before changing anything.
        const pending = await services.amendments.list(actor.tenantId, 'pendiente');
        const ofVigencia = new Set(
          (await billing.balancesOf(actor.tenantId, 'predial', id))
            .filter((row) => row.vigencia === vigencia)
            .map((row) => row.id),
        );
        if (pending.some((amendment) => ofVigencia.has(amendment.demandId))) {
          throw new AppError(
            409,
            'AMENDMENT_PENDING',
            `La vigencia ${vigencia} de este predio tiene un ajuste pendiente de aprobación: decídalo antes de cambiar el avalúo.`,
            'avaluo',
          );
        }
        const changed = await predios.setAvaluo(actor, {
          predioId: id,
          vigencia,
          avaluo: request.body.avaluo,
          reason: request.body.motivo,
        });
        const balances = await billing.balancesOf(actor.tenantId, 'predial', id);
        const ajustes = [];
        if (balances.some((row) => row.vigencia === vigencia)) {
          const liquidation = await liquidations.liquidateOne(actor.tenantId, id, vigencia);
          for (const line of liquidation.lines) {
            const demand = balances.find((row) => row.vigencia === vigencia && row.concept === line.concept);
            if (!demand || demand.amount === line.amount) continue;
            ajustes.push(
              await services.amendments.propose(actor, {
                demandId: demand.id,
                newAmount: line.amount,
                reason: `Reliquidación por nuevo avalúo: ${request.body.motivo}`,
                origin: 'reliquidacion',
              }),
            );
          }
        }
        return { ...changed, ajustes };
      },
    );

    app.get(
      '/api/v1/predial/admin/ajustes',
      {
        config: { permission: P.prediosRead },
        schema: {
          tags,
          summary: 'Ajustes a lo que deben los predios (pendientes, aprobados, rechazados)',
          querystring: z.strictObject({ estado: z.enum(['pendiente', 'aprobada', 'rechazada']).optional() }),
          response: { 200: z.object({ items: z.array(amendmentSchema) }) },
        },
      },
      async (request) => ({
        items: await services.amendments.list(request.actor.tenantId, request.query.estado),
      }),
    );

    app.post(
      '/api/v1/predial/admin/ajustes',
      {
        config: { permission: P.amendRequest },
        schema: {
          tags,
          summary: 'Proponer un ajuste a un concepto de un predio (lo aprueba otro funcionario)',
          body: z.strictObject({
            demandId: uuidParam,
            nuevoValor: z
              .number({ error: 'nuevoValor: escriba el valor en pesos.' })
              .int('nuevoValor: en pesos, sin centavos.')
              .min(0, 'nuevoValor: no puede ser negativo.'),
            motivo: text({ label: 'motivo', min: 10, max: 500 }),
          }),
          response: { 201: amendmentSchema },
        },
      },
      async (request, reply) =>
        reply.status(201).send(
          await services.amendments.propose(request.actor, {
            demandId: request.body.demandId,
            newAmount: request.body.nuevoValor,
            reason: request.body.motivo,
          }),
        ),
    );

    app.post(
      '/api/v1/predial/admin/ajustes/:id/decision',
      {
        config: { permission: P.amendApprove },
        schema: {
          tags,
          summary: 'Aprobar o rechazar un ajuste (nunca el propio)',
          params: z.object({ id: uuidParam }),
          body: decisionBody,
          response: { 200: amendmentSchema },
        },
      },
      async (request) =>
        services.amendments.decide(request.actor, request.params.id, {
          approve: request.body.aprobar,
          ...(request.body.nota ? { note: request.body.nota } : {}),
        }),
    );

    app.get(
      '/api/v1/predial/admin/acuerdos',
      {
        config: { permission: P.agreementsDecide },
        schema: {
          tags,
          summary: 'Acuerdos de pago por estado',
          querystring: z.strictObject({
            estado: z.enum(['solicitado', 'vigente', 'rechazado', 'cumplido', 'incumplido']).optional(),
          }),
          response: { 200: z.object({ items: z.array(agreementSchema) }) },
        },
      },
      async (request) => ({
        items: await services.agreements.list(request.actor.tenantId, request.query.estado),
      }),
    );

    app.post(
      '/api/v1/predial/admin/acuerdos/:id/decision',
      {
        config: { permission: P.agreementsDecide },
        schema: {
          tags,
          summary: 'Aprobar o rechazar un acuerdo de pago solicitado',
          params: z.object({ id: uuidParam }),
          body: decisionBody,
          response: { 200: agreementSchema },
        },
      },
      async (request) =>
        services.agreements.decide(request.actor, request.params.id, {
          approve: request.body.aprobar,
          ...(request.body.nota ? { note: request.body.nota } : {}),
        }),
    );
  };
}

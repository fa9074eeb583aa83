import { randomBytes } from 'node:crypto';
import { type Actor, can } from '../../platform/authz/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import type { HolderDirectory } from '../../platform/documents/index.ts';
import type { RoutePlugin } from '../../platform/http/types.ts';
import { registerMyTramitesSource, registerTramites } from '../../platform/tenancy/tramites.ts';
import { createAgreementsService } from './agreements.service.ts';
import { createAmendmentsService } from './amendments.service.ts';
import { createBankFilesService } from './bank-files.service.ts';
import { createBillingService } from './billing.service.ts';
import { registerCadastreImportJob } from './cadastre-import.job.ts';
import {
  createHttpPaymentGateway,
  httpGatewayConfigFromEnv,
  type PaymentGateway,
  startSandboxGateway,
} from './gateway/index.ts';
import { createLiquidationRunsService } from './liquidation-runs.service.ts';
import { registerMassReceiptsJob } from './mass-receipts.job.ts';
import { createOnlinePaymentsService, type OnlinePaymentsService } from './online-payments.service.ts';
import { createPrediosService } from './predios.service.ts';
import { taxesAdminRoutes } from './taxes.admin.routes.ts';
import { TAXES_PERMISSIONS } from './taxes.authz.ts';
import { taxesCitizenRoutes } from './taxes.citizen.routes.ts';
import { taxesPublicRoutes } from './taxes.public.routes.ts';

export const PSE_RECONCILIATION_QUEUE = 'taxes.pse-reconcile';
export const AGREEMENTS_SWEEP_QUEUE = 'taxes.agreements-sweep';

/** The taxes services on a platform context; the CLI uses them without HTTP. */
export function createTaxesServices(
  ctx: AppContext,
  gateway: PaymentGateway | null = null,
  holders: HolderDirectory | null = null,
) {
  const { db, audit, tenants, jobs, database, now } = ctx;
  const predios = createPrediosService({ db, audit });
  const billing = createBillingService({ db, audit, tenants, now });
  const liquidations = createLiquidationRunsService({ database, jobs, audit, tenants });
  const bankFiles = createBankFilesService({ db, billing, audit, tenants, now });
  const agreements = createAgreementsService({ db, billing, audit, now });
  const amendments = createAmendmentsService({ db, audit, now });
  const online: OnlinePaymentsService | null = gateway
    ? createOnlinePaymentsService({ db, billing, gateway, audit, publicUrl: ctx.config.PUBLIC_URL, now })
    : null;

  /** Owners' data is for the predio's holders and for officials who need it (Ley 1581 de 2012). */
  async function mayReadOwners(actor: Actor, predioId: string): Promise<boolean> {
    if (can(actor, TAXES_PERMISSIONS.prediosRead)) return true;
    if (!actor.userId || !holders) return false;
    const person = await holders.getHolder(actor.tenantId, actor.userId);
    return predios.isHolder(actor.tenantId, predioId, person.documentType, person.documentNumber);
  }

  return {
    predios,
    billing,
    liquidations,
    bankFiles,
    agreements,
    amendments,
    online,
    mayReadOwners,
    holders,
  };
}

export type TaxesServices = ReturnType<typeof createTaxesServices>;

export interface TaxesModule extends TaxesServices {
  routes: RoutePlugin[];
  registerJobs(): void;
  close(): Promise<void>;
  /** Where the in-process sandbox gateway listens in demo mode (null otherwise). */
  sandboxUrl: string | null;
}

/**
 * The PSE gateway: the configured one, or in demo mode a sandbox gateway started in this process and
 * reached over HTTP like a real one (one instance only: its transactions live in its memory).
 */
async function resolveGateway(ctx: AppContext) {
  const { config } = ctx;
  if (config.PAYMENT_GATEWAY_URL) {
    const settings = httpGatewayConfigFromEnv(config as unknown as Record<string, string | undefined>);
    return { gateway: createHttpPaymentGateway(settings), close: async () => {}, sandboxUrl: null };
  }
  if (!config.DEMO) return { gateway: null, close: async () => {}, sandboxUrl: null };
  const secret = randomBytes(24).toString('hex');
  const sandbox = await startSandboxGateway({ secret, merchantId: 'alcaldia-demo', port: 0 });
  ctx.logger.info({ url: sandbox.url }, 'Demo: pasarela PSE de pruebas en este proceso');
  const gateway = createHttpPaymentGateway({
    baseUrl: sandbox.url,
    merchantId: sandbox.merchantId,
    apiKey: sandbox.apiKey,
    apiSecret: secret,
  });
  return { gateway, close: () => sandbox.close(), sandboxUrl: sandbox.url };
}

/** What the portal's catalogue and "Mis trámites" show of the property tax. */
function registerTaxesTramites(services: TaxesServices): void {
  registerTramites(
    {
      slug: 'impuesto-predial',
      name: 'Consultar y pagar el impuesto predial',
      description:
        'Con el número predial: lo que debe por vigencia, la factura con código de barras para el banco y el pago en línea por PSE.',
      audience: 'ciudadano',
      path: '/predial',
      requiresLogin: false,
    },
    {
      slug: 'mis-predios',
      name: 'Mis predios: estado de cuenta y paz y salvo',
      description:
        'Los predios registrados a su nombre, su estado de cuenta, el paz y salvo con código QR y los acuerdos de pago.',
      audience: 'ciudadano',
      path: '/predial/mis-predios',
      requiresLogin: true,
    },
  );
  registerMyTramitesSource('taxes.agreements', async (tenantId, userId) => {
    const rows = await services.agreements.requestedBy(tenantId, userId);
    return rows.map((row) => ({
      id: row.id,
      tramite: 'Acuerdo de pago del impuesto predial',
      reference: row.number,
      status: row.state,
      statusLabel: AGREEMENT_STATE_LABELS[row.state],
      createdAt: new Date(row.createdAt),
      updatedAt: new Date(row.decidedAt ?? row.createdAt),
      path: `/predial/mis-predios/${row.predioId}`,
    }));
  });
}

const AGREEMENT_STATE_LABELS = {
  solicitado: 'Solicitado: en estudio de la Secretaría de Hacienda',
  vigente: 'Aprobado: pague cada cuota a tiempo',
  rechazado: 'Rechazado',
  cumplido: 'Cumplido',
  incumplido: 'Incumplido: el saldo se cobra con intereses',
} as const;

export async function createTaxesModule(
  ctx: AppContext,
  deps: { holders: HolderDirectory; gateway?: PaymentGateway | null },
): Promise<TaxesModule> {
  const resolved =
    deps.gateway === undefined
      ? await resolveGateway(ctx)
      : { gateway: deps.gateway, close: async () => {}, sandboxUrl: null };
  const services = createTaxesServices(ctx, resolved.gateway, deps.holders);
  registerTaxesTramites(services);
  return {
    ...services,
    sandboxUrl: resolved.sandboxUrl,
    routes: [taxesPublicRoutes(services), taxesCitizenRoutes(services), taxesAdminRoutes(services)],
    registerJobs() {
      services.liquidations.registerJob();
      registerMassReceiptsJob(ctx, services);
      registerCadastreImportJob(ctx, services);
      ctx.jobs.register(
        AGREEMENTS_SWEEP_QUEUE,
        async () => {
          const outcome = await services.agreements.sweep();
          return { message: `Acuerdos: ${outcome.checked} revisados, ${outcome.voided} incumplidos.` };
        },
        { tracked: false, cron: '15 5 * * *', policy: 'singleton' },
      );
      const online = services.online;
      if (online) {
        ctx.jobs.register(
          PSE_RECONCILIATION_QUEUE,
          async () => {
            const outcome = await online.reconcileDue();
            return { message: `PSE: ${outcome.checked} consultadas, ${outcome.settled} resueltas.` };
          },
          { tracked: false, cron: '* * * * *', policy: 'singleton', retryLimit: 0 },
        );
      }
    },
    close: resolved.close,
  };
}

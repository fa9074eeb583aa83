import type { Logger } from 'pino';
import { createModules, type Modules } from './modules/modules.ts';
import { seedDemoTaxes } from './modules/taxes/demo-taxes.seed.ts';
import { registerAuditExportJob } from './platform/audit/audit-export.job.ts';
import { ensureTenant } from './platform/bootstrap/bootstrap.ts';
import { demoAccounts, seedDemo } from './platform/bootstrap/demo-seed.ts';
import type { Config } from './platform/config/config.ts';
import type { DatabaseHandle } from './platform/db/database.ts';
import { buildApp } from './platform/http/app.ts';
import { allRoutes } from './platform/http/routes.ts';
import type { ZodApp } from './platform/http/types.ts';
import { createAuthenticate } from './platform/identity/session-cookie.ts';
import { registerMaintenanceJob } from './platform/maintenance.job.ts';
import { createPlatform, type Platform } from './platform/platform.ts';
import { registerWorkflowSweepJob } from './platform/workflow/engine/workflow-sweep.job.ts';

export type Role = 'web' | 'worker' | 'all';

/** Fixed, like the migration lock: every instance of the program contends for it. */
const BOOTSTRAP_LOCK_ID = 68_001_002;

export interface RunningProgram {
  platform: Platform;
  modules: Modules;
  app?: ZodApp;
  url?: string;
  stop(): Promise<void>;
}

export interface StartOptions {
  role: Role;
  database?: DatabaseHandle;
  logger?: Logger;
  /** Serve web/dist (off in API-only tests). */
  serveWeb?: boolean;
  /** Listen on config.PORT; false builds the app for `inject` only. */
  listen?: boolean;
}

/** Registers every background job handler; both roles register, only the worker runs them. */
function registerJobs(platform: Platform, modules: Modules): void {
  registerAuditExportJob(platform.ctx);
  registerMaintenanceJob(platform.ctx);
  registerWorkflowSweepJob(platform.ctx);
  modules.registerJobs();
}

/** Builds the Fastify app on a platform (also used by tests). */
export async function buildProgramApp(
  platform: Platform,
  modules: Modules,
  accounts: ReturnType<typeof demoAccounts>,
  serveWeb: boolean,
) {
  const { ctx, identity } = platform;
  return buildApp(ctx, {
    authenticate: createAuthenticate(identity, ctx.tenants, ctx.config),
    routes: allRoutes(platform, () => accounts, modules.routes),
    serveWeb,
    logger: ctx.logger as never,
  });
}

/** One program, several roles: `web` serves HTTP, `worker` runs jobs, `all` does both. */
export async function startProgram(config: Config, options: StartOptions): Promise<RunningProgram> {
  const platform = await createPlatform(config, { database: options.database, logger: options.logger });
  const { ctx } = platform;
  const modules = await createModules(platform);
  // Instances starting together take turns, so the tenant and the demo data are written once.
  const file = await ctx.database.withAdvisoryLock(BOOTSTRAP_LOCK_ID, async () => {
    const { tenant, file: tenantFile } = await ensureTenant(platform, config.TENANT_DIVIPOLA);
    if (config.DEMO && (await seedDemo(platform, tenant, tenantFile))) {
      const taxes = await seedDemoTaxes(ctx, modules.taxes, tenant, { predios: config.DEMO_PREDIOS });
      const pqrsd = await modules.requests.seedDemo(tenant);
      ctx.logger.info(
        { predios: taxes.predios.inserted, liquidated: taxes.liquidated, pqrsd },
        'Demo: municipio sembrado con funcionarios, ciudadanos sintéticos, territorio, predios y PQRSD.',
      );
    }
    return tenantFile;
  });
  registerJobs(platform, modules);
  const runsWorker = options.role !== 'web';
  await ctx.jobs.start({ work: runsWorker });

  let app: ZodApp | undefined;
  let url: string | undefined;
  if (options.role !== 'worker') {
    app = await buildProgramApp(
      platform,
      modules,
      config.DEMO ? demoAccounts(file) : [],
      options.serveWeb ?? true,
    );
    if (options.listen ?? true) {
      url = await app.listen({ port: config.PORT, host: config.HOST });
    } else {
      await app.ready();
    }
  }
  return {
    platform,
    modules,
    app,
    url,
    async stop() {
      await app?.close();
      await modules.close();
      await platform.close();
    },
  };
}

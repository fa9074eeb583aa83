import type { RoutePlugin } from '../platform/http/types.ts';
import type { Platform } from '../platform/platform.ts';
import { type CorrespondenceModule, createCorrespondenceModule } from './correspondence/index.ts';
import { createHelpdeskModule, type HelpdeskModule } from './helpdesk/index.ts';
import { createRequestsModule, type RequestsModule } from './requests/requests.module.ts';
import { createTaxesModule, type TaxesModule } from './taxes/taxes.module.ts';
import { createTerritoryModule, type TerritoryModule } from './territory/territory.module.ts';

/** The domain modules of the program, built once per process on the platform services. */
export interface Modules {
  taxes: TaxesModule;
  correspondence: CorrespondenceModule;
  requests: RequestsModule;
  helpdesk: HelpdeskModule;
  territory: TerritoryModule;
  routes: RoutePlugin[];
  registerJobs(): void;
  close(): Promise<void>;
}

export async function createModules(platform: Platform): Promise<Modules> {
  const { ctx, identity } = platform;
  const taxes = await createTaxesModule(ctx, { holders: identity });
  const correspondence = createCorrespondenceModule(ctx, { identity });
  const requests = createRequestsModule(ctx, { identity });
  const helpdesk = createHelpdeskModule(ctx);
  const territory = createTerritoryModule(ctx);
  return {
    taxes,
    correspondence,
    requests,
    helpdesk,
    territory,
    routes: [
      ...territory.routes,
      ...taxes.routes,
      ...correspondence.routes,
      ...requests.routes,
      ...helpdesk.routes,
    ],
    registerJobs() {
      taxes.registerJobs();
      requests.registerJobs();
      territory.registerJobs();
    },
    close: () => taxes.close(),
  };
}

import type { AppContext } from '../../platform/context.ts';
import type { RoutePlugin } from '../../platform/http/types.ts';
import './correspondence.authz.ts';
import { correspondenceRoutes } from './correspondence.routes.ts';
import { type CorrespondenceService, createCorrespondenceService } from './correspondence.service.ts';
import { createDependenciaDirectory, type DependenciaSource } from './dependencias.ts';
import { indexTrd, readTrd } from './trd.ts';

export interface CorrespondenceModule {
  service: CorrespondenceService;
  routes: RoutePlugin[];
}

export interface CorrespondenceModuleDependencies {
  /** The identity service: the tenant's dependencias with their ids. */
  identity: DependenciaSource;
  /** Another TRD file (tests); default config/rules/trd.json. */
  trdFile?: string;
}

/** The correspondence services on a platform context; the TRD is read and validated here, at start. */
export function createCorrespondenceServices(
  ctx: AppContext,
  deps: CorrespondenceModuleDependencies,
): CorrespondenceService {
  const trd = indexTrd(readTrd(deps.trdFile));
  return createCorrespondenceService({
    db: ctx.db,
    files: ctx.files,
    audit: ctx.audit,
    now: ctx.now,
    trd,
    dependencias: createDependenciaDirectory(deps.identity),
  });
}

export function createCorrespondenceModule(
  ctx: AppContext,
  deps: CorrespondenceModuleDependencies,
): CorrespondenceModule {
  const service = createCorrespondenceServices(ctx, deps);
  return { service, routes: [correspondenceRoutes(service)] };
}

// Test support: the real HTTP edge (buildApp: validation, problem+json, permission checks) with only the
// routes under test, and the caller chosen per request by a header instead of a session.
import { randomUUID } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import pino from 'pino';
import type { Actor } from '../platform/authz/actor.ts';
import { loadConfig } from '../platform/config/config.ts';
import type { AppContext } from '../platform/context.ts';
import type { DatabaseHandle } from '../platform/db/database.ts';
import { buildApp } from '../platform/http/app.ts';
import type { RoutePlugin, ZodApp } from '../platform/http/types.ts';

/** Header with the caller's permissions, comma separated; absent means an anonymous visitor. */
export const TEST_PERMISSIONS_HEADER = 'x-test-permissions';

export async function buildAdminTestApp(options: {
  database: DatabaseHandle;
  tenantId: () => string;
  services: Partial<AppContext>;
  routes: RoutePlugin[];
}): Promise<ZodApp> {
  const logger = pino({ level: 'silent' });
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    DEMO: 'false',
    DATA_DIR: '/tmp/alcaldia-test',
  });
  const ctx = {
    config,
    database: options.database,
    db: options.database.db,
    logger,
    now: () => new Date(),
    ...options.services,
  } as AppContext;
  const app = await buildApp(ctx, {
    logger,
    routes: options.routes,
    authenticate: async (request: FastifyRequest) => {
      const header = request.headers[TEST_PERMISSIONS_HEADER];
      const permissions = typeof header === 'string' ? header.split(',').filter(Boolean) : null;
      const actor: Actor = {
        userId: permissions ? randomUUID() : null,
        tenantId: options.tenantId(),
        label: permissions ? 'Funcionaria de prueba' : 'visitante',
        kind: permissions ? 'official' : 'anonymous',
        permissions: new Set(permissions ?? []),
      };
      request.actor = actor;
    },
  });
  await app.ready();
  return app;
}

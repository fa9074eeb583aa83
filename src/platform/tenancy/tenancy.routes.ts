import { z } from 'zod';
import type { RoutePlugin } from '../http/types.ts';
import { listMyTramites, listTramites } from './tramites.ts';

export interface DemoAccount {
  role: string;
  login: string;
  password: string;
}

/** Public facts about the municipality and its catalogue of trámites. */
export function tenancyRoutes(demoAccounts: () => DemoAccount[]): RoutePlugin {
  return async (app, ctx) => {
    app.get(
      '/api/v1/tenant',
      { schema: { tags: ['entidad'], summary: 'Datos de la entidad (encabezado, pie de página)' } },
      async (request) => {
        const tenant = await ctx.tenants.getById(request.actor.tenantId);
        return {
          divipola: tenant.divipola,
          name: tenant.name,
          department: tenant.department,
          entityName: tenant.entityName,
          nit: tenant.nit,
          contact: tenant.contact,
          demo: ctx.config.DEMO,
          ...(ctx.config.DEMO ? { demoAccounts: demoAccounts() } : {}),
        };
      },
    );
    app.get(
      '/api/v1/tramites',
      {
        schema: {
          tags: ['entidad'],
          summary: 'Catálogo de trámites y servicios disponibles',
          response: {
            200: z.object({
              items: z.array(
                z.object({
                  slug: z.string(),
                  name: z.string(),
                  description: z.string(),
                  audience: z.enum(['ciudadano', 'empresa', 'funcionario']),
                  path: z.string(),
                  requiresLogin: z.boolean(),
                }),
              ),
            }),
          },
        },
      },
      async () => ({ items: listTramites() }),
    );
    app.get(
      '/api/v1/me/tramites',
      {
        config: { auth: 'user' },
        schema: { tags: ['entidad'], summary: 'Mis trámites en curso y terminados' },
      },
      async (request) => {
        const items = await listMyTramites(request.actor.tenantId, request.actor.userId!);
        return {
          items: items.map((item) => ({
            ...item,
            createdAt: item.createdAt.toISOString(),
            updatedAt: item.updatedAt.toISOString(),
          })),
        };
      },
    );
  };
}

import { z } from 'zod';
import { allRoles } from '../authz/catalogue.ts';
import type { RoutePlugin } from '../http/types.ts';
import { pageQuery, text, uuidParam } from '../http/zod-text.ts';
import { officialBody, userPatchBody } from './identity.schemas.ts';
import type { IdentityService } from './identity.service.ts';
import { requestMeta } from './session-cookie.ts';

const tags = ['administración'];

export function adminUsersRoutes(identity: IdentityService): RoutePlugin {
  return async (app) => {
    app.get(
      '/api/v1/admin/dependencias',
      { config: { auth: 'user' }, schema: { tags, summary: 'Dependencias de la entidad' } },
      async (request) => ({ items: await identity.listDependencias(request.actor.tenantId) }),
    );

    app.get(
      '/api/v1/admin/roles',
      { config: { permission: 'users.read' }, schema: { tags, summary: 'Catálogo de roles y permisos' } },
      async () => ({
        items: allRoles().map(({ code, name, description, permissions }) => ({
          code,
          name,
          description,
          permissions,
        })),
      }),
    );

    app.get(
      '/api/v1/admin/users',
      {
        config: { permission: 'users.read' },
        schema: {
          tags,
          summary: 'Buscar usuarios',
          querystring: z.strictObject({
            q: text({ max: 120, label: 'Búsqueda' }).optional(),
            kind: z
              .enum(['ciudadano', 'funcionario'], { error: 'Tipo: use «ciudadano» o «funcionario».' })
              .optional(),
            ...pageQuery,
          }),
        },
      },
      async (request) => {
        const { q, kind, page, pageSize } = request.query;
        const result = await identity.listUsers(
          request.actor,
          { q, kind: kind === 'funcionario' ? 'official' : kind === 'ciudadano' ? 'citizen' : undefined },
          { page, pageSize },
        );
        return { ...result, page, pageSize };
      },
    );

    app.get(
      '/api/v1/admin/users/:id',
      {
        config: { permission: 'users.read_personal' },
        schema: {
          tags,
          summary: 'Datos personales de un usuario (lectura auditada)',
          params: z.object({ id: uuidParam }),
        },
      },
      async (request) => identity.getUserPersonalData(request.actor, request.params.id),
    );

    app.post(
      '/api/v1/admin/officials',
      {
        config: { permission: 'users.manage' },
        schema: {
          tags,
          summary: 'Crear un funcionario (recibe un correo para activar la cuenta)',
          body: officialBody,
        },
      },
      async (request, reply) => {
        const created = await identity.createOfficial(
          request.actor,
          { ...request.body, tenantId: request.actor.tenantId },
          requestMeta(request),
        );
        return reply.status(201).send(created);
      },
    );

    app.patch(
      '/api/v1/admin/users/:id',
      {
        config: { permission: 'users.manage' },
        schema: {
          tags,
          summary: 'Cambiar roles, estado o dependencia',
          params: z.object({ id: uuidParam }),
          body: userPatchBody,
        },
      },
      async (request) => {
        const { status, ...rest } = request.body;
        await identity.updateUser(request.actor, request.params.id, {
          ...rest,
          status: status === 'activo' ? 'active' : status === 'inactivo' ? 'disabled' : undefined,
        });
        return { message: 'Usuario actualizado.' };
      },
    );
  };
}

import { z } from 'zod';
import type { RoutePlugin } from '../http/types.ts';
import { pageQuery, text } from '../http/zod-text.ts';
import { AUDIT_EXPORT_QUEUE } from './audit-export.job.ts';

const tags = ['auditoría'];

export const auditFiltersQuery = z.strictObject({
  actor: text({ max: 120, label: 'Actor' }).optional(),
  action: text({ max: 80, label: 'Acción' }).optional(),
  entityType: text({ max: 60, label: 'Tipo de registro' }).optional(),
  entityId: text({ max: 120, label: 'Identificador del registro' }).optional(),
  from: z.iso
    .datetime({ offset: true, error: 'Desde: use fecha y hora ISO 8601.' })
    .or(z.iso.date())
    .optional(),
  to: z.iso
    .datetime({ offset: true, error: 'Hasta: use fecha y hora ISO 8601.' })
    .or(z.iso.date())
    .optional(),
});

export type AuditFiltersQuery = z.infer<typeof auditFiltersQuery>;

/** Dates without a time mean whole days in Bogotá (UTC−5, no daylight saving). */
export function toAuditFilters(query: AuditFiltersQuery) {
  const bound = (value: string | undefined, endOfDay: boolean) => {
    if (!value) return undefined;
    if (value.length === 10) return new Date(`${value}T${endOfDay ? '23:59:59.999' : '00:00:00.000'}-05:00`);
    return new Date(value);
  };
  return {
    actor: query.actor,
    action: query.action,
    entityType: query.entityType,
    entityId: query.entityId,
    from: bound(query.from, false),
    to: bound(query.to, true),
  };
}

export const auditRoutes: RoutePlugin = async (app, ctx) => {
  app.get(
    '/api/v1/admin/audit',
    {
      config: { permission: 'audit.read' },
      schema: {
        tags,
        summary: 'Buscar en el registro de auditoría',
        querystring: auditFiltersQuery.extend(pageQuery),
      },
    },
    async (request) => {
      const { page, pageSize, ...filters } = request.query;
      const result = await ctx.audit.search(request.actor.tenantId, toAuditFilters(filters), {
        page,
        pageSize,
      });
      return {
        total: result.total,
        page,
        pageSize,
        items: result.items.map((row) => ({
          id: row.id,
          at: row.at.toISOString(),
          actor: row.actorUserId || row.actorLabel ? { id: row.actorUserId, label: row.actorLabel } : null,
          action: row.action,
          entityType: row.entityType,
          entityId: row.entityId,
          ip: row.ip,
          userAgent: row.userAgent,
          requestId: row.requestId,
          details: row.details,
        })),
      };
    },
  );

  app.post(
    '/api/v1/admin/audit/exports',
    {
      config: { permission: 'audit.read' },
      schema: {
        tags,
        summary: 'Exportar a CSV (tarea en segundo plano con avance)',
        body: auditFiltersQuery,
      },
    },
    async (request, reply) => {
      const jobId = await ctx.jobs.enqueue({
        queue: AUDIT_EXPORT_QUEUE,
        label: 'Exportación del registro de auditoría (CSV)',
        tenantId: request.actor.tenantId,
        createdByUserId: request.actor.userId,
        data: { filters: request.body, requestedBy: request.actor.userId },
      });
      await ctx.audit.record(ctx.db, request.actor, {
        action: 'audit.export',
        entityType: 'job',
        entityId: jobId,
        details: request.body,
      });
      return reply.status(202).send({ jobId });
    },
  );
};

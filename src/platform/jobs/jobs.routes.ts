import { z } from 'zod';
import { notFound } from '../http/errors.ts';
import type { RoutePlugin } from '../http/types.ts';
import { pageQuery, uuidParam } from '../http/zod-text.ts';
import type { JobView } from './index.ts';

const tags = ['tareas'];

/** The states people read, as the API contract names them. */
export const JOB_STATE_CODES = {
  queued: 'en_cola',
  running: 'en_proceso',
  completed: 'completado',
  failed: 'fallido',
} as const satisfies Record<JobView['state'], string>;

const jobSchema = z.object({
  id: z.string(),
  queue: z.string(),
  label: z.string(),
  state: z.enum(['en_cola', 'en_proceso', 'completado', 'fallido']),
  done: z.number().int(),
  total: z.number().int().nullable(),
  message: z.string().nullable(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  resultFileId: z.string().nullable(),
  /** What the job reports besides its file (e.g. the ids of several result files). */
  result: z.record(z.string(), z.unknown()).nullable().optional(),
});

export function toJobResponse(job: JobView): z.infer<typeof jobSchema> {
  return {
    id: job.id,
    queue: job.queue,
    label: job.label,
    state: JOB_STATE_CODES[job.state],
    done: job.done,
    total: job.total,
    message: job.message,
    createdAt: job.createdAt.toISOString(),
    startedAt: job.startedAt?.toISOString() ?? null,
    finishedAt: job.finishedAt?.toISOString() ?? null,
    resultFileId: job.resultFileId,
    result: job.result ?? null,
  };
}

const listQuery = z.strictObject(pageQuery);
const jobParams = z.strictObject({ id: uuidParam });

export const jobsRoutes: RoutePlugin = async (app, ctx) => {
  app.get(
    '/api/v1/admin/jobs',
    {
      config: { permission: 'jobs.read' },
      schema: {
        tags,
        summary: 'Tareas en segundo plano del municipio y su avance (las más recientes primero)',
        querystring: listQuery,
        response: {
          200: z.object({
            items: z.array(jobSchema),
            total: z.number().int(),
            page: z.number(),
            pageSize: z.number(),
          }),
        },
      },
    },
    async (request) => {
      const { page, pageSize } = request.query;
      const result = await ctx.jobs.list(request.actor.tenantId, { page, pageSize });
      return { items: result.items.map(toJobResponse), total: result.total, page, pageSize };
    },
  );

  app.get(
    '/api/v1/admin/jobs/:id',
    {
      config: { permission: 'jobs.read' },
      schema: {
        tags,
        summary: 'Una tarea en segundo plano: estado, avance y archivo resultante',
        params: jobParams,
        response: { 200: jobSchema },
      },
    },
    async (request) => {
      const job = await ctx.jobs.get(request.actor.tenantId, request.params.id);
      if (!job) throw notFound('La tarea no existe.');
      return toJobResponse(job);
    },
  );

  app.get(
    '/api/v1/me/jobs/:id',
    {
      config: { auth: 'user' },
      schema: {
        tags,
        summary: 'Una tarea que yo inicié: estado, avance y resultado (sin el permiso jobs.read)',
        params: jobParams,
        response: { 200: jobSchema },
      },
    },
    async (request) => {
      const job = await ctx.jobs.get(request.actor.tenantId, request.params.id);
      // Someone else's job answers «not found», so ids cannot be probed.
      if (!job || job.createdByUserId !== request.actor.userId) throw notFound('La tarea no existe.');
      return toJobResponse(job);
    },
  );
};

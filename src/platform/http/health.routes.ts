import { z } from 'zod';
import { AppError } from './errors.ts';
import type { RoutePlugin } from './types.ts';

export const healthRoutes: RoutePlugin = async (app, ctx) => {
  // Probes that arrive while a check is running share its answer: a storm of probes costs one query.
  let checkInFlight: Promise<boolean> | undefined;
  const databaseAnswers = () => {
    checkInFlight ??= ctx.database.raw
      .query('select 1')
      .then(
        () => true,
        () => false,
      )
      .finally(() => {
        checkInFlight = undefined;
      });
    return checkInFlight;
  };

  app.get(
    '/health/live',
    {
      schema: {
        tags: ['salud'],
        summary: 'El proceso está vivo',
        response: { 200: z.object({ status: z.literal('ok') }) },
      },
    },
    async () => ({ status: 'ok' as const }),
  );
  app.get(
    '/health/ready',
    {
      schema: {
        tags: ['salud'],
        summary: 'El proceso puede atender: la base de datos responde',
        response: { 200: z.object({ status: z.literal('ok'), database: z.enum(['pglite', 'postgres']) }) },
      },
    },
    async () => {
      if (!(await databaseAnswers())) {
        throw new AppError(503, 'DATABASE_UNAVAILABLE', 'La base de datos no responde.');
      }
      return { status: 'ok' as const, database: ctx.database.kind };
    },
  );
};

import Fastify from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { describe, expect, it } from 'vitest';
import type { AppContext } from '../context.ts';
import { healthRoutes } from './health.routes.ts';
import { sendProblem, toProblem } from './problem.ts';
import type { ZodApp } from './types.ts';

async function appWith(query: () => Promise<unknown>) {
  const app = Fastify();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler((error, request, reply) => sendProblem(request, reply, toProblem(error)));
  const calls = { count: 0 };
  const ctx = {
    database: {
      kind: 'postgres',
      raw: {
        query: async () => {
          calls.count += 1;
          return query();
        },
      },
    },
  } as unknown as AppContext;
  await healthRoutes(app as unknown as ZodApp, ctx);
  return { app, calls };
}

describe('readiness', () => {
  it('answers 503 in Spanish when the database does not answer, while liveness stays up', async () => {
    const { app } = await appWith(() => Promise.reject(new Error('connection refused')));
    const ready = await app.inject('/health/ready');
    expect(ready.statusCode).toBe(503);
    expect(ready.json()).toMatchObject({
      code: 'DATABASE_UNAVAILABLE',
      detail: 'La base de datos no responde.',
    });
    expect((await app.inject('/health/live')).statusCode).toBe(200);
  });

  it('lets simultaneous probes share one database check', async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const { app, calls } = await appWith(() => gate);
    await app.ready();
    const probes = Array.from({ length: 10 }, () => app.inject('/health/ready'));
    await new Promise((resolve) => setTimeout(resolve, 50));
    release();
    const answers = await Promise.all(probes);
    expect(answers.map((answer) => answer.statusCode)).toEqual(Array(10).fill(200));
    expect(calls.count).toBe(1);
    // Once answered, the next probe checks the database again.
    await app.inject('/health/ready');
    expect(calls.count).toBe(2);
  });
});

import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createTestTenant,
  getTestDatabase,
  resetDatabase,
  type TestTenant,
} from '../../test/test-database.ts';
import type { DatabaseHandle } from '../db/database.ts';
import type { JobService, JobView } from './index.ts';
import { jobProgress } from './jobs.schema.ts';
import { createJobService } from './jobs.service.ts';

const logger = pino({ level: 'silent' });
const started: JobService[] = [];

function newJobService(database: DatabaseHandle): JobService {
  const jobs = createJobService({
    database,
    logger,
    pollingIntervalSeconds: 0.5,
    retryDelaySeconds: 0,
    stopTimeoutSeconds: 5,
  });
  started.push(jobs);
  return jobs;
}

async function waitFor<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline)
      throw new Error(`tiempo agotado esperando; último valor: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('jobs service (pg-boss on the same database)', () => {
  let database: DatabaseHandle;
  let tenant: TestTenant;

  beforeEach(async () => {
    database = await getTestDatabase();
    await resetDatabase(database);
    tenant = await createTestTenant(database);
  });

  afterEach(async () => {
    for (const jobs of started.splice(0)) await jobs.stop();
  });

  it('runs an enqueued job in the worker, reporting progress up to the total, and completes with a file', async () => {
    const jobs = newJobService(database);
    const steps = 12;
    const resultFileId = randomUUID();
    const seen: JobView[] = [];
    jobs.register<{ steps: number }>('test.progress', async (job) => {
      expect(job.tenantId).toBe(tenant.id);
      for (let step = 0; step <= job.data.steps; step += 1) {
        await job.progress(step, job.data.steps, `Paso ${step} de ${job.data.steps}`);
        await sleep(40);
      }
      return { resultFileId, message: 'Exportación lista.', result: { rows: 12 } };
    });
    await jobs.start({ work: true });

    const id = await jobs.enqueue({
      queue: 'test.progress',
      label: 'Prueba de avance',
      tenantId: tenant.id,
      createdByUserId: null,
      data: { steps },
    });
    const queued = await jobs.get(tenant.id, id);
    expect(queued).toMatchObject({ state: 'queued', label: 'Prueba de avance', done: 0 });

    const finished = await waitFor(
      async () => {
        const view = await jobs.get(tenant.id, id);
        if (view) seen.push(view);
        return view;
      },
      (view) => view?.state === 'completed',
    );
    expect(finished).toMatchObject({
      done: steps,
      total: steps,
      resultFileId,
      message: 'Exportación lista.',
    });
    expect(finished?.startedAt).toBeInstanceOf(Date);
    expect(finished?.finishedAt).toBeInstanceOf(Date);
    const running = seen.filter((view) => view.state === 'running');
    expect(running.length).toBeGreaterThan(0);
    expect(running.some((view) => view.total === steps && view.done > 0 && view.done < steps)).toBe(true);
    // Progress only moves forward.
    const dones = seen.map((view) => view.done);
    expect([...dones].sort((a, b) => a - b)).toEqual(dones);
    const [row] = await database.db.select().from(jobProgress).where(eq(jobProgress.id, id));
    expect(row?.result).toEqual({ rows: 12 });
  });

  it('a failing job is retried by pg-boss and ends failed with a Spanish message', async () => {
    const jobs = newJobService(database);
    let attempts = 0;
    jobs.register(
      'test.failing',
      async () => {
        attempts += 1;
        throw new Error('conexión rechazada por el servidor remoto');
      },
      { retryLimit: 2 },
    );
    await jobs.start({ work: true });
    const id = await jobs.enqueue({
      queue: 'test.failing',
      label: 'Tarea que falla',
      tenantId: tenant.id,
      data: {},
    });

    const failed = await waitFor(
      () => jobs.get(tenant.id, id),
      (view) => view?.state === 'failed',
    );
    expect(attempts).toBe(3);
    expect(failed?.message).toMatch(/^La tarea no se pudo completar/);
    // The internal error stays in the log, not in what people see.
    expect(failed?.message).not.toContain('conexión rechazada');
    expect(failed?.finishedAt).toBeInstanceOf(Date);
  });

  it('the web role only sends: handlers run when a worker starts', async () => {
    const web = newJobService(database);
    let runs = 0;
    const handler = async () => {
      runs += 1;
      return { message: 'Hecho.' };
    };
    web.register('test.split', handler);
    await web.start({ work: false });
    const id = await web.enqueue({
      queue: 'test.split',
      label: 'Separación de roles',
      tenantId: tenant.id,
      data: {},
    });
    await sleep(2_000);
    expect(runs).toBe(0);
    expect((await web.get(tenant.id, id))?.state).toBe('queued');

    const worker = newJobService(database);
    worker.register('test.split', handler);
    await worker.start({ work: true });
    const done = await waitFor(
      () => web.get(tenant.id, id),
      (view) => view?.state === 'completed',
    );
    expect(done?.message).toBe('Hecho.');
    expect(runs).toBe(1);
  });

  it('untracked jobs leave no progress row; list and get are scoped to the tenant', async () => {
    const other = await createTestTenant(database, '68276');
    const jobs = newJobService(database);
    const ran: string[] = [];
    jobs.register(
      'test.untracked',
      async (job) => {
        ran.push(job.id);
        return undefined;
      },
      { tracked: false },
    );
    jobs.register('test.tracked', async () => ({ message: 'Listo.' }));
    await jobs.start({ work: true });

    const untrackedId = await jobs.enqueue({
      queue: 'test.untracked',
      label: 'Interna',
      tenantId: null,
      data: {},
    });
    const mine = await jobs.enqueue({ queue: 'test.tracked', label: 'Mía', tenantId: tenant.id, data: {} });
    const theirs = await jobs.enqueue({
      queue: 'test.tracked',
      label: 'Ajena',
      tenantId: other.id,
      data: {},
    });
    await waitFor(
      async () => ran.length,
      (n) => n === 1,
    );
    expect(ran).toEqual([untrackedId]);
    expect(await database.db.select().from(jobProgress).where(eq(jobProgress.id, untrackedId))).toEqual([]);

    const page = await jobs.list(tenant.id, { page: 1, pageSize: 10 });
    expect(page.total).toBe(1);
    expect(page.items.map((item) => item.id)).toEqual([mine]);
    expect(await jobs.get(tenant.id, theirs)).toBeUndefined();
    expect(await jobs.get(tenant.id, 'no-es-un-uuid')).toBeUndefined();
  });

  it('a short queue collapses a burst of requests with the same singleton key into one job', async () => {
    const jobs = newJobService(database);
    jobs.register('test.burst', async () => undefined, { tracked: false, policy: 'short' });
    await jobs.start({ work: false });
    const ids = await Promise.all(
      Array.from({ length: 5 }, () =>
        jobs.enqueue({ queue: 'test.burst', label: 'Ráfaga', tenantId: null, data: {}, singletonKey: 'una' }),
      ),
    );
    expect(new Set(ids).size).toBe(1);
    const { rows } = await database.raw.query<{ n: number }>(
      `select count(*)::int as n from pgboss.job where name = 'test.burst'`,
    );
    expect(rows[0]?.n).toBe(1);
  });
});

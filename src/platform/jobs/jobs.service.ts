import { randomUUID } from 'node:crypto';
import { and, count, desc, eq } from 'drizzle-orm';
import PgBoss from 'pg-boss';
import type { Logger } from 'pino';
import type { DatabaseHandle } from '../db/database.ts';
import { AppError } from '../http/errors.ts';
import type {
  EnqueueJobInput,
  JobContext,
  JobOutcome,
  JobService,
  JobView,
  RegisterJobOptions,
} from './index.ts';
import { jobProgress } from './jobs.schema.ts';
import { createThrottledProgress } from './progress-throttle.ts';

export interface CreateJobServiceOptions {
  database: DatabaseHandle;
  logger: Logger;
  now?: () => Date;
  /** How often an idle worker asks each queue for work; pg-boss's minimum is 0.5 s. */
  pollingIntervalSeconds?: number;
  /** Default wait before a retry (it doubles each time); 0 retries at once. */
  retryDelaySeconds?: number;
  /** How long stop() waits for running jobs before pg-boss marks them failed. */
  stopTimeoutSeconds?: number;
  /** Time zone of the cron expressions of registered queues. */
  cronTimeZone?: string;
}

/** What travels in pg-boss's `data`: the tenant goes with the job so the handler runs in its context. */
interface JobEnvelope {
  tenantId: string | null;
  data: unknown;
}

interface Registration {
  queue: string;
  handler: (job: JobContext<unknown>) => Promise<JobOutcome | undefined>;
  tracked: boolean;
  retryLimit: number;
  retryDelaySeconds: number;
  policy: NonNullable<RegisterJobOptions['policy']>;
  cron?: string;
  expireInSeconds?: number;
}

interface Running {
  boss: PgBoss;
  work: boolean;
}

const PGBOSS_SCHEMA = 'pgboss';
const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** pg-boss wraps its schema install, migrations and maintenance in `BEGIN; …; COMMIT;` (plans.locked). */
const LOCKED_SCRIPT = /^\s*BEGIN;([\s\S]*)COMMIT;\s*$/;

/**
 * pg-boss's `db` option on top of our own connection, so it works on PGlite as on PostgreSQL.
 * Parameterised statements go through `raw.query`. The parameterless multi-statement scripts go
 * through `raw.exec` (PGlite's `query` refuses several statements). On PGlite they run as one implicit
 * transaction instead of an explicit BEGIN/COMMIT: a failing explicit block would leave PGlite's single
 * connection in an aborted transaction for whoever queries next, the implicit one rolls back by itself.
 */
export function pgBossDatabase(database: DatabaseHandle): PgBoss.Db {
  return {
    async executeSql(text: string, values?: unknown[]) {
      const script = values === undefined || values.length === 0 ? LOCKED_SCRIPT.exec(text) : null;
      if (script) {
        await database.raw.exec(database.kind === 'pglite' ? script[1]! : text);
        return { rows: [] };
      }
      return database.raw.query(text, values);
    },
  };
}

/** Fixed, like the migration lock: every instance of the program contends for it. */
const JOBS_SETUP_LOCK_ID = 68_001_003;

export function createJobService(options: CreateJobServiceOptions): JobService {
  const { database, logger } = options;
  const db = database.db;
  const now = options.now ?? (() => new Date());
  const pollingIntervalSeconds = Math.max(0.5, options.pollingIntervalSeconds ?? 1);
  const defaultRetryDelaySeconds = options.retryDelaySeconds ?? 30;
  const stopTimeoutMs = (options.stopTimeoutSeconds ?? 30) * 1000;
  const cronTimeZone = options.cronTimeZone ?? 'America/Bogota';
  const registrations = new Map<string, Registration>();
  let running: Running | undefined;
  let starting: Promise<void> | undefined;
  /** Queues registered after start() are set up in the background; enqueue waits for them. */
  const lateSetups = new Map<string, Promise<void>>();

  function register<TData>(
    queue: string,
    handler: (job: JobContext<TData>) => Promise<JobOutcome | undefined>,
    registerOptions: RegisterJobOptions = {},
  ): void {
    if (registrations.has(queue)) throw new Error(`La cola de tareas «${queue}» ya está registrada.`);
    const registration: Registration = {
      queue,
      handler: handler as Registration['handler'],
      tracked: registerOptions.tracked ?? true,
      retryLimit: registerOptions.retryLimit ?? 2,
      retryDelaySeconds: registerOptions.retryDelaySeconds ?? defaultRetryDelaySeconds,
      policy: registerOptions.policy ?? 'standard',
      cron: registerOptions.cron,
      expireInSeconds: registerOptions.expireInSeconds,
    };
    registrations.set(queue, registration);
    if (running) {
      const setup = activate(running, registration).catch((error: unknown) => {
        logger.error({ err: error, queue }, 'No se pudo preparar la cola de tareas');
        throw error;
      });
      setup.catch(() => {});
      lateSetups.set(queue, setup);
    }
  }

  async function start(startOptions: { work: boolean }): Promise<void> {
    if (running) return;
    starting ??= (async () => {
      const boss = new PgBoss({
        db: pgBossDatabase(database),
        schema: PGBOSS_SCHEMA,
        migrate: true,
        // Maintenance (expiring stuck jobs, archiving) and cron belong to the worker role only.
        supervise: startOptions.work,
        schedule: startOptions.work,
      });
      boss.on('error', (error) => logger.error({ err: error }, 'Tareas en segundo plano: error de pg-boss'));
      const current: Running = { boss, work: startOptions.work };
      try {
        // pg-boss creates a table per queue; instances doing that at once deadlock, so they take turns.
        await database.withAdvisoryLock(JOBS_SETUP_LOCK_ID, async () => {
          await boss.start();
          for (const registration of registrations.values()) await activate(current, registration);
          if (startOptions.work) await dropStaleSchedules(boss);
        });
      } catch (error) {
        // Half started is not started: no worker may keep polling behind a failed start.
        await boss.stop({ graceful: false, close: false }).catch(() => {});
        throw error;
      }
      running = current;
    })();
    try {
      await starting;
    } finally {
      starting = undefined;
    }
  }

  /** Creates the queue (both roles need it to send) and, in the worker role, polls and schedules it. */
  async function activate({ boss, work }: Running, registration: Registration): Promise<void> {
    const queueOptions = {
      name: registration.queue,
      policy: registration.policy,
      retryLimit: registration.retryLimit,
      retryDelay: registration.retryDelaySeconds,
      retryBackoff: registration.retryDelaySeconds > 0,
      ...(registration.expireInSeconds ? { expireInSeconds: registration.expireInSeconds } : {}),
    };
    await boss.createQueue(registration.queue, queueOptions);
    // createQueue leaves an existing queue as it was; the registration in code is the truth.
    await boss.updateQueue(registration.queue, queueOptions);
    if (!work) return;
    await boss.work<JobEnvelope>(
      registration.queue,
      { batchSize: 1, pollingIntervalSeconds, includeMetadata: true },
      async (jobs) => {
        for (const job of jobs) await runJob(registration, job);
      },
    );
    if (registration.cron) {
      const envelope: JobEnvelope = { tenantId: null, data: {} };
      // The queue name as singleton key lets a 'short' queue merge cron runs with on-demand ones.
      await boss.schedule(registration.queue, registration.cron, envelope, {
        tz: cronTimeZone,
        singletonKey: registration.queue,
      });
    }
  }

  /** A queue whose cron was removed from the code must stop firing. */
  async function dropStaleSchedules(boss: PgBoss): Promise<void> {
    for (const schedule of await boss.getSchedules()) {
      const registration = registrations.get(schedule.name);
      if (registration && !registration.cron) await boss.unschedule(schedule.name);
    }
  }

  async function runJob(registration: Registration, job: PgBoss.JobWithMetadata<JobEnvelope>): Promise<void> {
    const envelope = job.data ?? { tenantId: null, data: {} };
    const tracked = registration.tracked;
    const progress = createThrottledProgress(
      async (snapshot) => {
        if (!tracked) return;
        await db
          .update(jobProgress)
          .set({ done: snapshot.done, total: snapshot.total, message: snapshot.message, updatedAt: now() })
          .where(eq(jobProgress.id, job.id));
      },
      {
        onWriteError: (error) =>
          logger.warn({ err: error, jobId: job.id }, 'No se pudo guardar el avance de la tarea'),
      },
    );
    if (tracked) {
      const startedAt = now();
      await db
        .update(jobProgress)
        .set({ state: 'running', startedAt, finishedAt: null, updatedAt: startedAt })
        .where(eq(jobProgress.id, job.id));
    }
    try {
      const outcome = await registration.handler({
        id: job.id,
        tenantId: envelope.tenantId,
        data: envelope.data,
        progress: (done, total, message) => progress.report(done, total, message),
      });
      await progress.flush();
      if (tracked) {
        const finishedAt = now();
        const { done, total } = progress.current();
        await db
          .update(jobProgress)
          .set({
            state: 'completed',
            done: total !== null ? Math.max(done, total) : done,
            message: outcome?.message ?? progress.current().message ?? 'Tarea terminada.',
            result: outcome?.result ?? null,
            resultFileId: outcome?.resultFileId ?? null,
            finishedAt,
            updatedAt: finishedAt,
          })
          .where(eq(jobProgress.id, job.id));
      }
    } catch (error) {
      await progress.flush();
      const attempt = job.retryCount + 1;
      const willRetry = job.retryCount < job.retryLimit;
      logger.error(
        { err: error, jobId: job.id, queue: registration.queue, attempt, willRetry },
        'Falló una tarea en segundo plano',
      );
      if (tracked) {
        const at = now();
        await db
          .update(jobProgress)
          .set({
            state: willRetry ? 'queued' : 'failed',
            message: failureMessage(error, attempt, willRetry),
            finishedAt: willRetry ? null : at,
            updatedAt: at,
          })
          .where(eq(jobProgress.id, job.id))
          .catch((writeError: unknown) =>
            logger.warn({ err: writeError, jobId: job.id }, 'No se pudo guardar el fallo de la tarea'),
          );
      }
      // pg-boss decides the retry from the thrown error.
      throw error;
    }
  }

  async function enqueue<TData>(input: EnqueueJobInput<TData>): Promise<string> {
    const registration = registrations.get(input.queue);
    if (!registration) throw new Error(`La cola de tareas «${input.queue}» no está registrada.`);
    if (starting) await starting;
    if (!running) throw new Error('El servicio de tareas en segundo plano no se ha iniciado (jobs.start).');
    await lateSetups.get(input.queue);
    const { boss } = running;
    const id = randomUUID();
    if (registration.tracked) {
      const createdAt = now();
      await db.insert(jobProgress).values({
        id,
        tenantId: input.tenantId,
        queue: input.queue,
        label: input.label,
        state: 'queued',
        createdByUserId: input.createdByUserId ?? null,
        createdAt,
        updatedAt: createdAt,
      });
    }
    const envelope: JobEnvelope = { tenantId: input.tenantId, data: input.data };
    let sentId: string | null;
    try {
      sentId = await boss.send(input.queue, envelope as object, {
        id,
        ...(input.singletonKey ? { singletonKey: input.singletonKey } : {}),
        retryLimit: registration.retryLimit,
        retryDelay: registration.retryDelaySeconds,
        retryBackoff: registration.retryDelaySeconds > 0,
        ...(registration.expireInSeconds ? { expireInSeconds: registration.expireInSeconds } : {}),
      });
    } catch (error) {
      if (registration.tracked) await db.delete(jobProgress).where(eq(jobProgress.id, id));
      throw error;
    }
    if (sentId) return sentId;
    // The queue's policy merged this job into one already waiting (same singleton key).
    if (registration.tracked) await db.delete(jobProgress).where(eq(jobProgress.id, id));
    return (await findWaitingJob(input.queue, input.singletonKey)) ?? id;
  }

  async function findWaitingJob(
    queue: string,
    singletonKey: string | undefined,
  ): Promise<string | undefined> {
    const { rows } = await database.raw.query<{ id: string }>(
      `select id from ${PGBOSS_SCHEMA}.job
        where name = $1 and coalesce(singleton_key, '') = coalesce($2::text, '') and state < 'active'
        order by created_on desc limit 1`,
      [queue, singletonKey ?? null],
    );
    return rows[0]?.id;
  }

  async function list(tenantId: string, page: { page: number; pageSize: number }) {
    const where = eq(jobProgress.tenantId, tenantId);
    const [rows, totals] = await Promise.all([
      db
        .select()
        .from(jobProgress)
        .where(where)
        .orderBy(desc(jobProgress.createdAt), desc(jobProgress.id))
        .limit(page.pageSize)
        .offset((page.page - 1) * page.pageSize),
      db.select({ total: count() }).from(jobProgress).where(where),
    ]);
    return { items: rows.map(toView), total: Number(totals[0]?.total ?? 0) };
  }

  async function get(tenantId: string, id: string): Promise<JobView | undefined> {
    if (!UUID_PATTERN.test(id)) return undefined;
    const [row] = await db
      .select()
      .from(jobProgress)
      .where(and(eq(jobProgress.tenantId, tenantId), eq(jobProgress.id, id)));
    return row ? toView(row) : undefined;
  }

  async function stop(): Promise<void> {
    if (starting) await starting.catch(() => {});
    const current = running;
    running = undefined;
    lateSetups.clear();
    if (!current) return;
    // Waits for running handlers (up to the timeout); pg-boss does not close our database.
    await current.boss.stop({ graceful: true, wait: true, close: false, timeout: stopTimeoutMs });
  }

  return { register, start, stop, enqueue, list, get };
}

function failureMessage(error: unknown, attempt: number, willRetry: boolean): string {
  // An AppError already carries a sentence meant for people; anything else stays in the log.
  const reason =
    error instanceof AppError ? error.detail : 'Ocurrió un error inesperado al procesar la tarea.';
  return willRetry
    ? `Falló el intento ${attempt}: ${reason} Se volverá a intentar automáticamente.`
    : `La tarea no se pudo completar: ${reason} Inténtelo de nuevo más tarde o informe al administrador.`;
}

function toView(row: typeof jobProgress.$inferSelect): JobView {
  return {
    id: row.id,
    queue: row.queue,
    label: row.label,
    state: row.state,
    done: row.done,
    total: row.total,
    message: row.message,
    resultFileId: row.resultFileId,
    result: row.result ?? null,
    createdByUserId: row.createdByUserId,
    createdAt: row.createdAt,
    startedAt: row.startedAt,
    finishedAt: row.finishedAt,
  };
}

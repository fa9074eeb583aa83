// Public surface of the jobs service: pg-boss on the same database, with progress people can see.

export interface JobContext<TData> {
  id: string;
  tenantId: string | null;
  data: TData;
  /** Records done/total (and an optional Spanish message) for the progress bar. */
  progress(done: number, total?: number, message?: string): Promise<void>;
}

export interface JobOutcome {
  message?: string;
  resultFileId?: string;
  result?: Record<string, unknown>;
}

export interface JobView {
  id: string;
  queue: string;
  label: string;
  state: 'queued' | 'running' | 'completed' | 'failed';
  done: number;
  total: number | null;
  message: string | null;
  resultFileId: string | null;
  result?: Record<string, unknown> | null;
  createdByUserId: string | null;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
}

export interface EnqueueJobInput<TData> {
  queue: string;
  label: string;
  tenantId: string | null;
  createdByUserId?: string | null;
  data: TData;
  /** pg-boss singleton key: at most one queued job with this key. */
  singletonKey?: string;
}

/** pg-boss queue policies; 'short' keeps at most one waiting job per singleton key (bursts collapse into one). */
export type JobQueuePolicy = 'standard' | 'short' | 'singleton' | 'stately';

export interface RegisterJobOptions {
  /** Retries after the first failure (pg-boss retryLimit); default 2. */
  retryLimit?: number;
  /** Seconds before a retry; default from the service (30 s, doubling). */
  retryDelaySeconds?: number;
  /** false: no job_progress row (internal plumbing such as notification delivery); default true. */
  tracked?: boolean;
  /** Default 'standard'. */
  policy?: JobQueuePolicy;
  /** A cron expression: the worker role schedules the queue with pg-boss `schedule` (e.g. every minute). */
  cron?: string;
  /** How long one run may take before pg-boss gives up on it; default 15 minutes. */
  expireInSeconds?: number;
}

export interface JobService {
  /** Declares a queue and its handler; every role registers, only the worker role runs handlers. */
  register<TData>(
    queue: string,
    handler: (job: JobContext<TData>) => Promise<JobOutcome | undefined>,
    options?: RegisterJobOptions,
  ): void;
  /** Starts pg-boss; with `work: true` also polls the registered queues (the worker role). */
  start(options: { work: boolean }): Promise<void>;
  stop(): Promise<void>;
  enqueue<TData>(input: EnqueueJobInput<TData>): Promise<string>;
  list(
    tenantId: string,
    page: { page: number; pageSize: number },
  ): Promise<{ items: JobView[]; total: number }>;
  get(tenantId: string, id: string): Promise<JobView | undefined>;
}

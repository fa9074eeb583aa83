import { AppError } from '../../../platform/http/errors.ts';

export interface RateLimiterOptions {
  /** Starts allowed per second, across every caller of this limiter in this process (Nominatim: 1). */
  perSecond: number;
  /** Calls running at once. Default 1: the next call starts after the previous one ended and its slot came. */
  maxConcurrent?: number;
  /** Calls waiting for their slot beyond which new ones are refused at once. Default: no limit. */
  maxQueued?: number;
  /** Milliseconds; injectable so tests run on a fake clock. */
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export interface RateLimiter {
  /** Runs `fn` when its turn comes; a `signal` aborted while waiting takes the call out of the queue. */
  schedule<T>(fn: () => Promise<T>, signal?: AbortSignal): Promise<T>;
  /** Calls waiting for their turn. */
  readonly queued: number;
}

/** Too many calls are already waiting for the online geocoder: answering now beats a long wait. */
export class RateLimiterFullError extends AppError {
  constructor(queued: number) {
    super(
      503,
      'GEOCODER_QUEUE_FULL',
      `Hay ${queued} consultas esperando turno para el geocodificador en línea. Inténtelo de nuevo en unos minutos.`,
    );
    this.name = 'RateLimiterFullError';
  }
}

interface Job {
  run: () => void;
}

/**
 * A FIFO queue that spaces call starts by 1000 / perSecond ms and keeps at most `maxConcurrent` running.
 * It is per process: several copies of the platform each have their own, so a city running N copies
 * against a public service must divide the rate by N.
 */
export function createRateLimiter(options: RateLimiterOptions): RateLimiter {
  if (!Number.isFinite(options.perSecond) || options.perSecond <= 0) {
    throw new RangeError('El límite de consultas por segundo debe ser un número mayor que cero.');
  }
  const interval = 1000 / options.perSecond;
  const maxConcurrent = Math.max(1, Math.floor(options.maxConcurrent ?? 1));
  const maxQueued = options.maxQueued ?? Number.POSITIVE_INFINITY;
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));

  const queue: Job[] = [];
  let running = 0;
  let nextStartAt = Number.NEGATIVE_INFINITY;
  let pumping = false;

  async function pump(): Promise<void> {
    if (pumping) return;
    pumping = true;
    try {
      while (queue.length > 0 && running < maxConcurrent) {
        const wait = nextStartAt - now();
        // Timers may fire a little early: loop and measure again rather than trust one sleep.
        if (wait > 0) {
          await sleep(wait);
          continue;
        }
        const job = queue.shift();
        if (!job) break;
        nextStartAt = now() + interval;
        running += 1;
        job.run();
      }
    } finally {
      pumping = false;
    }
  }

  function finished() {
    running -= 1;
    void pump();
  }

  return {
    get queued() {
      return queue.length;
    },
    schedule<T>(fn: () => Promise<T>, signal?: AbortSignal): Promise<T> {
      if (signal?.aborted) return Promise.reject(signal.reason);
      if (queue.length >= maxQueued) return Promise.reject(new RateLimiterFullError(queue.length));
      return new Promise<T>((resolve, reject) => {
        const onAbort = () => {
          const index = queue.indexOf(job);
          if (index >= 0) {
            queue.splice(index, 1);
            reject(signal?.reason);
          }
        };
        const job: Job = {
          run: () => {
            signal?.removeEventListener('abort', onAbort);
            // A function that throws synchronously still frees its slot.
            Promise.resolve().then(fn).then(resolve, reject).finally(finished);
          },
        };
        signal?.addEventListener('abort', onAbort, { once: true });
        queue.push(job);
        void pump();
      });
    },
  };
}

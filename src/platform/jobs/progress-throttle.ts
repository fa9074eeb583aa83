export interface ProgressSnapshot {
  done: number;
  total: number | null;
  message: string | null;
}

export interface ThrottledProgress {
  /**
   * Records a new value; written now, or within `minIntervalMs` if a write just happened. Never waits
   * for the database: a handler may report from inside its own transaction (on PGlite, waiting there
   * for another statement would wait forever).
   */
  report(done: number, total?: number, message?: string): Promise<void>;
  /** Writes the pending value, if any, and waits for every write to finish. */
  flush(): Promise<void>;
  /** The latest value reported (written or not). */
  current(): ProgressSnapshot;
}

/**
 * A job may report progress thousands of times a second; people need a few updates a second. This
 * keeps at most one write per `minIntervalMs`, always writes the last value (trailing write), writes
 * the final value (done ≥ total) at once, and keeps writes in order.
 */
export function createThrottledProgress(
  write: (snapshot: ProgressSnapshot) => Promise<void>,
  options: { minIntervalMs?: number; onWriteError?: (error: unknown) => void } = {},
): ThrottledProgress {
  const minIntervalMs = options.minIntervalMs ?? 200;
  let latest: ProgressSnapshot = { done: 0, total: null, message: null };
  let pending: ProgressSnapshot | undefined;
  let lastWriteAt = Number.NEGATIVE_INFINITY;
  let timer: NodeJS.Timeout | undefined;
  let writes: Promise<void> = Promise.resolve();

  function enqueueWrite(snapshot: ProgressSnapshot): Promise<void> {
    lastWriteAt = Date.now();
    writes = writes
      .then(() => write(snapshot))
      // A lost progress update must not fail the job; the next one (or the outcome) corrects it.
      .catch((error: unknown) => options.onWriteError?.(error));
    return writes;
  }

  function writePending(): void {
    timer = undefined;
    const snapshot = pending;
    pending = undefined;
    if (snapshot) void enqueueWrite(snapshot);
  }

  return {
    report(done, total, message) {
      latest = {
        done: Math.max(0, Math.round(Number.isFinite(done) ? done : 0)),
        total: total === undefined ? latest.total : Math.max(0, Math.round(total)),
        message: message === undefined ? latest.message : message,
      };
      const isFinal = latest.total !== null && latest.done >= latest.total;
      const sinceLastWrite = Date.now() - lastWriteAt;
      if (isFinal || sinceLastWrite >= minIntervalMs) {
        if (timer) clearTimeout(timer);
        timer = undefined;
        pending = undefined;
        void enqueueWrite(latest);
        return Promise.resolve();
      }
      pending = latest;
      if (!timer) {
        timer = setTimeout(writePending, minIntervalMs - sinceLastWrite);
        timer.unref();
      }
      return Promise.resolve();
    },
    async flush() {
      if (timer) clearTimeout(timer);
      writePending();
      await writes;
    },
    current: () => latest,
  };
}

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createThrottledProgress, type ProgressSnapshot } from './progress-throttle.ts';

describe('throttled progress', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('writes at most once per interval, then the latest value (trailing write)', async () => {
    const writes: ProgressSnapshot[] = [];
    const progress = createThrottledProgress(async (snapshot) => {
      writes.push(snapshot);
    });
    for (let done = 0; done < 100; done += 1) await progress.report(done, 1000, `Van ${done}`);
    await vi.advanceTimersByTimeAsync(0);
    expect(writes).toEqual([{ done: 0, total: 1000, message: 'Van 0' }]);
    await vi.advanceTimersByTimeAsync(200);
    expect(writes).toHaveLength(2);
    expect(writes[1]).toEqual({ done: 99, total: 1000, message: 'Van 99' });
    await vi.advanceTimersByTimeAsync(1000);
    expect(writes).toHaveLength(2);
  });

  it('keeps about five writes a second under a steady stream of updates', async () => {
    let writes = 0;
    const progress = createThrottledProgress(async () => {
      writes += 1;
    });
    for (let step = 0; step < 1000; step += 1) {
      await progress.report(step, 10_000);
      await vi.advanceTimersByTimeAsync(1);
    }
    expect(writes).toBeGreaterThanOrEqual(4);
    expect(writes).toBeLessThanOrEqual(6);
  });

  it('never waits for the database', async () => {
    let release!: () => void;
    const blocked = new Promise<void>((resolve) => {
      release = resolve;
    });
    const progress = createThrottledProgress(() => blocked);
    let returned = false;
    await progress.report(1, 2).then(() => {
      returned = true;
    });
    expect(returned).toBe(true);
    release();
    await progress.flush();
  });

  it('writes the final value at once and flush() writes what is pending', async () => {
    const writes: ProgressSnapshot[] = [];
    const progress = createThrottledProgress(async (snapshot) => {
      writes.push(snapshot);
    });
    await progress.report(0, 10);
    await progress.report(5);
    await progress.report(10, 10, 'Listo');
    await vi.advanceTimersByTimeAsync(0);
    expect(writes.map((w) => w.done)).toEqual([0, 10]);
    expect(writes[1]).toEqual({ done: 10, total: 10, message: 'Listo' });

    const other = createThrottledProgress(async (snapshot) => {
      writes.push(snapshot);
    });
    await other.report(1, 50);
    await other.report(7);
    await other.flush();
    expect(writes.slice(2).map((w) => w.done)).toEqual([1, 7]);
    expect(other.current()).toEqual({ done: 7, total: 50, message: null });
  });

  it('a failed write is reported and does not stop later writes', async () => {
    const errors: unknown[] = [];
    let calls = 0;
    const progress = createThrottledProgress(
      async () => {
        calls += 1;
        if (calls === 1) throw new Error('sin conexión');
      },
      { onWriteError: (error) => errors.push(error) },
    );
    await progress.report(1, 3);
    await progress.report(3, 3);
    await progress.flush();
    expect(calls).toBe(2);
    expect(errors).toHaveLength(1);
  });
});

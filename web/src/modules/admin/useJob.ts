import { useEffect } from 'react';
import { useApiGet } from '../../app/useApiGet';
import { isJobRunning } from './labels';
import type { Job } from './types';

const POLL_INTERVAL_MS = 1000;

/** Follows one background job until it finishes (or the server says we cannot see it). */
export function useJob(jobId: string | null) {
  const job = useApiGet<Job>(jobId ? `/api/v1/admin/jobs/${encodeURIComponent(jobId)}` : null);
  const { data, error, reload } = job;

  useEffect(() => {
    const finished = data !== null && !isJobRunning(data.state);
    const hopeless = error !== null && [401, 403, 404].includes(error.status);
    if (!jobId || finished || hopeless) return;
    const timer = setTimeout(reload, POLL_INTERVAL_MS);
    return () => clearTimeout(timer);
  }, [jobId, data, error, reload]);

  return job;
}

import { type ReactNode, useEffect, useRef } from 'react';
import type { ApiError } from '../../../app/api';
import { useApiGet } from '../../../app/useApiGet';
import { Alert } from '../../../platform/Alert';
import { formatDateTime } from '../../../platform/format';
import { Loading } from '../../../platform/Loading';
import { ProgressBar } from '../../../platform/ProgressBar';
import { isJobRunning, JOB_STATE_LABELS } from '../../admin/labels';
import type { OwnJob } from '../types';

const POLL_INTERVAL_MS = 1000;

interface JobStatusPanelProps {
  jobId: string;
  /** The panel's h2. */
  title: string;
  headingId: string;
  progressLabel: string;
  failureTitle: string;
  /** Called once when the job leaves the queue, whatever the outcome. */
  onFinished?: (job: OwnJob) => void;
  /** What a completed job offers (downloads, next steps). */
  whenCompleted?: (job: OwnJob) => ReactNode;
}

/**
 * Follows a job the signed-in person started until it finishes, through GET /api/v1/me/jobs/:id: no
 * jobs.read needed (someone else's job is a 404).
 */
function useOwnJob(jobId: string) {
  const job = useApiGet<OwnJob>(`/api/v1/me/jobs/${encodeURIComponent(jobId)}`);
  const { data, error, loading, reload } = job;
  useEffect(() => {
    const finished = data !== null && !isJobRunning(data.state);
    const hopeless = error !== null && [401, 403, 404].includes(error.status);
    if (loading || finished || hopeless) return;
    const timer = setTimeout(reload, POLL_INTERVAL_MS);
    return () => clearTimeout(timer);
  }, [data, error, loading, reload]);
  return job;
}

/** A background job the official just started: its state, progress and outcome. */
export function JobStatusPanel(props: JobStatusPanelProps) {
  const { data: job, error } = useOwnJob(props.jobId);
  const finishedJob = job !== null && !isJobRunning(job.state) ? job : null;
  const { onFinished } = props;
  // Told once: later renders (or a new callback identity) must not repeat it.
  const told = useRef(false);
  useEffect(() => {
    if (!finishedJob || told.current) return;
    told.current = true;
    onFinished?.(finishedJob);
  }, [finishedJob, onFinished]);

  return (
    <section className="panel" aria-labelledby={props.headingId}>
      <h2 id={props.headingId}>{props.title}</h2>
      {job ? <JobState job={job} {...props} /> : !error && <Loading label="Consultando la tarea…" />}
      {error && <JobPollError error={error} />}
    </section>
  );
}

function JobState({
  job,
  progressLabel,
  failureTitle,
  whenCompleted,
}: JobStatusPanelProps & { job: OwnJob }) {
  return (
    <>
      <p role="status">
        Estado: {JOB_STATE_LABELS[job.state] ?? job.state}.
        {job.finishedAt && ` ${endSentence(`Terminó el ${formatDateTime(job.finishedAt)}`)}`}
      </p>
      <ProgressBar
        label={progressLabel}
        done={job.done}
        total={job.total ?? 0}
        complete={job.state === 'completado'}
      />
      {job.state === 'fallido' ? (
        <Alert tone="error" title={failureTitle}>
          {job.message ?? 'La tarea no terminó. Intente de nuevo en unos minutos.'}
        </Alert>
      ) : (
        job.message && <p>{job.message}</p>
      )}
      {job.state === 'completado' && whenCompleted?.(job)}
    </>
  );
}

/** "5:00 a. m." already ends the sentence: no second period. */
export function endSentence(text: string): string {
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

function JobPollError({ error }: { error: ApiError }) {
  return <Alert tone="warning">No fue posible consultar el avance de la tarea: {error.detail}</Alert>;
}

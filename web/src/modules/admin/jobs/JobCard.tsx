import { formatDateTime } from '../../../platform/format';
import { ProgressBar } from '../../../platform/ProgressBar';
import { fileUrl, JOB_STATE_LABELS } from '../labels';
import type { Job } from '../types';

export function JobCard({ job }: { job: Job }) {
  return (
    <li className="card job">
      <div className="job__header">
        <h2 className="card__title">{job.label}</h2>
        <span className={`badge badge--${job.state}`}>{JOB_STATE_LABELS[job.state] ?? job.state}</span>
      </div>
      <ProgressBar
        label={`Progreso: ${job.label}`}
        done={job.done}
        total={job.total}
        complete={job.state === 'completado'}
      />
      {job.message && <p className="job__message">{job.message}</p>}
      <dl className="data-list data-list--compact">
        <div>
          <dt>Cola</dt>
          <dd>
            <code>{job.queue}</code>
          </dd>
        </div>
        <div>
          <dt>Creada</dt>
          <dd>{formatDateTime(job.createdAt)}</dd>
        </div>
        <div>
          <dt>Iniciada</dt>
          <dd>{formatDateTime(job.startedAt)}</dd>
        </div>
        <div>
          <dt>Terminada</dt>
          <dd>{formatDateTime(job.finishedAt)}</dd>
        </div>
      </dl>
      {job.resultFileId && (
        <a className="button button--secondary button--small" href={fileUrl(job.resultFileId)} download>
          Descargar resultado<span className="visually-hidden">: {job.label}</span>
        </a>
      )}
    </li>
  );
}

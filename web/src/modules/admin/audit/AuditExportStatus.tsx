import { Alert } from '../../../platform/Alert';
import { Loading } from '../../../platform/Loading';
import { ProgressBar } from '../../../platform/ProgressBar';
import { fileUrl, JOB_STATE_LABELS } from '../labels';
import { useJob } from '../useJob';

export function AuditExportStatus({ jobId }: { jobId: string }) {
  const { data: job, error } = useJob(jobId);

  if (!job) {
    if (error) return <Alert tone="error">{error.detail}</Alert>;
    return <Loading label="Preparando la exportación…" />;
  }

  return (
    <section className="panel" aria-labelledby="exportacion-csv">
      <h2 id="exportacion-csv">Exportación a CSV</h2>
      <p role="status">Estado: {JOB_STATE_LABELS[job.state] ?? job.state}</p>
      <ProgressBar
        label="Progreso de la exportación"
        done={job.done}
        total={job.total}
        complete={job.state === 'completado'}
      />
      {job.message && <p>{job.message}</p>}
      {job.state === 'completado' && job.resultFileId && (
        <p>
          <a className="button" href={fileUrl(job.resultFileId)} download>
            Descargar CSV
          </a>
        </p>
      )}
      {job.state === 'fallido' && (
        <Alert tone="error" title="La exportación falló">
          {job.message ?? 'Intente de nuevo en unos minutos.'}
        </Alert>
      )}
      {error && <Alert tone="warning">No fue posible actualizar el progreso: {error.detail}</Alert>}
    </section>
  );
}

import { useEffect } from 'react';
import { useSearchParams } from 'react-router-dom';
import { withQuery } from '../../../app/api';
import type { Paged } from '../../../app/types';
import { useApiGet } from '../../../app/useApiGet';
import { Alert } from '../../../platform/Alert';
import { Loading } from '../../../platform/Loading';
import { Page } from '../../../platform/Page';
import { Pagination } from '../../../platform/Pagination';
import { isJobRunning, PAGE_SIZE, pageFrom } from '../labels';
import type { Job } from '../types';
import { JobCard } from './JobCard';

const REFRESH_INTERVAL_MS = 2000;

export function JobsPage() {
  const [searchParams, setSearchParams] = useSearchParams();
  const page = pageFrom(searchParams.get('page'));
  const { data, error, loading, reload } = useApiGet<Paged<Job>>(withQuery('/api/v1/admin/jobs', { page }));
  const anyRunning = data?.items.some((job) => isJobRunning(job.state)) ?? false;

  // Refresh every 2 s only while something is queued or running.
  useEffect(() => {
    if (!anyRunning) return;
    const timer = setInterval(reload, REFRESH_INTERVAL_MS);
    return () => clearInterval(timer);
  }, [anyRunning, reload]);

  return (
    <Page title="Tareas en segundo plano" lead="Procesos largos, como exportaciones y envíos, y su avance.">
      <p className="muted" role="status">
        {anyRunning ? 'Hay tareas en curso: la lista se actualiza cada 2 segundos.' : ''}
      </p>
      {error && <Alert tone="error">{error.detail}</Alert>}
      {loading && !data && <Loading label="Cargando tareas…" />}
      {data && data.items.length === 0 && <p>No hay tareas registradas.</p>}
      {data && data.items.length > 0 && (
        <>
          <ul className="card-list">
            {data.items.map((job) => (
              <JobCard key={job.id} job={job} />
            ))}
          </ul>
          <Pagination
            page={page}
            pageSize={data.pageSize ?? PAGE_SIZE}
            total={data.total}
            onPageChange={(next) => setSearchParams(next > 1 ? { page: String(next) } : {})}
          />
        </>
      )}
    </Page>
  );
}

import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { api, toApiError, withQuery } from '../../../app/api';
import type { Paged } from '../../../app/types';
import { useApiGet } from '../../../app/useApiGet';
import { Alert } from '../../../platform/Alert';
import { Loading } from '../../../platform/Loading';
import { Page } from '../../../platform/Page';
import { Pagination } from '../../../platform/Pagination';
import { PAGE_SIZE, pageFrom } from '../labels';
import type { AuditEntry } from '../types';
import { AuditExportStatus } from './AuditExportStatus';
import { AuditFilterForm } from './AuditFilterForm';
import { AuditTable } from './AuditTable';
import { type AuditFilters, activeFilters, filtersFrom } from './filters';

export function AuditPage() {
  const [searchParams, setSearchParams] = useSearchParams();
  const filters = filtersFrom(searchParams);
  const page = pageFrom(searchParams.get('page'));
  const [exportJobId, setExportJobId] = useState<string | null>(null);
  const [exportError, setExportError] = useState<string | null>(null);
  const [exportStarting, setExportStarting] = useState(false);

  const list = useApiGet<Paged<AuditEntry>>(
    withQuery('/api/v1/admin/audit', { ...activeFilters(filters), page, pageSize: PAGE_SIZE }),
  );

  const search = (next: AuditFilters, nextPage = 1) => {
    const params: Record<string, string> = { ...activeFilters(next) };
    if (nextPage > 1) params.page = String(nextPage);
    setSearchParams(params);
  };

  const startExport = async (next: AuditFilters) => {
    search(next);
    setExportError(null);
    setExportJobId(null);
    setExportStarting(true);
    try {
      const { jobId } = await api.post<{ jobId: string }>('/api/v1/admin/audit/exports', activeFilters(next));
      setExportJobId(jobId);
    } catch (error) {
      setExportError(toApiError(error).detail);
    } finally {
      setExportStarting(false);
    }
  };

  return (
    <Page
      title="Auditoría"
      lead="Registro de las acciones realizadas en la plataforma. Las fechas se filtran en hora de Colombia."
    >
      <AuditFilterForm
        initial={filters}
        exporting={exportStarting}
        onSearch={search}
        onExport={startExport}
      />
      {exportError && (
        <Alert tone="error" title="No fue posible iniciar la exportación">
          {exportError}
        </Alert>
      )}
      {exportJobId && <AuditExportStatus key={exportJobId} jobId={exportJobId} />}
      <h2>Resultados</h2>
      {list.error && <Alert tone="error">{list.error.detail}</Alert>}
      {list.loading && !list.data && <Loading label="Cargando registros…" />}
      {list.data && list.data.items.length === 0 && <p>No hay registros con esos criterios.</p>}
      {list.data && list.data.items.length > 0 && (
        <>
          <AuditTable entries={list.data.items} />
          <Pagination
            page={page}
            pageSize={list.data.pageSize ?? PAGE_SIZE}
            total={list.data.total}
            onPageChange={(next) => search(filters, next)}
          />
        </>
      )}
    </Page>
  );
}

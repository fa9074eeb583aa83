import { useSearchParams } from 'react-router-dom';
import { withQuery } from '../../../app/api';
import type { Paged } from '../../../app/types';
import { useApiGet } from '../../../app/useApiGet';
import { Alert } from '../../../platform/Alert';
import { Loading } from '../../../platform/Loading';
import { Page } from '../../../platform/Page';
import { Pagination } from '../../../platform/Pagination';
import { PAGE_SIZE, pageFrom } from '../labels';
import type { OutboxMessage } from '../types';
import { OutboxFilterForm, type OutboxFilters } from './OutboxFilterForm';
import { OutboxTable } from './OutboxTable';

export function OutboxPage() {
  const [searchParams, setSearchParams] = useSearchParams();
  const filters: OutboxFilters = {
    status: searchParams.get('status') ?? '',
    channel: searchParams.get('channel') ?? '',
  };
  const page = pageFrom(searchParams.get('page'));
  const { data, error, loading } = useApiGet<Paged<OutboxMessage>>(
    withQuery('/api/v1/admin/outbox', { ...filters, page }),
  );

  const apply = (next: OutboxFilters, nextPage = 1) => {
    const params: Record<string, string> = {};
    if (next.status) params.status = next.status;
    if (next.channel) params.channel = next.channel;
    if (nextPage > 1) params.page = String(nextPage);
    setSearchParams(params);
  };

  return (
    <Page title="Notificaciones" lead="Bandeja de salida de correos electrónicos y mensajes de texto.">
      <OutboxFilterForm filters={filters} onChange={apply} />
      {error && <Alert tone="error">{error.detail}</Alert>}
      {loading && !data && <Loading label="Cargando notificaciones…" />}
      {data && data.items.length === 0 && <p>No hay notificaciones con esos criterios.</p>}
      {data && data.items.length > 0 && (
        <>
          <OutboxTable messages={data.items} />
          <Pagination
            page={page}
            pageSize={data.pageSize ?? PAGE_SIZE}
            total={data.total}
            onPageChange={(next) => apply(filters, next)}
          />
        </>
      )}
    </Page>
  );
}

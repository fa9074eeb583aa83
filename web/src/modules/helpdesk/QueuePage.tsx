import { useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { api, toApiError, withQuery } from '../../app/api';
import { hasPermission, useAuth } from '../../app/auth';
import { useApiGet } from '../../app/useApiGet';
import { Alert } from '../../platform/Alert';
import { formatDateTime, formatNumber } from '../../platform/format';
import { Loading } from '../../platform/Loading';
import { Page } from '../../platform/Page';
import { TableScroll } from '../../platform/TableScroll';
import { DUE_BADGES, HELPDESK_API, HELPDESK_BASE, HELPDESK_PERMISSIONS } from './labels';
import type { QueueCounts, QueueItem, QueuePage as QueuePageData } from './types';
import './helpdesk.css';

const PAGE_SIZE = 25;
type View = 'mios' | 'todos';
type Filter = '' | 'vencido' | 'vence_hoy' | 'por_vencer' | 'en_termino' | 'pausado';

const TABS: { filter: Filter; label: string; count: keyof QueueCounts }[] = [
  { filter: '', label: 'Todos', count: 'total' },
  { filter: 'vencido', label: 'Vencidos', count: 'vencido' },
  { filter: 'vence_hoy', label: 'Vencen hoy', count: 'vence_hoy' },
  { filter: 'por_vencer', label: 'Por vencer', count: 'por_vencer' },
  { filter: 'en_termino', label: 'En término', count: 'en_termino' },
  { filter: 'pausado', label: 'En pausa', count: 'pausado' },
];

const VIEW_LABELS: Record<View, string> = { mios: 'Asignados a mí', todos: 'Toda la mesa de ayuda' };

/** /admin/mesa-de-ayuda/cola: the technicians' queue, soonest due first, with the due filters and counts. */
export function QueuePage() {
  const { user } = useAuth();
  const coordinator = hasPermission(user, HELPDESK_PERMISSIONS.assign);
  const [searchParams, setSearchParams] = useSearchParams();
  const view = (searchParams.get('vista') as View | null) ?? (coordinator ? 'todos' : 'mios');
  const filter = (searchParams.get('filtro') ?? '') as Filter;
  const path = withQuery(`${HELPDESK_API}/cola`, { vista: view, categoria: filter, limite: PAGE_SIZE });
  const first = useApiGet<QueuePageData>(path);
  const [more, setMore] = useState<{ path: string; items: QueueItem[]; next: string | null } | null>(null);
  const [moreError, setMoreError] = useState<string | null>(null);
  const extra = more?.path === path ? more : null;
  const items = [...(first.data?.items ?? []), ...(extra?.items ?? [])];
  const next = extra ? extra.next : (first.data?.next ?? null);
  const counts = first.data?.counts;

  const loadMore = async () => {
    if (!next) return;
    setMoreError(null);
    try {
      const page = await api.get<QueuePageData>(withQuery(path, { cursor: next }));
      setMore({ path, items: [...(extra?.items ?? []), ...page.items], next: page.next });
    } catch (error) {
      setMoreError(toApiError(error).detail);
    }
  };

  const link = (changes: { vista?: View; filtro?: Filter }) => {
    const params = new URLSearchParams({ vista: changes.vista ?? view });
    const nextFilter = changes.filtro ?? filter;
    if (nextFilter) params.set('filtro', nextFilter);
    return `?${params.toString()}`;
  };
  const activeTab = TABS.find((tab) => tab.filter === filter) ?? TABS[0]!;

  return (
    <Page
      title="Cola de la mesa de ayuda"
      lead="Los tickets abiertos, el que vence primero arriba. Los tiempos corren en horas hábiles y se detienen mientras el ticket espera al solicitante."
    >
      <div className="quick-actions">
        <Link className="button button--secondary" to={HELPDESK_BASE}>
          Mis tickets
        </Link>
        {hasPermission(user, HELPDESK_PERMISSIONS.reports) && (
          <Link className="button button--secondary" to={`${HELPDESK_BASE}/informes`}>
            Informes
          </Link>
        )}
      </div>
      <nav aria-label="Qué tickets ver">
        <ul className="filter-tabs">
          {(['mios', 'todos'] as View[]).map((value) => (
            <li key={value}>
              <Link
                to={link({ vista: value })}
                aria-current={value === view ? 'page' : undefined}
                onClick={(event) => {
                  event.preventDefault();
                  setSearchParams(new URLSearchParams(link({ vista: value }).slice(1)));
                }}
              >
                {VIEW_LABELS[value]}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <nav aria-label="Filtrar por vencimiento">
        <ul className="filter-tabs">
          {TABS.map((tab) => (
            <li key={tab.count}>
              <Link
                to={link({ filtro: tab.filter })}
                aria-current={tab.filter === filter ? 'page' : undefined}
                onClick={(event) => {
                  event.preventDefault();
                  setSearchParams(new URLSearchParams(link({ filtro: tab.filter }).slice(1)));
                }}
              >
                {tab.label}{' '}
                <span className="tab-count">
                  {counts ? formatNumber(counts[tab.count]) : '…'}
                  <span className="visually-hidden"> tickets</span>
                </span>
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {first.loading && !first.data && <Loading label="Cargando la cola…" />}
      {first.error && <Alert tone="error">{first.error.detail}</Alert>}
      {first.data && items.length === 0 && (
        <p>No hay tickets {filter ? `en «${activeTab.label.toLowerCase()}»` : 'abiertos'} en esta vista.</p>
      )}
      {items.length > 0 && (
        <TableScroll label={`Tickets: ${VIEW_LABELS[view].toLowerCase()}, ${activeTab.label.toLowerCase()}`}>
          <table className="table">
            <caption className="visually-hidden">Tickets de la cola, el que vence primero arriba</caption>
            <thead>
              <tr>
                <th scope="col">Ticket</th>
                <th scope="col">Vence</th>
                <th scope="col">Prioridad</th>
                <th scope="col">Estado</th>
                <th scope="col">Dependencia</th>
                <th scope="col">Técnico</th>
              </tr>
            </thead>
            <tbody>
              {items.map((item) => (
                <tr key={item.id}>
                  <th scope="row">
                    <Link to={`${HELPDESK_BASE}/tickets/${item.id}`}>{item.number}</Link>
                    <br />
                    <span className="muted">{item.subject}</span>
                  </th>
                  <td>
                    <span className={DUE_BADGES[item.dueCategory]}>{item.dueCategoryLabel}</span>
                    <br />
                    <span className="cell--nowrap">{formatDateTime(item.dueAt)}</span>
                  </td>
                  <td>{item.priorityLabel}</td>
                  <td>{item.stateLabel}</td>
                  <td>{item.dependencia ?? '—'}</td>
                  <td>{item.assignee ?? 'Sin asignar'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      {moreError && <Alert tone="error">{moreError}</Alert>}
      {next && (
        <p>
          <button type="button" className="button button--secondary" onClick={() => void loadMore()}>
            Ver más tickets
          </button>
        </p>
      )}
    </Page>
  );
}

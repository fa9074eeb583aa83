import { Link, useSearchParams } from 'react-router-dom';
import { withQuery } from '../../app/api';
import { hasPermission, useAuth } from '../../app/auth';
import type { Paged } from '../../app/types';
import { useApiGet } from '../../app/useApiGet';
import { Alert } from '../../platform/Alert';
import { formatDateTime } from '../../platform/format';
import { Loading } from '../../platform/Loading';
import { Page } from '../../platform/Page';
import { Pagination } from '../../platform/Pagination';
import { HELPDESK_API, HELPDESK_BASE, HELPDESK_PERMISSIONS, stateBadge } from './labels';
import type { MyTicket } from './types';
import './helpdesk.css';

type Status = 'abiertos' | 'cerrados' | 'todos';
const STATUS_TABS: { value: Status; label: string }[] = [
  { value: 'abiertos', label: 'Abiertos' },
  { value: 'cerrados', label: 'Cerrados' },
  { value: 'todos', label: 'Todos' },
];
const PAGE_SIZE = 20;

function TicketCard({ ticket }: { ticket: MyTicket }) {
  return (
    <li className="card">
      <div className="card-head">
        <h2 className="card__title">
          <Link to={`${HELPDESK_BASE}/tickets/${ticket.id}`}>{ticket.number}</Link>
        </h2>
        <span className={stateBadge(ticket.state)}>{ticket.stateLabel}</span>
      </div>
      <p>{ticket.subject}</p>
      {ticket.needsYou && !ticket.closed && (
        <p>
          <strong>
            {ticket.state === 'resuelto'
              ? 'Confirme la solución o reabra el ticket.'
              : 'El técnico espera su respuesta.'}
          </strong>
        </p>
      )}
      <dl className="data-list data-list--compact">
        <div>
          <dt>Categoría</dt>
          <dd>{ticket.categoryLabel}</dd>
        </div>
        <div>
          <dt>Prioridad</dt>
          <dd>{ticket.priorityLabel}</dd>
        </div>
        <div>
          <dt>Técnico</dt>
          <dd>{ticket.assignee ?? 'Sin asignar todavía'}</dd>
        </div>
        <div>
          <dt>Abierto</dt>
          <dd>{formatDateTime(ticket.openedAt)}</dd>
        </div>
      </dl>
    </li>
  );
}

/** /admin/mesa-de-ayuda: the official's own tickets (every official, whatever their roles). */
export function MyTicketsPage() {
  const { user } = useAuth();
  const [searchParams, setSearchParams] = useSearchParams();
  const status = (searchParams.get('estado') as Status | null) ?? 'abiertos';
  const page = Number(searchParams.get('pagina') ?? '1') || 1;
  const list = useApiGet<Paged<MyTicket>>(
    withQuery(`${HELPDESK_API}/tickets`, { estado: status, page, pageSize: PAGE_SIZE }),
  );
  const staff = hasPermission(user, HELPDESK_PERMISSIONS.work);
  const reports = hasPermission(user, HELPDESK_PERMISSIONS.reports);

  return (
    <Page
      title="Mesa de ayuda"
      heading="Mesa de ayuda: mis tickets"
      lead="Pida soporte a la Oficina TIC y siga sus solicitudes: equipos, red, telefonía, sistemas de información, cuentas y permisos."
    >
      <div className="quick-actions">
        <Link className="button" to={`${HELPDESK_BASE}/nuevo`}>
          Abrir un ticket
        </Link>
        {staff && (
          <Link className="button button--secondary" to={`${HELPDESK_BASE}/cola`}>
            Cola de la Oficina TIC
          </Link>
        )}
        {reports && (
          <Link className="button button--secondary" to={`${HELPDESK_BASE}/informes`}>
            Informes
          </Link>
        )}
      </div>
      <nav aria-label="Estado de los tickets">
        <ul className="filter-tabs">
          {STATUS_TABS.map((tab) => (
            <li key={tab.value}>
              <Link
                to={`?estado=${tab.value}`}
                aria-current={tab.value === status ? 'page' : undefined}
                onClick={(event) => {
                  event.preventDefault();
                  setSearchParams({ estado: tab.value });
                }}
              >
                {tab.label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {list.loading && !list.data && <Loading label="Cargando sus tickets…" />}
      {list.error && <Alert tone="error">{list.error.detail}</Alert>}
      {list.data && list.data.items.length === 0 && (
        <p>
          {status === 'abiertos'
            ? 'No tiene tickets abiertos.'
            : status === 'cerrados'
              ? 'No tiene tickets cerrados.'
              : 'Todavía no ha abierto tickets.'}
        </p>
      )}
      {list.data && list.data.items.length > 0 && (
        <>
          <ul className="card-list" aria-label="Sus tickets">
            {list.data.items.map((ticket) => (
              <TicketCard key={ticket.id} ticket={ticket} />
            ))}
          </ul>
          <Pagination
            page={page}
            pageSize={PAGE_SIZE}
            total={list.data.total}
            onPageChange={(next) => setSearchParams({ estado: status, pagina: String(next) })}
          />
        </>
      )}
    </Page>
  );
}

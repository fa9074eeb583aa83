import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useAuth } from '../../app/auth';
import { useApiGet } from '../../app/useApiGet';
import { Alert } from '../../platform/Alert';
import { Loading } from '../../platform/Loading';
import { Page } from '../../platform/Page';
import { API, DUE_BADGES, DUE_LABELS, formatDay, PUBLIC_BASE } from './labels';
import { PublicRequestView } from './PublicRequestView';
import type { PublicView } from './types';
import './pqrsd.css';

/** /pqrsd/mias: the signed-in citizen's requests, newest first, each with its detail. */
export function MyPqrsdPage() {
  const { user } = useAuth();
  const mine = useApiGet<{ items: PublicView[] }>(`${API}/mias`);
  // Views updated on this page (information sent) replace the loaded ones.
  const [updated, setUpdated] = useState<Record<string, PublicView>>({});
  const items = (mine.data?.items ?? []).map((item) => updated[item.radicado] ?? item);

  return (
    <Page
      title="Mis PQRSD"
      lead="Las peticiones, quejas, reclamos, sugerencias y denuncias que radicó con su cuenta."
    >
      <div className="quick-actions">
        <Link className="button" to={`${PUBLIC_BASE}/radicar`}>
          Radicar una PQRSD
        </Link>
        <Link className="button button--secondary" to={`${PUBLIC_BASE}/consultar`}>
          Consultar con un radicado
        </Link>
      </div>
      {mine.loading && !mine.data && <Loading label="Cargando sus solicitudes…" />}
      {mine.error && <Alert tone="error">{mine.error.detail}</Alert>}
      {mine.data && items.length === 0 && (
        <p>
          No tiene solicitudes radicadas con su cuenta. Las que presentó sin ingresar se consultan con el
          radicado en <Link to={`${PUBLIC_BASE}/consultar`}>Consultar PQRSD</Link>.
        </p>
      )}
      {items.length > 0 && (
        <ul className="card-list">
          {items.map((item) => (
            <li key={item.radicado} className="card">
              <div className="card-head">
                <h2 className="card__title">{item.radicado}</h2>
                {item.closed ? (
                  <span className="badge">{item.stateLabel}</span>
                ) : (
                  <span className={DUE_BADGES[item.dueCategory]}>{DUE_LABELS[item.dueCategory]}</span>
                )}
              </div>
              <p>{item.subject}</p>
              <dl className="data-list data-list--compact">
                <div>
                  <dt>Estado</dt>
                  <dd>{item.stateLabel}</dd>
                </div>
                <div>
                  <dt>Tipo</dt>
                  <dd>{item.typeLabel}</dd>
                </div>
                <div>
                  <dt>{item.closed ? 'Radicada' : 'Responder a más tardar'}</dt>
                  <dd>{formatDay(item.closed ? item.filedOn : item.dueOn)}</dd>
                </div>
              </dl>
              <details>
                <summary>Ver el detalle y el historial</summary>
                <PublicRequestView
                  view={item}
                  secret={user?.documentNumber ?? ''}
                  headingLevel={3}
                  onUpdated={(view) => setUpdated((current) => ({ ...current, [view.radicado]: view }))}
                />
              </details>
            </li>
          ))}
        </ul>
      )}
    </Page>
  );
}

import { useState } from 'react';
import { useApiGet } from '../../../app/useApiGet';
import { Alert } from '../../../platform/Alert';
import { formatDateTime, formatMoney } from '../../../platform/format';
import { Loading } from '../../../platform/Loading';
import { Page } from '../../../platform/Page';
import { conceptLabel } from '../labels';
import type { Amendment } from '../types';
import { DecisionForm } from './DecisionForm';

function AmendmentCard({
  amendment,
  onDecided,
}: {
  amendment: Amendment;
  onDecided: (approved: boolean) => void;
}) {
  const subject = `el ajuste de ${conceptLabel(amendment.concept)} ${amendment.vigencia} del predio ${amendment.numeroPredial ?? ''}`;
  return (
    <li className="card">
      <h2 className="card__title">
        {conceptLabel(amendment.concept)} {amendment.vigencia}
      </h2>
      <dl className="data-list data-list--compact">
        <div>
          <dt>Predio</dt>
          <dd className="cell--break">{amendment.numeroPredial ?? '—'}</dd>
        </div>
        <div>
          <dt>Valor actual</dt>
          <dd>{formatMoney(amendment.previousAmount)}</dd>
        </div>
        <div>
          <dt>Valor propuesto</dt>
          <dd>
            <strong>{formatMoney(amendment.newAmount)}</strong>
          </dd>
        </div>
        <div>
          <dt>Motivo</dt>
          <dd>{amendment.reason}</dd>
        </div>
        <div>
          <dt>Origen</dt>
          <dd>{amendment.origin}</dd>
        </div>
        <div>
          <dt>Propuesto</dt>
          <dd>{formatDateTime(amendment.createdAt)}</dd>
        </div>
      </dl>
      <DecisionForm
        path={`/api/v1/predial/admin/ajustes/${encodeURIComponent(amendment.id)}/decision`}
        subject={subject}
        onDecided={onDecided}
      />
    </li>
  );
}

export function AmendmentsPage() {
  const list = useApiGet<{ items: Amendment[] }>('/api/v1/predial/admin/ajustes?estado=pendiente');
  const [message, setMessage] = useState<string | null>(null);
  return (
    <Page
      title="Ajustes pendientes"
      lead="Cambios a lo que debe un predio propuestos por un funcionario; otro funcionario los aprueba o rechaza."
    >
      {message && <Alert tone="success">{message}</Alert>}
      {list.loading && !list.data && <Loading label="Cargando los ajustes…" />}
      {list.error && <Alert tone="error">{list.error.detail}</Alert>}
      {list.data && list.data.items.length === 0 && <p>No hay ajustes pendientes de decisión.</p>}
      {list.data && list.data.items.length > 0 && (
        <ul className="card-list">
          {list.data.items.map((amendment) => (
            <AmendmentCard
              key={amendment.id}
              amendment={amendment}
              onDecided={(approved) => {
                setMessage(
                  `Ajuste ${approved ? 'aprobado' : 'rechazado'}: ${conceptLabel(amendment.concept)} ${amendment.vigencia}.`,
                );
                list.reload();
              }}
            />
          ))}
        </ul>
      )}
    </Page>
  );
}

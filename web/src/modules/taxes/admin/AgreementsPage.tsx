import { useState } from 'react';
import { withQuery } from '../../../app/api';
import { useApiGet } from '../../../app/useApiGet';
import { Alert } from '../../../platform/Alert';
import { SelectField } from '../../../platform/fields';
import { formatDateTime, formatMoney } from '../../../platform/format';
import { Loading } from '../../../platform/Loading';
import { Page } from '../../../platform/Page';
import { TableScroll } from '../../../platform/TableScroll';
import { AGREEMENT_STATE_BADGES, AGREEMENT_STATE_LABELS, formatShortDay } from '../labels';
import type { Agreement, AgreementState } from '../types';
import { DecisionForm } from './DecisionForm';

const STATES: AgreementState[] = ['solicitado', 'vigente', 'rechazado', 'cumplido', 'incumplido'];

function AgreementCard({
  agreement,
  onDecided,
}: {
  agreement: Agreement;
  onDecided: (approved: boolean) => void;
}) {
  return (
    <li className="card">
      <h2 className="card__title">
        Acuerdo {agreement.number}{' '}
        <span className={`badge ${AGREEMENT_STATE_BADGES[agreement.state]}`}>
          {AGREEMENT_STATE_LABELS[agreement.state]}
        </span>
      </h2>
      <dl className="data-list data-list--compact">
        <div>
          <dt>Predio</dt>
          <dd className="cell--break">{agreement.numeroPredial ?? '—'}</dd>
        </div>
        <div>
          <dt>Plan</dt>
          <dd>{agreement.planLabel}</dd>
        </div>
        <div>
          <dt>Total</dt>
          <dd>
            {formatMoney(agreement.total)}
            {agreement.interestFree ? ' (sin intereses de mora)' : ''}
          </dd>
        </div>
        <div>
          <dt>Solicitado</dt>
          <dd>{formatDateTime(agreement.createdAt)}</dd>
        </div>
        {agreement.decisionNote && (
          <div>
            <dt>Nota de la decisión</dt>
            <dd>{agreement.decisionNote}</dd>
          </div>
        )}
      </dl>
      <details>
        <summary>
          Ver las {agreement.instalments.length} cuotas
          <span className="visually-hidden"> del acuerdo {agreement.number}</span>
        </summary>
        <TableScroll label={`Cuotas del acuerdo ${agreement.number}`}>
          <table className="table table--numbers">
            <thead>
              <tr>
                <th scope="col">Cuota</th>
                <th scope="col">Vence</th>
                <th scope="col">Valor</th>
                <th scope="col">Pagado</th>
              </tr>
            </thead>
            <tbody>
              {agreement.instalments.map((instalment) => (
                <tr key={instalment.number}>
                  <th scope="row">{instalment.number}</th>
                  <td className="cell--nowrap">{formatShortDay(instalment.dueDate)}</td>
                  <td className="cell--money">{formatMoney(instalment.amount)}</td>
                  <td className="cell--money">{formatMoney(instalment.paid)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      </details>
      {agreement.state === 'solicitado' && (
        <DecisionForm
          path={`/api/v1/predial/admin/acuerdos/${encodeURIComponent(agreement.id)}/decision`}
          subject={`el acuerdo ${agreement.number}`}
          onDecided={onDecided}
        />
      )}
    </li>
  );
}

export function AgreementsPage() {
  const [state, setState] = useState<AgreementState>('solicitado');
  const list = useApiGet<{ items: Agreement[] }>(
    withQuery('/api/v1/predial/admin/acuerdos', { estado: state }),
  );
  const [message, setMessage] = useState<string | null>(null);
  return (
    <Page
      title="Acuerdos de pago"
      lead="Solicitudes de pago por cuotas de los contribuyentes: apruébelas o recháchelas con una nota."
    >
      <div className="form">
        <SelectField
          label="Estado"
          name="estado"
          value={state}
          onChange={(event) => setState(event.target.value as AgreementState)}
          options={STATES.map((value) => ({ value, label: AGREEMENT_STATE_LABELS[value] }))}
        />
      </div>
      {message && <Alert tone="success">{message}</Alert>}
      {list.loading && !list.data && <Loading label="Cargando los acuerdos…" />}
      {list.error && <Alert tone="error">{list.error.detail}</Alert>}
      {list.data && list.data.items.length === 0 && <p>No hay acuerdos en ese estado.</p>}
      {list.data && list.data.items.length > 0 && (
        <ul className="card-list">
          {list.data.items.map((agreement) => (
            <AgreementCard
              key={agreement.id}
              agreement={agreement}
              onDecided={(approved) => {
                setMessage(`Acuerdo ${agreement.number} ${approved ? 'aprobado' : 'rechazado'}.`);
                list.reload();
              }}
            />
          ))}
        </ul>
      )}
    </Page>
  );
}

import { type FormEvent, useState } from 'react';
import { Link } from 'react-router-dom';
import { api } from '../../app/api';
import { useApiGet } from '../../app/useApiGet';
import { useFormSubmit } from '../../app/useFormSubmit';
import { Alert } from '../../platform/Alert';
import { FormErrorSummary, SelectField } from '../../platform/fields';
import { formatDateTime, formatMoney } from '../../platform/format';
import { Loading } from '../../platform/Loading';
import { TableScroll } from '../../platform/TableScroll';
import { BillPanel } from './BillPanel';
import { AGREEMENT_STATE_BADGES, AGREEMENT_STATE_LABELS, billPath, formatShortDay } from './labels';
import { readably } from './problems';
import type { Agreement, AgreementOffer, Bill, Instalment } from './types';

function InstalmentsTable({ label, instalments }: { label: string; instalments: Instalment[] }) {
  return (
    <TableScroll label={label}>
      <table className="table table--numbers">
        <thead>
          <tr>
            <th scope="col">Cuota</th>
            <th scope="col">Vence</th>
            <th scope="col">Valor</th>
          </tr>
        </thead>
        <tbody>
          {instalments.map((instalment) => (
            <tr key={instalment.number}>
              <th scope="row">{instalment.number}</th>
              <td>{formatShortDay(instalment.dueDate)}</td>
              <td className="cell--money">{formatMoney(instalment.amount)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

function InstalmentBillButton({
  agreement,
  number,
  onIssued,
}: {
  agreement: Agreement;
  number: number;
  onIssued: (bill: Bill) => void;
}) {
  const { formRef, pending, errors, submit } = useFormSubmit();
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void submit(async () =>
      onIssued(
        await readably(() =>
          api.post<Bill>(
            `/api/v1/predial/acuerdos/${encodeURIComponent(agreement.id)}/cuotas/${number}/factura`,
          ),
        ),
      ),
    );
  };
  return (
    <form ref={formRef} noValidate onSubmit={onSubmit}>
      <FormErrorSummary message={errors.summary} />
      <button type="submit" className="button button--small" disabled={pending}>
        Generar factura<span className="visually-hidden"> de la cuota {number}</span>
      </button>
    </form>
  );
}

function AgreementCard({ agreement, onIssued }: { agreement: Agreement; onIssued: (bill: Bill) => void }) {
  return (
    <li className="card">
      <h3 className="card__title">
        Acuerdo {agreement.number}{' '}
        <span className={`badge ${AGREEMENT_STATE_BADGES[agreement.state]}`}>
          {AGREEMENT_STATE_LABELS[agreement.state]}
        </span>
      </h3>
      <dl className="data-list data-list--compact">
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
        {agreement.decidedAt && (
          <div>
            <dt>Decidido</dt>
            <dd>{formatDateTime(agreement.decidedAt)}</dd>
          </div>
        )}
        {agreement.decisionNote && (
          <div>
            <dt>Observación</dt>
            <dd>{agreement.decisionNote}</dd>
          </div>
        )}
      </dl>
      {agreement.state === 'solicitado' && (
        <p>La Secretaría de Hacienda estudia su solicitud. Le avisaremos por correo cuando la decida.</p>
      )}
      <TableScroll label={`Cuotas del acuerdo ${agreement.number}`}>
        <table className="table table--numbers">
          <thead>
            <tr>
              <th scope="col">Cuota</th>
              <th scope="col">Vence</th>
              <th scope="col">Valor</th>
              <th scope="col">Pagado</th>
              <th scope="col">Factura</th>
            </tr>
          </thead>
          <tbody>
            {agreement.instalments.map((instalment) => (
              <tr key={instalment.number}>
                <th scope="row">{instalment.number}</th>
                <td className="cell--nowrap">{formatShortDay(instalment.dueDate)}</td>
                <td className="cell--money">{formatMoney(instalment.amount)}</td>
                <td className="cell--money">{formatMoney(instalment.paid)}</td>
                <td>
                  {instalment.billReference ? (
                    <Link to={billPath(instalment.billReference)}>
                      Ver factura<span className="visually-hidden"> de la cuota {instalment.number}</span>
                    </Link>
                  ) : agreement.state === 'vigente' && instalment.paid < instalment.amount ? (
                    <InstalmentBillButton
                      agreement={agreement}
                      number={instalment.number}
                      onIssued={onIssued}
                    />
                  ) : (
                    '—'
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </li>
  );
}

function OfferForm({
  predioId,
  offers,
  onRequested,
}: {
  predioId: string;
  offers: AgreementOffer[];
  onRequested: (agreement: Agreement) => void;
}) {
  const [planId, setPlanId] = useState(offers[0]?.planId ?? '');
  const offer = offers.find((candidate) => candidate.planId === planId);
  const [cuotas, setCuotas] = useState(String(offer?.instalments.length ?? 1));
  const { formRef, pending, errors, submit, rejectIfInvalid } = useFormSubmit();

  const choosePlan = (next: string) => {
    setPlanId(next);
    const chosen = offers.find((candidate) => candidate.planId === next);
    setCuotas(String(chosen?.instalments.length ?? 1));
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (rejectIfInvalid(offer ? {} : { planId: 'Elija un plan de pago.' })) return;
    void submit(async () => {
      const agreement = await readably(() =>
        api.post<Agreement>(`/api/v1/predial/predios/${encodeURIComponent(predioId)}/acuerdos`, {
          planId,
          cuotas: Number(cuotas),
        }),
      );
      onRequested(agreement);
    });
  };

  return (
    <form ref={formRef} className="form" noValidate onSubmit={onSubmit}>
      <FormErrorSummary message={errors.summary} />
      <fieldset className="fieldset" aria-describedby={errors.fields.planId ? 'plan-error' : undefined}>
        <legend className="field__label">Plan de pago</legend>
        {errors.fields.planId && (
          <p id="plan-error" className="field__error">
            <span className="visually-hidden">Error: </span>
            {errors.fields.planId}
          </p>
        )}
        {offers.map((candidate) => (
          <div className="checkbox" key={candidate.planId}>
            <input
              type="radio"
              className="checkbox__input"
              id={`plan-${candidate.planId}`}
              name="planId"
              value={candidate.planId}
              checked={planId === candidate.planId}
              onChange={() => choosePlan(candidate.planId)}
            />
            <label className="checkbox__label" htmlFor={`plan-${candidate.planId}`}>
              <strong>{candidate.label}</strong>: {formatMoney(candidate.total)}, vigencias{' '}
              {candidate.vigencias.join(', ')}
              {candidate.interestWaived ? ', sin intereses de mora' : ''}; hasta {candidate.maxInstalments}{' '}
              {candidate.maxInstalments === 1 ? 'cuota' : 'cuotas'}.
            </label>
          </div>
        ))}
      </fieldset>
      {offer && offer.maxInstalments > 1 && (
        <SelectField
          label="Número de cuotas"
          name="cuotas"
          value={cuotas}
          onChange={(event) => setCuotas(event.target.value)}
          options={Array.from({ length: offer.maxInstalments }, (_, index) => ({
            value: String(index + 1),
            label: String(index + 1),
          }))}
          error={errors.fields.cuotas}
        />
      )}
      {offer && (
        <>
          <p>
            Cuotas propuestas para este plan (el valor de cada cuota se ajusta al número de cuotas que elija):
          </p>
          <InstalmentsTable label={`Cuotas propuestas: ${offer.label}`} instalments={offer.instalments} />
        </>
      )}
      <div className="form__actions">
        <button type="submit" className="button" disabled={pending}>
          {pending ? 'Enviando la solicitud…' : 'Solicitar acuerdo de pago'}
        </button>
      </div>
    </form>
  );
}

/** Paying the debt in instalments: the plans on offer, the request, and each agreement with its instalments. */
export function AgreementSection({ predioId, owes }: { predioId: string; owes: boolean }) {
  const base = `/api/v1/predial/predios/${encodeURIComponent(predioId)}/acuerdos`;
  const agreements = useApiGet<{ items: Agreement[] }>(base);
  const offers = useApiGet<{ items: AgreementOffer[] }>(owes ? `${base}/ofertas` : null);
  const [requested, setRequested] = useState<Agreement | null>(null);
  const [bill, setBill] = useState<Bill | null>(null);
  const unavailable = agreements.error?.status === 404 || offers.error?.status === 404;
  const items = agreements.data?.items ?? [];
  const active = items.some((item) => item.state === 'solicitado' || item.state === 'vigente');

  return (
    <section aria-labelledby="acuerdo-pago">
      <h2 id="acuerdo-pago">Solicitar acuerdo de pago</h2>
      <p>
        Si no puede pagar todo de una vez, puede pedir pagar en cuotas. La Secretaría de Hacienda estudia la
        solicitud; mientras tanto, el predio sigue con saldo.
      </p>
      {unavailable ? (
        <Alert tone="info">
          Los acuerdos de pago en línea no están disponibles por ahora. Acérquese a la Secretaría de Hacienda.
        </Alert>
      ) : (
        <>
          {(agreements.loading || offers.loading) && !agreements.data && (
            <Loading label="Cargando los acuerdos de pago…" />
          )}
          {agreements.error && <Alert tone="error">{agreements.error.detail}</Alert>}
          {requested && (
            <Alert tone="success" title="Solicitud enviada">
              Su solicitud de acuerdo {requested.number} quedó radicada. Le avisaremos cuando sea decidida.
            </Alert>
          )}
          {items.length > 0 && (
            <ul className="card-list">
              {items.map((agreement) => (
                <AgreementCard
                  key={agreement.id}
                  agreement={agreement}
                  onIssued={(issued) => {
                    setBill(issued);
                    agreements.reload();
                  }}
                />
              ))}
            </ul>
          )}
          {bill && <BillPanel bill={bill} heading={`Factura de la cuota: ${bill.number}`} linkToBill />}
          {!owes && items.length === 0 && (
            <p>El predio no tiene saldos para incluir en un acuerdo de pago.</p>
          )}
          {owes && !active && offers.error && <Alert tone="error">{offers.error.detail}</Alert>}
          {owes && !active && offers.data && offers.data.items.length === 0 && (
            <p>Por ahora no hay planes de pago disponibles para este predio.</p>
          )}
          {owes && !active && offers.data && offers.data.items.length > 0 && (
            <OfferForm
              predioId={predioId}
              offers={offers.data.items}
              onRequested={(agreement) => {
                setRequested(agreement);
                agreements.reload();
              }}
            />
          )}
        </>
      )}
    </section>
  );
}

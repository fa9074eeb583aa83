import { type FormEvent, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { ApiError, api } from '../../app/api';
import { useApiGet } from '../../app/useApiGet';
import { useFormSubmit } from '../../app/useFormSubmit';
import { Alert } from '../../platform/Alert';
import { FormErrorSummary } from '../../platform/fields';
import { formatDateTime, formatMoney } from '../../platform/format';
import { Loading } from '../../platform/Loading';
import { Page } from '../../platform/Page';
import { TableScroll } from '../../platform/TableScroll';
import { AgreementSection } from './AgreementSection';
import { BillPanel } from './BillPanel';
import {
  allDebtInAgreement,
  BILL_STATE_BADGES,
  BILL_STATE_LABELS,
  billPath,
  formatDay,
  predioCode,
} from './labels';
import { PredioSummary } from './PredioSummary';
import { readably } from './problems';
import { StatementTable } from './StatementTable';
import type { Bill, MyPredioStatement, PazYSalvo } from './types';

function BillsTable({ bills }: { bills: Bill[] }) {
  if (bills.length === 0) return <p>Todavía no ha generado facturas para este predio.</p>;
  return (
    <TableScroll label="Tabla de facturas recientes">
      <table className="table">
        <thead>
          <tr>
            <th scope="col">Factura</th>
            <th scope="col">Expedida</th>
            <th scope="col">Estado</th>
            <th scope="col">Valor</th>
          </tr>
        </thead>
        <tbody>
          {bills.map((bill) => (
            <tr key={bill.id}>
              <th scope="row">
                <Link to={billPath(bill.paymentReference)}>{bill.number}</Link>
              </th>
              <td>{formatDateTime(bill.issuedAt)}</td>
              <td>
                <span className={`badge ${BILL_STATE_BADGES[bill.state]}`}>
                  {BILL_STATE_LABELS[bill.state]}
                </span>
              </td>
              <td className="cell--money">{formatMoney(bill.options.at(-1)?.total ?? 0)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

function GenerateBillButton({ numero, onIssued }: { numero: string; onIssued: (bill: Bill) => void }) {
  const { formRef, pending, errors, submit } = useFormSubmit();
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void submit(async () =>
      onIssued(await readably(() => api.post<Bill>('/api/v1/predial/facturas', { numero }))),
    );
  };
  return (
    <form ref={formRef} noValidate onSubmit={onSubmit}>
      <FormErrorSummary message={errors.summary} />
      <button type="submit" className="button" disabled={pending}>
        {pending ? 'Generando la factura…' : 'Generar factura'}
      </button>
    </form>
  );
}

function PazYSalvoButton({ predioId }: { predioId: string }) {
  const [certificate, setCertificate] = useState<PazYSalvo | null>(null);
  const [refusal, setRefusal] = useState<string | null>(null);
  const { formRef, pending, errors, submit } = useFormSubmit();

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setRefusal(null);
    void submit(async () => {
      try {
        setCertificate(await api.post<PazYSalvo>(`/api/v1/predial/predios/${predioId}/paz-y-salvo`));
      } catch (error) {
        const problem = debtRefusal(error);
        if (!problem) throw error;
        setRefusal(problem);
      }
    });
  };

  return (
    <form ref={formRef} noValidate onSubmit={onSubmit}>
      <FormErrorSummary message={errors.summary} />
      <button type="submit" className="button button--secondary" disabled={pending}>
        {pending ? 'Expidiendo el paz y salvo…' : 'Descargar paz y salvo'}
      </button>
      {refusal && (
        <Alert tone="warning" title="No es posible expedir el paz y salvo">
          {refusal} Pague el saldo o solicite un acuerdo de pago.
        </Alert>
      )}
      {certificate && (
        <Alert tone="success" title="Su paz y salvo está listo">
          <p>
            Código de verificación: <code>{certificate.code}</code>. Válido hasta el{' '}
            {formatDay(certificate.validUntil)}.
          </p>
          <p>
            <a className="button" href={certificate.downloadUrl} download>
              Descargar el paz y salvo (PDF)
            </a>
          </p>
        </Alert>
      )}
    </form>
  );
}

/** The debt refusal (409) is an answer to show, not a failure of the form. */
function debtRefusal(error: unknown): string | null {
  return error instanceof ApiError && error.status === 409 ? error.detail : null;
}

export function MyPredioPage() {
  const { id = '' } = useParams();
  const { data, error, loading, reload } = useApiGet<MyPredioStatement>(
    `/api/v1/predial/predios/${encodeURIComponent(id)}/estado-cuenta`,
  );
  const [bill, setBill] = useState<Bill | null>(null);
  const title = data
    ? `Predio ${data.predio.direccion ?? predioCode(data.predio)}`
    : 'Estado de cuenta del predio';

  return (
    <Page title={title} lead="Estado de cuenta, facturas, paz y salvo y acuerdos de pago.">
      <p>
        <Link to="/predial/mis-predios">Volver a mis predios</Link>
      </p>
      {loading && !data && <Loading label="Cargando el estado de cuenta…" />}
      {error && <Alert tone="error">{error.detail}</Alert>}
      {data && (
        <>
          <section className="panel" aria-labelledby="datos-predio">
            <h2 id="datos-predio">Datos del predio</h2>
            <PredioSummary predio={data.predio} />
          </section>
          <section aria-labelledby="estado-cuenta">
            <h2 id="estado-cuenta">Estado de cuenta</h2>
            <StatementTable statement={data.estadoCuenta} />
            {allDebtInAgreement(data.estadoCuenta) && (
              <p>
                Su saldo está en un acuerdo de pago: pague con la factura de cada cuota, en la sección del
                acuerdo.
              </p>
            )}
            <div className="quick-actions">
              {data.estadoCuenta.totalToday > 0 && !allDebtInAgreement(data.estadoCuenta) && (
                <GenerateBillButton
                  numero={predioCode(data.predio)}
                  onIssued={(issued) => {
                    setBill(issued);
                    reload();
                  }}
                />
              )}
              <PazYSalvoButton predioId={data.predio.id} />
            </div>
          </section>
          {bill && <BillPanel bill={bill} heading={`Su factura ${bill.number}`} linkToBill />}
          <section aria-labelledby="facturas">
            <h2 id="facturas">Facturas recientes</h2>
            <BillsTable bills={data.facturas} />
          </section>
          <AgreementSection predioId={data.predio.id} owes={data.estadoCuenta.balance > 0} />
        </>
      )}
    </Page>
  );
}

import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { useApiGet } from '../../app/useApiGet';
import { Alert } from '../../platform/Alert';
import { formatDateTime, formatMoney } from '../../platform/format';
import { Loading } from '../../platform/Loading';
import { Page } from '../../platform/Page';
import { billPath } from './labels';
import type { PaymentAttempt } from './types';

const POLL_INTERVAL_MS = 3000;
/** After ten minutes the page stops asking on its own; the server keeps reconciling in the background. */
const MAX_POLLS = 200;

function isPending(attempt: PaymentAttempt | null): boolean {
  return attempt === null || attempt.state === 'PENDING' || attempt.state === 'CREATING';
}

/** Asks for the attempt every 3 s while the bank has not answered. */
function usePolledAttempt(id: string) {
  const attempt = useApiGet<PaymentAttempt>(
    id ? `/api/v1/pagos/pse/intentos/${encodeURIComponent(id)}` : null,
  );
  const { data, error, loading, reload } = attempt;
  const [polls, setPolls] = useState(0);

  useEffect(() => {
    const hopeless = error !== null && [400, 404].includes(error.status);
    if (!id || loading || hopeless || !isPending(data) || polls >= MAX_POLLS) return;
    const timer = setTimeout(() => {
      setPolls((count) => count + 1);
      reload();
    }, POLL_INTERVAL_MS);
    return () => clearTimeout(timer);
  }, [id, data, error, loading, polls, reload]);

  const retry = () => {
    setPolls(0);
    reload();
  };
  return { ...attempt, gaveUp: polls >= MAX_POLLS, retry };
}

function AttemptDetails({ attempt }: { attempt: PaymentAttempt }) {
  return (
    <dl className="data-list data-list--compact panel">
      <div>
        <dt>Valor</dt>
        <dd>{formatMoney(attempt.amount)}</dd>
      </div>
      <div>
        <dt>CUS (código único de seguimiento)</dt>
        <dd>{attempt.cus ? <code>{attempt.cus}</code> : '—'}</dd>
      </div>
      <div>
        <dt>Referencia de la transacción</dt>
        <dd className="cell--break">{attempt.reference}</dd>
      </div>
      <div>
        <dt>Referencia de la factura</dt>
        <dd>
          <code>{attempt.billReference}</code>
        </dd>
      </div>
      {attempt.settledAt && (
        <div>
          <dt>Fecha</dt>
          <dd>{formatDateTime(attempt.settledAt)}</dd>
        </div>
      )}
    </dl>
  );
}

function Outcome({
  attempt,
  gaveUp,
  retry,
}: {
  attempt: PaymentAttempt;
  gaveUp: boolean;
  retry: () => void;
}) {
  const bill = <Link to={billPath(attempt.billReference)}>Ver la factura</Link>;
  switch (attempt.state) {
    case 'OK':
      return (
        <>
          <Alert tone="success" title="Pago aprobado">
            Su banco aprobó el pago. La factura queda pagada y el pago se refleja en el estado de cuenta del
            predio.
          </Alert>
          <AttemptDetails attempt={attempt} />
          <p>Guarde el CUS: es el comprobante de su pago ante el banco. {bill} para descargar el recibo.</p>
        </>
      );
    case 'NOT_AUTHORIZED':
      return (
        <>
          <Alert tone="error" title="Pago rechazado">
            Su banco no autorizó el pago y no se hizo ningún cargo a su cuenta.
          </Alert>
          <AttemptDetails attempt={attempt} />
          <p>Puede intentarlo de nuevo, con otro banco o cuenta, desde la factura. {bill}.</p>
        </>
      );
    case 'FAILED':
      return (
        <>
          <Alert tone="error" title="El pago no se completó">
            La transacción falló antes de que su banco la autorizara. No se hizo ningún cargo.
          </Alert>
          <AttemptDetails attempt={attempt} />
          <p>Intente de nuevo en unos minutos desde la factura, o pague en el banco con el recibo. {bill}.</p>
        </>
      );
    default:
      return (
        <>
          <AttemptDetails attempt={attempt} />
          <p>
            No cierre ni vuelva a pagar esta factura mientras el pago esté pendiente: podría pagarla dos
            veces. Si su banco ya le descontó el dinero, el pago se aplicará en cuanto el banco lo confirme.
          </p>
          {gaveUp && (
            <button type="button" className="button button--secondary" onClick={retry}>
              Consultar de nuevo
            </button>
          )}
        </>
      );
  }
}

export function PseReturnPage() {
  const [searchParams] = useSearchParams();
  const id = searchParams.get('intento') ?? '';
  const { data, error, gaveUp, retry } = usePolledAttempt(id);
  const pending = id !== '' && !error && isPending(data);

  return (
    <Page title="Resultado del pago en línea" lead="Pago con PSE del impuesto predial.">
      {/* Always in the page, so screen readers hear each change of state. */}
      <p className="pse-status" role="status" aria-live="polite">
        {pending
          ? gaveUp
            ? 'Su banco todavía no confirma el pago.'
            : 'Su pago está pendiente: estamos esperando la respuesta de su banco. Esta página se actualiza sola cada 3 segundos.'
          : data && !error
            ? `Estado del pago: ${data.state === 'OK' ? 'aprobado' : data.state === 'NOT_AUTHORIZED' ? 'rechazado' : 'fallido'}.`
            : ''}
      </p>
      {!id && <Alert tone="error">Falta el identificador del pago en la dirección.</Alert>}
      {error && <Alert tone="error">{error.detail}</Alert>}
      {!data && !error && id && <Loading label="Consultando el pago…" />}
      {data && !error && <Outcome attempt={data} gaveUp={gaveUp} retry={retry} />}
    </Page>
  );
}

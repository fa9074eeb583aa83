import { Link, useParams } from 'react-router-dom';
import { useApiGet } from '../../app/useApiGet';
import { Alert } from '../../platform/Alert';
import { Loading } from '../../platform/Loading';
import { Page } from '../../platform/Page';
import { BillPanel } from './BillPanel';
import { BILL_STATE_LABELS, formatDay } from './labels';
import type { Bill } from './types';

function StateAlert({ bill }: { bill: Bill }) {
  switch (bill.state) {
    case 'pagada':
      return (
        <Alert tone="success" title="Factura pagada">
          La alcaldía registró el pago de esta factura.
        </Alert>
      );
    case 'vigente':
      return (
        <Alert tone="info" title="Factura auténtica y vigente">
          Expedida por la sede electrónica. Puede pagarse hasta el {formatDay(bill.expiresOn)} según la fecha
          que elija.
        </Alert>
      );
    default:
      return (
        <Alert tone="warning" title={`Factura ${BILL_STATE_LABELS[bill.state].toLowerCase()}`}>
          Esta factura ya no se puede pagar. Consulte el predio y genere una factura nueva.
        </Alert>
      );
  }
}

/** Where the receipt's QR leads: anyone can check a bill by its payment reference. */
export function BillVerificationPage() {
  const { referencia = '' } = useParams();
  const { data, error, loading } = useApiGet<Bill>(
    `/api/v1/predial/facturas/${encodeURIComponent(referencia)}`,
  );

  return (
    <Page title="Verificación de factura del impuesto predial" lead={`Referencia de pago: ${referencia}`}>
      {loading && !data && <Loading label="Consultando la factura…" />}
      {error && (
        <Alert tone="error" title={error.status === 404 ? 'Factura no encontrada' : undefined}>
          {error.detail}
        </Alert>
      )}
      {data && !error && (
        <>
          <StateAlert bill={data} />
          <BillPanel bill={data} />
        </>
      )}
      <p>
        <Link to="/predial">Consultar otro predio</Link>
      </p>
    </Page>
  );
}

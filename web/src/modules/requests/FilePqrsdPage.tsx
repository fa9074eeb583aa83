import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useAuth } from '../../app/auth';
import { Alert } from '../../platform/Alert';
import { Loading } from '../../platform/Loading';
import { Page } from '../../platform/Page';
import { FilingForm } from './FilingForm';
import { FilingReceiptPanel } from './FilingReceiptPanel';
import { PUBLIC_BASE } from './labels';
import { useCatalogue } from './PqrsdPage';
import type { FilingReceipt } from './types';

/** /pqrsd/radicar: the citizen's form, then the receipt with the radicado. */
export function FilePqrsdPage() {
  const { status, user } = useAuth();
  const catalogue = useCatalogue();
  const [receipt, setReceipt] = useState<FilingReceipt | null>(null);
  // A new form (and a new idempotency key) after each filing.
  const [formKey, setFormKey] = useState(0);

  const typeLabel = (code: string) => catalogue.data?.types.find((type) => type.code === code)?.label ?? code;

  return (
    <Page
      title="Radicar una PQRSD"
      lead="Presente una petición, queja, reclamo, sugerencia o denuncia. Recibirá el número de radicado y la fecha máxima de respuesta al terminar."
    >
      <p>
        <Link to={PUBLIC_BASE}>Qué es una PQRSD y plazos para responder</Link>
      </p>
      {receipt ? (
        <FilingReceiptPanel receipt={receipt} typeLabel={typeLabel(receipt.type)}>
          <button
            type="button"
            className="button button--secondary"
            onClick={() => {
              setReceipt(null);
              setFormKey((key) => key + 1);
            }}
          >
            Radicar otra solicitud
          </button>
          {user?.kind === 'ciudadano' && (
            <Link className="button button--secondary" to={`${PUBLIC_BASE}/mias`}>
              Ver mis PQRSD
            </Link>
          )}
        </FilingReceiptPanel>
      ) : (
        <>
          {(catalogue.loading || status === 'loading') && !catalogue.data && (
            <Loading label="Cargando el formulario…" />
          )}
          {catalogue.error && <Alert tone="error">{catalogue.error.detail}</Alert>}
          {catalogue.data && status === 'ready' && (
            <FilingForm
              key={formKey}
              catalogue={catalogue.data}
              mode="web"
              account={user}
              onFiled={setReceipt}
            />
          )}
        </>
      )}
    </Page>
  );
}

import { useParams } from 'react-router-dom';
import { useApiGet } from '../../app/useApiGet';
import { Alert } from '../../platform/Alert';
import { formatDateTime } from '../../platform/format';
import { Loading } from '../../platform/Loading';
import { Page } from '../../platform/Page';
import { HashComparison } from './HashComparison';
import type { VerifiedDocument } from './types';
import { VerifyCodeForm } from './VerifyCodeForm';

function VerificationResult({ result }: { result: VerifiedDocument }) {
  const valid = result.status === 'vigente';
  return (
    <>
      {valid ? (
        <Alert tone="success" title="Documento auténtico y vigente">
          Este documento fue expedido por la sede electrónica y no ha sido anulado.
        </Alert>
      ) : (
        <Alert tone="warning" title="Documento anulado">
          Este documento fue expedido por la sede electrónica, pero fue anulado y ya no tiene validez.
        </Alert>
      )}
      <dl className="data-list panel">
        <div>
          <dt>Tipo de documento</dt>
          <dd>{result.documentTypeLabel}</dd>
        </div>
        <div>
          <dt>Fecha de expedición</dt>
          <dd>{formatDateTime(result.issuedAt)}</dd>
        </div>
        <div>
          <dt>Titular (iniciales)</dt>
          <dd>{result.holderInitials}</dd>
        </div>
        <div>
          <dt>Huella digital SHA-256</dt>
          <dd>
            <code className="hash">{result.sha256}</code>
          </dd>
        </div>
        <div>
          <dt>Estado</dt>
          <dd>
            <strong className={valid ? 'badge badge--success' : 'badge badge--danger'}>
              {valid ? 'Vigente' : 'Anulado'}
            </strong>
          </dd>
        </div>
      </dl>
      <HashComparison expected={result.sha256} />
    </>
  );
}

export function VerifyDocumentPage() {
  const { code = '' } = useParams();
  const { data, error, loading } = useApiGet<VerifiedDocument>(
    `/api/v1/verificar/${encodeURIComponent(code)}`,
  );

  return (
    <Page title="Resultado de la verificación" lead={`Código consultado: ${code}`}>
      {loading && <Loading label="Consultando el documento…" />}
      {!loading && error?.status === 404 && (
        <Alert tone="error" title="Documento no encontrado">
          No existe un documento expedido con el código {code}. Revise que lo haya escrito tal como aparece en
          el documento.
        </Alert>
      )}
      {!loading && error && error.status !== 404 && <Alert tone="error">{error.detail}</Alert>}
      {!loading && data && !error && <VerificationResult result={data} />}
      <section aria-labelledby="verificar-otro">
        <h2 id="verificar-otro">Verificar otro documento</h2>
        <VerifyCodeForm key={code} />
      </section>
    </Page>
  );
}

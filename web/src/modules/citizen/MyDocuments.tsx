import { useState } from 'react';
import { Link } from 'react-router-dom';
import { api, toApiError } from '../../app/api';
import { useApiGet } from '../../app/useApiGet';
import { Alert } from '../../platform/Alert';
import { formatDateTime } from '../../platform/format';
import { Loading } from '../../platform/Loading';
import type { IssuedDocument, MyDocument } from './types';

function IssueConstancia({ onIssued }: { onIssued: () => void }) {
  const [pending, setPending] = useState(false);
  const [issued, setIssued] = useState<IssuedDocument | null>(null);
  const [error, setError] = useState<string | null>(null);

  const issue = async () => {
    setPending(true);
    setError(null);
    try {
      setIssued(await api.post<IssuedDocument>('/api/v1/me/documents/constancia-registro'));
      onIssued();
    } catch (caught) {
      setError(toApiError(caught).detail);
    } finally {
      setPending(false);
    }
  };

  return (
    <div className="issue-document">
      <p>
        La constancia de registro certifica que usted tiene una cuenta en la sede electrónica. Es gratuita y
        se puede verificar en línea con su código.
      </p>
      <button type="button" className="button" onClick={issue} disabled={pending}>
        Emitir constancia de registro
      </button>
      {pending && <Loading label="Generando la constancia…" />}
      {error && <Alert tone="error">{error}</Alert>}
      {issued && (
        <Alert tone="success" title="Su constancia de registro está lista">
          <p>
            Código de verificación: <code>{issued.code}</code>
          </p>
          <p>
            <a href={issued.downloadUrl}>Descargar la constancia (PDF)</a>
          </p>
        </Alert>
      )}
    </div>
  );
}

function DocumentItem({ item }: { item: MyDocument }) {
  return (
    <li className="card">
      <h3 className="card__title">{item.title}</h3>
      <dl className="data-list data-list--compact">
        <div>
          <dt>Tipo</dt>
          <dd>{item.documentTypeLabel}</dd>
        </div>
        <div>
          <dt>Fecha de expedición</dt>
          <dd>{formatDateTime(item.issuedAt)}</dd>
        </div>
        <div>
          <dt>Código de verificación</dt>
          <dd>
            <Link to={`/verificar/${encodeURIComponent(item.code)}`}>{item.code}</Link>
          </dd>
        </div>
      </dl>
      <a className="button button--secondary button--small" href={item.downloadUrl}>
        Descargar PDF<span className="visually-hidden">: {item.title}</span>
      </a>
    </li>
  );
}

export function MyDocuments() {
  const { data, error, loading, reload } = useApiGet<{ items: MyDocument[] }>('/api/v1/me/documents');

  return (
    <section aria-labelledby="mis-documentos">
      <h2 id="mis-documentos">Mis documentos</h2>
      <IssueConstancia onIssued={reload} />
      {loading && !data && <Loading label="Cargando sus documentos…" />}
      {error && <Alert tone="error">{error.detail}</Alert>}
      {data && data.items.length === 0 && <p>Todavía no tiene documentos expedidos.</p>}
      {data && data.items.length > 0 && (
        <ul className="card-grid">
          {data.items.map((item) => (
            <DocumentItem key={item.id} item={item} />
          ))}
        </ul>
      )}
    </section>
  );
}

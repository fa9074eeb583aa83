import { type FormEvent, useState } from 'react';
import { Link, useLocation, useParams } from 'react-router-dom';
import { api } from '../../app/api';
import { hasPermission, useAuth } from '../../app/auth';
import { useApiGet } from '../../app/useApiGet';
import { useFormSubmit } from '../../app/useFormSubmit';
import { Alert } from '../../platform/Alert';
import { FormErrorSummary, TextField } from '../../platform/fields';
import { formatDateTime, formatNumber } from '../../platform/format';
import { Loading } from '../../platform/Loading';
import { Page } from '../../platform/Page';
import { TableScroll } from '../../platform/TableScroll';
import { ADMIN, BASE, DIRECTION_LABELS, STATUS_LABELS, trdLabel } from './labels';
import type { ExpedienteDetail } from './types';

const years = (n: number) => (n === 1 ? '1 año' : `${formatNumber(n)} años`);

function Summary({ folder }: { folder: ExpedienteDetail }) {
  return (
    <dl className="data-list">
      <div>
        <dt>Nombre</dt>
        <dd>{folder.title}</dd>
      </div>
      <div>
        <dt>Dependencia</dt>
        <dd>{folder.dependencia.name}</dd>
      </div>
      <div>
        <dt>Serie documental (TRD)</dt>
        <dd>{trdLabel(folder.trd)}</dd>
      </div>
      <div>
        <dt>Estado</dt>
        <dd>
          {STATUS_LABELS[folder.status]}
          {folder.closedAt ? ` desde el ${formatDateTime(folder.closedAt)}` : ''}
        </dd>
      </div>
      <div>
        <dt>Abierto el</dt>
        <dd>{formatDateTime(folder.openedAt)}</dd>
      </div>
      {folder.retention && (
        <div>
          <dt>Retención</dt>
          <dd>
            {years(folder.retention.gestion)} en el archivo de gestión y {years(folder.retention.central)} en
            el archivo central, contados desde el cierre.
          </dd>
        </div>
      )}
      {folder.dispositionLabel && (
        <div>
          <dt>Disposición final</dt>
          <dd>
            {folder.dispositionLabel}
            {folder.procedure ? `. ${folder.procedure}` : ''}
          </dd>
        </div>
      )}
      {folder.schedule && (
        <div>
          <dt>Calendario</dt>
          <dd>
            Transferencia al archivo central en {folder.schedule.transferYear}; disposición final en{' '}
            {folder.schedule.dispositionYear}.
          </dd>
        </div>
      )}
    </dl>
  );
}

function ElectronicIndex({ folder }: { folder: ExpedienteDetail }) {
  if (folder.index.length === 0) return <p>El expediente todavía no tiene documentos.</p>;
  return (
    <TableScroll label="Índice electrónico del expediente">
      <table className="table">
        <thead>
          <tr>
            <th scope="col">Orden</th>
            <th scope="col">Radicado</th>
            <th scope="col">Fecha</th>
            <th scope="col">Tipo</th>
            <th scope="col">Asunto</th>
            <th scope="col">Folios</th>
            <th scope="col">Documentos y huella SHA-256</th>
          </tr>
        </thead>
        <tbody>
          {folder.index.map((entry) => (
            <tr key={entry.itemId}>
              <td className="cell--money">{entry.order}</td>
              <th scope="row" className="cell--nowrap">
                <Link to={`${ADMIN}/radicados/${entry.itemId}`}>{entry.radicado}</Link>
              </th>
              <td className="cell--nowrap">{formatDateTime(entry.radicadoAt)}</td>
              <td>{DIRECTION_LABELS[entry.direction]}</td>
              <td>{entry.subject}</td>
              <td className="cell--nowrap">
                {entry.folioStart === null ? '—' : `${entry.folioStart} a ${entry.folioEnd}`}
              </td>
              <td>
                {entry.attachments.length === 0
                  ? '—'
                  : entry.attachments.map((file) => (
                      <div key={file.id}>
                        {file.name} <code className="hash">{file.sha256.slice(0, 16)}…</code>
                      </div>
                    ))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

function AddRadicado({ folder, onAdded }: { folder: ExpedienteDetail; onAdded: () => void }) {
  const [radicado, setRadicado] = useState('');
  const [message, setMessage] = useState<string | null>(null);
  const { formRef, pending, errors, submit, rejectIfInvalid } = useFormSubmit();
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setMessage(null);
    if (rejectIfInvalid(radicado.trim() ? {} : { radicado: 'Escriba el número del radicado.' })) return;
    void submit(async () => {
      const result = await api.post<{ added: boolean }>(`${BASE}/expedientes/${folder.id}/radicados`, {
        radicado: radicado.trim(),
      });
      setMessage(
        result.added ? `Radicado ${radicado.trim()} agregado.` : 'Ese radicado ya estaba en el expediente.',
      );
      setRadicado('');
      onAdded();
    });
  };
  return (
    <form ref={formRef} className="form" noValidate onSubmit={onSubmit}>
      <FormErrorSummary message={errors.summary} />
      {message && <Alert tone="success">{message}</Alert>}
      <TextField
        label="Número de radicado"
        name="radicado"
        hint="Por ejemplo 2026-CE-000123. Debe ser de la misma dependencia del expediente."
        value={radicado}
        error={errors.fields.radicado ?? errors.fields.itemId}
        autoComplete="off"
        onChange={(event) => setRadicado(event.target.value)}
      />
      <div className="form__actions">
        <button type="submit" className="button" disabled={pending}>
          {pending ? 'Agregando…' : 'Agregar al expediente'}
        </button>
      </div>
    </form>
  );
}

function CloseExpediente({ folder, onClosed }: { folder: ExpedienteDetail; onClosed: () => void }) {
  const [confirming, setConfirming] = useState(false);
  const { formRef, pending, errors, submit } = useFormSubmit();
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!confirming) {
      setConfirming(true);
      return;
    }
    void submit(async () => {
      await api.post(`${BASE}/expedientes/${folder.id}/cerrar`);
      onClosed();
    });
  };
  return (
    <form ref={formRef} className="form" noValidate onSubmit={onSubmit}>
      <FormErrorSummary message={errors.summary} />
      {confirming ? (
        <Alert tone="warning" title="¿Cerrar el expediente?">
          Después de cerrarlo no admite más documentos y empieza a contar su tiempo de retención.
        </Alert>
      ) : (
        <p>Ciérrelo cuando el asunto haya terminado y estén todos sus documentos.</p>
      )}
      <div className="form__actions">
        <button type="submit" className="button" disabled={pending}>
          {pending ? 'Cerrando…' : confirming ? 'Sí, cerrar el expediente' : 'Cerrar el expediente'}
        </button>
        {confirming && (
          <button type="button" className="button button--secondary" onClick={() => setConfirming(false)}>
            Cancelar
          </button>
        )}
      </div>
    </form>
  );
}

/** One expediente: its TRD rules, its índice electrónico, and (while open) filing and closing. */
export function ExpedientePage() {
  const { id = '' } = useParams();
  const location = useLocation();
  const created = (location.state as { created?: string } | null)?.created;
  const { user } = useAuth();
  const canRegister = hasPermission(user, 'correspondence.register');
  const folder = useApiGet<ExpedienteDetail>(`${BASE}/expedientes/${id}`);
  const data = folder.data;

  return (
    <Page title={data ? `Expediente ${data.code}` : 'Expediente'}>
      <p>
        <Link to={`${ADMIN}/expedientes`}>Volver a los expedientes</Link>
      </p>
      {created && data?.code === created && <Alert tone="success" title={`Expediente ${created} abierto`} />}
      {folder.error && <Alert tone="error">{folder.error.detail}</Alert>}
      {folder.loading && !data && <Loading label="Cargando el expediente…" />}
      {data && (
        <>
          <Summary folder={data} />
          <section aria-labelledby="indice">
            <h2 id="indice">Índice electrónico</h2>
            <ElectronicIndex folder={data} />
          </section>
          {canRegister && data.status === 'abierto' && (
            <>
              <section aria-labelledby="agregar" className="panel">
                <h2 id="agregar">Agregar un radicado</h2>
                <AddRadicado folder={data} onAdded={folder.reload} />
              </section>
              <section aria-labelledby="cerrar" className="panel">
                <h2 id="cerrar">Cerrar el expediente</h2>
                <CloseExpediente folder={data} onClosed={folder.reload} />
              </section>
            </>
          )}
        </>
      )}
    </Page>
  );
}

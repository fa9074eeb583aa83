import { type FormEvent, useRef, useState } from 'react';
import { Link, useLocation, useParams } from 'react-router-dom';
import { api, withQuery } from '../../app/api';
import { hasPermission, useAuth } from '../../app/auth';
import { useApiGet } from '../../app/useApiGet';
import { useFormSubmit } from '../../app/useFormSubmit';
import { Alert } from '../../platform/Alert';
import { FormErrorSummary, SelectField } from '../../platform/fields';
import { formatDateTime, formatNumber } from '../../platform/format';
import { Loading } from '../../platform/Loading';
import { Page } from '../../platform/Page';
import { FilesField } from './CorrespondenceFields';
import { ADMIN, BASE, DIRECTION_LABELS, formatSize, MEDIUM_LABELS, trdLabel } from './labels';
import type { ExpedienteSummary, ItemDetail, Paged } from './types';

function Party({ name, entity, contact }: { name: string; entity: string | null; contact: string | null }) {
  return (
    <>
      {name}
      {entity && <> · {entity}</>}
      {contact && (
        <>
          <br />
          <span className="muted">{contact}</span>
        </>
      )}
    </>
  );
}

function Details({ item }: { item: ItemDetail }) {
  return (
    <dl className="data-list">
      <div>
        <dt>Tipo</dt>
        <dd>{DIRECTION_LABELS[item.direction]}</dd>
      </div>
      <div>
        <dt>Radicado el</dt>
        <dd>{formatDateTime(item.radicadoAt)}</dd>
      </div>
      <div>
        <dt>Asunto</dt>
        <dd>{item.subject}</dd>
      </div>
      {item.summary && (
        <div>
          <dt>Resumen</dt>
          <dd>{item.summary}</dd>
        </div>
      )}
      <div>
        <dt>Remitente</dt>
        <dd>
          <Party name={item.senderName} entity={item.senderEntity} contact={item.senderContact} />
        </dd>
      </div>
      <div>
        <dt>Destinatario</dt>
        <dd>
          <Party name={item.recipientName} entity={item.recipientEntity} contact={item.recipientContact} />
        </dd>
      </div>
      <div>
        <dt>Dependencia</dt>
        <dd>{item.dependencia.name}</dd>
      </div>
      <div>
        <dt>Medio</dt>
        <dd>{MEDIUM_LABELS[item.medium]}</dd>
      </div>
      <div>
        <dt>Folios</dt>
        <dd>{formatNumber(item.folios)}</dd>
      </div>
      <div>
        <dt>Serie documental (TRD)</dt>
        <dd>{trdLabel(item.trd)}</dd>
      </div>
      {item.pqrsdRadicado && (
        <div>
          <dt>PQRSD</dt>
          <dd>{item.pqrsdRadicado}</dd>
        </div>
      )}
      {item.respondsTo && (
        <div>
          <dt>Responde a</dt>
          <dd>
            <Link to={`${ADMIN}/radicados/${item.respondsTo.id}`}>{item.respondsTo.radicado}</Link>:{' '}
            {item.respondsTo.subject}
          </dd>
        </div>
      )}
      {item.answers.length > 0 && (
        <div>
          <dt>Respuestas</dt>
          <dd>
            <ul className="link-list">
              {item.answers.map((answer) => (
                <li key={answer.id}>
                  <Link to={`${ADMIN}/radicados/${answer.id}`}>{answer.radicado}</Link> (
                  {formatDateTime(answer.radicadoAt)})
                </li>
              ))}
            </ul>
          </dd>
        </div>
      )}
    </dl>
  );
}

function AddAttachments({ item, onAdded }: { item: ItemDetail; onAdded: () => void }) {
  const filesRef = useRef<HTMLInputElement>(null);
  const { formRef, pending, errors, submit, rejectIfInvalid } = useFormSubmit();
  const [message, setMessage] = useState<string | null>(null);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const files = Array.from(filesRef.current?.files ?? []);
    if (rejectIfInvalid(files.length ? {} : { attachments: 'Elija al menos un archivo.' })) return;
    void submit(async () => {
      const body = new FormData();
      for (const file of files) body.append('attachments', file, file.name);
      const result = await api.post<{ added: number }>(`${BASE}/radicados/${item.id}/adjuntos`, body);
      setMessage(
        result.added === 0
          ? 'Esos archivos ya estaban adjuntos: no se agregó nada.'
          : `Se agregaron ${result.added} ${result.added === 1 ? 'documento' : 'documentos'}.`,
      );
      if (filesRef.current) filesRef.current.value = '';
      onAdded();
    });
  };
  return (
    <form ref={formRef} className="form" noValidate onSubmit={onSubmit}>
      <FormErrorSummary message={errors.summary} />
      {message && <Alert tone="success">{message}</Alert>}
      <FilesField
        label="Agregar documentos digitalizados"
        name="attachments"
        hint="PDF, PNG o JPEG. Un archivo que ya esté adjunto no se repite."
        inputRef={filesRef}
        error={errors.fields.attachments}
      />
      <div className="form__actions">
        <button type="submit" className="button button--secondary" disabled={pending}>
          {pending ? 'Enviando…' : 'Agregar documentos'}
        </button>
      </div>
    </form>
  );
}

function FileInExpediente({ item, onFiled }: { item: ItemDetail; onFiled: () => void }) {
  const open = useApiGet<Paged<ExpedienteSummary>>(
    withQuery(`${BASE}/expedientes`, {
      dependencia: item.dependencia.code,
      status: 'abierto',
      pageSize: 100,
    }),
  );
  const [expedienteId, setExpedienteId] = useState('');
  const { formRef, pending, errors, submit, rejectIfInvalid } = useFormSubmit();
  const newOne = withQuery(`${ADMIN}/expedientes`, {
    dependencia: item.dependencia.code,
    radicado: item.radicado,
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (rejectIfInvalid(expedienteId ? {} : { expedienteId: 'Elija el expediente.' })) return;
    void submit(async () => {
      await api.post(`${BASE}/expedientes/${expedienteId}/radicados`, { itemId: item.id });
      onFiled();
    });
  };
  const options = (open.data?.items ?? []).map((row) => ({
    value: row.id,
    label: `${row.code} · ${row.title}`,
  }));
  return (
    <>
      {options.length > 0 ? (
        <form ref={formRef} className="form" noValidate onSubmit={onSubmit}>
          <FormErrorSummary message={errors.summary} />
          <SelectField
            label="Expediente abierto de la dependencia"
            name="expedienteId"
            value={expedienteId}
            error={errors.fields.expedienteId}
            onChange={(event) => setExpedienteId(event.target.value)}
            options={[{ value: '', label: 'Elija un expediente' }, ...options]}
          />
          <div className="form__actions">
            <button type="submit" className="button" disabled={pending}>
              {pending ? 'Archivando…' : 'Archivar en el expediente'}
            </button>
          </div>
        </form>
      ) : (
        !open.loading && <p>{item.dependencia.name} no tiene expedientes abiertos.</p>
      )}
      <p>
        <Link to={newOne}>Archivar en un expediente nuevo</Link>
      </p>
    </>
  );
}

/** One radicado: its data (reading the contact data is audited), documents, answers and expediente. */
export function ItemPage() {
  const { id = '' } = useParams();
  const location = useLocation();
  const created = (location.state as { created?: string } | null)?.created;
  const { user } = useAuth();
  const canRegister = hasPermission(user, 'correspondence.register');
  const item = useApiGet<ItemDetail>(`${BASE}/radicados/${id}`);
  const data = item.data;

  return (
    <Page title={data ? `Radicado ${data.radicado}` : 'Radicado'}>
      <p>
        <Link to={ADMIN}>Volver a la correspondencia</Link>
      </p>
      {created && data?.radicado === created && (
        <Alert tone="success" title={`Comunicación radicada con el número ${created}`}>
          Escriba este número en el documento (rótulo de radicación) y entréguelo como constancia.
        </Alert>
      )}
      {item.error && <Alert tone="error">{item.error.detail}</Alert>}
      {item.loading && !data && <Loading label="Cargando el radicado…" />}
      {data && (
        <>
          <Details item={data} />
          {canRegister && data.direction === 'entrada' && (
            <p>
              <Link
                className="button button--secondary"
                to={withQuery(`${ADMIN}/radicar`, { respondeA: data.id })}
              >
                Responder con una comunicación de salida
              </Link>
            </p>
          )}
          <section aria-labelledby="documentos" className="panel">
            <h2 id="documentos">Documentos digitalizados</h2>
            {data.attachments.length === 0 ? (
              <p>Este radicado no tiene documentos digitalizados.</p>
            ) : (
              <ul className="link-list">
                {data.attachments.map((file) => (
                  <li key={file.id}>
                    <a href={`${BASE}/radicados/${data.id}/adjuntos/${file.id}`} download={file.name}>
                      {file.name}
                    </a>{' '}
                    <span className="muted">({formatSize(file.size)})</span>
                  </li>
                ))}
              </ul>
            )}
            {canRegister && <AddAttachments item={data} onAdded={item.reload} />}
          </section>
          <section aria-labelledby="expediente" className="panel">
            <h2 id="expediente">Expediente</h2>
            {data.expediente ? (
              <p>
                Archivado en el expediente{' '}
                <Link to={`${ADMIN}/expedientes/${data.expediente.id}`}>{data.expediente.code}</Link>.
              </p>
            ) : canRegister ? (
              <FileInExpediente item={data} onFiled={item.reload} />
            ) : (
              <p>Todavía no está archivado en un expediente.</p>
            )}
          </section>
        </>
      )}
    </Page>
  );
}

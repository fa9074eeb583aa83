import { type FormEvent, useRef, useState } from 'react';
import { Link } from 'react-router-dom';
import { toApiError } from '../../app/api';
import { useFormSubmit } from '../../app/useFormSubmit';
import { Alert } from '../../platform/Alert';
import { FormErrorSummary } from '../../platform/fields';
import { formatDateTime } from '../../platform/format';
import { checkFiles, FilesField, TextAreaField } from './fields';
import { postAndDownload, postJson } from './http';
import {
  API,
  businessDays,
  channelLabel,
  cleanFieldErrors,
  cleanMessage,
  DUE_BADGES,
  DUE_LABELS,
  formatDay,
  formatDayWithWeekday,
} from './labels';
import { Timeline } from './Timeline';
import type { PublicView } from './types';
import './pqrsd.css';

const MAX_FILES = 5;
const MAX_MB = 10;

/** The petitioner sends what was asked for; the term resumes. */
type SubHeading = 'h3' | 'h4';

function InformationForm({
  view,
  secret,
  Heading,
  onSent,
}: {
  view: PublicView;
  secret: string;
  Heading: SubHeading;
  onSent: (view: PublicView) => void;
}) {
  const [texto, setTexto] = useState('');
  const filesRef = useRef<HTMLInputElement>(null);
  const { formRef, pending, errors, submit, rejectIfInvalid } = useFormSubmit();
  const fields = cleanFieldErrors(errors.fields);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const files = Array.from(filesRef.current?.files ?? []);
    const problems: Record<string, string> = {};
    if (texto.trim().length < 5) problems.texto = 'Escriba la información pedida (mínimo 5 caracteres).';
    const fileProblem = checkFiles(files, MAX_FILES, MAX_MB);
    if (fileProblem) problems.adjunto = fileProblem;
    if (rejectIfInvalid(problems)) return;
    void submit(async () => {
      const body = new FormData();
      body.append(
        'datos',
        JSON.stringify({ radicado: view.radicado, documento: secret, texto: texto.trim() }),
      );
      for (const file of files) body.append('adjunto', file, file.name);
      onSent(await postJson<PublicView>(`${API}/seguimiento/informacion`, body));
    });
  };

  return (
    <form
      ref={formRef}
      className="form"
      noValidate
      onSubmit={onSubmit}
      aria-labelledby={`enviar-informacion-${view.radicado}`}
    >
      <Heading id={`enviar-informacion-${view.radicado}`}>Enviar la información pedida</Heading>
      <FormErrorSummary message={errors.summary ? cleanMessage(errors.summary) : null} />
      <TextAreaField
        label="Su respuesta"
        name="texto"
        rows={5}
        maxLength={10_000}
        value={texto}
        onChange={(event) => setTexto(event.target.value)}
        error={fields.texto}
        required
      />
      <FilesField
        label="Documentos (opcional)"
        name="adjunto"
        hint={`Hasta ${MAX_FILES} archivos de máximo ${MAX_MB} MB: PDF, JPG, PNG, TIFF, Word o Excel.`}
        inputRef={filesRef}
        error={fields.adjunto ?? fields.adjuntos ?? fields.file}
      />
      <div className="form__actions">
        <button type="submit" className="button" disabled={pending}>
          {pending ? 'Enviando…' : 'Enviar la información'}
        </button>
      </div>
    </form>
  );
}

function AnswerSection({ view, secret, Heading }: { view: PublicView; secret: string; Heading: SubHeading }) {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (!view.answer) return null;
  const code = view.answer.verificationCode;
  const download = async () => {
    setPending(true);
    setError(null);
    try {
      await postAndDownload(
        `${API}/seguimiento/respuesta`,
        { radicado: view.radicado, documento: secret },
        `respuesta-${view.radicado}.pdf`,
      );
    } catch (caught) {
      setError(toApiError(caught).detail);
    } finally {
      setPending(false);
    }
  };
  return (
    <section aria-labelledby={`respuesta-${view.radicado}`}>
      <Heading id={`respuesta-${view.radicado}`}>Respuesta</Heading>
      <p>
        La Alcaldía respondió su solicitud
        {view.answer.answeredAt ? ` el ${formatDateTime(view.answer.answeredAt)}` : ''}. La respuesta es un
        documento electrónico con código de verificación.
      </p>
      {error && <Alert tone="error">{error}</Alert>}
      <p>
        <button type="button" className="button" onClick={download} disabled={pending}>
          {pending ? 'Descargando…' : 'Descargar la respuesta (PDF)'}
        </button>
      </p>
      <p>
        Código de verificación: <code>{code}</code>.{' '}
        <Link to={`/verificar/${encodeURIComponent(code)}`}>Verifique la autenticidad del documento</Link>.
      </p>
    </section>
  );
}

/**
 * A request as its petitioner sees it: state, due date, dependencia, history, the answer and, when the
 * Alcaldía is waiting for information, the form to send it. `secret` is the document number or key.
 */
export function PublicRequestView({
  view,
  secret,
  headingLevel = 2,
  onUpdated,
}: {
  view: PublicView;
  secret: string;
  headingLevel?: 2 | 3;
  onUpdated: (view: PublicView) => void;
}) {
  const [sent, setSent] = useState(false);
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const Sub: SubHeading = headingLevel === 2 ? 'h3' : 'h4';
  const headingId = `estado-${view.radicado}`;
  return (
    <section aria-labelledby={headingId}>
      <Heading id={headingId} tabIndex={-1}>
        Solicitud {view.radicado}
      </Heading>
      {sent && (
        <Alert tone="success" title="Información recibida">
          El término para responderle se reanudó. Le avisaremos por correo cuando haya novedades.
        </Alert>
      )}
      <dl className="data-list">
        <div>
          <dt>Estado</dt>
          <dd>
            <strong>{view.stateLabel}</strong>
          </dd>
        </div>
        <div>
          <dt>Asunto</dt>
          <dd>{view.subject}</dd>
        </div>
        <div>
          <dt>Tipo</dt>
          <dd>
            {view.typeLabel} ({businessDays(view.termDays)} para responder)
          </dd>
        </div>
        <div>
          <dt>Radicada</dt>
          <dd>
            {formatDay(view.filedOn)} · {channelLabel(view.channel)}
          </dd>
        </div>
        {!view.closed && (
          <div>
            <dt>Fecha máxima de respuesta</dt>
            <dd>
              {formatDayWithWeekday(view.dueOn)}{' '}
              <span className={DUE_BADGES[view.dueCategory]}>{DUE_LABELS[view.dueCategory]}</span>
              {view.dueCategory === 'pausado' && (
                <>
                  {' '}
                  <span className="muted">(la fecha se corre mientras esperamos su información)</span>
                </>
              )}
            </dd>
          </div>
        )}
        {view.extendedUntil && (
          <div>
            <dt>Plazo prorrogado hasta</dt>
            <dd>{formatDay(view.extendedUntil)}</dd>
          </div>
        )}
        <div>
          <dt>Dependencia</dt>
          <dd>{view.dependencia}</dd>
        </div>
        {view.transferredTo && (
          <div>
            <dt>Trasladada a</dt>
            <dd>{view.transferredTo}</dd>
          </div>
        )}
        {view.duplicateOf && (
          <div>
            <dt>Repite la solicitud</dt>
            <dd>{view.duplicateOf}</dd>
          </div>
        )}
      </dl>

      {view.transferredTo && (
        <Alert tone="info" title="Su solicitud fue trasladada">
          No es competencia de la Alcaldía. La enviamos a <strong>{view.transferredTo}</strong>, que le
          responderá directamente (artículo 21 de la Ley 1755 de 2015).
        </Alert>
      )}

      {view.state === 'esperando_informacion' && (
        <>
          <Alert tone="warning" title="Necesitamos información suya">
            <p className="preformatted">
              {view.waitingForInformation ?? 'Revise el correo que le enviamos.'}
            </p>
            <p>
              El término para responderle está suspendido hasta que nos la envíe. Si no la recibimos en un
              mes, se entenderá que desistió de la solicitud (artículo 17 de la Ley 1755 de 2015).
            </p>
          </Alert>
          <InformationForm
            view={view}
            secret={secret}
            Heading={Sub}
            onSent={(updated) => {
              setSent(true);
              onUpdated(updated);
            }}
          />
        </>
      )}

      <AnswerSection view={view} secret={secret} Heading={Sub} />

      <section aria-labelledby={`historial-${view.radicado}`}>
        <Sub id={`historial-${view.radicado}`}>Historial</Sub>
        <Timeline
          label={`Historial de la solicitud ${view.radicado}`}
          steps={view.history.map((step, index) => ({
            key: `${index}-${step.at}`,
            at: step.at,
            title: step.label,
            detail: step.detail ? <span className="preformatted">{step.detail}</span> : undefined,
          }))}
        />
      </section>
    </section>
  );
}

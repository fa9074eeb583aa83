import { type FormEvent, type ReactNode, useId, useRef, useState } from 'react';
import { Link, useLocation, useParams } from 'react-router-dom';
import { api } from '../../app/api';
import { useApiGet } from '../../app/useApiGet';
import { useFormSubmit } from '../../app/useFormSubmit';
import { Alert } from '../../platform/Alert';
import { CheckboxField, FormErrorSummary, SelectField } from '../../platform/fields';
import { formatDateTime } from '../../platform/format';
import { Loading } from '../../platform/Loading';
import { Page } from '../../platform/Page';
import { FilesField, MAX_ATTACHMENTS, TextAreaField } from './fields';
import { uploadAll } from './http';
import {
  cleanFieldErrors,
  cleanMessage,
  DUE_BADGES,
  formatHours,
  formatSize,
  HELPDESK_API,
  HELPDESK_BASE,
  SLA_STATUS_BADGES,
  SLA_STATUS_LABELS,
  stateBadge,
} from './labels';
import { useCatalogue } from './NewTicketPage';
import type { Attachment, SlaView, Ticket, TicketAction } from './types';
import './helpdesk.css';

type Reload = (message: string) => void;

function AttachmentList({ files, label }: { files: Attachment[]; label: string }) {
  if (files.length === 0) return null;
  return (
    <ul className="link-list" aria-label={label}>
      {files.map((file) => (
        <li key={file.id}>
          <a href={file.url} download>
            {file.name}
          </a>{' '}
          <span className="muted">({formatSize(file.size)})</span>
        </li>
      ))}
    </ul>
  );
}

function SlaLine({ sla, what }: { sla: SlaView; what: string }) {
  return (
    <>
      <span className={SLA_STATUS_BADGES[sla.status]}>{SLA_STATUS_LABELS[sla.status]}</span>{' '}
      {sla.status === 'no_aplica'
        ? 'El ticket se canceló.'
        : sla.at
          ? `${what} en ${formatHours(sla.businessHours)} hábiles (meta: ${formatHours(sla.hours)}).`
          : `Meta: ${formatHours(sla.hours)} hábiles; vence ${formatDateTime(sla.dueAt)}.`}
    </>
  );
}

/** One form per button of the workflow (comment first when the step needs one). */
function ActionForm({ ticket, action, onDone }: { ticket: Ticket; action: TicketAction; onDone: Reload }) {
  const [comment, setComment] = useState('');
  const { formRef, pending, errors, submit, rejectIfInvalid } = useFormSubmit();
  const id = useId();
  const commentLabel: Record<string, string> = {
    resolver: 'Solución aplicada',
    esperar_usuario: 'Qué necesita del solicitante',
    reabrir: 'Por qué reabre el ticket',
    cancelar: 'Motivo de la cancelación',
  };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (
      action.requiresComment &&
      rejectIfInvalid(comment.trim() ? {} : { comment: 'Escriba el comentario.' })
    )
      return;
    void submit(async () => {
      await api.post(`${HELPDESK_API}/tickets/${ticket.id}/acciones`, {
        action: action.code,
        ...(comment.trim() ? { comment: comment.trim() } : {}),
        expectedVersion: ticket.version,
      });
      onDone(`${action.label}: hecho.`);
    });
  };
  const fields = cleanFieldErrors(errors.fields);
  return (
    <form ref={formRef} className="form" noValidate onSubmit={onSubmit} aria-labelledby={`${id}-titulo`}>
      <h3 id={`${id}-titulo`}>{action.label}</h3>
      <FormErrorSummary message={errors.summary ? cleanMessage(errors.summary) : null} />
      {action.requiresComment && (
        <TextAreaField
          label={commentLabel[action.code] ?? 'Comentario'}
          name="comment"
          value={comment}
          onChange={(event) => setComment(event.target.value)}
          maxLength={5000}
          error={fields.comment}
        />
      )}
      <div className="form__actions">
        <button
          type="submit"
          className={action.code === 'cancelar' ? 'button button--secondary' : 'button'}
          disabled={pending}
        >
          {action.label}
        </button>
      </div>
    </form>
  );
}

function CommentForm({ ticket, onDone }: { ticket: Ticket; onDone: Reload }) {
  const [comment, setComment] = useState('');
  const [internal, setInternal] = useState(false);
  const filesRef = useRef<HTMLInputElement>(null);
  const { formRef, pending, errors, submit, rejectIfInvalid } = useFormSubmit();
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const files = [...(filesRef.current?.files ?? [])];
    const problems: Record<string, string> = {};
    if (!comment.trim()) problems.comment = 'Escriba el comentario.';
    if (files.length > MAX_ATTACHMENTS)
      problems.attachments = `Adjunte como máximo ${MAX_ATTACHMENTS} archivos.`;
    if (rejectIfInvalid(problems)) return;
    void submit(async () => {
      const attachmentFileIds = await uploadAll(files);
      await api.post(`${HELPDESK_API}/tickets/${ticket.id}/comentarios`, {
        comment: comment.trim(),
        ...(internal ? { internal: true } : {}),
        attachmentFileIds,
      });
      setComment('');
      if (filesRef.current) filesRef.current.value = '';
      onDone(internal ? 'Nota interna guardada.' : 'Comentario enviado.');
    });
  };
  const fields = cleanFieldErrors(errors.fields);
  return (
    <form ref={formRef} className="form" noValidate onSubmit={onSubmit} aria-labelledby="mda-comentar">
      <h3 id="mda-comentar">Comentar</h3>
      <FormErrorSummary message={errors.summary ? cleanMessage(errors.summary) : null} />
      <TextAreaField
        label="Comentario"
        name="comment"
        hint={
          ticket.state === 'esperando_usuario' && !ticket.permissions.internalNote
            ? 'Su respuesta reanuda la atención del ticket.'
            : undefined
        }
        value={comment}
        onChange={(event) => setComment(event.target.value)}
        maxLength={5000}
        error={fields.comment}
      />
      {ticket.permissions.internalNote && (
        <CheckboxField
          name="internal"
          label="Nota interna: solo la ve la Oficina TIC"
          checked={internal}
          onChange={(event) => setInternal(event.target.checked)}
        />
      )}
      <FilesField
        label="Adjuntos (opcional)"
        name="attachments"
        hint="PDF, PNG o JPEG."
        inputRef={filesRef}
        error={fields.attachments ?? fields.attachmentFileIds}
      />
      <div className="form__actions">
        <button type="submit" className="button" disabled={pending}>
          Enviar comentario
        </button>
      </div>
    </form>
  );
}

function TakeForm({ ticket, onDone }: { ticket: Ticket; onDone: Reload }) {
  const { formRef, pending, errors, submit } = useFormSubmit();
  return (
    <form
      ref={formRef}
      className="form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void submit(async () => {
          await api.post(`${HELPDESK_API}/tickets/${ticket.id}/tomar`, { expectedVersion: ticket.version });
          onDone('Usted tomó el ticket: ya está en atención.');
        });
      }}
      aria-label="Tomar el ticket"
    >
      <FormErrorSummary message={errors.summary ? cleanMessage(errors.summary) : null} />
      <button type="submit" className="button" disabled={pending}>
        Tomar el ticket
      </button>
    </form>
  );
}

function AssignForm({ ticket, onDone }: { ticket: Ticket; onDone: Reload }) {
  const technicians = useApiGet<{ items: { id: string; fullName: string }[] }>(`${HELPDESK_API}/tecnicos`);
  const [technicianId, setTechnicianId] = useState('');
  const { formRef, pending, errors, submit, rejectIfInvalid } = useFormSubmit();
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (rejectIfInvalid(technicianId ? {} : { technicianId: 'Elija el técnico.' })) return;
    void submit(async () => {
      await api.post(`${HELPDESK_API}/tickets/${ticket.id}/asignar`, {
        technicianId,
        expectedVersion: ticket.version,
      });
      onDone('Ticket asignado.');
    });
  };
  return (
    <form ref={formRef} className="form" noValidate onSubmit={onSubmit} aria-labelledby="mda-asignar">
      <h3 id="mda-asignar">{ticket.assignee ? 'Reasignar' : 'Asignar a un técnico'}</h3>
      <FormErrorSummary message={errors.summary ? cleanMessage(errors.summary) : null} />
      <SelectField
        label="Técnico"
        name="technicianId"
        value={technicianId}
        onChange={(event) => setTechnicianId(event.target.value)}
        error={cleanFieldErrors(errors.fields).technicianId}
        options={[
          { value: '', label: technicians.loading ? 'Cargando…' : 'Elija un técnico' },
          ...(technicians.data?.items ?? []).map((row) => ({ value: row.id, label: row.fullName })),
        ]}
      />
      <div className="form__actions">
        <button type="submit" className="button" disabled={pending}>
          Asignar
        </button>
      </div>
    </form>
  );
}

function PriorityForm({ ticket, onDone }: { ticket: Ticket; onDone: Reload }) {
  const catalogue = useCatalogue();
  const [priority, setPriority] = useState<string>(ticket.priority);
  const [reason, setReason] = useState('');
  const { formRef, pending, errors, submit, rejectIfInvalid } = useFormSubmit();
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const problems: Record<string, string> = {};
    if (priority === ticket.priority) problems.priority = 'Elija una prioridad distinta de la actual.';
    if (reason.trim().length < 5) problems.reason = 'Explique el motivo (al menos 5 caracteres).';
    if (rejectIfInvalid(problems)) return;
    void submit(async () => {
      await api.post(`${HELPDESK_API}/tickets/${ticket.id}/prioridad`, { priority, reason: reason.trim() });
      onDone('Prioridad cambiada: el nuevo tiempo de solución cuenta desde la apertura.');
    });
  };
  const fields = cleanFieldErrors(errors.fields);
  return (
    <form ref={formRef} className="form" noValidate onSubmit={onSubmit} aria-labelledby="mda-prioridad">
      <h3 id="mda-prioridad">Cambiar la prioridad</h3>
      <FormErrorSummary message={errors.summary ? cleanMessage(errors.summary) : null} />
      <SelectField
        label="Nueva prioridad"
        name="priority"
        value={priority}
        onChange={(event) => setPriority(event.target.value)}
        error={fields.priority}
        options={(catalogue.data?.priorities ?? []).map((row) => ({
          value: row.code,
          label: `${row.label} (solución en ${formatHours(row.solutionHours)})`,
        }))}
      />
      <TextAreaField
        label="Motivo"
        name="reason"
        value={reason}
        onChange={(event) => setReason(event.target.value)}
        maxLength={1000}
        error={fields.reason}
      />
      <div className="form__actions">
        <button type="submit" className="button button--secondary" disabled={pending}>
          Cambiar la prioridad
        </button>
      </div>
    </form>
  );
}

const SCORES = [
  { value: '5', label: '5 — Excelente' },
  { value: '4', label: '4 — Buena' },
  { value: '3', label: '3 — Aceptable' },
  { value: '2', label: '2 — Mala' },
  { value: '1', label: '1 — Muy mala' },
];

function RatingForm({ ticket, onDone }: { ticket: Ticket; onDone: Reload }) {
  const [score, setScore] = useState('');
  const [comment, setComment] = useState('');
  const { formRef, pending, errors, submit, rejectIfInvalid } = useFormSubmit();
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (rejectIfInvalid(score ? {} : { score: 'Elija una calificación de 1 a 5.' })) return;
    void submit(async () => {
      await api.post(`${HELPDESK_API}/tickets/${ticket.id}/calificacion`, {
        score: Number(score),
        ...(comment.trim() ? { comment: comment.trim() } : {}),
      });
      onDone('Gracias por calificar la atención.');
    });
  };
  const fields = cleanFieldErrors(errors.fields);
  return (
    <form ref={formRef} className="form" noValidate onSubmit={onSubmit} aria-labelledby="mda-calificar">
      <h3 id="mda-calificar">Califique la atención</h3>
      <FormErrorSummary message={errors.summary ? cleanMessage(errors.summary) : null} />
      <SelectField
        label="Calificación"
        name="score"
        value={score}
        onChange={(event) => setScore(event.target.value)}
        hint="Se califica una sola vez."
        error={fields.score}
        options={[{ value: '', label: 'Elija de 1 a 5' }, ...SCORES]}
      />
      <TextAreaField
        label="Comentario (opcional)"
        name="ratingComment"
        value={comment}
        onChange={(event) => setComment(event.target.value)}
        maxLength={1000}
        error={fields.comment}
      />
      <div className="form__actions">
        <button type="submit" className="button" disabled={pending}>
          Enviar calificación
        </button>
      </div>
    </form>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  const id = useId();
  return (
    <section aria-labelledby={id} className="panel panel--wide">
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}

/** /admin/mesa-de-ayuda/tickets/:id: the ticket's page for the requester and for the Oficina TIC. */
export function TicketPage() {
  const { id = '' } = useParams();
  const location = useLocation();
  const ticket = useApiGet<Ticket>(`${HELPDESK_API}/tickets/${encodeURIComponent(id)}`);
  const [message, setMessage] = useState<string | null>(
    (location.state as { message?: string } | null)?.message ?? null,
  );
  const onDone: Reload = (text) => {
    setMessage(text);
    ticket.reload();
  };
  const data = ticket.data;

  return (
    <Page title={data ? `Ticket ${data.number}` : 'Ticket de la mesa de ayuda'}>
      <p>
        <Link to={HELPDESK_BASE}>Mis tickets</Link>
      </p>
      {message && <Alert tone="success">{message}</Alert>}
      {ticket.loading && !data && <Loading label="Cargando el ticket…" />}
      {ticket.error && <Alert tone="error">{ticket.error.detail}</Alert>}
      {data && (
        <>
          <p className="mda-number">
            {data.subject} <span className={stateBadge(data.state)}>{data.stateLabel}</span>
          </p>
          <dl className="data-list">
            <div>
              <dt>Categoría</dt>
              <dd>{data.categoryLabel}</dd>
            </div>
            <div>
              <dt>Prioridad</dt>
              <dd>{data.priorityLabel}</dd>
            </div>
            <div>
              <dt>Solicitante</dt>
              <dd>
                {data.requester.name}
                {data.requester.dependencia ? ` — ${data.requester.dependencia}` : ''}
              </dd>
            </div>
            <div>
              <dt>Técnico</dt>
              <dd>{data.assignee?.name ?? 'Sin asignar'}</dd>
            </div>
            <div>
              <dt>Abierto</dt>
              <dd>{formatDateTime(data.openedAt)}</dd>
            </div>
            <div>
              <dt>Primera respuesta</dt>
              <dd>
                <SlaLine sla={data.sla.firstResponse} what="Respondido" />
              </dd>
            </div>
            <div>
              <dt>Solución</dt>
              <dd>
                <SlaLine sla={data.sla.solution} what="Resuelto" />
                {!data.closed && data.dueCategory !== 'cerrado' && (
                  <>
                    {' '}
                    <span className={DUE_BADGES[data.dueCategory]}>{data.dueCategoryLabel}</span>
                  </>
                )}
              </dd>
            </div>
            {data.reopenUntil && (
              <div>
                <dt>Puede reabrirlo hasta</dt>
                <dd>{formatDateTime(data.reopenUntil)}</dd>
              </div>
            )}
            {data.reopenCount > 0 && (
              <div>
                <dt>Reaperturas</dt>
                <dd>{data.reopenCount}</dd>
              </div>
            )}
            {data.satisfaction !== null && (
              <div>
                <dt>Calificación</dt>
                <dd>
                  {data.satisfaction} de 5{data.satisfactionComment ? ` — «${data.satisfactionComment}»` : ''}
                </dd>
              </div>
            )}
          </dl>
          <p className="muted">
            Los tiempos cuentan en horas hábiles ({data.sla.officeHours.start}–{data.sla.officeHours.end},
            días hábiles); no corren mientras el ticket espera al solicitante.
          </p>

          <Section title="Descripción">
            <p className="preformatted">{data.description}</p>
            <AttachmentList files={data.attachments} label="Adjuntos del ticket" />
          </Section>

          {(data.actions.length > 0 ||
            data.permissions.take ||
            data.permissions.assign ||
            data.permissions.comment ||
            data.permissions.rate) && (
            <Section title="Qué puede hacer">
              <div className="mda-actions">
                {data.permissions.take && <TakeForm ticket={data} onDone={onDone} />}
                {data.actions.map((action) => (
                  <ActionForm
                    key={`${action.code}-${data.version}`}
                    ticket={data}
                    action={action}
                    onDone={onDone}
                  />
                ))}
                {data.permissions.rate && <RatingForm ticket={data} onDone={onDone} />}
                {data.permissions.comment && <CommentForm ticket={data} onDone={onDone} />}
                {data.permissions.assign && <AssignForm ticket={data} onDone={onDone} />}
                {data.permissions.changePriority && <PriorityForm ticket={data} onDone={onDone} />}
              </div>
            </Section>
          )}

          <Section title="Historial">
            <ol className="timeline" aria-label={`Historial del ticket ${data.number}`}>
              {data.timeline.map((step) => (
                <li
                  key={step.seq}
                  className={step.internal ? 'timeline__step timeline__step--internal' : 'timeline__step'}
                >
                  <p className="timeline__title">
                    {step.actionLabel}
                    {step.stateChanged && step.action !== 'abrir' ? ` → ${step.stateLabel}` : ''}
                    {step.internal ? ' (nota interna)' : ''}
                  </p>
                  <p className="timeline__meta">
                    <time dateTime={step.at}>{formatDateTime(step.at)}</time> · {step.actor}
                  </p>
                  {step.comment && step.action !== 'abrir' && (
                    <div className="timeline__detail">{step.comment}</div>
                  )}
                  <AttachmentList files={step.action === 'abrir' ? [] : step.attachments} label="Adjuntos" />
                </li>
              ))}
            </ol>
          </Section>
        </>
      )}
    </Page>
  );
}

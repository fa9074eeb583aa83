import { type FormEvent, type ReactNode, useRef, useState } from 'react';
import { ApiError, api } from '../../../app/api';
import { hasPermission, useAuth } from '../../../app/auth';
import { useApiGet } from '../../../app/useApiGet';
import { useFormSubmit } from '../../../app/useFormSubmit';
import { Alert } from '../../../platform/Alert';
import { FormErrorSummary, SelectField, TextField } from '../../../platform/fields';
import { checkFiles, FilesField, TextAreaField } from '../fields';
import { postJson } from '../http';
import { API, cleanFieldErrors, cleanMessage, formatDay, newIdempotencyKey } from '../labels';
import { useCatalogue } from '../PqrsdPage';
import type { RequestDetail } from '../types';
import { PQRSD_PERMISSIONS } from './InboxPage';

/** Actions that are not workflow transitions but have their own endpoint. */
const EXTEND = 'prorrogar';
const RECLASSIFY = 'cambiar_tipo';
const NOTE = 'nota_interna';

interface CommentText {
  label: string;
  hint?: string;
  /** Shown when a required comment is missing. */
  missing?: string;
}

/** What the comment of each action is for; the petitioner reads some of them. */
const COMMENT_TEXTS: Record<string, CommentText> = {
  asignar: { label: 'Instrucciones para el funcionario' },
  reasignar: { label: 'Motivo de la reasignación', missing: 'Explique el motivo de la reasignación.' },
  tomar: { label: 'Comentario' },
  solicitar_informacion: {
    label: 'Información que necesita del peticionario',
    hint: 'El peticionario verá este texto en el correo y en la consulta. El término se suspende hasta que responda.',
    missing: 'Escriba la información que necesita del peticionario.',
  },
  recibir_informacion: {
    label: 'Información recibida',
    hint: 'Use esta acción si el peticionario entregó la información por otro medio (ventanilla, correo). El término se reanuda.',
  },
  proyectar_respuesta: { label: 'Comentario para el jefe de la dependencia' },
  devolver_respuesta: {
    label: 'Observaciones para corregir la respuesta',
    missing: 'Escriba las observaciones para corregir la respuesta.',
  },
  aprobar_respuesta: {
    label: 'Comentario',
    hint: 'Al aprobar se expide la respuesta en PDF con código de verificación y se envía al peticionario.',
  },
  trasladar: {
    label: 'Motivo del traslado',
    hint: 'El peticionario lo verá. La ley da 5 días hábiles desde la radicación para trasladar (art. 21 de la Ley 1755 de 2015).',
    missing: 'Explique el motivo del traslado.',
  },
  marcar_duplicada: {
    label: 'Motivo',
    hint: 'El peticionario recibirá la respuesta en el radicado original.',
    missing: 'Explique por qué la solicitud está duplicada.',
  },
  retirar: {
    label: 'Cómo pidió el peticionario el retiro',
    missing: 'Escriba cómo pidió el peticionario el retiro.',
  },
  desistimiento_tacito: { label: 'Comentario' },
};

function commentText(code: string): CommentText {
  return COMMENT_TEXTS[code] ?? { label: 'Comentario' };
}

interface Dependencia {
  id: string;
  code: string;
  name: string;
}

/** Who gets the request: an official of its dependencia or, for coordinators, of another one. */
function AssignFields({
  detail,
  coordinator,
  officialId,
  dependenciaCode,
  errors,
  onChange,
}: {
  detail: RequestDetail;
  coordinator: boolean;
  officialId: string;
  dependenciaCode: string;
  errors: Record<string, string>;
  onChange: (values: { officialId: string; dependenciaCode: string }) => void;
}) {
  const offices = useApiGet<{ items: Dependencia[] }>(coordinator ? '/api/v1/admin/dependencias' : null);
  const current = offices.data?.items.find((office) => office.id === detail.case.dependenciaId);
  const chosen = dependenciaCode || current?.code || '';
  const otherOffice = coordinator && current !== undefined && chosen !== current.code;
  const others = useApiGet<{ items: { id: string; fullName: string }[] }>(
    otherOffice ? `${API}/funcionarios?dependencia=${encodeURIComponent(chosen)}` : null,
  );
  const officials = otherOffice ? (others.data?.items ?? []) : detail.assignableOfficials;
  return (
    <>
      {coordinator && (
        <SelectField
          label="Dependencia"
          name="assignTo.dependenciaCode"
          hint="Cambie la dependencia si el tema es de otra."
          value={chosen}
          onChange={(event) => onChange({ officialId: '', dependenciaCode: event.target.value })}
          options={(offices.data?.items ?? []).map((office) => ({ value: office.code, label: office.name }))}
          error={errors['assignTo.dependenciaCode']}
        />
      )}
      {others.error && <Alert tone="error">{others.error.detail}</Alert>}
      <SelectField
        label="Funcionario"
        name="assignTo"
        value={officialId}
        onChange={(event) => onChange({ officialId: event.target.value, dependenciaCode })}
        options={[
          {
            value: '',
            label: officials.length === 0 ? 'No hay funcionarios en la dependencia' : 'Elija un funcionario',
          },
          ...officials.map((official) => ({ value: official.id, label: official.fullName })),
        ]}
        error={errors.assignTo}
      />
    </>
  );
}

/** The answer's text: from a template of the municipality, edited by the official. */
function AnswerFields({
  detail,
  template,
  text,
  errors,
  onChange,
}: {
  detail: RequestDetail;
  template: string;
  text: string;
  errors: Record<string, string>;
  onChange: (values: { template: string; text: string }) => void;
}) {
  const [loading, setLoading] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const fillFromTemplate = async () => {
    if (!template) {
      setProblem('Elija una plantilla.');
      return;
    }
    setLoading(true);
    setProblem(null);
    try {
      const filled = await api.get<{ template: string; text: string }>(
        `${API}/solicitudes/${detail.id}/plantillas/${encodeURIComponent(template)}`,
      );
      onChange({ template: filled.template, text: filled.text });
    } catch (error) {
      setProblem(error instanceof ApiError ? error.detail : 'No fue posible cargar la plantilla.');
    } finally {
      setLoading(false);
    }
  };
  return (
    <>
      <SelectField
        label="Plantilla de respuesta"
        name="answer.template"
        value={template}
        onChange={(event) => onChange({ template: event.target.value, text })}
        options={[
          { value: '', label: 'Elija una plantilla' },
          ...detail.templates.map((option) => ({
            value: option.code,
            label: option.deniesInformation ? `${option.label} (niega información)` : option.label,
          })),
        ]}
        error={errors['answer.template'] ?? problem ?? undefined}
      />
      <p>
        <button
          type="button"
          className="button button--secondary button--small"
          onClick={fillFromTemplate}
          disabled={loading}
        >
          {loading ? 'Cargando…' : text ? 'Volver a llenar con la plantilla' : 'Usar la plantilla'}
        </button>
      </p>
      <TextAreaField
        label="Texto de la respuesta"
        name="answer.text"
        hint="Complete o borre los espacios entre corchetes [ ]. El jefe de la dependencia la revisa antes de enviarla."
        rows={14}
        maxLength={20_000}
        value={text}
        onChange={(event) => onChange({ template, text: event.target.value })}
        error={errors['answer.text'] ?? errors.answer}
      />
    </>
  );
}

interface FormValues {
  comment: string;
  officialId: string;
  dependenciaCode: string;
  transferTo: string;
  duplicateOf: string;
  template: string;
  text: string;
  newDueOn: string;
  type: string;
}

function ActionForm({
  detail,
  code,
  label,
  requiresComment,
  coordinator,
  onDone,
}: {
  detail: RequestDetail;
  code: string;
  label: string;
  requiresComment: boolean;
  coordinator: boolean;
  onDone: (detail: RequestDetail, label: string) => void;
}) {
  const catalogue = useCatalogue();
  const [values, setValues] = useState<FormValues>({
    comment: '',
    officialId: '',
    dependenciaCode: '',
    transferTo: '',
    duplicateOf: '',
    template: detail.responseTemplate ?? '',
    text: detail.responseDraft ?? '',
    newDueOn: '',
    type: '',
  });
  const [idempotencyKey] = useState(newIdempotencyKey);
  const [conflict, setConflict] = useState(false);
  const filesRef = useRef<HTMLInputElement>(null);
  const { formRef, pending, errors, submit, rejectIfInvalid } = useFormSubmit();
  const fields = cleanFieldErrors(errors.fields);
  const workflowAction = code !== EXTEND && code !== RECLASSIFY && code !== NOTE;
  const assigns = code === 'asignar' || code === 'reasignar';
  const set = (changes: Partial<FormValues>) => setValues((current) => ({ ...current, ...changes }));

  const problemsOf = (): Record<string, string> => {
    const problems: Record<string, string> = {};
    const comment = values.comment.trim();
    if (code === EXTEND) {
      if (!values.newDueOn) problems.newDueOn = 'Elija la nueva fecha de respuesta.';
      else if (values.newDueOn <= detail.case.dueOn)
        problems.newDueOn = 'La nueva fecha debe ser posterior a la fecha de vencimiento actual.';
      if (comment.length < 10)
        problems.reason = 'Explique al peticionario el motivo de la demora (mínimo 10 caracteres).';
      return problems;
    }
    if (code === RECLASSIFY) {
      if (!values.type) problems.type = 'Elija el nuevo tipo.';
      if (comment.length < 5) problems.reason = 'Explique el motivo (mínimo 5 caracteres).';
      return problems;
    }
    if (code === NOTE) {
      if (comment.length < 2) problems.comment = 'Escriba la nota.';
      return problems;
    }
    if (requiresComment && !comment) problems.comment = commentText(code).missing ?? 'Escriba el comentario.';
    if (assigns && !values.officialId) problems.assignTo = 'Elija el funcionario que recibe la solicitud.';
    if (code === 'trasladar' && values.transferTo.trim().length < 3)
      problems.transferTo = 'Escriba la autoridad competente a la que se traslada.';
    if (code === 'marcar_duplicada' && !values.duplicateOf.trim())
      problems.duplicateOf = 'Escriba el radicado de la solicitud original.';
    if (code === 'proyectar_respuesta') {
      if (!values.template) problems['answer.template'] = 'Elija la plantilla de la que parte la respuesta.';
      if (values.text.trim().length < 20)
        problems['answer.text'] = 'Escriba la respuesta (mínimo 20 caracteres).';
      else if (/\[[^\]]{3,}\]/.test(values.text))
        problems['answer.text'] = 'Complete o borre los espacios entre corchetes de la plantilla.';
    }
    const fileProblem = checkFiles(Array.from(filesRef.current?.files ?? []), 5, 10);
    if (fileProblem) problems.adjunto = fileProblem;
    return problems;
  };

  const send = async (): Promise<RequestDetail> => {
    const base = `${API}/solicitudes/${detail.id}`;
    const comment = values.comment.trim();
    if (code === EXTEND)
      return api.post<RequestDetail>(`${base}/prorroga`, { newDueOn: values.newDueOn, reason: comment });
    if (code === RECLASSIFY)
      return api.post<RequestDetail>(`${base}/tipo`, { type: values.type, reason: comment });
    if (code === NOTE) return api.post<RequestDetail>(`${base}/comentarios`, { comment });
    const body = {
      action: code,
      comment: comment || null,
      expectedVersion: detail.case.version,
      ...(assigns
        ? {
            assignTo: {
              userId: values.officialId,
              ...(values.dependenciaCode ? { dependenciaCode: values.dependenciaCode } : {}),
            },
          }
        : {}),
      ...(code === 'trasladar' ? { transferTo: values.transferTo.trim() } : {}),
      ...(code === 'marcar_duplicada' ? { duplicateOf: values.duplicateOf.trim().toUpperCase() } : {}),
      ...(code === 'proyectar_respuesta'
        ? { answer: { template: values.template, text: values.text.trim() } }
        : {}),
    };
    const files = Array.from(filesRef.current?.files ?? []);
    let payload: FormData | typeof body = body;
    if (files.length > 0) {
      const form = new FormData();
      form.append('accion', JSON.stringify(body));
      for (const file of files) form.append('adjunto', file, file.name);
      payload = form;
    }
    return postJson<RequestDetail>(`${base}/acciones`, payload, { 'Idempotency-Key': idempotencyKey });
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (rejectIfInvalid(problemsOf())) return;
    setConflict(false);
    void submit(async () => {
      try {
        onDone(await send(), label);
      } catch (error) {
        if (error instanceof ApiError && error.status === 409) setConflict(true);
        throw error;
      }
    });
  };

  const comment = commentText(code);
  let commentField: ReactNode;
  if (code === EXTEND || code === RECLASSIFY) {
    commentField = (
      <TextAreaField
        label={code === EXTEND ? 'Motivo de la prórroga' : 'Motivo del cambio de tipo'}
        name="reason"
        hint={code === EXTEND ? 'El peticionario recibirá este motivo y la nueva fecha.' : undefined}
        rows={4}
        value={values.comment}
        onChange={(event) => set({ comment: event.target.value })}
        error={fields.reason}
        required
      />
    );
  } else {
    const required = code === NOTE || requiresComment;
    commentField = (
      <TextAreaField
        label={code === NOTE ? 'Nota interna' : required ? comment.label : `${comment.label} (opcional)`}
        name="comment"
        hint={code === NOTE ? 'Solo la ven los funcionarios.' : comment.hint}
        rows={4}
        maxLength={5_000}
        value={values.comment}
        onChange={(event) => set({ comment: event.target.value })}
        error={fields.comment}
        required={required}
      />
    );
  }

  return (
    <form ref={formRef} className="form" noValidate onSubmit={onSubmit}>
      <FormErrorSummary message={errors.summary ? cleanMessage(errors.summary) : null} />
      {conflict && (
        <p>
          <button type="button" className="button button--secondary" onClick={() => window.location.reload()}>
            Recargar la solicitud
          </button>
        </p>
      )}
      {assigns && (
        <AssignFields
          detail={detail}
          coordinator={coordinator}
          officialId={values.officialId}
          dependenciaCode={values.dependenciaCode}
          errors={fields}
          onChange={set}
        />
      )}
      {code === 'proyectar_respuesta' && (
        <AnswerFields
          detail={detail}
          template={values.template}
          text={values.text}
          errors={fields}
          onChange={set}
        />
      )}
      {(code === 'aprobar_respuesta' || code === 'devolver_respuesta') && detail.responseDraft && (
        <section aria-labelledby="proyecto-a-revisar">
          <h3 id="proyecto-a-revisar">Respuesta a revisar</h3>
          <p className="pqrsd-draft">{detail.responseDraft}</p>
        </section>
      )}
      {code === 'trasladar' && (
        <TextField
          label="Autoridad competente"
          name="transferTo"
          hint="La entidad a la que se envía la solicitud, por ejemplo: Superintendencia de Servicios Públicos Domiciliarios."
          maxLength={200}
          autoComplete="off"
          value={values.transferTo}
          onChange={(event) => set({ transferTo: event.target.value })}
          error={fields.transferTo}
          required
        />
      )}
      {code === 'marcar_duplicada' && (
        <TextField
          label="Radicado de la solicitud original"
          name="duplicateOf"
          hint="Por ejemplo: 2026-PQRSD-000123."
          autoComplete="off"
          value={values.duplicateOf}
          onChange={(event) => set({ duplicateOf: event.target.value })}
          error={fields.duplicateOf}
          required
        />
      )}
      {code === EXTEND && (
        <TextField
          label="Nueva fecha máxima de respuesta"
          name="newDueOn"
          type="date"
          hint={`Hoy vence el ${formatDay(detail.case.dueOn)}. La prórroga no puede superar el doble del término legal (${detail.termDays * 2} días hábiles en total).`}
          value={values.newDueOn}
          min={detail.case.dueOn}
          onChange={(event) => set({ newDueOn: event.target.value })}
          error={fields.newDueOn}
          required
        />
      )}
      {code === RECLASSIFY && (
        <SelectField
          label="Nuevo tipo de solicitud"
          name="type"
          hint="El término se recalcula desde la radicación y conserva las suspensiones."
          value={values.type}
          onChange={(event) => set({ type: event.target.value })}
          options={[
            { value: '', label: 'Elija el tipo' },
            ...(catalogue.data?.types ?? [])
              .filter((type) => type.code !== detail.type)
              .map((type) => ({ value: type.code, label: `${type.label} (${type.termDays} días hábiles)` })),
          ]}
          error={fields.type}
        />
      )}
      {commentField}
      {workflowAction && (
        <FilesField
          label="Documentos (opcional)"
          name="adjunto"
          hint="Hasta 5 archivos de máximo 10 MB: PDF, JPG, PNG, TIFF, Word o Excel."
          inputRef={filesRef}
          error={fields.adjunto ?? fields.adjuntos ?? fields.file}
        />
      )}
      <div className="form__actions">
        <button type="submit" className="button" disabled={pending}>
          {pending ? 'Guardando…' : label}
        </button>
      </div>
    </form>
  );
}

/** The actions the API lists for this official, plus extension, reclassification and internal notes. */
export function ActionPanel({
  detail,
  onDone,
}: {
  detail: RequestDetail;
  onDone: (detail: RequestDetail, label: string) => void;
}) {
  const { user } = useAuth();
  const coordinator = hasPermission(user, PQRSD_PERMISSIONS.coordinate);
  const open = detail.case.closedAt === null;
  const options = [
    ...detail.actions.map((action) => ({
      code: action.code,
      label: action.label,
      requiresComment: action.requiresComment,
    })),
    ...(detail.mayExtend ? [{ code: EXTEND, label: 'Prorrogar el término', requiresComment: true }] : []),
    ...(open && coordinator
      ? [{ code: RECLASSIFY, label: 'Cambiar el tipo de solicitud', requiresComment: true }]
      : []),
    ...(open ? [{ code: NOTE, label: 'Dejar una nota interna', requiresComment: true }] : []),
  ];
  const [chosen, setChosen] = useState('');
  const selected = options.find((option) => option.code === chosen) ?? options[0];

  return (
    <section className="panel panel--wide" aria-labelledby="acciones">
      <h2 id="acciones">Acciones</h2>
      {!selected ? (
        <p>{open ? 'No tiene acciones disponibles en esta solicitud.' : 'La solicitud está cerrada.'}</p>
      ) : (
        <>
          <SelectField
            label="¿Qué desea hacer?"
            name="accion"
            value={selected.code}
            onChange={(event) => setChosen(event.target.value)}
            options={options.map((option) => ({ value: option.code, label: option.label }))}
          />
          <ActionForm
            key={`${selected.code}-${detail.case.version}`}
            detail={detail}
            code={selected.code}
            label={selected.label}
            requiresComment={selected.requiresComment}
            coordinator={coordinator}
            onDone={(next, label) => {
              setChosen('');
              onDone(next, label);
            }}
          />
        </>
      )}
    </section>
  );
}

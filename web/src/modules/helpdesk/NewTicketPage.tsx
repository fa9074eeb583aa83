import { type FormEvent, useRef, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { useApiGet } from '../../app/useApiGet';
import { useFormSubmit } from '../../app/useFormSubmit';
import { Alert } from '../../platform/Alert';
import { FormErrorSummary, SelectField, TextField } from '../../platform/fields';
import { Loading } from '../../platform/Loading';
import { Page } from '../../platform/Page';
import { FilesField, MAX_ATTACHMENTS, TextAreaField } from './fields';
import { newIdempotencyKey, postWithHeaders, uploadAll } from './http';
import { cleanFieldErrors, cleanMessage, formatHours, HELPDESK_API, HELPDESK_BASE } from './labels';
import type { Catalogue, Priority, Ticket } from './types';

const MAX_MB = 10;

/** The form's catalogue (categories and priorities with their SLAs). */
export function useCatalogue() {
  return useApiGet<Catalogue>(`${HELPDESK_API}/catalogo`);
}

/** /admin/mesa-de-ayuda/nuevo: any official opens a ticket for the Oficina TIC. */
export function NewTicketPage() {
  const catalogue = useCatalogue();
  const navigate = useNavigate();
  const filesRef = useRef<HTMLInputElement>(null);
  const [values, setValues] = useState({
    category: '',
    priority: 'media' as Priority,
    subject: '',
    description: '',
  });
  // One key per form: a double click or a retry after a network error opens one ticket.
  const [idempotencyKey] = useState(newIdempotencyKey);
  const { formRef, pending, errors, submit, rejectIfInvalid } = useFormSubmit();

  const set = (name: keyof typeof values) => (event: { target: { value: string } }) =>
    setValues({ ...values, [name]: event.target.value });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const files = [...(filesRef.current?.files ?? [])];
    const problems: Record<string, string> = {};
    if (!values.category) problems.category = 'Elija la categoría.';
    if (values.subject.trim().length < 5) problems.subject = 'Escriba el asunto (al menos 5 caracteres).';
    if (values.description.trim().length < 10)
      problems.description = 'Describa el problema (al menos 10 caracteres).';
    if (files.length > MAX_ATTACHMENTS)
      problems.attachments = `Adjunte como máximo ${MAX_ATTACHMENTS} archivos.`;
    const big = files.find((file) => file.size > MAX_MB * 1024 * 1024);
    if (big) problems.attachments = `«${big.name}» supera el tamaño máximo de ${MAX_MB} MB.`;
    if (rejectIfInvalid(problems)) return;
    void submit(async () => {
      const attachmentFileIds = await uploadAll(files);
      const ticket = await postWithHeaders<Ticket>(
        `${HELPDESK_API}/tickets`,
        {
          category: values.category,
          priority: values.priority,
          subject: values.subject.trim(),
          description: values.description.trim(),
          attachmentFileIds,
        },
        { 'Idempotency-Key': idempotencyKey },
      );
      navigate(`${HELPDESK_BASE}/tickets/${ticket.id}`, {
        state: {
          message: `Ticket ${ticket.number} abierto. La Oficina TIC lo atenderá en orden de vencimiento.`,
        },
      });
    });
  };

  const fieldErrors = cleanFieldErrors(errors.fields);
  const summary = errors.summary ? cleanMessage(errors.summary) : null;
  const priority = catalogue.data?.priorities.find((row) => row.code === values.priority);
  const category = catalogue.data?.categories.find((row) => row.code === values.category);

  return (
    <Page
      title="Abrir un ticket"
      heading="Abrir un ticket de soporte"
      lead="Cuéntele a la Oficina TIC qué pasa: un técnico lo atenderá y usted podrá seguir el ticket en «Mis tickets»."
    >
      <p>
        <Link to={HELPDESK_BASE}>Volver a mis tickets</Link>
      </p>
      {catalogue.loading && !catalogue.data && <Loading label="Cargando las categorías…" />}
      {catalogue.error && <Alert tone="error">{catalogue.error.detail}</Alert>}
      {catalogue.data && (
        <form ref={formRef} className="form" noValidate onSubmit={onSubmit}>
          <FormErrorSummary message={summary} />
          <SelectField
            label="Categoría"
            name="category"
            value={values.category}
            onChange={set('category')}
            hint={category?.description ?? 'Elija la que mejor describa el problema.'}
            error={fieldErrors.category}
            options={[
              { value: '', label: 'Elija una categoría' },
              ...catalogue.data.categories.map((row) => ({ value: row.code, label: row.label })),
            ]}
          />
          <SelectField
            label="Prioridad"
            name="priority"
            value={values.priority}
            onChange={set('priority')}
            hint={
              priority
                ? `${priority.description} Primera respuesta en ${formatHours(priority.firstResponseHours)} hábiles; solución en ${formatHours(priority.solutionHours)} hábiles (horario ${catalogue.data.officeHours.start}–${catalogue.data.officeHours.end}).`
                : undefined
            }
            error={fieldErrors.priority}
            options={catalogue.data.priorities.map((row) => ({ value: row.code, label: row.label }))}
          />
          <TextField
            label="Asunto"
            name="subject"
            value={values.subject}
            onChange={set('subject')}
            maxLength={200}
            error={fieldErrors.subject}
          />
          <TextAreaField
            label="Descripción"
            name="description"
            hint="Qué pasa, desde cuándo, en qué equipo o sistema y qué mensaje aparece."
            value={values.description}
            onChange={set('description')}
            maxLength={5000}
            error={fieldErrors.description}
          />
          <FilesField
            label="Adjuntos (opcional)"
            name="attachments"
            hint={`Pantallazos o documentos en PDF, PNG o JPEG; hasta ${MAX_ATTACHMENTS} archivos de ${MAX_MB} MB.`}
            inputRef={filesRef}
            error={fieldErrors.attachments ?? fieldErrors.attachmentFileIds ?? fieldErrors.file}
          />
          <div className="form__actions">
            <button type="submit" className="button" disabled={pending}>
              {pending ? 'Enviando…' : 'Abrir el ticket'}
            </button>
          </div>
        </form>
      )}
    </Page>
  );
}

import { type FormEvent, useEffect, useRef, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { api } from '../../app/api';
import { useApiGet } from '../../app/useApiGet';
import { useFormSubmit } from '../../app/useFormSubmit';
import { Alert } from '../../platform/Alert';
import { FormErrorSummary, SelectField, TextField } from '../../platform/fields';
import { Page } from '../../platform/Page';
import { FilesField, TextAreaField } from './CorrespondenceFields';
import {
  ADMIN,
  BASE,
  DIRECTION_LABELS,
  dependenciaOptions,
  MEDIUM_LABELS,
  newIdempotencyKey,
  optionsOf,
  trdOptions,
} from './labels';
import type { Direction, ItemDetail, Medium } from './types';
import { useTrd } from './useTrd';

interface FormState {
  direction: Direction;
  subject: string;
  summary: string;
  senderName: string;
  senderEntity: string;
  senderContact: string;
  recipientName: string;
  recipientEntity: string;
  recipientContact: string;
  dependencia: string;
  trdCode: string;
  medium: Medium;
  folios: string;
  pqrsdRadicado: string;
}

const EMPTY: FormState = {
  direction: 'entrada',
  subject: '',
  summary: '',
  senderName: '',
  senderEntity: '',
  senderContact: '',
  recipientName: '',
  recipientEntity: '',
  recipientContact: '',
  dependencia: '',
  trdCode: '',
  medium: 'fisico',
  folios: '0',
  pqrsdRadicado: '',
};

const DEPENDENCIA_HINT: Record<Direction, string> = {
  entrada: 'La dependencia que debe tramitar la comunicación.',
  salida: 'La dependencia que firma y envía la comunicación.',
  interna: 'La dependencia que recibe el memorando.',
};

/** Client-side checks that spare a round trip; the server checks everything again. */
function problemsOf(form: FormState): Record<string, string> {
  const problems: Record<string, string> = {};
  if (form.subject.trim().length < 3) problems.subject = 'Escriba el asunto (al menos 3 caracteres).';
  if (!form.senderName.trim()) problems['sender.name'] = 'Escriba el nombre del remitente.';
  if (!form.recipientName.trim()) problems['recipient.name'] = 'Escriba el nombre del destinatario.';
  if (!form.dependencia) problems.dependencia = 'Elija la dependencia.';
  if (!/^\d{1,5}$/.test(form.folios.trim()))
    problems.folios = 'Escriba el número de folios (0 si llegó solo en digital).';
  return problems;
}

function bodyOf(form: FormState, respondsToId: string | null) {
  const optional = (value: string) => (value.trim() ? value.trim() : undefined);
  return {
    direction: form.direction,
    subject: form.subject.trim(),
    summary: optional(form.summary),
    sender: {
      name: form.senderName.trim(),
      entity: optional(form.senderEntity),
      contact: optional(form.senderContact),
    },
    recipient: {
      name: form.recipientName.trim(),
      entity: optional(form.recipientEntity),
      contact: optional(form.recipientContact),
    },
    dependencia: form.dependencia,
    medium: form.medium,
    folios: Number(form.folios.trim() || '0'),
    trdCode: optional(form.trdCode),
    respondsToId: respondsToId ?? undefined,
    pqrsdRadicado: optional(form.pqrsdRadicado),
  };
}

/** The radicación form of the ventanilla: entrada, salida or interna, with its digitised documents. */
export function RadicarPage() {
  const navigate = useNavigate();
  const [searchParams] = useSearchParams();
  const respondsToId = searchParams.get('respondeA');
  const answered = useApiGet<ItemDetail>(respondsToId ? `${BASE}/radicados/${respondsToId}` : null);
  const trd = useTrd();
  const [form, setForm] = useState<FormState>(EMPTY);
  // One key per form: a second click or a retry after a lost answer gives back the same radicado.
  const [idempotencyKey] = useState(newIdempotencyKey);
  const filesRef = useRef<HTMLInputElement>(null);
  const { formRef, pending, errors, submit, rejectIfInvalid } = useFormSubmit();

  // Answering an entrada: a salida from its dependencia to its sender.
  const original = answered.data;
  useEffect(() => {
    if (!original) return;
    setForm((current) => ({
      ...current,
      direction: 'salida',
      subject:
        current.subject || `Respuesta al radicado ${original.radicado}: ${original.subject}`.slice(0, 300),
      recipientName: original.senderName,
      recipientEntity: original.senderEntity ?? '',
      recipientContact: original.senderContact ?? '',
      dependencia: original.dependencia.code,
      pqrsdRadicado: original.pqrsdRadicado ?? '',
    }));
  }, [original]);

  const bind = (name: keyof FormState, errorName: string = name) => ({
    name: errorName,
    value: form[name],
    error: errors.fields[errorName],
    onChange: (event: { target: { value: string } }) => setForm({ ...form, [name]: event.target.value }),
  });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (rejectIfInvalid(problemsOf(form))) return;
    void submit(async () => {
      const body = new FormData();
      body.append('data', JSON.stringify(bodyOf(form, respondsToId)));
      body.append('idempotencyKey', idempotencyKey);
      for (const file of Array.from(filesRef.current?.files ?? []))
        body.append('attachments', file, file.name);
      const item = await api.post<ItemDetail>(`${BASE}/radicados/formulario`, body);
      navigate(`${ADMIN}/radicados/${item.id}`, { state: { created: item.radicado } });
    });
  };

  return (
    <Page
      title="Radicar comunicación"
      lead="Cada comunicación recibe el siguiente número de su serie (entrada, salida o interna) en el momento de radicarla, con fecha y hora."
    >
      <p>
        <Link to={ADMIN}>Volver a la correspondencia</Link>
      </p>
      {original && (
        <Alert tone="info" title={`Respuesta al radicado ${original.radicado}`}>
          {original.subject}
        </Alert>
      )}
      {trd.error && <Alert tone="error">{trd.error.detail}</Alert>}
      <form ref={formRef} className="form" noValidate onSubmit={onSubmit}>
        <FormErrorSummary message={errors.summary} />
        <SelectField
          label="Tipo de comunicación"
          options={optionsOf(DIRECTION_LABELS)}
          {...bind('direction')}
          disabled={Boolean(respondsToId)}
        />
        <TextField label="Asunto" required maxLength={300} autoComplete="off" {...bind('subject')} />
        <TextAreaField
          label="Resumen (opcional)"
          hint="Lo esencial de la comunicación: también se busca por estas palabras."
          rows={3}
          maxLength={4000}
          {...bind('summary')}
        />
        <fieldset className="fieldset">
          <legend className="field__label">Remitente</legend>
          <TextField
            label="Nombre del remitente"
            required
            autoComplete="off"
            {...bind('senderName', 'sender.name')}
          />
          <TextField
            label="Entidad o empresa del remitente (opcional)"
            autoComplete="off"
            {...bind('senderEntity', 'sender.entity')}
          />
          <TextField
            label="Dirección, correo o teléfono del remitente (opcional)"
            autoComplete="off"
            {...bind('senderContact', 'sender.contact')}
          />
        </fieldset>
        <fieldset className="fieldset">
          <legend className="field__label">Destinatario</legend>
          <TextField
            label="Nombre del destinatario"
            required
            autoComplete="off"
            {...bind('recipientName', 'recipient.name')}
          />
          <TextField
            label="Entidad o dependencia del destinatario (opcional)"
            autoComplete="off"
            {...bind('recipientEntity', 'recipient.entity')}
          />
          <TextField
            label="Dirección, correo o teléfono del destinatario (opcional)"
            autoComplete="off"
            {...bind('recipientContact', 'recipient.contact')}
          />
        </fieldset>
        <SelectField
          label="Dependencia"
          hint={DEPENDENCIA_HINT[form.direction]}
          options={[{ value: '', label: 'Elija una dependencia' }, ...dependenciaOptions(trd.data)]}
          {...bind('dependencia')}
          onChange={(event) => setForm({ ...form, dependencia: event.target.value, trdCode: '' })}
        />
        <SelectField
          label="Serie o subserie documental (TRD)"
          hint="Opcional al radicar: al archivarla en un expediente toma la serie del expediente."
          options={[
            { value: '', label: 'Sin clasificar por ahora' },
            ...trdOptions(trd.data, form.dependencia, false),
          ]}
          {...bind('trdCode')}
        />
        <SelectField label="Medio" options={optionsOf(MEDIUM_LABELS)} {...bind('medium')} />
        <TextField
          label="Folios"
          hint="Hojas en papel; 0 si llegó solo en digital."
          inputMode="numeric"
          {...bind('folios')}
        />
        <TextField
          label="Radicado de la PQRSD (opcional)"
          hint="Si la comunicación hace parte de una PQRSD, por ejemplo 2026-PQRSD-000123."
          autoComplete="off"
          {...bind('pqrsdRadicado')}
        />
        <FilesField
          label="Documentos digitalizados"
          name="attachments"
          hint="PDF, PNG o JPEG; puede elegir varios. Se revisa el contenido de cada archivo, no solo su nombre."
          inputRef={filesRef}
          error={errors.fields.attachments}
        />
        <div className="form__actions">
          <button type="submit" className="button" disabled={pending}>
            {pending ? 'Radicando…' : 'Radicar'}
          </button>
        </div>
      </form>
    </Page>
  );
}

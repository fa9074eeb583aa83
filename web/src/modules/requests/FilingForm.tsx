import { type FormEvent, useRef, useState } from 'react';
import { Link } from 'react-router-dom';
import type { Me } from '../../app/types';
import { useFormSubmit } from '../../app/useFormSubmit';
import { DOCUMENT_TYPES, documentTypeLabel } from '../../platform/documentTypes';
import { CheckboxField, FormErrorSummary, SelectField, TextField } from '../../platform/fields';
import { checkFiles, FilesField, TextAreaField } from './fields';
import { postJson } from './http';
import { API, businessDays, cleanFieldErrors, cleanMessage, newIdempotencyKey } from './labels';
import type { Catalogue, FilingReceipt } from './types';

interface FormState {
  type: string;
  category: string;
  subject: string;
  description: string;
  anonymous: boolean;
  name: string;
  documentType: string;
  documentNumber: string;
  email: string;
  phone: string;
  address: string;
  acceptsPrivacyPolicy: boolean;
}

const EMPTY: FormState = {
  type: '',
  category: '',
  subject: '',
  description: '',
  anonymous: false,
  name: '',
  documentType: 'CC',
  documentNumber: '',
  email: '',
  phone: '',
  address: '',
  acceptsPrivacyPolicy: false,
};

type Mode = 'web' | 'ventanilla';

/** Client-side checks that spare a round trip; the server checks everything again. */
function problemsOf(form: FormState, needsPetitioner: boolean, mode: Mode): Record<string, string> {
  const problems: Record<string, string> = {};
  if (!form.type) problems.type = 'Elija el tipo de solicitud.';
  if (!form.category) problems.category = 'Elija el tema de su solicitud.';
  if (form.subject.trim().length < 5) problems.subject = 'Escriba el asunto (mínimo 5 caracteres).';
  if (form.description.trim().length < 10)
    problems.description = 'Describa su solicitud (mínimo 10 caracteres).';
  if (needsPetitioner) {
    if (form.name.trim().length < 3) problems['petitioner.name'] = 'Escriba el nombre completo.';
    if (!/^[0-9A-Za-z-]{3,20}$/.test(form.documentNumber.trim()))
      problems['petitioner.documentNumber'] = 'Escriba el número de documento (de 3 a 20 letras o números).';
    const email = form.email.trim();
    if (email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email))
      problems['petitioner.email'] = 'Escriba un correo electrónico válido, por ejemplo nombre@dominio.com.';
    if (!email && !form.address.trim())
      problems['petitioner.email'] =
        'Escriba un correo electrónico o una dirección para enviarle la respuesta.';
    if (form.phone.trim() && !/^\+?[0-9 ]{7,20}$/.test(form.phone.trim()))
      problems['petitioner.phone'] = 'Escriba un teléfono de 7 a 15 dígitos.';
    if (form.address.trim() && form.address.trim().length < 5)
      problems['petitioner.address'] = 'Escriba la dirección completa (mínimo 5 caracteres).';
    if (mode === 'web' && !form.acceptsPrivacyPolicy)
      problems.acceptsPrivacyPolicy =
        'Debe aceptar la política de tratamiento de datos personales para radicar con sus datos.';
  }
  return problems;
}

function bodyOf(form: FormState, needsPetitioner: boolean, mode: Mode) {
  const optional = (value: string) => (value.trim() ? value.trim() : undefined);
  return {
    type: form.type,
    category: form.category,
    subject: form.subject.trim(),
    description: form.description.trim(),
    anonymous: form.anonymous,
    ...(needsPetitioner
      ? {
          petitioner: {
            name: form.name.trim(),
            documentType: form.documentType,
            documentNumber: form.documentNumber.trim(),
            email: optional(form.email),
            phone: optional(form.phone),
            address: optional(form.address),
          },
          ...(mode === 'web' ? { acceptsPrivacyPolicy: form.acceptsPrivacyPolicy } : {}),
        }
      : {}),
  };
}

interface FilingFormProps {
  catalogue: Catalogue;
  /** web: the citizen's form (/pqrsd/radicar); ventanilla: an official registers an in-person request. */
  mode: Mode;
  /** A signed-in citizen files with their account (web only). */
  account: Me | null;
  onFiled: (receipt: FilingReceipt) => void;
}

/** The PQRSD filing form: type, tema, subject, description, attachments and who files it. */
export function FilingForm({ catalogue, mode, account, onFiled }: FilingFormProps) {
  const [form, setForm] = useState<FormState>(EMPTY);
  // One key per form fill: a double click or a retry after a lost answer files once.
  const [idempotencyKey] = useState(newIdempotencyKey);
  const filesRef = useRef<HTMLInputElement>(null);
  const { formRef, pending, errors, submit, rejectIfInvalid } = useFormSubmit();
  const fieldErrors = cleanFieldErrors(errors.fields);

  const withAccount = mode === 'web' && account?.kind === 'ciudadano';
  const selectedType = catalogue.types.find((type) => type.code === form.type);
  const anonymousAllowed = selectedType?.anonymousAllowed === true;
  const anonymous = anonymousAllowed && form.anonymous;
  const needsPetitioner = !anonymous && !withAccount;

  const set = <K extends keyof FormState>(name: K, value: FormState[K]) =>
    setForm((current) => ({ ...current, [name]: value }));

  const text = (name: keyof FormState, errorName: string = name) => ({
    name: errorName,
    value: form[name] as string,
    error: fieldErrors[errorName],
    onChange: (event: { target: { value: string } }) => set(name, event.target.value),
  });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const files = Array.from(filesRef.current?.files ?? []);
    const problems = problemsOf({ ...form, anonymous }, needsPetitioner, mode);
    const fileProblem = checkFiles(files, catalogue.maxAttachments, catalogue.maxAttachmentMb);
    if (fileProblem) problems.adjunto = fileProblem;
    if (rejectIfInvalid(problems)) return;
    void submit(async () => {
      const body = new FormData();
      body.append('solicitud', JSON.stringify(bodyOf({ ...form, anonymous }, needsPetitioner, mode)));
      for (const file of files) body.append('adjunto', file, file.name);
      const path = mode === 'web' ? API : `${API}/ventanilla`;
      const receipt = await postJson<FilingReceipt>(path, body, { 'Idempotency-Key': idempotencyKey });
      onFiled(receipt);
    });
  };

  // "petitioner" alone (no sub-field) is the server's "escriba los datos de quien presenta la solicitud".
  const petitionerError = Object.keys(fieldErrors).some((name) => name.startsWith('petitioner.'))
    ? undefined
    : fieldErrors.petitioner;

  return (
    <form ref={formRef} className="form" noValidate onSubmit={onSubmit}>
      <FormErrorSummary message={errors.summary ? cleanMessage(errors.summary) : null} />
      <p className="form__note">Todos los campos son obligatorios, salvo los marcados como opcionales.</p>
      <SelectField
        label="Tipo de solicitud"
        hint="El tipo define el plazo legal para responder."
        options={[
          { value: '', label: 'Elija el tipo' },
          ...catalogue.types.map((type) => ({
            value: type.code,
            label: `${type.label} (responde en ${businessDays(type.termDays)})`,
          })),
        ]}
        {...text('type')}
        onChange={(event) =>
          setForm((current) => ({
            ...current,
            type: event.target.value,
            anonymous: event.target.value === 'denuncia' ? current.anonymous : false,
          }))
        }
      />
      {anonymousAllowed && (
        <CheckboxField
          name="anonymous"
          label="Presentar la denuncia de forma anónima (sin datos personales)"
          checked={form.anonymous}
          onChange={(event) => set('anonymous', event.target.checked)}
          error={fieldErrors.anonymous}
        />
      )}
      {anonymous && (
        <p className="form__note">
          Al radicar recibirá una <strong>clave de consulta</strong>: es la única forma de seguir su denuncia.
          Guárdela, porque no la volveremos a mostrar.
        </p>
      )}
      <SelectField
        label="Tema"
        hint="Según el tema, la solicitud va a la dependencia que la resuelve."
        options={[
          { value: '', label: 'Elija el tema' },
          ...catalogue.categories.map((category) => ({ value: category.code, label: category.label })),
        ]}
        {...text('category')}
      />
      <TextField label="Asunto" maxLength={200} autoComplete="off" required {...text('subject')} />
      <TextAreaField
        label="Descripción"
        hint="Cuente qué pide o qué ocurrió, con las fechas y lugares que conozca."
        rows={6}
        maxLength={10_000}
        required
        {...text('description')}
      />
      <FilesField
        label={mode === 'ventanilla' ? 'Documentos escaneados (opcional)' : 'Documentos adjuntos (opcional)'}
        name="adjunto"
        hint={`Hasta ${catalogue.maxAttachments} archivos de máximo ${catalogue.maxAttachmentMb} MB cada uno: PDF, JPG, PNG, TIFF, Word o Excel (.docx, .xlsx).`}
        inputRef={filesRef}
        error={fieldErrors.adjunto ?? fieldErrors.adjuntos ?? fieldErrors.file}
      />

      {withAccount && account && (
        <div className="consent">
          <p>
            Radicará con su cuenta: <strong>{account.fullName}</strong> (
            {documentTypeLabel(account.documentType)} {account.documentNumber}). Le enviaremos la respuesta a{' '}
            <strong>{account.email}</strong>.
          </p>
        </div>
      )}

      {needsPetitioner && (
        <fieldset className={petitionerError ? 'fieldset field--error' : 'fieldset'}>
          <legend className="field__label">
            {mode === 'ventanilla' ? 'Datos del peticionario' : 'Sus datos'}
          </legend>
          {petitionerError && <p className="field__error">{petitionerError}</p>}
          {mode === 'web' && !account && (
            <p className="field__hint">
              ¿Tiene cuenta? <Link to="/ingresar?volver=%2Fpqrsd%2Fradicar">Ingrese</Link> y radique sin
              escribir sus datos.
            </p>
          )}
          <TextField
            label="Nombre completo"
            autoComplete="name"
            required
            {...text('name', 'petitioner.name')}
          />
          <SelectField
            label="Tipo de documento"
            options={DOCUMENT_TYPES}
            {...text('documentType', 'petitioner.documentType')}
          />
          <TextField
            label="Número de documento"
            autoComplete="off"
            hint="Lo necesitará, con el radicado, para consultar el estado."
            required
            {...text('documentNumber', 'petitioner.documentNumber')}
          />
          <TextField
            label="Correo electrónico"
            type="email"
            autoComplete="email"
            hint="Para enviarle el radicado y la respuesta. Si no tiene correo, escriba una dirección."
            {...text('email', 'petitioner.email')}
          />
          <TextField
            label="Dirección de correspondencia (opcional si dejó un correo)"
            autoComplete="street-address"
            {...text('address', 'petitioner.address')}
          />
          <TextField
            label="Teléfono (opcional)"
            type="tel"
            inputMode="tel"
            autoComplete="tel"
            {...text('phone', 'petitioner.phone')}
          />
        </fieldset>
      )}

      {needsPetitioner && mode === 'web' && (
        <div className="consent">
          <p>
            La Alcaldía tratará sus datos para tramitar y responder su solicitud, conforme a la Ley 1581 de
            2012. Puede conocer, actualizar, rectificar y suprimir sus datos. Lea la{' '}
            <Link to="/politica-de-datos">política de tratamiento de datos personales</Link>.
          </p>
          <CheckboxField
            name="acceptsPrivacyPolicy"
            label="Autorizo el tratamiento de mis datos personales según la política de tratamiento de datos (Ley 1581 de 2012)"
            checked={form.acceptsPrivacyPolicy}
            onChange={(event) => set('acceptsPrivacyPolicy', event.target.checked)}
            error={fieldErrors.acceptsPrivacyPolicy}
            required
          />
        </div>
      )}
      {needsPetitioner && mode === 'ventanilla' && (
        <p className="form__note">
          Informe al peticionario que sus datos se tratan según la política de tratamiento de datos personales
          (Ley 1581 de 2012).
        </p>
      )}

      <div className="form__actions">
        <button type="submit" className="button" disabled={pending}>
          {pending ? 'Radicando…' : 'Radicar la solicitud'}
        </button>
      </div>
    </form>
  );
}

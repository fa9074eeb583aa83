import { type FormEvent, useState } from 'react';
import { api } from '../../../app/api';
import { requireFields, useFormSubmit } from '../../../app/useFormSubmit';
import { Alert } from '../../../platform/Alert';
import { DOCUMENT_TYPES } from '../../../platform/documentTypes';
import {
  CheckboxGroup,
  FormErrorSummary,
  SelectField,
  type SelectOption,
  TextField,
} from '../../../platform/fields';

interface CreateOfficialFormProps {
  roleOptions: SelectOption[];
  dependenciaOptions: SelectOption[];
  onCreated: () => void;
}

const EMPTY = { fullName: '', email: '', documentType: 'CC', documentNumber: '', dependenciaCode: '' };

export function CreateOfficialForm({ roleOptions, dependenciaOptions, onCreated }: CreateOfficialFormProps) {
  const [values, setValues] = useState(EMPTY);
  const [roles, setRoles] = useState<string[]>(['funcionario']);
  const [createdEmail, setCreatedEmail] = useState<string | null>(null);
  const { formRef, pending, errors, submit, rejectIfInvalid } = useFormSubmit();

  const set = (name: keyof typeof EMPTY) => (value: string) =>
    setValues((previous) => ({ ...previous, [name]: value }));

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setCreatedEmail(null);
    const problems = requireFields(values, ['fullName', 'email', 'documentNumber', 'dependenciaCode']);
    if (roles.length === 0) problems.roles = 'Seleccione al menos un rol.';
    if (rejectIfInvalid(problems)) return;
    void submit(async () => {
      await api.post('/api/v1/admin/officials', {
        fullName: values.fullName.trim(),
        email: values.email.trim(),
        documentType: values.documentType,
        documentNumber: values.documentNumber.trim(),
        dependenciaCode: values.dependenciaCode,
        roles,
      });
      setCreatedEmail(values.email.trim());
      setValues(EMPTY);
      onCreated();
    });
  };

  return (
    <section className="panel" aria-labelledby="nuevo-funcionario">
      <h2 id="nuevo-funcionario">Nuevo funcionario</h2>
      <p>
        El funcionario recibirá un correo con un enlace de un solo uso para definir su contraseña y activar la
        cuenta.
      </p>
      <form ref={formRef} className="form" noValidate onSubmit={onSubmit}>
        <FormErrorSummary message={errors.summary} />
        {createdEmail && (
          <Alert tone="success" title="Funcionario creado">
            Enviamos el enlace de activación a {createdEmail}.
          </Alert>
        )}
        <TextField
          label="Nombre completo"
          name="fullName"
          autoComplete="off"
          value={values.fullName}
          onChange={(event) => set('fullName')(event.target.value)}
          error={errors.fields.fullName}
          required
        />
        <TextField
          label="Correo electrónico"
          name="email"
          type="email"
          autoComplete="off"
          hint="Preferiblemente el correo institucional."
          value={values.email}
          onChange={(event) => set('email')(event.target.value)}
          error={errors.fields.email}
          required
        />
        <SelectField
          label="Tipo de documento"
          name="documentType"
          options={DOCUMENT_TYPES}
          value={values.documentType}
          onChange={(event) => set('documentType')(event.target.value)}
          error={errors.fields.documentType}
        />
        <TextField
          label="Número de documento"
          name="documentNumber"
          autoComplete="off"
          value={values.documentNumber}
          onChange={(event) => set('documentNumber')(event.target.value)}
          error={errors.fields.documentNumber}
          required
        />
        <SelectField
          label="Dependencia"
          name="dependenciaCode"
          options={[{ value: '', label: 'Seleccione una dependencia' }, ...dependenciaOptions]}
          value={values.dependenciaCode}
          onChange={(event) => set('dependenciaCode')(event.target.value)}
          error={errors.fields.dependenciaCode}
          required
        />
        <CheckboxGroup
          legend="Roles"
          name="roles"
          options={roleOptions}
          selected={roles}
          onChange={setRoles}
          error={errors.fields.roles}
        />
        <div className="form__actions">
          <button type="submit" className="button" disabled={pending}>
            Crear funcionario
          </button>
        </div>
      </form>
    </section>
  );
}

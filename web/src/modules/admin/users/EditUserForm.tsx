import { type FormEvent, useEffect, useRef, useState } from 'react';
import { api } from '../../../app/api';
import { useFormSubmit } from '../../../app/useFormSubmit';
import { CheckboxGroup, FormErrorSummary, SelectField, type SelectOption } from '../../../platform/fields';
import type { UserSummary } from '../types';

interface EditUserFormProps {
  user: UserSummary;
  roleOptions: SelectOption[];
  dependenciaOptions: SelectOption[];
  onSaved: (user: UserSummary) => void;
  onCancel: () => void;
}

function sameRoles(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((role) => b.includes(role));
}

export function EditUserForm({
  user,
  roleOptions,
  dependenciaOptions,
  onSaved,
  onCancel,
}: EditUserFormProps) {
  const [roles, setRoles] = useState(user.roles);
  const [status, setStatus] = useState<string>(user.status);
  const [dependenciaCode, setDependenciaCode] = useState(user.dependencia?.code ?? '');
  const heading = useRef<HTMLHeadingElement>(null);
  // Roles and dependencias only apply to officials; for citizens only the status can change.
  const isOfficial = user.kind === 'funcionario';
  const { formRef, pending, errors, submit } = useFormSubmit();

  useEffect(() => heading.current?.focus(), []);

  const statusOptions: SelectOption[] = [
    ...(user.status === 'pendiente'
      ? [{ value: 'pendiente', label: 'Pendiente de activación', disabled: true }]
      : []),
    { value: 'activo', label: 'Activo' },
    { value: 'inactivo', label: 'Inactivo' },
  ];
  // Roles the server knows plus any the user already has that are not in the catalogue.
  const allRoleOptions = [
    ...roleOptions,
    ...user.roles
      .filter((code) => !roleOptions.some((o) => o.value === code))
      .map((code) => ({ value: code, label: code })),
  ];

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const changes: Record<string, unknown> = {};
    if (isOfficial && !sameRoles(roles, user.roles)) changes.roles = roles;
    if (status !== user.status) changes.status = status;
    // The API can move an official to another dependencia but not leave them without one.
    if (isOfficial && dependenciaCode && dependenciaCode !== user.dependencia?.code) {
      changes.dependenciaCode = dependenciaCode;
    }
    if (Object.keys(changes).length === 0) {
      onCancel();
      return;
    }
    void submit(async () => {
      await api.patch(`/api/v1/admin/users/${encodeURIComponent(user.id)}`, changes);
      onSaved(user);
    });
  };

  return (
    <section className="panel" aria-labelledby="editar-usuario">
      <h2 id="editar-usuario" ref={heading} tabIndex={-1}>
        Editar a {user.fullName}
      </h2>
      <form ref={formRef} className="form" noValidate onSubmit={onSubmit}>
        <FormErrorSummary message={errors.summary} />
        {isOfficial && (
          <CheckboxGroup
            legend="Roles"
            name="roles"
            options={allRoleOptions}
            selected={roles}
            onChange={setRoles}
            error={errors.fields.roles}
          />
        )}
        <SelectField
          label="Estado"
          name="status"
          options={statusOptions}
          value={status}
          onChange={(event) => setStatus(event.target.value)}
          error={errors.fields.status}
        />
        {isOfficial && (
          <SelectField
            label="Dependencia"
            name="dependenciaCode"
            options={[
              ...(user.dependencia ? [] : [{ value: '', label: 'Sin dependencia asignada' }]),
              ...dependenciaOptions,
            ]}
            value={dependenciaCode}
            onChange={(event) => setDependenciaCode(event.target.value)}
            error={errors.fields.dependenciaCode}
          />
        )}
        <div className="form__actions">
          <button type="submit" className="button" disabled={pending}>
            Guardar cambios
          </button>
          <button type="button" className="button button--secondary" onClick={onCancel}>
            Cancelar
          </button>
        </div>
      </form>
    </section>
  );
}

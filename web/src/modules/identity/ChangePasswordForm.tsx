import { type FormEvent, useState } from 'react';
import { api } from '../../app/api';
import { requireFields, useFormSubmit } from '../../app/useFormSubmit';
import { Alert } from '../../platform/Alert';
import { FormErrorSummary, TextField } from '../../platform/fields';
import { checkNewPassword, PASSWORD_HINT } from './passwordRules';

const EMPTY = { currentPassword: '', newPassword: '', newPasswordConfirmation: '' };

export function ChangePasswordForm() {
  const [values, setValues] = useState(EMPTY);
  const [changed, setChanged] = useState(false);
  const { formRef, pending, errors, submit, rejectIfInvalid } = useFormSubmit();

  const set = (name: keyof typeof EMPTY) => (value: string) =>
    setValues((previous) => ({ ...previous, [name]: value }));

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setChanged(false);
    const problems = {
      ...requireFields(values, ['currentPassword']),
      ...checkNewPassword(values.newPassword, values.newPasswordConfirmation, {
        password: 'newPassword',
        confirmation: 'newPasswordConfirmation',
      }),
    };
    if (rejectIfInvalid(problems)) return;
    void submit(async () => {
      await api.post('/api/v1/auth/password/change', {
        currentPassword: values.currentPassword,
        newPassword: values.newPassword,
      });
      setValues(EMPTY);
      setChanged(true);
    });
  };

  return (
    <section className="panel" aria-labelledby="cambiar-contrasena">
      <h2 id="cambiar-contrasena">Cambiar la contraseña</h2>
      <form ref={formRef} className="form" noValidate onSubmit={onSubmit}>
        <FormErrorSummary message={errors.summary} />
        {changed && <Alert tone="success">Su contraseña fue actualizada.</Alert>}
        <TextField
          label="Contraseña actual"
          name="currentPassword"
          type="password"
          autoComplete="current-password"
          value={values.currentPassword}
          onChange={(event) => set('currentPassword')(event.target.value)}
          error={errors.fields.currentPassword}
          required
        />
        <TextField
          label="Nueva contraseña"
          name="newPassword"
          type="password"
          autoComplete="new-password"
          hint={PASSWORD_HINT}
          value={values.newPassword}
          onChange={(event) => set('newPassword')(event.target.value)}
          error={errors.fields.newPassword}
          required
        />
        <TextField
          label="Confirmar la nueva contraseña"
          name="newPasswordConfirmation"
          type="password"
          autoComplete="new-password"
          value={values.newPasswordConfirmation}
          onChange={(event) => set('newPasswordConfirmation')(event.target.value)}
          error={errors.fields.newPasswordConfirmation}
          required
        />
        <div className="form__actions">
          <button type="submit" className="button" disabled={pending}>
            Cambiar contraseña
          </button>
        </div>
      </form>
    </section>
  );
}

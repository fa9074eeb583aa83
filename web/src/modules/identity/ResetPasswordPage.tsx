import { type FormEvent, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { api } from '../../app/api';
import type { MessageResponse } from '../../app/types';
import { useFormSubmit } from '../../app/useFormSubmit';
import { Alert } from '../../platform/Alert';
import { FormErrorSummary, TextField } from '../../platform/fields';
import { Page } from '../../platform/Page';
import { checkNewPassword, PASSWORD_HINT } from './passwordRules';

export function ResetPasswordPage() {
  const [searchParams] = useSearchParams();
  const token = searchParams.get('token') ?? '';
  const [password, setPassword] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [doneMessage, setDoneMessage] = useState<string | null>(null);
  const { formRef, pending, errors, submit, rejectIfInvalid } = useFormSubmit();

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const problems = checkNewPassword(password, confirmation, {
      password: 'password',
      confirmation: 'passwordConfirmation',
    });
    if (rejectIfInvalid(problems)) return;
    void submit(async () => {
      const response = await api.post<MessageResponse>('/api/v1/auth/password/reset', { token, password });
      setDoneMessage(response?.message ?? 'Su contraseña fue actualizada.');
    });
  };

  if (!token) {
    return (
      <Page title="Restablecer la contraseña">
        <Alert tone="error" title="Enlace incompleto">
          El enlace para restablecer la contraseña no es válido. Solicite uno nuevo.
        </Alert>
        <p>
          <Link to="/recuperar-clave">Solicitar un nuevo enlace</Link>
        </p>
      </Page>
    );
  }

  return (
    <Page title="Restablecer la contraseña" lead="Escriba su nueva contraseña.">
      {doneMessage ? (
        <>
          <Alert tone="success" title="Contraseña actualizada">
            {doneMessage}
          </Alert>
          <p>
            <Link className="button" to="/ingresar">
              Ingresar
            </Link>
          </p>
        </>
      ) : (
        <form ref={formRef} className="form" noValidate onSubmit={onSubmit}>
          <FormErrorSummary message={errors.summary} />
          <TextField
            label="Contraseña"
            name="password"
            type="password"
            autoComplete="new-password"
            hint={PASSWORD_HINT}
            value={password}
            onChange={(event) => setPassword(event.target.value)}
            error={errors.fields.password}
            required
          />
          <TextField
            label="Confirmar contraseña"
            name="passwordConfirmation"
            type="password"
            autoComplete="new-password"
            value={confirmation}
            onChange={(event) => setConfirmation(event.target.value)}
            error={errors.fields.passwordConfirmation}
            required
          />
          <div className="form__actions">
            <button type="submit" className="button" disabled={pending}>
              Guardar contraseña
            </button>
          </div>
          <p>
            ¿El enlace venció o ya fue usado? <Link to="/recuperar-clave">Solicite uno nuevo</Link>.
          </p>
        </form>
      )}
    </Page>
  );
}

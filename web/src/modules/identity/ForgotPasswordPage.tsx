import { type FormEvent, useState } from 'react';
import { Link } from 'react-router-dom';
import { api } from '../../app/api';
import type { MessageResponse } from '../../app/types';
import { requireFields, useFormSubmit } from '../../app/useFormSubmit';
import { Alert } from '../../platform/Alert';
import { FormErrorSummary, TextField } from '../../platform/fields';
import { Page } from '../../platform/Page';

export function ForgotPasswordPage() {
  const [email, setEmail] = useState('');
  const [sentMessage, setSentMessage] = useState<string | null>(null);
  const { formRef, pending, errors, submit, rejectIfInvalid } = useFormSubmit();

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (rejectIfInvalid(requireFields({ email }, ['email']))) return;
    void submit(async () => {
      const response = await api.post<MessageResponse>('/api/v1/auth/password/forgot', {
        email: email.trim(),
      });
      setSentMessage(
        response?.message ??
          'Si el correo está registrado, recibirá un enlace para restablecer su contraseña en los próximos minutos.',
      );
    });
  };

  return (
    <Page
      title="Recuperar la contraseña"
      lead="Escriba el correo electrónico de su cuenta y le enviaremos un enlace para crear una nueva contraseña."
    >
      {sentMessage ? (
        <>
          <Alert tone="success" title="Revise su correo">
            {sentMessage}
          </Alert>
          <p>
            <Link to="/ingresar">Volver a ingresar</Link>
          </p>
        </>
      ) : (
        <form ref={formRef} className="form" noValidate onSubmit={onSubmit}>
          <FormErrorSummary message={errors.summary} />
          <TextField
            label="Correo electrónico"
            name="email"
            type="email"
            autoComplete="email"
            value={email}
            onChange={(event) => setEmail(event.target.value)}
            error={errors.fields.email}
            required
          />
          <div className="form__actions">
            <button type="submit" className="button" disabled={pending}>
              Enviar enlace
            </button>
          </div>
        </form>
      )}
    </Page>
  );
}

import { type FormEvent, useState } from 'react';
import { api } from '../../app/api';
import type { MessageResponse } from '../../app/types';
import { requireFields, useFormSubmit } from '../../app/useFormSubmit';
import { Alert } from '../../platform/Alert';
import { FormErrorSummary, TextField } from '../../platform/fields';

/** Asks for the e-mail address and requests a new activation link. */
export function ResendForm() {
  const [email, setEmail] = useState('');
  const [sentMessage, setSentMessage] = useState<string | null>(null);
  const { formRef, pending, errors, submit, rejectIfInvalid } = useFormSubmit();

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (rejectIfInvalid(requireFields({ email }, ['email']))) return;
    void submit(async () => {
      const response = await api.post<MessageResponse>('/api/v1/auth/resend-verification', {
        email: email.trim(),
      });
      setSentMessage(
        response?.message ?? 'Si la cuenta está pendiente de activación, le enviamos un nuevo enlace.',
      );
    });
  };

  return (
    <form ref={formRef} className="form" noValidate onSubmit={onSubmit}>
      <FormErrorSummary message={errors.summary} />
      {sentMessage && <Alert tone="success">{sentMessage}</Alert>}
      <TextField
        label="Correo electrónico"
        name="email"
        type="email"
        autoComplete="email"
        value={email}
        onChange={(event) => setEmail(event.target.value)}
        error={errors.fields.email}
      />
      <div className="form__actions">
        <button type="submit" className="button" disabled={pending}>
          Reenviar enlace de activación
        </button>
      </div>
    </form>
  );
}

import { type FormEvent, useState } from 'react';
import { api } from '../../app/api';
import { useAuth } from '../../app/auth';
import type { Me } from '../../app/types';
import { useFormSubmit } from '../../app/useFormSubmit';
import { Alert } from '../../platform/Alert';
import { FormErrorSummary, TextField } from '../../platform/fields';

interface TotpSetup {
  secret: string;
  otpauthUrl: string;
  qrDataUrl: string;
}

const CODE_PATTERN = /^\d{6}$/;
const CODE_MESSAGE = 'Escriba los 6 dígitos que muestra su aplicación de autenticación.';

function CodeField({
  value,
  onChange,
  error,
}: {
  value: string;
  onChange: (value: string) => void;
  error?: string;
}) {
  return (
    <TextField
      label="Código de verificación (6 dígitos)"
      name="code"
      inputMode="numeric"
      autoComplete="one-time-code"
      maxLength={6}
      className="field__input--code"
      value={value}
      onChange={(event) => onChange(event.target.value.replace(/\D/g, ''))}
      error={error}
      required
    />
  );
}

/** Step 1: ask the server for a secret; step 2: scan the QR and confirm with a code. */
function EnableTotp({ onDone }: { onDone: (message: string) => void }) {
  const { refresh } = useAuth();
  const [setup, setSetup] = useState<TotpSetup | null>(null);
  const [code, setCode] = useState('');
  const start = useFormSubmit();
  const confirm = useFormSubmit();

  const onBegin = (event: FormEvent) => {
    event.preventDefault();
    void start.submit(async () => {
      setSetup(await api.post<TotpSetup>('/api/v1/auth/totp/setup'));
    });
  };

  const onConfirm = (event: FormEvent) => {
    event.preventDefault();
    if (confirm.rejectIfInvalid(CODE_PATTERN.test(code) ? {} : { code: CODE_MESSAGE })) return;
    void confirm.submit(async () => {
      await api.post('/api/v1/auth/totp/enable', { code });
      await refresh();
      onDone(
        'La verificación en dos pasos quedó activada. La próxima vez que ingrese le pediremos un código.',
      );
    });
  };

  if (!setup) {
    return (
      <form ref={start.formRef} onSubmit={onBegin}>
        <FormErrorSummary message={start.errors.summary} />
        <button type="submit" className="button" disabled={start.pending}>
          Configurar verificación en dos pasos
        </button>
      </form>
    );
  }

  return (
    <form ref={confirm.formRef} className="form" noValidate onSubmit={onConfirm}>
      <FormErrorSummary message={confirm.errors.summary} />
      <ol className="steps">
        <li>
          Instale una aplicación de autenticación en su celular (por ejemplo, Google Authenticator, Microsoft
          Authenticator o FreeOTP).
        </li>
        <li>
          Escanee este código QR con la aplicación:
          <img
            className="totp-qr"
            src={setup.qrDataUrl}
            alt="Código QR para agregar esta cuenta a su aplicación de autenticación"
            width={200}
            height={200}
          />
          Si no puede escanearlo, escriba esta clave en la aplicación:{' '}
          <code className="totp-secret">{setup.secret}</code>
        </li>
        <li>Escriba el código de 6 dígitos que muestra la aplicación.</li>
      </ol>
      <CodeField value={code} onChange={setCode} error={confirm.errors.fields.code} />
      <div className="form__actions">
        <button type="submit" className="button" disabled={confirm.pending}>
          Activar verificación en dos pasos
        </button>
      </div>
    </form>
  );
}

function DisableTotp({ onDone }: { onDone: (message: string) => void }) {
  const { refresh } = useAuth();
  const [code, setCode] = useState('');
  const { formRef, pending, errors, submit, rejectIfInvalid } = useFormSubmit();

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (rejectIfInvalid(CODE_PATTERN.test(code) ? {} : { code: CODE_MESSAGE })) return;
    void submit(async () => {
      await api.post('/api/v1/auth/totp/disable', { code });
      await refresh();
      onDone('La verificación en dos pasos quedó desactivada.');
    });
  };

  return (
    <form ref={formRef} className="form" noValidate onSubmit={onSubmit}>
      <FormErrorSummary message={errors.summary} />
      <p>Para desactivarla, confirme con un código de su aplicación de autenticación.</p>
      <CodeField value={code} onChange={setCode} error={errors.fields.code} />
      <div className="form__actions">
        <button type="submit" className="button button--secondary" disabled={pending}>
          Desactivar verificación en dos pasos
        </button>
      </div>
    </form>
  );
}

export function TotpSection({ user }: { user: Me }) {
  const [message, setMessage] = useState<string | null>(null);
  return (
    <section className="panel" aria-labelledby="verificacion-dos-pasos">
      <h2 id="verificacion-dos-pasos">Verificación en dos pasos</h2>
      <p>
        Estado:{' '}
        <strong className={user.totpEnabled ? 'badge badge--success' : 'badge'}>
          {user.totpEnabled ? 'Activada' : 'Desactivada'}
        </strong>
      </p>
      {message && <Alert tone="success">{message}</Alert>}
      {user.totpEnabled ? (
        <DisableTotp onDone={setMessage} />
      ) : (
        <>
          <p>
            Además de su contraseña, le pediremos un código temporal generado por una aplicación en su
            celular. Así su cuenta queda protegida aunque alguien conozca su contraseña.
          </p>
          <EnableTotp onDone={setMessage} />
        </>
      )}
    </section>
  );
}

import { useState } from 'react';
import { api, toApiError } from '../../app/api';
import type { MessageResponse } from '../../app/types';
import { Alert } from '../../platform/Alert';

/** "Reenviar correo de activación" for an address that has not been verified yet. */
export function ResendVerification({ email }: { email: string }) {
  const [pending, setPending] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; message: string } | null>(null);

  const resend = async () => {
    setPending(true);
    try {
      const response = await api.post<MessageResponse>('/api/v1/auth/resend-verification', { email });
      setResult({
        ok: true,
        message:
          response?.message ?? 'Si la cuenta está pendiente de activación, le enviamos un nuevo enlace.',
      });
    } catch (error) {
      setResult({ ok: false, message: toApiError(error).detail });
    } finally {
      setPending(false);
    }
  };

  return (
    <div className="resend">
      <button type="button" className="button button--secondary" onClick={resend} disabled={pending}>
        {pending ? 'Enviando…' : 'Reenviar correo de activación'}
      </button>
      {result && <Alert tone={result.ok ? 'success' : 'error'}>{result.message}</Alert>}
    </div>
  );
}

import { useEffect, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { api, toApiError } from '../../app/api';
import type { MessageResponse } from '../../app/types';
import { Alert } from '../../platform/Alert';
import { Loading } from '../../platform/Loading';
import { Page } from '../../platform/Page';
import { ResendForm } from './ResendForm';

type Outcome =
  | { state: 'pending' }
  | { state: 'verified'; message: string }
  | { state: 'failed'; message: string };

export function VerifyEmailPage() {
  const [searchParams] = useSearchParams();
  const token = searchParams.get('token') ?? '';
  const [outcome, setOutcome] = useState<Outcome>(
    token ? { state: 'pending' } : { state: 'failed', message: 'El enlace de activación está incompleto.' },
  );
  // The token is single-use: never send it twice (React StrictMode runs effects twice in development).
  const sentToken = useRef<string | null>(null);

  useEffect(() => {
    if (!token || sentToken.current === token) return;
    sentToken.current = token;
    api.post<MessageResponse>('/api/v1/auth/verify-email', { token }).then(
      (response) =>
        setOutcome({
          state: 'verified',
          message: response?.message ?? 'Su correo electrónico quedó verificado.',
        }),
      (error: unknown) => setOutcome({ state: 'failed', message: toApiError(error).detail }),
    );
  }, [token]);

  return (
    <Page title="Verificar correo electrónico">
      {outcome.state === 'pending' && <Loading label="Verificando su correo electrónico…" />}
      {outcome.state === 'verified' && (
        <>
          <Alert tone="success" title="Cuenta activada">
            {outcome.message}
          </Alert>
          <p>
            <Link className="button" to="/ingresar">
              Ingresar
            </Link>
          </p>
        </>
      )}
      {outcome.state === 'failed' && (
        <>
          <Alert tone="error" title="No fue posible verificar su correo">
            {outcome.message}
          </Alert>
          <p>
            El enlace pudo haber vencido o ya fue usado. Si su cuenta ya está activa, puede{' '}
            <Link to="/ingresar">ingresar</Link>. Si no, solicite un nuevo enlace de activación:
          </p>
          <ResendForm />
        </>
      )}
    </Page>
  );
}

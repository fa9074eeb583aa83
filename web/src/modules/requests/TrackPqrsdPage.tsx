import { type FormEvent, useEffect, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { ApiError } from '../../app/api';
import { useAuth } from '../../app/auth';
import { useFormSubmit } from '../../app/useFormSubmit';
import { FormErrorSummary, TextField } from '../../platform/fields';
import { Page } from '../../platform/Page';
import { postJson } from './http';
import { API, cleanFieldErrors, cleanMessage, PUBLIC_BASE } from './labels';
import { PublicRequestView } from './PublicRequestView';
import type { PublicView } from './types';

interface Found {
  view: PublicView;
  secret: string;
}

/** /pqrsd/consultar: radicado + document number (or key) → state, due date, history, answer. */
export function TrackPqrsdPage() {
  const [searchParams] = useSearchParams();
  const { user } = useAuth();
  const [radicado, setRadicado] = useState(searchParams.get('radicado') ?? '');
  const [documento, setDocumento] = useState('');
  const [found, setFound] = useState<Found | null>(null);
  const { formRef, pending, errors, submit, rejectIfInvalid, setErrors } = useFormSubmit();
  const fields = cleanFieldErrors(errors.fields);
  const resultRef = useRef<HTMLDivElement>(null);

  // The radicado in the address changes when the page is opened again from another link.
  const fromAddress = searchParams.get('radicado');
  useEffect(() => {
    if (fromAddress) setRadicado(fromAddress);
  }, [fromAddress]);

  useEffect(() => {
    if (found) resultRef.current?.querySelector<HTMLElement>('h2')?.focus();
  }, [found]);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const problems: Record<string, string> = {};
    if (radicado.trim().length < 8)
      problems.radicado = 'Escriba el número de radicado, por ejemplo 2026-PQRSD-000123.';
    if (documento.trim().length < 3)
      problems.documento = 'Escriba su número de documento o la clave de consulta.';
    if (rejectIfInvalid(problems)) return;
    setFound(null);
    void submit(async () => {
      try {
        const view = await postJson<PublicView>(`${API}/seguimiento`, {
          radicado: radicado.trim().toUpperCase(),
          documento: documento.trim(),
        });
        setFound({ view, secret: documento.trim() });
      } catch (error) {
        // One message for "no such radicado" and "wrong document": nothing to guess from.
        if (error instanceof ApiError && error.status === 404) {
          setErrors({ summary: error.detail, fields: {} });
          return;
        }
        throw error;
      }
    });
  };

  return (
    <Page
      title="Consultar PQRSD"
      heading="Consultar el estado de una PQRSD"
      lead="Escriba el número de radicado y el número de documento de quien la presentó. Si la denuncia fue anónima, use la clave de consulta que recibió al radicarla."
    >
      <form ref={formRef} className="form" noValidate onSubmit={onSubmit}>
        <FormErrorSummary message={errors.summary ? cleanMessage(errors.summary) : null} />
        <TextField
          label="Número de radicado"
          name="radicado"
          autoComplete="off"
          hint="Por ejemplo: 2026-PQRSD-000123."
          maxLength={30}
          value={radicado}
          onChange={(event) => setRadicado(event.target.value)}
          error={fields.radicado}
          required
        />
        <TextField
          label="Número de documento o clave de consulta"
          name="documento"
          autoComplete="off"
          maxLength={30}
          value={documento}
          onChange={(event) => setDocumento(event.target.value)}
          error={fields.documento}
          required
        />
        <div className="form__actions">
          <button type="submit" className="button" disabled={pending}>
            {pending ? 'Consultando…' : 'Consultar'}
          </button>
        </div>
        <p>
          ¿Aún no la ha presentado? <Link to={`${PUBLIC_BASE}/radicar`}>Radique una PQRSD</Link>.
          {user?.kind === 'ciudadano' && (
            <>
              {' '}
              Vea todas las suyas en <Link to={`${PUBLIC_BASE}/mias`}>Mis PQRSD</Link>.
            </>
          )}
        </p>
      </form>
      <div ref={resultRef}>
        {found && (
          <PublicRequestView
            view={found.view}
            secret={found.secret}
            onUpdated={(view) => setFound({ view, secret: found.secret })}
          />
        )}
      </div>
    </Page>
  );
}

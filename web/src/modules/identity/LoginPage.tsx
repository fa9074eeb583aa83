import { type FormEvent, useEffect, useRef, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { ApiError, api } from '../../app/api';
import { useAuth } from '../../app/auth';
import { useTenant } from '../../app/tenant';
import type { DemoAccount } from '../../app/types';
import { requireFields, useFormSubmit } from '../../app/useFormSubmit';
import { Alert } from '../../platform/Alert';
import { FormErrorSummary, TextField } from '../../platform/fields';
import { Page } from '../../platform/Page';
import { DemoAccounts } from './DemoAccounts';
import { ResendForm } from './ResendForm';
import { ResendVerification } from './ResendVerification';
import { homeFor, safeReturnPath } from './redirects';

interface LoginValues {
  login: string;
  password: string;
  totpCode: string;
}

function validate(values: LoginValues, mfaStep: boolean): Record<string, string> {
  const errors = requireFields({ login: values.login, password: values.password }, ['login', 'password']);
  if (mfaStep && !/^\d{6}$/.test(values.totpCode.trim()))
    errors.totpCode = 'Escriba los 6 dígitos que muestra su aplicación de autenticación.';
  return errors;
}

export function LoginPage() {
  const { tenant } = useTenant();
  const { user, refresh } = useAuth();
  const navigate = useNavigate();
  const [searchParams] = useSearchParams();
  const [values, setValues] = useState<LoginValues>({ login: '', password: '', totpCode: '' });
  const [mfaStep, setMfaStep] = useState(false);
  const [unverified, setUnverified] = useState(false);
  const codeInput = useRef<HTMLInputElement>(null);
  const { formRef, pending, errors, submit, rejectIfInvalid } = useFormSubmit();

  useEffect(() => {
    if (mfaStep) codeInput.current?.focus();
  }, [mfaStep]);

  const set = (name: keyof LoginValues) => (value: string) =>
    setValues((previous) => ({ ...previous, [name]: value }));

  const fillDemoAccount = (account: DemoAccount) => {
    setValues({ login: account.login, password: account.password, totpCode: '' });
    setMfaStep(false);
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (rejectIfInvalid(validate(values, mfaStep))) return;
    setUnverified(false);
    void submit(async () => {
      try {
        await api.post('/api/v1/auth/login', {
          login: values.login.trim(),
          password: values.password,
          ...(mfaStep ? { totpCode: values.totpCode.trim() } : {}),
        });
      } catch (error) {
        if (error instanceof ApiError && error.code === 'MFA_REQUIRED') {
          setMfaStep(true);
          return;
        }
        if (error instanceof ApiError && error.code === 'MFA_INVALID') {
          throw new ApiError({
            status: error.status,
            code: error.code,
            detail: error.detail,
            field: 'totpCode',
          });
        }
        if (error instanceof ApiError && error.code === 'EMAIL_NOT_VERIFIED') setUnverified(true);
        throw error;
      }
      // The login answer has no csrf token: read the session again.
      const signedIn = await refresh();
      if (signedIn)
        navigate(safeReturnPath(searchParams.get('volver')) ?? homeFor(signedIn), { replace: true });
    });
  };

  const demoAccounts = tenant?.demo ? (tenant.demoAccounts ?? []) : [];
  const login = values.login.trim();

  return (
    <Page title="Ingresar" lead="Ingrese con su correo electrónico o su número de documento.">
      <div className={demoAccounts.length > 0 ? 'split' : undefined}>
        <div>
          {user && (
            <Alert tone="info" title={`Ya ingresó como ${user.fullName}`}>
              <Link to={homeFor(user)}>Continuar</Link>
            </Alert>
          )}
          <form ref={formRef} className="form" noValidate onSubmit={onSubmit}>
            <FormErrorSummary message={errors.summary} />
            <TextField
              label="Correo electrónico o número de documento"
              name="login"
              autoComplete="username"
              value={values.login}
              onChange={(event) => set('login')(event.target.value)}
              error={errors.fields.login}
              required
            />
            <TextField
              label="Contraseña"
              name="password"
              type="password"
              autoComplete="current-password"
              value={values.password}
              onChange={(event) => set('password')(event.target.value)}
              error={errors.fields.password}
              required
            />
            {mfaStep && (
              <>
                <Alert tone="info" title="Verificación en dos pasos">
                  Escriba el código de 6 dígitos que muestra su aplicación de autenticación.
                </Alert>
                <TextField
                  ref={codeInput}
                  label="Código de verificación (6 dígitos)"
                  name="totpCode"
                  inputMode="numeric"
                  autoComplete="one-time-code"
                  maxLength={6}
                  className="field__input--code"
                  value={values.totpCode}
                  onChange={(event) => set('totpCode')(event.target.value.replace(/\D/g, ''))}
                  error={errors.fields.totpCode}
                  required
                />
              </>
            )}
            <div className="form__actions">
              <button type="submit" className="button" disabled={pending}>
                Ingresar
              </button>
            </div>
          </form>
          {unverified &&
            (login.includes('@') ? (
              <ResendVerification email={login} />
            ) : (
              <section aria-labelledby="reenviar-activacion">
                <h2 id="reenviar-activacion">Reenviar el enlace de activación</h2>
                <ResendForm />
              </section>
            ))}
          <ul className="link-list">
            <li>
              <Link to="/recuperar-clave">¿Olvidó su contraseña?</Link>
            </li>
            <li>
              ¿No tiene cuenta? <Link to="/registro">Cree una cuenta</Link>
            </li>
          </ul>
        </div>
        {demoAccounts.length > 0 && <DemoAccounts accounts={demoAccounts} onUse={fillDemoAccount} />}
      </div>
    </Page>
  );
}

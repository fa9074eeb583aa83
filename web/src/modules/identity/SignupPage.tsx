import { type FormEvent, useState } from 'react';
import { Link } from 'react-router-dom';
import { api } from '../../app/api';
import { requireFields, useFormSubmit } from '../../app/useFormSubmit';
import { Alert } from '../../platform/Alert';
import { DOCUMENT_TYPES } from '../../platform/documentTypes';
import { CheckboxField, FormErrorSummary, SelectField, TextField } from '../../platform/fields';
import { Page } from '../../platform/Page';
import { checkNewPassword, PASSWORD_HINT } from './passwordRules';
import { ResendVerification } from './ResendVerification';

interface SignupValues {
  documentType: string;
  documentNumber: string;
  fullName: string;
  email: string;
  phone: string;
  password: string;
  passwordConfirmation: string;
  acceptPrivacyPolicy: boolean;
}

const INITIAL_VALUES: SignupValues = {
  documentType: 'CC',
  documentNumber: '',
  fullName: '',
  email: '',
  phone: '',
  password: '',
  passwordConfirmation: '',
  acceptPrivacyPolicy: false,
};

function validate(values: SignupValues): Record<string, string> {
  const errors = {
    ...requireFields(
      { documentNumber: values.documentNumber, fullName: values.fullName, email: values.email },
      ['documentNumber', 'fullName', 'email'],
    ),
    ...checkNewPassword(values.password, values.passwordConfirmation, {
      password: 'password',
      confirmation: 'passwordConfirmation',
    }),
  };
  if (values.email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(values.email.trim()))
    errors.email = 'Escriba un correo electrónico válido, por ejemplo nombre@dominio.com.';
  if (!values.acceptPrivacyPolicy)
    errors.acceptPrivacyPolicy =
      'Debe autorizar el tratamiento de sus datos personales para crear la cuenta.';
  return errors;
}

export function SignupPage() {
  const [values, setValues] = useState(INITIAL_VALUES);
  const [registeredEmail, setRegisteredEmail] = useState<string | null>(null);
  const { formRef, pending, errors, submit, rejectIfInvalid } = useFormSubmit();

  const set = (name: keyof SignupValues) => (value: string | boolean) =>
    setValues((previous) => ({ ...previous, [name]: value }));

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (rejectIfInvalid(validate(values))) return;
    void submit(async () => {
      await api.post('/api/v1/auth/signup', {
        documentType: values.documentType,
        documentNumber: values.documentNumber.trim(),
        fullName: values.fullName.trim(),
        email: values.email.trim(),
        ...(values.phone.trim() ? { phone: values.phone.trim() } : {}),
        password: values.password,
        acceptPrivacyPolicy: true,
      });
      setRegisteredEmail(values.email.trim());
    });
  };

  if (registeredEmail) {
    return (
      <Page title="Crear cuenta">
        <Alert tone="success" title="Revise su correo para activar la cuenta">
          <p>
            Enviamos un enlace de activación a <strong>{registeredEmail}</strong>. Ábralo desde su correo para
            terminar el registro; después podrá <Link to="/ingresar">ingresar</Link>.
          </p>
        </Alert>
        <p>¿No le llegó el correo? Revise la carpeta de correo no deseado o solicite un nuevo enlace.</p>
        <ResendVerification email={registeredEmail} />
      </Page>
    );
  }

  const fieldError = (name: string) => errors.fields[name];

  return (
    <Page
      title="Crear cuenta"
      lead="Con su cuenta podrá radicar trámites, consultar su estado y descargar sus documentos."
    >
      <form ref={formRef} className="form" noValidate onSubmit={onSubmit}>
        <FormErrorSummary message={errors.summary} />
        <p className="form__note">Todos los campos son obligatorios, salvo los marcados como opcionales.</p>
        <SelectField
          label="Tipo de documento"
          name="documentType"
          options={DOCUMENT_TYPES}
          value={values.documentType}
          onChange={(event) => set('documentType')(event.target.value)}
          error={fieldError('documentType')}
        />
        <TextField
          label="Número de documento"
          name="documentNumber"
          autoComplete="off"
          value={values.documentNumber}
          onChange={(event) => set('documentNumber')(event.target.value)}
          error={fieldError('documentNumber')}
          required
        />
        <TextField
          label="Nombre completo"
          name="fullName"
          autoComplete="name"
          value={values.fullName}
          onChange={(event) => set('fullName')(event.target.value)}
          error={fieldError('fullName')}
          required
        />
        <TextField
          label="Correo electrónico"
          name="email"
          type="email"
          autoComplete="email"
          hint="Le enviaremos un enlace para activar la cuenta."
          value={values.email}
          onChange={(event) => set('email')(event.target.value)}
          error={fieldError('email')}
          required
        />
        <TextField
          label="Teléfono celular (opcional)"
          name="phone"
          type="tel"
          autoComplete="tel"
          inputMode="tel"
          hint="Por ejemplo: 3001234567."
          value={values.phone}
          onChange={(event) => set('phone')(event.target.value)}
          error={fieldError('phone')}
        />
        <TextField
          label="Contraseña"
          name="password"
          type="password"
          autoComplete="new-password"
          hint={PASSWORD_HINT}
          value={values.password}
          onChange={(event) => set('password')(event.target.value)}
          error={fieldError('password')}
          required
        />
        <TextField
          label="Confirmar contraseña"
          name="passwordConfirmation"
          type="password"
          autoComplete="new-password"
          value={values.passwordConfirmation}
          onChange={(event) => set('passwordConfirmation')(event.target.value)}
          error={fieldError('passwordConfirmation')}
          required
        />
        <div className="consent">
          <p>
            Los datos que registre serán tratados por la entidad para crear su cuenta, gestionar sus trámites
            y enviarle notificaciones, conforme a la Ley 1581 de 2012. Puede conocer, actualizar, rectificar y
            suprimir sus datos. Lea la{' '}
            <Link to="/politica-de-datos">política de tratamiento de datos personales</Link>.
          </p>
          <CheckboxField
            name="acceptPrivacyPolicy"
            label="Autorizo el tratamiento de mis datos personales según la política de tratamiento de datos (Ley 1581 de 2012)"
            checked={values.acceptPrivacyPolicy}
            onChange={(event) => set('acceptPrivacyPolicy')(event.target.checked)}
            error={fieldError('acceptPrivacyPolicy')}
            required
          />
        </div>
        <div className="form__actions">
          <button type="submit" className="button" disabled={pending}>
            Crear cuenta
          </button>
        </div>
        <p>
          ¿Ya tiene cuenta? <Link to="/ingresar">Ingrese aquí</Link>.
        </p>
      </form>
    </Page>
  );
}

import { type FormEvent, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { api } from '../../app/api';
import { useAuth } from '../../app/auth';
import type { Me } from '../../app/types';
import { useApiGet } from '../../app/useApiGet';
import { useFormSubmit } from '../../app/useFormSubmit';
import { Alert } from '../../platform/Alert';
import { DOCUMENT_TYPES } from '../../platform/documentTypes';
import { FormErrorSummary, SelectField, TextField } from '../../platform/fields';
import { formatMoney } from '../../platform/format';
import { Loading } from '../../platform/Loading';
import { Page } from '../../platform/Page';
import { billPath, formatDay, predioCode, todayInBogota } from './labels';
import { readably } from './problems';
import type { Bank, Bill, BillOption } from './types';

interface PayerValues {
  bankCode: string;
  documentType: string;
  documentNumber: string;
  name: string;
  email: string;
}

function initialPayer(user: Me | null): PayerValues {
  const known = DOCUMENT_TYPES.some((type) => type.value === user?.documentType);
  return {
    bankCode: '',
    documentType: known && user ? user.documentType : 'CC',
    documentNumber: user?.documentNumber ?? '',
    name: user?.fullName ?? '',
    email: user?.email ?? '',
  };
}

/** The server's rules, checked first so people see every problem at once; keys are the API's field paths. */
function validate(values: PayerValues): Record<string, string> {
  const fields: Record<string, string> = {};
  const documentNumber = values.documentNumber.trim();
  const name = values.name.trim();
  const email = values.email.trim();
  if (!values.bankCode) fields.bankCode = 'Elija su banco.';
  if (!documentNumber) fields['payer.documentNumber'] = 'Este campo es obligatorio.';
  else if (!/^[A-Za-z0-9]{3,12}$/.test(documentNumber))
    fields['payer.documentNumber'] = 'Escriba solo letras y números, entre 3 y 12.';
  if (!name) fields['payer.name'] = 'Este campo es obligatorio.';
  else if (name.length < 3) fields['payer.name'] = 'Escriba el nombre completo.';
  if (!email) fields['payer.email'] = 'Este campo es obligatorio.';
  else if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email))
    fields['payer.email'] = 'Escriba un correo electrónico válido.';
  return fields;
}

function PayerForm({ bill, option, banks }: { bill: Bill; option: BillOption; banks: Bank[] }) {
  const { user } = useAuth();
  const [values, setValues] = useState(() => initialPayer(user));
  const { formRef, pending, errors, submit, rejectIfInvalid } = useFormSubmit();
  const [redirecting, setRedirecting] = useState(false);

  const bind = (name: keyof PayerValues) => ({
    name,
    value: values[name],
    onChange: (event: { target: { value: string } }) => setValues({ ...values, [name]: event.target.value }),
  });
  const errorOf = (name: keyof PayerValues) =>
    name === 'bankCode' ? errors.fields.bankCode : errors.fields[`payer.${name}`];

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (rejectIfInvalid(validate(values))) return;
    void submit(async () => {
      const { redirectUrl } = await readably(() =>
        api.post<{ attemptId: string; redirectUrl: string }>('/api/v1/pagos/pse', {
          billId: bill.id,
          optionSeq: option.seq,
          bankCode: values.bankCode,
          payer: {
            documentType: values.documentType,
            documentNumber: values.documentNumber.trim(),
            name: values.name.trim(),
            email: values.email.trim(),
          },
        }),
      );
      setRedirecting(true);
      // PSE requires the bank's own page, never an iframe.
      window.location.assign(redirectUrl);
    });
  };

  return (
    <form ref={formRef} className="form" noValidate onSubmit={onSubmit}>
      <FormErrorSummary message={errors.summary} />
      <SelectField
        label="Banco"
        hint="El banco desde el que va a pagar. Lo llevaremos a su página para autorizar el pago."
        options={[
          { value: '', label: 'Seleccione su banco' },
          ...banks.map((bank) => ({ value: bank.code, label: bank.name })),
        ]}
        error={errorOf('bankCode')}
        required
        {...bind('bankCode')}
      />
      <fieldset className="fieldset">
        <legend className="field__label">Datos de quien paga</legend>
        <SelectField
          label="Tipo de documento"
          options={DOCUMENT_TYPES}
          error={errorOf('documentType')}
          {...bind('documentType')}
        />
        <TextField
          label="Número de documento"
          autoComplete="off"
          inputMode="text"
          error={errorOf('documentNumber')}
          required
          {...bind('documentNumber')}
        />
        <TextField
          label="Nombre completo"
          autoComplete="name"
          error={errorOf('name')}
          required
          {...bind('name')}
        />
        <TextField
          label="Correo electrónico"
          type="email"
          autoComplete="email"
          hint="Allí le llegará el comprobante del banco."
          error={errorOf('email')}
          required
          {...bind('email')}
        />
      </fieldset>
      <div className="form__actions">
        <button type="submit" className="button" disabled={pending || redirecting}>
          {pending || redirecting ? 'Conectando con su banco…' : `Pagar ${formatMoney(option.total)} con PSE`}
        </button>
        <Link className="button button--secondary" to={billPath(bill.paymentReference)}>
          Volver a la factura
        </Link>
      </div>
    </form>
  );
}

export function PsePaymentPage() {
  const { referencia = '', opcion = '' } = useParams();
  const bill = useApiGet<Bill>(`/api/v1/predial/facturas/${encodeURIComponent(referencia)}`);
  const banks = useApiGet<{ items: Bank[] }>('/api/v1/pagos/pse/bancos');
  const option = bill.data?.options.find((candidate) => String(candidate.seq) === opcion);
  const open = bill.data?.payable && option && option.payBy >= todayInBogota();

  return (
    <Page
      title="Pagar en línea con PSE"
      lead="Pague la factura del impuesto predial desde su cuenta bancaria."
    >
      {(bill.loading || banks.loading) && <Loading label="Preparando el pago…" />}
      {bill.error && <Alert tone="error">{bill.error.detail}</Alert>}
      {banks.error && (
        <Alert tone="error" title="PSE no está disponible">
          {banks.error.detail} Puede pagar en el banco con el recibo impreso.
        </Alert>
      )}
      {bill.data && !option && <Alert tone="error">La factura no tiene esa fecha de pago.</Alert>}
      {bill.data && option && !open && (
        <Alert tone="warning" title="Esta opción ya no se puede pagar">
          La factura está {bill.data.state} o su fecha de pago ya pasó.{' '}
          <Link to={billPath(bill.data.paymentReference)}>Ver la factura</Link>
        </Alert>
      )}
      {bill.data && option && (
        <section className="panel" aria-labelledby="resumen-pago">
          <h2 id="resumen-pago">Resumen del pago</h2>
          <dl className="data-list data-list--compact">
            <div>
              <dt>Factura</dt>
              <dd>{bill.data.number}</dd>
            </div>
            <div>
              <dt>Número predial</dt>
              <dd className="cell--break">{predioCode(bill.data.predio)}</dd>
            </div>
            <div>
              <dt>Pague hasta</dt>
              <dd>{formatDay(option.payBy)}</dd>
            </div>
            <div>
              <dt>Valor a pagar</dt>
              <dd>
                <strong>{formatMoney(option.total)}</strong>
              </dd>
            </div>
          </dl>
        </section>
      )}
      {bill.data && option && open && banks.data && (
        <PayerForm bill={bill.data} option={option} banks={banks.data.items} />
      )}
    </Page>
  );
}

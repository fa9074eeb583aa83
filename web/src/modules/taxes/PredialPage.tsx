import { type FormEvent, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { api, withQuery } from '../../app/api';
import { useAuth } from '../../app/auth';
import { useApiGet } from '../../app/useApiGet';
import { useFormSubmit } from '../../app/useFormSubmit';
import { Alert } from '../../platform/Alert';
import { FormErrorSummary, TextField } from '../../platform/fields';
import { Loading } from '../../platform/Loading';
import { Page } from '../../platform/Page';
import { BillPanel } from './BillPanel';
import { allDebtInAgreement, cleanFieldErrors, predioCode } from './labels';
import { PredioSummary } from './PredioSummary';
import { readably } from './problems';
import { StatementTable } from './StatementTable';
import type { Bill, PredioConsulta } from './types';

const NUMERO_HINT =
  'El número predial nacional tiene 30 dígitos y el anterior 20. Lo encuentra en la factura del año pasado o en el certificado catastral.';

function ConsultaForm({
  initial,
  error,
  onSearch,
}: {
  initial: string;
  error?: string;
  onSearch: (n: string) => void;
}) {
  const [numero, setNumero] = useState(initial);
  const { formRef, errors, rejectIfInvalid } = useFormSubmit();

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const cleaned = numero.trim();
    if (rejectIfInvalid(cleaned ? {} : { numero: 'Escriba el número predial.' })) return;
    onSearch(cleaned);
  };

  return (
    <form ref={formRef} className="form form--inline" noValidate onSubmit={onSubmit}>
      <FormErrorSummary message={errors.summary} />
      <TextField
        label="Número predial"
        name="numero"
        inputMode="numeric"
        autoComplete="off"
        spellCheck={false}
        hint={NUMERO_HINT}
        value={numero}
        onChange={(event) => setNumero(event.target.value)}
        error={errors.fields.numero ?? error}
        required
      />
      <div className="form__actions">
        <button type="submit" className="button">
          Consultar
        </button>
      </div>
    </form>
  );
}

function GenerateBill({ numero }: { numero: string }) {
  const [bill, setBill] = useState<Bill | null>(null);
  const { formRef, pending, errors, submit } = useFormSubmit();

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void submit(async () => {
      setBill(await readably(() => api.post<Bill>('/api/v1/predial/facturas', { numero })));
    });
  };

  return (
    <>
      <form ref={formRef} className="form" noValidate onSubmit={onSubmit}>
        <FormErrorSummary message={errors.summary} />
        <p>
          La factura liquida los intereses y descuentos para cada fecha de pago. Puede pagarla en línea por
          PSE o imprimir el recibo para pagar en el banco.
        </p>
        <div className="form__actions">
          <button type="submit" className="button" disabled={pending}>
            {pending ? 'Generando la factura…' : 'Generar factura'}
          </button>
        </div>
      </form>
      {bill && <BillPanel bill={bill} heading={`Su factura ${bill.number}`} linkToBill />}
    </>
  );
}

function ConsultaResult({ result }: { result: PredioConsulta }) {
  const { predio, estadoCuenta } = result;
  const code = predioCode(predio);
  return (
    <>
      <section className="panel" aria-labelledby="predio-consultado">
        <h2 id="predio-consultado">Predio consultado</h2>
        <PredioSummary predio={predio} />
      </section>
      <section aria-labelledby="estado-cuenta">
        <h2 id="estado-cuenta">Estado de cuenta</h2>
        <StatementTable statement={estadoCuenta} />
      </section>
      {allDebtInAgreement(estadoCuenta) ? (
        <Alert tone="info" title="Saldo en acuerdo de pago">
          Lo que debe este predio está en un acuerdo de pago: se paga con la factura de cada cuota. El
          propietario la genera en «Mis predios».
        </Alert>
      ) : estadoCuenta.totalToday > 0 ? (
        <section aria-labelledby="pagar">
          <h2 id="pagar">Pagar</h2>
          <GenerateBill key={code} numero={code} />
        </section>
      ) : (
        <Alert tone="success" title="El predio está al día">
          No tiene saldos pendientes del impuesto predial.
        </Alert>
      )}
    </>
  );
}

export function PredialPage() {
  const { user } = useAuth();
  const [searchParams, setSearchParams] = useSearchParams();
  const numero = searchParams.get('numero') ?? '';
  const consulta = useApiGet<PredioConsulta>(
    numero ? withQuery('/api/v1/predial/consulta', { numero }) : null,
  );
  const fieldError = consulta.error ? cleanFieldErrors(consulta.error.fieldErrors).numero : undefined;
  const current = consulta.data && !consulta.error ? consulta.data : null;

  return (
    <Page
      title="Impuesto predial"
      lead="Consulte cuánto debe un predio, genere la factura y pague en línea por PSE o en el banco."
    >
      {user ? (
        <p>
          <Link to="/predial/mis-predios">Ver los predios registrados a mi nombre</Link>
        </p>
      ) : (
        <p>
          Si es propietario, <Link to="/ingresar?volver=%2Fpredial%2Fmis-predios">ingrese con su cuenta</Link>{' '}
          para ver todos sus predios y descargar el paz y salvo.
        </p>
      )}
      <ConsultaForm
        key={numero}
        initial={numero}
        error={fieldError}
        onSearch={(next) => (next === numero ? consulta.reload() : setSearchParams({ numero: next }))}
      />
      {consulta.loading && <Loading label="Consultando el predio…" />}
      {!consulta.loading && consulta.error && !fieldError && (
        <Alert tone="error" title={consulta.error.status === 404 ? 'Predio no encontrado' : undefined}>
          {consulta.error.detail}
        </Alert>
      )}
      {!consulta.loading && current && <ConsultaResult key={current.predio.id} result={current} />}
    </Page>
  );
}

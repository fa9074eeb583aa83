import { type FormEvent, useState } from 'react';
import { Link } from 'react-router-dom';
import { api, withQuery } from '../../../app/api';
import { hasPermission, useAuth } from '../../../app/auth';
import { useFormSubmit } from '../../../app/useFormSubmit';
import { Alert } from '../../../platform/Alert';
import { FormErrorSummary, TextField } from '../../../platform/fields';
import { formatMoney } from '../../../platform/format';
import { Page } from '../../../platform/Page';
import { BILL_STATE_BADGES, BILL_STATE_LABELS, billPath, formatDay, onlyDigits, predioCode } from '../labels';
import { readably } from '../problems';
import type { CashPaymentResult, DecodedBarcode } from '../types';

function ScanForm({ onDecoded }: { onDecoded: (decoded: DecodedBarcode) => void }) {
  const [texto, setTexto] = useState('');
  const { formRef, pending, errors, submit, rejectIfInvalid } = useFormSubmit();
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const text = texto.trim();
    if (rejectIfInvalid(text ? {} : { texto: 'Escanee o escriba el código de barras del recibo.' })) return;
    void submit(async () => {
      const decoded = await readably(() =>
        api.get<DecodedBarcode>(withQuery('/api/v1/pagos/admin/codigo-barras', { texto: text })),
      );
      onDecoded(decoded);
      setTexto('');
    });
  };
  // The API names the field "text" in its problems; the form calls it "texto".
  const fieldError = errors.fields.texto ?? errors.fields.text;
  return (
    <form ref={formRef} className="form" noValidate onSubmit={onSubmit}>
      <FormErrorSummary message={errors.summary} />
      <TextField
        label="Código de barras"
        name="texto"
        autoComplete="off"
        spellCheck={false}
        hint="Ponga el cursor aquí y pase el lector por el código del recibo (el lector termina con Enter). También puede escribirlo, con o sin paréntesis."
        value={texto}
        onChange={(event) => setTexto(event.target.value)}
        error={fieldError}
        required
      />
      <div className="form__actions">
        <button type="submit" className="button" disabled={pending}>
          Leer código
        </button>
      </div>
    </form>
  );
}

function DecodedPanel({ decoded }: { decoded: DecodedBarcode }) {
  const { bill } = decoded;
  return (
    <section className="panel" aria-labelledby="codigo-leido">
      <h2 id="codigo-leido">Código leído</h2>
      <dl className="data-list data-list--compact">
        <div>
          <dt>GLN del recaudador</dt>
          <dd>
            <code>{decoded.gln}</code>
            {decoded.glnCheckDigitValid ? '' : ' (dígito de verificación inválido)'}
          </dd>
        </div>
        <div>
          <dt>Referencia de pago</dt>
          <dd>
            <code>{decoded.reference}</code>
          </dd>
        </div>
        <div>
          <dt>Valor</dt>
          <dd>
            <strong>{formatMoney(decoded.amount)}</strong>
          </dd>
        </div>
        <div>
          <dt>Fecha límite</dt>
          <dd>{formatDay(decoded.dueDate)}</dd>
        </div>
        <div>
          <dt>Factura</dt>
          <dd>
            {bill ? (
              <>
                <Link to={billPath(bill.paymentReference)}>{bill.number}</Link>{' '}
                <span className={`badge ${BILL_STATE_BADGES[bill.state]}`}>
                  {BILL_STATE_LABELS[bill.state]}
                </span>
                <br />
                Predio <span className="cell--break">{predioCode(bill.predio)}</span>
              </>
            ) : (
              'No encontrada'
            )}
          </dd>
        </div>
      </dl>
      {!bill && (
        <Alert tone="warning" title="Factura no encontrada">
          No existe una factura con esa referencia de pago en este municipio. No reciba el pago.
        </Alert>
      )}
      {bill?.state === 'pagada' && (
        <Alert tone="warning" title="Factura ya pagada">
          Esta factura ya tiene un pago registrado. Verifique con el contribuyente antes de recibir otro.
        </Alert>
      )}
    </section>
  );
}

function CashForm({ decoded }: { decoded: DecodedBarcode }) {
  const [valor, setValor] = useState(String(decoded.amount));
  const [recibo, setRecibo] = useState('');
  const [result, setResult] = useState<CashPaymentResult | null>(null);
  const { formRef, pending, errors, submit, rejectIfInvalid } = useFormSubmit();

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const amount = onlyDigits(valor);
    const fields: Record<string, string> = {};
    if (!amount || Number(amount) <= 0) fields.valor = 'Escriba el valor recibido, en pesos.';
    if (!recibo.trim()) fields.recibo = 'Escriba el número del recibo de caja.';
    if (rejectIfInvalid(fields)) return;
    void submit(async () => {
      setResult(
        await readably(() =>
          api.post<CashPaymentResult>('/api/v1/pagos/admin/caja', {
            referencia: decoded.reference,
            valor: Number(amount),
            recibo: recibo.trim(),
          }),
        ),
      );
    });
  };

  return (
    <section aria-labelledby="registrar-pago">
      <h2 id="registrar-pago">Registrar pago en caja</h2>
      {result ? (
        <Alert tone="success" title={result.created ? 'Pago registrado' : 'Este recibo ya estaba registrado'}>
          <p>
            Valor: {formatMoney(result.amount)}. Estado de la factura: {result.billState}.
            {result.unapplied > 0
              ? ` Quedó un saldo a favor sin aplicar de ${formatMoney(result.unapplied)}.`
              : ''}
          </p>
        </Alert>
      ) : (
        <form ref={formRef} className="form" noValidate onSubmit={onSubmit}>
          <FormErrorSummary message={errors.summary} />
          <TextField
            label="Valor recibido (pesos)"
            name="valor"
            inputMode="numeric"
            value={valor}
            onChange={(event) => setValor(event.target.value)}
            error={errors.fields.valor}
            required
          />
          <TextField
            label="Número de recibo de caja"
            name="recibo"
            autoComplete="off"
            hint="El consecutivo del recibo que entrega al contribuyente; registrar el mismo número dos veces no duplica el pago."
            value={recibo}
            onChange={(event) => setRecibo(event.target.value)}
            error={errors.fields.recibo}
            required
          />
          <div className="form__actions">
            <button type="submit" className="button" disabled={pending}>
              Registrar pago en caja
            </button>
          </div>
        </form>
      )}
    </section>
  );
}

export function CashierPage() {
  const { user } = useAuth();
  const canRecord = hasPermission(user, 'taxes.payments.record');
  const [decoded, setDecoded] = useState<{ value: DecodedBarcode; at: number } | null>(null);
  return (
    <Page
      title="Caja"
      lead="Lea el código de barras del recibo para encontrar la factura y registre el pago recibido en ventanilla."
    >
      <ScanForm onDecoded={(value) => setDecoded({ value, at: Date.now() })} />
      {decoded && <DecodedPanel key={decoded.at} decoded={decoded.value} />}
      {decoded?.value.bill && canRecord && decoded.value.bill.state === 'vigente' && (
        <CashForm key={decoded.at} decoded={decoded.value} />
      )}
    </Page>
  );
}

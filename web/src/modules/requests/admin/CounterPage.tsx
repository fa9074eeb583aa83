import { type FormEvent, useRef, useState } from 'react';
import { Link } from 'react-router-dom';
import { useFormSubmit } from '../../../app/useFormSubmit';
import { Alert } from '../../../platform/Alert';
import { FormErrorSummary } from '../../../platform/fields';
import { Loading } from '../../../platform/Loading';
import { Page } from '../../../platform/Page';
import { FilingForm } from '../FilingForm';
import { FilingReceiptPanel } from '../FilingReceiptPanel';
import { FilesField } from '../fields';
import { postJson } from '../http';
import { ADMIN_BASE, API, cleanFieldErrors, cleanMessage } from '../labels';
import { useCatalogue } from '../PqrsdPage';
import type { FilingReceipt } from '../types';

function ReceiptActions({ receipt, onAnother }: { receipt: FilingReceipt; onAnother: () => void }) {
  return (
    <>
      <Link className="button button--secondary" to={`${ADMIN_BASE}/${receipt.id}`}>
        Abrir la solicitud
      </Link>
      <button type="button" className="button button--secondary" onClick={onAnother}>
        Radicar otra
      </button>
    </>
  );
}

/** A received e-mail saved as .eml becomes a request (the same message files once). */
function EmailUpload({ typeLabel }: { typeLabel: (code: string) => string }) {
  const fileRef = useRef<HTMLInputElement>(null);
  const [receipt, setReceipt] = useState<FilingReceipt | null>(null);
  const [formKey, setFormKey] = useState(0);
  const { formRef, pending, errors, submit, rejectIfInvalid } = useFormSubmit();
  const fields = cleanFieldErrors(errors.fields);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const file = fileRef.current?.files?.[0];
    if (rejectIfInvalid(file ? {} : { archivo: 'Elija el mensaje de correo (.eml).' })) return;
    void submit(async () => {
      const body = new FormData();
      body.append('archivo', file!, file!.name);
      setReceipt(await postJson<FilingReceipt>(`${API}/correo/eml`, body));
    });
  };

  return (
    <section aria-labelledby="correo">
      <h2 id="correo">Radicar un correo recibido</h2>
      <p>
        Guarde el correo como archivo .eml desde su programa de correo y cárguelo: se radica con la fecha de
        llegada, el remitente y los adjuntos. El mismo mensaje no se radica dos veces. El remitente recibe por
        correo el radicado y una clave de consulta.
      </p>
      {receipt ? (
        <FilingReceiptPanel receipt={receipt} typeLabel={typeLabel(receipt.type)} headingLevel={3}>
          <ReceiptActions
            receipt={receipt}
            onAnother={() => {
              setReceipt(null);
              setFormKey((key) => key + 1);
            }}
          />
        </FilingReceiptPanel>
      ) : (
        <form key={formKey} ref={formRef} className="form" noValidate onSubmit={onSubmit}>
          <FormErrorSummary message={errors.summary ? cleanMessage(errors.summary) : null} />
          <FilesField
            label="Mensaje de correo (.eml)"
            name="archivo"
            hint="Un archivo .eml con el mensaje completo, tal como llegó."
            accept=".eml,message/rfc822"
            multiple={false}
            inputRef={fileRef}
            error={fields.archivo}
          />
          <div className="form__actions">
            <button type="submit" className="button" disabled={pending}>
              {pending ? 'Radicando…' : 'Radicar el correo'}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}

/** /admin/pqrsd/ventanilla: requests presented in person (with scanned documents) and received e-mails. */
export function CounterPage() {
  const catalogue = useCatalogue();
  const [receipt, setReceipt] = useState<FilingReceipt | null>(null);
  const [formKey, setFormKey] = useState(0);
  const typeLabel = (code: string) => catalogue.data?.types.find((type) => type.code === code)?.label ?? code;

  return (
    <Page
      title="Radicar PQRSD en ventanilla"
      lead="Registre las solicitudes que llegan en persona o por correo electrónico. Cada una recibe su radicado y su término legal en el momento de radicarla."
    >
      <p>
        <Link to={ADMIN_BASE}>Volver a la bandeja</Link>
      </p>
      <section aria-labelledby="ventanilla">
        <h2 id="ventanilla">Solicitud presentada en persona</h2>
        {receipt ? (
          <FilingReceiptPanel receipt={receipt} typeLabel={typeLabel(receipt.type)} headingLevel={3}>
            <ReceiptActions
              receipt={receipt}
              onAnother={() => {
                setReceipt(null);
                setFormKey((key) => key + 1);
              }}
            />
          </FilingReceiptPanel>
        ) : (
          <>
            {catalogue.loading && !catalogue.data && <Loading label="Cargando el formulario…" />}
            {catalogue.error && <Alert tone="error">{catalogue.error.detail}</Alert>}
            {catalogue.data && (
              <FilingForm
                key={formKey}
                catalogue={catalogue.data}
                mode="ventanilla"
                account={null}
                onFiled={setReceipt}
              />
            )}
          </>
        )}
      </section>
      <EmailUpload typeLabel={typeLabel} />
    </Page>
  );
}

import { type FormEvent, useState } from 'react';
import { api } from '../../../app/api';
import { hasPermission, useAuth } from '../../../app/auth';
import { useFormSubmit } from '../../../app/useFormSubmit';
import { FormErrorSummary, TextField } from '../../../platform/fields';
import { formatNumber } from '../../../platform/format';
import { fileUrl } from '../../admin/labels';
import { todayInBogota } from '../labels';
import { readably } from '../problems';
import type { OwnJob } from '../types';
import { JobStatusPanel } from './JobStatusPanel';

function MassBillingForm({
  onStarted,
}: {
  onStarted: (started: { jobId: string; vigencia: number }) => void;
}) {
  const [vigencia, setVigencia] = useState(todayInBogota().slice(0, 4));
  const { formRef, pending, errors, submit, rejectIfInvalid } = useFormSubmit();
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const year = Number(vigencia);
    const valid = /^\d{4}$/.test(vigencia.trim()) && year >= 2000 && year <= 2100;
    if (rejectIfInvalid(valid ? {} : { vigencia: 'Escriba un año de cuatro dígitos.' })) return;
    void submit(async () => {
      const { jobId } = await readably(() =>
        api.post<{ jobId: string }>('/api/v1/predial/admin/facturacion-masiva', { vigencia: year }),
      );
      onStarted({ jobId, vigencia: year });
    });
  };
  return (
    <form ref={formRef} className="form" noValidate onSubmit={onSubmit}>
      <FormErrorSummary message={errors.summary} />
      <TextField
        label="Vigencia a facturar"
        name="vigencia"
        inputMode="numeric"
        maxLength={4}
        hint="Repetirla el mismo día no expide facturas nuevas: entrega las mismas."
        value={vigencia}
        onChange={(event) => setVigencia(event.target.value)}
        error={errors.fields.vigencia}
        required
      />
      <div className="form__actions">
        <button type="submit" className="button" disabled={pending}>
          Generar las facturas de la vigencia
        </button>
      </div>
    </form>
  );
}

/** The ZIP files of receipts the job reports (src/modules/taxes/mass-receipts.job.ts), in lot order. */
function zipFileIdsOf(job: OwnJob): string[] {
  const ids = job.result?.zipFileIds;
  return Array.isArray(ids) ? ids.filter((id): id is string => typeof id === 'string') : [];
}

function Downloads({ job }: { job: OwnJob }) {
  const zips = zipFileIdsOf(job);
  return (
    <>
      <ul className="link-list">
        {job.resultFileId && (
          <li>
            <a href={fileUrl(job.resultFileId)} download>
              Descargar el manifiesto (CSV)
            </a>
          </li>
        )}
        {zips.map((id, index) => (
          <li key={id}>
            <a href={fileUrl(id)} download>
              Descargar los recibos del lote {formatNumber(index + 1)} (ZIP)
            </a>
          </li>
        ))}
      </ul>
      <p>
        El manifiesto lista cada factura con su referencia de pago, su valor y el lote en que quedó su recibo.
        Cada lote es un archivo ZIP de hasta 2.000 recibos en PDF.
      </p>
    </>
  );
}

/** "Facturación masiva": bills and receipt PDFs of a whole vigencia, for printing and mailing. */
export function MassBillingSection() {
  const { user } = useAuth();
  const [started, setStarted] = useState<{ jobId: string; vigencia: number } | null>(null);
  if (!hasPermission(user, 'taxes.bills.issue')) return null;
  return (
    <section aria-labelledby="facturacion-masiva">
      <h2 id="facturacion-masiva">Facturación masiva</h2>
      <p>
        Expide la factura de cada predio que debe algo de la vigencia (salvo lo que está en acuerdo de pago) y
        genera sus recibos en PDF para imprimir y enviar. Corre en segundo plano.
      </p>
      <MassBillingForm onStarted={setStarted} />
      {started && (
        <JobStatusPanel
          key={started.jobId}
          jobId={started.jobId}
          title={`Facturación de la vigencia ${started.vigencia}`}
          headingId="avance-facturacion"
          progressLabel={`Facturas generadas de la vigencia ${started.vigencia}`}
          failureTitle="La facturación masiva falló"
          whenCompleted={(job) => <Downloads job={job} />}
        />
      )}
    </section>
  );
}

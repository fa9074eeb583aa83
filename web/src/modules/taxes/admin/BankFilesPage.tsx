import { type FormEvent, useRef, useState } from 'react';
import { api } from '../../../app/api';
import { hasPermission, useAuth } from '../../../app/auth';
import { useApiGet } from '../../../app/useApiGet';
import { useFormSubmit } from '../../../app/useFormSubmit';
import { Alert } from '../../../platform/Alert';
import { CheckboxField, FormErrorSummary } from '../../../platform/fields';
import { formatDateTime, formatMoney, formatNumber } from '../../../platform/format';
import { Loading } from '../../../platform/Loading';
import { Page } from '../../../platform/Page';
import { TableScroll } from '../../../platform/TableScroll';
import { BANK_FILE_STATE_LABELS, formatDay } from '../labels';
import { readably } from '../problems';
import type { BankFileReport, BankFileRow } from '../types';

function UploadForm({ onReport }: { onReport: (report: BankFileReport, fileName: string) => void }) {
  const fileRef = useRef<HTMLInputElement>(null);
  const [simulate, setSimulate] = useState(false);
  const { formRef, pending, errors, submit, rejectIfInvalid } = useFormSubmit();

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const file = fileRef.current?.files?.[0];
    if (rejectIfInvalid(file ? {} : { file: 'Elija el archivo de recaudo del banco.' }) || !file) return;
    void submit(async () => {
      const body = new FormData();
      body.append('file', file, file.name);
      const path = `/api/v1/pagos/admin/archivos-bancarios${simulate ? '?simular=true' : ''}`;
      onReport(await readably(() => api.post<BankFileReport>(path, body)), file.name);
    });
  };

  const error = errors.fields.file;
  return (
    <form ref={formRef} className="form" noValidate onSubmit={onSubmit}>
      <FormErrorSummary message={errors.summary} />
      <div className={error ? 'field field--error' : 'field'}>
        <label className="field__label" htmlFor="archivo-bancario">
          Archivo de recaudo (Asobancaria 2001)
        </label>
        <p id="archivo-bancario-ayuda" className="field__hint">
          El archivo de texto que envía el banco con los pagos de un día. Un mismo archivo no se aplica dos
          veces.
        </p>
        <input
          ref={fileRef}
          id="archivo-bancario"
          name="file"
          type="file"
          accept=".txt,.TXT,text/plain"
          className="field__file"
          aria-invalid={error ? true : undefined}
          aria-describedby={
            error ? 'archivo-bancario-ayuda archivo-bancario-error' : 'archivo-bancario-ayuda'
          }
        />
        {error && (
          <p id="archivo-bancario-error" className="field__error">
            <span className="visually-hidden">Error: </span>
            {error}
          </p>
        )}
      </div>
      <CheckboxField
        name="simular"
        label="Solo validar (revisa el archivo sin aplicar los pagos)"
        checked={simulate}
        onChange={(event) => setSimulate(event.target.checked)}
      />
      <div className="form__actions">
        <button type="submit" className="button" disabled={pending}>
          {pending ? 'Procesando el archivo…' : simulate ? 'Validar archivo' : 'Cargar y aplicar'}
        </button>
      </div>
    </form>
  );
}

function ReportPanel({ report, fileName }: { report: BankFileReport; fileName: string }) {
  return (
    <section className="panel panel--wide" aria-labelledby="informe-archivo">
      <h2 id="informe-archivo">Informe del archivo {fileName}</h2>
      {report.valid ? (
        <Alert
          tone="success"
          title={report.state === 'simulado' ? 'Archivo válido (no se aplicó)' : 'Archivo aplicado'}
        >
          {report.state === 'simulado'
            ? `El archivo es correcto: ${formatNumber(report.records)} pagos por ${formatMoney(report.total)}. Cárguelo sin «Solo validar» para aplicarlos.`
            : `Se aplicaron ${formatNumber(report.applied)} de ${formatNumber(report.records)} pagos.`}
        </Alert>
      ) : (
        <Alert tone="error" title="Archivo rechazado">
          El archivo tiene{' '}
          {report.errors.length === 1 ? 'un error' : `${formatNumber(report.errors.length)} errores`} y no se
          aplicó ningún pago. Pida al banco un archivo corregido.
        </Alert>
      )}
      <dl className="data-list data-list--compact">
        <div>
          <dt>Estado</dt>
          <dd>{BANK_FILE_STATE_LABELS[report.state] ?? report.state}</dd>
        </div>
        <div>
          <dt>Banco</dt>
          <dd>{report.bank ? `${report.bank.name ?? 'Banco'} (${report.bank.code})` : '—'}</dd>
        </div>
        <div>
          <dt>Fecha de recaudo</dt>
          <dd>{formatDay(report.collectionDate)}</dd>
        </div>
        <div>
          <dt>Lotes</dt>
          <dd>{formatNumber(report.lots)}</dd>
        </div>
        <div>
          <dt>Registros</dt>
          <dd>{formatNumber(report.records)}</dd>
        </div>
        <div>
          <dt>Valor total</dt>
          <dd>{formatMoney(report.total)}</dd>
        </div>
        <div>
          <dt>Pagos aplicados</dt>
          <dd>{formatNumber(report.applied)}</dd>
        </div>
      </dl>
      {report.errors.length > 0 && (
        <TableScroll label="Errores del archivo">
          <table className="table">
            <caption className="visually-hidden">Errores del archivo</caption>
            <thead>
              <tr>
                <th scope="col">Línea</th>
                <th scope="col">Código</th>
                <th scope="col">Detalle</th>
              </tr>
            </thead>
            <tbody>
              {report.errors.map((error, index) => (
                // Errors carry no id and the same code may repeat on one line.
                // biome-ignore lint/suspicious/noArrayIndexKey: the list is replaced as a whole, never reordered.
                <tr key={index}>
                  <th scope="row">{error.line ?? '—'}</th>
                  <td>
                    <code>{error.code}</code>
                  </td>
                  <td>{error.detail}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </section>
  );
}

function FilesTable({ files }: { files: BankFileRow[] }) {
  if (files.length === 0) return <p>Todavía no se han cargado archivos bancarios.</p>;
  return (
    <TableScroll label="Archivos bancarios cargados">
      <table className="table">
        <thead>
          <tr>
            <th scope="col">Archivo</th>
            <th scope="col">Banco</th>
            <th scope="col">Fecha de recaudo</th>
            <th scope="col">Estado</th>
            <th scope="col">Registros</th>
            <th scope="col">Aplicados</th>
            <th scope="col">Valor</th>
            <th scope="col">Cargado</th>
          </tr>
        </thead>
        <tbody>
          {files.map((file) => (
            <tr key={file.id}>
              <th scope="row" className="cell--break">
                {file.fileName ?? '—'}
              </th>
              <td>{file.bankCode ?? '—'}</td>
              <td className="cell--nowrap">{formatDay(file.collectionDate)}</td>
              <td>{BANK_FILE_STATE_LABELS[file.state] ?? file.state}</td>
              <td className="cell--money">{formatNumber(file.records)}</td>
              <td className="cell--money">{formatNumber(file.applied)}</td>
              <td className="cell--money">{formatMoney(file.total)}</td>
              <td>{formatDateTime(file.createdAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

export function BankFilesPage() {
  const { user } = useAuth();
  const canUpload = hasPermission(user, 'taxes.payments.record');
  const [result, setResult] = useState<{ report: BankFileReport; fileName: string; at: number } | null>(null);
  const files = useApiGet<{ items: BankFileRow[] }>('/api/v1/pagos/admin/archivos-bancarios');

  return (
    <Page
      title="Archivos bancarios"
      lead="Cargue los archivos de recaudo Asobancaria 2001 que envían los bancos. Un archivo con errores no aplica ningún pago."
    >
      {canUpload ? (
        <UploadForm
          onReport={(report, fileName) => {
            setResult({ report, fileName, at: Date.now() });
            files.reload();
          }}
        />
      ) : (
        <p>Su rol permite consultar los archivos cargados, no cargar nuevos.</p>
      )}
      {result && <ReportPanel key={result.at} report={result.report} fileName={result.fileName} />}
      <section aria-labelledby="archivos-cargados">
        <h2 id="archivos-cargados">Archivos cargados</h2>
        {files.loading && !files.data && <Loading label="Cargando los archivos…" />}
        {files.error && <Alert tone="error">{files.error.detail}</Alert>}
        {files.data && <FilesTable files={files.data.items} />}
      </section>
    </Page>
  );
}

import { type FormEvent, useEffect, useRef, useState } from 'react';
import { api } from '../../app/api';
import { useApiGet } from '../../app/useApiGet';
import { useFormSubmit } from '../../app/useFormSubmit';
import { Alert } from '../../platform/Alert';
import { FilesField, FormErrorSummary } from '../../platform/fields';
import { Loading } from '../../platform/Loading';
import { Page } from '../../platform/Page';
import { ProgressBar } from '../../platform/ProgressBar';
import { TableScroll } from '../../platform/TableScroll';
import { fileUrl, isJobRunning, JOB_STATE_LABELS } from '../admin/labels';
import type { Job } from '../admin/types';
import { PRECISION_LABELS } from './labels';
import type { GeocodePrecision } from './types';

const UPLOAD_PATH = '/api/v1/admin/territory/geocode-batches';
const POLL_INTERVAL_MS = 1000;
const ACCEPT = '.csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const EXAMPLE_ROWS: [string, string, string][] = [
  ['Calle 35 # 10-43', 'Centro', '68001'],
  ['Carrera 27 con Calle 45', '', ''],
  ['La Victoria', '', ''],
];
const EXAMPLE_CSV = `direccion,barrio,municipio\n${EXAMPLE_ROWS.map((row) => row.map((cell) => (cell.includes(',') ? `"${cell}"` : cell)).join(',')).join('\n')}\n`;

/** The columns the result adds, as the server writes them. */
const ADDED_COLUMNS: [string, string][] = [
  ['canonical', 'La dirección escrita de forma estándar (vacía si no se reconoció).'],
  ['status', 'completa, interseccion, solo_via, rural o no_es_direccion.'],
  ['precision', 'Qué tan exacto es el punto (vea la lista de abajo).'],
  ['lat, lon', 'Latitud y longitud en grados decimales (WGS 84); vacías si no se ubicó.'],
  ['municipio, comuna, barrio', 'Dónde queda el punto.'],
];

/** A job the signed-in official started, through GET /api/v1/me/jobs/:id (no jobs.read needed). */
function useOwnJob(jobId: string) {
  const job = useApiGet<Job>(`/api/v1/me/jobs/${encodeURIComponent(jobId)}`);
  const { data, error, loading, reload } = job;
  useEffect(() => {
    const finished = data !== null && !isJobRunning(data.state);
    const hopeless = error !== null && [401, 403, 404].includes(error.status);
    if (loading || finished || hopeless) return;
    const timer = setTimeout(reload, POLL_INTERVAL_MS);
    return () => clearTimeout(timer);
  }, [data, error, loading, reload]);
  return job;
}

function BatchStatus({ jobId, fileName }: { jobId: string; fileName: string }) {
  const { data: job, error } = useOwnJob(jobId);
  return (
    <section className="panel" aria-labelledby="avance-lote">
      <h2 id="avance-lote">Geocodificación de {fileName}</h2>
      {!job && !error && <Loading label="Consultando la tarea…" />}
      {job && (
        <>
          <p role="status">Estado: {JOB_STATE_LABELS[job.state] ?? job.state}.</p>
          <ProgressBar
            label="Direcciones geocodificadas"
            done={job.done}
            total={job.total}
            complete={job.state === 'completado'}
          />
          {job.state !== 'fallido' && job.message && <p>{job.message}</p>}
          {job.state === 'completado' &&
            (job.resultFileId ? (
              <p>
                <a className="button" href={fileUrl(job.resultFileId)} download>
                  Descargar el resultado
                </a>
              </p>
            ) : (
              <Alert tone="warning">La tarea terminó sin archivo de resultado.</Alert>
            ))}
          {job.state === 'fallido' && (
            <Alert tone="error" title="La geocodificación no terminó">
              {job.message ?? 'Intente de nuevo en unos minutos.'}
            </Alert>
          )}
        </>
      )}
      {error && <Alert tone="warning">No fue posible consultar el avance: {error.detail}</Alert>}
    </section>
  );
}

function UploadForm({ onStarted }: { onStarted: (jobId: string, fileName: string) => void }) {
  const fileRef = useRef<HTMLInputElement>(null);
  const { formRef, pending, errors, submit, rejectIfInvalid } = useFormSubmit();

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const file = fileRef.current?.files?.[0];
    if (
      rejectIfInvalid(file ? {} : { archivo: 'Elija el archivo CSV o Excel con las direcciones.' }) ||
      !file
    )
      return;
    void submit(async () => {
      const body = new FormData();
      body.append('archivo', file, file.name);
      const { jobId } = await api.post<{ jobId: string }>(UPLOAD_PATH, body);
      onStarted(jobId, file.name);
    });
  };

  return (
    <form ref={formRef} className="form" noValidate onSubmit={onSubmit}>
      <FormErrorSummary message={errors.summary} />
      <FilesField
        label="Archivo de direcciones"
        name="archivo"
        hint="CSV (UTF-8, separado por comas o punto y coma) o Excel (.xlsx), con fila de encabezados."
        inputRef={fileRef}
        accept={ACCEPT}
        multiple={false}
        error={errors.fields.archivo}
      />
      <div className="form__actions">
        <button type="submit" className="button" disabled={pending}>
          {pending ? 'Enviando el archivo…' : 'Geocodificar'}
        </button>
      </div>
    </form>
  );
}

function ExpectedColumns() {
  return (
    <section aria-labelledby="columnas">
      <h2 id="columnas">Columnas del archivo</h2>
      <p>
        Una fila por dirección. La columna <code>direccion</code> es obligatoria (también se acepta{' '}
        <code>dirección</code> o <code>address</code>); <code>barrio</code> y <code>municipio</code> (código
        DIVIPOLA) son opcionales y ayudan cuando la dirección sola no basta. Las demás columnas se conservan
        tal cual.
      </p>
      <TableScroll label="Ejemplo de archivo de direcciones">
        <table className="table">
          <caption className="visually-hidden">Ejemplo de archivo de direcciones</caption>
          <thead>
            <tr>
              <th scope="col">direccion</th>
              <th scope="col">barrio</th>
              <th scope="col">municipio</th>
            </tr>
          </thead>
          <tbody>
            {EXAMPLE_ROWS.map((row) => (
              <tr key={row[0]}>
                {row.map((cell, index) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: fixed columns of a fixed example.
                  <td key={index}>{cell}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      <p>
        <a
          href={`data:text/csv;charset=utf-8,${encodeURIComponent(EXAMPLE_CSV)}`}
          download="ejemplo-direcciones.csv"
        >
          Descargar este ejemplo en CSV
        </a>
      </p>
      <h3>Lo que agrega el resultado</h3>
      <p>
        El resultado tiene el mismo formato del archivo cargado, con estas columnas al final. Si el archivo ya
        trae una columna con uno de esos nombres (por ejemplo <code>barrio</code>), la del resultado se llama{' '}
        <code>barrio_resultado</code>: ninguna columna suya se sobrescribe.
      </p>
      <dl className="data-list data-list--compact">
        {ADDED_COLUMNS.map(([column, meaning]) => (
          <div key={column}>
            <dt>
              <code>{column}</code>
            </dt>
            <dd>{meaning}</dd>
          </div>
        ))}
      </dl>
      <h3>Valores de la precisión</h3>
      <ul>
        {(Object.entries(PRECISION_LABELS) as [GeocodePrecision, string][]).map(([value, label]) => (
          <li key={value}>
            <code>{value}</code>: {label}.
          </li>
        ))}
      </ul>
    </section>
  );
}

export function GeocodeBatchPage() {
  const [batch, setBatch] = useState<{ jobId: string; fileName: string } | null>(null);
  return (
    <Page
      title="Geocodificación por lotes"
      lead="Cargue un archivo con direcciones y descargue el mismo archivo con el barrio, la comuna y las coordenadas de cada una. Se procesa en segundo plano."
    >
      <UploadForm onStarted={(jobId, fileName) => setBatch({ jobId, fileName })} />
      {batch && <BatchStatus key={batch.jobId} jobId={batch.jobId} fileName={batch.fileName} />}
      <ExpectedColumns />
    </Page>
  );
}

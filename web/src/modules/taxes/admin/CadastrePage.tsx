import { type FormEvent, type RefObject, useId, useRef, useState } from 'react';
import { api, withQuery } from '../../../app/api';
import { hasPermission, useAuth } from '../../../app/auth';
import { useApiGet } from '../../../app/useApiGet';
import { useFormSubmit } from '../../../app/useFormSubmit';
import { Alert } from '../../../platform/Alert';
import { CheckboxField, FormErrorSummary, SelectField } from '../../../platform/fields';
import { formatDateTime, formatNumber } from '../../../platform/format';
import { Loading } from '../../../platform/Loading';
import { Page } from '../../../platform/Page';
import { TableScroll } from '../../../platform/TableScroll';
import { CADASTRE_FORMAT_LABELS, CADASTRE_IMPORT_BADGES, CADASTRE_IMPORT_LABELS } from '../labels';
import { readably } from '../problems';
import type { CadastreFormat, CadastreImport } from '../types';
import { JobStatusPanel } from './JobStatusPanel';

const LIST_PATH = '/api/v1/predial/admin/catastro';
/** The server keeps the first 200 problems of an import (cadastre-import.job.ts). */
const PROBLEMS_LISTED = 200;

const FORMAT_OPTIONS: { value: '' | CadastreFormat; label: string }[] = [
  { value: '', label: 'Detectar automáticamente' },
  { value: 'r1r2', label: CADASTRE_FORMAT_LABELS.r1r2! },
  { value: 'amb-open-data', label: CADASTRE_FORMAT_LABELS['amb-open-data']! },
  { value: 'csv', label: CADASTRE_FORMAT_LABELS.csv! },
];

/** Short names for the list's column (the select shows the long ones). */
const FORMAT_SHORT: Record<string, string> = {
  r1r2: 'R1/R2',
  'amb-open-data': 'AMB',
  csv: 'CSV',
  desconocido: 'No reconocido',
};

type ImportList = { items: CadastreImport[] };

interface Upload {
  jobId: string;
  fileName: string;
}

function FileField({
  label,
  hint,
  name,
  inputRef,
  error,
}: {
  label: string;
  hint: string;
  name: string;
  inputRef: RefObject<HTMLInputElement | null>;
  error?: string | undefined;
}) {
  const id = useId();
  return (
    <div className={error ? 'field field--error' : 'field'}>
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      <p id={`${id}-ayuda`} className="field__hint">
        {hint}
      </p>
      <input
        ref={inputRef}
        id={id}
        name={name}
        type="file"
        className="field__file"
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-ayuda ${id}-error` : `${id}-ayuda`}
      />
      {error && (
        <p id={`${id}-error`} className="field__error">
          <span className="visually-hidden">Error: </span>
          {error}
        </p>
      )}
    </div>
  );
}

function UploadForm({ onStarted }: { onStarted: (upload: Upload) => void }) {
  const fileRef = useRef<HTMLInputElement>(null);
  const r2Ref = useRef<HTMLInputElement>(null);
  const [formato, setFormato] = useState<'' | CadastreFormat>('');
  const [tolerant, setTolerant] = useState(false);
  const [complete, setComplete] = useState(false);
  const { formRef, pending, errors, submit, rejectIfInvalid } = useFormSubmit();

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const file = fileRef.current?.files?.[0];
    const r2 = r2Ref.current?.files?.[0];
    if (rejectIfInvalid(file ? {} : { file: 'Elija el archivo catastral.' }) || !file) return;
    void submit(async () => {
      const body = new FormData();
      body.append('file', file, file.name);
      if (r2) body.append('r2', r2, r2.name);
      const path = withQuery(LIST_PATH, {
        formato,
        tolerante: tolerant ? 'true' : undefined,
        completo: complete ? 'true' : undefined,
      });
      const { jobId } = await readably(() => api.post<{ jobId: string }>(path, body));
      onStarted({ jobId, fileName: file.name });
    });
  };

  return (
    <form ref={formRef} className="form" noValidate onSubmit={onSubmit}>
      <FormErrorSummary message={errors.summary} />
      <FileField
        label="Archivo catastral"
        name="file"
        hint="El R1 del IGAC (o R1 y R2 juntos), la exportación de datos abiertos del AMB (JSON o CSV) o el CSV de la alcaldía."
        inputRef={fileRef}
        error={errors.fields.file}
      />
      <FileField
        label="Archivo R2 (opcional)"
        name="r2"
        hint="Solo si el R2 del IGAC viene en un archivo aparte del R1."
        inputRef={r2Ref}
        error={errors.fields.r2}
      />
      <SelectField
        label="Formato"
        name="formato"
        value={formato}
        onChange={(event) => setFormato(event.target.value as '' | CadastreFormat)}
        error={errors.fields.formato}
        options={FORMAT_OPTIONS}
      />
      <CheckboxField
        name="tolerante"
        label="Aplicar los predios legibles aunque otros tengan errores"
        checked={tolerant}
        onChange={(event) => setTolerant(event.target.checked)}
        error={errors.fields.tolerante}
      />
      <CheckboxField
        name="completo"
        label="Es el catastro completo: retirar los predios que no vengan en el archivo"
        checked={complete}
        onChange={(event) => setComplete(event.target.checked)}
        error={errors.fields.completo}
      />
      {complete ? (
        <Alert tone="warning" title="Se retirarán los predios que no vengan en el archivo">
          Márquelo solo si el archivo trae todos los predios del municipio: los del registro que no estén en
          él quedan retirados y dejan de liquidarse.
        </Alert>
      ) : (
        <p className="form__note">
          El archivo agrega los predios nuevos y actualiza los que trae; no retira ninguno.
        </p>
      )}
      <p className="form__note">
        Sin la opción de aplicar los predios legibles, el archivo se aplica completo o no se aplica; con ella,
        los predios con errores no se agregan ni se cambian{complete && ', ni se retiran'}.
      </p>
      <div className="form__actions">
        <button type="submit" className="button" disabled={pending}>
          {pending ? 'Enviando el archivo…' : 'Cargar archivo catastral'}
        </button>
      </div>
    </form>
  );
}

const count = (item: CadastreImport, key: keyof CadastreImport['resumen']) => item.resumen[key] ?? 0;

function summaryOf(item: CadastreImport): string {
  const n = (key: keyof CadastreImport['resumen']) => formatNumber(count(item, key));
  return `${n('leidos')} predios leídos: ${n('nuevos')} nuevos, ${n('cambiados')} cambiados, ${n('sinCambios')} sin cambios y ${n('retirados')} retirados; ${n('errores')} errores y ${n('avisos')} avisos.`;
}

function ImportOutcome({ item }: { item: CadastreImport }) {
  return item.estado === 'aplicada' ? (
    <Alert tone="success" title="Archivo catastral aplicado">
      {summaryOf(item)}
    </Alert>
  ) : (
    <Alert tone="error" title="Archivo catastral rechazado">
      {summaryOf(item)} El registro de predios no cambió: vea los problemas en la tabla.
    </Alert>
  );
}

/** The outcome of this upload's import, read from the list once the job names it. */
function UploadOutcome({ importId, imports }: { importId: unknown; imports: ImportList | null }) {
  const item = imports?.items.find((candidate) => candidate.id === importId);
  if (!item) return <Loading label="Cargando el informe…" />;
  return (
    <>
      <ImportOutcome item={item} />
      <p>El informe completo está en la tabla de archivos cargados.</p>
    </>
  );
}

function ProblemList({ item }: { item: CadastreImport }) {
  const total = count(item, 'errores') + count(item, 'avisos');
  if (item.problemas.length === 0) return <>Ninguno</>;
  return (
    <details className="cadastre-problems">
      <summary>
        Ver {formatNumber(item.problemas.length)} {item.problemas.length === 1 ? 'problema' : 'problemas'}
        <span className="visually-hidden"> de la importación del {formatDateTime(item.createdAt)}</span>
      </summary>
      <ul>
        {item.problemas.map((problem, index) => (
          // Problems carry no id; the list is replaced whole, never reordered.
          // biome-ignore lint/suspicious/noArrayIndexKey: see above.
          <li key={index}>
            {problem.line > 0 ? `Línea ${formatNumber(problem.line)}` : 'Todo el archivo'} ·{' '}
            {problem.severity === 'error' ? 'Error' : 'Aviso'} <code>{problem.code}</code>: {problem.detail}
          </li>
        ))}
      </ul>
      {total > item.problemas.length && total >= PROBLEMS_LISTED && (
        <p>Se muestran los primeros {formatNumber(item.problemas.length)}.</p>
      )}
    </details>
  );
}

const COLUMNS: [keyof CadastreImport['resumen'], string][] = [
  ['leidos', 'Leídos'],
  ['nuevos', 'Nuevos'],
  ['cambiados', 'Cambiados'],
  ['sinCambios', 'Sin cambios'],
  ['retirados', 'Retirados'],
  ['ambiguos', 'Ambiguos'],
  ['protegidos', 'Protegidos'],
  ['errores', 'Errores'],
  ['avisos', 'Avisos'],
];

function ImportsTable({ items }: { items: CadastreImport[] }) {
  if (items.length === 0) return <p>Todavía no se ha cargado ningún archivo catastral.</p>;
  return (
    <TableScroll label="Archivos catastrales cargados">
      <table className="table table--numbers">
        <thead>
          <tr>
            <th scope="col">Cargado</th>
            <th scope="col">Formato</th>
            <th scope="col">Estado</th>
            {COLUMNS.map(([key, label]) => (
              <th key={key} scope="col">
                {label}
              </th>
            ))}
            <th scope="col">Problemas</th>
          </tr>
        </thead>
        <tbody>
          {items.map((item) => (
            <tr key={item.id}>
              <th scope="row">{formatDateTime(item.createdAt)}</th>
              <td>{FORMAT_SHORT[item.formato] ?? item.formato}</td>
              <td>
                <span className={`badge ${CADASTRE_IMPORT_BADGES[item.estado] ?? ''}`}>
                  {CADASTRE_IMPORT_LABELS[item.estado] ?? item.estado}
                </span>
              </td>
              {COLUMNS.map(([key]) => (
                <td key={key} className="cell--money">
                  {formatNumber(count(item, key))}
                </td>
              ))}
              <td>
                <ProblemList item={item} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

/** The columns of our CSV, as src/modules/taxes/cadastre/README.md documents them. */
const CSV_COLUMNS: [string, string, string][] = [
  ['numero_predial_nacional', 'Este o el siguiente', '30 dígitos (se admiten espacios, puntos y guiones).'],
  ['numero_predial_anterior', 'Este o el anterior', '20 dígitos.'],
  ['direccion', 'No', 'Texto.'],
  ['destino_economico', 'Sí', 'La letra del gestor catastral (A, C, … 0).'],
  ['estrato', 'No', 'De 1 a 6, o vacío.'],
  ['area_terreno_m2', 'No', 'Metros cuadrados: 12500.75 o 12500,75.'],
  ['area_construida_m2', 'No', 'Metros cuadrados: 147 o 147,5.'],
  ['avaluo', 'Sí', 'Pesos enteros, solo dígitos: 185000000.'],
  ['vigencia_avaluo', 'Sí', 'Año (2024) o fecha (2024-01-01).'],
  ['matricula_inmobiliaria', 'No', 'Como está escrita: 300-12345.'],
  ['propietario_calidad', 'No', 'propietario o poseedor.'],
  ['propietario_tipo_documento', 'No', 'CC, NIT, CE, TI, PA, RC o SEC.'],
  ['propietario_numero_documento', 'No', 'Dígitos (con o sin puntos) o como está escrito (900123456-1).'],
  ['propietario_nombre', 'No', 'Texto.'],
  ['propietario_participacion', 'No', 'Porcentaje (50, 50 %, 33,3333) o fracción (1/3).'],
];

function CsvFormat() {
  return (
    <section aria-labelledby="formato-csv">
      <h2 id="formato-csv">CSV de la alcaldía</h2>
      <p>
        Para municipios sin R1/R2 ni datos abiertos. UTF-8 o Windows-1252, separado por comas o por punto y
        coma, con fila de encabezados (columnas en cualquier orden). <strong>Una fila por propietario</strong>
        : los datos del predio se repiten igual en cada fila; un predio sin propietario conocido lleva una
        fila con las columnas del propietario vacías. Una columna ausente no cambia ese dato del registro; una
        celda vacía lo borra.
      </p>
      <details>
        <summary>Ver las columnas del CSV</summary>
        <TableScroll label="Columnas del CSV catastral">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Columna</th>
                <th scope="col">Obligatoria</th>
                <th scope="col">Contenido</th>
              </tr>
            </thead>
            <tbody>
              {CSV_COLUMNS.map(([column, required, content]) => (
                <tr key={column}>
                  <th scope="row">
                    <code>{column}</code>
                  </th>
                  <td>{required}</td>
                  <td>{content}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      </details>
    </section>
  );
}

export function CadastrePage() {
  const { user } = useAuth();
  const canUpload = hasPermission(user, 'taxes.predios.edit');
  const imports = useApiGet<ImportList>(LIST_PATH);
  const [upload, setUpload] = useState<Upload | null>(null);

  return (
    <Page
      title="Catastro"
      lead="Cargue el archivo catastral que entrega el gestor catastral. Se aplica en segundo plano: agrega los predios nuevos y actualiza los cambiados; si es el catastro completo, retira también los que ya no vienen. Un mismo archivo no se aplica dos veces."
    >
      {canUpload ? (
        <UploadForm onStarted={setUpload} />
      ) : (
        <p>Su rol permite consultar los archivos cargados, no cargar nuevos.</p>
      )}
      {upload && (
        <JobStatusPanel
          key={upload.jobId}
          jobId={upload.jobId}
          title={`Importación del archivo ${upload.fileName}`}
          headingId="importacion"
          progressLabel="Avance de la importación del catastro"
          failureTitle="El archivo catastral no se aplicó"
          onFinished={imports.reload}
          whenCompleted={(job) => <UploadOutcome importId={job.result?.importId} imports={imports.data} />}
        />
      )}
      <section aria-labelledby="archivos-cargados">
        <h2 id="archivos-cargados">Archivos cargados</h2>
        {imports.loading && !imports.data && <Loading label="Cargando los archivos…" />}
        {imports.error && <Alert tone="error">{imports.error.detail}</Alert>}
        {imports.data && <ImportsTable items={imports.data.items} />}
      </section>
      <CsvFormat />
    </Page>
  );
}

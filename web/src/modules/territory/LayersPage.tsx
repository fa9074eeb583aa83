import { type FormEvent, useRef, useState } from 'react';
import { api } from '../../app/api';
import { useTenant } from '../../app/tenant';
import { useApiGet } from '../../app/useApiGet';
import { useFormSubmit } from '../../app/useFormSubmit';
import { Alert } from '../../platform/Alert';
import { FilesField, FormErrorSummary, SelectField, TextField } from '../../platform/fields';
import { formatDateTime, formatNumber } from '../../platform/format';
import { Loading } from '../../platform/Loading';
import { Page } from '../../platform/Page';
import { TableScroll } from '../../platform/TableScroll';
import { LAYER_TIPO_LABELS, SRID_OPTIONS } from './labels';
import type { LayerTipo, LayerUploadResult, ReferenceLayer } from './types';

const LAYERS_PATH = '/api/v1/admin/territory/layers';
const ACCEPT = '.geojson,.json,.zip,.csv,application/geo+json,application/json,application/zip,text/csv';
/** Problems shown on the page; the rest are summarised in a count. */
const PROBLEMS_SHOWN = 100;

const TIPO_OPTIONS = [
  { value: '', label: 'Elija el tipo de capa' },
  ...(Object.entries(LAYER_TIPO_LABELS) as [LayerTipo, string][]).map(([value, label]) => ({ value, label })),
];

interface Uploaded extends LayerUploadResult {
  fileName: string;
}

function UploadForm({ onUploaded }: { onUploaded: (result: Uploaded) => void }) {
  const { tenant } = useTenant();
  const fileRef = useRef<HTMLInputElement>(null);
  const [tipo, setTipo] = useState('');
  // null until edited: the tenant's code arrives after the first render.
  const [municipio, setMunicipio] = useState<string | null>(null);
  const [srid, setSrid] = useState('');
  const [campo, setCampo] = useState('');
  const [fuente, setFuente] = useState('');
  const { formRef, pending, errors, submit, rejectIfInvalid } = useFormSubmit();
  const municipioValue = municipio ?? tenant?.divipola ?? '';

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const file = fileRef.current?.files?.[0];
    const problems: Record<string, string> = {};
    if (!tipo) problems.tipo = 'Elija el tipo de capa.';
    if (!/^\d{5}$/.test(municipioValue.trim()))
      problems.municipio = 'Escriba el código DIVIPOLA del municipio: 5 dígitos, p. ej. 68001.';
    if (!file) problems.archivo = 'Elija el archivo de la capa.';
    if (rejectIfInvalid(problems) || !file) return;
    void submit(async () => {
      // Fields before the file: the server reads the form in order.
      const body = new FormData();
      body.append('tipo', tipo);
      body.append('municipio', municipioValue.trim());
      if (srid) body.append('srid', srid);
      if (campo.trim()) body.append('campo', campo.trim());
      if (fuente.trim()) body.append('fuente', fuente.trim());
      body.append('archivo', file, file.name);
      const result = await api.post<LayerUploadResult>(LAYERS_PATH, body);
      onUploaded({ ...result, fileName: file.name });
    });
  };

  return (
    <form ref={formRef} className="form" noValidate onSubmit={onSubmit} aria-labelledby="cargar-capa">
      <h2 id="cargar-capa">Cargar una capa</h2>
      <FormErrorSummary message={errors.summary} />
      <SelectField
        label="Tipo de capa"
        name="tipo"
        options={TIPO_OPTIONS}
        value={tipo}
        onChange={(event) => setTipo(event.target.value)}
        error={errors.fields.tipo}
      />
      <TextField
        label="Municipio (código DIVIPOLA)"
        name="municipio"
        inputMode="numeric"
        maxLength={5}
        autoComplete="off"
        hint="5 dígitos. Por defecto, el de esta alcaldía."
        value={municipioValue}
        onChange={(event) => setMunicipio(event.target.value)}
        error={errors.fields.municipio}
      />
      <SelectField
        label="Sistema de referencia"
        name="srid"
        options={SRID_OPTIONS}
        value={srid}
        onChange={(event) => setSrid(event.target.value)}
        hint="Con «Detectar», el sistema se deduce del archivo y de sus coordenadas."
        error={errors.fields.srid}
      />
      <TextField
        label="Campo del nombre o la dirección (opcional)"
        name="campo"
        autoComplete="off"
        hint="El atributo que trae el nombre de la vía, del barrio o la dirección, p. ej. via o NOMBRE. Si lo deja vacío, se intenta reconocerlo."
        value={campo}
        onChange={(event) => setCampo(event.target.value)}
        error={errors.fields.campo}
      />
      <TextField
        label="Fuente y licencia (opcional)"
        name="fuente"
        autoComplete="off"
        hint="Quién produjo los datos y con qué licencia, p. ej. «IGAC, CC BY 4.0»: se muestra en los créditos del mapa."
        value={fuente}
        onChange={(event) => setFuente(event.target.value)}
        error={errors.fields.fuente}
      />
      <FilesField
        label="Archivo de la capa"
        name="archivo"
        hint="GeoJSON (.geojson o .json), shapefile comprimido (.zip con .shp, .dbf y .prj) o CSV con la geometría en WKT."
        inputRef={fileRef}
        accept={ACCEPT}
        multiple={false}
        error={errors.fields.archivo}
      />
      <div className="form__actions">
        <button type="submit" className="button" disabled={pending}>
          {pending ? 'Cargando la capa…' : 'Cargar capa'}
        </button>
      </div>
    </form>
  );
}

function UploadSummary({ result }: { result: Uploaded }) {
  const shown = result.problemas.slice(0, PROBLEMS_SHOWN);
  return (
    <section className="panel" aria-labelledby="resumen-carga">
      <h2 id="resumen-carga">Resultado de la carga</h2>
      <Alert tone={result.omitidos > 0 ? 'warning' : 'success'} title={`Capa cargada: ${result.fileName}`}>
        {LAYER_TIPO_LABELS[result.tipo] ?? result.tipo}: {formatNumber(result.elementos)}{' '}
        {result.elementos === 1 ? 'elemento cargado' : 'elementos cargados'} y {formatNumber(result.omitidos)}{' '}
        {result.omitidos === 1 ? 'omitido' : 'omitidos'}.
      </Alert>
      {shown.length > 0 && (
        <TableScroll label="Problemas de la capa cargada">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Elemento</th>
                <th scope="col">Campo</th>
                <th scope="col">Problema</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((problem) => (
                <tr key={`${problem.index}-${problem.field}-${problem.message}`}>
                  <th scope="row">{problem.index === null ? 'Toda la capa' : formatNumber(problem.index)}</th>
                  <td>
                    <code>{problem.field || '—'}</code>
                  </td>
                  <td>{problem.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      {result.problemas.length > shown.length && (
        <p>
          Se muestran los primeros {formatNumber(shown.length)} de {formatNumber(result.problemas.length)}{' '}
          problemas.
        </p>
      )}
    </section>
  );
}

function LayersTable({ items }: { items: ReferenceLayer[] }) {
  if (items.length === 0) return <p>Todavía no se ha cargado ninguna capa de referencia.</p>;
  return (
    <TableScroll label="Tabla de las capas cargadas">
      <table className="table table--numbers">
        <thead>
          <tr>
            <th scope="col">Capa</th>
            <th scope="col">Tipo</th>
            <th scope="col">Municipio</th>
            <th scope="col">Elementos</th>
            <th scope="col">Omitidos</th>
            <th scope="col">Sistema</th>
            <th scope="col">Cargada</th>
            <th scope="col">Fuente</th>
          </tr>
        </thead>
        <tbody>
          {items.map((layer) => (
            <tr key={layer.id}>
              <th scope="row" className="cell--break">
                {layer.nombre}
              </th>
              <td>{LAYER_TIPO_LABELS[layer.tipo] ?? layer.tipo}</td>
              <td>{layer.municipio}</td>
              <td className="cell--money">{formatNumber(layer.elementos)}</td>
              <td className="cell--money">{formatNumber(layer.omitidos)}</td>
              <td className="cell--nowrap">EPSG:{layer.srid}</td>
              <td>{formatDateTime(layer.cargadaEn)}</td>
              <td className="cell--break">{layer.fuente ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

export function LayersPage() {
  const layers = useApiGet<{ items: ReferenceLayer[] }>(LAYERS_PATH);
  const [uploaded, setUploaded] = useState<Uploaded | null>(null);

  return (
    <Page
      title="Capas de referencia"
      lead="Las capas que usa el geocodificador: ejes viales con nomenclatura, puntos de dirección, manzanas, barrios, comunas y límites municipales."
    >
      <UploadForm
        onUploaded={(result) => {
          setUploaded(result);
          layers.reload();
        }}
      />
      {uploaded && <UploadSummary key={uploaded.id} result={uploaded} />}
      <section aria-labelledby="capas-cargadas">
        <h2 id="capas-cargadas">Capas cargadas</h2>
        {layers.loading && !layers.data && <Loading label="Cargando las capas…" />}
        {layers.error && <Alert tone="error">{layers.error.detail}</Alert>}
        {layers.data && <LayersTable items={layers.data.items} />}
      </section>
    </Page>
  );
}

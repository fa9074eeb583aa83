import { type FormEvent, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { api, withQuery } from '../../app/api';
import { hasPermission, useAuth } from '../../app/auth';
import { useApiGet } from '../../app/useApiGet';
import { useFormSubmit } from '../../app/useFormSubmit';
import { Alert } from '../../platform/Alert';
import { FormErrorSummary, SelectField, TextField } from '../../platform/fields';
import { formatDateTime, formatNumber } from '../../platform/format';
import { Loading } from '../../platform/Loading';
import { Page } from '../../platform/Page';
import { Pagination } from '../../platform/Pagination';
import { TableScroll } from '../../platform/TableScroll';
import { ADMIN, BASE, dependenciaOptions, optionsOf, STATUS_LABELS, trdLabel, trdOptions } from './labels';
import type { ExpedienteDetail, ExpedienteSummary, Paged, TrdCatalogue } from './types';
import { useTrd } from './useTrd';

const PAGE_SIZE = 20;

/** Opens an expediente; with `radicado` (coming from a radicado's page) files it there at once. */
function CreateForm({
  catalogue,
  initialDependencia,
  radicado,
}: {
  catalogue: TrdCatalogue | null;
  initialDependencia: string;
  radicado: string | null;
}) {
  const navigate = useNavigate();
  const [form, setForm] = useState({ title: '', dependencia: initialDependencia, trdCode: '' });
  const { formRef, pending, errors, submit, rejectIfInvalid } = useFormSubmit();
  const series = trdOptions(catalogue, form.dependencia, true);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const problems: Record<string, string> = {};
    if (form.title.trim().length < 3)
      problems.title = 'Escriba el nombre del expediente (al menos 3 caracteres).';
    if (!form.dependencia) problems.dependencia = 'Elija la dependencia.';
    if (!form.trdCode) problems.trdCode = 'Elija la serie o subserie documental.';
    if (rejectIfInvalid(problems)) return;
    void submit(async () => {
      const folder = await api.post<ExpedienteDetail>(`${BASE}/expedientes`, {
        ...form,
        title: form.title.trim(),
      });
      if (radicado) await api.post(`${BASE}/expedientes/${folder.id}/radicados`, { radicado });
      navigate(`${ADMIN}/expedientes/${folder.id}`, { state: { created: folder.code } });
    });
  };

  return (
    <form ref={formRef} className="form" noValidate onSubmit={onSubmit}>
      <FormErrorSummary message={errors.summary} />
      {radicado && (
        <Alert tone="info">
          El radicado {radicado} se archivará en el expediente nuevo, que debe ser de su misma dependencia.
        </Alert>
      )}
      <TextField
        label="Nombre del expediente"
        name="title"
        hint="El asunto que reúne sus documentos, por ejemplo «Derecho de petición de Carlos Pérez sobre alumbrado público»."
        value={form.title}
        error={errors.fields.title}
        autoComplete="off"
        onChange={(event) => setForm({ ...form, title: event.target.value })}
      />
      <SelectField
        label="Dependencia"
        name="dependencia"
        value={form.dependencia}
        error={errors.fields.dependencia}
        options={[{ value: '', label: 'Elija una dependencia' }, ...dependenciaOptions(catalogue)]}
        onChange={(event) => setForm({ ...form, dependencia: event.target.value, trdCode: '' })}
      />
      <SelectField
        label="Serie o subserie documental (TRD)"
        name="trdCode"
        hint="Define cuánto tiempo se conserva el expediente y su disposición final."
        value={form.trdCode}
        error={errors.fields.trdCode}
        options={[
          {
            value: '',
            label: !form.dependencia
              ? 'Elija primero la dependencia'
              : series.length
                ? 'Elija una serie o subserie'
                : 'La dependencia no tiene series en la TRD',
          },
          ...series,
        ]}
        onChange={(event) => setForm({ ...form, trdCode: event.target.value })}
      />
      <div className="form__actions">
        <button type="submit" className="button" disabled={pending}>
          {pending
            ? 'Abriendo…'
            : radicado
              ? 'Abrir el expediente y archivar el radicado'
              : 'Abrir el expediente'}
        </button>
      </div>
    </form>
  );
}

function ExpedientesTable({ items }: { items: ExpedienteSummary[] }) {
  return (
    <TableScroll label="Expedientes">
      <table className="table">
        <thead>
          <tr>
            <th scope="col">Código</th>
            <th scope="col">Nombre</th>
            <th scope="col">Dependencia</th>
            <th scope="col">Serie documental</th>
            <th scope="col">Estado</th>
            <th scope="col">Documentos</th>
            <th scope="col">Abierto el</th>
          </tr>
        </thead>
        <tbody>
          {items.map((row) => (
            <tr key={row.id}>
              <th scope="row" className="cell--nowrap">
                <Link to={`${ADMIN}/expedientes/${row.id}`}>{row.code}</Link>
              </th>
              <td>{row.title}</td>
              <td>{row.dependencia.name}</td>
              <td>{trdLabel(row.trd)}</td>
              <td>
                <span className={`badge ${row.status === 'abierto' ? 'badge--success' : ''}`}>
                  {STATUS_LABELS[row.status]}
                </span>
              </td>
              <td className="cell--money">{formatNumber(row.itemCount)}</td>
              <td className="cell--nowrap">{formatDateTime(row.openedAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

/** Expedientes: open one under the TRD, and find them by dependencia, state or name. */
export function ExpedientesPage() {
  const { user } = useAuth();
  const [searchParams, setSearchParams] = useSearchParams();
  const trd = useTrd();
  const filters = {
    q: searchParams.get('q') ?? '',
    dependencia: searchParams.get('dependencia') ?? '',
    status: searchParams.get('status') ?? '',
  };
  const radicado = searchParams.get('radicado');
  const page = Math.max(1, Number(searchParams.get('page')) || 1);
  const list = useApiGet<Paged<ExpedienteSummary>>(
    withQuery(`${BASE}/expedientes`, { ...filters, page, pageSize: PAGE_SIZE }),
  );
  const [draft, setDraft] = useState(filters);

  const search = (next: typeof filters, nextPage = 1) => {
    const params: Record<string, string> = {};
    for (const [key, value] of Object.entries(next)) if (value.trim()) params[key] = value.trim();
    if (nextPage > 1) params.page = String(nextPage);
    setSearchParams(params);
  };

  return (
    <Page
      title="Expedientes"
      lead="Cada expediente reúne los documentos de un mismo asunto bajo una serie de la Tabla de Retención Documental; al cerrarlo empieza a contar su tiempo de retención."
    >
      <p>
        <Link to={ADMIN}>Volver a la correspondencia</Link>
      </p>
      {hasPermission(user, 'correspondence.register') && (
        <section aria-labelledby="abrir-expediente" className="panel">
          <h2 id="abrir-expediente">Abrir un expediente</h2>
          {trd.data ? (
            <CreateForm
              catalogue={trd.data}
              initialDependencia={filters.dependencia || user?.dependencia?.code || ''}
              radicado={radicado}
            />
          ) : (
            <Loading label="Cargando la Tabla de Retención Documental…" />
          )}
        </section>
      )}
      <section aria-labelledby="lista-expedientes">
        <h2 id="lista-expedientes">Expedientes</h2>
        <form
          className="filters"
          onSubmit={(event) => {
            event.preventDefault();
            search(draft);
          }}
        >
          <TextField
            label="Código o nombre"
            name="q"
            value={draft.q}
            onChange={(event) => setDraft({ ...draft, q: event.target.value })}
          />
          <SelectField
            label="Dependencia"
            name="dependencia"
            value={draft.dependencia}
            options={[{ value: '', label: 'Todas' }, ...dependenciaOptions(trd.data)]}
            onChange={(event) => setDraft({ ...draft, dependencia: event.target.value })}
          />
          <SelectField
            label="Estado"
            name="status"
            value={draft.status}
            options={[{ value: '', label: 'Todos' }, ...optionsOf(STATUS_LABELS)]}
            onChange={(event) => setDraft({ ...draft, status: event.target.value })}
          />
          <div className="filters__actions">
            <button type="submit" className="button">
              Buscar
            </button>
          </div>
        </form>
        {list.error && <Alert tone="error">{list.error.detail}</Alert>}
        {list.loading && !list.data && <Loading label="Cargando expedientes…" />}
        {list.data &&
          (list.data.items.length === 0 ? (
            <p>No hay expedientes con esos criterios.</p>
          ) : (
            <>
              <ExpedientesTable items={list.data.items} />
              <Pagination
                page={page}
                pageSize={PAGE_SIZE}
                total={list.data.total}
                onPageChange={(next) => search(filters, next)}
              />
            </>
          ))}
      </section>
    </Page>
  );
}

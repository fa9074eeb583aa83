import { type FormEvent, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { withQuery } from '../../app/api';
import { hasPermission, useAuth } from '../../app/auth';
import { useApiGet } from '../../app/useApiGet';
import { Alert } from '../../platform/Alert';
import { SelectField, TextField } from '../../platform/fields';
import { formatDateTime } from '../../platform/format';
import { Loading } from '../../platform/Loading';
import { Page } from '../../platform/Page';
import { Pagination } from '../../platform/Pagination';
import { TableScroll } from '../../platform/TableScroll';
import { ADMIN, BASE, DIRECTION_LABELS, dependenciaOptions, optionsOf } from './labels';
import type { ItemSummary, Paged } from './types';
import { useTrd } from './useTrd';

const PAGE_SIZE = 20;
const FILTERS = ['q', 'direction', 'dependencia', 'from', 'to', 'trd'] as const;
type Filters = Record<(typeof FILTERS)[number], string>;

function filtersFrom(params: URLSearchParams): Filters {
  return Object.fromEntries(FILTERS.map((name) => [name, params.get(name) ?? ''])) as Filters;
}

function SearchForm({
  initial,
  dependencias,
  errors,
  onSearch,
}: {
  initial: Filters;
  dependencias: { value: string; label: string }[];
  errors: Record<string, string>;
  onSearch: (filters: Filters) => void;
}) {
  const [filters, setFilters] = useState(initial);
  const bind = (name: keyof Filters) => ({
    name,
    value: filters[name],
    error: errors[name],
    onChange: (event: { target: { value: string } }) =>
      setFilters({ ...filters, [name]: event.target.value }),
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    onSearch(filters);
  };
  return (
    <form className="filters" onSubmit={onSubmit}>
      <TextField
        label="Buscar"
        hint="Asunto, remitente, destinatario, resumen o número de radicado. No importan tildes ni mayúsculas."
        {...bind('q')}
      />
      <SelectField
        label="Tipo"
        options={[{ value: '', label: 'Todos' }, ...optionsOf(DIRECTION_LABELS)]}
        {...bind('direction')}
      />
      <SelectField
        label="Dependencia"
        options={[{ value: '', label: 'Todas' }, ...dependencias]}
        {...bind('dependencia')}
      />
      <TextField label="Desde" type="date" {...bind('from')} />
      <TextField label="Hasta" type="date" {...bind('to')} />
      <TextField label="Serie o subserie TRD" hint="Código, por ejemplo 140.20" {...bind('trd')} />
      <div className="filters__actions">
        <button type="submit" className="button">
          Buscar
        </button>
      </div>
    </form>
  );
}

function Results({
  data,
  page,
  onPage,
}: {
  data: Paged<ItemSummary>;
  page: number;
  onPage: (page: number) => void;
}) {
  if (data.items.length === 0) return <p>No hay radicados con esos criterios.</p>;
  return (
    <>
      <TableScroll label="Radicados encontrados">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Radicado</th>
              <th scope="col">Fecha</th>
              <th scope="col">Tipo</th>
              <th scope="col">Asunto</th>
              <th scope="col">Remitente</th>
              <th scope="col">Dependencia</th>
              <th scope="col">Expediente</th>
            </tr>
          </thead>
          <tbody>
            {data.items.map((item) => (
              <tr key={item.id}>
                <th scope="row" className="cell--nowrap">
                  <Link to={`${ADMIN}/radicados/${item.id}`}>{item.radicado}</Link>
                </th>
                <td className="cell--nowrap">{formatDateTime(item.radicadoAt)}</td>
                <td>{DIRECTION_LABELS[item.direction]}</td>
                <td>{item.subject}</td>
                <td>
                  {item.senderName}
                  {item.senderEntity ? ` (${item.senderEntity})` : ''}
                </td>
                <td>{item.dependencia.name}</td>
                <td className="cell--nowrap">
                  {item.expediente ? (
                    <Link to={`${ADMIN}/expedientes/${item.expediente.id}`}>{item.expediente.code}</Link>
                  ) : (
                    '—'
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      <Pagination page={page} pageSize={PAGE_SIZE} total={data.total} onPageChange={onPage} />
    </>
  );
}

/** Search and list of radicados: full text in Spanish, filters and pages. */
export function CorrespondencePage() {
  const { user } = useAuth();
  const [searchParams, setSearchParams] = useSearchParams();
  const filters = filtersFrom(searchParams);
  const page = Math.max(1, Number(searchParams.get('page')) || 1);
  const trd = useTrd();
  const list = useApiGet<Paged<ItemSummary>>(
    withQuery(`${BASE}/radicados`, { ...filters, page, pageSize: PAGE_SIZE }),
  );

  const search = (next: Filters, nextPage = 1) => {
    const params: Record<string, string> = {};
    for (const [key, value] of Object.entries(next)) if (value.trim()) params[key] = value.trim();
    if (nextPage > 1) params.page = String(nextPage);
    setSearchParams(params);
  };

  return (
    <Page
      title="Correspondencia"
      lead="Comunicaciones oficiales de entrada, salida e internas, cada una con su número de radicado y sus documentos digitalizados."
    >
      <div className="quick-actions">
        {hasPermission(user, 'correspondence.register') && (
          <Link className="button" to={`${ADMIN}/radicar`}>
            Radicar comunicación
          </Link>
        )}
        <Link className="button button--secondary" to={`${ADMIN}/expedientes`}>
          Expedientes
        </Link>
        <Link className="button button--secondary" to={`${ADMIN}/trd`}>
          Tabla de Retención Documental
        </Link>
      </div>
      <SearchForm
        key={searchParams.toString()}
        initial={filters}
        dependencias={dependenciaOptions(trd.data)}
        errors={list.error?.fieldErrors ?? {}}
        onSearch={search}
      />
      <section aria-labelledby="radicados-resultado">
        <h2 id="radicados-resultado">
          {filters.q ? `Resultados para «${filters.q}»` : 'Radicados recientes'}
        </h2>
        {list.error && <Alert tone="error">{list.error.detail}</Alert>}
        {list.loading && !list.data && <Loading label="Buscando radicados…" />}
        {list.data && !list.error && (
          <Results data={list.data} page={page} onPage={(next) => search(filters, next)} />
        )}
      </section>
    </Page>
  );
}

import { type FormEvent, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { withQuery } from '../../../app/api';
import { useApiGet } from '../../../app/useApiGet';
import { Alert } from '../../../platform/Alert';
import { SelectField, TextField } from '../../../platform/fields';
import { formatDateTime, formatMoney, formatNumber } from '../../../platform/format';
import { Loading } from '../../../platform/Loading';
import { Page } from '../../../platform/Page';
import { Pagination } from '../../../platform/Pagination';
import { TableScroll } from '../../../platform/TableScroll';
import { channelLabel, cleanFieldErrors, PAYMENT_CHANNEL_LABELS, todayInBogota } from '../labels';
import type { Bank, PaymentsPage as PaymentsResult } from '../types';

const PAGE_SIZE = 20;

interface Filters {
  desde: string;
  hasta: string;
  canal: string;
  banco: string;
}

function filtersFrom(params: URLSearchParams): Filters {
  const today = todayInBogota();
  return {
    desde: params.get('desde') ?? `${today.slice(0, 8)}01`,
    hasta: params.get('hasta') ?? today,
    canal: params.get('canal') ?? '',
    banco: params.get('banco') ?? '',
  };
}

function FilterForm({
  initial,
  banks,
  onSearch,
}: {
  initial: Filters;
  banks: Bank[];
  onSearch: (f: Filters) => void;
}) {
  const [filters, setFilters] = useState(initial);
  const bind = (name: keyof Filters) => ({
    name,
    value: filters[name],
    onChange: (event: { target: { value: string } }) =>
      setFilters({ ...filters, [name]: event.target.value }),
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    onSearch(filters);
  };
  return (
    <form className="filters" onSubmit={onSubmit}>
      <TextField label="Desde" type="date" required {...bind('desde')} />
      <TextField label="Hasta" type="date" required {...bind('hasta')} />
      <SelectField
        label="Canal"
        options={[
          { value: '', label: 'Todos' },
          ...Object.entries(PAYMENT_CHANNEL_LABELS).map(([value, label]) => ({ value, label })),
        ]}
        {...bind('canal')}
      />
      <SelectField
        label="Banco"
        options={[
          { value: '', label: 'Todos' },
          ...banks.map((bank) => ({ value: bank.code, label: bank.name })),
        ]}
        {...bind('banco')}
      />
      <div className="filters__actions">
        <button type="submit" className="button">
          Consultar
        </button>
      </div>
    </form>
  );
}

/** Bank names for the codes in payments (the PSE list uses the same three-digit codes). */
export function useBankNames() {
  const banks = useApiGet<{ items: Bank[] }>('/api/v1/pagos/pse/bancos');
  const items = banks.data?.items ?? [];
  const nameOf = (code: string | null) => {
    if (!code) return '—';
    const bank = items.find((candidate) => candidate.code === code);
    return bank ? `${bank.name} (${code})` : code;
  };
  return { items, nameOf };
}

export function PaymentsPage() {
  const [searchParams, setSearchParams] = useSearchParams();
  const filters = filtersFrom(searchParams);
  const page = Math.max(1, Number(searchParams.get('page')) || 1);
  const banks = useBankNames();
  const list = useApiGet<PaymentsResult>(
    withQuery('/api/v1/pagos/admin/pagos', { ...filters, page, pageSize: PAGE_SIZE }),
  );
  const problems = list.error ? cleanFieldErrors(list.error.fieldErrors) : {};
  const csvUrl = withQuery('/api/v1/pagos/admin/informes/recaudo.csv', {
    desde: filters.desde,
    hasta: filters.hasta,
  });

  const search = (next: Filters, nextPage = 1) => {
    const params: Record<string, string> = {};
    for (const [key, value] of Object.entries(next)) if (value) params[key] = value;
    if (nextPage > 1) params.page = String(nextPage);
    setSearchParams(params);
  };

  return (
    <Page
      title="Registro de pagos"
      lead="Pagos recibidos por PSE, en bancos y en caja, por fecha de recaudo."
    >
      <FilterForm key={searchParams.toString()} initial={filters} banks={banks.items} onSearch={search} />
      <p>
        <a className="button button--secondary" href={csvUrl} download>
          Exportar recaudo por día y concepto (CSV, SIF)
        </a>
      </p>
      {list.error && <Alert tone="error">{Object.values(problems)[0] ?? list.error.detail}</Alert>}
      {list.loading && !list.data && <Loading label="Cargando pagos…" />}
      {list.data && !list.error && (
        <section aria-labelledby="pagos-resultado">
          <h2 id="pagos-resultado">Pagos</h2>
          <dl className="data-list data-list--compact">
            <div>
              <dt>Pagos</dt>
              <dd>{formatNumber(list.data.total)}</dd>
            </div>
            <div>
              <dt>Valor recaudado</dt>
              <dd>
                <strong>{formatMoney(list.data.amount)}</strong>
              </dd>
            </div>
          </dl>
          {list.data.items.length === 0 ? (
            <p>No hay pagos con esos criterios.</p>
          ) : (
            <>
              <TableScroll label="Pagos registrados">
                <table className="table">
                  <thead>
                    <tr>
                      <th scope="col">Fecha de pago</th>
                      <th scope="col">Canal</th>
                      <th scope="col">Banco</th>
                      <th scope="col">Valor</th>
                      <th scope="col">Factura</th>
                      <th scope="col">Número predial</th>
                      <th scope="col">Soporte</th>
                    </tr>
                  </thead>
                  <tbody>
                    {list.data.items.map((row) => (
                      <tr key={row.id}>
                        <th scope="row">{formatDateTime(row.paidAt)}</th>
                        <td>{channelLabel(row.channel)}</td>
                        <td>{banks.nameOf(row.bankCode)}</td>
                        <td className="cell--money">
                          {formatMoney(row.amount)}
                          {row.unapplied > 0 ? ` (sin aplicar ${formatMoney(row.unapplied)})` : ''}
                        </td>
                        <td className="cell--nowrap">{row.billNumber}</td>
                        <td>
                          <code>{row.numeroPredial ?? '—'}</code>
                        </td>
                        <td className="cell--break">{row.externalId}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </TableScroll>
              <Pagination
                page={page}
                pageSize={PAGE_SIZE}
                total={list.data.total}
                onPageChange={(next) => search(filters, next)}
              />
            </>
          )}
        </section>
      )}
    </Page>
  );
}

import { type FormEvent, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { withQuery } from '../../../app/api';
import { useApiGet } from '../../../app/useApiGet';
import { useFormSubmit } from '../../../app/useFormSubmit';
import { Alert } from '../../../platform/Alert';
import { FormErrorSummary, TextField } from '../../../platform/fields';
import { formatNumber } from '../../../platform/format';
import { Loading } from '../../../platform/Loading';
import { Page } from '../../../platform/Page';
import { TableScroll } from '../../../platform/TableScroll';
import { cleanFieldErrors } from '../labels';
import type { PredioRow } from '../types';

function SearchForm({
  initial,
  error,
  onSearch,
}: {
  initial: string;
  error?: string;
  onSearch: (q: string) => void;
}) {
  const [q, setQ] = useState(initial);
  const { formRef, errors, rejectIfInvalid } = useFormSubmit();
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const text = q.trim();
    if (rejectIfInvalid(text.length >= 3 ? {} : { q: 'Escriba al menos 3 caracteres.' })) return;
    onSearch(text);
  };
  return (
    <form ref={formRef} className="form" noValidate onSubmit={onSubmit}>
      <FormErrorSummary message={errors.summary} />
      <TextField
        label="Buscar predio"
        name="q"
        autoComplete="off"
        hint="Número predial (nacional o anterior), documento de un propietario o dirección."
        value={q}
        onChange={(event) => setQ(event.target.value)}
        error={errors.fields.q ?? error}
        required
      />
      <div className="form__actions">
        <button type="submit" className="button">
          Buscar
        </button>
      </div>
    </form>
  );
}

export function PrediosRegistryPage() {
  const [searchParams, setSearchParams] = useSearchParams();
  const q = searchParams.get('q') ?? '';
  const results = useApiGet<{ items: PredioRow[] }>(
    q ? withQuery('/api/v1/predial/admin/predios', { q }) : null,
  );
  const fieldError = results.error ? cleanFieldErrors(results.error.fieldErrors).q : undefined;

  return (
    <Page
      title="Registro de predios"
      lead="Busque un predio para ver su ficha: avalúos, propietarios, estado de cuenta y facturas. Cada consulta de propietarios queda en la auditoría."
    >
      <p>
        El registro se carga con el archivo del gestor catastral: <Link to="/admin/catastro">Catastro</Link>.
      </p>
      <SearchForm key={q} initial={q} error={fieldError} onSearch={(next) => setSearchParams({ q: next })} />
      {results.loading && <Loading label="Buscando predios…" />}
      {results.error && !fieldError && <Alert tone="error">{results.error.detail}</Alert>}
      {!results.loading && results.data && (
        <section aria-labelledby="resultados">
          <h2 id="resultados">Resultados</h2>
          {results.data.items.length === 0 ? (
            <p>No hay predios que coincidan con «{q}».</p>
          ) : (
            <>
              <p>
                {results.data.items.length === 1
                  ? '1 predio encontrado.'
                  : `${formatNumber(results.data.items.length)} predios encontrados.`}
              </p>
              <TableScroll label="Predios encontrados">
                <table className="table">
                  <thead>
                    <tr>
                      <th scope="col">Número predial</th>
                      <th scope="col">Dirección</th>
                      <th scope="col">Destino</th>
                      <th scope="col">Estrato</th>
                      <th scope="col">Comuna</th>
                      <th scope="col">Estado</th>
                    </tr>
                  </thead>
                  <tbody>
                    {results.data.items.map((predio) => (
                      <tr key={predio.id}>
                        <th scope="row">
                          <Link to={`/admin/predios/${predio.id}`}>
                            <code>{predio.numeroPredial ?? predio.numeroPredialAnterior ?? predio.id}</code>
                          </Link>
                        </th>
                        <td>{predio.direccion ?? '—'}</td>
                        <td>{predio.destino}</td>
                        <td>{predio.estrato ?? '—'}</td>
                        <td>{predio.comunaCode ?? '—'}</td>
                        <td>{predio.estado}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </TableScroll>
            </>
          )}
        </section>
      )}
    </Page>
  );
}

import { Link } from 'react-router-dom';
import { useApiGet } from '../../app/useApiGet';
import { Alert } from '../../platform/Alert';
import { formatMoney } from '../../platform/format';
import { Loading } from '../../platform/Loading';
import { Page } from '../../platform/Page';
import { predioCode } from './labels';
import type { MyPredio } from './types';

function PredioCard({ predio }: { predio: MyPredio }) {
  return (
    <li className="card">
      <h2 className="card__title">
        <Link to={`/predial/mis-predios/${predio.id}`}>{predio.direccion ?? predioCode(predio)}</Link>
      </h2>
      <dl className="data-list data-list--compact">
        <div>
          <dt>Número predial</dt>
          <dd className="cell--break">{predioCode(predio)}</dd>
        </div>
        <div>
          <dt>Destino</dt>
          <dd>{predio.destino}</dd>
        </div>
        <div>
          <dt>Saldo</dt>
          <dd>{formatMoney(predio.saldo)}</dd>
        </div>
        <div>
          <dt>Total a pagar hoy</dt>
          <dd>
            <strong>{formatMoney(predio.totalHoy)}</strong>
          </dd>
        </div>
      </dl>
      {predio.totalHoy === 0 && <p className="card__meta">Al día.</p>}
    </li>
  );
}

export function MyPrediosPage() {
  const { data, error, loading } = useApiGet<{ items: MyPredio[] }>('/api/v1/predial/mis-predios');
  return (
    <Page
      title="Mis predios"
      lead="Los predios que el catastro registra a nombre de su documento, con lo que debe de cada uno."
    >
      {loading && !data && <Loading label="Cargando sus predios…" />}
      {error && <Alert tone="error">{error.detail}</Alert>}
      {data && data.items.length === 0 && (
        <p>
          No encontramos predios a nombre de su documento. Si es propietario, puede{' '}
          <Link to="/predial">consultar el predio por su número predial</Link>.
        </p>
      )}
      {data && data.items.length > 0 && (
        <ul className="card-grid">
          {data.items.map((predio) => (
            <PredioCard key={predio.id} predio={predio} />
          ))}
        </ul>
      )}
    </Page>
  );
}

import type { PredioPublic } from './types';

/** The codes and what the tariff depends on; owners are never shown here. */
export function PredioSummary({ predio }: { predio: PredioPublic & { direccion?: string | null } }) {
  return (
    <dl className="data-list data-list--compact">
      <div>
        <dt>Número predial</dt>
        <dd className="cell--break">{predio.numeroPredial ?? '—'}</dd>
      </div>
      <div>
        <dt>Número anterior</dt>
        <dd className="cell--break">{predio.numeroPredialAnterior ?? '—'}</dd>
      </div>
      {predio.direccion !== undefined && (
        <div>
          <dt>Dirección</dt>
          <dd>{predio.direccion ?? '—'}</dd>
        </div>
      )}
      <div>
        <dt>Destino económico</dt>
        <dd>{predio.destino}</dd>
      </div>
      <div>
        <dt>Estrato</dt>
        <dd>{predio.estrato ?? 'No aplica'}</dd>
      </div>
    </dl>
  );
}

import { Link } from 'react-router-dom';
import { useApiGet } from '../../app/useApiGet';
import { Alert } from '../../platform/Alert';
import { formatDateTime } from '../../platform/format';
import { Loading } from '../../platform/Loading';
import { TableScroll } from '../../platform/TableScroll';
import type { MyTramite } from './types';

function tramiteName(tramite: MyTramite['tramite']): string {
  return typeof tramite === 'string' ? tramite : tramite.name;
}

export function MyRequests() {
  const request = useApiGet<{ items: MyTramite[] }>('/api/v1/me/tramites');
  const { loading } = request;
  // Until a module registers trámites the endpoint may not exist yet: that simply means "none".
  const notAvailable = request.error?.status === 404;
  const data = notAvailable ? { items: [] } : request.data;
  const error = notAvailable ? null : request.error;

  return (
    <section aria-labelledby="mis-solicitudes">
      <h2 id="mis-solicitudes">Solicitudes radicadas</h2>
      {loading && !data && <Loading label="Cargando sus solicitudes…" />}
      {error && <Alert tone="error">{error.detail}</Alert>}
      {data && data.items.length === 0 && (
        <p>
          Aún no ha radicado trámites. Consulte el <Link to="/">catálogo de trámites</Link> para empezar.
        </p>
      )}
      {data && data.items.length > 0 && (
        <TableScroll label="Tabla de solicitudes radicadas">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Radicado</th>
                <th scope="col">Trámite</th>
                <th scope="col">Estado</th>
                <th scope="col">Fecha de radicación</th>
                <th scope="col">Última actualización</th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((item) => (
                <tr key={item.id}>
                  <th scope="row">
                    <Link to={item.path}>{item.reference}</Link>
                  </th>
                  <td>{tramiteName(item.tramite)}</td>
                  <td>{item.statusLabel}</td>
                  <td>{formatDateTime(item.createdAt)}</td>
                  <td>{formatDateTime(item.updatedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </section>
  );
}

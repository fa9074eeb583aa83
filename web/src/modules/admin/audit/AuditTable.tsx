import { formatDateTime } from '../../../platform/format';
import { TableScroll } from '../../../platform/TableScroll';
import type { AuditEntry } from '../types';

function Details({ details }: { details: unknown }) {
  if (details === null || details === undefined) return <>—</>;
  if (typeof details === 'object' && Object.keys(details).length === 0) return <>—</>;
  return (
    <details className="audit-details">
      <summary>Ver detalles</summary>
      <pre>{JSON.stringify(details, null, 2)}</pre>
    </details>
  );
}

export function AuditTable({ entries }: { entries: AuditEntry[] }) {
  return (
    <TableScroll label="Registros de auditoría">
      <table className="table">
        <thead>
          <tr>
            <th scope="col">Fecha y hora</th>
            <th scope="col">Actor</th>
            <th scope="col">Acción</th>
            <th scope="col">Tipo de entidad</th>
            <th scope="col">Identificador</th>
            <th scope="col">Dirección IP</th>
            <th scope="col">Solicitud</th>
            <th scope="col">Detalles</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((entry) => (
            <tr key={entry.id}>
              <th scope="row">{formatDateTime(entry.at)}</th>
              <td>{entry.actor?.label ?? 'Sistema'}</td>
              <td>
                <code>{entry.action}</code>
              </td>
              <td>{entry.entityType}</td>
              <td className="cell--break">{entry.entityId ?? '—'}</td>
              <td>{entry.ip ?? '—'}</td>
              <td className="cell--break">{entry.requestId ?? '—'}</td>
              <td>
                <Details details={entry.details} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

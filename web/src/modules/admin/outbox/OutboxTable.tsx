import { formatDateTime } from '../../../platform/format';
import { TableScroll } from '../../../platform/TableScroll';
import { CHANNEL_LABELS, OUTBOX_STATUS_LABELS } from '../labels';
import type { OutboxMessage } from '../types';

export function OutboxTable({ messages }: { messages: OutboxMessage[] }) {
  return (
    <TableScroll label="Notificaciones">
      <table className="table">
        <thead>
          <tr>
            <th scope="col">Creada</th>
            <th scope="col">Canal</th>
            <th scope="col">Destinatario</th>
            <th scope="col">Plantilla</th>
            <th scope="col">Asunto</th>
            <th scope="col">Estado</th>
            <th scope="col">Intentos</th>
            <th scope="col">Último error</th>
            <th scope="col">Enviada</th>
          </tr>
        </thead>
        <tbody>
          {messages.map((message) => (
            <tr key={message.id}>
              <th scope="row">{formatDateTime(message.createdAt)}</th>
              <td>{CHANNEL_LABELS[message.channel] ?? message.channel}</td>
              <td className="cell--break">{message.recipient}</td>
              <td>
                <code>{message.template}</code>
              </td>
              <td>{message.subject ?? '—'}</td>
              <td>
                <span className={`badge badge--${message.status}`}>
                  {OUTBOX_STATUS_LABELS[message.status] ?? message.status}
                </span>
              </td>
              <td>{message.attempts}</td>
              <td className="cell--break">{message.lastError ?? '—'}</td>
              <td>{formatDateTime(message.sentAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

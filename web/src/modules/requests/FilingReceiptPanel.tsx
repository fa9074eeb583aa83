import { type ReactNode, useEffect, useId, useRef } from 'react';
import { Link } from 'react-router-dom';
import { formatDateTime } from '../../platform/format';
import { bogotaDateOf, businessDays, formatDay, formatDayWithWeekday, trackingPath } from './labels';
import type { FilingReceipt } from './types';
import './pqrsd.css';

/** What the filer keeps: radicado, due date, dependencia and, for anonymous filers, the tracking key. */
export function FilingReceiptPanel({
  receipt,
  typeLabel,
  headingLevel = 2,
  children,
}: {
  receipt: FilingReceipt;
  typeLabel: string;
  headingLevel?: 2 | 3;
  /** Next steps (links, "radicar otra"). */
  children?: ReactNode;
}) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  const id = useId();
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  useEffect(() => headingRef.current?.focus(), []);
  return (
    <section className="panel" aria-labelledby={`${id}-titulo`}>
      <Heading id={`${id}-titulo`} ref={headingRef} tabIndex={-1}>
        {receipt.replayed ? 'Esta solicitud ya estaba radicada' : 'Solicitud radicada'}
      </Heading>
      <p>
        {receipt.replayed
          ? 'Recibimos el mismo formulario dos veces: no se radicó de nuevo. Estos son sus datos.'
          : 'Guarde el número de radicado: lo necesitará para consultar el estado de su solicitud.'}
      </p>
      <dl className="data-list">
        <div>
          <dt>Número de radicado</dt>
          <dd>
            <span className="pqrsd-radicado">{receipt.radicado}</span>
          </dd>
        </div>
        <div>
          <dt>Tipo de solicitud</dt>
          <dd>{typeLabel}</dd>
        </div>
        <div>
          <dt>Recibida</dt>
          <dd>{formatDateTime(receipt.filedAt)}</dd>
        </div>
        {receipt.filedOn !== bogotaDateOf(receipt.filedAt) && (
          <div>
            <dt>Se entiende radicada el</dt>
            <dd>{formatDay(receipt.filedOn)} (llegó fuera del horario de atención o en un día no hábil)</dd>
          </div>
        )}
        <div>
          <dt>Fecha máxima de respuesta</dt>
          <dd>
            <strong>{formatDayWithWeekday(receipt.dueOn)}</strong> ({businessDays(receipt.termDays)})
          </dd>
        </div>
        <div>
          <dt>Dependencia que la tramita</dt>
          <dd>{receipt.dependencia}</dd>
        </div>
      </dl>
      {receipt.trackingKey && (
        <div className="pqrsd-key" role="note" aria-labelledby={`${id}-clave`}>
          <p id={`${id}-clave`} className="alert__title">
            Su clave de consulta
          </p>
          <code className="pqrsd-key__value">{receipt.trackingKey}</code>
          <p>
            <strong>Guárdela ahora.</strong> Con el radicado y esta clave podrá consultar el estado y la
            respuesta. No la volveremos a mostrar y no es posible recuperarla.
          </p>
        </div>
      )}
      <div className="quick-actions">
        <Link className="button" to={trackingPath(receipt.radicado)}>
          Consultar el estado
        </Link>
        {children}
      </div>
    </section>
  );
}

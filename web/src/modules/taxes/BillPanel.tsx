import { Link } from 'react-router-dom';
import { formatDateTime, formatMoney } from '../../platform/format';
import { TableScroll } from '../../platform/TableScroll';
import {
  BILL_STATE_BADGES,
  BILL_STATE_LABELS,
  billPath,
  conceptLabel,
  formatDay,
  payPath,
  predioCode,
  todayInBogota,
} from './labels';
import type { Bill, BillOption } from './types';

function OptionLines({ option }: { option: BillOption }) {
  return (
    <details className="bill-option__details">
      <summary>
        Ver el detalle<span className="visually-hidden"> del pago hasta el {formatDay(option.payBy)}</span>
      </summary>
      <TableScroll label={`Detalle del pago hasta el ${formatDay(option.payBy)}`}>
        <table className="table table--numbers">
          <thead>
            <tr>
              <th scope="col">Vigencia</th>
              <th scope="col">Concepto</th>
              <th scope="col">Capital</th>
              <th scope="col">Intereses</th>
              <th scope="col">Descuentos</th>
              <th scope="col">Total</th>
            </tr>
          </thead>
          <tbody>
            {option.lines.map((line) => (
              <tr key={`${line.vigencia}-${line.concept}`}>
                <th scope="row">{line.vigencia}</th>
                <td>{conceptLabel(line.concept)}</td>
                <td className="cell--money">{formatMoney(line.capital)}</td>
                <td className="cell--money">{formatMoney(line.interest)}</td>
                <td className="cell--money">{formatMoney(line.discount + line.relief)}</td>
                <td className="cell--money">{formatMoney(line.total)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </details>
  );
}

interface BillPanelProps {
  bill: Bill;
  /** Heading level 2 text; the panel is labelled by it. */
  heading?: string;
  /** Offer a link to the bill's own page (not needed on that page). */
  linkToBill?: boolean;
}

/** A bill: its number and state, one box per pay-by date with the total and PSE, and the PDF receipt. */
export function BillPanel({ bill, heading = `Factura ${bill.number}`, linkToBill = false }: BillPanelProps) {
  const today = todayInBogota();
  const headingId = `factura-${bill.id}`;
  return (
    <section className="panel bill" aria-labelledby={headingId}>
      <h2 id={headingId}>{heading}</h2>
      <dl className="data-list data-list--compact">
        <div>
          <dt>Número de factura</dt>
          <dd>{bill.number}</dd>
        </div>
        <div>
          <dt>Referencia de pago</dt>
          <dd>
            <code>{bill.paymentReference}</code>
          </dd>
        </div>
        <div>
          <dt>Estado</dt>
          <dd>
            <strong className={`badge ${BILL_STATE_BADGES[bill.state]}`}>
              {BILL_STATE_LABELS[bill.state]}
            </strong>
          </dd>
        </div>
        <div>
          <dt>Número predial</dt>
          <dd className="cell--break">{predioCode(bill.predio)}</dd>
        </div>
        <div>
          <dt>Expedida</dt>
          <dd>{formatDateTime(bill.issuedAt)}</dd>
        </div>
      </dl>
      <h3>Fechas y valores a pagar</h3>
      <ul className="bill-options">
        {bill.options.map((option) => {
          const open = bill.payable && option.payBy >= today;
          return (
            <li key={option.seq} className="bill-option">
              <p className="bill-option__date">Hasta el {formatDay(option.payBy)}</p>
              <p className="bill-option__total">{formatMoney(option.total)}</p>
              <p className="bill-option__label">{option.label}</p>
              {open && (
                <Link className="button" to={payPath(bill.paymentReference, option.seq)}>
                  Pagar en línea (PSE)
                  <span className="visually-hidden"> hasta el {formatDay(option.payBy)}</span>
                </Link>
              )}
              <OptionLines option={option} />
            </li>
          );
        })}
      </ul>
      {bill.state === 'pagada' && <p>Esta factura ya fue pagada. Conserve el recibo como soporte.</p>}
      {bill.state === 'vencida' && (
        <p>Las fechas de pago de esta factura ya pasaron. Genere una factura nueva para pagar.</p>
      )}
      <div className="quick-actions">
        <a className="button button--secondary" href={bill.receiptUrl} download>
          Descargar recibo (PDF)
          <span className="visually-hidden"> de la factura {bill.number}</span>
        </a>
        {linkToBill && (
          <Link className="button button--secondary" to={billPath(bill.paymentReference)}>
            Ver la factura<span className="visually-hidden"> {bill.number}</span>
          </Link>
        )}
      </div>
      <p className="muted">
        También puede pagar en los bancos y puntos de recaudo autorizados con el código de barras del recibo.
      </p>
    </section>
  );
}

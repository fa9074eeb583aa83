import type { ReactNode } from 'react';
import { formatMoney } from '../../platform/format';
import { TableScroll } from '../../platform/TableScroll';
import { conceptLabel, formatDay, formatShortDay } from './labels';
import type { Statement, StatementConcept, StatementVigencia } from './types';

interface StatementTableProps {
  statement: Statement;
  /** Shows the vigencias already paid too (officials); citizens see only what is owed. */
  showSettled?: boolean;
  /** An extra last column, e.g. "Proponer ajuste" in the back office. */
  action?: { header: string; render: (concept: StatementConcept, vigencia: StatementVigencia) => ReactNode };
}

/** The estado de cuenta by vigencia and concept: capital owed, interest and discount to today, total. */
export function StatementTable({ statement, showSettled = false, action }: StatementTableProps) {
  const vigencias = showSettled ? statement.vigencias : statement.vigencias.filter((v) => v.balance > 0);
  return (
    <>
      <dl className="data-list data-list--compact statement-summary">
        <div>
          <dt>Saldo de capital</dt>
          <dd>{formatMoney(statement.balance)}</dd>
        </div>
        <div>
          <dt>Total a pagar hoy</dt>
          <dd>
            <strong>{formatMoney(statement.totalToday)}</strong>
          </dd>
        </div>
        <div>
          <dt>Liquidado al</dt>
          <dd>{formatDay(statement.asOf)}</dd>
        </div>
      </dl>
      {vigencias.length === 0 ? (
        <p>No hay saldos pendientes en ninguna vigencia.</p>
      ) : (
        <TableScroll label="Estado de cuenta por vigencia y concepto">
          <table className="table table--numbers">
            <caption className="visually-hidden">Estado de cuenta por vigencia y concepto</caption>
            <thead>
              <tr>
                <th scope="col">Vigencia</th>
                <th scope="col">Concepto</th>
                <th scope="col">Vence</th>
                {showSettled && <th scope="col">Liquidado</th>}
                <th scope="col">Capital</th>
                <th scope="col">Intereses</th>
                <th scope="col">Descuento</th>
                <th scope="col">Total hoy</th>
                {action && <th scope="col">{action.header}</th>}
              </tr>
            </thead>
            <tbody>
              {vigencias.flatMap((vigencia) =>
                vigencia.concepts
                  .filter((concept) => showSettled || concept.balance > 0)
                  .map((concept) => (
                    <tr key={concept.id}>
                      <th scope="row">{vigencia.vigencia}</th>
                      <td>
                        {conceptLabel(concept.concept)}
                        {concept.inAgreement && (
                          <span className="statement__note"> (en acuerdo de pago)</span>
                        )}
                      </td>
                      <td className="cell--nowrap">{formatShortDay(concept.dueDate)}</td>
                      {showSettled && <td className="cell--money">{formatMoney(concept.amount)}</td>}
                      <td className="cell--money">{formatMoney(concept.balance)}</td>
                      <td className="cell--money">
                        {formatMoney(concept.interest + concept.sanctionUpdate)}
                      </td>
                      <td className="cell--money">
                        {concept.discount + concept.relief > 0
                          ? `− ${formatMoney(concept.discount + concept.relief)}`
                          : formatMoney(0)}
                      </td>
                      <td className="cell--money">{formatMoney(concept.totalToday)}</td>
                      {action && <td>{action.render(concept, vigencia)}</td>}
                    </tr>
                  )),
              )}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row" colSpan={showSettled ? 4 : 3}>
                  Total
                </th>
                <td className="cell--money">{formatMoney(statement.balance)}</td>
                <td colSpan={2} />
                <td className="cell--money">
                  <strong>{formatMoney(statement.totalToday)}</strong>
                </td>
                {action && <td />}
              </tr>
            </tfoot>
          </table>
        </TableScroll>
      )}
    </>
  );
}

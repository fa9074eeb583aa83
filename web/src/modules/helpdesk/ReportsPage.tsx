import { Link, useSearchParams } from 'react-router-dom';
import { withQuery } from '../../app/api';
import { useApiGet } from '../../app/useApiGet';
import { Alert } from '../../platform/Alert';
import { formatNumber } from '../../platform/format';
import { Loading } from '../../platform/Loading';
import { Page } from '../../platform/Page';
import { TableScroll } from '../../platform/TableScroll';
import { BarChart } from '../taxes/admin/BarChart';
import {
  cleanFieldErrors,
  formatHours,
  formatPercent,
  HELPDESK_API,
  HELPDESK_BASE,
  todayInBogota,
} from './labels';
import type { Report, SlaStats } from './types';
import './helpdesk.css';
import { PeriodForm } from '../../platform/PeriodForm';

function CsvLink({
  desde,
  hasta,
  tabla,
  children,
}: {
  desde: string;
  hasta: string;
  tabla: string;
  children: string;
}) {
  return (
    <a
      className="button button--secondary button--small"
      href={withQuery(`${HELPDESK_API}/informes.csv`, { desde, hasta, tabla })}
      download
    >
      {children}
    </a>
  );
}

const compliance = (stats: SlaStats) =>
  stats.measured === 0
    ? '—'
    : `${formatPercent(stats.compliancePercent)} (${stats.met} de ${stats.measured})`;

/** /admin/mesa-de-ayuda/informes: the figures of the Oficina TIC's report, for any period. */
export function HelpdeskReportsPage() {
  const [searchParams, setSearchParams] = useSearchParams();
  const today = todayInBogota();
  const desde = searchParams.get('desde') ?? `${today.slice(0, 4)}-01-01`;
  const hasta = searchParams.get('hasta') ?? today;
  const report = useApiGet<Report>(withQuery(`${HELPDESK_API}/informes`, { desde, hasta }));
  const data = report.data;
  const problems = report.error ? cleanFieldErrors(report.error.fieldErrors) : {};

  return (
    <Page
      title="Informes de la mesa de ayuda"
      lead="Solicitudes de soporte por dependencia (como en el informe de gestión de la Oficina TIC), por categoría y por técnico; tiempos de primera respuesta y de solución en horas hábiles y cumplimiento de los ANS."
    >
      <p>
        <Link to={`${HELPDESK_BASE}/cola`}>Cola de la mesa de ayuda</Link>
      </p>
      <PeriodForm
        fromLabel="Abiertos desde"
        submitLabel="Ver el informe"
        key={`${desde}-${hasta}`}
        desde={desde}
        hasta={hasta}
        onSearch={(d, h) => setSearchParams({ desde: d, hasta: h })}
      />
      {report.loading && !data && <Loading label="Calculando el informe…" />}
      {report.error && <Alert tone="error">{Object.values(problems)[0] ?? report.error.detail}</Alert>}
      {data && !report.error && (
        <>
          <ul className="totals" aria-label="Totales del periodo">
            <li>
              <span className="totals__value">{formatNumber(data.totals.tickets)}</span> solicitudes
            </li>
            <li>
              <span className="totals__value">{formatNumber(data.totals.resolved)}</span> resueltas
            </li>
            <li>
              <span className="totals__value">{formatNumber(data.totals.open)}</span> abiertas
            </li>
            <li>
              <span className="totals__value">{formatPercent(data.firstResponse.compliancePercent)}</span>{' '}
              primera respuesta a tiempo
            </li>
            <li>
              <span className="totals__value">{formatPercent(data.solution.compliancePercent)}</span> solución
              a tiempo
            </li>
            <li>
              <span className="totals__value">
                {data.totals.satisfactionAverage === null
                  ? '—'
                  : data.totals.satisfactionAverage.toLocaleString('es-CO')}
              </span>{' '}
              satisfacción (de 5, {formatNumber(data.totals.rated)} calificaciones)
            </li>
          </ul>

          <section aria-labelledby="mda-dependencias">
            <h2 id="mda-dependencias">Solicitudes por dependencia</h2>
            <p>
              <CsvLink desde={desde} hasta={hasta} tabla="dependencias">
                Descargar por dependencia (CSV)
              </CsvLink>
            </p>
            {data.byDependencia.length === 0 ? (
              <p>No se abrieron tickets en el periodo.</p>
            ) : (
              <>
                <BarChart
                  label={`Gráfico de barras de las solicitudes por dependencia entre ${desde} y ${hasta}; las cifras están en la tabla siguiente.`}
                  data={data.byDependencia.map((row) => ({
                    key: row.dependenciaId ?? 'sin',
                    label: row.name,
                    value: row.tickets,
                  }))}
                  format={formatNumber}
                />
                <TableScroll label="Tabla: solicitudes por dependencia">
                  <table className="table table--numbers">
                    <caption className="visually-hidden">Solicitudes por dependencia</caption>
                    <thead>
                      <tr>
                        <th scope="col">Dependencia</th>
                        <th scope="col">Nº de solicitudes</th>
                        <th scope="col">Porcentaje</th>
                      </tr>
                    </thead>
                    <tbody>
                      {data.byDependencia.map((row) => (
                        <tr key={row.dependenciaId ?? 'sin'}>
                          <th scope="row">{row.name}</th>
                          <td className="cell--money">{formatNumber(row.tickets)}</td>
                          <td className="cell--money">{formatPercent(row.percent)}</td>
                        </tr>
                      ))}
                    </tbody>
                    <tfoot>
                      <tr>
                        <th scope="row">Total</th>
                        <td className="cell--money">{formatNumber(data.totals.tickets)}</td>
                        <td className="cell--money">{formatPercent(100)}</td>
                      </tr>
                    </tfoot>
                  </table>
                </TableScroll>
              </>
            )}
          </section>

          <section aria-labelledby="mda-prioridades">
            <h2 id="mda-prioridades">Cumplimiento de los ANS por prioridad</h2>
            <p>
              <CsvLink desde={desde} hasta={hasta} tabla="prioridades">
                Descargar por prioridad (CSV)
              </CsvLink>
            </p>
            <TableScroll label="Tabla: cumplimiento de los ANS por prioridad">
              <table className="table table--numbers">
                <caption className="visually-hidden">Cumplimiento de los ANS por prioridad</caption>
                <thead>
                  <tr>
                    <th scope="col">Prioridad</th>
                    <th scope="col">Tickets</th>
                    <th scope="col">Primera respuesta: meta</th>
                    <th scope="col">A tiempo</th>
                    <th scope="col">Media / mediana</th>
                    <th scope="col">Solución: meta</th>
                    <th scope="col">A tiempo</th>
                    <th scope="col">Media / mediana</th>
                  </tr>
                </thead>
                <tbody>
                  {data.byPriority.map((row) => (
                    <tr key={row.priority}>
                      <th scope="row">{row.label}</th>
                      <td className="cell--money">{formatNumber(row.tickets)}</td>
                      <td className="cell--money">{formatHours(row.firstResponseHours)}</td>
                      <td className="cell--money">{compliance(row.firstResponse)}</td>
                      <td className="cell--money">
                        {formatHours(row.firstResponse.meanHours)} /{' '}
                        {formatHours(row.firstResponse.medianHours)}
                      </td>
                      <td className="cell--money">{formatHours(row.solutionHours)}</td>
                      <td className="cell--money">{compliance(row.solution)}</td>
                      <td className="cell--money">
                        {formatHours(row.solution.meanHours)} / {formatHours(row.solution.medianHours)}
                      </td>
                    </tr>
                  ))}
                </tbody>
                <tfoot>
                  <tr>
                    <th scope="row">Total</th>
                    <td className="cell--money">{formatNumber(data.totals.tickets)}</td>
                    <td />
                    <td className="cell--money">{compliance(data.firstResponse)}</td>
                    <td className="cell--money">
                      {formatHours(data.firstResponse.meanHours)} /{' '}
                      {formatHours(data.firstResponse.medianHours)}
                    </td>
                    <td />
                    <td className="cell--money">{compliance(data.solution)}</td>
                    <td className="cell--money">
                      {formatHours(data.solution.meanHours)} / {formatHours(data.solution.medianHours)}
                    </td>
                  </tr>
                </tfoot>
              </table>
            </TableScroll>
          </section>

          <section aria-labelledby="mda-categorias">
            <h2 id="mda-categorias">Por categoría</h2>
            <p>
              <CsvLink desde={desde} hasta={hasta} tabla="categorias">
                Descargar por categoría (CSV)
              </CsvLink>
            </p>
            <TableScroll label="Tabla: tickets por categoría">
              <table className="table table--numbers">
                <caption className="visually-hidden">Tickets por categoría</caption>
                <thead>
                  <tr>
                    <th scope="col">Categoría</th>
                    <th scope="col">Tickets</th>
                    <th scope="col">Resueltos</th>
                    <th scope="col">Solución a tiempo</th>
                    <th scope="col">Solución media</th>
                  </tr>
                </thead>
                <tbody>
                  {data.byCategory.map((row) => (
                    <tr key={row.code}>
                      <th scope="row">{row.label}</th>
                      <td className="cell--money">{formatNumber(row.tickets)}</td>
                      <td className="cell--money">{formatNumber(row.resolved)}</td>
                      <td className="cell--money">{compliance(row.solution)}</td>
                      <td className="cell--money">{formatHours(row.solution.meanHours)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
          </section>

          <section aria-labelledby="mda-tecnicos">
            <h2 id="mda-tecnicos">Por técnico</h2>
            <p>
              <CsvLink desde={desde} hasta={hasta} tabla="tecnicos">
                Descargar por técnico (CSV)
              </CsvLink>{' '}
              <CsvLink desde={desde} hasta={hasta} tabla="tickets">
                Descargar el detalle de tickets (CSV)
              </CsvLink>
            </p>
            <TableScroll label="Tabla: tickets por técnico">
              <table className="table table--numbers">
                <caption className="visually-hidden">Tickets por técnico</caption>
                <thead>
                  <tr>
                    <th scope="col">Técnico</th>
                    <th scope="col">Tickets</th>
                    <th scope="col">Resueltos</th>
                    <th scope="col">Solución a tiempo</th>
                    <th scope="col">Media / mediana</th>
                    <th scope="col">Satisfacción</th>
                  </tr>
                </thead>
                <tbody>
                  {data.byTechnician.map((row) => (
                    <tr key={row.userId ?? 'sin'}>
                      <th scope="row">{row.name}</th>
                      <td className="cell--money">{formatNumber(row.tickets)}</td>
                      <td className="cell--money">{formatNumber(row.resolved)}</td>
                      <td className="cell--money">{compliance(row.solution)}</td>
                      <td className="cell--money">
                        {formatHours(row.solution.meanHours)} / {formatHours(row.solution.medianHours)}
                      </td>
                      <td className="cell--money">
                        {row.satisfactionAverage === null
                          ? '—'
                          : `${row.satisfactionAverage.toLocaleString('es-CO')} (${row.rated})`}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
          </section>
        </>
      )}
    </Page>
  );
}

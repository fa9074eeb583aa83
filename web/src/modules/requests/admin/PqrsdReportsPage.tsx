import { Link, useSearchParams } from 'react-router-dom';
import { withQuery } from '../../../app/api';
import { useApiGet } from '../../../app/useApiGet';
import { Alert } from '../../../platform/Alert';
import { formatNumber } from '../../../platform/format';
import { Loading } from '../../../platform/Loading';
import { Page } from '../../../platform/Page';
import { TableScroll } from '../../../platform/TableScroll';
import { BarChart } from '../../taxes/admin/BarChart';
import { ADMIN_BASE, API, cleanFieldErrors, formatDay, formatMonth, todayInBogota } from '../labels';
import type { ReportSummary } from '../types';
import '../pqrsd.css';
import { PeriodForm } from '../../../platform/PeriodForm';

function CountTable({
  caption,
  header,
  rows,
}: {
  caption: string;
  header: string;
  rows: { key: string; label: string; count: number }[];
}) {
  const total = rows.reduce((sum, row) => sum + row.count, 0);
  return (
    <TableScroll label={caption}>
      <table className="table table--numbers">
        <caption className="table__caption">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{header}</th>
            <th scope="col">Solicitudes</th>
            <th scope="col">Porcentaje</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key}>
              <th scope="row">{row.label}</th>
              <td className="cell--money">{formatNumber(row.count)}</td>
              <td className="cell--money">
                {total > 0 ? `${Math.round((row.count / total) * 100)} %` : '—'}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

function Totals({ report }: { report: ReportSummary }) {
  const totals: { label: string; value: string }[] = [
    { label: 'Recibidas', value: formatNumber(report.received) },
    { label: 'Respondidas a tiempo', value: formatNumber(report.answeredOnTime) },
    { label: 'Respondidas tarde', value: formatNumber(report.answeredLate) },
    { label: 'Trasladadas por competencia', value: formatNumber(report.transferred) },
    { label: 'Con información negada', value: formatNumber(report.informationDenied) },
    { label: 'Pendientes en término', value: formatNumber(report.pending) },
    { label: 'Pendientes vencidas', value: formatNumber(report.pendingOverdue) },
    { label: 'Otros cierres (retiro, desistimiento, duplicada)', value: formatNumber(report.otherClosings) },
    {
      label: 'Tiempo promedio de respuesta',
      value:
        report.averageResponseBusinessDays === null
          ? '—'
          : `${new Intl.NumberFormat('es-CO', { maximumFractionDigits: 1 }).format(report.averageResponseBusinessDays)} días hábiles`,
    },
  ];
  return (
    <ul className="totals" aria-label="Totales del periodo">
      {totals.map((total) => (
        <li key={total.label}>
          <span className="totals__value">{total.value}</span>
          {total.label}
        </li>
      ))}
    </ul>
  );
}

/** /admin/pqrsd/informes: the Ley 1712 report of a period, its CSV and the open-data series. */
export function PqrsdReportsPage() {
  const [searchParams, setSearchParams] = useSearchParams();
  const today = todayInBogota();
  const desde = searchParams.get('desde') ?? `${today.slice(0, 4)}-01-01`;
  const hasta = searchParams.get('hasta') ?? today;
  const report = useApiGet<ReportSummary>(withQuery(`${API}/informes`, { desde, hasta }));
  const data = report.error ? null : report.data;
  const problems = report.error ? cleanFieldErrors(report.error.fieldErrors) : {};

  return (
    <Page
      title="Informes de PQRSD"
      lead="Solicitudes recibidas por tipo, canal y dependencia; respondidas a tiempo y tarde; trasladadas y con información negada (Ley 1712 de 2014, Decreto 1081 de 2015)."
    >
      <p>
        <Link to={ADMIN_BASE}>Volver a la bandeja</Link>
      </p>
      <PeriodForm
        key={`${desde}-${hasta}`}
        desde={desde}
        hasta={hasta}
        onSearch={(from, to) => setSearchParams({ desde: from, hasta: to })}
      />
      <div className="quick-actions">
        <a
          className="button button--secondary"
          href={withQuery(`${API}/informes.csv`, { desde, hasta })}
          download
        >
          Descargar las solicitudes del periodo (CSV)
        </a>
        <a className="button button--secondary" href="/api/v1/datos-abiertos/pqrsd-mensual.csv" download>
          Serie mensual de datos abiertos (CSV)
        </a>
      </div>
      <p className="muted">
        El CSV del periodo no tiene datos personales ni el texto de las solicitudes. La serie de datos
        abiertos es pública: meses completos, y las cifras menores de 3 se suprimen para no identificar a
        nadie.
      </p>
      {report.loading && !report.data && <Loading label="Cargando el informe…" />}
      {report.error && <Alert tone="error">{Object.values(problems)[0] ?? report.error.detail}</Alert>}
      {data && (
        <section aria-labelledby="informe">
          <h2 id="informe">
            Del {formatDay(data.from)} al {formatDay(data.to)}
          </h2>
          <Totals report={data} />
          {data.received === 0 ? (
            <p>No se recibieron solicitudes en el periodo.</p>
          ) : (
            <>
              <h3>Solicitudes recibidas por mes</h3>
              <BarChart
                label={`Gráfico de barras de las solicitudes recibidas por mes del ${formatDay(data.from)} al ${formatDay(data.to)}; los valores están en la tabla «Solicitudes por mes».`}
                data={data.monthly.map((month) => ({
                  key: month.month,
                  label: formatMonth(month.month),
                  value: month.received,
                }))}
                format={formatNumber}
              />
              <TableScroll label="Solicitudes por mes">
                <table className="table table--numbers">
                  <caption className="table__caption">Solicitudes por mes</caption>
                  <thead>
                    <tr>
                      <th scope="col">Mes</th>
                      <th scope="col">Recibidas</th>
                      <th scope="col">A tiempo</th>
                      <th scope="col">Tarde</th>
                      <th scope="col">Trasladadas</th>
                      <th scope="col">Pendientes</th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.monthly.map((month) => (
                      <tr key={month.month}>
                        <th scope="row">{formatMonth(month.month)}</th>
                        <td className="cell--money">{formatNumber(month.received)}</td>
                        <td className="cell--money">{formatNumber(month.onTime)}</td>
                        <td className="cell--money">{formatNumber(month.late)}</td>
                        <td className="cell--money">{formatNumber(month.transferred)}</td>
                        <td className="cell--money">{formatNumber(month.pending)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </TableScroll>
              <h3>Por tipo, canal y dependencia</h3>
              <CountTable
                caption="Solicitudes por tipo"
                header="Tipo"
                rows={data.byType.map((row) => ({ key: row.type, label: row.label, count: row.count }))}
              />
              <CountTable
                caption="Solicitudes por canal"
                header="Canal"
                rows={data.byChannel.map((row) => ({ key: row.channel, label: row.label, count: row.count }))}
              />
              <CountTable
                caption="Solicitudes por dependencia"
                header="Dependencia"
                rows={data.byDependencia.map((row) => ({
                  key: row.dependencia,
                  label: row.dependencia,
                  count: row.count,
                }))}
              />
              <CountTable
                caption="Solicitudes por tema"
                header="Tema"
                rows={data.byCategory.map((row) => ({
                  key: row.category,
                  label: row.category,
                  count: row.count,
                }))}
              />
            </>
          )}
        </section>
      )}
    </Page>
  );
}

import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { withQuery } from '../../../app/api';
import { useTenant } from '../../../app/tenant';
import { useApiGet } from '../../../app/useApiGet';
import { Alert } from '../../../platform/Alert';
import { SelectField } from '../../../platform/fields';
import { formatMoney, formatNumber } from '../../../platform/format';
import { Loading } from '../../../platform/Loading';
import { Page } from '../../../platform/Page';
import { PeriodForm } from '../../../platform/PeriodForm';
import { TableScroll } from '../../../platform/TableScroll';
import { channelLabel, cleanFieldErrors, formatShortDay, todayInBogota } from '../labels';
import type { AreaCollection, CollectionRow, PortfolioRow } from '../types';
import { BarChart } from './BarChart';
import { ChoroplethMap } from './ChoroplethMap';
import { useBankNames } from './PaymentsPage';

/** Where the demo municipality's polygons come from (assets/territory/SOURCE.md asks for this credit). */
const AREA_ATTRIBUTIONS: Record<string, string> = {
  '68001':
    'Límites de las comunas: cartografía municipal de Bucaramanga publicada en el repositorio ricardo-arango/pandora (GitHub), simplificada.',
};

function sumBy<T>(rows: T[], key: (row: T) => string, value: (row: T) => number): Map<string, number> {
  const totals = new Map<string, number>();
  for (const row of rows) totals.set(key(row), (totals.get(key(row)) ?? 0) + value(row));
  return totals;
}

function CollectionsSection() {
  const [searchParams, setSearchParams] = useSearchParams();
  const today = todayInBogota();
  const desde = searchParams.get('desde') ?? `${today.slice(0, 8)}01`;
  const hasta = searchParams.get('hasta') ?? today;
  const report = useApiGet<{ items: CollectionRow[] }>(
    withQuery('/api/v1/pagos/admin/informes/recaudo', { desde, hasta }),
  );
  const banks = useBankNames();
  const rows = report.data?.items ?? [];
  const byDay = [
    ...sumBy(
      rows,
      (row) => row.day,
      (row) => row.amount,
    ),
  ].map(([day, amount]) => ({
    key: day,
    label: formatShortDay(day),
    value: amount,
  }));
  const total = rows.reduce((sum, row) => sum + row.amount, 0);
  const problems = report.error ? cleanFieldErrors(report.error.fieldErrors) : {};

  return (
    <section aria-labelledby="recaudo">
      <h2 id="recaudo">Recaudo por día, canal y banco</h2>
      <PeriodForm
        submitLabel="Ver recaudo"
        key={`${desde}-${hasta}`}
        desde={desde}
        hasta={hasta}
        onSearch={(from, to) => setSearchParams({ desde: from, hasta: to })}
      />
      <p>
        <a
          className="button button--secondary"
          href={withQuery('/api/v1/pagos/admin/informes/recaudo.csv', { desde, hasta })}
          download
        >
          Exportar recaudo por día y concepto (CSV, SIF)
        </a>
      </p>
      {report.loading && !report.data && <Loading label="Cargando el recaudo…" />}
      {report.error && <Alert tone="error">{Object.values(problems)[0] ?? report.error.detail}</Alert>}
      {report.data && !report.error && rows.length === 0 && <p>No hay recaudo entre esas fechas.</p>}
      {report.data && !report.error && rows.length > 0 && (
        <>
          <p>
            Total recaudado: <strong>{formatMoney(total)}</strong> en{' '}
            {formatNumber(rows.reduce((sum, row) => sum + row.payments, 0))} pagos.
          </p>
          <h3>Recaudo por día</h3>
          <BarChart
            label={`Gráfico de barras del recaudo por día entre ${formatShortDay(desde)} y ${formatShortDay(hasta)}; los valores están en la tabla siguiente.`}
            data={byDay}
            format={formatMoney}
          />
          <TableScroll label="Recaudo por día, canal y banco">
            <table className="table table--numbers">
              <caption className="visually-hidden">Recaudo por día, canal y banco</caption>
              <thead>
                <tr>
                  <th scope="col">Día</th>
                  <th scope="col">Canal</th>
                  <th scope="col">Banco</th>
                  <th scope="col">Pagos</th>
                  <th scope="col">Valor</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <tr key={`${row.day}-${row.channel}-${row.bankCode}`}>
                    <th scope="row" className="cell--nowrap">
                      {formatShortDay(row.day)}
                    </th>
                    <td>{channelLabel(row.channel)}</td>
                    <td>{banks.nameOf(row.bankCode)}</td>
                    <td className="cell--money">{formatNumber(row.payments)}</td>
                    <td className="cell--money">{formatMoney(row.amount)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        </>
      )}
    </section>
  );
}

interface ComunaTotals {
  code: string;
  name: string;
  predios: number;
  liquidated: number;
  settled: number;
  balance: number;
}

function PortfolioSection() {
  const { tenant } = useTenant();
  const portfolio = useApiGet<{ items: PortfolioRow[] }>('/api/v1/predial/admin/informes/cartera');
  const comunas = useApiGet<AreaCollection>('/api/v1/territory/areas.geojson?kind=comuna');
  const rural = useApiGet<{ items: { code: string; name: string }[] }>(
    '/api/v1/territory/areas?kind=corregimiento',
  );
  const [vigencia, setVigencia] = useState('');
  const rows = portfolio.data?.items ?? [];
  const vigencias = [...new Set(rows.map((row) => row.vigencia))].sort((a, b) => b - a);
  const features = comunas.data?.features ?? [];

  const names = useMemo(() => {
    const map = new Map<string, string>();
    for (const feature of comunas.data?.features ?? [])
      map.set(feature.properties.code, `Comuna ${feature.properties.code} ${feature.properties.name}`);
    for (const area of rural.data?.items ?? [])
      map.set(area.code, /^corregimiento/i.test(area.name) ? area.name : `Corregimiento ${area.name}`);
    return map;
  }, [comunas.data, rural.data]);

  const selected = vigencia ? rows.filter((row) => String(row.vigencia) === vigencia) : rows;
  const byComuna = new Map<string, ComunaTotals>();
  for (const row of selected) {
    const code = row.comunaCode ?? 'sin-comuna';
    const entry = byComuna.get(code) ?? {
      code,
      name: row.comunaCode ? (names.get(row.comunaCode) ?? row.comunaCode) : 'Sin comuna asignada',
      predios: 0,
      liquidated: 0,
      settled: 0,
      balance: 0,
    };
    entry.predios = Math.max(entry.predios, row.predios);
    entry.liquidated += row.liquidated;
    entry.settled += row.settled;
    entry.balance += row.balance;
    byComuna.set(code, entry);
  }
  const comunaRows = [...byComuna.values()].sort((a, b) => a.code.localeCompare(b.code));
  const byVigencia = [...new Set(rows.map((row) => row.vigencia))]
    .sort((a, b) => b - a)
    .map((year) => {
      const of = rows.filter((row) => row.vigencia === year);
      return {
        vigencia: year,
        predios: of.reduce((sum, row) => sum + row.predios, 0),
        liquidated: of.reduce((sum, row) => sum + row.liquidated, 0),
        settled: of.reduce((sum, row) => sum + row.settled, 0),
        balance: of.reduce((sum, row) => sum + row.balance, 0),
      };
    });
  const period = vigencia ? `de la vigencia ${vigencia}` : 'de todas las vigencias';
  const values = new Map(comunaRows.map((row) => [row.code, row.balance]));
  const totalBalance = comunaRows.reduce((sum, row) => sum + row.balance, 0);

  return (
    <section aria-labelledby="cartera">
      <h2 id="cartera">Cartera del impuesto predial</h2>
      {portfolio.loading && !portfolio.data && <Loading label="Cargando la cartera…" />}
      {portfolio.error && <Alert tone="error">{portfolio.error.detail}</Alert>}
      {portfolio.data && rows.length === 0 && <p>No hay obligaciones liquidadas todavía.</p>}
      {portfolio.data && rows.length > 0 && (
        <>
          <div className="form">
            <SelectField
              label="Vigencia"
              name="vigencia"
              value={vigencia}
              onChange={(event) => setVigencia(event.target.value)}
              options={[
                { value: '', label: 'Todas las vigencias' },
                ...vigencias.map((year) => ({ value: String(year), label: String(year) })),
              ]}
            />
          </div>
          <p>
            Saldo por cobrar {period}: <strong>{formatMoney(totalBalance)}</strong>.
          </p>
          <h3>Saldo por comuna</h3>
          <BarChart
            label={`Gráfico de barras del saldo por cobrar por comuna ${period}; los valores están en la tabla «Cartera por comuna».`}
            data={comunaRows.map((row) => ({ key: row.code, label: row.name, value: row.balance }))}
            format={formatMoney}
          />
          <h3>Mapa de la cartera por comuna</h3>
          {comunas.loading && !comunas.data && <Loading label="Cargando el mapa…" />}
          {comunas.error && (
            <Alert tone="warning">
              No fue posible cargar los límites de las comunas: {comunas.error.detail}
            </Alert>
          )}
          {comunas.data && (
            <ChoroplethMap
              label={`Mapa de coropletas del saldo por cobrar por comuna ${period}: más oscuro, más saldo. Los valores están en la tabla «Cartera por comuna».`}
              features={features}
              values={values}
              attribution={tenant ? AREA_ATTRIBUTIONS[tenant.divipola] : undefined}
            />
          )}
          <TableScroll label="Cartera por comuna">
            <table className="table table--numbers">
              <caption className="table__caption">Cartera por comuna ({period})</caption>
              <thead>
                <tr>
                  <th scope="col">Comuna</th>
                  <th scope="col">Predios</th>
                  <th scope="col">Liquidado</th>
                  <th scope="col">Recaudado</th>
                  <th scope="col">Saldo</th>
                </tr>
              </thead>
              <tbody>
                {comunaRows.map((row) => (
                  <tr key={row.code}>
                    <th scope="row">{row.name}</th>
                    <td className="cell--money">{formatNumber(row.predios)}</td>
                    <td className="cell--money">{formatMoney(row.liquidated)}</td>
                    <td className="cell--money">{formatMoney(row.settled)}</td>
                    <td className="cell--money">{formatMoney(row.balance)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
          <TableScroll label="Cartera por vigencia">
            <table className="table table--numbers">
              <caption className="table__caption">Cartera por vigencia</caption>
              <thead>
                <tr>
                  <th scope="col">Vigencia</th>
                  <th scope="col">Predios</th>
                  <th scope="col">Liquidado</th>
                  <th scope="col">Recaudado</th>
                  <th scope="col">Saldo</th>
                </tr>
              </thead>
              <tbody>
                {byVigencia.map((row) => (
                  <tr key={row.vigencia}>
                    <th scope="row">{row.vigencia}</th>
                    <td className="cell--money">{formatNumber(row.predios)}</td>
                    <td className="cell--money">{formatMoney(row.liquidated)}</td>
                    <td className="cell--money">{formatMoney(row.settled)}</td>
                    <td className="cell--money">{formatMoney(row.balance)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        </>
      )}
    </section>
  );
}

export function ReportsPage() {
  return (
    <Page
      title="Informes de recaudo y cartera"
      heading="Informes"
      lead="Recaudo por día, canal y banco; cartera del predial por vigencia y comuna."
    >
      <CollectionsSection />
      <PortfolioSection />
    </Page>
  );
}

import { Link } from 'react-router-dom';
import { Alert } from '../../platform/Alert';
import { Loading } from '../../platform/Loading';
import { Page } from '../../platform/Page';
import { TableScroll } from '../../platform/TableScroll';
import { ADMIN } from './labels';
import type { TrdCatalogue, TrdRules } from './types';
import { useTrd } from './useTrd';

function RulesCells({ rules, dispositions }: { rules: TrdRules; dispositions: Record<string, string> }) {
  if (!rules.retention) return <td colSpan={3}>Según cada subserie</td>;
  return (
    <>
      <td className="cell--money">{rules.retention.gestion}</td>
      <td className="cell--money">{rules.retention.central}</td>
      <td>
        {rules.disposition ? (dispositions[rules.disposition] ?? rules.disposition) : '—'}
        {rules.procedure && <div className="muted">{rules.procedure}</div>}
      </td>
    </>
  );
}

function OfficeTable({
  office,
  dispositions,
}: {
  office: TrdCatalogue['dependencias'][number];
  dispositions: Record<string, string>;
}) {
  const headingId = `trd-${office.code}`;
  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId}>
        {office.name}
        {office.officeCode ? ` (oficina ${office.officeCode})` : ''}
      </h2>
      {office.series.length === 0 ? (
        <p>Esta dependencia todavía no tiene series en la Tabla de Retención Documental.</p>
      ) : (
        <TableScroll label={`Series documentales de ${office.name}`}>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Código</th>
                <th scope="col">Serie o subserie</th>
                <th scope="col">Años en gestión</th>
                <th scope="col">Años en central</th>
                <th scope="col">Disposición final</th>
              </tr>
            </thead>
            <tbody>
              {office.series.flatMap((series) => [
                <tr key={series.code}>
                  <th scope="row">{series.code}</th>
                  <td>
                    <strong>{series.name}</strong>
                  </td>
                  <RulesCells rules={series} dispositions={dispositions} />
                </tr>,
                ...series.subseries.map((child) => (
                  <tr key={child.code}>
                    <th scope="row">{child.code}</th>
                    <td>{child.name}</td>
                    <RulesCells rules={child} dispositions={dispositions} />
                  </tr>
                )),
              ])}
            </tbody>
          </table>
        </TableScroll>
      )}
    </section>
  );
}

/** The Tabla de Retención Documental of the entity, as configured in config/rules/trd.json. */
export function TrdPage() {
  const trd = useTrd();
  return (
    <Page
      title="Tabla de Retención Documental"
      lead="Series y subseries documentales de cada dependencia, el tiempo que se conservan en el archivo de gestión y en el archivo central, y su disposición final."
    >
      <p>
        <Link to={ADMIN}>Volver a la correspondencia</Link>
      </p>
      {trd.error && <Alert tone="error">{trd.error.detail}</Alert>}
      {trd.loading && !trd.data && <Loading label="Cargando la tabla…" />}
      {trd.data && (
        <>
          <p className="muted">
            {trd.data.entity} · versión {trd.data.version}
          </p>
          {trd.data.dependencias.map((office) => (
            <OfficeTable key={office.code} office={office} dispositions={trd.data!.dispositions} />
          ))}
        </>
      )}
    </Page>
  );
}

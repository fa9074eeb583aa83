import { type FormEvent, useEffect, useState } from 'react';
import { api } from '../../../app/api';
import { useApiGet } from '../../../app/useApiGet';
import { useFormSubmit } from '../../../app/useFormSubmit';
import { Alert } from '../../../platform/Alert';
import { FormErrorSummary, TextField } from '../../../platform/fields';
import { formatDateTime, formatNumber } from '../../../platform/format';
import { Loading } from '../../../platform/Loading';
import { Page } from '../../../platform/Page';
import { ProgressBar } from '../../../platform/ProgressBar';
import { TableScroll } from '../../../platform/TableScroll';
import { LIQUIDATION_STATE_BADGES, LIQUIDATION_STATE_LABELS, todayInBogota } from '../labels';
import { readably } from '../problems';
import type { LiquidationRun } from '../types';
import { endSentence } from './JobStatusPanel';
import { MassBillingSection } from './MassBillingSection';

const POLL_INTERVAL_MS = 1000;

/** Follows a run until it is no longer "en curso". */
function useRun(id: string) {
  const run = useApiGet<LiquidationRun>(`/api/v1/predial/admin/liquidaciones/${encodeURIComponent(id)}`);
  const { data, error, loading, reload } = run;
  useEffect(() => {
    const hopeless = error !== null && [401, 403, 404].includes(error.status);
    if (loading || hopeless || (data && data.state !== 'en_curso')) return;
    const timer = setTimeout(reload, POLL_INTERVAL_MS);
    return () => clearTimeout(timer);
  }, [data, error, loading, reload]);
  return run;
}

function RunProgress({ initial, onFinished }: { initial: LiquidationRun; onFinished: () => void }) {
  const { data, error } = useRun(initial.id);
  const run = data ?? initial;
  const finished = run.state !== 'en_curso';
  useEffect(() => {
    if (finished) onFinished();
  }, [finished, onFinished]);

  return (
    <section className="panel" aria-labelledby="avance">
      <h2 id="avance">Liquidación de la vigencia {run.vigencia}</h2>
      <p role="status">
        Estado: {LIQUIDATION_STATE_LABELS[run.state]}
        {finished ? `. ${endSentence(`Terminó el ${formatDateTime(run.finishedAt)}`)}` : '.'}
      </p>
      <ProgressBar
        label={`Predios liquidados de la vigencia ${run.vigencia}`}
        done={run.processed}
        total={run.total}
        complete={run.state === 'terminada'}
      />
      <dl className="data-list data-list--compact">
        <div>
          <dt>Predios</dt>
          <dd>
            {formatNumber(run.processed)} de {formatNumber(run.total)}
          </dd>
        </div>
        <div>
          <dt>Obligaciones nuevas</dt>
          <dd>{formatNumber(run.created)}</dd>
        </div>
        <div>
          <dt>Ya liquidadas antes</dt>
          <dd>{formatNumber(run.existing)}</dd>
        </div>
        <div>
          <dt>Con problemas</dt>
          <dd>{formatNumber(run.failed)}</dd>
        </div>
        <div>
          <dt>Versión de las reglas</dt>
          <dd>
            <code>{run.ruleVersion ?? '—'}</code>
          </dd>
        </div>
      </dl>
      {run.problems.length > 0 && (
        <details>
          <summary>Ver los {formatNumber(run.problems.length)} problemas</summary>
          <ul>
            {run.problems.map((problem) => (
              <li key={`${problem.subject}-${problem.detail}`}>
                <code>{problem.subject}</code>: {problem.detail}
              </li>
            ))}
          </ul>
        </details>
      )}
      {run.state === 'fallida' && (
        <Alert tone="error" title="La liquidación falló">
          Puede lanzarla de nuevo: continúa donde quedó y no duplica lo ya liquidado.
        </Alert>
      )}
      {error && <Alert tone="warning">No fue posible actualizar el avance: {error.detail}</Alert>}
    </section>
  );
}

function StartForm({ onStarted }: { onStarted: (run: LiquidationRun) => void }) {
  const [vigencia, setVigencia] = useState(todayInBogota().slice(0, 4));
  const { formRef, pending, errors, submit, rejectIfInvalid } = useFormSubmit();
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const year = Number(vigencia);
    if (
      rejectIfInvalid(
        Number.isInteger(year) && year >= 2000 && year <= 2100
          ? {}
          : { vigencia: 'Escriba un año de cuatro dígitos.' },
      )
    )
      return;
    void submit(async () => {
      onStarted(
        await readably(() =>
          api.post<LiquidationRun>('/api/v1/predial/admin/liquidaciones', { vigencia: year }),
        ),
      );
    });
  };
  return (
    <form ref={formRef} className="form" noValidate onSubmit={onSubmit}>
      <FormErrorSummary message={errors.summary} />
      <TextField
        label="Vigencia"
        name="vigencia"
        inputMode="numeric"
        maxLength={4}
        hint="El año a liquidar. Repetir una vigencia ya liquidada no duplica las obligaciones."
        value={vigencia}
        onChange={(event) => setVigencia(event.target.value)}
        error={errors.fields.vigencia}
        required
      />
      <div className="form__actions">
        <button type="submit" className="button" disabled={pending}>
          Liquidar la vigencia
        </button>
      </div>
    </form>
  );
}

function History({ runs }: { runs: LiquidationRun[] }) {
  if (runs.length === 0) return <p>Todavía no se ha liquidado ninguna vigencia.</p>;
  return (
    <TableScroll label="Liquidaciones anteriores">
      <table className="table table--numbers">
        <thead>
          <tr>
            <th scope="col">Vigencia</th>
            <th scope="col">Estado</th>
            <th scope="col">Predios</th>
            <th scope="col">Nuevas</th>
            <th scope="col">Existentes</th>
            <th scope="col">Con problemas</th>
            <th scope="col">Inició</th>
            <th scope="col">Terminó</th>
          </tr>
        </thead>
        <tbody>
          {runs.map((run) => (
            <tr key={run.id}>
              <th scope="row">{run.vigencia}</th>
              <td>
                <span className={`badge ${LIQUIDATION_STATE_BADGES[run.state]}`}>
                  {LIQUIDATION_STATE_LABELS[run.state]}
                </span>
              </td>
              <td className="cell--money">
                {formatNumber(run.processed)} / {formatNumber(run.total)}
              </td>
              <td className="cell--money">{formatNumber(run.created)}</td>
              <td className="cell--money">{formatNumber(run.existing)}</td>
              <td className="cell--money">{formatNumber(run.failed)}</td>
              <td>{formatDateTime(run.startedAt)}</td>
              <td>{formatDateTime(run.finishedAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

export function LiquidationsPage() {
  const [current, setCurrent] = useState<LiquidationRun | null>(null);
  const history = useApiGet<{ items: LiquidationRun[] }>('/api/v1/predial/admin/liquidaciones');
  return (
    <Page
      title="Liquidación masiva"
      lead="Liquide el impuesto predial de una vigencia para todos los predios activos con avalúo. El proceso corre en segundo plano: puede salir de esta página."
    >
      <StartForm onStarted={setCurrent} />
      {current && <RunProgress key={current.id} initial={current} onFinished={history.reload} />}
      <section aria-labelledby="historial">
        <h2 id="historial">Historial</h2>
        {history.loading && !history.data && <Loading label="Cargando el historial…" />}
        {history.error && <Alert tone="error">{history.error.detail}</Alert>}
        {history.data && <History runs={history.data.items} />}
      </section>
      <MassBillingSection />
    </Page>
  );
}

import type { ReactNode } from 'react';
import { formatDateTime } from '../../platform/format';
import './pqrsd.css';

export interface TimelineStep {
  key: string;
  at: string;
  title: string;
  meta?: ReactNode;
  detail?: ReactNode;
}

/** The history of a request, oldest first, as an ordered list (screen readers hear "lista, N elementos"). */
export function Timeline({ steps, label }: { steps: TimelineStep[]; label: string }) {
  if (steps.length === 0) return <p>Todavía no hay movimientos.</p>;
  return (
    <ol className="timeline" aria-label={label}>
      {steps.map((step) => (
        <li key={step.key} className="timeline__step">
          <p className="timeline__title">{step.title}</p>
          <p className="timeline__meta">
            <time dateTime={step.at}>{formatDateTime(step.at)}</time>
            {step.meta ? <> · {step.meta}</> : null}
          </p>
          {step.detail ? <div className="timeline__detail">{step.detail}</div> : null}
        </li>
      ))}
    </ol>
  );
}

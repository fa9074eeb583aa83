import { useId } from 'react';
import { formatNumber } from './format';

interface ProgressBarProps {
  label: string;
  done: number;
  total: number;
  /** A finished job shows 100 % even when it never reported a total. */
  complete?: boolean;
}

export function ProgressBar({ label, done, total, complete = false }: ProgressBarProps) {
  const labelId = useId();
  const percent = complete ? 100 : total > 0 ? Math.min(100, Math.round((done / total) * 100)) : 0;
  const valueText =
    total > 0 ? `${percent} % (${formatNumber(done)} de ${formatNumber(total)})` : `${percent} %`;

  return (
    <div className="progress">
      <div className="progress__header">
        <span id={labelId} className="progress__label">
          {label}
        </span>
        <span className="progress__value">{valueText}</span>
      </div>
      <div
        className="progress__track"
        role="progressbar"
        aria-labelledby={labelId}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={valueText}
      >
        <div className="progress__fill" style={{ width: `${percent}%` }} />
      </div>
    </div>
  );
}

import { type FormEvent, useState } from 'react';
import { TextField } from './fields';

/** From–to dates of a report, submitted together (the reports of taxes, PQRSD and the help desk). */
export function PeriodForm({
  desde,
  hasta,
  onSearch,
  fromLabel = 'Desde',
  submitLabel = 'Ver informe',
}: {
  desde: string;
  hasta: string;
  onSearch: (from: string, to: string) => void;
  fromLabel?: string;
  submitLabel?: string;
}) {
  const [from, setFrom] = useState(desde);
  const [to, setTo] = useState(hasta);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    onSearch(from, to);
  };
  return (
    <form className="filters" onSubmit={onSubmit} aria-label="Periodo del informe">
      <TextField
        label={fromLabel}
        name="desde"
        type="date"
        value={from}
        onChange={(e) => setFrom(e.target.value)}
        required
      />
      <TextField
        label="Hasta"
        name="hasta"
        type="date"
        value={to}
        onChange={(e) => setTo(e.target.value)}
        required
      />
      <div className="filters__actions">
        <button type="submit" className="button">
          {submitLabel}
        </button>
      </div>
    </form>
  );
}

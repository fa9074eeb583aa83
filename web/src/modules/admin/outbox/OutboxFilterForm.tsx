import { type FormEvent, useState } from 'react';
import { SelectField } from '../../../platform/fields';

export interface OutboxFilters {
  status: string;
  channel: string;
}

const STATUS_OPTIONS = [
  { value: '', label: 'Todos' },
  { value: 'pendiente', label: 'Pendiente' },
  { value: 'enviado', label: 'Enviado' },
  { value: 'fallido', label: 'Fallido' },
];

const CHANNEL_OPTIONS = [
  { value: '', label: 'Todos' },
  { value: 'email', label: 'Correo electrónico' },
  { value: 'sms', label: 'SMS' },
];

interface OutboxFilterFormProps {
  filters: OutboxFilters;
  onChange: (filters: OutboxFilters) => void;
}

/** Selects apply at once (filtering the table is not a change of context); the button is kept for habit. */
export function OutboxFilterForm({ filters, onChange }: OutboxFilterFormProps) {
  const [draft, setDraft] = useState(filters);

  const update = (next: OutboxFilters) => {
    setDraft(next);
    onChange(next);
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    onChange(draft);
  };

  return (
    <form className="filters" onSubmit={onSubmit}>
      <SelectField
        label="Estado"
        name="status"
        options={STATUS_OPTIONS}
        value={draft.status}
        onChange={(event) => update({ ...draft, status: event.target.value })}
      />
      <SelectField
        label="Canal"
        name="channel"
        options={CHANNEL_OPTIONS}
        value={draft.channel}
        onChange={(event) => update({ ...draft, channel: event.target.value })}
      />
      <div className="filters__actions">
        <button type="submit" className="button">
          Buscar
        </button>
      </div>
    </form>
  );
}

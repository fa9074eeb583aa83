import { type FormEvent, useState } from 'react';
import { TextField } from '../../../platform/fields';
import type { AuditFilters } from './filters';

interface AuditFilterFormProps {
  initial: AuditFilters;
  exporting: boolean;
  onSearch: (filters: AuditFilters) => void;
  onExport: (filters: AuditFilters) => void;
}

export function AuditFilterForm({ initial, exporting, onSearch, onExport }: AuditFilterFormProps) {
  const [filters, setFilters] = useState(initial);
  const bind = (name: keyof AuditFilters) => ({
    name,
    value: filters[name],
    onChange: (event: { target: { value: string } }) =>
      setFilters({ ...filters, [name]: event.target.value }),
  });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    onSearch(filters);
  };

  return (
    <form className="filters" onSubmit={onSubmit}>
      <TextField label="Actor" hint="Nombre, correo o identificador." {...bind('actor')} />
      <TextField label="Acción" hint="Por ejemplo: auth.login" {...bind('action')} />
      <TextField label="Tipo de entidad" hint="Por ejemplo: user" {...bind('entityType')} />
      <TextField label="Identificador de la entidad" {...bind('entityId')} />
      <TextField label="Desde" type="date" {...bind('from')} />
      <TextField label="Hasta" type="date" {...bind('to')} />
      <div className="filters__actions">
        <button type="submit" className="button">
          Buscar
        </button>
        <button
          type="button"
          className="button button--secondary"
          disabled={exporting}
          onClick={() => onExport(filters)}
        >
          Exportar CSV
        </button>
      </div>
    </form>
  );
}

import { type FormEvent, useState } from 'react';
import { SelectField, TextField } from '../../../platform/fields';

export interface UserFilters {
  q: string;
  kind: string;
}

const KIND_OPTIONS = [
  { value: '', label: 'Todos' },
  { value: 'ciudadano', label: 'Ciudadanos' },
  { value: 'funcionario', label: 'Funcionarios' },
];

export function UserSearchForm({
  initial,
  onSearch,
}: {
  initial: UserFilters;
  onSearch: (f: UserFilters) => void;
}) {
  const [filters, setFilters] = useState(initial);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    onSearch({ q: filters.q.trim(), kind: filters.kind });
  };

  return (
    <form className="filters" onSubmit={onSubmit}>
      <TextField
        label="Nombre, correo o documento"
        name="q"
        type="search"
        value={filters.q}
        onChange={(event) => setFilters({ ...filters, q: event.target.value })}
      />
      <SelectField
        label="Tipo de usuario"
        name="kind"
        options={KIND_OPTIONS}
        value={filters.kind}
        onChange={(event) => setFilters({ ...filters, kind: event.target.value })}
      />
      <div className="filters__actions">
        <button type="submit" className="button">
          Buscar
        </button>
      </div>
    </form>
  );
}

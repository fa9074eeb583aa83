export interface AuditFilters {
  actor: string;
  action: string;
  entityType: string;
  entityId: string;
  from: string;
  to: string;
}

export const FILTER_NAMES: (keyof AuditFilters)[] = [
  'actor',
  'action',
  'entityType',
  'entityId',
  'from',
  'to',
];

export function filtersFrom(params: URLSearchParams): AuditFilters {
  const read = (name: keyof AuditFilters) => params.get(name) ?? '';
  return {
    actor: read('actor'),
    action: read('action'),
    entityType: read('entityType'),
    entityId: read('entityId'),
    from: read('from'),
    to: read('to'),
  };
}

/** Only the filters with a value, trimmed (what both the search and the CSV export send). */
export function activeFilters(filters: AuditFilters): Partial<AuditFilters> {
  const active: Partial<AuditFilters> = {};
  for (const name of FILTER_NAMES) {
    const value = filters[name].trim();
    if (value) active[name] = value;
  }
  return active;
}

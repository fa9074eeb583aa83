import { type FormEvent, type Ref, useEffect, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { api, toApiError, withQuery } from '../../../app/api';
import { hasPermission, useAuth } from '../../../app/auth';
import type { Me } from '../../../app/types';
import { useApiGet } from '../../../app/useApiGet';
import { Alert } from '../../../platform/Alert';
import { SelectField } from '../../../platform/fields';
import { formatNumber } from '../../../platform/format';
import { Loading } from '../../../platform/Loading';
import { Page } from '../../../platform/Page';
import {
  ADMIN_BASE,
  API,
  channelLabel,
  cleanMessage,
  DUE_BADGES,
  DUE_LABELS,
  formatShortDay,
} from '../labels';
import { useCatalogue } from '../PqrsdPage';
import type { InboxCounts, InboxItem, InboxPage as InboxPageData } from '../types';
import '../pqrsd.css';

export const PQRSD_PERMISSIONS = {
  coordinate: 'requests.pqrsd.coordinate',
  work: 'requests.pqrsd.work',
  reports: 'requests.pqrsd.reports',
} as const;

const PAGE_SIZE = 25;

type Scope = 'mias' | 'dependencia' | 'todas';
type Filter = '' | 'vencido' | 'vence_hoy' | 'por_vencer' | 'en_termino' | 'pausado';

const TABS: { filter: Filter; label: string; count: keyof InboxCounts }[] = [
  { filter: '', label: 'Todas', count: 'total' },
  { filter: 'vencido', label: 'Vencidas', count: 'vencido' },
  { filter: 'vence_hoy', label: 'Vencen hoy', count: 'vence_hoy' },
  { filter: 'por_vencer', label: 'Por vencer', count: 'por_vencer' },
  { filter: 'en_termino', label: 'En término', count: 'en_termino' },
  { filter: 'pausado', label: 'Suspendidas', count: 'pausado' },
];

const SCOPE_LABELS: Record<Scope, string> = {
  mias: 'Asignadas a mí',
  dependencia: 'De mi dependencia',
  todas: 'Todas las dependencias',
};

function defaultScope(user: Me | null): Scope {
  if (hasPermission(user, PQRSD_PERMISSIONS.coordinate)) return 'todas';
  if (user?.roles.includes('jefe_dependencia') && user.dependencia) return 'dependencia';
  return 'mias';
}

function FiltersForm({
  scope,
  dependencia,
  tipo,
  coordinator,
  onApply,
}: {
  scope: Scope;
  dependencia: string;
  tipo: string;
  coordinator: boolean;
  onApply: (values: { alcance: Scope; dependencia: string; tipo: string }) => void;
}) {
  const [values, setValues] = useState({ alcance: scope, dependencia, tipo });
  const catalogue = useCatalogue();
  const offices = useApiGet<{ items: { code: string; name: string }[] }>(
    coordinator ? '/api/v1/admin/dependencias' : null,
  );
  const scopes: Scope[] = coordinator ? ['todas', 'dependencia', 'mias'] : ['mias', 'dependencia'];
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    onApply(values);
  };
  return (
    <form className="filters" onSubmit={onSubmit} aria-label="Filtros de la bandeja">
      <SelectField
        label="Solicitudes"
        name="alcance"
        value={values.alcance}
        onChange={(event) => setValues({ ...values, alcance: event.target.value as Scope })}
        options={scopes.map((value) => ({ value, label: SCOPE_LABELS[value] }))}
      />
      {coordinator && values.alcance === 'todas' && (
        <SelectField
          label="Dependencia"
          name="dependencia"
          value={values.dependencia}
          onChange={(event) => setValues({ ...values, dependencia: event.target.value })}
          options={[
            { value: '', label: 'Todas' },
            ...(offices.data?.items ?? []).map((office) => ({ value: office.code, label: office.name })),
          ]}
        />
      )}
      <SelectField
        label="Tipo"
        name="tipo"
        value={values.tipo}
        onChange={(event) => setValues({ ...values, tipo: event.target.value })}
        options={[
          { value: '', label: 'Todos los tipos' },
          ...(catalogue.data?.types ?? []).map((type) => ({ value: type.code, label: type.label })),
        ]}
      />
      <div className="filters__actions">
        <button type="submit" className="button">
          Ver
        </button>
      </div>
    </form>
  );
}

function InboxCard({ item, focusRef }: { item: InboxItem; focusRef?: Ref<HTMLAnchorElement> }) {
  return (
    <li className="card">
      <div className="card-head">
        <h3 className="card__title">
          <Link ref={focusRef} to={`${ADMIN_BASE}/${item.id}`}>
            {item.radicado}
          </Link>
        </h3>
        <span className={DUE_BADGES[item.category]}>{DUE_LABELS[item.category]}</span>
      </div>
      <p>{item.subject}</p>
      <dl className="data-list data-list--compact">
        <div>
          <dt>Vence</dt>
          <dd>{formatShortDay(item.dueOn)}</dd>
        </div>
        <div>
          <dt>Tipo</dt>
          <dd>{item.typeLabel}</dd>
        </div>
        <div>
          <dt>Estado</dt>
          <dd>{item.stateLabel}</dd>
        </div>
        <div>
          <dt>Dependencia</dt>
          <dd>{item.dependencia ?? '—'}</dd>
        </div>
        <div>
          <dt>Responsable</dt>
          <dd>{item.mine ? 'Usted' : item.assigned ? 'Otro funcionario' : 'Sin asignar'}</dd>
        </div>
        <div>
          <dt>Canal</dt>
          <dd>{channelLabel(item.channel)}</dd>
        </div>
      </dl>
    </li>
  );
}

/** /admin/pqrsd: the officials' inbox, soonest due first, with tabs by due category. */
export function InboxPage() {
  const { user } = useAuth();
  const coordinator = hasPermission(user, PQRSD_PERMISSIONS.coordinate);
  const [searchParams, setSearchParams] = useSearchParams();
  const scope = (searchParams.get('alcance') as Scope | null) ?? defaultScope(user);
  const filter = (searchParams.get('filtro') ?? '') as Filter;
  const dependencia = scope === 'todas' ? (searchParams.get('dependencia') ?? '') : '';
  const tipo = searchParams.get('tipo') ?? '';
  const query = {
    alcance: scope,
    filtro: filter,
    dependencia,
    tipo,
    limite: Math.min(100, Math.max(5, Number(searchParams.get('limite')) || PAGE_SIZE)),
  };
  const path = withQuery(`${API}/bandeja`, query);
  const first = useApiGet<InboxPageData>(path);

  // Pages after the first, for the current filters only.
  const [more, setMore] = useState<{ path: string; items: InboxItem[]; next: string | null } | null>(null);
  const [moreError, setMoreError] = useState<string | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const extra = more?.path === path ? more : null;
  const items = [...(first.data?.items ?? []), ...(extra?.items ?? [])];
  const next = extra ? extra.next : (first.data?.next ?? null);
  const firstNewIndex = useRef<number | null>(null);
  const newItemRef = useRef<HTMLAnchorElement>(null);

  useEffect(() => {
    if (firstNewIndex.current !== null) {
      newItemRef.current?.focus();
      firstNewIndex.current = null;
    }
  });

  const loadMore = async () => {
    if (!next) return;
    setLoadingMore(true);
    setMoreError(null);
    try {
      const page = await api.get<InboxPageData>(withQuery(`${API}/bandeja`, { ...query, despues: next }));
      firstNewIndex.current = items.length;
      setMore({ path, items: [...(extra?.items ?? []), ...page.items], next: page.next });
    } catch (error) {
      setMoreError(toApiError(error).detail);
    } finally {
      setLoadingMore(false);
    }
  };

  const link = (changes: Record<string, string>) => {
    const params = new URLSearchParams({
      alcance: scope,
      ...(dependencia ? { dependencia } : {}),
      ...(tipo ? { tipo } : {}),
    });
    if (filter) params.set('filtro', filter);
    if (searchParams.get('limite')) params.set('limite', String(query.limite));
    for (const [key, value] of Object.entries(changes)) {
      if (value) params.set(key, value);
      else params.delete(key);
    }
    return `?${params.toString()}`;
  };

  const counts = first.data?.counts;
  const activeTab = TABS.find((tab) => tab.filter === filter) ?? TABS[0]!;

  return (
    <Page
      title="Bandeja de PQRSD"
      lead="Las solicitudes abiertas, la que vence primero arriba. El término corre en días hábiles; las suspendidas esperan información del peticionario."
    >
      {(coordinator || hasPermission(user, PQRSD_PERMISSIONS.reports)) && (
        <div className="quick-actions">
          {coordinator && (
            <Link className="button button--secondary" to={`${ADMIN_BASE}/ventanilla`}>
              Radicar en ventanilla o desde un correo
            </Link>
          )}
          {hasPermission(user, PQRSD_PERMISSIONS.reports) && (
            <Link className="button button--secondary" to={`${ADMIN_BASE}/informes`}>
              Informes de PQRSD
            </Link>
          )}
        </div>
      )}
      <FiltersForm
        key={`${scope}|${dependencia}|${tipo}`}
        scope={scope}
        dependencia={dependencia}
        tipo={tipo}
        coordinator={coordinator}
        onApply={(values) => {
          const params: Record<string, string> = { alcance: values.alcance };
          if (values.alcance === 'todas' && values.dependencia) params.dependencia = values.dependencia;
          if (values.tipo) params.tipo = values.tipo;
          if (filter) params.filtro = filter;
          setSearchParams(params);
        }}
      />
      <nav aria-label="Filtrar por vencimiento">
        <ul className="filter-tabs">
          {TABS.map((tab) => (
            <li key={tab.count}>
              <Link
                to={link({ filtro: tab.filter })}
                aria-current={tab.filter === filter ? 'page' : undefined}
              >
                {tab.label}
                <span className="tab-count">
                  {counts ? formatNumber(counts[tab.count]) : '…'}
                  <span className="visually-hidden"> solicitudes</span>
                </span>
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {first.loading && !first.data && <Loading label="Cargando la bandeja…" />}
      {first.error && <Alert tone="error">{cleanMessage(first.error.detail)}</Alert>}
      {first.data && !first.error && (
        <section aria-labelledby="resultados-bandeja">
          <h2 id="resultados-bandeja" className="visually-hidden">
            Solicitudes: {activeTab.label}
          </h2>
          <p role="status">
            {SCOPE_LABELS[scope]} · {activeTab.label}:{' '}
            {counts ? `${formatNumber(counts[activeTab.count])} solicitudes abiertas` : ''}
            {items.length > 0 && counts && items.length < counts[activeTab.count]
              ? ` (se muestran ${formatNumber(items.length)})`
              : ''}
            .
          </p>
          {items.length === 0 ? (
            <p>No hay solicitudes en esta bandeja.</p>
          ) : (
            <ul className="card-list">
              {items.map((item, index) => (
                <InboxCard
                  key={item.id}
                  item={item}
                  focusRef={index === firstNewIndex.current ? newItemRef : undefined}
                />
              ))}
            </ul>
          )}
          {moreError && <Alert tone="error">{moreError}</Alert>}
          {next && (
            <p>
              <button
                type="button"
                className="button button--secondary"
                onClick={loadMore}
                disabled={loadingMore}
              >
                {loadingMore ? 'Cargando…' : 'Cargar más'}
              </button>
            </p>
          )}
        </section>
      )}
    </Page>
  );
}

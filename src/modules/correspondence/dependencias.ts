import type { Actor } from '../../platform/authz/actor.ts';

export interface Dependencia {
  id: string;
  code: string;
  name: string;
}

/** What the module needs to know about the tenant's dependencias and an official's own. */
export interface DependenciaDirectory {
  list(tenantId: string): Promise<Dependencia[]>;
  byCode(tenantId: string, code: string): Promise<Dependencia | undefined>;
  byId(tenantId: string, id: string): Promise<Dependencia | undefined>;
  /** The acting official's dependencia; null when they have none. */
  ofActor(actor: Actor): Promise<Dependencia | null>;
}

/** The part of the identity service the directory uses. */
export interface DependenciaSource {
  listDependencias(tenantId: string): Promise<Dependencia[]>;
}

const CACHE_MS = 60_000;

/**
 * The tenant's dependencias from the identity service, cached a minute per tenant (they change only when
 * config/tenants is applied at start); a code or id not found reads again once. The official's own
 * dependencia is the one the session put on the actor.
 */
export function createDependenciaDirectory(source: DependenciaSource): DependenciaDirectory {
  const cache = new Map<string, { at: number; rows: Dependencia[] }>();

  async function list(tenantId: string, fresh = false): Promise<Dependencia[]> {
    const cached = cache.get(tenantId);
    if (!fresh && cached && Date.now() - cached.at < CACHE_MS) return cached.rows;
    const rows = await source.listDependencias(tenantId);
    cache.set(tenantId, { at: Date.now(), rows });
    return rows;
  }

  async function find(tenantId: string, match: (row: Dependencia) => boolean) {
    return (await list(tenantId)).find(match) ?? (await list(tenantId, true)).find(match);
  }

  return {
    list: (tenantId) => list(tenantId),
    byCode: (tenantId, code) => find(tenantId, (row) => row.code === code),
    byId: (tenantId, id) => find(tenantId, (row) => row.id === id),
    async ofActor(actor) {
      if (actor.kind !== 'official' || !actor.dependenciaId) return null;
      const id = actor.dependenciaId;
      return (await find(actor.tenantId, (row) => row.id === id)) ?? null;
    },
  };
}

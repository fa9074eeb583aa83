import { eq } from 'drizzle-orm';
import type { Db, DbOrTx } from '../db/database.ts';
import { notFound } from '../http/errors.ts';
import { tenant } from './tenancy.schema.ts';

export type Tenant = typeof tenant.$inferSelect;
export type NewTenant = typeof tenant.$inferInsert;

export type TenantService = ReturnType<typeof createTenantService>;

/** Tenants change rarely; they are cached per process (a restart or `forget` picks up changes). */
export function createTenantService(db: Db) {
  const cache = new Map<string, Tenant>();

  async function findByDivipola(divipola: string): Promise<Tenant | undefined> {
    const cached = cache.get(divipola);
    if (cached) return cached;
    const [row] = await db.select().from(tenant).where(eq(tenant.divipola, divipola));
    if (row) cache.set(divipola, row);
    return row;
  }

  async function getByDivipola(divipola: string): Promise<Tenant> {
    const row = await findByDivipola(divipola);
    if (!row) throw notFound(`El municipio ${divipola} no está configurado en esta instalación.`);
    return row;
  }

  /** Inside a transaction pass it: PGlite has one connection, and a query outside `tx` would wait forever. */
  async function getById(id: string, tx: DbOrTx = db): Promise<Tenant> {
    for (const row of cache.values()) if (row.id === id) return row;
    const [row] = await tx.select().from(tenant).where(eq(tenant.id, id));
    if (!row) throw notFound('El municipio no existe.');
    cache.set(row.divipola, row);
    return row;
  }

  async function create(values: NewTenant): Promise<Tenant> {
    const [row] = await db.insert(tenant).values(values).onConflictDoNothing().returning();
    return row ?? getByDivipola(values.divipola);
  }

  return { findByDivipola, getByDivipola, getById, create, forget: () => cache.clear() };
}

import { eq } from 'drizzle-orm';
import type { Platform } from '../platform.ts';
import { tenant } from '../tenancy/tenancy.schema.ts';
import type { Tenant } from '../tenancy/tenancy.service.ts';
import { readTenantFile, type TenantFile } from './tenant-config.ts';

/**
 * Makes sure the installation's municipality exists and matches its configuration file: created on the
 * first start, name and contact data refreshed on every start; dependencias added when new.
 */
export async function ensureTenant(
  platform: Platform,
  divipola: string,
): Promise<{ tenant: Tenant; file: TenantFile }> {
  const { ctx, identity } = platform;
  const file = readTenantFile(divipola);
  const values = {
    divipola,
    name: file.name,
    department: file.department,
    entityName: file.entityName,
    nit: file.nit,
    contact: file.contact,
  };
  await ctx.db.insert(tenant).values(values).onConflictDoUpdate({ target: tenant.divipola, set: values });
  ctx.tenants.forget();
  const row = await ctx.tenants.getByDivipola(divipola);
  await identity.ensureDependencias(
    row.id,
    file.dependencias.map(({ code, name }) => ({ code, name })),
  );
  return { tenant: row, file };
}

export async function tenantExists(platform: Platform, divipola: string): Promise<boolean> {
  const rows = await platform.ctx.db
    .select({ id: tenant.id })
    .from(tenant)
    .where(eq(tenant.divipola, divipola));
  return rows.length > 0;
}

import type { DatabaseHandle } from '../../../platform/db/database.ts';
import { predio, predioAvaluo, predioTitular } from '../predios.schema.ts';

export interface PredioFixture {
  /** Position in the municipality's sequence: makes a valid, unique 30-digit NPN and old code. */
  n: number;
  destino?: string;
  estrato?: number | null;
  avaluos: Record<number, number>;
  owner?: { documentType: string; documentNumber: string; nombre: string };
  comunaCode?: string;
  barrioCode?: string;
}

/** `68001 01 01 0001 <terreno n> 000000000` : urban, sector 01, manzana 0001, no PH. */
export const npnOf = (n: number) => `68001010100000001${String(n).padStart(4, '0')}000000000`.slice(0, 30);
export const oldCodeOf = (n: number) => `6800101010001${String(n).padStart(4, '0')}000`.slice(0, 20);

/** Inserts predios for tests straight into the registry (the roll import has its own tests). */
export async function insertPredios(database: DatabaseHandle, tenantId: string, fixtures: PredioFixture[]) {
  const ids: string[] = [];
  for (const fixture of fixtures) {
    const [row] = await database.db
      .insert(predio)
      .values({
        tenantId,
        numeroPredial: npnOf(fixture.n),
        numeroPredialAnterior: oldCodeOf(fixture.n),
        direccion: `CL ${30 + (fixture.n % 20)} ${10 + (fixture.n % 7)} ${fixture.n % 90}`,
        destinoLetra: fixture.destino ?? 'A',
        estrato: fixture.estrato === undefined ? 3 : fixture.estrato,
        areaTerrenoM2: '120.00',
        areaConstruidaM2: '96.00',
        comunaCode: fixture.comunaCode ?? null,
        barrioCode: fixture.barrioCode ?? null,
        registro: { fixture: fixture.n },
        synthetic: true,
      })
      .returning({ id: predio.id });
    const id = row!.id;
    ids.push(id);
    const avaluos = Object.entries(fixture.avaluos).map(([vigencia, avaluo]) => ({
      predioId: id,
      vigencia: Number(vigencia),
      avaluo,
      actualizado: true,
    }));
    if (avaluos.length) await database.db.insert(predioAvaluo).values(avaluos);
    if (fixture.owner) {
      await database.db.insert(predioTitular).values({
        tenantId,
        predioId: id,
        calidad: 'propietario',
        ...fixture.owner,
        participacionNumerador: 1,
        participacionDenominador: 1,
      });
    }
  }
  return ids;
}

/** Predios with their vigencia liquidated by the real mass liquidation (its job queue left out). */
export async function liquidatedPredios(
  database: DatabaseHandle,
  tenantId: string,
  fixtures: PredioFixture[],
  vigencias: number[] = [2026],
): Promise<string[]> {
  const { createAuditService } = await import('../../../platform/audit/audit.service.ts');
  const { createTenantService } = await import('../../../platform/tenancy/tenancy.service.ts');
  const { systemActor } = await import('../../../platform/authz/actor.ts');
  const { createLiquidationRunsService } = await import('../liquidation-runs.service.ts');
  const ids = await insertPredios(database, tenantId, fixtures);
  const runs = createLiquidationRunsService({
    database,
    jobs: { enqueue: async () => 'sin-cola', register: () => {} } as never,
    audit: createAuditService(database.db),
    tenants: createTenantService(database.db),
  });
  for (const vigencia of vigencias) {
    await runs.execute((await runs.start(systemActor(tenantId), vigencia)).id, async () => {});
  }
  return ids;
}

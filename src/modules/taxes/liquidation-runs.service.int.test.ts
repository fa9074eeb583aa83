import { and, eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { createAuditService } from '../../platform/audit/audit.service.ts';
import { systemActor } from '../../platform/authz/actor.ts';
import type { DatabaseHandle } from '../../platform/db/database.ts';
import type { JobService } from '../../platform/jobs/index.ts';
import { createTenantService } from '../../platform/tenancy/tenancy.service.ts';
import { createTestTenant, getTestDatabase, resetDatabase } from '../../test/test-database.ts';
import { liquidationRun, taxDemand } from './billing.schema.ts';
import { liquidatePredial } from './liquidation/index.ts';
import { createLiquidationRunsService, predialFactsOf } from './liquidation-runs.service.ts';
import { rulesFor } from './tax-rules.ts';
import { insertPredios } from './testing/predio-fixtures.ts';

let database: DatabaseHandle;
let tenantId: string;
const enqueued: unknown[] = [];
const jobs = {
  enqueue: async (input: unknown) => {
    enqueued.push(input);
    return `job-${enqueued.length}`;
  },
  register: () => {},
} as unknown as JobService;

function service(
  options: { batchSize?: number; afterBatch?: (runId: string, processed: number) => void } = {},
) {
  return createLiquidationRunsService({
    database,
    jobs,
    audit: createAuditService(database.db),
    tenants: createTenantService(database.db),
    ...options,
  });
}

beforeEach(async () => {
  database = await getTestDatabase();
  await resetDatabase(database);
  tenantId = (await createTestTenant(database)).id;
  enqueued.length = 0;
});

const fixtures = (count: number) =>
  Array.from({ length: count }, (_, index) => ({
    n: index + 1,
    estrato: (index % 6) + 1,
    destino: index % 5 === 0 ? 'C' : 'A',
    avaluos: { 2025: 100_000_000 + index * 1_000_000, 2026: 104_000_000 + index * 1_000_000 },
  }));

async function demandsOf(vigencia: number) {
  return database.db
    .select()
    .from(taxDemand)
    .where(and(eq(taxDemand.tenantId, tenantId), eq(taxDemand.vigencia, vigencia)));
}

describe('mass liquidation of a vigencia', () => {
  it('writes one demand per predio and concept, with the amounts of the pure liquidation', async () => {
    const ids = await insertPredios(database, tenantId, fixtures(12));
    const runs = service({ batchSize: 5 });
    const run = await runs.start(systemActor(tenantId), 2026);
    expect(run).toMatchObject({ started: true, total: 12, state: 'en_curso' });
    expect(enqueued).toHaveLength(1);
    const done = await runs.execute(run.id, async () => {});
    expect(done).toMatchObject({ state: 'terminada', processed: 12, failed: 0, existing: 0 });

    const demands = await demandsOf(2026);
    expect(demands.length).toBe(done.created);
    const { rules } = rulesFor('68001');
    const [first] = await database.raw
      .query<Parameters<typeof predialFactsOf>[0]>(
        `select p.id, p.numero_predial, p.numero_predial_anterior, p.destino_letra, p.estrato,
              p.area_terreno_m2::text as area_terreno_m2, p.area_construida_m2::text as area_construida_m2,
              a.avaluo, a.actualizado, null as avaluo_anterior, null as impuesto_anterior
         from predio p join predio_avaluo a on a.predio_id = p.id and a.vigencia = 2026 where p.id = $1`,
        [ids[3]],
      )
      .then((result) => result.rows);
    const expected = liquidatePredial(
      predialFactsOf({ ...first!, avaluo_anterior: 107_000_000 }),
      2026,
      rules,
    );
    const mine = demands.filter((demand) => demand.subjectId === ids[3]);
    expect(mine.map((demand) => [demand.concept, demand.amount]).sort()).toEqual(
      expected.lines.map((line) => [line.concept, line.amount]).sort(),
    );
    expect(mine.every((demand) => demand.amount > 0 && demand.dueDate === '2026-06-30')).toBe(true);
  });

  it('a second run of the same vigencia creates nothing new', async () => {
    await insertPredios(database, tenantId, fixtures(7));
    const runs = service({ batchSize: 3 });
    const first = await runs.execute((await runs.start(systemActor(tenantId), 2026)).id, async () => {});
    const second = await runs.execute((await runs.start(systemActor(tenantId), 2026)).id, async () => {});
    expect(second.created).toBe(0);
    expect(second.existing).toBe(first.created);
    expect((await demandsOf(2026)).length).toBe(first.created);
  });

  it('while a run is going, starting again returns that run instead of a second one', async () => {
    await insertPredios(database, tenantId, fixtures(2));
    const runs = service();
    const [a, b] = await Promise.all([
      runs.start(systemActor(tenantId), 2026),
      runs.start(systemActor(tenantId), 2026),
    ]);
    expect(a.id).toBe(b.id);
    expect([a.started, b.started].sort()).toEqual([false, true]);
  });

  it('resumes after a crash from the last committed batch, without duplicates', async () => {
    await insertPredios(database, tenantId, fixtures(10));
    let crash = true;
    const runs = service({
      batchSize: 4,
      afterBatch: (_runId, processed) => {
        if (crash && processed >= 4) throw new Error('el proceso murió');
      },
    });
    const run = await runs.start(systemActor(tenantId), 2026);
    await expect(runs.execute(run.id, async () => {})).rejects.toThrow('el proceso murió');
    const [halfway] = await database.db.select().from(liquidationRun).where(eq(liquidationRun.id, run.id));
    expect(halfway).toMatchObject({ state: 'en_curso', processed: 4 });

    crash = false;
    const done = await runs.execute(run.id, async () => {});
    expect(done).toMatchObject({ state: 'terminada', processed: 10, existing: 0 });
    expect((await demandsOf(2026)).length).toBe(done.created);
  });

  it('uses the previous vigencia’s impuesto for the Ley 1995 cap', async () => {
    await insertPredios(database, tenantId, [
      { n: 1, estrato: 4, avaluos: { 2025: 100_000_000, 2026: 300_000_000 } },
    ]);
    const runs = service();
    await runs.execute((await runs.start(systemActor(tenantId), 2025)).id, async () => {});
    await runs.execute((await runs.start(systemActor(tenantId), 2026)).id, async () => {});
    const [impuesto2025] = (await demandsOf(2025)).filter((demand) => demand.concept === 'impuesto');
    const [impuesto2026] = (await demandsOf(2026)).filter((demand) => demand.concept === 'impuesto');
    // The avalúo tripled; the cap keeps the tax within IPC + 8 points of the year before.
    expect(impuesto2026!.amount).toBeLessThan(impuesto2025!.amount * 1.3);
    expect(impuesto2026!.basis).toMatchObject({ tope: expect.stringMatching(/./) });
  });

  it('refuses a vigencia the rules do not cover, naming the field', async () => {
    await expect(service().start(systemActor(tenantId), 2031)).rejects.toMatchObject({
      code: 'VIGENCIA_SIN_REGLAS',
      field: 'vigencia',
    });
  });
});

import { systemActor } from '../../platform/authz/actor.ts';
import { SYNTHETIC_CC_BASE } from '../../platform/bootstrap/demo-seed.ts';
import { toBogotaDate } from '../../platform/calendar/index.ts';
import type { AppContext } from '../../platform/context.ts';
import { seedSyntheticPredios } from './demo-predios.seed.ts';
import type { TaxesServices } from './taxes.module.ts';
import { predioSnapshot } from './taxes.views.ts';

export const DEMO_VIGENCIAS = [2024, 2025, 2026];
/** The demo citizen (ciudadano@demo…) co-owns the first predios, so "mis predios" has something. */
const DEMO_CITIZEN_DOCUMENT = String(SYNTHETIC_CC_BASE + 500);

export interface DemoTaxesResult {
  predios: { existing: number; inserted: number; seconds: number };
  liquidated: Record<number, number>;
  payments: number;
}

/**
 * The demo city's property tax: synthetic predios inside real barrios, every vigencia liquidated by the
 * real mass liquidation, older balances settled as if migrated from the previous system (80 % of 2024
 * and 2025), and a few real payments through bills so the treasury reports have data.
 */
export async function seedDemoTaxes(
  ctx: AppContext,
  services: TaxesServices,
  tenant: { id: string; divipola: string },
  options: { predios: number; progress?: (message: string) => void },
): Promise<DemoTaxesResult> {
  const say = options.progress ?? (() => {});
  const predios = await seedSyntheticPredios(ctx.database, tenant, {
    count: options.predios,
    vigencias: DEMO_VIGENCIAS,
    demoHolder: {
      documentType: 'CC',
      documentNumber: DEMO_CITIZEN_DOCUMENT,
      nombre: 'CIUDADANA DEMO SINTÉTICA',
      predios: 2,
    },
    progress: (done, total) => say(`predios ${done}/${total}`),
  });
  const actor = systemActor(tenant.id, 'semilla de demostración');
  const liquidated: Record<number, number> = {};
  for (const vigencia of DEMO_VIGENCIAS) {
    const run = await services.liquidations.start(actor, vigencia, { enqueue: false });
    const done = await services.liquidations.execute(run.id, async (processed, total) =>
      say(`liquidación ${vigencia}: ${processed}/${total}`),
    );
    liquidated[vigencia] = done.created;
  }
  if (predios.inserted === 0) return { predios, liquidated, payments: 0 };

  // Balances of earlier years settled in the previous system (a migration loads them as paid); the
  // demo citizen's predios keep their debts.
  await ctx.database.raw.query(
    `update tax_demand d set settled = d.amount
       from predio p
      where p.id = d.subject_id and d.tenant_id = $1 and d.settled = 0
        and not exists (select 1 from predio_titular t where t.predio_id = p.id and t.document_number = $2)
        and ((d.vigencia < 2026 and abs(hashtext(p.id::text)) % 10 < 8)
          or (d.vigencia = 2026 and abs(hashtext(p.id::text)) % 10 < 4))`,
    [tenant.id, DEMO_CITIZEN_DOCUMENT],
  );

  // A few payments through real bills, for the payments register and the collection reports.
  const { rows } = await ctx.database.raw.query<{ subject_id: string }>(
    `select distinct d.subject_id from tax_demand d
      where d.tenant_id = $1 and d.settled < d.amount
        and not exists (select 1 from predio_titular t where t.predio_id = d.subject_id and t.document_number = $2)
      order by d.subject_id limit 25`,
    [tenant.id, DEMO_CITIZEN_DOCUMENT],
  );
  const today = toBogotaDate(ctx.now());
  let payments = 0;
  for (const [index, row] of rows.entries()) {
    const predio = await services.predios.getById(tenant.id, row.subject_id);
    const [avaluos, owners] = await Promise.all([
      services.predios.avaluosOf(predio.id),
      services.predios.titularesOf(predio.id),
    ]);
    const bill = await services.billing.issueBill(actor, {
      tax: 'predial',
      subjectId: predio.id,
      snapshot: predioSnapshot(predio, avaluos, owners) as never,
    });
    const option = bill.options.find((candidate) => candidate.payBy >= today) ?? bill.options[0]!;
    await services.billing.recordPayment({
      tenantId: tenant.id,
      billId: bill.id,
      optionSeq: option.seq,
      channel: index % 3 === 0 ? 'caja' : 'banco',
      externalId: `demo-${bill.paymentReference}`,
      amount: option.total,
      paidAt: ctx.now(),
      collectionDate: today,
      bankCode: index % 3 === 0 ? null : ['007', '051', '001'][index % 3]!,
    });
    payments++;
  }
  return { predios, liquidated, payments };
}

import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { createAuditService } from '../../platform/audit/audit.service.ts';
import { systemActor } from '../../platform/authz/actor.ts';
import type { DatabaseHandle } from '../../platform/db/database.ts';
import type { JobService } from '../../platform/jobs/index.ts';
import { createTenantService } from '../../platform/tenancy/tenancy.service.ts';
import { createTestTenant, getTestDatabase, resetDatabase } from '../../test/test-database.ts';
import { decodeReceiptBarcode, isValidPaymentReference } from './barcode/index.ts';
import { bill, payment, paymentApplication, taxDemand } from './billing.schema.ts';
import { createBillingService } from './billing.service.ts';
import { createLiquidationRunsService } from './liquidation-runs.service.ts';
import { insertPredios } from './testing/predio-fixtures.ts';

let database: DatabaseHandle;
let tenantId: string;
let predioId: string;
let clock = new Date('2026-02-10T15:00:00Z');

function billing() {
  return createBillingService({
    db: database.db,
    audit: createAuditService(database.db),
    tenants: createTenantService(database.db),
    now: () => clock,
  });
}

beforeEach(async () => {
  clock = new Date('2026-02-10T15:00:00Z');
  database = await getTestDatabase();
  await resetDatabase(database);
  tenantId = (await createTestTenant(database)).id;
  predioId = (
    await insertPredios(database, tenantId, [{ n: 1, estrato: 3, avaluos: { 2026: 150_000_000 } }])
  )[0]!;
  const runs = createLiquidationRunsService({
    database,
    jobs: { enqueue: async () => 'job', register: () => {} } as unknown as JobService,
    audit: createAuditService(database.db),
    tenants: createTenantService(database.db),
  });
  await runs.execute((await runs.start(systemActor(tenantId), 2026)).id, async () => {});
});

const actor = () => systemActor(tenantId, 'prueba');
const issue = () =>
  billing().issueBill(actor(), { tax: 'predial', subjectId: predioId, snapshot: { numeroPredial: 'x' } });

describe('bills', () => {
  it('offers the discount date and the due date, each with its own barcode and total', async () => {
    const issued = await issue();
    expect(issued.state).toBe('vigente');
    expect(isValidPaymentReference(issued.paymentReference)).toBe(true);
    expect(issued.options.map((option) => option.payBy)).toEqual(['2026-03-31', '2026-06-30']);
    const [withDiscount, full] = issued.options;
    expect(withDiscount!.total).toBeLessThan(full!.total);
    for (const option of issued.options) {
      const decoded = decodeReceiptBarcode(option.barcodeText);
      expect(decoded).toMatchObject({
        reference: issued.paymentReference,
        amount: option.total,
        gln: '7709998000018',
      });
      expect(decoded.dueDate).toBe(option.payBy);
    }
    expect(issued.expiresOn).toBe('2026-06-30');
  });

  it('the same request the same day returns the same bill; a new day makes a new one', async () => {
    const [a, b] = await Promise.all([issue(), issue()]);
    expect(a.id).toBe(b.id);
    clock = new Date('2026-02-11T15:00:00Z');
    const c = await issue();
    expect(c.id).not.toBe(a.id);
    expect(c.paymentReference).not.toBe(a.paymentReference);
  });

  it('refuses to bill a predio that owes nothing', async () => {
    const issued = await issue();
    await billing().recordPayment({
      tenantId,
      billId: issued.id,
      channel: 'caja',
      externalId: 'caja-1',
      amount: issued.options[0]!.total,
      paidAt: clock,
      collectionDate: '2026-02-10',
    });
    await expect(issue()).rejects.toMatchObject({ code: 'NOTHING_OWED' });
  });
});

describe('payments', () => {
  it('a payment of the discount option settles every demand and records the discount granted', async () => {
    const issued = await issue();
    const option = issued.options[0]!;
    const paid = await billing().recordPayment({
      tenantId,
      billId: issued.id,
      optionSeq: 1,
      channel: 'banco',
      externalId: 'archivo-1:linea-3',
      amount: option.total,
      paidAt: clock,
      collectionDate: '2026-02-10',
      bankCode: '007',
    });
    expect(paid).toMatchObject({ created: true, unapplied: 0, billState: 'pagada' });
    const demands = await database.db.select().from(taxDemand).where(eq(taxDemand.subjectId, predioId));
    expect(demands.every((demand) => demand.settled === demand.amount)).toBe(true);
    const applications = await database.db
      .select()
      .from(paymentApplication)
      .where(eq(paymentApplication.paymentId, paid.paymentId));
    const cash = applications
      .filter((row) => row.component !== 'descuento' && row.component !== 'alivio')
      .reduce((sum, row) => sum + row.amount, 0);
    expect(cash).toBe(option.total);
    const discount = applications
      .filter((row) => row.component === 'descuento')
      .reduce((s, r) => s + r.amount, 0);
    expect(discount).toBe(option.lines.reduce((sum, line) => sum + line.discount, 0));
    expect(discount).toBeGreaterThan(0);
    expect((await billing().statement(tenantId, 'predial', predioId)).balance).toBe(0);
  });

  it('50 concurrent confirmations of one payment apply it exactly once', async () => {
    const issued = await issue();
    const option = issued.options[1]!;
    const service = billing();
    const results = await Promise.all(
      Array.from({ length: 50 }, () =>
        service.recordPayment({
          tenantId,
          billId: issued.id,
          optionSeq: 2,
          channel: 'pse',
          externalId: 'tx-123',
          amount: option.total,
          paidAt: clock,
          collectionDate: '2026-02-10',
        }),
      ),
    );
    expect(results.filter((result) => result.created)).toHaveLength(1);
    expect(new Set(results.map((result) => result.paymentId)).size).toBe(1);
    const payments = await database.db.select().from(payment).where(eq(payment.billId, issued.id));
    expect(payments).toHaveLength(1);
    const demands = await database.db.select().from(taxDemand).where(eq(taxDemand.subjectId, predioId));
    expect(demands.every((demand) => demand.settled === demand.amount)).toBe(true);
  }, 60_000);

  it('a partial payment is apportioned and leaves the rest owed; paying an already paid bill is a balance in favour', async () => {
    const issued = await issue();
    const full = issued.options[1]!;
    const half = Math.floor(full.total / 2);
    const first = await billing().recordPayment({
      tenantId,
      billId: issued.id,
      channel: 'caja',
      externalId: 'caja-7',
      amount: half,
      paidAt: clock,
      collectionDate: '2026-02-10',
    });
    expect(first).toMatchObject({ created: true, unapplied: 0, billState: 'vigente' });
    const statement = await billing().statement(tenantId, 'predial', predioId);
    expect(statement.balance).toBe(full.total - half);

    const second = await issue();
    await billing().recordPayment({
      tenantId,
      billId: second.id,
      channel: 'caja',
      externalId: 'caja-8',
      amount: second.options[second.options.length - 1]!.total,
      paidAt: clock,
      collectionDate: '2026-02-10',
    });
    const again = await billing().recordPayment({
      tenantId,
      billId: second.id,
      channel: 'banco',
      externalId: 'otro-banco',
      amount: 1_000,
      paidAt: clock,
      collectionDate: '2026-02-10',
    });
    expect(again.unapplied).toBe(1_000);
    const [stored] = await database.db.select().from(bill).where(eq(bill.id, second.id));
    expect(stored!.state).toBe('pagada');
  });

  it('refuses a non-positive or fractional amount, naming the field', async () => {
    const issued = await issue();
    for (const amount of [0, -5, 10.5]) {
      await expect(
        billing().recordPayment({
          tenantId,
          billId: issued.id,
          channel: 'caja',
          externalId: `x${amount}`,
          amount,
          paidAt: clock,
          collectionDate: '2026-02-10',
        }),
      ).rejects.toMatchObject({ field: 'amount' });
    }
    expect(await database.db.select().from(payment)).toHaveLength(0);
  });
});

describe('account statement', () => {
  it('shows interest after the due date', async () => {
    clock = new Date('2026-12-01T15:00:00Z');
    const statement = await billing().statement(tenantId, 'predial', predioId);
    const row = statement.vigencias.find((vigencia) => vigencia.vigencia === 2026)!;
    expect(row.balance).toBeGreaterThan(0);
    expect(row.totalToday).toBeGreaterThan(row.balance);
  });
});

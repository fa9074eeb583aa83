import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createAuditService } from '../../platform/audit/audit.service.ts';
import { systemActor } from '../../platform/authz/actor.ts';
import type { DatabaseHandle } from '../../platform/db/database.ts';
import type { JobService } from '../../platform/jobs/index.ts';
import { createTenantService } from '../../platform/tenancy/tenancy.service.ts';
import { createTestTenant, getTestDatabase, resetDatabase } from '../../test/test-database.ts';
import { gatewayTransaction, payment, taxDemand } from './billing.schema.ts';
import { type BillView, createBillingService } from './billing.service.ts';
import { startCallbackReceiver } from './gateway/callback-receiver.testkit.ts';
import { createHttpPaymentGateway, type SandboxGateway, startSandboxGateway } from './gateway/index.ts';
import { createLiquidationRunsService } from './liquidation-runs.service.ts';
import { createOnlinePaymentsService } from './online-payments.service.ts';
import { insertPredios } from './testing/predio-fixtures.ts';

const SECRET = 'secreto-de-la-prueba-pse';
let sandbox: SandboxGateway;
let receiver: Awaited<ReturnType<typeof startCallbackReceiver>>;
let database: DatabaseHandle;
let tenantId: string;
let predioId: string;
let clock = new Date('2026-02-10T15:00:00Z');

beforeAll(async () => {
  sandbox = await startSandboxGateway({ secret: SECRET, merchantId: 'alcaldia-prueba' });
  receiver = await startCallbackReceiver();
});
afterAll(async () => {
  await sandbox.close();
  await receiver.close();
});

function services() {
  const audit = createAuditService(database.db);
  const billing = createBillingService({
    db: database.db,
    audit,
    tenants: createTenantService(database.db),
    now: () => clock,
  });
  const gateway = createHttpPaymentGateway({
    baseUrl: sandbox.url,
    merchantId: sandbox.merchantId,
    apiKey: sandbox.apiKey,
    apiSecret: SECRET,
    // The sandbox signs with the real clock; our test clock is in February.
  });
  const online = createOnlinePaymentsService({
    db: database.db,
    billing,
    gateway,
    audit,
    publicUrl: new URL(receiver.url).origin,
    now: () => clock,
  });
  return { billing, online };
}

let issued: BillView;
beforeEach(async () => {
  clock = new Date('2026-02-10T15:00:00Z');
  database = await getTestDatabase();
  await resetDatabase(database);
  tenantId = (await createTestTenant(database)).id;
  predioId = (await insertPredios(database, tenantId, [{ n: 1, avaluos: { 2026: 150_000_000 } }]))[0]!;
  const runs = createLiquidationRunsService({
    database,
    jobs: { enqueue: async () => 'job', register: () => {} } as unknown as JobService,
    audit: createAuditService(database.db),
    tenants: createTenantService(database.db),
  });
  await runs.execute((await runs.start(systemActor(tenantId), 2026)).id, async () => {});
  issued = await services().billing.issueBill(systemActor(tenantId), {
    tax: 'predial',
    subjectId: predioId,
    snapshot: {},
  });
  receiver.received.length = 0;
});

const payer = {
  documentType: 'CC' as const,
  documentNumber: '9999000001',
  name: 'Ana Prueba',
  email: 'ana@example.co',
};

describe('PSE payments against the sandbox gateway over HTTP', () => {
  it('creates a transaction for the option total and redirects to the bank', async () => {
    const { online } = services();
    const { attempt, redirectUrl } = await online.start(systemActor(tenantId), {
      billId: issued.id,
      optionSeq: 1,
      bankCode: (await online.banks())[0]!.code,
      payer,
    });
    expect(attempt).toMatchObject({ state: 'PENDING', amount: issued.options[0]!.total });
    expect(redirectUrl.startsWith(sandbox.url)).toBe(true);
    const [row] = await database.db
      .select()
      .from(gatewayTransaction)
      .where(eq(gatewayTransaction.id, attempt.id));
    expect(row!.nextCheckAt!.getTime() - row!.createdAt.getTime()).toBe(7 * 60_000);
    await expect(
      online.start(systemActor(tenantId), {
        billId: issued.id,
        optionSeq: 1,
        bankCode: attempt.bankCode,
        payer,
      }),
    ).rejects.toMatchObject({ code: 'PAYMENT_IN_PROGRESS' });
  });

  it('50 concurrent confirmations — callbacks, returns and the job at once — apply the payment once', async () => {
    const { online } = services();
    const { attempt } = await online.start(systemActor(tenantId), {
      billId: issued.id,
      optionSeq: 2,
      bankCode: (await online.banks())[0]!.code,
      payer,
    });
    const [row] = await database.db
      .select()
      .from(gatewayTransaction)
      .where(eq(gatewayTransaction.id, attempt.id));
    sandbox.settle(row!.gatewayId!, 'OK');
    await receiver.waitFor(1);
    const callback = receiver.received[0]!;
    clock = new Date(Date.now());
    await database.db
      .update(gatewayTransaction)
      .set({ nextCheckAt: new Date(0) })
      .where(eq(gatewayTransaction.id, attempt.id));
    const results = await Promise.allSettled(
      Array.from({ length: 50 }, (_, index) =>
        index % 3 === 0
          ? online.handleCallback(callback.headers as never, callback.rawBody)
          : index % 3 === 1
            ? online.refresh(tenantId, attempt.id)
            : online.reconcileDue(),
      ),
    );
    expect(results.filter((result) => result.status === 'rejected')).toEqual([]);
    const payments = await database.db.select().from(payment).where(eq(payment.billId, issued.id));
    expect(payments).toHaveLength(1);
    expect(payments[0]).toMatchObject({
      channel: 'pse',
      amount: issued.options[1]!.total,
      gatewayTransactionId: attempt.id,
    });
    const demands = await database.db.select().from(taxDemand).where(eq(taxDemand.subjectId, predioId));
    expect(demands.every((demand) => demand.settled === demand.amount)).toBe(true);
    expect(await online.getAttempt(tenantId, attempt.id)).toMatchObject({
      state: 'OK',
      paymentId: payments[0]!.id,
    });
  }, 60_000);

  it('a rejected payment pays nothing and lets the citizen try again', async () => {
    const { online } = services();
    const bankCode = (await online.banks())[0]!.code;
    const { attempt } = await online.start(systemActor(tenantId), {
      billId: issued.id,
      optionSeq: 1,
      bankCode,
      payer,
    });
    const [row] = await database.db
      .select()
      .from(gatewayTransaction)
      .where(eq(gatewayTransaction.id, attempt.id));
    sandbox.settle(row!.gatewayId!, 'NOT_AUTHORIZED');
    expect(await online.refresh(tenantId, attempt.id)).toMatchObject({
      state: 'NOT_AUTHORIZED',
      paymentId: null,
    });
    expect(await database.db.select().from(payment)).toHaveLength(0);
    const second = await online.start(systemActor(tenantId), {
      billId: issued.id,
      optionSeq: 1,
      bankCode,
      payer,
    });
    expect(second.attempt.id).not.toBe(attempt.id);
  });

  it('refuses a forged callback and one for an unknown transaction', async () => {
    const { online } = services();
    const bankCode = (await online.banks())[0]!.code;
    const { attempt } = await online.start(systemActor(tenantId), {
      billId: issued.id,
      optionSeq: 1,
      bankCode,
      payer,
    });
    const [row] = await database.db
      .select()
      .from(gatewayTransaction)
      .where(eq(gatewayTransaction.id, attempt.id));
    sandbox.settle(row!.gatewayId!, 'OK');
    await receiver.waitFor(1);
    const callback = receiver.received[0]!;
    const forged = Buffer.from(callback.rawBody.toString('utf8').replace(/"amount":\d+/, '"amount":1'));
    await expect(online.handleCallback(callback.headers as never, forged)).rejects.toMatchObject({
      status: 401,
    });
    expect(await database.db.select().from(payment)).toHaveLength(0);
    await database.db
      .update(gatewayTransaction)
      .set({ gatewayId: 'otro' })
      .where(eq(gatewayTransaction.id, attempt.id));
    await expect(online.handleCallback(callback.headers as never, callback.rawBody)).rejects.toMatchObject({
      status: 404,
    });
  });

  it('refuses to pay an option whose date has passed', async () => {
    clock = new Date('2026-04-02T15:00:00Z');
    const { online } = services();
    await expect(
      online.start(systemActor(tenantId), { billId: issued.id, optionSeq: 1, bankCode: '1007', payer }),
    ).rejects.toMatchObject({ code: 'OPTION_EXPIRED', field: 'optionSeq' });
  });
});

import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { createAuditService } from '../../platform/audit/audit.service.ts';
import { systemActor } from '../../platform/authz/actor.ts';
import type { DatabaseHandle } from '../../platform/db/database.ts';
import { createTenantService } from '../../platform/tenancy/tenancy.service.ts';
import { createTestTenant, getTestDatabase, resetDatabase } from '../../test/test-database.ts';
import { writeAsobancaria2001 } from './asobancaria/index.ts';
import { createBankFilesService } from './bank-files.service.ts';
import { bankFile, payment, taxDemand } from './billing.schema.ts';
import { type BillView, createBillingService } from './billing.service.ts';
import { liquidatedPredios } from './testing/predio-fixtures.ts';

let database: DatabaseHandle;
let tenantId: string;
let bills: BillView[];
const clock = () => new Date('2026-02-10T20:00:00Z');

function services() {
  const audit = createAuditService(database.db);
  const tenants = createTenantService(database.db);
  const billing = createBillingService({ db: database.db, audit, tenants, now: clock });
  return { billing, files: createBankFilesService({ db: database.db, billing, audit, tenants, now: clock }) };
}

beforeEach(async () => {
  database = await getTestDatabase();
  await resetDatabase(database);
  tenantId = (await createTestTenant(database)).id;
  const ids = await liquidatedPredios(database, tenantId, [
    { n: 1, avaluos: { 2026: 150_000_000 } },
    { n: 2, estrato: 5, avaluos: { 2026: 420_000_000 } },
  ]);
  const { billing } = services();
  bills = [];
  for (const subjectId of ids) {
    bills.push(await billing.issueBill(systemActor(tenantId), { tax: 'predial', subjectId, snapshot: {} }));
  }
});

const fileWith = (payments: { reference: string; amount: number }[], collectionDate = '2026-02-10') =>
  writeAsobancaria2001({
    billerNit: '8902012220',
    collectionDate,
    bankCode: '007',
    account: '123456789',
    lots: [{ serviceCode: '7709998000018', payments }],
  });

describe('Asobancaria 2001 bank files', () => {
  it('applies every detail of a valid file to its bill, once', async () => {
    const { files } = services();
    const content = fileWith([
      { reference: bills[0]!.paymentReference, amount: bills[0]!.options[0]!.total },
      { reference: bills[1]!.paymentReference, amount: bills[1]!.options[1]!.total },
    ]);
    const dryRun = await files.importFile(systemActor(tenantId), { apply: false, content });
    expect(dryRun).toMatchObject({ valid: true, applied: 0, records: 2, state: 'simulado', errors: [] });
    expect(await database.db.select().from(payment)).toHaveLength(0);

    const report = await files.importFile(systemActor(tenantId), {
      apply: true,
      content,
      fileName: 'bco.txt',
    });
    expect(report).toMatchObject({
      valid: true,
      applied: 2,
      records: 2,
      total: bills[0]!.options[0]!.total + bills[1]!.options[1]!.total,
      bank: { code: '007' },
      collectionDate: '2026-02-10',
      state: 'aplicado',
    });
    const demands = await database.db.select().from(taxDemand).where(eq(taxDemand.tenantId, tenantId));
    expect(demands.every((demand) => demand.settled === demand.amount)).toBe(true);

    const again = await files.importFile(systemActor(tenantId), { apply: true, content });
    expect(again.valid).toBe(false);
    expect(again.errors.map((error) => error.code)).toContain('DUPLICATE_FILE');
    expect(await database.db.select().from(payment)).toHaveLength(2);
  });

  it('rejects the whole file when one detail does not match its bill, naming the line', async () => {
    const { files } = services();
    const content = fileWith([
      { reference: bills[0]!.paymentReference, amount: bills[0]!.options[0]!.total },
      { reference: bills[1]!.paymentReference, amount: bills[1]!.options[0]!.total + 1000 },
      { reference: '99999999999999', amount: 5000 },
    ]);
    const report = await files.importFile(systemActor(tenantId), { apply: true, content });
    expect(report.valid).toBe(false);
    expect(report.applied).toBe(0);
    expect(report.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ line: 4, code: 'AMOUNT_NOT_ON_BILL' }),
        expect.objectContaining({ line: 5, code: 'UNKNOWN_REFERENCE' }),
      ]),
    );
    expect(await database.db.select().from(payment)).toHaveLength(0);
    const [stored] = await database.db.select().from(bankFile);
    expect(stored!.state).toBe('rechazado');
  });

  it('rejects a discount total paid after the discount date', async () => {
    const { files } = services();
    const content = fileWith(
      [{ reference: bills[0]!.paymentReference, amount: bills[0]!.options[0]!.total }],
      '2026-02-10',
    );
    const late = createBankFilesService({
      db: database.db,
      billing: services().billing,
      audit: createAuditService(database.db),
      tenants: createTenantService(database.db),
      now: () => new Date('2026-04-15T20:00:00Z'),
    });
    expect((await files.importFile(systemActor(tenantId), { apply: false, content })).valid).toBe(true);
    const lateContent = fileWith(
      [{ reference: bills[0]!.paymentReference, amount: bills[0]!.options[0]!.total }],
      '2026-04-14',
    );
    const report = await late.importFile(systemActor(tenantId), { apply: true, content: lateContent });
    expect(report.errors).toEqual([expect.objectContaining({ line: 3, code: 'PAID_AFTER_DUE_DATE' })]);
  });

  it('rejects a truncated record and a file whose control total is wrong', async () => {
    const { files } = services();
    const good = fileWith([{ reference: bills[0]!.paymentReference, amount: bills[0]!.options[0]!.total }]);
    const lines = good.split('\r\n');
    const truncated = [...lines.slice(0, 2), lines[2]!.slice(0, 60), ...lines.slice(3)].join('\r\n');
    const report = await files.importFile(systemActor(tenantId), { apply: true, content: truncated });
    expect(report.valid).toBe(false);
    expect(report.errors).toEqual(
      expect.arrayContaining([expect.objectContaining({ line: 3, code: 'RECORD_TRUNCATED' })]),
    );

    const amount = bills[0]!.options[0]!.total;
    const cents = (value: number) => String(value * 100).padStart(14, '0');
    expect(lines[2]).toContain(cents(amount));
    const tampered = [
      ...lines.slice(0, 2),
      lines[2]!.replace(cents(amount), cents(amount + 1000)),
      ...lines.slice(3),
    ];
    const badTotal = await files.importFile(systemActor(tenantId), {
      apply: true,
      content: tampered.join('\r\n'),
    });
    expect(badTotal.valid).toBe(false);
    expect(badTotal.errors.map((error) => error.code)).toEqual(
      expect.arrayContaining(['LOT_TOTAL_MISMATCH', 'FILE_TOTAL_MISMATCH']),
    );
    expect(await database.db.select().from(payment)).toHaveLength(0);
  });
});

import { beforeEach, describe, expect, it } from 'vitest';
import {
  createTestTenant,
  getTestDatabase,
  resetDatabase,
  testDatabaseKind,
} from '../../test/test-database.ts';
import { nextIdentifier } from './identifiers.service.ts';

describe('gap-free consecutive identifiers', () => {
  let tenantId: string;
  beforeEach(async () => {
    const database = await getTestDatabase();
    await resetDatabase(database);
    tenantId = (await createTestTenant(database)).id;
  });

  it('formats radicados per tenant, series and year', async () => {
    const { db } = await getTestDatabase();
    const first = await nextIdentifier(db, { tenantId, series: 'PQRSD', year: 2026 });
    const second = await nextIdentifier(db, { tenantId, series: 'PQRSD', year: 2026 });
    const otherYear = await nextIdentifier(db, { tenantId, series: 'PQRSD', year: 2027 });
    expect([first.formatted, second.formatted, otherYear.formatted]).toEqual([
      '2026-PQRSD-000001',
      '2026-PQRSD-000002',
      '2027-PQRSD-000001',
    ]);
  });

  it(`hands out 1..N with no gap and no repeat when ${testDatabaseKind()} transactions race, even with rollbacks`, async () => {
    const { db } = await getTestDatabase();
    const attempts = 30;
    const results = await Promise.allSettled(
      Array.from({ length: attempts }, (_, index) =>
        db.transaction(async (tx) => {
          const id = await nextIdentifier(tx, { tenantId, series: 'RAD', year: 2026 });
          // Some requests fail after taking a number: their number must go back.
          if (index % 5 === 0) throw new Error('fallo simulado después de numerar');
          return id.value;
        }),
      ),
    );
    const values = results
      .filter((r): r is PromiseFulfilledResult<number> => r.status === 'fulfilled')
      .map((r) => r.value)
      .sort((a, b) => a - b);
    expect(values).toEqual(Array.from({ length: attempts - attempts / 5 }, (_, i) => i + 1));
  });

  it('refuses malformed series', async () => {
    const { db } = await getTestDatabase();
    await expect(nextIdentifier(db, { tenantId, series: 'pqr sd', year: 2026 })).rejects.toThrow(
      /Serie inválida/,
    );
  });
});

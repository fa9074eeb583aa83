import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobContext, JobOutcome, JobService } from '../../platform/jobs/index.ts';
import { createTestApp, type TestApp } from '../../test/test-app.ts';
import { bill } from './billing.schema.ts';
import { type MassReceiptsData, registerMassReceiptsJob } from './mass-receipts.job.ts';
import { liquidatedPredios } from './testing/predio-fixtures.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

describe('mass receipts of a vigencia', () => {
  it('bills every predio that owes, zips the receipts with a manifest, and a rerun issues nothing new', async () => {
    await t.reset();
    await liquidatedPredios(
      t.platform.ctx.database,
      t.tenantId,
      Array.from({ length: 5 }, (_, index) => ({
        n: index + 1,
        avaluos: { 2026: 100_000_000 + index * 10_000_000 },
      })),
    );
    let handler: ((job: JobContext<MassReceiptsData>) => Promise<JobOutcome | undefined>) | undefined;
    const jobs = { register: (_queue: string, h: typeof handler) => (handler = h) } as unknown as JobService;
    registerMassReceiptsJob({ ...t.platform.ctx, jobs }, t.modules.taxes);
    const progress: number[] = [];
    const job = {
      id: 'j',
      tenantId: t.tenantId,
      data: { vigencia: 2026, userId: null },
      progress: async (done: number) => {
        progress.push(done);
      },
    };
    const outcome = (await handler!(job))!;
    expect(outcome.result).toMatchObject({ bills: 5, skipped: 0 });
    expect(progress.at(-1)).toBe(5);
    const [zipId] = (outcome.result as { zipFileIds: string[] }).zipFileIds;
    const zipRecord = await t.platform.ctx.files.findRecord(t.tenantId, zipId!);
    const entries = unzipSync(new Uint8Array(await t.platform.ctx.files.read(zipRecord!)));
    const names = Object.keys(entries);
    expect(names).toHaveLength(5);
    for (const name of names) expect(Buffer.from(entries[name]!.subarray(0, 5)).toString()).toBe('%PDF-');
    const manifest = await t.platform.ctx.files.read(
      (await t.platform.ctx.files.findRecord(t.tenantId, outcome.resultFileId!))!,
    );
    expect(manifest.toString('utf8').trim().split('\r\n')).toHaveLength(6);

    const billsBefore = (await t.platform.ctx.db.select().from(bill)).length;
    await handler!(job);
    expect((await t.platform.ctx.db.select().from(bill)).length).toBe(billsBefore);
  });
});

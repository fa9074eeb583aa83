import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../platform/bootstrap/demo-seed.ts';
import { readTenantFile } from '../../platform/bootstrap/tenant-config.ts';
import { workflowCase } from '../../platform/workflow/workflow.schema.ts';
import { createTestApp, type TestApp } from '../../test/test-app.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

describe('demo PQRSD', () => {
  it('leaves answered, late, transferred, waiting and open requests for the inbox and the reports', async () => {
    await t.reset();
    const tenant = await t.platform.ctx.tenants.getById(t.tenantId);
    await seedDemo(t.platform, tenant, readTenantFile(tenant.divipola), 2);
    const filed = await t.modules.requests.seedDemo(tenant);
    expect(filed).toBe(48);
    const cases = await t.platform.ctx.db.select().from(workflowCase);
    const states = new Set(cases.map((kase) => kase.state));
    for (const state of ['respondida', 'trasladada', 'esperando_informacion', 'radicada'])
      expect(states).toContain(state);
    const today = new Date().toISOString().slice(0, 10);
    const report = await t.modules.requests.reports.summary(t.tenantId, '2020-01-01', today);
    expect(report.received).toBe(48);
    expect(report.answeredOnTime).toBeGreaterThan(0);
    expect(report.answeredLate).toBeGreaterThan(0);
    expect(report.monthly.length).toBeGreaterThan(3);
  });
});

import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../test/test-app.ts';
import { rateLimitBucket } from './http/rate-limit.schema.ts';
import { userSession } from './identity/identity.schema.ts';
import { runMaintenance } from './maintenance.job.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());
beforeEach(async () => t.reset());

describe('maintenance', () => {
  it('removes expired sessions and stale rate-limit counters, and keeps live ones', async () => {
    const live = await t.loginAs('citizen');
    const stale = await t.loginAs('citizen');
    await t.platform.ctx.db
      .update(userSession)
      .set({ expiresAt: new Date(Date.now() - 60_000) })
      .where(eq(userSession.userId, stale.userId!));
    await t.platform.ctx.db.insert(rateLimitBucket).values([
      { key: 'viejo', hits: 3, resetAt: new Date(Date.now() - 3_600_000) },
      { key: 'vigente', hits: 3, resetAt: new Date(Date.now() + 60_000) },
    ]);

    const removed = await runMaintenance(t.platform.ctx);
    expect(removed).toMatchObject({ sessions: 1, buckets: 1 });
    expect((await live.get('/api/v1/auth/me')).statusCode).toBe(200);
    expect((await stale.get('/api/v1/auth/me')).statusCode).toBe(401);
    const keys = (await t.platform.ctx.db.select().from(rateLimitBucket)).map((row) => row.key);
    expect(keys).toContain('vigente');
    expect(keys).not.toContain('viejo');
  });
});

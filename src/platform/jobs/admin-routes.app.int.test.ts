import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/test-app.ts';

// The same routes through the whole program (sessions, roles from the catalogue), as the lead's test app builds it.
describe('admin jobs and outbox routes in the full app', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await createTestApp();
  });
  afterAll(async () => {
    await testApp.close();
  });
  beforeEach(async () => {
    await testApp.reset();
  });

  it('an official without the permissions gets 403', async () => {
    const official = await testApp.loginAs(['funcionario']);
    expect((await official.get('/api/v1/admin/jobs')).statusCode).toBe(403);
    expect((await official.get('/api/v1/admin/outbox')).statusCode).toBe(403);
    const citizen = await testApp.loginAs('citizen');
    expect((await citizen.get('/api/v1/admin/jobs')).statusCode).toBe(403);
  });

  it('an administrator sees the jobs and the outbox (with the sign-up e-mail of a citizen)', async () => {
    await testApp.createCitizen({ email: 'ciudadana.outbox@correo.test' });
    const admin = await testApp.loginAs(['admin']);
    const jobs = await admin.get('/api/v1/admin/jobs');
    expect(jobs.statusCode).toBe(200);
    expect(jobs.json()).toMatchObject({ items: [], total: 0 });
    const outbox = await admin.get('/api/v1/admin/outbox?channel=email');
    expect(outbox.statusCode).toBe(200);
    const verification = outbox
      .json()
      .items.find((item: { recipient: string }) => item.recipient === 'ciudadana.outbox@correo.test');
    expect(verification).toMatchObject({ template: 'verify_email', status: 'pendiente', channel: 'email' });
  });
});

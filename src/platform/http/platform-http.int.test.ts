import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/test-app.ts';
import { testDatabaseKind } from '../../test/test-database.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

describe('HTTP platform', () => {
  it('reports liveness and readiness with the database engine', async () => {
    expect((await t.anonymous.get('/health/live')).json()).toEqual({ status: 'ok' });
    expect((await t.anonymous.get('/health/ready')).json()).toEqual({
      status: 'ok',
      database: testDatabaseKind(),
    });
  });

  it('publishes the OpenAPI document and its browsable UI', async () => {
    const spec = (await t.anonymous.get('/api/openapi.json')).json();
    expect(spec.openapi).toMatch(/^3\./);
    expect(Object.keys(spec.paths)).toEqual(
      expect.arrayContaining(['/api/v1/auth/signup', '/api/v1/admin/audit']),
    );
    expect(
      spec.paths['/api/v1/auth/signup'].post.requestBody.content['application/json'].schema.properties,
    ).toHaveProperty('documentType');
    const ui = await t.anonymous.get('/api/docs/');
    expect(ui.statusCode).toBe(200);
    expect(ui.headers['content-type']).toMatch(/text\/html/);
  });

  it('exposes Prometheus metrics', async () => {
    await t.anonymous.get('/health/live');
    const metrics = await t.anonymous.get('/metrics');
    expect(metrics.headers['content-type']).toMatch(/text\/plain/);
    expect(metrics.body).toContain('http_request_duration_seconds_bucket');
    expect(metrics.body).toContain('process_resident_memory_bytes');
  });

  it('sends security headers, a Content-Security-Policy and a request id', async () => {
    const response = await t.anonymous.get('/api/v1/tenant');
    expect(response.headers['content-security-policy']).toContain("default-src 'self'");
    expect(response.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers unknown API paths with a Spanish problem', async () => {
    const response = await t.anonymous.get('/api/v1/no-existe');
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(response.json()).toMatchObject({ code: 'NOT_FOUND', title: 'No encontrado' });
  });

  it('describes the municipality from its configuration file', async () => {
    const tenant = (await t.anonymous.get('/api/v1/tenant')).json();
    expect(tenant).toMatchObject({
      divipola: '68001',
      name: 'Bucaramanga',
      entityName: 'Alcaldía de Bucaramanga',
      demo: false,
    });
    expect(tenant.contact.address).toMatch(/Calle 35/);
    expect(tenant).not.toHaveProperty('demoAccounts');
  });

  it('lists only trámites that exist', async () => {
    const items = (await t.anonymous.get('/api/v1/tramites')).json().items as { path: string }[];
    expect(items.map((item) => item.path)).toEqual(expect.arrayContaining(['/registro', '/verificar']));
  });

  it('computes business days through the API, and refuses a bad date in Spanish', async () => {
    expect((await t.anonymous.get('/api/v1/calendar/business-days?from=2026-07-08&days=3')).json()).toEqual({
      date: '2026-07-14',
    });
    const bad = await t.anonymous.get('/api/v1/calendar/business-days?from=2026-02-30&days=3');
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ field: 'from' });
  });

  it('rate-limits the login', async () => {
    const limited = await createTestApp({ RATE_LIMIT_AUTH_PER_MINUTE: '3' });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) {
        const response = await limited.anonymous.post('/api/v1/auth/login', {
          login: 'x@correo.test',
          password: 'y-123456789',
        });
        statuses.push(response.statusCode);
      }
      expect(statuses).toEqual([401, 401, 401, 429, 429]);
    } finally {
      await limited.close();
      await t.reset();
    }
  });
});

import { count } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/test-app.ts';
import { appUser } from './identity.schema.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

async function users(): Promise<number> {
  const [row] = await t.platform.ctx.db.select({ total: count() }).from(appUser);
  return row!.total;
}

const nearlyValidSignup = fc.record(
  {
    documentType: fc.oneof(fc.constantFrom('CC', 'CE', 'TI', 'PPT', 'PEP', 'PA', 'NIT', 'XX'), fc.anything()),
    documentNumber: fc.oneof(fc.string(), fc.stringMatching(/^\d{1,12}$/), fc.integer()),
    fullName: fc.oneof(fc.string({ maxLength: 200 }), fc.constant(null)),
    email: fc.oneof(fc.emailAddress(), fc.string()),
    phone: fc.oneof(fc.string(), fc.constant('3001234567')),
    password: fc.oneof(fc.string(), fc.constant('Clave-segura-12345')),
    acceptPrivacyPolicy: fc.oneof(fc.boolean(), fc.anything()),
    extra: fc.anything(),
  },
  { requiredKeys: [] },
);

describe('random bodies never cause a 5xx nor a half-written record', () => {
  it('sign-up', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(nearlyValidSignup, fc.jsonValue()), async (body) => {
        const before = await users();
        const response = await t.anonymous.post('/api/v1/auth/signup', body);
        expect(response.statusCode).toBeLessThan(500);
        expect(response.statusCode === 201 ? before + 1 : before).toBe(await users());
        if (response.statusCode >= 400) expect(response.json().detail).toEqual(expect.any(String));
      }),
      { numRuns: 150 },
    );
  });

  it('login', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.record(
            { login: fc.anything(), password: fc.anything(), totpCode: fc.anything() },
            { requiredKeys: [] },
          ),
          fc.jsonValue(),
        ),
        async (body) => {
          const before = await users();
          const response = await t.anonymous.post('/api/v1/auth/login', body);
          expect(response.statusCode).toBeGreaterThanOrEqual(400);
          expect(response.statusCode).toBeLessThan(500);
          expect(await users()).toBe(before);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('raw bytes that are not JSON', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 300 }), async (bytes) => {
        const response = await t.app.inject({
          method: 'POST',
          url: '/api/v1/auth/signup',
          headers: { 'content-type': 'application/json' },
          payload: Buffer.from(bytes),
        });
        expect(response.statusCode).toBeLessThan(500);
      }),
      { numRuns: 100 },
    );
  });
});

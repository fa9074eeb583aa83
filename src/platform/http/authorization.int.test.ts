import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, type TestSession } from '../../test/test-app.ts';

let t: TestApp;
let citizen: TestSession;
beforeAll(async () => {
  t = await createTestApp();
  citizen = await t.loginAs('citizen');
});
afterAll(async () => t.close());

const SAMPLE_ID = '00000000-0000-4000-8000-000000000000';
const concrete = (url: string) => url.replace(/:[A-Za-z]+/g, SAMPLE_ID);

describe('every protected route refuses who lacks its permission', () => {
  it('the catalogue has the routes it should guard', () => {
    const guarded = t.app.routeCatalogue.filter((route) => route.permission);
    expect(guarded.length).toBeGreaterThanOrEqual(8);
    expect(guarded.map((route) => route.permission)).toEqual(
      expect.arrayContaining(['users.read', 'users.manage', 'audit.read', 'jobs.read', 'notifications.read']),
    );
  });

  it('a citizen without the permission gets 403 and an anonymous visitor 401', async () => {
    const guarded = t.app.routeCatalogue.filter((route) => route.permission);
    for (const route of guarded) {
      const url = concrete(route.url);
      const asCitizen = await citizen.request({ method: route.method as 'GET', url, payload: {} });
      expect([route.method, route.url, asCitizen.statusCode]).toEqual([route.method, route.url, 403]);
      expect(asCitizen.json().code).toBe('FORBIDDEN');
      const asAnonymous = await t.app.inject({ method: route.method as 'GET', url, payload: {} });
      expect([route.method, route.url, asAnonymous.statusCode]).toEqual([route.method, route.url, 401]);
    }
  });

  it('routes for any signed-in person refuse anonymous visitors', async () => {
    const signedIn = t.app.routeCatalogue.filter((route) => route.auth === 'user' && !route.permission);
    expect(signedIn.length).toBeGreaterThanOrEqual(3);
    for (const route of signedIn) {
      const response = await t.app.inject({
        method: route.method as 'GET',
        url: concrete(route.url),
        payload: {},
      });
      expect([route.method, route.url, response.statusCode]).toEqual([route.method, route.url, 401]);
    }
  });
});

import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { startProgram } from '../../server.ts';
import { createTestApp, TEST_PASSWORD, testConfig } from '../../test/test-app.ts';
import { openAnotherConnection, testDatabaseKind } from '../../test/test-database.ts';

const onServer = testDatabaseKind() === 'postgres';
if (!onServer)
  console.log('multi-instance: se omite en PGlite (una sola conexión); corre con TEST_DATABASE_URL.');

describe.skipIf(!onServer)('two web instances on one PostgreSQL', () => {
  it('a user who logs in on one is logged in on the other', async () => {
    const first = await createTestApp();
    await first.createCitizen({ email: 'dos@correo.test' });
    const secondDatabase = (await openAnotherConnection())!;
    const second = await startProgram(testConfig({ PORT: '0' }), {
      role: 'web',
      database: secondDatabase,
      logger: pino({ level: 'silent' }),
      serveWeb: false,
    });
    const firstServer = await first.app.listen({ port: 0, host: '127.0.0.1' });
    try {
      const login = await fetch(`${firstServer}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ login: 'dos@correo.test', password: TEST_PASSWORD }),
      });
      expect(login.status).toBe(200);
      const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
      const me = await fetch(`${second.url!.replace('0.0.0.0', '127.0.0.1')}/api/v1/auth/me`, {
        headers: { cookie },
      });
      expect(me.status).toBe(200);
      expect(((await me.json()) as { user: { email: string } }).user.email).toBe('dos@correo.test');
    } finally {
      await second.stop();
      await secondDatabase.close();
      await first.close();
    }
  });
});

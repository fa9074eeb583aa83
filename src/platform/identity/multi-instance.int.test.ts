import pg from 'pg';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { startProgram } from '../../server.ts';
import { createTestApp, TEST_PASSWORD, testConfig } from '../../test/test-app.ts';
import { openAnotherConnection, testDatabaseKind } from '../../test/test-database.ts';
import { loadConfig } from '../config/config.ts';

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

  // Three whole programs seeding the demo city at once on a CI machine of two cores: correctness, not speed,
  // is under test, so the time limit is the whole start-up's, not an ordinary test's.
  it('three instances starting together on an empty database all come up, and seed it once', async () => {
    const server = new URL(process.env.TEST_DATABASE_URL!);
    const name = `alcaldia_test_${Date.now().toString(36)}_arranque`;
    const admin = new pg.Client({ connectionString: server.toString() });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    const url = new URL(server);
    url.pathname = `/${name}`;
    const configs = [1, 2, 3].map((i) =>
      loadConfig({
        DATABASE_URL: url.toString(),
        DEMO: 'true',
        // A few predios: the point is that three starts seed once, not how long seeding takes.
        DEMO_PREDIOS: '50',
        PORT: '0',
        LOG_LEVEL: 'silent',
        DATA_DIR: `/tmp/alcaldia-arranque-${i}`,
        ARGON2_MEMORY_KIB: '8192',
        ARGON2_ITERATIONS: '1',
      }),
    );
    const started = await Promise.allSettled(
      configs.map((config) =>
        startProgram(config, { role: 'all', logger: pino({ level: 'silent' }), serveWeb: false }),
      ),
    );
    try {
      expect(started.map((result) => (result.status === 'rejected' ? String(result.reason) : 'ok'))).toEqual([
        'ok',
        'ok',
        'ok',
      ]);
      const check = new pg.Client({ connectionString: url.toString() });
      await check.connect();
      const tenants = await check.query('select count(*)::int as n from tenant');
      const officials = await check.query(`select count(*)::int as n from app_user where kind = 'official'`);
      await check.end();
      expect(tenants.rows[0].n).toBe(1);
      // One official per dependencia, plus the demo heads of dependencia (config/tenants/68001.json).
      expect(officials.rows[0].n).toBe(15);
    } finally {
      for (const result of started) if (result.status === 'fulfilled') await result.value.stop();
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    }
  }, 120_000);
});

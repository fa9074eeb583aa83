import fs from 'node:fs';
import path from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningProgram, startProgram } from '../../server.ts';
import { testConfig } from '../../test/test-app.ts';
import { getTestDatabase, resetDatabase } from '../../test/test-database.ts';

const built = fs.existsSync(path.resolve(import.meta.dirname, '../../../web/dist/index.html'));
if (!built) console.log('web/dist no existe: ejecute npm run build:web (npm test lo hace solo).');

let program: RunningProgram;
beforeAll(async () => {
  if (!built) return;
  const database = await getTestDatabase();
  await resetDatabase(database);
  program = await startProgram(testConfig(), {
    role: 'web',
    database,
    logger: pino({ level: 'silent' }),
    serveWeb: true,
    listen: false,
  });
});
afterAll(async () => program?.stop());

describe.skipIf(!built)('the web app served by the same process', () => {
  it('answers any page address with the app shell, never cached stale', async () => {
    for (const url of ['/', '/verificar/AD-7K3M-Q9TZ-H2', '/admin/usuarios']) {
      const response = await program.app!.inject({ method: 'GET', url });
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toMatch(/text\/html/);
      expect(response.headers['cache-control']).toBe('no-cache');
      expect(response.body).toContain('<html lang="es-CO"');
    }
  });

  it('serves fingerprinted assets as immutable', async () => {
    const html = (await program.app!.inject({ method: 'GET', url: '/' })).body;
    const asset = /src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(asset).toBeDefined();
    const response = await program.app!.inject({ method: 'GET', url: asset! });
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('keeps API misses as problems, not the app shell', async () => {
    const response = await program.app!.inject({ method: 'GET', url: '/api/v1/nada' });
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toMatch(/problem\+json/);
  });
});

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Platform } from '../../platform/platform.ts';
import { createTestApp, type TestApp } from '../../test/test-app.ts';
import { registerTerritoryCommands } from './territory.cli.ts';
import { seedDemoTerritory } from './territory.seed.ts';

let t: TestApp;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'territorio-cli-'));

beforeAll(async () => {
  t = await createTestApp();
  await seedDemoTerritory(t.modules.territory.territory, t.tenantId);
});
afterAll(async () => {
  await t.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Runs one command on the test platform; returns the JSON lines it printed, in order. */
async function run(command: string, content: string): Promise<Record<string, unknown>[]> {
  const file = path.join(dir, `${command.replace(':', '-')}-${Math.random().toString(16).slice(2)}.csv`);
  fs.writeFileSync(file, content);
  const rows: Record<string, unknown>[] = [];
  const program = new Command('alcaldia').exitOverride();
  const withPlatform = <T>(work: (platform: Platform) => Promise<T>) => work(t.platform);
  registerTerritoryCommands(
    program,
    () => {},
    withPlatform,
    (value) => rows.push(value as Record<string, unknown>),
  );
  await program.parseAsync(['node', 'cli', command, file]);
  return rows;
}

describe('territory:locate', () => {
  it('prints one object per row, in order, with the names as the layers spell them', async () => {
    const rows = await run('territory:locate', 'lat,lon\n7.1190,-73.1227\n7.0640,-73.0900\nabc,-73\n0,0\n');
    expect(rows).toEqual([
      { lat: 7.119, lon: -73.1227, municipio: 'Bucaramanga', comuna: 'Centro', barrio: 'Centro' },
      { lat: 7.064, lon: -73.09, municipio: 'Floridablanca', comuna: null, barrio: null },
      expect.objectContaining({
        municipio: null,
        comuna: null,
        barrio: null,
        error: expect.stringContaining('línea 4'),
      }),
      { lat: 0, lon: 0, municipio: null, comuna: null, barrio: null },
    ]);
  });
});

describe('address:geocode', () => {
  it('prints the issue’s fields for every row, bad rows included', async () => {
    const rows = await run(
      'address:geocode',
      'direccion;barrio\nCalle 56 & Diag. 14A, barrio La Victoria;\n😀;\nCra 27 # 36-14;San Alonso\n',
    );
    expect(rows).toHaveLength(3);
    expect(Object.keys(rows[0]!)).toEqual([
      'input',
      'canonical',
      'status',
      'precision',
      'lat',
      'lon',
      'municipio',
      'comuna',
      'barrio',
    ]);
    expect(rows[0]).toMatchObject({
      canonical: 'CL 56 DG 14A',
      status: 'interseccion',
      precision: 'barrio',
      barrio: 'La Victoria',
    });
    expect(rows[1]).toMatchObject({
      input: '😀',
      status: 'no_es_direccion',
      precision: 'ninguna',
      lat: null,
    });
    expect(rows[2]).toMatchObject({ precision: 'barrio', barrio: 'San Alonso', municipio: 'Bucaramanga' });
  });
});

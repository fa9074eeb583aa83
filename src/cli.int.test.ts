import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '..');

/** The CLI as an operator runs it (no database needed for the calendar). */
describe('npm run cli', () => {
  it('prints the n-th business day after a date as JSON', { timeout: 60_000 }, async () => {
    const { stdout } = await run(
      'npx',
      ['tsx', 'src/cli.ts', '--json', 'calendar:add-business-days', '2026-07-08', '3'],
      {
        cwd: root,
      },
    );
    expect(JSON.parse(stdout.trim())).toEqual({ date: '2026-07-14' });
  });

  it('explains a bad date in Spanish and exits non-zero', { timeout: 60_000 }, async () => {
    await expect(
      run('npx', ['tsx', 'src/cli.ts', '--json', 'calendar:add-business-days', '2026-02-30', '3'], {
        cwd: root,
      }),
    ).rejects.toMatchObject({ code: 1 });
  });

  it('imports a cadastral roll into the registry, and refuses the same file twice', {
    timeout: 120_000,
  }, async () => {
    const env = {
      ...process.env,
      DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'alcaldia-cli-')),
      DEMO: 'false',
    };
    const roll = 'src/modules/taxes/cadastre/testdata/ejemplo-roll.csv';
    const { stdout } = await run('npx', ['tsx', 'src/cli.ts', '--json', 'cadastre:import', roll], {
      cwd: root,
      env,
    });
    expect(JSON.parse(stdout.trim())).toMatchObject({
      estado: 'aplicada',
      formato: 'csv',
      nuevos: 3,
      errores: 0,
    });
    await expect(
      run('npx', ['tsx', 'src/cli.ts', '--json', 'cadastre:import', roll], { cwd: root, env }),
    ).rejects.toMatchObject({ code: 1, stdout: expect.stringContaining('ya fue aplicado') });
  });
});

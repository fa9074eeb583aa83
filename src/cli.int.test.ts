import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '..');

/** The CLI as an operator runs it (no database needed for the calendar). */
describe('npm run cli', () => {
  it('prints the n-th business day after a date as JSON', async () => {
    const { stdout } = await run(
      'npx',
      ['tsx', 'src/cli.ts', '--json', 'calendar:add-business-days', '2026-07-08', '3'],
      {
        cwd: root,
      },
    );
    expect(JSON.parse(stdout.trim())).toEqual({ date: '2026-07-14' });
  });

  it('explains a bad date in Spanish and exits non-zero', async () => {
    await expect(
      run('npx', ['tsx', 'src/cli.ts', '--json', 'calendar:add-business-days', '2026-02-30', '3'], {
        cwd: root,
      }),
    ).rejects.toMatchObject({ code: 1 });
  });
});

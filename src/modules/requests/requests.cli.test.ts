import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { registerRequestsCommands } from './requests.cli.ts';

async function run(...args: string[]) {
  const printed: unknown[] = [];
  const program = new Command('alcaldia').exitOverride();
  registerRequestsCommands(program, (value) => printed.push(value));
  await program.parseAsync(['node', 'cli', ...args]);
  return printed[0];
}

describe('pqrsd:due-date', () => {
  it('prints the regime, term and dates of the issue’s contract', async () => {
    expect(await run('pqrsd:due-date', '--type', 'peticion', '--filed', '2026-07-10T16:59:59-05:00')).toEqual(
      {
        regime: 'ley-1755-2015',
        termDays: 15,
        filedOn: '2026-07-10',
        startsOn: '2026-07-14',
        dueDate: '2026-08-04',
      },
    );
    // At 17:00 the office is closed; Monday 13 July 2026 is a holiday (Ley 2578 de 2026).
    expect(
      await run('pqrsd:due-date', '--type', 'peticion', '--filed', '2026-07-10T22:00:00Z'),
    ).toMatchObject({
      filedOn: '2026-07-14',
      startsOn: '2026-07-15',
      dueDate: '2026-08-05',
    });
    expect(
      await run('pqrsd:due-date', '--type', 'documentos', '--filed', '2020-04-15T10:00:00-05:00'),
    ).toMatchObject({
      regime: 'decreto-491-2020',
      termDays: 20,
    });
  });

  it('refuses an unknown type or a timestamp without its zone, naming the option', async () => {
    await expect(
      run('pqrsd:due-date', '--type', 'otro', '--filed', '2026-07-10T10:00:00-05:00'),
    ).rejects.toMatchObject({
      field: 'type',
    });
    await expect(run('pqrsd:due-date', '--type', 'queja', '--filed', '2026-07-10')).rejects.toMatchObject({
      field: 'filed',
    });
  });
});

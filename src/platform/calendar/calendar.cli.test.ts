import { Command, CommanderError } from 'commander';
import { describe, expect, it } from 'vitest';
import { registerCalendarCommands } from './calendar.cli.ts';

async function run(...args: string[]) {
  const printed: { value: unknown; text: string }[] = [];
  const errors: string[] = [];
  const program = new Command()
    .exitOverride()
    .configureOutput({ writeErr: (message) => errors.push(message), writeOut: () => {} });
  registerCalendarCommands(program, (value, text) => printed.push({ value, text }));
  let failure: unknown;
  try {
    await program.parseAsync(args, { from: 'user' });
  } catch (error) {
    failure = error;
  }
  return { printed, errors: errors.join(''), failure };
}

describe('calendar CLI', () => {
  it('calendar:add-business-days prints { date }', async () => {
    const { printed, failure } = await run('calendar:add-business-days', '2026-07-08', '3');
    expect(failure).toBeUndefined();
    expect(printed).toEqual([{ value: { date: '2026-07-14' }, text: '2026-07-14' }]);
  });

  it('accepts a negative count', async () => {
    const { printed } = await run('calendar:add-business-days', '2026-07-14', '-1');
    expect(printed).toEqual([{ value: { date: '2026-07-10' }, text: '2026-07-10' }]);
  });

  it('calendar:holidays prints the year and its holidays', async () => {
    const { printed } = await run('calendar:holidays', '2026');
    expect(printed).toHaveLength(1);
    const [{ value, text }] = printed as [{ value: { year: number; holidays: unknown[] }; text: string }];
    expect(value.year).toBe(2026);
    expect(value.holidays).toHaveLength(19);
    expect(text.split('\n')).toContain('2026-07-13  Nuestra Señora del Rosario de Chiquinquirá');
  });

  it.each([
    [['calendar:add-business-days', '2026-02-30', '3'], /^Fecha inválida: "2026-02-30"/],
    [
      ['calendar:add-business-days', '2026-07-08', 'tres'],
      /^El número de días hábiles debe ser un número entero/,
    ],
    [
      ['calendar:add-business-days', '2026-07-08', '1.5'],
      /^El número de días hábiles debe ser un número entero/,
    ],
    [['calendar:holidays', '26'], /^El año debe tener cuatro cifras/],
    [['calendar:holidays', '1950'], /^Año fuera del calendario soportado: 1950/],
  ])('rejects %j with a Spanish message and no output', async (args, message) => {
    const { printed, errors, failure } = await run(...args);
    expect(printed).toEqual([]);
    expect(failure).toBeInstanceOf(CommanderError);
    expect((failure as CommanderError).exitCode).toBe(1);
    expect(errors).toMatch(message);
  });
});

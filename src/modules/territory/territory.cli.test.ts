import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { registerTerritoryCommands } from './territory.cli.ts';

async function run(...args: string[]) {
  const printed: unknown[] = [];
  const program = new Command('alcaldia').exitOverride();
  registerTerritoryCommands(program, (value) => printed.push(value));
  await program.parseAsync(['node', 'cli', ...args]);
  return printed[0];
}

describe('address:parse', () => {
  it('prints the issue’s contract: input, canonical, status, components, complement', async () => {
    expect(await run('address:parse', 'Cl 35 No 10-43 Apto 502 Torre 2')).toEqual({
      input: 'Cl 35 No 10-43 Apto 502 Torre 2',
      canonical: 'CL 35 10 43',
      status: 'completa',
      components: {
        via: { type: 'CL', number: 35, letter: null, bis: false, bisLetter: null, quadrant: null },
        cross: { type: null, number: 10, letter: null, bis: false, bisLetter: null, quadrant: null },
        placa: 43,
        placaQuadrant: null,
        barrio: null,
      },
      complement: 'AP 502 TO 2',
    });
  });

  it('answers an honest status for text that is not an address', async () => {
    expect(await run('address:parse', 'hola mundo')).toMatchObject({
      canonical: null,
      status: 'no_es_direccion',
    });
  });
});

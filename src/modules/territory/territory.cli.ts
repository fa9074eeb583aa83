import type { Command } from 'commander';
import { parseAddress } from './address/address-parser.ts';

type Print = (value: unknown, text: string) => void;

/** Console commands of the territory module. */
export function registerTerritoryCommands(program: Command, print: Print): void {
  program
    .command('address:parse')
    .description('Analiza una dirección colombiana: componentes, forma canónica y estado')
    .argument('<direccion>', 'la dirección tal como la escribió una persona, entre comillas')
    .action((text: string) => {
      const parsed = parseAddress(text);
      print(
        {
          input: parsed.input,
          canonical: parsed.canonical,
          status: parsed.status,
          components: parsed.components,
          complement: parsed.complement,
        },
        `${parsed.canonical ?? '(sin forma canónica)'} — ${parsed.status}${parsed.complement ? ` — complemento: ${parsed.complement}` : ''}`,
      );
    });
}

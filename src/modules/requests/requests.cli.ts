import type { Command } from 'commander';
import { PQRSD_TYPES, parsePqrsdType, pqrsdDueDate, readPqrsdTerms } from './terms/index.ts';

type Print = (value: unknown, text: string) => void;

/** Console commands of the requests module (PQRSD). */
export function registerRequestsCommands(program: Command, print: Print): void {
  program
    .command('pqrsd:due-date')
    .description('Fecha de vencimiento legal de una PQRSD según su tipo y el momento de radicación')
    .requiredOption('--type <tipo>', `tipo de solicitud: ${PQRSD_TYPES.join(', ')}`)
    .requiredOption(
      '--filed <instante>',
      'momento de radicación ISO-8601 con zona, p. ej. 2026-07-10T16:30:00-05:00',
    )
    .action((options: { type: string; filed: string }) => {
      const due = pqrsdDueDate(
        { type: parsePqrsdType(options.type), filedAt: options.filed },
        readPqrsdTerms(),
      );
      print(
        {
          regime: due.regime,
          termDays: due.termDays,
          filedOn: due.filedOn,
          startsOn: due.startsOn,
          dueDate: due.dueDate,
        },
        [
          `Régimen: ${due.regimeLabel} — término de ${due.termDays} días hábiles.`,
          `Radicada el ${due.receivedOn}${due.filedOn !== due.receivedOn ? `; cuenta como radicada el ${due.filedOn}` : ''}.`,
          `El término corre desde el ${due.startsOn} y vence el ${due.dueDate}.`,
        ].join('\n'),
      );
    });
}

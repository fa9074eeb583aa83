import type { Command } from 'commander';
import { addBusinessDays, listHolidays } from './business-days.ts';
import { CalendarInputError } from './calendar-date.ts';

const INTEGER_PATTERN = /^-?\d+$/;
const YEAR_PATTERN = /^\d{4}$/;

function parseInteger(text: string, what: string): number {
  const value = Number(text);
  if (!INTEGER_PATTERN.test(text) || !Number.isSafeInteger(value)) {
    throw new CalendarInputError(`${what} debe ser un número entero (recibido: "${text}").`);
  }
  return value;
}

function parseYear(text: string): number {
  if (!YEAR_PATTERN.test(text)) {
    throw new CalendarInputError(`El año debe tener cuatro cifras, por ejemplo 2026 (recibido: "${text}").`);
  }
  return Number(text);
}

/** Reports invalid input through commander (Spanish message, exit code 1) instead of a stack trace. */
function reportingInputErrors(command: Command, action: () => void): void {
  try {
    action();
  } catch (error) {
    if (error instanceof CalendarInputError) command.error(error.message);
    throw error;
  }
}

export function registerCalendarCommands(
  program: Command,
  print: (value: unknown, text: string) => void,
): void {
  program
    .command('calendar:add-business-days')
    .description('Fecha que resulta de contar N días hábiles (lunes a viernes no festivos) desde una fecha')
    .argument('<date>', 'fecha inicial, AAAA-MM-DD (no se cuenta)')
    .argument(
      '<n>',
      'número de días hábiles; 0 = la misma fecha o el siguiente día hábil; negativo cuenta hacia atrás',
    )
    .action((date: string, n: string, _options: unknown, command: Command) =>
      reportingInputErrors(command, () => {
        const result = addBusinessDays(date, parseInteger(n, 'El número de días hábiles'));
        print({ date: result }, result);
      }),
    );

  program
    .command('calendar:holidays')
    .description('Festivos nacionales de Colombia de un año')
    .argument('<year>', 'año, AAAA')
    .action((year: string, _options: unknown, command: Command) =>
      reportingInputErrors(command, () => {
        const holidays = listHolidays(parseYear(year));
        const text = holidays.map((h) => `${h.date}  ${h.name}`).join('\n');
        print({ year: Number(year), holidays }, text);
      }),
    );
}

import { z } from 'zod';

// Control characters other than tab and line breaks have no place in what a person types.
// biome-ignore lint/suspicious/noControlCharactersInRegex: the point is to detect them.
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

/** A trimmed single-line text field with a length limit and no control characters. */
export function text(options: { min?: number; max: number; label: string }) {
  return z
    .string({ error: `${options.label}: debe ser texto.` })
    .trim()
    .refine((value) => !CONTROL_CHARACTERS.test(value) && !/[\r\n]/.test(value), {
      message: `${options.label}: contiene caracteres no permitidos.`,
    })
    .pipe(
      z
        .string()
        .min(options.min ?? 1, `${options.label}: es obligatorio.`)
        .max(options.max, `${options.label}: admite como máximo ${options.max} caracteres.`),
    );
}

/** Multi-line text (line breaks allowed). */
export function longText(options: { min?: number; max: number; label: string }) {
  return z
    .string({ error: `${options.label}: debe ser texto.` })
    .trim()
    .refine((value) => !CONTROL_CHARACTERS.test(value), {
      message: `${options.label}: contiene caracteres no permitidos.`,
    })
    .pipe(
      z
        .string()
        .min(options.min ?? 1, `${options.label}: es obligatorio.`)
        .max(options.max, `${options.label}: admite como máximo ${options.max} caracteres.`),
    );
}

export const emailField = z
  .string({ error: 'Correo electrónico: debe ser texto.' })
  .trim()
  .toLowerCase()
  .max(254, 'Correo electrónico: admite como máximo 254 caracteres.')
  .pipe(z.email({ error: 'Correo electrónico: no tiene un formato válido.' }));

export const uuidParam = z.uuid({ error: 'El identificador no es válido.' });

export const pageQuery = {
  page: z.coerce.number().int().min(1, 'page: debe ser 1 o más.').max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100, 'pageSize: como máximo 100.').default(20),
};

/** A `YYYY-MM-DD` calendar date. */
export const calendarDate = (label: string) =>
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, `${label}: use el formato AAAA-MM-DD.`)
    .refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)), `${label}: no es una fecha válida.`);

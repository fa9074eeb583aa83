// Picks the reader for a roll (cadastre-and-registries.md §2.4: "pick the reader from the line length
// (312/330), the delimiter and the header row") so an official can upload a file without naming its form.
import { type AmbOpenDataReadOptions, readAmbOpenData } from './amb-open-data.reader.ts';
import { decodeRollContent, type RollContent, splitLines } from './cadastral-fields.rules.ts';
import type { CadastralReadResult, FormatoCatastral } from './cadastral-record.ts';
import { readCadastralCsv } from './csv.reader.ts';
import { R1_LAYOUT, R2_LAYOUT, readR1R2 } from './r1r2.reader.ts';

/** The form of a roll's content, or null when none fits. */
export function detectCadastralForm(content: RollContent): FormatoCatastral | null {
  const text = decodeRollContent(content);
  const trimmed = text.trimStart();
  if (trimmed.startsWith('[') || trimmed.startsWith('{')) return 'amb-open-data';
  const first = splitLines(text).find((line) => line.trim() !== '');
  if (first === undefined) return null;
  const fixedWidth = (layout: typeof R1_LAYOUT | typeof R2_LAYOUT, tipo: string) =>
    first[30] === tipo && first.length >= layout.minimumLength && first.length <= layout.length;
  if (/^[\d ]{30}/.test(first) && (fixedWidth(R1_LAYOUT, '1') || fixedWidth(R2_LAYOUT, '2'))) return 'r1r2';
  const header = first.toLowerCase();
  if (header.includes('numero_predial_nacional') || header.includes('numero_predial_anterior')) return 'csv';
  if (header.includes('numero_del_predio') || header.includes('numero_predial')) return 'amb-open-data';
  return null;
}

export interface CadastralRollReadOptions extends AmbOpenDataReadOptions {
  /** Skip detection when the official chose the form. */
  formato?: FormatoCatastral;
}

/** Reads a roll in any known form; when the form cannot be told, one problem says so. */
export function readCadastralRoll(
  content: RollContent,
  options: CadastralRollReadOptions = {},
): CadastralReadResult & { formato: FormatoCatastral | null } {
  const formato = options.formato ?? detectCadastralForm(content);
  const { formato: _chosen, ...readOptions } = options;
  switch (formato) {
    case 'r1r2':
      return { formato, ...readR1R2(content, readOptions) };
    case 'amb-open-data':
      return { formato, ...readAmbOpenData(content, readOptions) };
    case 'csv': {
      const { r2: _r2, ...csvOptions } = readOptions;
      return { formato, ...readCadastralCsv(content, csvOptions) };
    }
    default:
      return {
        formato: null,
        records: [],
        problems: [
          {
            line: 0,
            code: 'FORM_UNKNOWN',
            detail:
              'No se reconoce la forma del padrón: se esperan líneas R1/R2 de ancho fijo (312/330 caracteres), JSON o CSV de datos abiertos del AMB, o el CSV documentado de la plataforma.',
            severity: 'error',
          },
        ],
      };
  }
}

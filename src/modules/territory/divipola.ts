import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseCsv } from '../../platform/csv/csv-parse.ts';

/** DANE's municipalities (assets/territory/SOURCE.md): the codes a `municipio` may take, and their names. */
const FILE = fileURLToPath(new URL('../../../assets/territory/divipola-municipios.csv', import.meta.url));

export interface DivipolaMunicipio {
  code: string;
  name: string;
  departamento: string;
}

const SMALL_WORDS = new Set(['de', 'del', 'la', 'las', 'los', 'el', 'y', 'e']);

/** «SAN JOSÉ DE CÚCUTA» → «San José de Cúcuta». */
export function titleCase(text: string): string {
  return text
    .toLocaleLowerCase('es-CO')
    .split(/(\s+|-|\.)/)
    .map((word, index) =>
      index > 0 && SMALL_WORDS.has(word) ? word : word.charAt(0).toLocaleUpperCase('es-CO') + word.slice(1),
    )
    .join('');
}

let cached: Map<string, DivipolaMunicipio> | undefined;

export function divipolaMunicipios(): ReadonlyMap<string, DivipolaMunicipio> {
  if (cached) return cached;
  const parsed = parseCsv(fs.readFileSync(FILE, 'utf8').replace(/^\uFEFF/, ''));
  if (!parsed.ok) throw new Error(`${FILE}: línea ${parsed.line}: ${parsed.detail}`);
  cached = new Map(
    parsed.rows.slice(1).map(({ cells }) => [
      cells[1]!.trim(),
      {
        code: cells[1]!.trim(),
        name: titleCase(cells[3]!.trim()),
        departamento: titleCase(cells[2]!.trim()),
      },
    ]),
  );
  return cached;
}

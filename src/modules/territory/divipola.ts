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

function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, ' ')
    .trim();
}

interface NameIndex {
  municipios: Map<string, DivipolaMunicipio[]>;
  departamentos: Set<string>;
}

let names: NameIndex | undefined;

function nameIndex(): NameIndex {
  if (names) return names;
  const municipios = new Map<string, DivipolaMunicipio[]>();
  const departamentos = new Set<string>();
  for (const municipio of divipolaMunicipios().values()) {
    // «Bogotá. D.c.» is written «Bogotá»: the part before a full stop names it too.
    for (const name of new Set([fold(municipio.name), fold(municipio.name.split('.')[0]!)])) {
      municipios.set(name, [...(municipios.get(name) ?? []), municipio]);
    }
    departamentos.add(fold(municipio.departamento));
  }
  names = { municipios, departamentos };
  return names;
}

/**
 * The municipality a person wrote after the address («…, Medellín», «… Lebrija Santander»), read from the
 * end of the text the parser left as complement: an optional «Colombia» and department, then one to four
 * words that are exactly a municipality's name. With a name found in several departments, the one written
 * wins, else the one in `preferDepartamento`, else none (ambiguous).
 */
export function municipioNamedIn(text: string | null, preferDepartamento: string): DivipolaMunicipio | null {
  if (!text) return null;
  const index = nameIndex();
  let words = fold(text).split(' ').filter(Boolean);
  if (words.at(-1) === 'COLOMBIA') words = words.slice(0, -1);
  let departamento: string | null = null;
  for (let size = Math.min(4, words.length - 1); size >= 1; size -= 1) {
    const tail = words.slice(-size).join(' ');
    if (index.departamentos.has(tail)) {
      departamento = tail;
      words = words.slice(0, -size);
      break;
    }
  }
  for (let size = Math.min(4, words.length); size >= 1; size -= 1) {
    const candidates = index.municipios.get(words.slice(-size).join(' '));
    if (!candidates) continue;
    const wanted = departamento ?? fold(preferDepartamento);
    return (
      candidates.find((candidate) => fold(candidate.departamento) === wanted) ??
      (candidates.length === 1 && !departamento ? candidates[0]! : null)
    );
  }
  return null;
}

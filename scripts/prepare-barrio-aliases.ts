/**
 * Builds assets/territory/barrio-aliases.json (comuna → barrio → sector/conjunto/edificio aliases for
 * Bucaramanga, Floridablanca, Girón and Piedecuesta) from the reference data in the shared folder:
 *
 *   npx tsx scripts/prepare-barrio-aliases.ts [path-to-shared]      (default: ../shared, beside the repository)
 *
 * Reads <shared>/data/territory/amb_division_politica_barrios_oticfinder.csv (Planeación's table, from the
 * Oficina TIC's OTICFinder repository). Cleans spacing and invisible characters, gives all-lower or
 * all-upper names Spanish title case, splits the SECTOR, CONJUNTO and EDIFICIO lists into aliases, drops
 * aliases that only repeat their barrio's name, and merges rows that name one barrio twice. Prints a report.
 * Deterministic: the same input always gives the same file. assets/territory/SOURCE.md describes the result.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type {
  BarrioAliasFile,
  BarrioAliasRow,
} from '../src/modules/territory/gazetteer/barrio-aliases.rules.ts';
import { normalizePlaceName } from '../src/modules/territory/gazetteer/barrio-gazetteer.rules.ts';
import { parseCsv } from '../src/platform/csv/csv-parse.ts';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUTPUT_FILE = path.join(REPO_ROOT, 'assets', 'territory', 'barrio-aliases.json');
const SOURCE_FILE = 'data/territory/amb_division_politica_barrios_oticfinder.csv';
const SOURCE =
  'Oficina-TIC-BGA/OTICFinder, data/docs/planeacion_bucaramanga_barrios_comunas.xlsx ' +
  '(commit f52f979559fffc56cff1610c83cf8ae77462b904), sheets DIVISION_POLITICA_*, via ' +
  `shared/${SOURCE_FILE}; licence not stated`;

/** Sheet → DIVIPOLA code. Piedecuesta's sheet is empty in the source: it is written as an empty list. */
const DIVIPOLA: Record<string, string> = {
  BUCARAMANGA: '68001',
  FLORIDABLANCA: '68276',
  GIRON: '68307',
  PIEDECUESTA: '68547',
};

const CONNECTORS = new Set(['de', 'del', 'y', 'e', 'en', 'a', 'al']);
const ARTICLES = new Set(['el', 'la', 'los', 'las']);
const ROMAN_NUMERAL = /^(?=[IVX])X{0,3}(IX|IV|V?I{0,3})$/i;

/** Zero-width and non-breaking spaces out, runs of spaces collapsed. */
function clean(text: string): string {
  return text
    .replace(/[\u200b-\u200d\ufeff]/g, '')
    .replace(/[\s\u00a0]+/g, ' ')
    .trim();
}

/** "cañaveral occidental" → "Cañaveral Occidental", "ALTO DE LOS PADRES" → "Alto de los Padres"; mixed case stays. */
function displayName(text: string): string {
  const name = clean(text);
  const mixed = name !== name.toLocaleLowerCase('es') && name !== name.toLocaleUpperCase('es');
  if (mixed) return name;
  const words = name.toLocaleLowerCase('es').split(' ');
  return words
    .map((word, index) => {
      if (ROMAN_NUMERAL.test(word)) return word.toUpperCase();
      const afterConnector = index > 0 && CONNECTORS.has(words[index - 1]!);
      if (index > 0 && (CONNECTORS.has(word) || (ARTICLES.has(word) && afterConnector))) return word;
      return word.replace(
        /(^|[-(])(\p{L})/gu,
        (_, before: string, letter: string) => before + letter.toLocaleUpperCase('es'),
      );
    })
    .join(' ');
}

/** The alias file from the CSV's text, with the notes the run prints. Pure. */
export function buildBarrioAliases(csvText: string): { file: BarrioAliasFile; report: string[] } {
  const parsed = parseCsv(csvText.replace(/^\uFEFF/, ''));
  if (!parsed.ok) throw new Error(`CSV ilegible en la línea ${parsed.line}: ${parsed.detail}`);
  const [header, ...rows] = parsed.rows;
  const column = (name: string) => {
    const index = header?.cells.indexOf(name) ?? -1;
    if (index < 0) throw new Error(`Falta la columna ${name} en el CSV de barrios`);
    return index;
  };
  const at = {
    sheet: column('MUNICIPIO_HOJA'),
    comuna: column('COMUNA'),
    barrio: column('BARRIO'),
    sector: column('SECTOR'),
    conjunto: column('CONJUNTO'),
    edificio: column('EDIFICIO'),
    category: column('CATEGORIA'),
    finalName: column('NOMBRE_FINAL'),
  };
  const report = [`${rows.length} filas`];
  const municipios: Record<string, BarrioAliasRow[]> = Object.fromEntries(
    Object.values(DIVIPOLA).map((code) => [code, []]),
  );
  const byKey = new Map<string, BarrioAliasRow>();
  const notes: string[] = [];
  let selfAliases = 0;
  for (const { cells, line } of rows) {
    const cell = (index: number) => clean(cells[index] ?? '');
    const sheet = normalizePlaceName(cell(at.sheet));
    const divipola = DIVIPOLA[sheet];
    if (!divipola) {
      notes.push(`línea ${line}: hoja desconocida "${cell(at.sheet)}", omitida`);
      continue;
    }
    const sourceName = cell(at.barrio);
    if (sourceName === '') continue;
    // NOMBRE_FINAL is "<categoría> <nombre>"; where its name differs (Floridablanca's "limoncito floridablanca"
    // → "limoncito") it is the name, and the BARRIO column becomes an alias.
    const category = cell(at.category);
    const finalName = cell(at.finalName);
    const fromFinal =
      category && finalName.toLocaleUpperCase('es').startsWith(category.toLocaleUpperCase('es'))
        ? finalName.slice(category.length).trim()
        : '';
    const barrio = displayName(fromFinal || sourceName);
    const comunaText = cell(at.comuna);
    const comuna = comunaText === '' || normalizePlaceName(comunaText) === sheet ? null : comunaText;
    const candidates = [
      ...(normalizePlaceName(sourceName) !== normalizePlaceName(barrio) ? [sourceName] : []),
      ...[at.sector, at.conjunto, at.edificio].flatMap((index) => cell(index).split(',')),
    ]
      .map(clean)
      .filter(Boolean);

    const key = `${divipola} ${normalizePlaceName(barrio)}`;
    let row = byKey.get(key);
    if (row) notes.push(`línea ${line}: "${barrio}" repetido en ${divipola}; sus alias se juntan`);
    else {
      row = { barrio, comuna, aliases: [] };
      byKey.set(key, row);
      municipios[divipola]!.push(row);
    }
    const seen = new Set([normalizePlaceName(row.barrio), ...row.aliases.map(normalizePlaceName)]);
    for (const alias of candidates) {
      const aliasKey = normalizePlaceName(alias);
      if (aliasKey === normalizePlaceName(row.barrio)) selfAliases += 1;
      if (aliasKey === '' || seen.has(aliasKey)) continue;
      seen.add(aliasKey);
      row.aliases.push(alias);
    }
  }

  for (const [code, list] of Object.entries(municipios)) {
    const aliases = list.reduce((sum, row) => sum + row.aliases.length, 0);
    report.push(`${code}: ${list.length} barrios, ${aliases} alias`);
  }
  report.push(`Alias que solo repetían el nombre de su barrio: ${selfAliases} (omitidos)`);
  report.push(...notes.map((note) => `  - ${note}`));
  return { file: { source: SOURCE, municipios }, report };
}

/** The file exactly as written (so a test can compare the committed asset with a fresh build). */
export const serializeBarrioAliases = (file: BarrioAliasFile) => `${JSON.stringify(file, null, 2)}\n`;

function main(): void {
  const shared = path.resolve(process.argv[2] ?? path.join(REPO_ROOT, '..', 'shared'));
  const file = path.join(shared, SOURCE_FILE);
  const { file: output, report } = buildBarrioAliases(fs.readFileSync(file, 'utf8'));
  console.log(`Fuente: ${path.relative(shared, file)}`);
  for (const line of report) console.log(line);
  const text = serializeBarrioAliases(output);
  fs.mkdirSync(path.dirname(OUTPUT_FILE), { recursive: true });
  fs.writeFileSync(OUTPUT_FILE, text);
  console.log(`Escrito: ${path.relative(REPO_ROOT, OUTPUT_FILE)} (${Buffer.byteLength(text)} bytes)`);
}

// Run only as a script, not when a test imports the builder.
if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) main();

/**
 * Every address string in the shared reference data (`shared/data/`), to measure how much of real text the
 * parser reads: the libpostal Colombian parser cases, the OpenCage Colombian formatting cases (street line
 * built from their components), and any address column (`direccion`, `address`…) of the CSV/JSON files —
 * today the cadastral R1 rows. Reads files only; no network.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseCsv } from '../../../platform/csv/csv-parse.ts';
import { parseAddress } from './address-parser.ts';

export interface CorpusAddress {
  /** Path of the file under `data/`, with the case or column when it helps to find it again. */
  source: string;
  input: string;
}

export interface ParseShare {
  total: number;
  completa: number;
  interseccion: number;
  soloVia: number;
  rural: number;
  noEsDireccion: number;
  /** (completa + interseccion) / total; 0 when there is nothing to read. */
  shareCompleteOrIntersection: number;
}

// Column or key names that hold an address (compared without accents, in lower case).
const ADDRESS_KEY =
  /^(direccion|direccion_.+|dir|dir_res|dir_residencia|domicilio|address|addr|street_address)$/;
const foldKey = (key: string) =>
  key
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .trim()
    .toLowerCase();

/**
 * The address strings of `shared/data/`: `sharedDir` is the shared folder (holding `data/`) or the data folder
 * itself. Exact repeats of one string are kept once (the first source wins), so a copied file does not count
 * twice.
 */
export function sharedDataAddresses(sharedDir: string): CorpusAddress[] {
  const dataDir = fs.existsSync(path.join(sharedDir, 'data')) ? path.join(sharedDir, 'data') : sharedDir;
  const found: CorpusAddress[] = [];
  const relative = (file: string) => path.relative(dataDir, file).split(path.sep).join('/');
  for (const file of listFiles(dataDir)) {
    const name = relative(file);
    if (name === 'addresses/libpostal_parser_cases_co.json') found.push(...libpostalInputs(file, name));
    else if (name === 'addresses/opencage_address_formatting_co.yaml')
      found.push(...openCageStreetLines(file, name));
    else if (file.endsWith('.csv')) found.push(...csvAddressColumns(file, name));
    else if (file.endsWith('.json') || file.endsWith('.geojson')) found.push(...jsonAddressKeys(file, name));
  }
  const seen = new Set<string>();
  return found.filter(({ input }) => {
    const trimmed = input.trim();
    if (trimmed === '' || seen.has(trimmed)) return false;
    seen.add(trimmed);
    return true;
  });
}

/** How a list of texts parses: counts by status and the share read as a full address or a corner. */
export function parseShare(inputs: readonly (string | { input: string })[]): ParseShare {
  const counts = { completa: 0, interseccion: 0, soloVia: 0, rural: 0, noEsDireccion: 0 };
  for (const item of inputs) {
    const { status } = parseAddress(typeof item === 'string' ? item : item.input);
    if (status === 'completa') counts.completa += 1;
    else if (status === 'interseccion') counts.interseccion += 1;
    else if (status === 'solo_via') counts.soloVia += 1;
    else if (status === 'rural') counts.rural += 1;
    else counts.noEsDireccion += 1;
  }
  const total = inputs.length;
  return {
    total,
    ...counts,
    shareCompleteOrIntersection: total === 0 ? 0 : (counts.completa + counts.interseccion) / total,
  };
}

function listFiles(dir: string): string[] {
  const files: string[] = [];
  for (const entry of fs
    .readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) files.push(...listFiles(full));
    else if (entry.isFile()) files.push(full);
  }
  return files;
}

function libpostalInputs(file: string, name: string): CorpusAddress[] {
  const { cases } = JSON.parse(fs.readFileSync(file, 'utf8')) as { cases: { input: string }[] };
  return cases.map((item, index) => ({ source: `${name}#cases[${index}]`, input: item.input }));
}

/** The street line of each OpenCage case: `road house_number`, the order the Colombian template writes. */
function openCageStreetLines(file: string, name: string): CorpusAddress[] {
  return readSimpleYamlDocuments(fs.readFileSync(file, 'utf8')).flatMap(
    (document, index): CorpusAddress[] => {
      const components = document.components;
      if (typeof components !== 'object' || components === null) return [];
      const road = components.road?.trim();
      if (!road) return [];
      const line = [road, components.house_number?.trim()].filter(Boolean).join(' ');
      return [{ source: `${name}#${index}`, input: line }];
    },
  );
}

function csvAddressColumns(file: string, name: string): CorpusAddress[] {
  const text = fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  const end = text.search(/\r?\n/);
  const header = end === -1 ? text : text.slice(0, end);
  // Only files with an address column are parsed whole.
  if (!header.split(/[,;]/).some((cell) => ADDRESS_KEY.test(foldKey(cell.replace(/"/g, ''))))) return [];
  const parsed = parseCsv(text);
  if (!parsed.ok || parsed.rows.length === 0) return [];
  const [head, ...rows] = parsed.rows;
  const columns = head!.cells.flatMap((cell, index) => (ADDRESS_KEY.test(foldKey(cell)) ? [index] : []));
  return rows.flatMap((row) =>
    columns.flatMap((column) => {
      const value = row.cells[column]?.trim();
      return value ? [{ source: `${name}:${row.line}:${head!.cells[column]}`, input: value }] : [];
    }),
  );
}

/** String values under an address key anywhere in a JSON document (rows, GeoJSON properties…). */
function jsonAddressKeys(file: string, name: string): CorpusAddress[] {
  let document: unknown;
  try {
    document = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return [];
  }
  const found: CorpusAddress[] = [];
  const visit = (value: unknown, where: string) => {
    if (Array.isArray(value)) {
      for (const [index, item] of value.entries()) visit(item, `${where}[${index}]`);
    } else if (value && typeof value === 'object') {
      for (const [key, inner] of Object.entries(value)) {
        if (typeof inner === 'string' && ADDRESS_KEY.test(foldKey(key))) {
          found.push({ source: `${name}#${where}.${key}`, input: inner });
        } else if (typeof inner === 'object') visit(inner, `${where}.${key}`);
      }
    }
  };
  visit(document, '');
  return found;
}

type YamlValue = string | Record<string, string>;

/**
 * Just enough YAML for the OpenCage test cases: documents split by `---`, `key: value`, one level of nested
 * maps, `|` block scalars and `#` comments. Not a general YAML reader.
 */
export function readSimpleYamlDocuments(text: string): Record<string, YamlValue>[] {
  const documents: Record<string, YamlValue>[] = [];
  let current: Record<string, YamlValue> | null = null;
  let nested: Record<string, string> | null = null;
  let block: { key: string; lines: string[]; indent: number | null } | null = null;
  const closeBlock = () => {
    if (block && current) current[block.key] = `${block.lines.join('\n').replace(/\n+$/, '')}\n`;
    block = null;
  };
  for (const raw of text.split(/\r?\n/)) {
    if (block) {
      const indent = raw.length - raw.trimStart().length;
      if (raw.trim() === '' || indent > 0) {
        block.indent ??= indent;
        block.lines.push(raw.slice(Math.min(indent, block.indent)));
        continue;
      }
      closeBlock();
    }
    const line = raw.replace(/\s+#.*$/, '');
    if (/^---\s*$/.test(line)) {
      current = {};
      documents.push(current);
      nested = null;
      continue;
    }
    if (line.trim() === '' || line.trimStart().startsWith('#')) continue;
    const pair = /^(\s*)([^:]+):\s*(.*)$/.exec(line);
    if (!pair) continue;
    if (!current) {
      current = {};
      documents.push(current);
    }
    const [, indent, key, value] = pair as unknown as [string, string, string, string];
    if (indent.length > 0 && nested) {
      nested[key.trim()] = unquote(value);
    } else if (value === '') {
      nested = {};
      current[key.trim()] = nested;
    } else if (value === '|' || value === '|-') {
      nested = null;
      block = { key: key.trim(), lines: [], indent: null };
    } else {
      nested = null;
      current[key.trim()] = unquote(value);
    }
  }
  closeBlock();
  return documents;
}

const unquote = (value: string) => value.trim().replace(/^(['"])(.*)\1$/, '$2');

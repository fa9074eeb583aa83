import ExcelJS from 'exceljs';
import { parseCsv } from '../../../platform/csv/csv-parse.ts';
import { validationError } from '../../../platform/http/errors.ts';
import type { GeocodeQuery, GeocodeResult } from './geocoding.service.ts';

export type BatchFormat = 'csv' | 'xlsx';

export interface BatchTable {
  format: BatchFormat;
  delimiter: ',' | ';';
  header: string[];
  rows: string[][];
  queries: GeocodeQuery[];
}

/** The most rows one batch takes (a city's whole register of establishments fits many times over). */
export const MAX_BATCH_ROWS = 500_000;
/** Columns added to the file, in this order. */
export const RESULT_COLUMNS = [
  'canonical',
  'status',
  'precision',
  'lat',
  'lon',
  'municipio',
  'comuna',
  'barrio',
] as const;

const ADDRESS_HEADERS = ['direccion', 'address', 'direccion_completa', 'dir'];
const BARRIO_HEADERS = ['barrio', 'barrio_vereda', 'sector'];
const MUNICIPIO_HEADERS = ['municipio', 'cod_municipio', 'divipola', 'codigo_municipio'];

function headerKey(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .trim()
    .replace(/\s+/g, '_');
}

function columnOf(header: readonly string[], names: readonly string[]): number {
  const keys = header.map(headerKey);
  for (const name of names) {
    const index = keys.indexOf(name);
    if (index >= 0) return index;
  }
  return -1;
}

const XLSX_MAGIC = [0x50, 0x4b, 0x03, 0x04];

export function batchFormatOf(fileName: string, bytes: Uint8Array): BatchFormat {
  const isZip = XLSX_MAGIC.every((byte, i) => bytes[i] === byte);
  if (/\.xlsx$/i.test(fileName)) {
    if (!isZip) throw validationError('archivo', 'archivo: no es un libro de Excel (.xlsx) válido.');
    return 'xlsx';
  }
  if (/\.(csv|txt)$/i.test(fileName)) {
    if (isZip) throw validationError('archivo', 'archivo: parece un libro de Excel; use la extensión .xlsx.');
    return 'csv';
  }
  throw validationError('archivo', 'archivo: use un archivo CSV (.csv) o Excel (.xlsx).');
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((part) => part.text).join('');
    if ('text' in value) return String(value.text);
    if ('result' in value) return value.result === undefined ? '' : String(value.result);
    if (value instanceof Date) return value.toISOString().slice(0, 10);
    return '';
  }
  return String(value);
}

async function readXlsx(bytes: Uint8Array): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  } catch {
    throw validationError(
      'archivo',
      'archivo: no se pudo leer el libro de Excel (¿está dañado o protegido?).',
    );
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw validationError('archivo', 'archivo: el libro de Excel no tiene hojas.');
  const rows: string[][] = [];
  sheet.eachRow({ includeEmpty: false }, (row) => {
    const values = row.values as ExcelJS.CellValue[];
    // ExcelJS rows are 1-based: values[0] is empty.
    rows.push(values.slice(1).map(cellText));
  });
  return rows;
}

/** Reads the uploaded table and finds its address, barrio and municipality columns. */
export async function readBatchFile(fileName: string, bytes: Uint8Array): Promise<BatchTable> {
  const format = batchFormatOf(fileName, bytes);
  let table: string[][];
  let delimiter: ',' | ';' = ',';
  if (format === 'xlsx') {
    table = await readXlsx(bytes);
  } else {
    const text = new TextDecoder('utf-8').decode(bytes).replace(/^\uFEFF/, '');
    const parsed = parseCsv(text);
    if (!parsed.ok)
      throw validationError(
        'archivo',
        `archivo: el CSV no es válido en la línea ${parsed.line}: ${parsed.detail}.`,
      );
    delimiter = parsed.delimiter;
    table = parsed.rows.map((row) => row.cells);
  }
  const [header, ...rows] = table;
  if (!header || header.every((cell) => cell.trim() === '')) {
    throw validationError(
      'archivo',
      'archivo: está vacío; la primera fila debe tener los nombres de las columnas.',
    );
  }
  const address = columnOf(header, ADDRESS_HEADERS);
  if (address < 0) {
    throw validationError(
      'direccion',
      `direccion: el archivo no tiene una columna «direccion» (columnas encontradas: ${header.slice(0, 12).join(', ')}).`,
    );
  }
  if (rows.length > MAX_BATCH_ROWS) {
    throw validationError(
      'archivo',
      `archivo: tiene ${rows.length} filas; el máximo por lote es ${MAX_BATCH_ROWS}.`,
    );
  }
  const barrio = columnOf(header, BARRIO_HEADERS);
  const municipio = columnOf(header, MUNICIPIO_HEADERS);
  const queries = rows.map((row) => {
    const code = municipio >= 0 ? (row[municipio] ?? '').trim() : '';
    return {
      direccion: row[address] ?? '',
      barrio: barrio >= 0 ? (row[barrio] ?? null) : null,
      // A code that is not a DIVIPOLA (a name, a typo) falls back to the tenant's municipality.
      municipio: /^\d{5}$/.test(code) ? code : /^\d{4}$/.test(code) ? `0${code}` : null,
    };
  });
  return { format, delimiter, header, rows, queries };
}

function resultCells(result: GeocodeResult): string[] {
  return [
    result.canonical ?? '',
    result.status,
    result.precision,
    result.lat === null ? '' : String(result.lat),
    result.lon === null ? '' : String(result.lon),
    result.municipio ?? '',
    result.comuna ?? '',
    result.barrio ?? '',
  ];
}

/** The added columns' names; one the file already has gets `_resultado` so no column is overwritten. */
export function resultHeader(header: readonly string[]): string[] {
  const taken = new Set(header.map(headerKey));
  return RESULT_COLUMNS.map((name) => (taken.has(name) ? `${name}_resultado` : name));
}

function csvCell(value: string, delimiter: string): string {
  return /["\r\n]/.test(value) || value.includes(delimiter) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** The same file back, in its own format, with the result columns added to each row. */
export async function writeBatchFile(
  table: BatchTable,
  results: readonly GeocodeResult[],
): Promise<Uint8Array> {
  const width = table.header.length;
  const header = [...table.header, ...resultHeader(table.header)];
  const body = table.rows.map((row, i) => [
    ...Array.from({ length: width }, (_, k) => row[k] ?? ''),
    ...resultCells(results[i]!),
  ]);
  if (table.format === 'csv') {
    const lines = [header, ...body].map((cells) =>
      cells.map((cell) => csvCell(cell, table.delimiter)).join(table.delimiter),
    );
    // A BOM so spreadsheet programs read the accents as UTF-8.
    return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
  }
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Geocodificación');
  sheet.addRow(header);
  sheet.getRow(1).font = { bold: true };
  for (let i = 0; i < body.length; i += 1) {
    const cells: (string | number)[] = body[i]!;
    const result = results[i]!;
    // Coordinates go as numbers so a spreadsheet can map them.
    if (result.lat !== null) cells[width + 3] = result.lat;
    if (result.lon !== null) cells[width + 4] = result.lon;
    sheet.addRow(cells);
  }
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

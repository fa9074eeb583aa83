// A small RFC 4180 reader (cadastral rolls, address batches, WKT layers): quoted fields with "" escapes and line breaks inside quotes, CRLF or
// LF, and the delimiter (comma or semicolon, as Spanish-locale spreadsheets write) taken from the header.

export interface CsvRow {
  /** 1-based line where the row starts. */
  line: number;
  cells: string[];
}

export type CsvParse =
  | { ok: true; delimiter: ',' | ';'; rows: CsvRow[] }
  | { ok: false; line: number; detail: string };

/** Comma or semicolon: whichever appears more often in the first line outside quotes. */
export function detectDelimiter(text: string): ',' | ';' {
  let commas = 0;
  let semicolons = 0;
  let quoted = false;
  for (const char of text) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === '\n' || char === '\r')) break;
    else if (!quoted && char === ',') commas += 1;
    else if (!quoted && char === ';') semicolons += 1;
  }
  return semicolons > commas ? ';' : ',';
}

/** Splits CSV text into rows of cells; blank lines are skipped. */
export function parseCsv(text: string, delimiter: ',' | ';' = detectDelimiter(text)): CsvParse {
  const rows: CsvRow[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  let cellStarted = false;
  const endRow = () => {
    cells.push(cell);
    if (cells.length > 1 || cellStarted) rows.push({ line: rowLine, cells });
    cells = [];
    cell = '';
    cellStarted = false;
  };
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i]!;
    if (quoted) {
      if (char === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i += 1;
        } else {
          quoted = false;
        }
      } else {
        if (char === '\n' || (char === '\r' && text[i + 1] !== '\n')) line += 1;
        cell += char;
      }
      continue;
    }
    if (char === '"') {
      if (cell.trim() !== '') {
        return { ok: false, line, detail: 'hay comillas en medio de un campo sin comillas' };
      }
      cell = '';
      quoted = true;
      cellStarted = true;
    } else if (char === delimiter) {
      cells.push(cell);
      cell = '';
      cellStarted = true;
    } else if (char === '\r' || char === '\n') {
      if (char === '\r' && text[i + 1] === '\n') i += 1;
      endRow();
      line += 1;
      rowLine = line;
    } else {
      cell += char;
      if (char.trim() !== '') cellStarted = true;
    }
  }
  if (quoted) return { ok: false, line: rowLine, detail: 'unas comillas abiertas no se cierran' };
  if (cell !== '' || cells.length > 0 || cellStarted) endRow();
  return { ok: true, delimiter, rows };
}

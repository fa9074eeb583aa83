/**
 * Text of uploaded files: UTF-8 when the bytes are valid UTF-8, else Windows-1252 (a superset of
 * Latin-1, what Excel and older IGAC/ArcGIS exports write in Colombia).
 */

export type TextEncodingName = 'utf-8' | 'windows-1252';

export function isValidUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

export function sniffEncoding(bytes: Uint8Array): TextEncodingName {
  return isValidUtf8(bytes) ? 'utf-8' : 'windows-1252';
}

// Windows-1252 differs from Latin-1 in 0x80–0x9F (€, curly quotes, dashes…). Node 20's TextDecoder
// decodes 'windows-1252' as Latin-1 there, so the table is ours. Unassigned bytes keep their code.
const CP1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8d,
  0x017d, 0x8f, 0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a,
  0x0153, 0x9d, 0x017e, 0x0178,
];

function decodeWindows1252(bytes: Uint8Array): string {
  let text = '';
  const chunk: number[] = [];
  for (let i = 0; i < bytes.length; i += 1) {
    const byte = bytes[i]!;
    chunk.push(byte >= 0x80 && byte <= 0x9f ? CP1252_HIGH[byte - 0x80]! : byte);
    if (chunk.length === 8192) {
      text += String.fromCharCode(...chunk);
      chunk.length = 0;
    }
  }
  return text + String.fromCharCode(...chunk);
}

/** Bytes to text in the given encoding (non-fatal: bad UTF-8 sequences become U+FFFD). */
export function decodeWith(bytes: Uint8Array, encoding: TextEncodingName): string {
  return encoding === 'utf-8' ? new TextDecoder('utf-8').decode(bytes) : decodeWindows1252(bytes);
}

/** Decodes a whole text file, without its byte-order mark. */
export function decodeText(bytes: Uint8Array): string {
  const text = decodeWith(bytes, sniffEncoding(bytes));
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * What a shapefile `.cpg` names: `UTF-8`, `ISO-8859-1`, `1252`, `ANSI 1252`, `LATIN1`… Latin-1 is read
 * as Windows-1252, as browsers and GDAL do. Null for an encoding we do not know.
 */
export function encodingOfCpg(cpg: string): TextEncodingName | null {
  const label = cpg.trim().toUpperCase().replace(/\s+/g, ' ');
  if (/^UTF-?8$/.test(label) || label === '65001') return 'utf-8';
  if (/^(ANSI |CP|WINDOWS-)?1252$/.test(label)) return 'windows-1252';
  if (/^(ISO[-_ ]?)?8859[-_]1$|^LATIN-?1$|^ANSI$/.test(label)) return 'windows-1252';
  return null;
}

/**
 * Fonts of the receipt: Work Sans (the GOV.CO typeface, as in platform/documents), prepared once per
 * process, or the standard Helvetica (nothing embedded).
 *
 * Why so much preparation (measured with receipt-throughput.ts): embedding Work Sans the plain pdfkit
 * way made a receipt ~10× slower than the throughput it needs.
 * - @fontsource ships WOFF; fontkit inflates a WOFF table every time it reads it (≈ 80 % of the time
 *   of a document that embeds a WOFF). We unpack the WOFF into a plain TrueType file once.
 * - Receipts print from a known set of characters (`RECEIPT_CHARACTERS`); for each weight, the subset
 *   with exactly those glyphs is built, compressed and described once (fixed-font.ts) and written into
 *   every receipt as ready bytes.
 * - Text with any other character goes through pdfkit in the same typeface. For that rare path pdfkit
 *   gets one parsed font object for all documents (it accepts any object with `layout`) instead of
 *   parsing the file again each time; it subsets only the glyphs of that text.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import zlib from 'node:zlib';
import PDFDocument from 'pdfkit';
import { embeddedFixedFont, type FixedFont, type ParsedFont, standardFixedFont } from './fixed-font.ts';

export type ReceiptTypeface = 'work-sans' | 'helvetica';

/** Names under which the receipt registers its fonts in pdfkit (for text outside the fixed set). */
export const RECEIPT_FONTS = { regular: 'Recibo', bold: 'Recibo-Negrita' } as const;

/** What `PDFDocument.registerFont` accepts at run time: a font file or an already parsed fontkit font. */
type FontSource = PDFKit.Mixins.PDFFontSource;

export interface ReceiptFont {
  /** The fast path: one table lookup per character; undefined if it could not be prepared. */
  fixed: FixedFont | undefined;
  /** What to register in pdfkit for everything else. */
  source: FontSource;
}

export interface ReceiptFontSet {
  regular: ReceiptFont;
  bold: ReceiptFont;
}

/**
 * What receipts print: ASCII, Spanish letters, the other accented letters of names in Latin-1 and the
 * signs of amounts, dates and addresses. Shaped as one run with the font's default features;
 * receipt-fonts.test.ts checks that each comes out as the glyph it gets alone (no ligature or
 * contextual form in this sequence).
 */
export const RECEIPT_CHARACTERS =
  ' !"#$%&\'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[]_abcdefghijklmnopqrstuvwxyz' +
  'ºª°²·¿¡ÁÉÍÓÚÜÑáéíóúüñ—–…•' +
  'ÀÂÃÄÇÈÊËÌÎÏÒÔÕÖÙÛàâãäçèêëìîïòôõöùû‘’“”«»€';

const require = createRequire(import.meta.url);

let helvetica: ReceiptFontSet | undefined;
let workSans: ReceiptFontSet | undefined;

/** The fonts of a typeface, prepared on first use and kept for the life of the process. */
export function receiptFonts(typeface: ReceiptTypeface): ReceiptFontSet {
  if (typeface === 'helvetica') {
    helvetica ??= {
      regular: { fixed: standardFixedFont('HV', 'Helvetica', RECEIPT_CHARACTERS), source: 'Helvetica' },
      bold: {
        fixed: standardFixedFont('HVB', 'Helvetica-Bold', RECEIPT_CHARACTERS),
        source: 'Helvetica-Bold',
      },
    };
    return helvetica;
  }
  workSans ??= { regular: loadWorkSans(400, 'WS400', 'RECWSR'), bold: loadWorkSans(600, 'WS600', 'RECWSB') };
  return workSans;
}

function loadWorkSans(weight: 400 | 600, name: string, tag: string): ReceiptFont {
  const woff = fs.readFileSync(
    require.resolve(`@fontsource/work-sans/files/work-sans-latin-${weight}-normal.woff`),
  );
  const trueType = woffToSfnt(woff);
  const parsed = parsedFont(trueType);
  // Should a future pdfkit stop exposing the parsed font, the TrueType bytes still work (slower).
  if (!parsed) return { fixed: undefined, source: trueType };
  return {
    fixed: embeddedFixedFont(name, tag, parsed, RECEIPT_CHARACTERS),
    source: parsed as unknown as FontSource,
  };
}

/**
 * WOFF 1.0 → the TrueType/OpenType file it wraps (W3C WOFF §5): same tables, each inflated when stored
 * compressed, behind a plain sfnt table directory.
 */
export function woffToSfnt(woff: Buffer): Buffer {
  if (woff.toString('latin1', 0, 4) !== 'wOFF') throw new Error('Not a WOFF 1.0 font');
  const flavor = woff.readUInt32BE(4);
  const tableCount = woff.readUInt16BE(12);
  const tables: { tag: number; checksum: number; data: Buffer }[] = [];
  for (let index = 0; index < tableCount; index++) {
    const entry = 44 + index * 20;
    const offset = woff.readUInt32BE(entry + 4);
    const storedLength = woff.readUInt32BE(entry + 8);
    const length = woff.readUInt32BE(entry + 12);
    const stored = woff.subarray(offset, offset + storedLength);
    tables.push({
      tag: woff.readUInt32BE(entry),
      checksum: woff.readUInt32BE(entry + 16),
      data: storedLength < length ? zlib.inflateSync(stored) : stored,
    });
  }
  let searchRange = 1;
  let entrySelector = 0;
  while (searchRange * 2 <= tableCount) {
    searchRange *= 2;
    entrySelector++;
  }
  const directoryEnd = 12 + 16 * tableCount;
  const padded = (length: number) => (length + 3) & ~3;
  const sfnt = Buffer.alloc(tables.reduce((size, table) => size + padded(table.data.length), directoryEnd));
  sfnt.writeUInt32BE(flavor, 0);
  sfnt.writeUInt16BE(tableCount, 4);
  sfnt.writeUInt16BE(searchRange * 16, 6);
  sfnt.writeUInt16BE(entrySelector, 8);
  sfnt.writeUInt16BE(tableCount * 16 - searchRange * 16, 10);
  let offset = directoryEnd;
  tables.forEach((table, index) => {
    const entry = 12 + index * 16;
    sfnt.writeUInt32BE(table.tag, entry);
    sfnt.writeUInt32BE(table.checksum, entry + 4);
    sfnt.writeUInt32BE(offset, entry + 8);
    sfnt.writeUInt32BE(table.data.length, entry + 12);
    table.data.copy(sfnt, offset);
    offset += padded(table.data.length);
  });
  return sfnt;
}

/**
 * pdfkit parses the font with its own fontkit; take that object instead of depending on fontkit. pdfkit
 * accepts it back as a font source, which spares it parsing the file for every document.
 */
function parsedFont(trueType: Buffer): ParsedFont | undefined {
  const scratch = new PDFDocument({ autoFirstPage: false });
  scratch.registerFont('scratch', trueType).font('scratch');
  const candidate = (scratch as unknown as { _font?: { font?: Partial<ParsedFont> } })._font?.font;
  return typeof candidate?.layout === 'function' && typeof candidate.createSubset === 'function'
    ? (candidate as ParsedFont)
    : undefined;
}

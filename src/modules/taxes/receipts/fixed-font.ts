/**
 * Fonts whose PDF objects are the same in every receipt, prepared once per process.
 *
 * pdfkit subsets, compresses and describes an embedded font anew for every document; for a receipt that
 * is a third of its cost. A receipt, though, prints from a known set of characters (receipt-fonts.ts),
 * so the subset can be fixed: encoded, compressed and described once, then written into each document
 * as ready bytes. Characters outside the set still print, through pdfkit's own embedding (pdf-content.ts
 * falls back to it), so nothing is ever dropped.
 *
 * The objects written are those pdfkit writes (ISO 32000-1 §9.7): a Type0 font with Identity-H
 * encoding over a CIDFontType2 whose CIDs are the subset's glyph indices, its descriptor with the
 * TrueType program (FontFile2), the widths (W) and a ToUnicode CMap so that text can be searched and
 * copied. For the standard Helvetica nothing is embedded; only the per-character table is prepared.
 */
import zlib from 'node:zlib';
import PDFDocument from 'pdfkit';
import { fontInternals, literalBytes } from './pdf-content.ts';

type Pdf = PDFKit.PDFDocument;

export interface FixedGlyph {
  /** The character's code as the bytes of a PDF literal string. */
  bytes: string;
  /** Advance width, 1/1000 of the font size. */
  advance: number;
  /** The glyph it draws: its id in the font file (embedded) or its WinAnsi code (standard). */
  source: number;
}

export interface FixedFont {
  /** Resource name in content streams; distinct from pdfkit's own `F1`, `F2`… */
  name: string;
  /** Ascender, 1/1000 of the font size: where the top of a line is above the baseline. */
  ascender: number;
  glyphs: ReadonlyMap<string, FixedGlyph>;
  /** Writes the font's objects into the document (once per document) and returns its font dictionary. */
  embed(pdf: Pdf, compress: boolean): PDFKit.PDFKitReference;
}

/** One of the 14 standard fonts, in WinAnsiEncoding; nothing to embed. */
export function standardFixedFont(name: string, postscriptName: string, characters: string): FixedFont {
  const scratch = new PDFDocument({ autoFirstPage: false, font: null as unknown as string });
  const font = fontInternals(scratch, postscriptName);
  const glyphs = new Map<string, FixedGlyph>();
  for (const char of new Set(characters)) {
    const [codes, positions] = font.encode(char);
    const [code] = codes;
    const [position] = positions;
    if (codes.length === 1 && code !== undefined && position) {
      glyphs.set(char, {
        bytes: literalBytes(code),
        advance: position.advanceWidth,
        source: Number.parseInt(code, 16),
      });
    }
  }
  return {
    name,
    ascender: font.ascender,
    glyphs,
    embed(pdf) {
      const dictionary = pdf.ref({
        Type: 'Font',
        Subtype: 'Type1',
        BaseFont: postscriptName,
        Encoding: 'WinAnsiEncoding',
      });
      dictionary.end(undefined);
      return dictionary;
    },
  };
}

/** The parts of a fontkit font (as pdfkit parses it) used here. */
export interface ParsedFont {
  postscriptName: string;
  unitsPerEm: number;
  ascent: number;
  descent: number;
  capHeight: number;
  xHeight: number;
  italicAngle: number;
  bbox: { minX: number; minY: number; maxX: number; maxY: number };
  'OS/2'?: { sFamilyClass?: number };
  post: { isFixedPitch?: number | boolean };
  head: { macStyle: { italic?: boolean } };
  getGlyph(id: number): { advanceWidth: number };
  layout(
    text: string,
    features?: unknown,
  ): {
    glyphs: { id: number; advanceWidth: number; codePoints: number[] }[];
    positions: { xOffset: number; yOffset: number }[];
  };
  createSubset(): { includeGlyph(id: number): number; encode(): Uint8Array };
}

/**
 * A TrueType font subset to `characters`, shaped as one run with the default features. Returns
 * undefined when shaping does not give one glyph per character, undisplaced (then pdfkit embeds).
 * `tag` is the six capital letters that prefix the subset's name (ISO 32000-1 §9.6.4).
 */
export function embeddedFixedFont(
  name: string,
  tag: string,
  font: ParsedFont,
  characters: string,
): FixedFont | undefined {
  const chars = Array.from(characters);
  const run = font.layout(characters, []);
  if (run.glyphs.length !== chars.length) return undefined;
  if (run.positions.some((position) => position.xOffset || position.yOffset)) return undefined;
  const scale = 1000 / font.unitsPerEm;
  const subset = font.createSubset(); // CID 0 is .notdef
  const widths: number[] = [font.getGlyph(0).advanceWidth * scale];
  const unicode: number[][] = [[0]];
  const glyphs = new Map<string, FixedGlyph>();
  chars.forEach((char, index) => {
    const glyph = run.glyphs[index];
    if (!glyph || glyphs.has(char)) return;
    const cid = subset.includeGlyph(glyph.id);
    widths[cid] = glyph.advanceWidth * scale;
    unicode[cid] = glyph.codePoints;
    const hex = cid.toString(16).padStart(4, '0');
    glyphs.set(char, { bytes: literalBytes(hex), advance: glyph.advanceWidth * scale, source: glyph.id });
  });
  const program = Buffer.from(subset.encode());
  const cmap = Buffer.from(toUnicodeCmap(unicode), 'latin1');
  const packed = { program: zlib.deflateSync(program), cmap: zlib.deflateSync(cmap) };

  const familyClass = (font['OS/2']?.sFamilyClass ?? 0) >> 8;
  let flags = 1 << 2; // symbolic: glyphs outside the standard Latin set
  if (font.post.isFixedPitch) flags |= 1 << 0;
  if (familyClass >= 1 && familyClass <= 7) flags |= 1 << 1;
  if (familyClass === 10) flags |= 1 << 3;
  if (font.head.macStyle.italic) flags |= 1 << 6;
  const baseFont = `${tag}+${font.postscriptName.replaceAll(' ', '_')}`;
  const { bbox } = font;
  const descriptor = {
    Type: 'FontDescriptor',
    FontName: baseFont,
    Flags: flags,
    FontBBox: [bbox.minX * scale, bbox.minY * scale, bbox.maxX * scale, bbox.maxY * scale],
    ItalicAngle: font.italicAngle,
    Ascent: font.ascent * scale,
    Descent: font.descent * scale,
    CapHeight: (font.capHeight || font.ascent) * scale,
    XHeight: (font.xHeight || 0) * scale,
    StemV: 0,
  };

  return {
    name,
    ascender: font.ascent * scale,
    glyphs,
    embed(pdf, compress) {
      // Streams that carry their Filter already are written as given: compressed once, not per document.
      const stream = (raw: Buffer, deflated: Buffer, extra: Record<string, unknown> = {}) => {
        const reference = pdf.ref(compress ? { ...extra, Filter: 'FlateDecode' } : { ...extra });
        reference.end(compress ? deflated : raw);
        return reference;
      };
      const fontFile = stream(program, packed.program, { Length1: program.length });
      const fontDescriptor = pdf.ref({ ...descriptor, FontFile2: fontFile });
      fontDescriptor.end(undefined);
      const descendant = pdf.ref({
        Type: 'Font',
        Subtype: 'CIDFontType2',
        BaseFont: baseFont,
        CIDSystemInfo: { Registry: Buffer.from('Adobe'), Ordering: Buffer.from('Identity'), Supplement: 0 },
        FontDescriptor: fontDescriptor,
        W: [0, widths],
        CIDToGIDMap: 'Identity',
      });
      descendant.end(undefined);
      const dictionary = pdf.ref({
        Type: 'Font',
        Subtype: 'Type0',
        BaseFont: baseFont,
        Encoding: 'Identity-H',
        DescendantFonts: [descendant],
        ToUnicode: stream(cmap, packed.cmap),
      });
      dictionary.end(undefined);
      return dictionary;
    },
  };
}

/** CID → Unicode, in the bfrange-array form pdfkit writes (ISO 32000-1 §9.10.3). */
function toUnicodeCmap(unicode: number[][]): string {
  const hex = (value: number) => value.toString(16).padStart(4, '0');
  const entries = unicode.map((codePoints) => {
    const units: string[] = [];
    for (const codePoint of codePoints) {
      if (codePoint > 0xffff) {
        const offset = codePoint - 0x10000;
        units.push(hex(0xd800 | (offset >>> 10)), hex(0xdc00 | (offset & 0x3ff)));
      } else {
        units.push(hex(codePoint));
      }
    }
    return `<${units.join('')}>`;
  });
  const ranges: string[] = [];
  for (let start = 0; start < entries.length; start += 256) {
    const end = Math.min(start + 256, entries.length);
    ranges.push(`<${hex(start)}> <${hex(end - 1)}> [${entries.slice(start, end).join(' ')}]`);
  }
  return [
    '/CIDInit /ProcSet findresource begin',
    '12 dict begin',
    'begincmap',
    '/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def',
    '/CMapName /Adobe-Identity-UCS def',
    '/CMapType 2 def',
    '1 begincodespacerange',
    '<0000><ffff>',
    'endcodespacerange',
    `${ranges.length} beginbfrange`,
    ...ranges,
    'endbfrange',
    'endcmap',
    'CMapName currentdict /CMap defineresource pop',
    'end',
    'end',
  ].join('\n');
}

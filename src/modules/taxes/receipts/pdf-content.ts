/**
 * A fast drawing layer over pdfkit for documents that place every string at a computed position.
 *
 * pdfkit's `text()` costs tens of microseconds per call (options copying, measuring twice, a graphics
 * state save/transform/restore and one Buffer per operator); a receipt has ~100 strings and ~700
 * rectangles, which made pdfkit's own API ~10× too slow for the throughput the receipts need. Here each
 * page's operators are collected as text and handed to pdfkit once, when the page is written. pdfkit
 * still does the document structure, links, metadata and stream compression; fonts are either fixed
 * (fixed-font.ts: prepared once per process) or, for any text they cannot set, pdfkit's own.
 *
 * Two pdfkit internals are used, checked at run time and isolated in `fontInternals`: the current font
 * object (`_font`: `id`, `ascender`, `encode`, `widthOfString`, `ref`), to set text in pdfkit's fonts.
 * It has been stable for years; the receipt tests extract the text from the produced PDF, so a pdfkit
 * change that breaks it fails loudly.
 *
 * Coordinates are pdfkit's: points, origin at the top-left corner, y downwards.
 */

type Pdf = PDFKit.PDFDocument;

interface GlyphPosition {
  xAdvance: number;
  advanceWidth: number;
  xOffset?: number;
  yOffset?: number;
}

/** The part of pdfkit's PDFFont (standard or embedded) used here. */
export interface PdfkitFont {
  id: string;
  ascender: number;
  /** Hex codes of the glyphs (registering them in the subset) and their positions, 1/1000 em. */
  encode(text: string): [string[], GlyphPosition[]];
  /** Width in points at `size`, kerning included. */
  widthOfString(text: string, size: number): number;
  ref(): unknown;
}

export function fontInternals(pdf: Pdf, name: string): PdfkitFont {
  pdf.font(name);
  const font = (pdf as unknown as { _font?: Partial<PdfkitFont> })._font;
  if (
    !font ||
    typeof font.id !== 'string' ||
    typeof font.ascender !== 'number' ||
    typeof font.encode !== 'function' ||
    typeof font.widthOfString !== 'function' ||
    typeof font.ref !== 'function'
  ) {
    throw new Error(`pdf-content: this pdfkit version does not expose the font "${name}" as expected`);
  }
  return font as PdfkitFont;
}

/** A font as a page resource: its name in content streams and its font dictionary in this document. */
export interface FontResource {
  name: string;
  ascender: number;
  dictionary(): unknown;
}

/** Up to 3 decimals, no exponent, no `-0`: what a content stream needs. */
export function pdfNumber(value: number): string {
  const rounded = Math.round(value * 1000) / 1000;
  return rounded === 0 ? '0' : String(rounded);
}

/** Scale factors multiply by up to ~500 modules: keep 6 decimals so the symbol keeps its size. */
function precise(value: number): string {
  return String(Math.round(value * 1e6) / 1e6);
}

const colorOperands = new Map<string, string>();

/** `#004884` → `0 0.282 0.518` (DeviceRGB). */
function rgb(hex: string): string {
  let operands = colorOperands.get(hex);
  if (operands === undefined) {
    const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
    if (!match) throw new RangeError(`pdf-content: colour must be #RRGGBB (got ${hex})`);
    operands = [match[1], match[2], match[3]]
      .map((pair) => pdfNumber(Number.parseInt(pair ?? '0', 16) / 255))
      .join(' ');
    colorOperands.set(hex, operands);
  }
  return operands;
}

/** One page's operators, links and fonts; written into the PDF by `PdfCanvas.write`. */
export class PageContent {
  readonly ops: string[] = [];
  readonly fonts = new Set<FontResource>();
  readonly links: { x: number; y: number; width: number; height: number; url: string }[] = [];
  private fillColorNow = '';

  fillColor(color: string): this {
    if (color !== this.fillColorNow) {
      this.ops.push(`${rgb(color)} rg`);
      this.fillColorNow = color;
    }
    return this;
  }

  rect(x: number, y: number, width: number, height: number, color: string): this {
    this.fillColor(color);
    this.ops.push(`${pdfNumber(x)} ${pdfNumber(y)} ${pdfNumber(width)} ${pdfNumber(height)} re f`);
    return this;
  }

  line(fromX: number, y: number, toX: number, width: number, color: string, dash?: [number, number]): this {
    const dashOn = dash ? `[${dash[0]} ${dash[1]}] 0 d ` : '';
    const dashOff = dash ? ' [] 0 d' : '';
    this.ops.push(
      `${dashOn}${pdfNumber(width)} w ${rgb(color)} RG ${pdfNumber(fromX)} ${pdfNumber(y)} m ${pdfNumber(toX)} ${pdfNumber(y)} l S${dashOff}`,
    );
    return this;
  }

  /**
   * A path in its own unit square system (`x y w h re` operators), filled in `color` after mapping
   * (0, 0) to (x, y) and one unit to (scaleX, scaleY) points: bars and QR modules in whole module units.
   */
  scaledPath(path: string, x: number, y: number, scaleX: number, scaleY: number, color: string): this {
    this.fillColor(color);
    this.ops.push(
      `q ${precise(scaleX)} 0 0 ${precise(scaleY)} ${pdfNumber(x)} ${pdfNumber(y)} cm\n${path}\nf Q`,
    );
    return this;
  }

  link(x: number, y: number, width: number, height: number, url: string): this {
    this.links.push({ x, y, width, height, url });
    return this;
  }

  /** Draws a run with its top (ascender line) at `y`, like pdfkit's default baseline. */
  drawRun(run: TextRun, x: number, y: number, color: string): this {
    if (run.tj === '') return this;
    const { font, size } = run;
    this.fonts.add(font);
    this.fillColor(color);
    const baseline = y + (font.ascender / 1000) * size;
    // The page is flipped (y down); the text matrix flips the glyphs back upright.
    if (run.offsets) {
      this.ops.push(glyphByGlyph(run, x, baseline));
    } else {
      this.ops.push(
        `BT /${font.name} ${pdfNumber(size)} Tf 1 0 0 -1 ${pdfNumber(x)} ${pdfNumber(baseline)} Tm [${run.tj}] TJ ET`,
      );
    }
    return this;
  }
}

/** A string encoded in one font and size, ready to draw; `width` in points. */
export interface TextRun {
  font: FontResource;
  size: number;
  /** Operand of TJ: literal glyph strings with kerning adjustments between them. */
  tj: string;
  width: number;
  /** Only when some glyph is displaced (combining marks): code and position of each glyph. */
  offsets?: { code: string; position: GlyphPosition }[];
}

/** Rare (combining marks): place each glyph with its own offset. */
function glyphByGlyph(run: TextRun, x: number, baseline: number): string {
  const scale = run.size / 1000;
  let ops = `BT /${run.font.name} ${pdfNumber(run.size)} Tf`;
  let penX = x;
  for (const { code, position } of run.offsets ?? []) {
    const glyphX = penX + (position.xOffset ?? 0) * scale;
    const glyphY = baseline - (position.yOffset ?? 0) * scale;
    ops += ` 1 0 0 -1 ${pdfNumber(glyphX)} ${pdfNumber(glyphY)} Tm <${code}> Tj`;
    penX += position.xAdvance * scale;
  }
  return `${ops} ET`;
}

/** Through pdfkit: shaping, kerning and new glyphs registered in the subset. */
function encodedRun(font: PdfkitFont, resource: FontResource, text: string, size: number): TextRun {
  const [codes, positions] = font.encode(text);
  let tj = '(';
  let advance = 0;
  let offsets = false;
  const last = codes.length - 1;
  for (let index = 0; index <= last; index++) {
    const position = positions[index];
    tj += literalBytes(codes[index] ?? '');
    if (!position) continue;
    advance += position.xAdvance;
    if (position.xOffset || position.yOffset) offsets = true;
    const kerning = position.xAdvance - position.advanceWidth;
    if (kerning !== 0 && index < last) tj += `) ${pdfNumber(-kerning)} (`;
  }
  const run: TextRun = {
    font: resource,
    size,
    tj: codes.length === 0 ? '' : `${tj})`,
    width: (advance * size) / 1000,
  };
  if (offsets) {
    run.offsets = codes.map((code, index) => ({
      code,
      position: positions[index] ?? { xAdvance: 0, advanceWidth: 0 },
    }));
  }
  return run;
}

/**
 * A glyph code from pdfkit (hex: 2 digits for standard fonts, 4 for Identity-H) as the bytes of a PDF
 * literal string, escaped where PDF requires it. Half the size of hex, and deflate runs twice as fast on
 * it, which matters: compressing the page is the largest cost of a receipt.
 */
export function literalBytes(hexCode: string): string {
  let bytes = '';
  for (let at = 0; at < hexCode.length; at += 2) {
    const byte = Number.parseInt(hexCode.slice(at, at + 2), 16);
    bytes += LITERAL_ESCAPES[byte] ?? String.fromCharCode(byte);
  }
  return bytes;
}

/** Bytes a literal string cannot carry as they are (ISO 32000-1 §7.3.4.2): delimiters and line ends. */
const LITERAL_ESCAPES: Record<number, string> = { 10: '\\n', 13: '\\r', 40: '\\(', 41: '\\)', 92: '\\\\' };

/** A font of the canvas: fixed (fast, one table lookup per character) and pdfkit's, for the rest. */
export interface CanvasFont {
  fixed?: FixedFontLike;
  /** Name of the font registered in pdfkit (`registerFont`), or a standard font name. */
  pdfkitName: string;
}

/** What the canvas needs of a fixed font (fixed-font.ts). */
export interface FixedFontLike {
  name: string;
  ascender: number;
  glyphs: ReadonlyMap<string, { bytes: string; advance: number }>;
  embed(pdf: Pdf, compress: boolean): unknown;
}

/**
 * Fonts of one document plus its pages, written into pdfkit at the end.
 *
 * A text whose every character is in its font's fixed table is set from the table (glyph code and
 * advance; no pair kerning), two orders of magnitude cheaper than pdfkit's `encode`. Any other text
 * goes through pdfkit (shaping, kerning, subsetting) in the same typeface, so nothing is refused.
 */
export class PdfCanvas<FontKey extends string> {
  readonly pages: PageContent[] = [];
  private readonly pdfkitFonts = new Map<FontKey, { font: PdfkitFont; resource: FontResource }>();
  private readonly fixedResources = new Map<FontKey, FontResource>();

  constructor(
    private readonly pdf: Pdf,
    private readonly fonts: Record<FontKey, CanvasFont>,
    private readonly options: { width: number; height: number; compress: boolean },
  ) {
    for (const key of Object.keys(fonts) as FontKey[]) {
      const fixed = fonts[key].fixed;
      if (!fixed) continue;
      let dictionary: unknown;
      this.fixedResources.set(key, {
        name: fixed.name,
        ascender: fixed.ascender,
        // Embedded on first use, once per document.
        dictionary: () => {
          dictionary ??= fixed.embed(pdf, options.compress);
          return dictionary;
        },
      });
    }
  }

  /** pdfkit's font object for `key`, opened on first use (and embedded only if text uses it). */
  pdfkitFont(key: FontKey): { font: PdfkitFont; resource: FontResource } {
    let entry = this.pdfkitFonts.get(key);
    if (!entry) {
      const font = fontInternals(this.pdf, this.fonts[key].pdfkitName);
      entry = { font, resource: { name: font.id, ascender: font.ascender, dictionary: () => font.ref() } };
      this.pdfkitFonts.set(key, entry);
    }
    return entry;
  }

  /** Width in points, without registering glyphs (for fitting text before drawing it). */
  widthOf(text: string, fontKey: FontKey, size: number): number {
    const glyphs = this.fonts[fontKey].fixed?.glyphs;
    if (glyphs) {
      let advance = 0;
      let complete = true;
      for (const char of text) {
        const glyph = glyphs.get(char);
        if (!glyph) {
          complete = false;
          break;
        }
        advance += glyph.advance;
      }
      if (complete) return (advance * size) / 1000;
    }
    return this.pdfkitFont(fontKey).font.widthOfString(text, size);
  }

  /** Encodes `text` for drawing. */
  run(text: string, fontKey: FontKey, size: number): TextRun {
    const glyphs = this.fonts[fontKey].fixed?.glyphs;
    const resource = this.fixedResources.get(fontKey);
    if (glyphs && resource) {
      let tj = '(';
      let advance = 0;
      let complete = true;
      for (const char of text) {
        const glyph = glyphs.get(char);
        if (!glyph) {
          complete = false;
          break;
        }
        tj += glyph.bytes;
        advance += glyph.advance;
      }
      if (complete) {
        return { font: resource, size, tj: text === '' ? '' : `${tj})`, width: (advance * size) / 1000 };
      }
    }
    const { font, resource: pdfkitResource } = this.pdfkitFont(fontKey);
    return encodedRun(font, pdfkitResource, text, size);
  }

  addPage(): PageContent {
    const page = new PageContent();
    this.pages.push(page);
    return page;
  }

  /** Creates the pdfkit pages with their content, fonts and links. */
  write(): void {
    for (const page of this.pages) {
      this.pdf.addPage({
        size: [this.options.width, this.options.height],
        margins: { top: 0, bottom: 0, left: 0, right: 0 },
      });
      const resources = this.pdf.page.fonts as Record<string, unknown>;
      for (const font of page.fonts) resources[font.name] ??= font.dictionary();
      // A Buffer, not a string: pdfkit would convert a string character by character.
      this.pdf.addContent(Buffer.from(`${page.ops.join('\n')}\n`, 'latin1'));
      for (const link of page.links) this.pdf.link(link.x, link.y, link.width, link.height, link.url);
    }
  }
}

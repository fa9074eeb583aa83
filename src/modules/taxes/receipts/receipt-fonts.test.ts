import fs from 'node:fs';
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import { fontInternals, literalBytes, PdfCanvas } from './pdf-content.ts';
import {
  RECEIPT_CHARACTERS,
  RECEIPT_FONTS,
  type ReceiptTypeface,
  receiptFonts,
  woffToSfnt,
} from './receipt-fonts.ts';

const require = createRequire(import.meta.url);
const workSansFile = (weight: number) =>
  woffToSfnt(
    fs.readFileSync(require.resolve(`@fontsource/work-sans/files/work-sans-latin-${weight}-normal.woff`)),
  );

function canvasFor(typeface: ReceiptTypeface) {
  const fonts = receiptFonts(typeface);
  const pdf = new PDFDocument({ autoFirstPage: false, font: null as unknown as string });
  pdf.registerFont(RECEIPT_FONTS.regular, fonts.regular.source);
  pdf.registerFont(RECEIPT_FONTS.bold, fonts.bold.source);
  const canvas = new PdfCanvas<'regular' | 'bold'>(
    pdf,
    {
      regular: { fixed: fonts.regular.fixed, pdfkitName: RECEIPT_FONTS.regular },
      bold: { fixed: fonts.bold.fixed, pdfkitName: RECEIPT_FONTS.bold },
    },
    { width: 612, height: 792, compress: true },
  );
  return { fonts, canvas };
}

describe('woffToSfnt', () => {
  it('unpacks Work Sans into a TrueType file with the same tables, that pdfkit reads', () => {
    const woff = fs.readFileSync(
      require.resolve('@fontsource/work-sans/files/work-sans-latin-400-normal.woff'),
    );
    const sfnt = woffToSfnt(woff);
    expect(sfnt.readUInt32BE(0)).toBe(woff.readUInt32BE(4)); // flavour: 0x00010000, TrueType outlines
    expect(sfnt.readUInt16BE(4)).toBe(woff.readUInt16BE(12));
    expect(sfnt.length).toBeGreaterThan(woff.length); // tables are stored inflated
    const pdf = new PDFDocument({ autoFirstPage: false });
    pdf.registerFont('w', sfnt).font('w');
    expect(pdf.widthOfString('Hola')).toBeGreaterThan(0);
  });

  it('refuses what is not a WOFF 1.0 file', () => {
    expect(() => woffToSfnt(Buffer.from('OTTO0000'))).toThrow(/WOFF/);
  });
});

describe('fixed Work Sans', () => {
  it.each([
    ['regular', 400],
    ['bold', 600],
  ] as const)(
    '%s: every receipt character is the glyph (and advance) it is when set alone',
    (weight, file) => {
      const fixed = receiptFonts('work-sans')[weight].fixed;
      expect(fixed).toBeDefined();
      // An independent pdfkit document shapes each character alone.
      const pdf = new PDFDocument({ autoFirstPage: false, font: null as unknown as string });
      pdf.registerFont('alone', workSansFile(file));
      const alone = fontInternals(pdf, 'alone') as ReturnType<typeof fontInternals> & {
        font: { layout(text: string): { glyphs: { id: number }[] } };
      };
      for (const char of RECEIPT_CHARACTERS) {
        const glyph = fixed?.glyphs.get(char);
        expect(glyph, char).toBeDefined();
        expect(glyph?.source, char).toBe(alone.font.layout(char).glyphs[0]?.id);
        expect(glyph?.advance, char).toBeCloseTo(alone.widthOfString(char, 1000), 6);
      }
    },
  );
});

describe('fixed Helvetica', () => {
  it.each(['regular', 'bold'] as const)('%s: WinAnsi codes and widths as pdfkit sets them', (weight) => {
    const fixed = receiptFonts('helvetica')[weight].fixed;
    const pdf = new PDFDocument({ autoFirstPage: false, font: null as unknown as string });
    const font = fontInternals(pdf, weight === 'regular' ? 'Helvetica' : 'Helvetica-Bold');
    for (const char of RECEIPT_CHARACTERS) {
      const [codes] = font.encode(char);
      expect(fixed?.glyphs.get(char)?.bytes, char).toBe(literalBytes(codes[0] ?? ''));
      expect(fixed?.glyphs.get(char)?.advance, char).toBeCloseTo(font.widthOfString(char, 1000), 6);
    }
  });
});

describe.each(['work-sans', 'helvetica'] as const)('PdfCanvas with %s', (typeface) => {
  it('measures a run of receipt characters as the sum of their advances (no pair kerning)', () => {
    const { canvas } = canvasFor(typeface);
    const text = 'Pague hasta el 31 de marzo de 2026';
    const sum = Array.from(text).reduce((width, char) => width + canvas.widthOf(char, 'regular', 8), 0);
    const run = canvas.run(text, 'regular', 8);
    expect(run.width).toBeCloseTo(sum, 6);
    expect(run.font.name).toBe(typeface === 'work-sans' ? 'WS400' : 'HV');
  });

  it('sets text with other characters through pdfkit, in the same typeface', () => {
    const { canvas } = canvasFor(typeface);
    const run = canvas.run('Peñalosa € 5 — Ø', 'bold', 8);
    expect(run.font.name).toMatch(/^F\d+$/); // pdfkit's font resource
    expect(run.width).toBeGreaterThan(0);
    expect(run.tj.startsWith('(')).toBe(true);
  });
});

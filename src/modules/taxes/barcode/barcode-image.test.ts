import bwipjs from 'bwip-js';
import { describe, expect, it } from 'vitest';
import { renderReceiptBarcodePng, renderReceiptBarcodeSvg } from './barcode-image.ts';
import { encodeReceiptBarcode } from './gs1-128.rules.ts';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const b1 = encodeReceiptBarcode({
  gln: '7709998000018',
  reference: '202600123459',
  amountPesos: 1_305_000,
  dueDate: '2026-03-31',
});

describe('renderReceiptBarcodePng', () => {
  it('returns a PNG sized for 300 dpi: whole dots per module, bars and text within a receipt', async () => {
    const image = await renderReceiptBarcodePng(b1);
    expect(image.png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    expect(image.dpi).toBe(300);
    expect(image.widthPt).toBeCloseTo((image.widthPx * 72) / 300, 6);
    // B1: 35 Code 128 symbols + stop + 2 × 10-module quiet zones ≈ 405 modules × 3 dots.
    expect(image.widthPx).toBeGreaterThan(1150);
    expect(image.widthPx).toBeLessThan(1300);
    const heightMm = (image.heightPx / 300) * 25.4;
    expect(heightMm).toBeGreaterThan(15); // 15 mm of bars plus the text line
    expect(heightMm).toBeLessThan(25);
  });

  it('grows with the number of dots per module and shrinks without the text', async () => {
    const normal = await renderReceiptBarcodePng(b1);
    const wider = await renderReceiptBarcodePng(b1, { moduleDots: 4 });
    const bare = await renderReceiptBarcodePng(b1, { includeText: false });
    expect(wider.widthPx).toBeGreaterThan(normal.widthPx);
    expect(bare.heightPx).toBeLessThan(normal.heightPx);
  });

  it('refuses a fractional number of dots per module', async () => {
    await expect(renderReceiptBarcodePng(b1, { moduleDots: 2.5 })).rejects.toThrow(RangeError);
  });
});

describe('renderReceiptBarcodeSvg', () => {
  it('returns an SVG with its size on paper in millimetres', () => {
    const { svg, widthMm, heightMm } = renderReceiptBarcodeSvg(b1);
    expect(svg).toContain('<svg');
    expect(svg).toContain(`width="${widthMm}mm" height="${heightMm}mm"`);
    expect(widthMm).toBeGreaterThan(95);
    expect(widthMm).toBeLessThan(110);
  });

  it('draws the human-readable line (glyph paths) only when asked', () => {
    const withText = renderReceiptBarcodeSvg(b1).svg;
    const withoutText = renderReceiptBarcodeSvg(b1, { includeText: false }).svg;
    expect(withText.length).toBeGreaterThan(withoutText.length + 1000);
  });
});

describe('the FNC1 placement', () => {
  it('is the one bwip-js chooses: code128Text through code128 draws the same bars as gs1-128', () => {
    const fromGs1 = bwipjs.raw('gs1-128', b1.humanReadable, {});
    const fromCode128 = bwipjs.raw('code128', b1.code128Text, { parsefnc: true });
    const bars = (symbol: typeof fromGs1) => (symbol[0] as { sbs: number[] }).sbs;
    expect(bars(fromCode128)).toEqual(bars(fromGs1));
    // …and moving a separator changes the bars, so the comparison means something.
    const misplaced = b1.code128Text.replace('^FNC13900', '3900');
    expect(bars(bwipjs.raw('code128', misplaced, { parsefnc: true }))).not.toEqual(bars(fromGs1));
  });

  it('matches the scanner data: GS where the symbol has FNC1, except the leading one', () => {
    expect(b1.code128Text.replace(/^\^FNC1/, '').replaceAll('^FNC1', '\x1d')).toBe(b1.data);
  });

  it('is backed by bwip-js linting: it refuses to draw a GLN with a wrong check digit', () => {
    expect(() =>
      bwipjs.raw('gs1-128', b1.humanReadable.replace('7709998000018', '7709998000017'), {}),
    ).toThrow(/checksum/i);
  });
});

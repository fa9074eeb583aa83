import bwipjs from 'bwip-js';
import fc from 'fast-check';
import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { encodeReceiptBarcode, gs1CheckDigit } from '../barcode/index.ts';
import { barsPath, type QrMatrix, qrMatrix, qrPath, qrRectangles, receiptGs1128Bars } from './bars.ts';

/** bwip-js, the reference encoder: element widths of its gs1-128 symbol for the human-readable text. */
function bwipWidths(humanReadable: string): number[] {
  const [symbol] = bwipjs.raw('gs1-128', humanReadable, {}) as { sbs: number[] }[];
  return symbol?.sbs ?? [];
}

const B1 = encodeReceiptBarcode({
  gln: '7709998000018',
  reference: '202600123459',
  amountPesos: 1_305_000,
  dueDate: '2026-03-31',
});

describe('receiptGs1128Bars', () => {
  it('draws worked example B1 (taxes.md §4.3) bar for bar as bwip-js encodes it', () => {
    const bars = receiptGs1128Bars(B1.data);
    expect(bars.widths).toEqual(bwipWidths(B1.humanReadable));
    // Start C, FNC1 (GS1-128), 41 57 70 …; stop at the end.
    expect(bars.values.slice(0, 4)).toEqual([105, 102, 41, 57]);
    expect(bars.values.at(-1)).toBe(106);
    expect(bars.modules).toBe(bars.widths.reduce((sum, width) => sum + width, 0));
  });

  it('puts FNC1 after (8020) and (3900) and nowhere else but the start', () => {
    const values = receiptGs1128Bars(B1.data).values;
    const fnc1 = values.flatMap((value, index) => (value === 102 ? [index] : []));
    expect(fnc1).toHaveLength(3);
    expect(fnc1[0]).toBe(1);
  });

  it('ends with the mod-103 check character of the symbol', () => {
    const values = receiptGs1128Bars(B1.data).values;
    const data = values.slice(0, -2);
    const weighted = data.reduce((sum, value, position) => sum + value * Math.max(position, 1), 0);
    expect(values.at(-2)).toBe(weighted % 103);
  });

  it('matches bwip-js for any reference and amount length the barcode allows', () => {
    const digits = (min: number, max: number) =>
      fc.array(fc.integer({ min: 0, max: 9 }), { minLength: min, maxLength: max }).map((d) => d.join(''));
    const withCheckDigit = (base: string) => `${base}${gs1CheckDigit(base)}`;
    fc.assert(
      fc.property(
        digits(12, 12),
        digits(1, 24),
        fc.integer({ min: 1, max: 15 }),
        fc.bigInt({ min: 0n, max: 999_999_999_999_999n }),
        fc.date({
          min: new Date('2000-01-01T00:00:00Z'),
          max: new Date('2099-12-31T00:00:00Z'),
          noInvalidDate: true,
        }),
        (glnBase, referenceBase, amountLength, amount, due) => {
          const fitting = amount % 10n ** BigInt(amountLength);
          const encoded = encodeReceiptBarcode(
            {
              gln: withCheckDigit(glnBase),
              reference: withCheckDigit(referenceBase),
              amountPesos: fitting,
              dueDate: due.toISOString().slice(0, 10),
            },
            { amountLength },
          );
          expect(receiptGs1128Bars(encoded.data).widths).toEqual(bwipWidths(encoded.humanReadable));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('refuses data that is not a receipt barcode instead of guessing an encodation', () => {
    expect(() => receiptGs1128Bars(B1.digitsOnly)).toThrow(RangeError);
    expect(() => receiptGs1128Bars(B1.humanReadable)).toThrow(RangeError);
    expect(() => receiptGs1128Bars('')).toThrow(RangeError);
  });
});

describe('barsPath', () => {
  it('has one unit-high rectangle per bar, at the running module offset', () => {
    const bars = receiptGs1128Bars(B1.data);
    const rects = [...barsPath(bars).matchAll(/(\d+) 0 (\d+) 1 re/g)].map(([, x, width]) => [
      Number(x),
      Number(width),
    ]);
    expect(rects).toHaveLength((bars.widths.length + 1) / 2);
    expect(rects[0]).toEqual([0, bars.widths[0]]);
    const [lastX = 0, lastWidth = 0] = rects.at(-1) ?? [];
    expect(lastX + lastWidth).toBe(bars.modules); // the symbol ends with a bar
    const inked = rects.reduce((sum, [, width]) => sum + (width ?? 0), 0);
    expect(inked).toBe(
      bars.widths.filter((_, index) => index % 2 === 0).reduce((sum, width) => sum + width, 0),
    );
  });
});

describe('QR', () => {
  const url = 'https://sede.bucaramanga.gov.co/verificar/FP-2026-00012345';

  function paint(matrix: QrMatrix, rects: [number, number, number, number][]): Uint8Array {
    const painted = new Uint8Array(matrix.size * matrix.size);
    for (const [x, y, width, height] of rects) {
      for (let row = y; row < y + height; row++) {
        for (let col = x; col < x + width; col++)
          painted[row * matrix.size + col] = (painted[row * matrix.size + col] ?? 0) + 1;
      }
    }
    return painted;
  }

  it('is a version 4 symbol (33 × 33) for a verification URL of this length, error correction M', () => {
    const matrix = qrMatrix(url);
    expect(matrix.size).toBe(33);
    expect(matrix.dark).toHaveLength(33 * 33);
    // Same symbol as the qrcode package makes with the same settings.
    const reference = QRCode.create([{ data: Buffer.from(url), mode: 'byte' }], {
      errorCorrectionLevel: 'M',
      maskPattern: 2,
    });
    expect(Array.from(matrix.dark)).toEqual(Array.from(reference.modules.data));
  });

  it('grows with the text: size is 17 + 4 × version', () => {
    const long = qrMatrix(`${url}?${'x'.repeat(200)}`);
    expect((long.size - 17) % 4).toBe(0);
    expect(long.size).toBeGreaterThan(33);
  });

  it('covers exactly the dark modules, each once, with rectangles inside the symbol', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 120 }), (text) => {
        const matrix = qrMatrix(text);
        const rects = qrRectangles(matrix);
        for (const [x, y, width, height] of rects) {
          expect(x + width).toBeLessThanOrEqual(matrix.size);
          expect(y + height).toBeLessThanOrEqual(matrix.size);
        }
        expect(Array.from(paint(matrix, rects))).toEqual(Array.from(matrix.dark));
      }),
      { numRuns: 60 },
    );
  });

  it('writes one `re` per rectangle, far fewer than dark modules', () => {
    const matrix = qrMatrix(url);
    const path = qrPath(matrix);
    const count = path.split(' re').length - 1;
    expect(count).toBe(qrRectangles(matrix).length);
    expect(count).toBeLessThan(matrix.dark.reduce((sum, module) => sum + module, 0) / 2);
  });
});

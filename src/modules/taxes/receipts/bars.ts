/**
 * The receipt's GS1-128 bars and its verification QR as vector rectangles (PDF path operators).
 *
 * Why not bwip-js or a PNG: a receipt carries 2–4 barcodes and one QR, all different per bill, and the
 * renderer must make hundreds of receipts per second on one core. bwip-js's encoder costs ~0.2 ms per
 * barcode and a PNG must be deflated, embedded and inflated again by the printer; here the bars cost
 * microseconds and print as exact vector shapes at any resolution.
 *
 * The Code 128 encodation below is the one bwip-js (BWIPP) produces for receipt element strings
 * (taxes.md §4.1–4.2: Start C, FNC1, digit pairs, a one-digit switch to set B around odd-length fields,
 * FNC1 after (8020) and (3900)); bars.test.ts checks it bar for bar against bwip-js, which stays the
 * reference encoder. Its domain is exactly that shape (what `encodeReceiptBarcode(...).data` returns):
 * anything else is refused, not approximated.
 */
import QRCode, { type QRCodeMaskPattern } from 'qrcode';
import { GS } from '../barcode/index.ts';

// ───────────────────────────── GS1-128 ─────────────────────────────

/** Element widths (bar, space, bar, …) of Code 128 symbol values 0–106; the stop (106) has 7 elements. */
const CODE128_PATTERNS = (
  '212222 222122 222221 121223 121322 131222 122213 122312 132212 221213 221312 231212 112232 122132 ' +
  '122231 113222 123122 123221 223211 221132 221231 213212 223112 312131 311222 321122 321221 312212 ' +
  '322112 322211 212123 212321 232121 111323 131123 131321 112313 132113 132311 211313 231113 231311 ' +
  '112133 112331 132131 113123 113321 133121 313121 211331 231131 213113 213311 213131 311123 311321 ' +
  '331121 312113 312311 332111 314111 221411 431111 111224 111422 121124 121421 141122 141221 112214 ' +
  '112412 122114 122411 142112 142211 241211 221114 413111 241112 134111 111242 121142 121241 114212 ' +
  '124112 124211 411212 421112 421211 212141 214121 412121 111143 111341 131141 114113 114311 411113 ' +
  '411311 113141 114131 311141 411131 211412 211214 211232 2331112'
)
  .split(' ')
  .map((pattern) => Array.from(pattern, Number));

const CODE_C = 99;
const CODE_B = 100;
const FNC1 = 102;
const START_C = 105;
const STOP = 106;
/** Value of a digit character in code set B ('0' is 16). */
const SET_B_OFFSET = 32;

/** Quiet zone on each side, in modules: the Code 128 minimum (GS1 General Specifications §5.4.4.5). */
export const GS1_128_QUIET_ZONE_MODULES = 10;

/** `415<GLN>8020<ref><GS>3900<amount><GS>96<YYYYMMDD>`, the scanner data of a receipt barcode. */
const RECEIPT_FIELDS = [/^415\d{13}8020\d{1,25}$/, /^3900\d{1,15}$/, /^96\d{8}$/];

export interface Gs1128Bars {
  /** Code 128 symbol values, start and check character and stop included. */
  values: number[];
  /** Element widths in modules, alternating bar and space, starting (and ending) with a bar. */
  widths: number[];
  /** Width of the symbol in modules, without quiet zones. */
  modules: number;
}

/**
 * Bars of a receipt barcode from its scanner data (`EncodedReceiptBarcode.data`: digits, with GS where
 * FNC1 goes). Throws RangeError for anything that is not a receipt element string.
 */
export function receiptGs1128Bars(scannerData: string): Gs1128Bars {
  const fields = scannerData.split(GS);
  if (
    fields.length !== RECEIPT_FIELDS.length ||
    fields.some((field, index) => !RECEIPT_FIELDS[index]?.test(field))
  ) {
    throw new RangeError(
      'Los datos del código de barras no tienen la forma de un recibo: 415<GLN>8020<referencia>⟨GS⟩3900<valor>⟨GS⟩96<AAAAMMDD>.',
    );
  }
  const values = [START_C, FNC1];
  let inSetB = false;
  fields.forEach((field, fieldIndex) => {
    let at = 0;
    if (inSetB) {
      // Already in set B after an odd field: spend this field's odd digit there, then go back to C.
      if (field.length % 2 === 1) values.push(field.charCodeAt(at++) - SET_B_OFFSET);
      values.push(CODE_C);
      inSetB = false;
    }
    for (; at + 1 < field.length; at += 2) {
      values.push((field.charCodeAt(at) - 48) * 10 + field.charCodeAt(at + 1) - 48);
    }
    if (at < field.length) {
      values.push(CODE_B, field.charCodeAt(at) - SET_B_OFFSET);
      inSetB = true;
    }
    if (fieldIndex < fields.length - 1) values.push(FNC1);
  });
  let weightedSum = START_C;
  for (let position = 1; position < values.length; position++) {
    weightedSum += (values[position] ?? 0) * position;
  }
  values.push(weightedSum % 103, STOP);

  const widths: number[] = [];
  let modules = 0;
  for (const value of values) {
    for (const width of CODE128_PATTERNS[value] ?? []) {
      widths.push(width);
      modules += width;
    }
  }
  return { values, widths, modules };
}

/**
 * The bars as PDF path operators in module units: bar i is `x 0 w 1 re`, x and w whole modules, height 1.
 * The caller scales it (X-dimension across, bar height down) and fills it, so every bar edge falls on an
 * exact multiple of the X-dimension.
 */
export function barsPath(bars: Pick<Gs1128Bars, 'widths'>): string {
  let path = '';
  let x = 0;
  bars.widths.forEach((width, element) => {
    if (element % 2 === 0) path += `${x} 0 ${width} 1 re `;
    x += width;
  });
  return path.trimEnd();
}

// ───────────────────────────── QR ─────────────────────────────

/**
 * A fixed mask instead of the best-of-eight search: the search is ~85 % of QRCode.create's time, and a
 * reader takes the mask from the format information whatever it is. Error correction M, byte mode.
 */
const QR_MASK: QRCodeMaskPattern = 2;

export interface QrMatrix {
  /** Modules per side (21 for version 1, +4 per version). */
  size: number;
  /** Row-major, 1 = dark. */
  dark: Uint8Array;
}

export function qrMatrix(text: string): QrMatrix {
  const symbol = QRCode.create([{ data: Buffer.from(text, 'utf8'), mode: 'byte' }], {
    errorCorrectionLevel: 'M',
    maskPattern: QR_MASK,
  });
  return { size: symbol.modules.size, dark: symbol.modules.data };
}

/** [x, y, width, height] in modules. */
export type ModuleRect = [number, number, number, number];

/**
 * The dark modules as few rectangles: runs along each row, stacked while the next row has the same run.
 * Fewer path operators means a smaller, faster page; the union is exactly the dark modules.
 */
export function qrRectangles(matrix: QrMatrix): ModuleRect[] {
  const { size, dark } = matrix;
  const done: ModuleRect[] = [];
  let open: ModuleRect[] = []; // rectangles reaching the previous row, left to right
  for (let row = 0; row < size; row++) {
    const next: ModuleRect[] = [];
    let above = 0;
    let col = 0;
    while (col < size) {
      if (dark[row * size + col] !== 1) {
        col++;
        continue;
      }
      const start = col;
      while (col < size && dark[row * size + col] === 1) col++;
      // Open rectangles that end before this run cannot continue any more.
      while (above < open.length && (open[above] as ModuleRect)[0] < start)
        done.push(open[above++] as ModuleRect);
      const candidate = open[above];
      if (candidate && candidate[0] === start && candidate[2] === col - start) {
        candidate[3]++;
        next.push(candidate);
        above++;
      } else {
        next.push([start, row, col - start, 1]);
      }
    }
    while (above < open.length) done.push(open[above++] as ModuleRect);
    open = next;
  }
  done.push(...open);
  return done;
}

/** The dark modules as PDF path operators in module units (`x y w h re`), to be scaled and filled. */
export function qrPath(matrix: QrMatrix): string {
  let path = '';
  for (const [x, y, width, height] of qrRectangles(matrix)) path += `${x} ${y} ${width} ${height} re `;
  return path.trimEnd();
}

/**
 * Images of the receipt barcode, drawn by bwip-js's `gs1-128` encoder from the human-readable text (it
 * checks the GS1 syntax and the GLN check digit again and inserts FNC1 where §4.2 says).
 *
 * bwip-js measures in points at 72 dpi: one module is `scale` pixels and `height` (mm) becomes
 * height/25.4 × 72 × scale pixels. We instead want a bitmap meant for a given print resolution, so the
 * scale is the number of printer dots per module and the heights are converted to that resolution.
 *
 * Defaults [INF]: 3 dots per module at 300 dpi = X-dimension 0.254 mm, which keeps every bar an exact
 * number of printer dots (no resampling blur) and keeps B1 102 mm wide with its quiet zones and the
 * longest possible barcode (25-digit reference, 15-digit amount) 134 mm, inside a letter page; 15 mm
 * bars (GS1 asks at least 12.7 mm for GS1-128 outside retail [MEM]); 10-module quiet zones (the Code 128
 * minimum); text about 7 pt.
 * Banks that ask for another X-dimension or height change the options, not the code.
 */
import bwipjs from 'bwip-js';
import type { EncodedReceiptBarcode } from './gs1-128.rules.ts';

export interface BarcodeImageOptions {
  /** Resolution the image is meant to be printed at. Default 300. */
  dpi?: number;
  /** Printer dots per narrow bar (module). Default 3 (0.254 mm at 300 dpi). */
  moduleDots?: number;
  /** Height of the bars, mm on paper. Default 15. */
  barHeightMm?: number;
  /** Size of the human-readable text, points on paper. Default 7. */
  textSizePt?: number;
  /** Print the human-readable line under the bars. Default true (taxes.md §1.6, §4.2). */
  includeText?: boolean;
}

export interface BarcodePng {
  png: Buffer;
  widthPx: number;
  heightPx: number;
  dpi: number;
  /** Size on paper in PDF points, e.g. pdfkit `doc.image(png, x, y, { width: widthPt })` prints at `dpi`. */
  widthPt: number;
  heightPt: number;
}

export interface BarcodeSvg {
  /** Carries width/height in mm, so a browser prints it at its real size. */
  svg: string;
  widthMm: number;
  heightMm: number;
}

const POINTS_PER_INCH = 72;
const MM_PER_INCH = 25.4;
const QUIET_ZONE_MODULES = 10;

type RenderOptions = Parameters<typeof bwipjs.toSVG>[0];

function renderOptions(barcode: Pick<EncodedReceiptBarcode, 'humanReadable'>, options: BarcodeImageOptions) {
  const { dpi = 300, moduleDots = 3, barHeightMm = 15, textSizePt = 7, includeText = true } = options;
  if (!Number.isInteger(moduleDots) || moduleDots < 1) {
    throw new RangeError('moduleDots must be a positive integer (printer dots per module)');
  }
  if (!(dpi > 0 && barHeightMm > 0 && textSizePt > 0)) {
    throw new RangeError('dpi, barHeightMm and textSizePt must be positive');
  }
  // bwip-js sizes in 72-dpi points times `scale`; this factor maps "on paper at dpi" to bwip-js units.
  const paperToBwip = dpi / (POINTS_PER_INCH * moduleDots);
  const textSize = textSizePt * paperToBwip;
  const bwipOptions: RenderOptions = {
    bcid: 'gs1-128',
    text: barcode.humanReadable,
    scale: moduleDots,
    height: barHeightMm * paperToBwip,
    includetext: includeText,
    textxalign: 'center',
    textsize: textSize,
    // Baseline below the bars by the cap height plus a small gap (BWIPP measures it down from the bars).
    textyoffset: -(0.75 * textSize + 2),
    paddingleft: QUIET_ZONE_MODULES,
    paddingright: QUIET_ZONE_MODULES,
    paddingtop: 2,
    paddingbottom: 2,
    backgroundcolor: 'FFFFFF',
  };
  return { dpi, bwipOptions };
}

/** PNG for the receipt PDF. */
export async function renderReceiptBarcodePng(
  barcode: Pick<EncodedReceiptBarcode, 'humanReadable'>,
  options: BarcodeImageOptions = {},
): Promise<BarcodePng> {
  const { dpi, bwipOptions } = renderOptions(barcode, options);
  const png = await bwipjs.toBuffer(bwipOptions);
  // IHDR: width and height are the big-endian words at bytes 16 and 20.
  const widthPx = png.readUInt32BE(16);
  const heightPx = png.readUInt32BE(20);
  return {
    png,
    widthPx,
    heightPx,
    dpi,
    widthPt: (widthPx * POINTS_PER_INCH) / dpi,
    heightPt: (heightPx * POINTS_PER_INCH) / dpi,
  };
}

/** SVG for the web (cashier's screen, printable receipt page). */
export function renderReceiptBarcodeSvg(
  barcode: Pick<EncodedReceiptBarcode, 'humanReadable'>,
  options: BarcodeImageOptions = {},
): BarcodeSvg {
  const { dpi, bwipOptions } = renderOptions(barcode, options);
  const drawn = bwipjs.toSVG(bwipOptions);
  const viewBox = /viewBox="0 0 (\d+(?:\.\d+)?) (\d+(?:\.\d+)?)"/.exec(drawn);
  if (!viewBox) throw new Error('bwip-js returned an SVG without a viewBox');
  const widthMm = round2((Number(viewBox[1]) * MM_PER_INCH) / dpi);
  const heightMm = round2((Number(viewBox[2]) * MM_PER_INCH) / dpi);
  const svg = drawn.replace('<svg ', `<svg width="${widthMm}mm" height="${heightMm}mm" `);
  return { svg, widthMm, heightMm };
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}

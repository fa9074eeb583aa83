/**
 * How many predial receipts one core renders per second, next to a bare one-page pdfkit document
 * (`doc.text('Hola')`, Helvetica, default settings) measured in the same run, so that the figure can be
 * compared across machines as a ratio.
 *
 * Receipts are the sample of receipt-sample.ts (3 lines, 3 pay-by options with their barcodes, QR),
 * each with its own serial — so its own reference, amounts, barcodes and verification URL — compressed
 * as in production. The two loops alternate in short slices, so that a noisy neighbour or a CPU
 * frequency change affects both alike.
 */
import PDFDocument from 'pdfkit';
import type { PredialReceiptData } from './receipt-data.ts';
import type { ReceiptTypeface } from './receipt-fonts.ts';
import { renderPredialReceipt } from './receipt-pdf.ts';
import { samplePredialReceipt } from './receipt-sample.ts';

export interface ReceiptThroughput {
  receiptsPerSecond: number;
  barePdfPerSecond: number;
  /** receiptsPerSecond / barePdfPerSecond. */
  ratio: number;
}

export interface ThroughputOptions {
  /** Seconds spent on each of the two loops (default 3). */
  seconds?: number;
  /** Default Work Sans, as renderPredialReceipt. */
  typeface?: ReceiptTypeface;
}

const SLICE_MS = 200;
const DISTINCT_RECEIPTS = 256;

export async function measureReceiptThroughput(opts: ThroughputOptions = {}): Promise<ReceiptThroughput> {
  const seconds = opts.seconds ?? 3;
  if (!(seconds > 0)) throw new RangeError('seconds must be positive');
  const typeface = opts.typeface ?? 'work-sans';
  const receipts: PredialReceiptData[] = Array.from({ length: DISTINCT_RECEIPTS }, (_, index) =>
    samplePredialReceipt({ serial: 100_000 + index * 7919 }),
  );
  let next = 0;
  const renderReceipt = () => {
    renderPredialReceipt(receipts[next++ % DISTINCT_RECEIPTS] as PredialReceiptData, { typeface });
  };

  // Warm-up: JIT, font preparation, caches.
  runFor(Math.min(500, seconds * 200), renderReceipt);
  runFor(Math.min(500, seconds * 200), renderBarePdf);

  const budgetMs = seconds * 1000;
  const receiptLoop = { count: 0, ms: 0 };
  const bareLoop = { count: 0, ms: 0 };
  while (receiptLoop.ms < budgetMs || bareLoop.ms < budgetMs) {
    if (receiptLoop.ms < budgetMs) accumulate(receiptLoop, runFor(SLICE_MS, renderReceipt));
    if (bareLoop.ms < budgetMs) accumulate(bareLoop, runFor(SLICE_MS, renderBarePdf));
    // Let timers and I/O of the host process run between slices.
    await new Promise((resolve) => setImmediate(resolve));
  }
  const receiptsPerSecond = (receiptLoop.count * 1000) / receiptLoop.ms;
  const barePdfPerSecond = (bareLoop.count * 1000) / bareLoop.ms;
  return {
    receiptsPerSecond: Math.round(receiptsPerSecond),
    barePdfPerSecond: Math.round(barePdfPerSecond),
    ratio: Math.round((receiptsPerSecond / barePdfPerSecond) * 1000) / 1000,
  };
}

/** The reference: the smallest useful pdfkit document, collected to a Buffer like the receipts. */
export function renderBarePdf(): Buffer {
  const doc = new PDFDocument();
  doc.text('Hola');
  doc.end();
  const chunks: Buffer[] = [];
  for (let chunk = doc.read() as Buffer | null; chunk !== null; chunk = doc.read() as Buffer | null) {
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

function runFor(milliseconds: number, work: () => void): { count: number; ms: number } {
  const start = performance.now();
  let count = 0;
  let elapsed = 0;
  do {
    work();
    count++;
    elapsed = performance.now() - start;
  } while (elapsed < milliseconds);
  return { count, ms: elapsed };
}

function accumulate(total: { count: number; ms: number }, slice: { count: number; ms: number }): void {
  total.count += slice.count;
  total.ms += slice.ms;
}

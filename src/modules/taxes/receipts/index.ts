// Predial receipt (factura / liquidación oficial, taxes.md §1.6) as a PDF, with its GS1-128 barcodes (§4).

export {
  barsPath,
  GS1_128_QUIET_ZONE_MODULES,
  type Gs1128Bars,
  type ModuleRect,
  type QrMatrix,
  qrMatrix,
  qrPath,
  qrRectangles,
  receiptGs1128Bars,
} from './bars.ts';
export {
  checkPredialReceiptData,
  MAX_PAY_OPTIONS,
  makeReceiptPayOption,
  type PredialReceiptData,
  type ReceiptAvaluo,
  type ReceiptBarcode,
  type ReceiptBill,
  ReceiptDataError,
  type ReceiptIssuer,
  type ReceiptLine,
  type ReceiptOwner,
  type ReceiptPayOption,
  type ReceiptPredio,
} from './receipt-data.ts';
export type { ReceiptTypeface } from './receipt-fonts.ts';
export { type RenderReceiptOptions, renderPredialReceipt } from './receipt-pdf.ts';
export { SAMPLE_COLLECTOR_GLN, type SampleReceiptOptions, samplePredialReceipt } from './receipt-sample.ts';
export {
  measureReceiptThroughput,
  type ReceiptThroughput,
  renderBarePdf,
  type ThroughputOptions,
} from './receipt-throughput.ts';

// Bank barcode of tax receipts (GS1-128, taxes.md §4) and the payment reference it carries.

export { BarcodeError, type BarcodeErrorCode } from './barcode.errors.ts';
export { type DecodedForCli, decodeForCli, describeDecodedBarcode } from './barcode-cli.ts';
export {
  type BarcodeImageOptions,
  type BarcodePng,
  type BarcodeSvg,
  renderReceiptBarcodePng,
  renderReceiptBarcodeSvg,
} from './barcode-image.ts';
export {
  AMOUNT_MAX_LENGTH,
  DEFAULT_AMOUNT_LENGTH,
  type DecodedReceiptBarcode,
  type DecodeOptions,
  decodeReceiptBarcode,
  type EncodedReceiptBarcode,
  encodeReceiptBarcode,
  GS,
  type ReceiptBarcodeFormat,
  type ReceiptBarcodeInput,
} from './gs1-128.rules.ts';
export { gs1CheckDigit, isValidGln } from './gs1-check-digit.rules.ts';
export {
  isValidPaymentReference,
  makePaymentReference,
  PAYMENT_REFERENCE_MAX_LENGTH,
  type PaymentReferenceOptions,
} from './payment-reference.rules.ts';

/**
 * `npm run cli -- barcode:decode "<text>" --json` and the cashier's look-up: decode a receipt barcode and
 * attach the bill it pays. The caller supplies the bill look-up, so this file needs no database.
 */
import { type DecodedReceiptBarcode, type DecodeOptions, decodeReceiptBarcode } from './gs1-128.rules.ts';

export type DecodedForCli<Bill extends object> = DecodedReceiptBarcode & { bill: Bill | null };

/** Throws BarcodeError (Spanish `detail`, stable `code`) for malformed text; `bill` is null when none matches. */
export async function decodeForCli<Bill extends object>(
  text: string,
  findBill: (reference: string) => Promise<Bill | null>,
  options: DecodeOptions = {},
): Promise<DecodedForCli<Bill>> {
  const { gln, reference, amount, dueDate, glnCheckDigitValid } = decodeReceiptBarcode(text, options);
  const bill = await findBill(reference);
  return { gln, reference, amount, dueDate, glnCheckDigitValid, bill: bill ?? null };
}

/** The same result for people (CLI without --json). */
export function describeDecodedBarcode(result: DecodedForCli<object>): string {
  const pesos = new Intl.NumberFormat('es-CO', { maximumFractionDigits: 0 }).format(result.amount);
  return [
    `GLN del recaudador: ${result.gln}${result.glnCheckDigitValid ? '' : ' (dígito de verificación inválido)'}`,
    `Referencia de pago: ${result.reference}`,
    `Valor a pagar:      $${pesos}`,
    `Fecha límite:       ${result.dueDate}`,
    `Factura:            ${result.bill ? 'encontrada' : 'no encontrada'}`,
  ].join('\n');
}

/**
 * The payment reference of a bill, carried in AI (8020) of the receipt barcode (taxes.md §4.1, §4.2).
 *
 * Shape: `prefix + serial (zero-padded) + check digit`, digits only. The prefix comes from configuration
 * (e.g. the vigencia `2026`, or a series per tax), the serial is the bill's consecutive number, so the
 * reference is unique per bill for as long as (prefix, serial) is.
 *
 * Check digit: GS1 mod-10 (weights 3, 1 from the right). No Colombian standard exists for this digit
 * (§4.2 [NOT FOUND]); we take GS1 mod-10 because §4.2 recommends it, worked example B1 uses it, it is the
 * same algorithm as the GLN beside it on the barcode (bank software already computes it), and one digit
 * catches every single-digit typing error and every adjacent transposition except 0↔5, 1↔6, 2↔7, 3↔8,
 * 4↔9 — the errors of a cashier keying a reference by hand. Luhn misses 09↔90 and ISO 7064 mod 97-10
 * costs two digits out of the 25 the AI allows.
 */
import { BarcodeError } from './barcode.errors.ts';
import { gs1CheckDigit, hasValidGs1CheckDigit } from './gs1-check-digit.rules.ts';

/** AI (8020) holds at most 25 characters (GS1 General Specifications, X..25). */
export const PAYMENT_REFERENCE_MAX_LENGTH = 25;

export interface PaymentReferenceOptions {
  /** Digits that open every reference of the series (configured per convenio or vigencia); may be ''. */
  prefix: string;
  /**
   * Total length, check digit included; the serial is zero-padded to reach it. Banks usually agree a
   * fixed reference length in the convenio (§4.1), and a fixed length also keeps references of different
   * prefixes from colliding. Omit it to write the serial without padding.
   */
  length?: number;
}

/** `makePaymentReference(12345, { prefix: '2026', length: 12 })` → `'202600123459'` (example B1). */
export function makePaymentReference(serial: number | bigint, options: PaymentReferenceOptions): string {
  const { prefix, length } = options;
  if (!/^\d*$/.test(prefix)) {
    throw new BarcodeError(
      'PAYMENT_REFERENCE_INVALID_PREFIX',
      `El prefijo de la referencia de pago solo puede tener dígitos (recibido: "${prefix}").`,
      'prefix',
    );
  }
  if (typeof serial === 'number' ? !Number.isSafeInteger(serial) || serial < 0 : serial < 0n) {
    throw new BarcodeError(
      'PAYMENT_REFERENCE_INVALID_SERIAL',
      `El consecutivo de la factura debe ser un entero mayor o igual a cero (recibido: ${String(serial)}).`,
      'serial',
    );
  }
  const serialDigits = serial.toString();
  let base = prefix + serialDigits;
  if (length !== undefined) {
    if (!Number.isInteger(length) || length < 2 || length > PAYMENT_REFERENCE_MAX_LENGTH) {
      throw new BarcodeError(
        'PAYMENT_REFERENCE_INVALID_LENGTH',
        `La longitud de la referencia de pago debe estar entre 2 y ${PAYMENT_REFERENCE_MAX_LENGTH} dígitos (recibido: ${length}).`,
        'length',
      );
    }
    const serialWidth = length - 1 - prefix.length;
    if (serialDigits.length > serialWidth) {
      throw new BarcodeError(
        'PAYMENT_REFERENCE_TOO_LONG',
        `El consecutivo ${serialDigits} no cabe en una referencia de ${length} dígitos con el prefijo "${prefix}".`,
        'serial',
      );
    }
    base = prefix + serialDigits.padStart(serialWidth, '0');
  }
  if (base.length + 1 > PAYMENT_REFERENCE_MAX_LENGTH) {
    throw new BarcodeError(
      'PAYMENT_REFERENCE_TOO_LONG',
      `La referencia de pago no puede pasar de ${PAYMENT_REFERENCE_MAX_LENGTH} dígitos (tendría ${base.length + 1}).`,
      'serial',
    );
  }
  return `${base}${gs1CheckDigit(base)}`;
}

/** Digits only, 2 to 25 of them, the last being the GS1 mod-10 check digit of the others. */
export function isValidPaymentReference(reference: string): boolean {
  return reference.length <= PAYMENT_REFERENCE_MAX_LENGTH && hasValidGs1CheckDigit(reference);
}

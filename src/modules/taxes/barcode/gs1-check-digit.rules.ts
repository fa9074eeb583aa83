/**
 * The GS1 mod-10 check digit (GS1 General Specifications §7.9): weights 3, 1, 3, 1… from the rightmost
 * digit of the data, check digit = (10 − sum mod 10) mod 10. GLN, GTIN and SSCC all use it (taxes.md §4.2).
 */
export function gs1CheckDigit(dataDigits: string): number {
  if (!/^\d+$/.test(dataDigits)) throw new RangeError('gs1CheckDigit: only digits are allowed');
  let sum = 0;
  for (let fromRight = 0; fromRight < dataDigits.length; fromRight++) {
    const digit = dataDigits.charCodeAt(dataDigits.length - 1 - fromRight) - 48;
    sum += fromRight % 2 === 0 ? digit * 3 : digit;
  }
  return (10 - (sum % 10)) % 10;
}

/** True when `digits` (data followed by its check digit) ends with the right GS1 mod-10 check digit. */
export function hasValidGs1CheckDigit(digits: string): boolean {
  if (!/^\d{2,}$/.test(digits)) return false;
  return gs1CheckDigit(digits.slice(0, -1)) === Number(digits.at(-1));
}

/** A GLN is 13 digits whose last one is the GS1 mod-10 check digit of the first 12. */
export function isValidGln(gln: string): boolean {
  return /^\d{13}$/.test(gln) && hasValidGs1CheckDigit(gln);
}

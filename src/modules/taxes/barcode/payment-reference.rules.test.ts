import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BarcodeError } from './barcode.errors.ts';
import { gs1CheckDigit, hasValidGs1CheckDigit, isValidGln } from './gs1-check-digit.rules.ts';
import {
  isValidPaymentReference,
  makePaymentReference,
  PAYMENT_REFERENCE_MAX_LENGTH,
} from './payment-reference.rules.ts';
import vectors from './testdata/taxes-section-4-vectors.json' with { type: 'json' };

function errorCodeOf(action: () => unknown): string | undefined {
  try {
    action();
  } catch (error) {
    if (error instanceof BarcodeError) return error.code;
    throw error;
  }
  return undefined;
}

describe('GS1 mod-10 check digit', () => {
  it('accepts every GLN vector of taxes.md §4.2', () => {
    for (const gln of vectors.validGlns) {
      expect(isValidGln(gln), gln).toBe(true);
      expect(gs1CheckDigit(gln.slice(0, 12))).toBe(Number(gln[12]));
    }
  });

  it('computes the check digits of worked example B1 (§4.3)', () => {
    const b1 = vectors.workedExampleB1;
    expect(gs1CheckDigit(b1.glnBase)).toBe(b1.glnCheckDigit);
    expect(gs1CheckDigit(b1.referenceBase)).toBe(b1.referenceCheckDigit);
  });

  it('refuses a GLN with a wrong check digit, a wrong length or letters', () => {
    expect(isValidGln('7709998000017')).toBe(false);
    expect(isValidGln('770999800001')).toBe(false);
    expect(isValidGln('77099980000180')).toBe(false);
    expect(isValidGln('770999800001X')).toBe(false);
  });

  it('agrees with the well-known EAN-13 example 4006381333931', () => {
    expect(gs1CheckDigit('400638133393')).toBe(1);
    expect(hasValidGs1CheckDigit('4006381333931')).toBe(true);
  });
});

describe('makePaymentReference', () => {
  it('builds the reference of worked example B1: vigencia 2026 + bill 12345 → 202600123459', () => {
    expect(makePaymentReference(12345, { prefix: '2026', length: 12 })).toBe(
      vectors.workedExampleB1.reference,
    );
    expect(makePaymentReference(12345n, { prefix: '2026', length: 12 })).toBe('202600123459');
  });

  it('writes the serial without padding when no length is configured', () => {
    expect(makePaymentReference(7, { prefix: '2026' })).toBe(`20267${gs1CheckDigit('20267')}`);
    expect(makePaymentReference(0, { prefix: '' })).toBe('00');
  });

  it('refuses bad serials, prefixes and lengths with Spanish errors', () => {
    expect(errorCodeOf(() => makePaymentReference(-1, { prefix: '2026' }))).toBe(
      'PAYMENT_REFERENCE_INVALID_SERIAL',
    );
    expect(errorCodeOf(() => makePaymentReference(1.5, { prefix: '2026' }))).toBe(
      'PAYMENT_REFERENCE_INVALID_SERIAL',
    );
    expect(errorCodeOf(() => makePaymentReference(2 ** 53, { prefix: '2026' }))).toBe(
      'PAYMENT_REFERENCE_INVALID_SERIAL',
    );
    expect(errorCodeOf(() => makePaymentReference(1, { prefix: 'PRED' }))).toBe(
      'PAYMENT_REFERENCE_INVALID_PREFIX',
    );
    expect(errorCodeOf(() => makePaymentReference(1, { prefix: '2026', length: 26 }))).toBe(
      'PAYMENT_REFERENCE_INVALID_LENGTH',
    );
    expect(errorCodeOf(() => makePaymentReference(10_000_000, { prefix: '2026', length: 12 }))).toBe(
      'PAYMENT_REFERENCE_TOO_LONG',
    );
    expect(errorCodeOf(() => makePaymentReference(10n ** 21n, { prefix: '2026' }))).toBe(
      'PAYMENT_REFERENCE_TOO_LONG',
    );
    try {
      makePaymentReference(10_000_000, { prefix: '2026', length: 12 });
    } catch (error) {
      expect((error as BarcodeError).detail).toContain('no cabe');
      expect((error as BarcodeError).field).toBe('serial');
      expect((error as BarcodeError).status).toBe(400);
    }
  });

  const prefixes = fc.stringMatching(/^\d{0,6}$/);

  it('gives valid references of the configured length that start with the prefix', () => {
    fc.assert(
      fc.property(prefixes, fc.integer({ min: 0, max: 99_999_999 }), (prefix, serial) => {
        const length = prefix.length + 1 + 8;
        const reference = makePaymentReference(serial, { prefix, length });
        expect(reference).toHaveLength(length);
        expect(reference.startsWith(prefix)).toBe(true);
        expect(reference.length).toBeLessThanOrEqual(PAYMENT_REFERENCE_MAX_LENGTH);
        expect(isValidPaymentReference(reference)).toBe(true);
      }),
    );
  });

  it('gives different references to different serials of one series', () => {
    fc.assert(
      fc.property(
        prefixes,
        fc.bigInt({ min: 0n, max: 10n ** 12n }),
        fc.bigInt({ min: 0n, max: 10n ** 12n }),
        fc.boolean(),
        (prefix, a, b, padded) => {
          fc.pre(a !== b);
          const options = padded ? { prefix, length: prefix.length + 14 } : { prefix };
          expect(makePaymentReference(a, options)).not.toBe(makePaymentReference(b, options));
        },
      ),
    );
  });
});

describe('isValidPaymentReference', () => {
  const references = fc
    .bigInt({ min: 0n, max: 10n ** 20n - 1n })
    .map((serial) => makePaymentReference(serial, { prefix: '2026', length: 25 }));

  it('catches every single mistyped digit', () => {
    fc.assert(
      fc.property(references, fc.nat(24), fc.integer({ min: 1, max: 9 }), (reference, at, shift) => {
        const digit = (Number(reference[at]) + shift) % 10;
        const mistyped = reference.slice(0, at) + digit + reference.slice(at + 1);
        expect(isValidPaymentReference(mistyped)).toBe(false);
      }),
    );
  });

  it('catches swapped neighbours unless they differ by 5 (the known blind spot of GS1 mod-10)', () => {
    fc.assert(
      fc.property(references, fc.nat(23), (reference, at) => {
        const a = reference[at] as string;
        const b = reference[at + 1] as string;
        fc.pre(a !== b);
        const swapped = reference.slice(0, at) + b + a + reference.slice(at + 2);
        expect(isValidPaymentReference(swapped)).toBe(Math.abs(Number(a) - Number(b)) === 5);
      }),
    );
  });

  it('refuses letters, one lone digit and more than 25 digits', () => {
    expect(isValidPaymentReference('20260012345A')).toBe(false);
    expect(isValidPaymentReference('0')).toBe(false);
    expect(isValidPaymentReference('')).toBe(false);
    const base = '1'.repeat(25);
    expect(isValidPaymentReference(base + gs1CheckDigit(base))).toBe(false);
  });
});

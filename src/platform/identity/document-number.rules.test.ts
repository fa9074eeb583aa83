import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkDocumentNumber, nitCheckDigit } from './document-number.rules.ts';

describe('NIT check digit (DIAN)', () => {
  it.each([
    ['890201222', 0], // Municipio de Bucaramanga
    ['800197268', 4], // DIAN
    ['899999001', 7], // Ministerio de Educación Nacional
    ['860034313', 7], // Davivienda
    ['890903938', 8], // Bancolombia
  ])('%s has check digit %i', (base, digit) => {
    expect(nitCheckDigit(base)).toBe(digit);
  });

  it('accepts a NIT with its digit, with or without dash and dots', () => {
    expect(checkDocumentNumber('NIT', '890.201.222-0')).toEqual({ ok: true, normalized: '890201222-0' });
    expect(checkDocumentNumber('NIT', '8902012220')).toEqual({ ok: true, normalized: '890201222-0' });
  });

  it('refuses a NIT whose check digit does not match, in Spanish', () => {
    const result = checkDocumentNumber('NIT', '890201222-5');
    expect(result).toEqual({ ok: false, message: expect.stringContaining('dígito de verificación') });
  });

  it('accepts exactly one check digit for every base number', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[1-9]\d{8}$/), fc.integer({ min: 1, max: 9 }), (base, shift) => {
        const digit = nitCheckDigit(base);
        const wrong = (digit + shift) % 10;
        return (
          checkDocumentNumber('NIT', `${base}-${digit}`).ok &&
          !checkDocumentNumber('NIT', `${base}-${wrong}`).ok
        );
      }),
    );
  });
});

describe('identity documents', () => {
  it.each([
    ['CC', '1.098.765.432', '1098765432'],
    ['CC', '63 345 678', '63345678'],
    ['TI', '1005123456', '1005123456'],
    ['CE', '456789', '456789'],
    ['PEP', '123456789012345', '123456789012345'],
    ['PA', 'ab123456', 'AB123456'],
  ] as const)('%s %s is normalised to %s', (type, input, normalized) => {
    expect(checkDocumentNumber(type, input)).toEqual({ ok: true, normalized });
  });

  it.each([
    ['CC', '0123456'],
    ['CC', '12345678901'],
    ['CC', '12a45'],
    ['TI', '123'],
    ['PEP', '1234'],
    ['PA', 'A-1'],
  ] as const)('%s %s is refused with a Spanish message', (type, input) => {
    const result = checkDocumentNumber(type, input);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(/debe|dígitos|letras/);
  });
});

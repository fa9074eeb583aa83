import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BarcodeError } from './barcode.errors.ts';
import {
  type DecodedReceiptBarcode,
  decodeReceiptBarcode,
  encodeReceiptBarcode,
  GS,
  type ReceiptBarcodeInput,
} from './gs1-128.rules.ts';
import { gs1CheckDigit } from './gs1-check-digit.rules.ts';
import vectors from './testdata/taxes-section-4-vectors.json' with { type: 'json' };

const GLN = '7709998000018';
const REFERENCE = '202600123459';
const valid: ReceiptBarcodeInput = {
  gln: GLN,
  reference: REFERENCE,
  amountPesos: 1_305_000,
  dueDate: '2026-03-31',
};

function barcodeError(action: () => unknown): BarcodeError {
  try {
    action();
  } catch (error) {
    if (error instanceof BarcodeError) return error;
    throw error;
  }
  throw new Error('expected a BarcodeError, nothing was thrown');
}

describe('encodeReceiptBarcode', () => {
  it('puts GS after the variable-length (8020) and (3900) only, none after the last element (96)', () => {
    const { data } = encodeReceiptBarcode(valid);
    expect(data.split(GS)).toEqual(['4157709998000018' + '8020202600123459', '39000001305000', '9620260331']);
  });

  it('pads the amount to the convenio length and accepts BigInt pesos', () => {
    expect(encodeReceiptBarcode({ ...valid, amountPesos: 0 }).humanReadable).toContain(
      '(3900)0000000000(96)',
    );
    expect(encodeReceiptBarcode(valid, { amountLength: 14 }).humanReadable).toContain(
      '(3900)00000001305000(96)',
    );
    expect(
      encodeReceiptBarcode({ ...valid, amountPesos: 999_999_999_999_999n }, { amountLength: 15 })
        .humanReadable,
    ).toContain('(3900)999999999999999(96)');
  });

  it.each([
    ['a GLN with a wrong check digit', { gln: '7709998000017' }, 'BARCODE_INVALID_GLN', 'gln'],
    ['a GLN of 12 digits', { gln: '770999800001' }, 'BARCODE_INVALID_GLN', 'gln'],
    [
      'a reference with a wrong check digit',
      { reference: '202600123458' },
      'BARCODE_INVALID_REFERENCE',
      'reference',
    ],
    ['a reference with letters', { reference: 'F2026-0012345' }, 'BARCODE_INVALID_REFERENCE', 'reference'],
    ['a reference of 26 digits', { reference: '1'.repeat(26) }, 'BARCODE_INVALID_REFERENCE', 'reference'],
    ['a negative amount', { amountPesos: -1 }, 'BARCODE_INVALID_AMOUNT', 'amountPesos'],
    ['an amount with centavos', { amountPesos: 1_305_000.5 }, 'BARCODE_INVALID_AMOUNT', 'amountPesos'],
    ['an amount past 2^53', { amountPesos: 2 ** 53 }, 'BARCODE_INVALID_AMOUNT', 'amountPesos'],
    [
      'an amount longer than 10 digits',
      { amountPesos: 10_000_000_000 },
      'BARCODE_AMOUNT_TOO_LONG',
      'amountPesos',
    ],
    ['30 February', { dueDate: '2026-02-30' }, 'BARCODE_INVALID_DUE_DATE', 'dueDate'],
    ['29 February of a common year', { dueDate: '2027-02-29' }, 'BARCODE_INVALID_DUE_DATE', 'dueDate'],
    ['a compact date', { dueDate: '20260331' }, 'BARCODE_INVALID_DUE_DATE', 'dueDate'],
  ] as const)('refuses %s', (_, change, code, field) => {
    const error = barcodeError(() => encodeReceiptBarcode({ ...valid, ...change }));
    expect(error.code).toBe(code);
    expect(error.field).toBe(field);
    expect(error.status).toBe(400);
    expect(error.detail).toMatch(/[a-záéíóúñ]+ /i);
  });

  it('accepts 29 February of a leap year', () => {
    expect(encodeReceiptBarcode({ ...valid, dueDate: '2028-02-29' }).humanReadable).toMatch(
      /\(96\)20280229$/,
    );
  });

  it('refuses an amount length outside 1..15', () => {
    expect(barcodeError(() => encodeReceiptBarcode(valid, { amountLength: 16 })).code).toBe(
      'BARCODE_AMOUNT_TOO_LONG',
    );
  });

  it('explains a too-long amount in Spanish, naming the agreed length', () => {
    const error = barcodeError(() =>
      encodeReceiptBarcode({ ...valid, amountPesos: 123_456 }, { amountLength: 5 }),
    );
    expect(error.detail).toBe(
      'El valor $123456 no cabe en los 5 dígitos acordados con el banco para el código de barras.',
    );
  });
});

describe('decodeReceiptBarcode: the three textual forms', () => {
  it.each(vectors.publicColombianExamples)('reads the public Colombian example $humanReadable', (example) => {
    const expected: DecodedReceiptBarcode = {
      gln: example.gln,
      reference: example.reference,
      amount: example.amount,
      dueDate: example.dueDate,
      glnCheckDigitValid: true,
    };
    const digits = example.humanReadable.replace(/[()]/g, '');
    const scanned = `415${example.gln}8020${example.reference}${GS}3900${digits.slice(
      3 + 13 + 4 + example.reference.length + 4,
      -10,
    )}${GS}96${digits.slice(-8)}`;
    expect(decodeReceiptBarcode(example.humanReadable)).toEqual(expected);
    expect(decodeReceiptBarcode(scanned)).toEqual(expected);
    expect(decodeReceiptBarcode(digits)).toEqual(expected);
  });

  it('tolerates what scanners and people add: spaces, line breaks, ]C1, a leading or trailing GS', () => {
    const { data, humanReadable } = encodeReceiptBarcode(valid);
    const expected = decodeReceiptBarcode(humanReadable);
    expect(decodeReceiptBarcode(`  ${humanReadable.replaceAll('(', ' (')}\n`)).toEqual(expected);
    expect(decodeReceiptBarcode(`]C1${data}`)).toEqual(expected);
    expect(decodeReceiptBarcode(`${GS}${data}${GS}`)).toEqual(expected);
    expect(decodeReceiptBarcode(`${GS}${data}\r\n`)).toEqual(expected);
  });

  it('reads separators typed as <GS>, ⟨GS⟩, ␝ or ^FNC1', () => {
    const { data, code128Text } = encodeReceiptBarcode(valid);
    const expected = decodeReceiptBarcode(data);
    for (const stand of ['<GS>', '<gs>', '⟨GS⟩', '␝']) {
      expect(decodeReceiptBarcode(data.replaceAll(GS, stand))).toEqual(expected);
    }
    expect(decodeReceiptBarcode(code128Text)).toEqual(expected);
  });

  it('reads the parenthesised form in any order', () => {
    expect(decodeReceiptBarcode('(96)20260331(3900)0001305000(8020)202600123459(415)7709998000018')).toEqual(
      decodeReceiptBarcode(encodeReceiptBarcode(valid).humanReadable),
    );
  });

  it('reports a GLN with a wrong check digit instead of refusing it', () => {
    const decoded = decodeReceiptBarcode('(415)7709998000017(8020)202600123459(3900)0001305000(96)20260331');
    expect(decoded.gln).toBe('7709998000017');
    expect(decoded.glnCheckDigitValid).toBe(false);
    expect(
      decodeReceiptBarcode('41577099980000178020202600123459\x1d39000001305000\x1d9620260331'),
    ).toMatchObject({
      glnCheckDigitValid: false,
    });
  });

  it('uses GS as a hard boundary: a reference that contains 3900 is read whole', () => {
    const reference = `3900390${gs1CheckDigit('3900390')}`;
    const data = `415${GLN}8020${reference}${GS}39003900${GS}9620260331`;
    expect(decodeReceiptBarcode(data)).toMatchObject({ reference, amount: 3900 });
  });
});

describe('decodeReceiptBarcode: raw digits without separators', () => {
  it('lets the reference check digit choose between two splits, and it picks the true one', () => {
    // "8020 1239003 3900 77" also reads as reference "12" + amount "3390077"; 12 fails the check digit
    // (1 → 7), 1239003 passes it, so only the true split remains.
    expect(gs1CheckDigit('123900')).toBe(3);
    const raw = `415${GLN}8020123900339007796${'20260331'}`;
    expect(decodeReceiptBarcode(raw)).toMatchObject({ reference: '1239003', amount: 77 });
  });

  it('refuses, as ambiguous, two splits whose references both carry a valid check digit', () => {
    // "8020 17390019 3900 5": reference 17390019 + amount 5, or reference 17 (valid: 1 → 7) + amount 1939005.
    expect(gs1CheckDigit('1739001')).toBe(9);
    const raw = `415${GLN}80201739001939005${'96'}20260331`;
    const error = barcodeError(() => decodeReceiptBarcode(raw));
    expect(error.code).toBe('BARCODE_AMBIGUOUS');
    expect(error.detail).toBe(
      'El código sin separadores admite 2 lecturas de la referencia (8020) y el valor (3900) ' +
        '(17 / 1939005; 17390019 / 5). Lea el código con un lector que transmita el separador GS ' +
        'o escriba la forma con paréntesis.',
    );
  });

  it('decides with the convenio lengths when they are given', () => {
    const raw = `415${GLN}80201739001939005${'96'}20260331`;
    const expected = { reference: '17390019', amount: 5 };
    expect(decodeReceiptBarcode(raw, { referenceLength: 8 })).toMatchObject(expected);
    expect(decodeReceiptBarcode(raw, { amountLength: 1 })).toMatchObject(expected);
    expect(decodeReceiptBarcode(raw, { referenceLength: 2 })).toMatchObject({
      reference: '17',
      amount: 1939005,
    });
  });

  it('needs no help when the digits hold one 3900 only', () => {
    expect(decodeReceiptBarcode(`415${GLN}8020202600123459390000013050009620260331`)).toMatchObject({
      reference: REFERENCE,
      amount: 1_305_000,
    });
  });
});

describe('decodeReceiptBarcode: malformed input gets a Spanish error with a stable code', () => {
  it.each([
    ['empty text', '   ', 'BARCODE_EMPTY'],
    ['letters', '415770999800001880202026ABC', 'BARCODE_MALFORMED'],
    ['a bar instead of GS', `415${GLN}802017|39001|9620260331`, 'BARCODE_MALFORMED'],
    [
      'a text between parentheses elements',
      'x(415)7709998000018(8020)1(3900)1(96)20260331',
      'BARCODE_MALFORMED',
    ],
    ['an unknown AI', '(415)7709998000018(8020)202600123459(3900)1(96)20260331(10)ABC', 'BARCODE_UNKNOWN_AI'],
    ['a repeated AI', '(415)7709998000018(8020)17(8020)17(3900)1(96)20260331', 'BARCODE_DUPLICATE_AI'],
    ['a missing amount', '(415)7709998000018(8020)202600123459(96)20260331', 'BARCODE_MISSING_AI'],
    [
      'an amount with decimals',
      '(415)7709998000018(8020)17(3902)130500000(96)20260331',
      'BARCODE_AMOUNT_WITH_DECIMALS',
    ],
    [
      'raw digits with (3902)',
      `415${GLN}802017${GS}3902130500000${GS}9620260331`,
      'BARCODE_AMOUNT_WITH_DECIMALS',
    ],
    ['a short GLN', '(415)770999800001(8020)17(3900)1(96)20260331', 'BARCODE_INVALID_GLN'],
    [
      'an alphanumeric reference',
      '(415)7709998000018(8020)F-17(3900)1(96)20260331',
      'BARCODE_INVALID_REFERENCE',
    ],
    ['an empty reference', '(415)7709998000018(8020)(3900)1(96)20260331', 'BARCODE_INVALID_REFERENCE'],
    ['a 16-digit amount', `(415)${GLN}(8020)17(3900)${'1'.repeat(16)}(96)20260331`, 'BARCODE_INVALID_AMOUNT'],
    ['30 February', '(415)7709998000018(8020)17(3900)1(96)20260230', 'BARCODE_INVALID_DUE_DATE'],
    ['a 6-digit date', '(415)7709998000018(8020)17(3900)1(96)260331', 'BARCODE_INVALID_DUE_DATE'],
    ['raw digits not opening with 415', `8020178020${GLN}${GS}39001${GS}9620260331`, 'BARCODE_MALFORMED'],
    ['raw digits without the date', `415${GLN}802017${GS}39001`, 'BARCODE_MALFORMED'],
    ['raw digits without 3900', `415${GLN}802017${GS}96202603319620260331`, 'BARCODE_MALFORMED'],
    [
      'raw digits with an impossible date',
      `415${GLN}802017${GS}39001${GS}9620261301`,
      'BARCODE_INVALID_DUE_DATE',
    ],
    ['a truncated scan', `415${GLN}80201739`, 'BARCODE_MALFORMED'],
  ])('refuses %s', (_, text, code) => {
    const error = barcodeError(() => decodeReceiptBarcode(text));
    expect(error.code).toBe(code);
    expect(error.field).toBe('text');
    expect(error.detail.length).toBeGreaterThan(20);
  });
});

describe('decode(encode(x)) = x in the three textual forms (property)', () => {
  // Digit strings built from chunks that often spell "3900" (inside references, amounts, or across the
  // joints), so the bare-digit form is often ambiguous.
  const digitString = (min: number, max: number) =>
    fc
      .array(fc.constantFrom('3900', '39', '00', '3', '9', '0', '1', '7', '5'), {
        minLength: min,
        maxLength: max,
      })
      .map((chunks) => chunks.join('').slice(0, max))
      .filter((digits) => digits.length >= min);
  const withCheckDigit = (base: string) => `${base}${gs1CheckDigit(base)}`;
  const case_ = fc
    .record({
      gln: digitString(12, 12).map(withCheckDigit),
      reference: digitString(1, 24).map(withCheckDigit),
      amountLength: fc.integer({ min: 1, max: 15 }),
      amountDigits: digitString(1, 15),
      dueDate: fc
        .date({
          min: new Date('1900-01-01T00:00:00Z'),
          max: new Date('2999-12-31T00:00:00Z'),
          noInvalidDate: true,
        })
        .map((d) => d.toISOString().slice(0, 10)),
    })
    .map(({ amountLength, amountDigits, ...rest }) => {
      const digits = amountDigits.slice(0, amountLength);
      return { input: { ...rest, amountPesos: Number(digits) }, amountLength };
    });
  const expectedOf = (input: ReceiptBarcodeInput): DecodedReceiptBarcode => ({
    gln: input.gln,
    reference: input.reference,
    amount: Number(input.amountPesos),
    dueDate: input.dueDate,
    glnCheckDigitValid: true,
  });

  it('human-readable and scanner data decode exactly', () => {
    fc.assert(
      fc.property(case_, ({ input, amountLength }) => {
        const barcode = encodeReceiptBarcode(input, { amountLength });
        expect(decodeReceiptBarcode(barcode.humanReadable)).toEqual(expectedOf(input));
        expect(decodeReceiptBarcode(barcode.data)).toEqual(expectedOf(input));
        expect(decodeReceiptBarcode(barcode.code128Text)).toEqual(expectedOf(input));
      }),
      { numRuns: 500 },
    );
  });

  it('bare digits decode exactly when the convenio lengths are given', () => {
    fc.assert(
      fc.property(case_, ({ input, amountLength }) => {
        const { digitsOnly } = encodeReceiptBarcode(input, { amountLength });
        const options = { referenceLength: input.reference.length, amountLength };
        expect(decodeReceiptBarcode(digitsOnly, options)).toEqual(expectedOf(input));
      }),
      { numRuns: 500 },
    );
  });

  it('bare digits without lengths decode exactly or are refused as ambiguous — never misread', () => {
    let decided = 0;
    fc.assert(
      fc.property(case_, ({ input, amountLength }) => {
        const { digitsOnly } = encodeReceiptBarcode(input, { amountLength });
        const middle = digitsOnly.slice(16, -10);
        try {
          expect(decodeReceiptBarcode(digitsOnly)).toEqual(expectedOf(input));
          decided++;
        } catch (error) {
          expect(error).toBeInstanceOf(BarcodeError);
          expect((error as BarcodeError).code).toBe('BARCODE_AMBIGUOUS');
          expect(middle.indexOf('3900', 5)).not.toBe(middle.lastIndexOf('3900'));
        }
      }),
      { numRuns: 1000 },
    );
    // Both outcomes occur, so the property is exercised on ambiguous input too.
    expect(decided).toBeGreaterThan(300);
    expect(decided).toBeLessThan(1000);
  });
});

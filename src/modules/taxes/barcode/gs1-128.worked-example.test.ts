// Worked example B1 of taxes.md §4.3, with the values copied into testdata/ (see SOURCE.md). The doc's
// example is consistent: GLN 770999800001 → check digit 8, reference 20260012345 → check digit 9 (both
// GS1 mod-10), lengths within the AI formats. (The brief's illustrative GLN 7709998000017 has a wrong
// check digit; the doc's 7709998000018 is the right one.)
import { describe, expect, it } from 'vitest';
import { decodeReceiptBarcode, encodeReceiptBarcode, GS } from './gs1-128.rules.ts';
import { makePaymentReference } from './payment-reference.rules.ts';
import vectors from './testdata/taxes-section-4-vectors.json' with { type: 'json' };

const b1 = vectors.workedExampleB1;
const withDiscount = b1.barcodes[0]!;
const withoutDiscount = b1.barcodes[1]!;
const scannerDataParts = withDiscount.scannerDataParts!;

describe('worked example B1 (taxes.md §4.3)', () => {
  const reference = makePaymentReference(12345, { prefix: '2026', length: 12 });

  it('encodes the pay-by-31-March barcode: exact human-readable line and scanner data', () => {
    const barcode = encodeReceiptBarcode(
      { gln: b1.gln, reference, amountPesos: withDiscount.amountPesos, dueDate: withDiscount.dueDate },
      { amountLength: b1.amountLength },
    );
    expect(barcode.humanReadable).toBe('(415)7709998000018(8020)202600123459(3900)0001305000(96)20260331');
    expect(barcode.humanReadable).toBe(withDiscount.humanReadable);
    expect(barcode.data).toBe('41577099980000188020202600123459\x1d39000001305000\x1d9620260331');
    expect(barcode.data).toBe(scannerDataParts.join('').replaceAll('<GS>', GS));
    expect(barcode.digitsOnly).toBe('41577099980000188020202600123459390000013050009620260331');
    expect(barcode.code128Text).toBe(
      '^FNC141577099980000188020202600123459^FNC139000001305000^FNC19620260331',
    );
  });

  it('encodes the second barcode of the same bill: same reference, later date, no discount', () => {
    const barcode = encodeReceiptBarcode({
      gln: b1.gln,
      reference,
      amountPesos: withoutDiscount.amountPesos,
      dueDate: withoutDiscount.dueDate,
    });
    expect(barcode.humanReadable).toBe('(415)7709998000018(8020)202600123459(3900)0001425000(96)20260630');
  });

  it('decodes B1 from the printed line, the scanner data and the bare digits', () => {
    const expected = {
      gln: '7709998000018',
      reference: '202600123459',
      amount: 1_305_000,
      dueDate: '2026-03-31',
      glnCheckDigitValid: true,
    };
    expect(decodeReceiptBarcode(withDiscount.humanReadable)).toEqual(expected);
    expect(decodeReceiptBarcode(scannerDataParts.join(' '))).toEqual(expected);
    expect(decodeReceiptBarcode(scannerDataParts.join('').replaceAll('<GS>', GS))).toEqual(expected);
    expect(decodeReceiptBarcode('41577099980000188020202600123459390000013050009620260331')).toEqual(
      expected,
    );
  });
});

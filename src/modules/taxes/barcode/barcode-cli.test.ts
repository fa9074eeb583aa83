import { describe, expect, it, vi } from 'vitest';
import { BarcodeError } from './barcode.errors.ts';
import { decodeForCli, describeDecodedBarcode } from './barcode-cli.ts';

const B1 = '(415)7709998000018(8020)202600123459(3900)0001305000(96)20260331';

describe('decodeForCli', () => {
  it('returns exactly gln, reference, amount, dueDate, glnCheckDigitValid and the bill found by reference', async () => {
    const bill = { id: 'b-1', number: '2026-000123' };
    const findBill = vi.fn(async (reference: string) => (reference === '202600123459' ? bill : null));
    const result = await decodeForCli(B1, findBill);
    expect(findBill).toHaveBeenCalledWith('202600123459');
    expect(Object.keys(result)).toEqual([
      'gln',
      'reference',
      'amount',
      'dueDate',
      'glnCheckDigitValid',
      'bill',
    ]);
    expect(result).toEqual({
      gln: '7709998000018',
      reference: '202600123459',
      amount: 1_305_000,
      dueDate: '2026-03-31',
      glnCheckDigitValid: true,
      bill,
    });
    expect(JSON.parse(JSON.stringify(result))).toEqual(result);
  });

  it('gives bill null when no bill has the reference', async () => {
    const result = await decodeForCli(
      '41577099980000188020202600123459390000013050009620260331',
      async () => null,
    );
    expect(result.bill).toBeNull();
    expect(result.amount).toBe(1_305_000);
  });

  it('passes the convenio lengths to split bare digits', async () => {
    const raw = '415770999800001880201739001939005' + '9620260331';
    await expect(decodeForCli(raw, async () => null)).rejects.toMatchObject({ code: 'BARCODE_AMBIGUOUS' });
    await expect(decodeForCli(raw, async () => null, { referenceLength: 8 })).resolves.toMatchObject({
      reference: '17390019',
      amount: 5,
    });
  });

  it('rejects malformed text with a BarcodeError and does not look anything up', async () => {
    const findBill = vi.fn(async () => null);
    const failure = decodeForCli('(415)7709998000018', findBill);
    await expect(failure).rejects.toBeInstanceOf(BarcodeError);
    await expect(failure).rejects.toMatchObject({ code: 'BARCODE_MISSING_AI', status: 400 });
    expect(findBill).not.toHaveBeenCalled();
  });
});

describe('describeDecodedBarcode', () => {
  it('writes the result for people, in Spanish, with pesos grouped by thousands', async () => {
    const text = describeDecodedBarcode(await decodeForCli(B1, async () => null));
    expect(text).toContain('Referencia de pago: 202600123459');
    expect(text).toContain('$1.305.000');
    expect(text).toContain('Fecha límite:       2026-03-31');
    expect(text).toContain('no encontrada');
  });

  it('flags a GLN with a wrong check digit', async () => {
    const text = describeDecodedBarcode(await decodeForCli(B1.replace('000018', '000017'), async () => ({})));
    expect(text).toContain('7709998000017 (dígito de verificación inválido)');
    expect(text).toContain('encontrada');
  });
});

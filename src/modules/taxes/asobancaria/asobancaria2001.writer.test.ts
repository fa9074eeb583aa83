import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseAsobancaria2001 } from './asobancaria2001.parser.ts';
import { AsobancariaWriteError } from './asobancaria2001.problems.ts';
import { listAsobancariaPayments, validateAsobancaria2001 } from './asobancaria2001.validate.ts';
import { type AsobancariaFileInput, writeAsobancaria2001 } from './asobancaria2001.writer.ts';

const A1_INPUT: AsobancariaFileInput = {
  billerNit: '9001234567',
  collectionDate: '2026-03-31',
  bankCode: '007',
  account: '00000012345678901',
  fileDate: '2026-04-01',
  fileTime: '06:30',
  modifier: 'A',
  accountType: '01',
  lots: [
    {
      serviceCode: '7709998000018',
      payments: [
        { reference: '202600123459', amount: 1_265_000, branchCode: '0123' },
        { reference: '202600123466', amount: 350_000, branchCode: '0123' },
      ],
    },
  ],
};

describe('writeAsobancaria2001', () => {
  it('writes worked example A1 (taxes.md §5.1) exactly, every line padded to 162', () => {
    const expected = readFileSync(new URL('./testdata/worked-example-a1.txt', import.meta.url), 'utf8')
      .trimEnd()
      .split('\n')
      .map((line) => line.padEnd(162, ' '));
    const written = writeAsobancaria2001({ ...A1_INPUT, lineEnding: '\n', finalLineEnding: false });
    expect(written.split('\n')).toEqual(expected);
    expect(writeAsobancaria2001(A1_INPUT)).toBe(`${expected.join('\r\n')}\r\n`);
  });

  it('numbers lots and sequences when not given', () => {
    const written = writeAsobancaria2001({
      ...A1_INPUT,
      lots: [
        { serviceCode: '7709998000018', payments: [{ reference: '1', amount: 10 }] },
        { serviceCode: '7709998000018', payments: [{ reference: '2', amount: 20 }] },
      ],
    });
    const parsed = parseAsobancaria2001(written);
    expect(parsed.lots.map((lot) => lot.header?.lotNumber)).toEqual([1, 2]);
    expect(parsed.lots.flatMap((lot) => lot.details.map((d) => d.sequence))).toEqual([1, 2]);
    expect(validateAsobancaria2001(parsed)).toMatchObject({ valid: true, lots: 2, records: 2, total: 30 });
  });

  it('refuses what the format cannot hold, in Spanish, naming the field', () => {
    const attempt = (input: Partial<AsobancariaFileInput>) => () =>
      writeAsobancaria2001({ ...A1_INPUT, ...input });
    const lotWith = (payment: { reference: string; amount: number }) => ({
      lots: [{ serviceCode: '7709998000018', payments: [payment] }],
    });
    expect(attempt(lotWith({ reference: '1', amount: 1.5 }))).toThrow(AsobancariaWriteError);
    expect(attempt(lotWith({ reference: '1', amount: 0 }))).toThrow(/entero de pesos/);
    expect(attempt(lotWith({ reference: '1', amount: 1_000_000_000_000 }))).toThrow(AsobancariaWriteError);
    expect(attempt(lotWith({ reference: '1'.repeat(49), amount: 1 }))).toThrow(/admite 48 caracteres/);
    expect(attempt(lotWith({ reference: 'ref con espacios', amount: 1 }))).toThrow(/no permitidos/);
    expect(attempt({ collectionDate: '2026-02-30' })).toThrow(/no es válida/);
    expect(attempt({ fileTime: '24:00' })).toThrow(AsobancariaWriteError);
    expect(attempt({ billerNit: '12345678901' })).toThrow(AsobancariaWriteError);
    expect(attempt({ lots: [] })).toThrow(/al menos un lote/);
    expect(attempt({ lots: [{ serviceCode: '7709998000018', payments: [] }] })).toThrow(/al menos un pago/);
    try {
      attempt(lotWith({ reference: '1', amount: -5 }))();
    } catch (error) {
      expect(error).toMatchObject({
        status: 422,
        code: 'ASOBANCARIA_INVALID_AMOUNT',
        field: 'lots[0].payments[0].amount',
      });
    }
    expect.assertions(11);
  });
});

// --- property tests -------------------------------------------------------------------------------------

const digitsOf = (min: number, max: number) => fc.stringMatching(new RegExp(`^[0-9]{${min},${max}}$`));
const isoDate = fc
  .integer({ min: 0, max: 36_524 }) // 2000-01-01 … 2099-12-31
  .map((days) => new Date(Date.UTC(2000, 0, 1) + days * 86_400_000).toISOString().slice(0, 10));

const paymentArb = fc.record({
  // Leading zeros are padding in this format, so a generated reference starts with something else.
  reference: fc.stringMatching(/^[1-9A-Z][0-9A-Za-z-]{0,47}$/),
  amount: fc.integer({ min: 1, max: 999_999_999_999 }),
  origin: digitsOf(2, 2),
  paymentMethod: digitsOf(2, 2),
  operationNumber: digitsOf(6, 6),
  authorizationNumber: digitsOf(6, 6),
  debitedBankCode: digitsOf(3, 3),
  branchCode: digitsOf(4, 4),
});

const fileArb = fc
  .record({
    billerNit: fc.stringMatching(/^[1-9][0-9]{0,9}$/),
    collectionDate: isoDate,
    bankCode: digitsOf(3, 3),
    account: digitsOf(1, 17),
    fileTime: fc
      .tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }))
      .map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`),
    modifier: fc.constantFrom('A', 'B', 'C'),
    accountType: fc.constantFrom('01', '02'),
    serviceCode: digitsOf(13, 13),
    payments: fc.uniqueArray(paymentArb, { minLength: 1, maxLength: 25, selector: (p) => p.reference }),
    lotCount: fc.integer({ min: 1, max: 4 }),
    lineEnding: fc.constantFrom('\r\n' as const, '\n' as const),
    finalLineEnding: fc.boolean(),
  })
  .map(({ payments, lotCount, serviceCode, ...header }): AsobancariaFileInput => {
    const lots = Math.min(lotCount, payments.length);
    const size = Math.ceil(payments.length / lots);
    return {
      ...header,
      fileDate: header.collectionDate,
      lots: Array.from({ length: Math.ceil(payments.length / size) }, (_, index) => ({
        serviceCode,
        payments: payments.slice(index * size, (index + 1) * size),
      })),
    };
  });

const allPayments = (input: AsobancariaFileInput) => input.lots.flatMap((lot) => lot.payments);

describe('parse(write(x)) round-trips and validates', () => {
  it('reads back every field and validates with no error or warning', () => {
    fc.assert(
      fc.property(fileArb, (input) => {
        const parsed = parseAsobancaria2001(writeAsobancaria2001(input));
        const validation = validateAsobancaria2001(parsed, {
          billerNit: input.billerNit,
          serviceCodes: [input.lots[0]!.serviceCode],
          knownReferences: new Set(allPayments(input).map((p) => p.reference)),
          bankNames: { [input.bankCode]: 'Banco de prueba' },
        });
        expect(validation.errors).toEqual([]);
        expect(validation.warnings).toEqual([]);
        expect(validation.valid).toBe(true);
        expect(validation.collectionDate).toBe(input.collectionDate);
        expect(validation.lots).toBe(input.lots.length);
        expect(validation.records).toBe(allPayments(input).length);
        expect(validation.total).toBe(allPayments(input).reduce((sum, p) => sum + p.amount, 0));

        expect(parsed.header).toMatchObject({
          billerNit: input.billerNit.padStart(10, '0'),
          bankCode: input.bankCode,
          account: input.account.padStart(17, '0'),
          fileTime: input.fileTime,
          modifier: input.modifier,
          accountType: input.accountType,
        });
        const read = listAsobancariaPayments(parsed);
        expect(
          read.map(({ reference, amount, origin, paymentMethod, branchCode }) => ({
            reference,
            amount,
            origin,
            paymentMethod,
            branchCode,
          })),
        ).toEqual(
          allPayments(input).map(({ reference, amount, origin, paymentMethod, branchCode }) => ({
            reference,
            amount,
            origin,
            paymentMethod,
            branchCode,
          })),
        );
        expect(read.map((p) => p.sequence)).toEqual(read.map((_, index) => index + 1));
        expect(new Set(read.map((p) => p.idempotencyKey)).size).toBe(read.length);
      }),
      { numRuns: 200 },
    );
  });

  it('line endings, padding and a BOM do not change the reading or the content hash', () => {
    fc.assert(
      fc.property(fileArb, (input) => {
        const written = writeAsobancaria2001(input);
        const reference = parseAsobancaria2001(written);
        const unpaddedLf = written
          .split(/\r?\n/)
          .map((line) => line.trimEnd())
          .join('\n');
        const variant = parseAsobancaria2001(Buffer.from(`\uFEFF${unpaddedLf}`, 'utf8'));
        expect(variant.lots).toEqual(reference.lots);
        expect(variant.header).toEqual(reference.header);
        expect(variant.fileControl).toEqual(reference.fileControl);
        expect(variant.contentSha256).toBe(reference.contentSha256);
        expect(variant.problems.every((p) => p.code === 'RECORD_UNPADDED')).toBe(true);
      }),
      { numRuns: 100 },
    );
  });

  it('changing one digit of one amount is always caught by the controls', () => {
    fc.assert(
      fc.property(
        fileArb,
        fc.nat(),
        fc.integer({ min: 0, max: 11 }),
        fc.integer({ min: 1, max: 9 }),
        (input, pick, digit, bump) => {
          const lines = writeAsobancaria2001({ ...input, lineEnding: '\n' }).split('\n');
          const detailLines = lines.flatMap((line, index) => (line.startsWith('06') ? [index] : []));
          const target = detailLines[pick % detailLines.length]!;
          const position = 50 + digit; // one of the 12 integer digits (0-based 50…61)
          const line = lines[target]!;
          const changed = String((Number(line[position]) + bump) % 10);
          lines[target] = line.slice(0, position) + changed + line.slice(position + 1);

          const validation = validateAsobancaria2001(parseAsobancaria2001(lines.join('\n')));
          expect(validation.valid).toBe(false);
          const lotControlLine = lines.findIndex((l, index) => index > target && l.startsWith('08')) + 1;
          expect(validation.errors).toContainEqual(
            expect.objectContaining({ line: lotControlLine, code: 'LOT_TOTAL_MISMATCH' }),
          );
        },
      ),
      { numRuns: 200 },
    );
  });
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseAsobancaria2001 } from './asobancaria2001.parser.ts';
import {
  dryRunAsobancaria2001,
  listAsobancariaPayments,
  validateAsobancaria2001,
} from './asobancaria2001.validate.ts';

// The three public sample files (testdata/SOURCE.md): two consistent bank files, one inconsistent.
const sample = (name: string): Buffer => readFileSync(new URL(`./testdata/${name}`, import.meta.url));

describe('micros 11JULIO (Banco Agrario, consistent, 09 cut after its data)', () => {
  const bytes = sample('asobancaria2001_micros_11JULIO.TXT');
  const parsed = parseAsobancaria2001(bytes);

  it('prints the dry-run report the CLI will print', () => {
    expect(dryRunAsobancaria2001(bytes)).toEqual({
      valid: true,
      bank: { code: '040', name: 'Banco Agrario' },
      collectionDate: '2024-07-11',
      lots: 1,
      records: 17,
      total: 300_000,
      applied: 0,
      errors: [],
    });
  });

  it('reads the file header', () => {
    expect(parsed.header).toEqual({
      line: 1,
      billerNit: '9006491199',
      collectionDateRaw: '20240711',
      collectionDate: '2024-07-11',
      bankCode: '040',
      account: '00000400702127333',
      fileDateRaw: '20240712',
      fileDate: '2024-07-12',
      fileTimeRaw: '0213',
      fileTime: '02:13',
      modifier: 'A',
      accountType: '01',
    });
  });

  it('reads the lot, its details and both controls', () => {
    expect(parsed.lots).toHaveLength(1);
    const lot = parsed.lots[0]!;
    expect(lot.header).toEqual({ line: 2, serviceCode: '7709998888487', lotNumber: 1 });
    expect(lot.details).toHaveLength(17);
    expect(lot.details[0]).toEqual({
      line: 3,
      referenceRaw: '000000000000000000000000000000000000000001055909',
      reference: '1055909',
      amount: 18_000,
      cents: 0,
      origin: '01',
      paymentMethod: '01',
      operationNumber: '000000',
      authorizationNumber: '000000',
      debitedBankCode: '040',
      branchCode: '9779',
      sequence: 2,
      returnCause: '000',
    });
    expect(lot.details.at(-1)).toMatchObject({ line: 19, reference: '1053227', amount: 1_000, sequence: 18 });
    expect(lot.control).toEqual({ line: 20, recordCount: 17, total: 300_000n, totalCents: 0, lotNumber: 1 });
    expect(parsed.fileControl).toEqual({ line: 21, recordCount: 17, total: 300_000n, totalCents: 0 });
  });

  it('accepts the short last record (only padding missing) with a warning naming line 21', () => {
    const validation = validateAsobancaria2001(parsed);
    expect(validation.warnings.map((w) => [w.line, w.code])).toEqual([[21, 'RECORD_UNPADDED']]);
    expect(parsed.sha256).toBe('a71d95147fcb9bf53713ea9a2bac5f4050ee774eaa3bb26e34a54d14da8a1b20');
  });

  it('accepts the real NIT with its check digit and rejects another', () => {
    expect(validateAsobancaria2001(parsed, { billerNit: '900.649.119-9' }).valid).toBe(true);
    expect(validateAsobancaria2001(parsed, { billerNit: '900649119' }).valid).toBe(true);
    const other = validateAsobancaria2001(parsed, { billerNit: '890201222-0' });
    expect(other.errors.map((e) => [e.line, e.code])).toEqual([[1, 'BILLER_NIT_MISMATCH']]);
  });

  it('lists the payments with the header data and distinct idempotency keys', () => {
    const payments = listAsobancariaPayments(parsed);
    expect(payments).toHaveLength(17);
    expect(payments[0]).toMatchObject({
      line: 3,
      bankCode: '040',
      collectionDate: '2024-07-11',
      lotNumber: 1,
      serviceCode: '7709998888487',
      reference: '1055909',
      amount: 18_000,
      idempotencyKey: 'asobancaria2001:040:2024-07-11:1:2:1055909:18000',
    });
    expect(new Set(payments.map((p) => p.idempotencyKey)).size).toBe(17);
    expect(payments.reduce((sum, p) => sum + p.amount, 0)).toBe(300_000);
  });
});

describe('micros 26AGOSTO (Banco de Bogotá, consistent)', () => {
  const bytes = sample('asobancaria2001_micros_26AGOSTO.TXT');
  const parsed = parseAsobancaria2001(bytes);

  it('is valid with 22 details for $640.000 and no warnings', () => {
    const validation = validateAsobancaria2001(parsed, { serviceCodes: ['7709998888487'] });
    expect(validation).toMatchObject({
      valid: true,
      bank: { code: '001', name: 'Banco de Bogotá' },
      collectionDate: '2024-08-26',
      lots: 1,
      records: 22,
      total: 640_000,
      errors: [],
      warnings: [],
    });
    expect(parsed.header).toMatchObject({ modifier: 'A', accountType: '02', fileTime: '09:59' });
  });

  it('keeps the long composite references whole and the blank return cause empty', () => {
    const first = parsed.lots[0]!.details[0]!;
    expect(first).toMatchObject({
      line: 3,
      referenceRaw: '000000000000000000107607200000000008002337602402',
      reference: '107607200000000008002337602402',
      amount: 2_000,
      debitedBankCode: '999',
      branchCode: '0086',
      sequence: 2,
      returnCause: '',
    });
    expect(parsed.lots[0]!.details.map((d) => d.amount).reduce((a, b) => a + b, 0)).toBe(640_000);
  });

  it('rejects it when its service code is not one agreed with the banks', () => {
    const validation = validateAsobancaria2001(parsed, { serviceCodes: ['7709998000018'] });
    expect(validation.errors.map((e) => [e.line, e.code])).toEqual([[2, 'UNKNOWN_SERVICE_CODE']]);
  });
});

describe('jesusvillalbam test file (inconsistent)', () => {
  const report = dryRunAsobancaria2001(sample('asobancaria2001_jesusvillalbam_test.txt'));

  it('is invalid but still reports what it read', () => {
    expect(report).toMatchObject({
      valid: false,
      bank: { code: '023', name: 'Banco de Occidente' },
      collectionDate: '2020-11-09',
      lots: 2,
      records: 4,
      total: 4_000_000,
      applied: 0,
    });
  });

  it('names every wrong line: lot controls 5 and 9, the repeated lot 6, the file control 10', () => {
    // Read by hand: each lot holds 2 × $1.000.000 with reference 9 but its 08 says 1 record, $1.000.000 and
    // lot 0011; the second lot reuses number 0001; the 09 says 1 record, $1.000.000 for 4 details, $4.000.000.
    expect(report.errors.map((e) => [e.line, e.code])).toEqual([
      [4, 'DUPLICATE_REFERENCE'],
      [5, 'LOT_NUMBER_MISMATCH'],
      [5, 'LOT_COUNT_MISMATCH'],
      [5, 'LOT_TOTAL_MISMATCH'],
      [6, 'DUPLICATE_LOT_NUMBER'],
      [7, 'DUPLICATE_REFERENCE'],
      [8, 'DUPLICATE_REFERENCE'],
      [9, 'LOT_NUMBER_MISMATCH'],
      [9, 'LOT_COUNT_MISMATCH'],
      [9, 'LOT_TOTAL_MISMATCH'],
      [10, 'FILE_COUNT_MISMATCH'],
      [10, 'FILE_TOTAL_MISMATCH'],
    ]);
  });

  it('says the amounts in Spanish', () => {
    const lotTotal = report.errors.find((e) => e.code === 'LOT_TOTAL_MISMATCH')!;
    expect(lotTotal.detail).toBe(
      'Línea 5: el control de lote declara un total de $1.000.000 y los detalles del lote suman $2.000.000.',
    );
    const fileTotal = report.errors.find((e) => e.code === 'FILE_TOTAL_MISMATCH')!;
    expect(fileTotal.detail).toContain('$4.000.000');
  });

  it('reads the unpadded records without calling them truncated', () => {
    const validation = validateAsobancaria2001(
      parseAsobancaria2001(sample('asobancaria2001_jesusvillalbam_test.txt')),
    );
    expect(validation.errors.some((e) => e.code === 'RECORD_TRUNCATED')).toBe(false);
    expect(validation.warnings.filter((w) => w.code === 'RECORD_UNPADDED')).toHaveLength(10);
    expect(validation.warnings.filter((w) => w.code === 'PAYMENT_RETURNED').map((w) => w.line)).toEqual([
      3, 4, 7, 8,
    ]);
  });
});

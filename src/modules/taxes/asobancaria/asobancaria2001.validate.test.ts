import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseAsobancaria2001 } from './asobancaria2001.parser.ts';
import {
  type Asobancaria2001ValidationOptions,
  dryRunAsobancaria2001,
  nitCheckDigit,
  nitMatches,
  toAsobancariaImportReport,
  validateAsobancaria2001,
} from './asobancaria2001.validate.ts';

// Hand-made bad files: worked example A1 (taxes.md §5.1), padded to 162, with one thing broken at a time.
//   line 1: 01   line 2: 05   lines 3–4: 06   line 5: 08   line 6: 09
const A1 = readFileSync(new URL('./testdata/worked-example-a1.txt', import.meta.url), 'utf8')
  .trimEnd()
  .split('\n')
  .map((line) => line.padEnd(162, ' '));

/** A1 with some lines replaced (1-based line → new content; null deletes the line). */
function a1With(changes: Record<number, string | null> = {}, extra: string[] = []): string {
  const lines = A1.flatMap((line, index) => {
    const change = changes[index + 1];
    if (change === null) return [];
    return [change === undefined ? line : change.padEnd(162, ' ')];
  });
  return [...lines, ...extra].join('\r\n');
}

/** Replaces `text` at 1-based position `start` of an A1 line. */
const patch = (lineNumber: number, start: number, text: string): string => {
  const line = A1[lineNumber - 1]!;
  return line.slice(0, start - 1) + text + line.slice(start - 1 + text.length);
};

const check = (content: string, options?: Asobancaria2001ValidationOptions) =>
  validateAsobancaria2001(parseAsobancaria2001(content), options);
const errorsOf = (content: string, options?: Asobancaria2001ValidationOptions) =>
  check(content, options).errors.map((e) => [e.line, e.code]);

describe('worked example A1 validates', () => {
  it('is valid and reports bank, date, counts and total in pesos', () => {
    const validation = check(a1With(), {
      billerNit: '9001234567',
      serviceCodes: ['7709998000018'],
      knownReferences: new Set(['202600123459', '202600123466']),
      isDuplicateFile: () => false,
      today: '2026-04-01',
    });
    expect(validation).toEqual({
      valid: true,
      bank: { code: '007', name: 'Bancolombia' },
      collectionDate: '2026-03-31',
      lots: 1,
      records: 2,
      total: 1_615_000,
      errors: [],
      warnings: [],
    });
  });

  it('produces exactly the keys the CLI prints, with applied 0 in a dry run', () => {
    const report = dryRunAsobancaria2001(a1With());
    expect(Object.keys(report)).toEqual([
      'valid',
      'bank',
      'collectionDate',
      'lots',
      'records',
      'total',
      'applied',
      'errors',
    ]);
    expect(report.applied).toBe(0);
    expect(toAsobancariaImportReport(check(a1With()), 2).applied).toBe(2);
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
  });
});

describe('control counts and totals', () => {
  it('a bad lot total: the 08 names line 5, and the 09 (which agrees with the details) stays quiet', () => {
    const content = a1With({ 5: patch(5, 12, '000000000161510000') });
    const validation = check(content);
    expect(validation.valid).toBe(false);
    expect(validation.errors).toEqual([
      {
        line: 5,
        code: 'LOT_TOTAL_MISMATCH',
        detail:
          'Línea 5: el control de lote declara un total de $1.615.100 y los detalles del lote suman $1.615.000.',
      },
    ]);
  });

  it('a detail amount changed: both the lot and the file control disagree with the details', () => {
    const content = a1With({ 4: patch(4, 51, '00000035000100') }); // $350.001
    expect(errorsOf(content)).toEqual([
      [5, 'LOT_TOTAL_MISMATCH'],
      [6, 'FILE_TOTAL_MISMATCH'],
    ]);
  });

  it('a bad file total names line 6', () => {
    const content = a1With({ 6: patch(6, 12, '000000000161400000') });
    expect(errorsOf(content)).toEqual([[6, 'FILE_TOTAL_MISMATCH']]);
    expect(check(content).errors[0]!.detail).toBe(
      'Línea 6: el control de archivo declara un total de $1.614.000 y los detalles del archivo suman ' +
        '$1.615.000.',
    );
  });

  it('a wrong record count in the lot control names line 5', () => {
    const content = a1With({ 5: patch(5, 3, '000000003') });
    expect(errorsOf(content)).toEqual([[5, 'LOT_COUNT_MISMATCH']]);
    expect(check(content).errors[0]!.detail).toBe(
      'Línea 5: el control de lote declara 3 registros y el lote tiene 2 registros de detalle.',
    );
  });

  it('a wrong record count in the file control names line 6, and mentions the lot controls when they differ', () => {
    expect(errorsOf(a1With({ 6: patch(6, 3, '000000001') }))).toEqual([[6, 'FILE_COUNT_MISMATCH']]);
    const both = check(a1With({ 5: patch(5, 3, '000000001'), 6: patch(6, 3, '000000001') }));
    expect(both.errors.map((e) => [e.line, e.code])).toEqual([
      [5, 'LOT_COUNT_MISMATCH'],
      [6, 'FILE_COUNT_MISMATCH'],
    ]);
  });

  it('a lot control for another lot number names line 5', () => {
    expect(errorsOf(a1With({ 5: patch(5, 30, '0002') }))).toEqual([[5, 'LOT_NUMBER_MISMATCH']]);
  });

  it('two lots with the same number name the second header', () => {
    const secondLot = [
      A1[1]!,
      patch(3, 3, `${'0'.repeat(36)}202600123473`),
      `08${'000000001'}${'000000000126500000'}0001`,
    ];
    const content = [A1[0]!, ...A1.slice(1, 5), ...secondLot, '09000000003000000000288000000'].join('\n');
    expect(errorsOf(content)).toEqual([[6, 'DUPLICATE_LOT_NUMBER']]);
  });
});

describe('structure', () => {
  it('a truncated record names its line and does not cascade into control errors', () => {
    const content = a1With({ 3: A1[2]!.slice(0, 70).trimEnd() });
    const validation = check(content);
    expect(validation.errors.map((e) => [e.line, e.code])).toEqual([[3, 'RECORD_TRUNCATED']]);
    expect(validation.records).toBe(1);
  });

  it('a missing 09 names the last line', () => {
    const validation = check(a1With({ 6: null }));
    expect(validation.errors).toEqual([
      {
        line: 5,
        code: 'MISSING_FILE_CONTROL',
        detail: 'Línea 5: el archivo termina aquí sin el registro de control de archivo 09.',
      },
    ]);
  });

  it('a missing 08 names the lot header', () => {
    expect(errorsOf(a1With({ 5: null }))).toEqual([[2, 'MISSING_LOT_CONTROL']]);
    // …also when the file ends in the middle of a lot.
    expect(errorsOf(a1With({ 5: null, 6: null }))).toEqual([
      [2, 'MISSING_LOT_CONTROL'],
      [4, 'MISSING_FILE_CONTROL'],
    ]);
  });

  it('a missing 05 names the first detail', () => {
    expect(errorsOf(a1With({ 2: null }))).toEqual([[2, 'MISSING_LOT_HEADER']]);
  });

  it('a missing 01 names line 1', () => {
    expect(errorsOf(a1With({ 1: null }))).toEqual([[1, 'MISSING_FILE_HEADER']]);
    expect(check(a1With({ 1: null })).bank).toBeNull();
  });

  it('a lot without details names its header', () => {
    const content = [
      A1[0]!,
      A1[1]!,
      '080000000000000000000000000000001',
      '09000000000000000000000000000',
    ].join('\n');
    expect(errorsOf(content)).toEqual([[2, 'EMPTY_LOT']]);
  });

  it('a file without lots names its 09', () => {
    expect(errorsOf([A1[0]!, '09000000000000000000000000000'].join('\n'))).toEqual([[2, 'NO_LOTS']]);
  });

  it('records after the 09 and a second 01 are named', () => {
    expect(errorsOf(a1With({}, [patch(2, 16, '0002')]))).toEqual([[7, 'RECORD_AFTER_FILE_CONTROL']]);
    const twoHeaders = [A1[0]!, A1[0]!, ...A1.slice(1)].join('\n');
    expect(errorsOf(twoHeaders)).toEqual([[2, 'DUPLICATE_FILE_HEADER']]);
  });

  it('an empty file is invalid', () => {
    expect(dryRunAsobancaria2001('')).toEqual({
      valid: false,
      bank: null,
      collectionDate: null,
      lots: 0,
      records: 0,
      total: 0,
      applied: 0,
      errors: [
        { line: null, code: 'EMPTY_FILE', detail: 'El archivo está vacío: no contiene ningún registro.' },
      ],
    });
  });
});

describe('dates, references and amounts', () => {
  it('an impossible collection date names line 1 and leaves collectionDate null', () => {
    const validation = check(a1With({ 1: patch(1, 13, '20260230') }));
    expect(validation.errors).toEqual([
      {
        line: 1,
        code: 'INVALID_DATE',
        detail:
          'Línea 1, posiciones 13–20: la fecha de recaudo "20260230" no es una fecha válida (AAAAMMDD).',
      },
    ]);
    expect(validation.collectionDate).toBeNull();
  });

  it('an impossible file date or time names line 1', () => {
    expect(errorsOf(a1With({ 1: patch(1, 41, '20261301') }))).toEqual([[1, 'INVALID_DATE']]);
    expect(errorsOf(a1With({ 1: patch(1, 49, '2460') }))).toEqual([[1, 'INVALID_TIME']]);
    // 29 February exists only in leap years.
    expect(errorsOf(a1With({ 1: patch(1, 13, '20240229') }))).toEqual([]);
    expect(errorsOf(a1With({ 1: patch(1, 13, '20250229') }))).toEqual([[1, 'INVALID_DATE']]);
  });

  it('a collection date after today is rejected only when today is given', () => {
    expect(errorsOf(a1With(), { today: '2026-03-30' })).toEqual([[1, 'COLLECTION_DATE_IN_FUTURE']]);
    expect(errorsOf(a1With(), { today: '2026-03-31' })).toEqual([]);
  });

  it('a file generated before the collection day is only a warning', () => {
    const validation = check(a1With({ 1: patch(1, 41, '20260330') }));
    expect(validation.valid).toBe(true);
    expect(validation.warnings.map((w) => [w.line, w.code])).toEqual([[1, 'FILE_DATE_BEFORE_COLLECTION']]);
  });

  it('a duplicate reference names the second line and the first', () => {
    const validation = check(a1With({ 4: patch(4, 3, `${'0'.repeat(36)}202600123459`) }));
    expect(validation.errors).toEqual([
      {
        line: 4,
        code: 'DUPLICATE_REFERENCE',
        detail: 'Línea 4: la referencia 202600123459 ya aparece en la línea 3 del mismo archivo.',
      },
    ]);
  });

  it('an unknown bill is rejected through the injected look-up (set or function)', () => {
    const onlyFirst = new Set(['202600123459']);
    expect(errorsOf(a1With(), { knownReferences: onlyFirst })).toEqual([[4, 'UNKNOWN_REFERENCE']]);
    const asked: string[] = [];
    const lookup = (reference: string) => {
      asked.push(reference);
      return true;
    };
    expect(errorsOf(a1With(), { knownReferences: lookup })).toEqual([]);
    expect(asked).toEqual(['202600123459', '202600123466']);
  });

  it('a blank or zero reference, a zero amount and a non-numeric amount are rejected', () => {
    expect(errorsOf(a1With({ 3: patch(3, 3, '0'.repeat(48)) }))).toEqual([[3, 'MISSING_REFERENCE']]);
    expect(errorsOf(a1With({ 3: patch(3, 3, `${' '.repeat(40)}20260#12`) }))).toEqual([
      [3, 'INVALID_REFERENCE'],
    ]);
    expect(errorsOf(a1With({ 3: patch(3, 51, '0'.repeat(14)) }))).toEqual([
      [3, 'AMOUNT_ZERO'],
      [5, 'LOT_TOTAL_MISMATCH'],
      [6, 'FILE_TOTAL_MISMATCH'],
    ]);
    expect(errorsOf(a1With({ 3: patch(3, 51, '00000126500 00') }))).toEqual([[3, 'FIELD_NOT_NUMERIC']]);
  });

  it('an amount with cents is rejected even when the controls carry the same cents', () => {
    const content = a1With({
      4: patch(4, 51, '00000035000050'),
      5: patch(5, 12, '000000000161500050'),
      6: patch(6, 12, '000000000161500050'),
    });
    expect(errorsOf(content)).toEqual([[4, 'AMOUNT_WITH_CENTS']]);
    expect(check(content).total).toBe(1_615_000);
  });

  it('accepts a left-aligned alphanumeric reference padded with spaces', () => {
    const validation = check(a1With({ 3: patch(3, 3, 'PRED-2026-0001'.padEnd(48, ' ')) }));
    expect(validation.valid).toBe(true);
  });
});

describe('injected checks', () => {
  it('the same file twice is rejected through isDuplicateFile with the content hash', () => {
    const seen = new Set<string>();
    const options = { isDuplicateFile: (hash: string) => seen.has(hash) };
    const first = parseAsobancaria2001(a1With());
    expect(validateAsobancaria2001(first, options).valid).toBe(true);
    seen.add(first.contentSha256);
    // Re-sent with LF instead of CRLF and without padding: still the same file.
    const again = validateAsobancaria2001(
      parseAsobancaria2001(A1.map((line) => line.trimEnd()).join('\n')),
      options,
    );
    expect(again.errors.map((e) => [e.line, e.code])).toEqual([[null, 'DUPLICATE_FILE']]);
  });

  it('the biller NIT must match the configured one, with or without check digit', () => {
    const bucaramanga = a1With({ 1: patch(1, 3, '8902012220') });
    expect(errorsOf(bucaramanga, { billerNit: '890201222-0' })).toEqual([]);
    expect(errorsOf(bucaramanga, { billerNit: '890.201.222' })).toEqual([]);
    expect(errorsOf(a1With({ 1: patch(1, 3, '0890201222') }), { billerNit: '890201222-0' })).toEqual([]);
    expect(errorsOf(bucaramanga, { billerNit: '900649119-9' })).toEqual([[1, 'BILLER_NIT_MISMATCH']]);
  });

  it('an unknown bank code is a warning with a null name', () => {
    const validation = check(a1With({ 1: patch(1, 21, '998') }));
    expect(validation.valid).toBe(true);
    expect(validation.bank).toEqual({ code: '998', name: null });
    expect(validation.warnings.map((w) => w.code)).toEqual(['UNKNOWN_BANK']);
    expect(
      check(a1With({ 1: patch(1, 21, '998') }), { bankNames: { '998': 'Banco de pruebas' } }).bank,
    ).toEqual({
      code: '998',
      name: 'Banco de pruebas',
    });
  });

  it('caps the list of errors', () => {
    const many = a1With(
      {},
      Array.from({ length: 30 }, () => A1[2]!),
    );
    const validation = check(many, { maxErrors: 10 });
    expect(validation.errors).toHaveLength(11);
    expect(validation.errors.at(-1)).toMatchObject({ line: null, code: 'TOO_MANY_ERRORS' });
  });
});

describe('NIT helpers', () => {
  it('computes the DIAN check digit', () => {
    expect(nitCheckDigit('890201222')).toBe(0); // Bucaramanga, config/tenants/68001.json
    expect(nitCheckDigit('900649119')).toBe(9); // collector of the micros samples
    expect(nitCheckDigit('800197268')).toBe(4); // DIAN
  });

  it('matches the header field in its zero-padded forms', () => {
    expect(nitMatches('9006491199', '900649119-9')).toBe(true);
    expect(nitMatches('0900649119', '900649119')).toBe(true);
    expect(nitMatches('9006491198', '900649119')).toBe(false);
    expect(nitMatches('0000000000', '')).toBe(false);
  });
});

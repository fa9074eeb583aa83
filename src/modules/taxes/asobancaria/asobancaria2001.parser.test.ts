import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { normaliseReference, parseAsobancaria2001 } from './asobancaria2001.parser.ts';

// Worked example A1 of taxes.md §5.1, as printed there (no trailing spaces, LF).
const A1 = readFileSync(new URL('./testdata/worked-example-a1.txt', import.meta.url), 'utf8');
const a1Lines = (): string[] => A1.trimEnd().split('\n');
const padded = (lines: readonly string[]): string[] => lines.map((line) => line.padEnd(162, ' '));
const codesOf = (content: string | Buffer) =>
  parseAsobancaria2001(content).problems.map((p) => [p.line, p.code, p.severity]);

describe('worked example A1 (taxes.md §5.1)', () => {
  const parsed = parseAsobancaria2001(padded(a1Lines()).join('\r\n'));

  it('reads the file header', () => {
    expect(parsed.header).toEqual({
      line: 1,
      billerNit: '9001234567',
      collectionDateRaw: '20260331',
      collectionDate: '2026-03-31',
      bankCode: '007',
      account: '00000012345678901',
      fileDateRaw: '20260401',
      fileDate: '2026-04-01',
      fileTimeRaw: '0630',
      fileTime: '06:30',
      modifier: 'A',
      accountType: '01',
    });
  });

  it('reads lot 1 of service 7709998000018 with its two payments', () => {
    expect(parsed.lots).toHaveLength(1);
    const [lot] = parsed.lots;
    expect(lot!.header).toEqual({ line: 2, serviceCode: '7709998000018', lotNumber: 1 });
    expect(lot!.details).toEqual([
      {
        line: 3,
        referenceRaw: `${'0'.repeat(36)}202600123459`,
        reference: '202600123459',
        amount: 1_265_000,
        cents: 0,
        origin: '01',
        paymentMethod: '01',
        operationNumber: '000000',
        authorizationNumber: '000000',
        debitedBankCode: '007',
        branchCode: '0123',
        sequence: 1,
        returnCause: '',
      },
      {
        line: 4,
        referenceRaw: `${'0'.repeat(36)}202600123466`,
        reference: '202600123466',
        amount: 350_000,
        cents: 0,
        origin: '01',
        paymentMethod: '01',
        operationNumber: '000000',
        authorizationNumber: '000000',
        debitedBankCode: '007',
        branchCode: '0123',
        sequence: 2,
        returnCause: '',
      },
    ]);
    expect(lot!.control).toEqual({ line: 5, recordCount: 2, total: 1_615_000n, totalCents: 0, lotNumber: 1 });
    expect(lot!.unreadableLines).toEqual([]);
  });

  it('reads the file control and reports nothing', () => {
    expect(parsed.fileControl).toEqual({ line: 6, recordCount: 2, total: 1_615_000n, totalCents: 0 });
    expect(parsed.problems).toEqual([]);
    expect(parsed.records.map((r) => r.type)).toEqual(['01', '05', '06', '06', '08', '09']);
  });

  it('reads the doc form (trailing spaces not shown) the same, warning once per short record', () => {
    const unpadded = parseAsobancaria2001(A1);
    expect(unpadded.lots).toEqual(parsed.lots);
    expect(unpadded.header).toEqual(parsed.header);
    expect(unpadded.fileControl).toEqual(parsed.fileControl);
    expect(unpadded.problems.map((p) => [p.line, p.code])).toEqual(
      [1, 2, 3, 4, 5, 6].map((line) => [line, 'RECORD_UNPADDED']),
    );
    expect(unpadded.problems.every((p) => p.severity === 'warning')).toBe(true);
    expect(unpadded.contentSha256).toBe(parsed.contentSha256);
  });
});

describe('line endings, BOM, blank lines, encodings', () => {
  const lines = padded(a1Lines());

  it('gives the same result for CRLF, LF, CR, a final newline or none, and a UTF-8 BOM', () => {
    const reference = parseAsobancaria2001(lines.join('\n'));
    const variants = [
      lines.join('\r\n'),
      `${lines.join('\r\n')}\r\n`,
      lines.join('\r'),
      `${lines.join('\n')}\n\n`,
      `\uFEFF${lines.join('\r\n')}`,
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(lines.join('\r\n'))]),
      `${lines.join('\r\n')}\r\n\u001a`,
    ];
    for (const variant of variants) {
      const parsed = parseAsobancaria2001(variant);
      expect(parsed.lots).toEqual(reference.lots);
      expect(parsed.header).toEqual(reference.header);
      expect(parsed.problems).toEqual([]);
      expect(parsed.contentSha256).toBe(reference.contentSha256);
    }
    // The raw hash tells the bytes apart; the content hash does not.
    expect(parseAsobancaria2001(lines.join('\r\n')).sha256).not.toBe(reference.sha256);
  });

  it('skips a blank line in the middle with a warning and keeps physical line numbers', () => {
    const withBlank = [...lines.slice(0, 3), '   ', ...lines.slice(3)].join('\n');
    const parsed = parseAsobancaria2001(withBlank);
    expect(parsed.problems.map((p) => [p.line, p.code, p.severity])).toEqual([[4, 'EMPTY_LINE', 'warning']]);
    expect(parsed.lots[0]!.details.map((d) => d.line)).toEqual([3, 5]);
    expect(parsed.fileControl!.line).toBe(7);
  });

  it('accepts trailing spaces beyond 162 and rejects other characters there', () => {
    const spaced = lines.map((line) => `${line}     `).join('\n');
    expect(parseAsobancaria2001(spaced).problems).toEqual([]);
    const tooLong = [...lines];
    tooLong[2] = `${lines[2]}X`;
    expect(codesOf(tooLong.join('\n'))).toEqual([[3, 'RECORD_TOO_LONG', 'error']]);
  });

  it('rejects a non-ASCII character in a data field, naming line and position', () => {
    const withEnye = [...lines];
    withEnye[2] = `06${'0'.repeat(30)}Ñ${lines[2]!.slice(33)}`;
    const parsed = parseAsobancaria2001(withEnye.join('\n'));
    expect(parsed.problems.map((p) => [p.line, p.code])).toEqual([[3, 'NON_ASCII_CHARACTER']]);
    expect(parsed.problems[0]!.detail).toContain('posición 33');
  });

  it('shows a control character by its code', () => {
    const withTab = [...lines];
    withTab[1] = `05\t${lines[1]!.slice(3)}`;
    const parsed = parseAsobancaria2001(withTab.join('\n'));
    expect(parsed.problems.map((p) => [p.line, p.code])).toEqual([
      [2, 'NON_ASCII_CHARACTER'],
      [2, 'FIELD_NOT_NUMERIC'],
    ]);
    expect(parsed.problems[0]!.detail).toBe(
      'Línea 2, posición 3: carácter no permitido "\\x09"; el formato solo admite caracteres ASCII imprimibles.',
    );
  });

  it('reads Latin-1 bytes and only warns about a non-ASCII character in the reserved area', () => {
    const latin1 = [...lines];
    latin1[0] = `${lines[0]!.slice(0, 100)}Bogotá`.padEnd(162, ' ');
    const bytes = Buffer.from(latin1.join('\r\n'), 'latin1');
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
    const parsed = parseAsobancaria2001(bytes);
    expect(parsed.problems.map((p) => [p.line, p.code, p.severity])).toEqual([
      [1, 'NON_ASCII_IN_RESERVED', 'warning'],
    ]);
    expect(parsed.header!.bankCode).toBe('007');
  });

  it('refuses binary content', () => {
    const parsed = parseAsobancaria2001(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00]));
    expect(parsed.problems.map((p) => [p.line, p.code])).toEqual([[null, 'BINARY_CONTENT']]);
    expect(parsed.records).toEqual([]);
  });

  it('calls an empty file empty', () => {
    expect(codesOf('')).toEqual([[null, 'EMPTY_FILE', 'error']]);
    expect(codesOf('\r\n  \r\n')).toEqual([[null, 'EMPTY_FILE', 'error']]);
  });
});

describe('records that cannot be read', () => {
  const lines = padded(a1Lines());

  it('calls a record missing data truncated, naming its line, and keeps it out of the lot', () => {
    const truncated = [...lines];
    truncated[2] = lines[2]!.slice(0, 60);
    const parsed = parseAsobancaria2001(truncated.join('\n'));
    expect(parsed.problems.map((p) => [p.line, p.code])).toEqual([[3, 'RECORD_TRUNCATED']]);
    expect(parsed.problems[0]!.detail).toBe(
      'Línea 3: registro 06 (detalle) truncado: tiene 60 caracteres con datos y necesita al menos 94 ' +
        '(longitud del registro: 162).',
    );
    expect(parsed.lots[0]!.details.map((d) => d.line)).toEqual([4]);
    expect(parsed.lots[0]!.unreadableLines).toEqual([3]);
    expect(parsed.records[2]).toEqual({ line: 3, type: '06', readable: false });
  });

  it('tells a truncated control record from one missing only padding', () => {
    const cut = [...lines];
    cut[5] = lines[5]!.slice(0, 20);
    expect(codesOf(cut.join('\n'))).toEqual([[6, 'RECORD_TRUNCATED', 'error']]);
    cut[5] = lines[5]!.slice(0, 29);
    expect(codesOf(cut.join('\n'))).toEqual([[6, 'RECORD_UNPADDED', 'warning']]);
  });

  it('rejects a non-numeric amount, naming the positions', () => {
    const bad = [...lines];
    bad[2] = `${lines[2]!.slice(0, 50)}0000012650000O${lines[2]!.slice(64)}`;
    const parsed = parseAsobancaria2001(bad.join('\n'));
    expect(parsed.problems.map((p) => [p.line, p.code])).toEqual([[3, 'FIELD_NOT_NUMERIC']]);
    expect(parsed.problems[0]!.detail).toBe(
      'Línea 3, posiciones 51–64: el campo valor recaudado debe ser numérico y contiene "0000012650000O".',
    );
    expect(parsed.lots[0]!.unreadableLines).toEqual([3]);
  });

  it('flags an amount with cents and keeps the exact value', () => {
    const withCents = [...lines];
    withCents[2] = `${lines[2]!.slice(0, 50)}00000126500050${lines[2]!.slice(64)}`;
    const parsed = parseAsobancaria2001(withCents.join('\n'));
    expect(parsed.lots[0]!.details[0]).toMatchObject({ amount: 1_265_000, cents: 50 });
    expect(parsed.problems.map((p) => [p.line, p.code])).toEqual([[3, 'AMOUNT_WITH_CENTS']]);
  });

  it('reads the largest amounts exactly (no floating point)', () => {
    const big = [...lines];
    big[2] = `${lines[2]!.slice(0, 50)}99999999999999${lines[2]!.slice(64)}`;
    big[4] = `08000000002${'9'.repeat(18)}${lines[4]!.slice(29)}`;
    const parsed = parseAsobancaria2001(big.join('\n'));
    expect(parsed.lots[0]!.details[0]).toMatchObject({ amount: 999_999_999_999, cents: 99 });
    expect(parsed.lots[0]!.control!.total).toBe(9_999_999_999_999_999n);
    expect(parsed.lots[0]!.control!.totalCents).toBe(99);
  });

  it('rejects an unknown record type', () => {
    const bad = [...lines.slice(0, 2), '07'.padEnd(162, '0'), ...lines.slice(2)];
    const parsed = parseAsobancaria2001(bad.join('\n'));
    expect(parsed.problems.map((p) => [p.line, p.code])).toEqual([[3, 'UNKNOWN_RECORD_TYPE']]);
    expect(parsed.lots[0]!.details.map((d) => d.line)).toEqual([4, 5]);
  });
});

describe('normaliseReference', () => {
  it('drops the zero padding and spaces only', () => {
    expect(normaliseReference(`${'0'.repeat(36)}202600123459`)).toBe('202600123459');
    expect(normaliseReference('   00ABC0012  ')).toBe('ABC0012');
    expect(normaliseReference('0'.repeat(48))).toBe('');
    expect(normaliseReference(' '.repeat(48))).toBe('');
  });
});

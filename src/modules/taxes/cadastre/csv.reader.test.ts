import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../../platform/csv/csv-parse.ts';
import { cadastralRecordSchema } from './cadastral-record.ts';
import { CSV_COLUMNS, readCadastralCsv } from './csv.reader.ts';
import { latin1Bytes } from './r1r2.fixtures.ts';

const example = readFileSync(new URL('./testdata/ejemplo-roll.csv', import.meta.url), 'utf8');
const HEADER =
  'numero_predial_anterior,direccion,destino_economico,estrato,area_terreno_m2,avaluo,vigencia_avaluo';
const HOUSE_ROW = '68001010601100023000,K 15B 6 15 BR CHAPINERO,A,3,55,185000000,2024';

describe('readCadastralCsv on the documented example (testdata/ejemplo-roll.csv)', () => {
  const { records, problems } = readCadastralCsv(example, { municipio: '68001' });

  it('reads three predios from six owner rows, without problems', () => {
    expect(problems).toEqual([]);
    expect(records.map((r) => r.origen.lineas)).toEqual([[2, 3], [4], [5, 6, 7]]);
    for (const record of records) expect(cadastralRecordSchema.safeParse(record).success).toBe(true);
  });

  it('normalises owners: names upper-case, dotted cédula as digits, shares as fractions', () => {
    const house = records[0]!;
    expect(house).toMatchObject({
      numeroPredialNacional: null,
      numeroPredialAnterior: '68001010601100023000',
      estrato: 3,
      areaTerrenoM2: 55,
      areaConstruidaM2: 147,
      avaluo: { pesos: 185_000_000, vigencia: 2024, fecha: null },
      matriculaInmobiliaria: '300-12345',
    });
    expect(house.propietarios).toEqual([
      {
        calidad: 'propietario',
        tipoDocumento: 'CC',
        numeroDocumento: '63501234',
        nombre: 'MUÑOZ PEÑA MARÍA JOSÉ',
        participacion: { numerador: 1, denominador: 2 },
      },
      {
        calidad: 'propietario',
        tipoDocumento: 'CC',
        numeroDocumento: '91234567',
        nombre: 'GÓMEZ RUIZ CARLOS ANDRÉS',
        participacion: { numerador: 1, denominador: 2 },
      },
    ]);
  });

  it('keeps both codes, a quoted address with a comma, a NIT with its check digit and a dated vigencia', () => {
    expect(records[1]).toMatchObject({
      numeroPredialNacional: '680010101030101030001901020001',
      numeroPredialAnterior: '68001010101030015901',
      direccion: 'C 36 17 37 OF 201, ED CHILE',
      estrato: null,
      avaluo: { pesos: 98_500_000, vigencia: 2024, fecha: '2024-01-01' },
      propietarios: [
        {
          tipoDocumento: 'NIT',
          numeroDocumento: '900123456-1',
          participacion: { numerador: 1, denominador: 1 },
        },
      ],
    });
  });

  it('reads areas with decimals exactly, destino D without LADM value, and three poseedores of 1/3', () => {
    const rural = records[2]!;
    expect(rural.areaTerrenoM2).toBe(12500.75);
    expect(rural.destino).toEqual({ letra: 'D', nombre: 'Agropecuario', ladm: null });
    expect(
      rural.propietarios.map((p) => [p.calidad, p.tipoDocumento, p.numeroDocumento, p.participacion]),
    ).toEqual([
      ['poseedor', 'CC', '1098765432', { numerador: 1, denominador: 3 }],
      ['poseedor', 'CE', 'E-456789', { numerador: 1, denominador: 3 }],
      ['poseedor', 'TI', '1005123456', { numerador: 1, denominador: 3 }],
    ]);
  });

  it('claims every field it has a column for, and nothing from R2', () => {
    expect(records[0]!.origen.campos).toEqual([
      'numeroPredialNacional',
      'numeroPredialAnterior',
      'direccion',
      'destino',
      'estrato',
      'areaTerrenoM2',
      'areaConstruidaM2',
      'avaluo',
      'matriculaInmobiliaria',
      'propietarios',
    ]);
  });

  it('the example uses every documented column', () => {
    expect(example.split(/\r?\n/)[0]!.split(',')).toEqual([...CSV_COLUMNS]);
  });
});

describe('readCadastralCsv: other spellings of the same file', () => {
  it('reads semicolons, CRLF and latin-1 bytes, or UTF-8 bytes with a BOM', () => {
    const text = `${HEADER.replaceAll(',', ';')}\r\n${HOUSE_ROW.replaceAll(',', ';').replace('CHAPINERO', 'CHAPINERO ÑA')}\r\n`;
    const latin1 = readCadastralCsv(latin1Bytes(text));
    expect(latin1.problems).toEqual([]);
    expect(latin1.records[0]!.direccion).toBe('K 15B 6 15 BR CHAPINERO ÑA');
    expect(latin1.records[0]!.origen.campos).not.toContain('propietarios');
    const utf8 = readCadastralCsv(new TextEncoder().encode(`\uFEFF${text}`));
    expect(utf8.records).toEqual(latin1.records);
  });

  it('completes 15-digit codes with the municipality given, and asks for it otherwise', () => {
    const text = `${HEADER}\n${HOUSE_ROW.replace('68001010601100023000', '010601100023000')}\n`;
    expect(readCadastralCsv(text, { municipio: '68001' }).records[0]!.numeroPredialAnterior).toBe(
      '68001010601100023000',
    );
    expect(readCadastralCsv(text).problems).toEqual([
      expect.objectContaining({
        line: 2,
        code: 'NUMERO_PREDIAL_INVALID',
        detail: expect.stringContaining('escríbalo completo'),
      }),
    ]);
  });
});

describe('readCadastralCsv with malformed rows', () => {
  it('refuses a file without the required columns, naming them', () => {
    const { records, problems } = readCadastralCsv('direccion,avaluo\nK 1,100\n');
    expect(records).toEqual([]);
    expect(problems).toEqual([
      {
        line: 1,
        code: 'CSV_MISSING_COLUMN',
        detail:
          'Faltan columnas obligatorias: numero_predial_nacional o numero_predial_anterior, destino_economico, vigencia_avaluo.',
        severity: 'error',
      },
    ]);
  });

  it('reports a dotted avalúo, a bad code, an estrato 7 and a bad share with their line numbers', () => {
    const content = [
      `${HEADER},propietario_nombre,propietario_participacion`,
      '68001010601100023000,K 1,A,3,55,185.000.000,2024,ANA,',
      '6800101060110002300,K 2,A,3,55,1000,2024,ANA,',
      '68001010601100025000,K 3,A,7,55,1000,2024,ANA,',
      '68001010601100026000,K 4,A,3,55,1000,2024,ANA,150',
      '68001010601100027000,K 5,A,3,55.125,1000,2024,ANA,100',
    ].join('\n');
    const { records, problems } = readCadastralCsv(content);
    expect(records.map((r) => [r.numeroPredialAnterior, r.areaTerrenoM2])).toEqual([
      ['68001010601100027000', 55.13],
    ]);
    const errors = problems.filter((p) => p.severity === 'error' && p.code !== 'PREDIO_REJECTED');
    expect(errors.map((p) => [p.line, p.code])).toEqual([
      [2, 'AVALUO_INVALID'],
      [3, 'NUMERO_PREDIAL_INVALID'],
      [4, 'ESTRATO_INVALID'],
      [5, 'OWNER_INVALID'],
    ]);
    expect(errors[0]!.detail).toBe(
      'Fila: el avalúo debe ser un número entero de pesos, solo dígitos sin puntos ni comas; se leyó «185.000.000».',
    );
    expect(problems).toContainEqual(
      expect.objectContaining({
        line: 6,
        code: 'AREA_ROUNDED',
        severity: 'aviso',
        predio: '68001010601100027000',
      }),
    );
  });

  it('refuses a predio whose rows disagree on its data, and warns when shares do not add up to 100 %', () => {
    const header = `${HEADER},propietario_nombre,propietario_participacion`;
    const differ = readCadastralCsv(
      `${header}\n${HOUSE_ROW},ANA,50\n${HOUSE_ROW.replace('185000000', '1')},LUIS,50\n`,
    );
    expect(differ.records).toEqual([]);
    expect(differ.problems).toEqual([
      expect.objectContaining({ line: 3, code: 'PREDIO_FIELDS_DIFFER', predio: '68001010601100023000' }),
    ]);
    const shares = readCadastralCsv(`${header}\n${HOUSE_ROW},ANA,50\n${HOUSE_ROW},LUIS,40\n`);
    expect(shares.records).toHaveLength(1);
    expect(shares.problems).toEqual([
      expect.objectContaining({ line: 2, code: 'PARTICIPACION_SUM', severity: 'aviso' }),
    ]);
  });

  it('leaves out a predio with one bad owner row, keeping none of its owners', () => {
    const header = `${HEADER},propietario_calidad,propietario_nombre`;
    const { records, problems } = readCadastralCsv(
      `${header}\n${HOUSE_ROW},propietario,ANA\n${HOUSE_ROW},heredero,LUIS\n`,
    );
    expect(records).toEqual([]);
    expect(problems.map((p) => [p.line, p.code])).toEqual([
      [3, 'OWNER_INVALID'],
      [2, 'PREDIO_REJECTED'],
    ]);
  });

  it('warns about unknown columns and refuses unclosed quotes', () => {
    const unknown = readCadastralCsv(`${HEADER},avaluo_catastral\n${HOUSE_ROW},1\n`);
    expect(unknown.problems).toEqual([
      expect.objectContaining({
        line: 1,
        code: 'CSV_UNKNOWN_COLUMN',
        detail: 'Se ignoraron columnas desconocidas: avaluo_catastral.',
      }),
    ]);
    const unclosed = readCadastralCsv(`${HEADER}\n"${HOUSE_ROW}\n`);
    expect(unclosed.problems).toEqual([expect.objectContaining({ line: 2, code: 'CSV_INVALID' })]);
  });
});

describe('parseCsv', () => {
  it('keeps quoted delimiters, doubled quotes and line breaks, and counts lines from where rows start', () => {
    const parsed = parseCsv('a,b\n"x, y","dijo ""hola"""\n"dos\nlíneas",z\n\nfin,1');
    expect(parsed).toEqual({
      ok: true,
      delimiter: ',',
      rows: [
        { line: 1, cells: ['a', 'b'] },
        { line: 2, cells: ['x, y', 'dijo "hola"'] },
        { line: 3, cells: ['dos\nlíneas', 'z'] },
        { line: 6, cells: ['fin', '1'] },
      ],
    });
  });
});

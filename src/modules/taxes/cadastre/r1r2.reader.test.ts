import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cadastralRecordSchema, predioCodesWithErrors } from './cadastral-record.ts';
import { buildR1Line, buildR2Line, latin1Bytes, type R1LineFields } from './r1r2.fixtures.ts';
import { R1_LAYOUT, R2_LAYOUT, readR1R2 } from './r1r2.reader.ts';

const bytesOf = (name: string) =>
  new Uint8Array(readFileSync(new URL(`./testdata/${name}`, import.meta.url)));
const r1File = bytesOf('r1-sintetico-bucaramanga.txt');
const r2File = bytesOf('r2-sintetico-bucaramanga.txt');

const HOUSE: R1LineFields = {
  numeroDelPredio: '010601100023000',
  orden: 1,
  total: 1,
  nombre: 'PROPIETARIA DE PRUEBA',
  tipoDocumento: 'C',
  numeroDocumento: '63501234',
  direccion: 'K 15B 6 15 BR CHAPINERO',
  destino: 'A',
  areaTerreno: 55,
  areaConstruida: 147,
  avaluo: 185000000,
  vigencia: '01012024',
  numeroPredialAnterior: '010601100023000',
};
const OFFICE: R1LineFields = {
  ...HOUSE,
  numeroDelPredio: '010101030016901',
  nombre: 'OTRO PROPIETARIO',
  numeroDocumento: '91234567',
  direccion: 'CL 36 17 37 OFC 202',
  destino: 'C',
  areaTerreno: 4,
  areaConstruida: 30,
  avaluo: 95400000,
  numeroPredialAnterior: '010101030016901',
};
const lines = (...items: string[]) => `${items.join('\r\n')}\r\n`;

describe('readR1R2 on the synthetic fixed-width files (real AMB codes, invented owners)', () => {
  const { records, problems } = readR1R2(r1File, { r2: r2File, municipio: '68001' });

  it('reads the layout the domain document gives: 312 and 330 characters', () => {
    const text = new TextDecoder('windows-1252').decode(r1File);
    const [first] = text.split('\r\n');
    expect(first).toHaveLength(R1_LAYOUT.length);
    // Positions of §2.2, independent of the reader: avalúo 275–289, vigencia 290–297, anterior 298–312.
    expect(first!.slice(274, 289)).toBe('000000185000000');
    expect(first!.slice(289, 297)).toBe('01012024');
    expect(first!.slice(297, 312)).toBe('010601100023000');
    expect(R2_LAYOUT.length).toBe(330);
  });

  it('groups the two owner lines of the house into one record, with the R2 data joined', () => {
    expect(problems).toEqual([]);
    expect(records).toHaveLength(3);
    const house = records[0]!;
    expect(house).toEqual({
      municipio: '68001',
      numeroPredialNacional: null,
      numeroPredialAnterior: '68001010601100023000',
      direccion: 'K 15B 6 15 BR CHAPINERO',
      destino: { letra: 'A', nombre: 'Habitacional', ladm: 'Habitacional' },
      estrato: null,
      areaTerrenoM2: 55,
      areaConstruidaM2: 147,
      avaluo: { pesos: 185_000_000, vigencia: 2024, fecha: '2024-01-01' },
      propietarios: [
        // latin-1 bytes decoded, double spaces collapsed, zero padding of the document removed.
        {
          calidad: null,
          tipoDocumento: 'CC',
          numeroDocumento: '63501234',
          nombre: 'MUÑOZ PEÑA MARÍA JOSÉ',
          participacion: null,
        },
        {
          calidad: null,
          tipoDocumento: 'CC',
          numeroDocumento: '91234567',
          nombre: 'GÓMEZ RUIZ CARLOS ANDRÉS',
          participacion: null,
        },
      ],
      matriculaInmobiliaria: '300-12345',
      zonas: [{ zonaFisica: '02', zonaGeoeconomica: '20', areaTerrenoM2: 55 }],
      construcciones: [
        {
          habitaciones: 4,
          banos: 2,
          locales: 0,
          pisos: 2,
          tipificacion: 0,
          uso: 1,
          puntaje: 24,
          areaConstruidaM2: 117,
        },
        {
          habitaciones: 0,
          banos: 0,
          locales: 0,
          pisos: 0,
          tipificacion: 0,
          uso: 2,
          puntaje: 40,
          areaConstruidaM2: 30,
        },
      ],
      origen: {
        formato: 'r1r2',
        lineas: [1, 2],
        lineasR2: [1],
        campos: [
          'numeroPredialAnterior',
          'direccion',
          'destino',
          'areaTerrenoM2',
          'areaConstruidaM2',
          'avaluo',
          'propietarios',
          'matriculaInmobiliaria',
          'zonas',
          'construcciones',
        ],
      },
    });
  });

  it('reads a 25-digit NUMERO_DEL_PREDIO as the NPN and keeps the old code from NUMERO_PREDIAL_ANTERIOR', () => {
    const office = records[1]!;
    expect(office.numeroPredialNacional).toBe('680010101030101030001901020001');
    expect(office.numeroPredialAnterior).toBe('68001010101030015901');
    expect(office.origen.campos).toContain('numeroPredialNacional');
    expect(office.propietarios).toEqual([
      {
        calidad: null,
        tipoDocumento: 'NIT',
        numeroDocumento: '900123456',
        nombre: 'INVERSIONES EJEMPLO S.A.S.',
        participacion: null,
      },
    ]);
    expect(office.construcciones).toEqual([
      {
        habitaciones: 0,
        banos: 1,
        locales: 0,
        pisos: 1,
        tipificacion: 0,
        uso: 77,
        puntaje: 60,
        areaConstruidaM2: 31,
      },
    ]);
  });

  it('accepts a line cut after VIGENCIA (297 characters) and an owner-free line, without claiming owners', () => {
    const office202 = records[2]!;
    expect(office202.numeroPredialAnterior).toBe('68001010101030016901');
    expect(office202.avaluo).toEqual({ pesos: 95_400_000, vigencia: 2024, fecha: '2024-01-01' });
    expect(office202.propietarios).toEqual([]);
    expect(office202.origen.campos).not.toContain('propietarios');
    expect(office202.construcciones).toEqual([]);
  });

  it('produces records the canonical schema accepts', () => {
    for (const record of records) expect(cadastralRecordSchema.safeParse(record).success).toBe(true);
  });

  it('reads R1 and R2 lines mixed in one content the same way', () => {
    const r1Text = new TextDecoder('windows-1252').decode(r1File);
    const r2Text = new TextDecoder('windows-1252').decode(r2File);
    const mixed = readR1R2(r1Text + r2Text);
    expect(mixed.problems).toEqual([]);
    expect(mixed.records.map((r) => r.construcciones)).toEqual(records.map((r) => r.construcciones));
    expect(mixed.records[0]!.origen.lineasR2).toEqual([5]);
  });

  it('without R2, does not claim matrícula, zonas or construcciones', () => {
    const only = readR1R2(r1File);
    expect(only.records[0]!.origen.campos).not.toContain('construcciones');
    expect(only.records[0]!.origen.campos).not.toContain('matriculaInmobiliaria');
  });
});

describe('readR1R2 with malformed lines', () => {
  it('reports a wrong length, a bad número predial and a non-numeric avalúo with their line numbers', () => {
    const tooLong = `${buildR1Line(HOUSE)}X`;
    const tooShort = buildR1Line(OFFICE).slice(0, 200);
    const badNumber = buildR1Line({
      ...OFFICE,
      numeroDelPredio: '01010103001690A',
      numeroPredialAnterior: '',
    });
    const badAvaluo = buildR1Line({ ...OFFICE, avaluo: '95400000O' });
    const good = buildR1Line({
      ...HOUSE,
      numeroDelPredio: '010601100024000',
      numeroPredialAnterior: '010601100024000',
    });
    const { records, problems } = readR1R2(lines(tooLong, tooShort, badNumber, badAvaluo, good));
    expect(problems).toContainEqual({
      line: 1,
      code: 'LINE_INVALID_LENGTH',
      detail: 'La línea R1 tiene 313 caracteres y debe tener 312.',
      severity: 'error',
    });
    expect(problems).toContainEqual({
      line: 2,
      code: 'LINE_INVALID_LENGTH',
      detail: 'La línea R1 tiene 200 caracteres y debe tener 312.',
      severity: 'error',
    });
    expect(problems).toContainEqual(
      expect.objectContaining({
        line: 3,
        code: 'NUMERO_PREDIAL_INVALID',
        severity: 'error',
        field: 'numeroPredial',
      }),
    );
    expect(problems).toContainEqual({
      line: 4,
      code: 'AVALUO_INVALID',
      detail:
        'Línea R1: el avalúo debe ser un número entero de pesos, solo dígitos sin puntos ni comas; se leyó «00000095400000O».',
      severity: 'error',
      field: 'avaluo',
      predio: '68001010101030016901',
    });
    expect(problems).toHaveLength(4);
    expect(records.map((r) => r.numeroPredialAnterior)).toEqual(['68001010601100024000']);
  });

  it('names a line too short to hold even the record type', () => {
    const { problems } = readR1R2('68001010601100023000\r\n');
    expect(problems).toEqual([
      {
        line: 1,
        code: 'LINE_INVALID_LENGTH',
        detail: 'La línea tiene 20 caracteres; una línea R1 tiene 312 y una R2 330.',
        severity: 'error',
      },
    ]);
  });

  it('refuses an impossible vigencia date and a line of another municipality', () => {
    const { records, problems } = readR1R2(
      lines(buildR1Line({ ...HOUSE, vigencia: '31022024' }), buildR1Line({ ...OFFICE, municipio: '276' })),
      { municipio: '68001' },
    );
    expect(records).toEqual([]);
    expect(problems).toContainEqual(expect.objectContaining({ line: 1, code: 'VIGENCIA_INVALID' }));
    expect(problems).toContainEqual(
      expect.objectContaining({
        line: 2,
        code: 'MUNICIPIO_MISMATCH',
        detail: 'Línea R1: la línea es del municipio 68276 y se está importando 68001.',
      }),
    );
  });

  it('leaves out a whole predio when one of its owner lines is bad, and names its code', () => {
    const owner1 = buildR1Line({ ...HOUSE, total: 2 });
    const owner2 = buildR1Line({ ...HOUSE, orden: 2, total: 2, avaluo: '18500000X' });
    const other = buildR1Line(OFFICE);
    const { records, problems } = readR1R2(lines(owner1, owner2, other));
    expect(records.map((r) => r.numeroPredialAnterior)).toEqual(['68001010101030016901']);
    expect(problems).toContainEqual(expect.objectContaining({ line: 2, code: 'AVALUO_INVALID' }));
    expect(problems).toContainEqual({
      line: 1,
      code: 'PREDIO_REJECTED',
      detail: 'El predio 68001010601100023000 no se importó porque tiene líneas con errores: 2.',
      severity: 'error',
      predio: '68001010601100023000',
    });
    expect(predioCodesWithErrors(problems)).toEqual(['68001010601100023000']);
  });

  it('refuses a predio whose owner lines do not add up to TOTAL_REGISTROS, or disagree on its data', () => {
    const missingOwner = readR1R2(lines(buildR1Line({ ...HOUSE, total: 2 })));
    expect(missingOwner.records).toEqual([]);
    expect(missingOwner.problems).toEqual([
      expect.objectContaining({
        line: 1,
        code: 'OWNER_COUNT_MISMATCH',
        detail:
          'El predio 68001010601100023000 no se importó: en R1, TOTAL_REGISTROS dice 2 y llegaron las líneas con número de orden 1.',
      }),
    ]);
    const differing = readR1R2(
      lines(buildR1Line({ ...HOUSE, total: 2 }), buildR1Line({ ...HOUSE, orden: 2, total: 2, avaluo: 1 })),
    );
    expect(differing.records).toEqual([]);
    expect(differing.problems).toEqual([expect.objectContaining({ line: 2, code: 'PREDIO_FIELDS_DIFFER' })]);
  });

  it('reports an unknown record type, skips blank lines and a DOS end-of-file mark', () => {
    const typeThree = `${buildR1Line(HOUSE).slice(0, 30)}3${buildR1Line(HOUSE).slice(31)}`;
    const { records, problems } = readR1R2(`${typeThree}\r\n\r\n   \r\n${buildR1Line(OFFICE)}\r\n\x1a`);
    expect(problems).toEqual([
      expect.objectContaining({
        line: 1,
        code: 'RECORD_TYPE_UNKNOWN',
        detail: expect.stringContaining('«3»'),
      }),
    ]);
    expect(records).toHaveLength(1);
    expect(records[0]!.origen.lineas).toEqual([4]);
  });

  it('keeps a predio with a destino the catalogue lacks, with a warning', () => {
    const { records, problems } = readR1R2(lines(buildR1Line({ ...HOUSE, destino: 'U' })));
    expect(records[0]!.destino).toEqual({ letra: 'U', nombre: null, ladm: null });
    expect(problems).toEqual([
      expect.objectContaining({
        line: 1,
        code: 'DESTINO_UNKNOWN',
        severity: 'aviso',
        predio: '68001010601100023000',
      }),
    ]);
  });

  it('treats ten zeros + 15 digits as the old code, so the same predio written twice is a duplicate', () => {
    const zeroPadded = buildR1Line({ ...HOUSE, numeroDelPredio: '0000000000010601100023000' });
    const { records, problems } = readR1R2(lines(buildR1Line(HOUSE), zeroPadded));
    expect(records).toEqual([]);
    expect(problems).toEqual([
      expect.objectContaining({ line: 2, code: 'PREDIO_DUPLICATE', predio: '68001010601100023000' }),
    ]);
  });

  it('warns when R2 constructions do not add up to the R1 built area, and about R2 without R1', () => {
    const r2 = (numeroDelPredio: string, area: number) =>
      buildR2Line({
        numeroDelPredio,
        orden: 1,
        total: 1,
        zonas: [{ fisica: '002', economica: '020', area: 55 }],
        construcciones: [
          { habitaciones: 1, banos: 1, locales: 0, pisos: 1, tipificacion: 0, uso: 1, puntaje: 20, area },
        ],
        vigencia: '01012024',
      });
    const { records, problems } = readR1R2(lines(buildR1Line(HOUSE)), {
      r2: lines(r2('010601100023000', 100), r2('010601100099000', 10)),
    });
    expect(records).toHaveLength(1);
    expect(problems).toEqual([
      expect.objectContaining({
        line: 1,
        archivo: 'r2',
        code: 'R2_AREA_MISMATCH',
        severity: 'aviso',
        detail: 'Las construcciones de R2 suman 100 m² y el área construida de R1 es 147 m².',
      }),
      expect.objectContaining({ line: 2, archivo: 'r2', code: 'R2_WITHOUT_R1', severity: 'aviso' }),
    ]);
  });

  it('warns about an unknown document type but keeps the owner', () => {
    const { records, problems } = readR1R2(lines(buildR1Line({ ...HOUSE, tipoDocumento: 'X' })));
    expect(records[0]!.propietarios[0]).toMatchObject({ tipoDocumento: null, numeroDocumento: '63501234' });
    expect(problems).toEqual([expect.objectContaining({ code: 'DOCUMENT_TYPE_UNKNOWN', severity: 'aviso' })]);
  });

  it('refuses a municipality code that is not DIVIPOLA', () => {
    expect(() => readR1R2('', { municipio: '6800' })).toThrow(/5 dígitos/);
  });

  it('bytes in the R1 file are latin-1 (Windows-1252) and decode as such', () => {
    const bytes = latin1Bytes(lines(buildR1Line({ ...HOUSE, nombre: 'PEÑA' })));
    expect(bytes.includes(0xd1)).toBe(true);
    expect(readR1R2(bytes).records[0]!.propietarios[0]!.nombre).toBe('PEÑA');
  });
});

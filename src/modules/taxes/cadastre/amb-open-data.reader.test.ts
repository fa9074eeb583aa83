import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readAmbOpenData } from './amb-open-data.reader.ts';
import { cadastralRecordSchema, predioCodesWithErrors } from './cadastral-record.ts';
import { parseNumeroPredialAnterior } from './numero-predial.rules.ts';
import { sameCadastralContent } from './roll-diff.rules.ts';

// Real owner-free rows of the AMB (datos.gov.co 3qja-8idc / mjv3-q3v6, vigencia 2021); see testdata/SOURCE.md.
const sample = (name: string) =>
  readFileSync(new URL(`./testdata/${name}.json.txt`, import.meta.url), 'utf8');
const houseR1 = sample('bucaramanga_r1_amb_2021_k15b_6_15');
const houseR2 = sample('bucaramanga_r2_amb_2021_k15b_6_15');
const socrataRaw = sample('bucaramanga_r1_amb_2021_socrata_raw_cl36_17_37');
const building = sample('bucaramanga_r1_amb_2021_ph_calle36_17_37');

describe('readAmbOpenData on the real AMB rows', () => {
  it('reads the house K 15B 6 15 and joins its R2 row: 117 + 30 m² of constructions = 147 m² built', () => {
    const { records, problems } = readAmbOpenData(houseR1, { r2: houseR2, municipio: '68001' });
    expect(problems).toEqual([]);
    expect(records).toEqual([
      {
        municipio: '68001',
        numeroPredialNacional: null,
        numeroPredialAnterior: '68001010601100023000',
        direccion: 'K 15B 6 15 BR CHAPINERO',
        destino: { letra: 'A', nombre: 'Habitacional', ladm: 'Habitacional' },
        estrato: null,
        areaTerrenoM2: 55,
        areaConstruidaM2: 147,
        avaluo: null,
        propietarios: [],
        matriculaInmobiliaria: null,
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
          formato: 'amb-open-data',
          lineas: [1],
          lineasR2: [1],
          // No owners, avalúo or NPN in this publication: a re-import must leave them alone.
          campos: [
            'numeroPredialAnterior',
            'direccion',
            'destino',
            'areaTerrenoM2',
            'areaConstruidaM2',
            'zonas',
            'construcciones',
          ],
        },
      },
    ]);
    expect(cadastralRecordSchema.safeParse(records[0]).success).toBe(true);
  });

  it('zero-pads municipio "1" (R1) and "001" (R2) to the same DIVIPOLA code, so they join', () => {
    expect(JSON.parse(houseR1)[0].municipio).toBe('1');
    expect(JSON.parse(houseR2)[0].municipio).toBe('001');
    const { records } = readAmbOpenData(houseR1, { r2: houseR2 });
    expect(records[0]!.municipio).toBe('68001');
    expect(records[0]!.construcciones).toHaveLength(2);
  });

  it('reads the raw Socrata body (one object per line, leading commas) with its line numbers', () => {
    const { records, problems } = readAmbOpenData(socrataRaw);
    expect(problems).toEqual([]);
    expect(records.map((r) => [r.origen.lineas[0], r.numeroPredialAnterior])).toEqual([
      [1, '68001010101030016901'],
      [2, '68001010101030017901'],
      [3, '68001010101030018901'],
      [4, '68001010101030025901'],
      [5, '68001010101030035901'],
    ]);
    expect(records[3]).toMatchObject({
      direccion: 'CL 36 17 37 OFC 305',
      destino: { letra: 'C', nombre: 'Comercial', ladm: 'Comercial' },
      areaTerrenoM2: 5,
      areaConstruidaM2: 36,
    });
  });

  it('reads the 26 units of Edificio Chile: PH codes 0101010300{15…40}901, offices C, apartment 701 A', () => {
    const { records, problems } = readAmbOpenData(building);
    expect(problems).toEqual([]);
    expect(records).toHaveLength(26);
    expect(records.map((r) => r.numeroPredialAnterior!.slice(5))).toEqual(
      Array.from({ length: 26 }, (_, i) => `0101010300${15 + i}901`),
    );
    for (const record of records) {
      const parts = parseNumeroPredialAnterior(record.numeroPredialAnterior!);
      expect(parts.manzanaVereda).toBe('0103');
      expect(parts.condicion).toBe('9');
    }
    expect(records.filter((r) => r.destino.letra === 'A').map((r) => r.direccion)).toEqual([
      'C 36 17 37 APT 701 ED CHILE BR CEN',
    ]);
    expect(records[25]).toMatchObject({ areaTerrenoM2: 20, areaConstruidaM2: 145 });
    // AP 604 is registered as commercial in the AMB data, not as housing.
    expect(records[24]).toMatchObject({ direccion: 'C 36 17 37 AP 604 ED CHILE', destino: { letra: 'C' } });
    // Several spellings of one building's address are kept as written (normalised only for spaces/case).
    expect(records[0]!.direccion).toBe('C 36 17 37 OF 201 ED CHILE BR CENT');
    expect(records[1]!.direccion).toBe('CL 36 17 37 OFC 202');
  });

  it('the two captures agree on the units they share', () => {
    const raw = readAmbOpenData(socrataRaw).records;
    const all = readAmbOpenData(building).records;
    for (const record of raw) {
      const same = all.find((r) => r.numeroPredialAnterior === record.numeroPredialAnterior)!;
      expect(sameCadastralContent(record, same)).toBe(true);
    }
  });

  it('reads the same columns from a Socrata CSV export', () => {
    const csv = [
      'departamento,municipio,numero_del_predio,direccion,destino_economico,area_terreno,area_construida',
      '68,1,010601100023000,K 15B 6 15 BR CHAPINERO,A,55,147',
    ].join('\n');
    const fromCsv = readAmbOpenData(csv, { r2: houseR2 });
    const fromJson = readAmbOpenData(houseR1, { r2: houseR2 });
    expect(fromCsv.problems).toEqual([]);
    expect(fromCsv.records[0]!.origen.lineas).toEqual([2]);
    expect(sameCadastralContent(fromCsv.records[0]!, fromJson.records[0]!)).toBe(true);
  });

  it('reads ArcGIS features with upper-case names and the renamed NUMERO_PREDIAL key (§2.4)', () => {
    const arcgis = JSON.stringify({
      features: [
        {
          attributes: {
            DEPARTAMENTO: '68',
            MUNICIPIO: '001',
            NUMERO_PREDIAL: '010601100023000',
            DIRECCION: 'K 15B 6 15 BR CHAPINERO',
            DESTINO_ECONOMICO: 'A',
            AREA_TERRENO: 55,
            AREA_CONSTRUIDA: 147,
          },
        },
      ],
    });
    const { records, problems } = readAmbOpenData(arcgis);
    expect(problems).toEqual([]);
    expect(records[0]).toMatchObject({
      numeroPredialAnterior: '68001010601100023000',
      areaConstruidaM2: 147,
    });
  });
});

describe('readAmbOpenData with bad rows (synthetic)', () => {
  const row = (over: Record<string, unknown>) =>
    JSON.stringify({
      departamento: '68',
      municipio: '1',
      numero_del_predio: '010601100023000',
      direccion: 'K 15B 6 15 BR CHAPINERO',
      destino_economico: 'A',
      area_terreno: '55',
      area_construida: '147',
      ...over,
    });

  it('reports a bad number, a bad area, a missing destino and a non-object with their row numbers', () => {
    const content = `[${[
      row({ numero_del_predio: '01060110002300X' }),
      row({ numero_del_predio: '010601100024000', area_terreno: '55 m2' }),
      row({ numero_del_predio: '010601100025000', destino_economico: undefined }),
      '"texto"',
      row({ numero_del_predio: '010601100026000' }),
    ].join('\n,')}]`;
    const { records, problems } = readAmbOpenData(content);
    expect(records.map((r) => r.numeroPredialAnterior)).toEqual(['68001010601100026000']);
    expect(problems).toEqual([
      expect.objectContaining({
        line: 1,
        code: 'NUMERO_PREDIAL_INVALID',
        detail: 'Fila R1: el número predial «01060110002300X» debe tener solo dígitos.',
      }),
      expect.objectContaining({
        line: 2,
        code: 'AREA_INVALID',
        detail: 'Fila R1: El área de terreno debe ser un número de metros cuadrados; se leyó «55 m2».',
        predio: '68001010601100024000',
      }),
      expect.objectContaining({
        line: 3,
        code: 'DESTINO_INVALID',
        detail: 'Fila R1: falta el destino económico.',
      }),
      expect.objectContaining({ line: 4, code: 'ROW_INVALID' }),
    ]);
    expect(predioCodesWithErrors(problems)).toEqual(['68001010601100024000', '68001010601100025000']);
  });

  it('refuses content that is not JSON as a whole', () => {
    const { records, problems } = readAmbOpenData('[{"departamento": "68",');
    expect(records).toEqual([]);
    expect(problems).toEqual([
      expect.objectContaining({
        line: 0,
        code: 'CONTENT_INVALID',
        detail: expect.stringContaining('no es JSON válido'),
      }),
    ]);
  });

  it('leaves out a predio whose R2 row is bad, and warns about R2 rows without R1', () => {
    const r2 = JSON.parse(houseR2) as Record<string, string>[];
    const badR2 = JSON.stringify([
      { ...r2[0], uso_1: '1A' },
      { ...r2[0], numero_del_predio: '010601100099000' },
    ]);
    const { records, problems } = readAmbOpenData(houseR1, { r2: badR2 });
    expect(records).toEqual([]);
    expect(problems).toEqual([
      expect.objectContaining({ line: 1, archivo: 'r2', code: 'R2_FIELD_INVALID', field: 'uso_1' }),
      expect.objectContaining({
        line: 1,
        code: 'PREDIO_REJECTED',
        detail: 'El predio 68001010601100023000 no se importó porque sus filas R2 1 tienen errores.',
      }),
      expect.objectContaining({ line: 2, archivo: 'r2', code: 'R2_WITHOUT_R1', severity: 'aviso' }),
    ]);
  });

  it('rejects both copies of a predio published twice, and re-pads a number that lost its zeros', () => {
    const twice = readAmbOpenData(`[${row({})},${row({ area_terreno: '56' })}]`);
    expect(twice.records).toEqual([]);
    expect(twice.problems).toEqual([
      expect.objectContaining({ line: 2, code: 'PREDIO_DUPLICATE', predio: '68001010601100023000' }),
    ]);
    const padded = readAmbOpenData(`[${row({ numero_del_predio: '10601100023000' })}]`);
    expect(padded.records[0]!.numeroPredialAnterior).toBe('68001010601100023000');
    expect(padded.problems).toEqual([
      expect.objectContaining({ code: 'NUMERO_PREDIAL_PADDED', severity: 'aviso' }),
    ]);
  });

  it('refuses rows of another municipality', () => {
    const { records, problems } = readAmbOpenData(`[${row({ municipio: '276' })}]`, { municipio: '68001' });
    expect(records).toEqual([]);
    expect(problems).toEqual([expect.objectContaining({ line: 1, code: 'MUNICIPIO_MISMATCH' })]);
  });
});

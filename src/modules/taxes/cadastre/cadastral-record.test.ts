import { describe, expect, it } from 'vitest';
import { type CadastralRecord, cadastralRecordSchema, predioCodesWithErrors } from './cadastral-record.ts';

const valid: CadastralRecord = {
  municipio: '68001',
  numeroPredialNacional: null,
  numeroPredialAnterior: '68001010601100023000',
  direccion: 'K 15B 6 15 BR CHAPINERO',
  destino: { letra: 'A', nombre: 'Habitacional', ladm: 'Habitacional' },
  estrato: null,
  areaTerrenoM2: 55,
  areaConstruidaM2: 147.5,
  avaluo: { pesos: 185_000_000, vigencia: 2024, fecha: '2024-01-01' },
  propietarios: [
    {
      calidad: 'propietario',
      tipoDocumento: 'CC',
      numeroDocumento: '63501234',
      nombre: 'ANA',
      participacion: { numerador: 1, denominador: 2 },
    },
  ],
  matriculaInmobiliaria: '300-12345',
  zonas: [],
  construcciones: [],
  origen: { formato: 'csv', lineas: [2], lineasR2: [], campos: ['avaluo'] },
};

const issues = (record: unknown) => {
  const result = cadastralRecordSchema.safeParse(record);
  return result.success ? [] : result.error.issues.map((i) => i.path.join('.'));
};

describe('cadastralRecordSchema', () => {
  it('accepts a complete record', () => {
    expect(issues(valid)).toEqual([]);
  });

  it('needs at least one code, and codes of its own municipality', () => {
    expect(issues({ ...valid, numeroPredialAnterior: null })).toEqual(['numeroPredialNacional']);
    expect(issues({ ...valid, numeroPredialAnterior: '68276010601100023000' })).toEqual([
      'numeroPredialAnterior',
    ]);
    expect(issues({ ...valid, numeroPredialNacional: '6800101' })).toEqual(['numeroPredialNacional']);
  });

  it('refuses money with decimals or past 15 digits, areas with 3 decimals, estrato 7, a share over 1', () => {
    expect(issues({ ...valid, avaluo: { ...valid.avaluo, pesos: 1.5 } })).toEqual(['avaluo.pesos']);
    expect(issues({ ...valid, avaluo: { ...valid.avaluo, pesos: 1e15 } })).toEqual(['avaluo.pesos']);
    expect(issues({ ...valid, areaTerrenoM2: 0.125 })).toEqual(['areaTerrenoM2']);
    expect(issues({ ...valid, estrato: 7 })).toEqual(['estrato']);
    expect(
      issues({
        ...valid,
        propietarios: [{ ...valid.propietarios[0], participacion: { numerador: 3, denominador: 2 } }],
      }),
    ).toEqual(['propietarios.0.participacion']);
    expect(
      issues({ ...valid, propietarios: [{ ...valid.propietarios[0], nombre: null, numeroDocumento: null }] }),
    ).toEqual(['propietarios.0']);
  });
});

describe('predioCodesWithErrors', () => {
  it('lists both codes of predios left out for errors, not of warnings', () => {
    expect(
      predioCodesWithErrors([
        { line: 1, code: 'X', detail: '', severity: 'error', predio: 'N1', predioAnterior: 'A1' },
        { line: 2, code: 'Y', detail: '', severity: 'aviso', predio: 'N2' },
        { line: 3, code: 'Z', detail: '', severity: 'error' },
      ]),
    ).toEqual(['N1', 'A1']);
  });
});

import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readAmbOpenData } from './amb-open-data.reader.ts';
import { CAMPOS_CATASTRALES, type CadastralRecord } from './cadastral-record.ts';
import { CadastreError } from './cadastre.errors.ts';
import { readR1R2 } from './r1r2.reader.ts';
import { applyRollDiff, diffRoll, sameCadastralContent } from './roll-diff.rules.ts';

const testdata = (name: string) => readFileSync(new URL(`./testdata/${name}`, import.meta.url));

function buildRecord(over: Partial<CadastralRecord> = {}): CadastralRecord {
  return {
    municipio: '68001',
    numeroPredialNacional: null,
    numeroPredialAnterior: '68001010601100023000',
    direccion: 'K 15B 6 15 BR CHAPINERO',
    destino: { letra: 'A', nombre: 'Habitacional', ladm: 'Habitacional' },
    estrato: 3,
    areaTerrenoM2: 55,
    areaConstruidaM2: 147,
    avaluo: { pesos: 185_000_000, vigencia: 2024, fecha: null },
    propietarios: [],
    matriculaInmobiliaria: null,
    zonas: [],
    construcciones: [],
    origen: { formato: 'csv', lineas: [2], lineasR2: [], campos: [...CAMPOS_CATASTRALES] },
    ...over,
  };
}

describe('diffRoll: the AMB 2021 open data, then a roll with owners and avalúos', () => {
  const current = [
    ...readAmbOpenData(testdata('bucaramanga_r1_amb_2021_k15b_6_15.json.txt'), {
      r2: testdata('bucaramanga_r2_amb_2021_k15b_6_15.json.txt'),
    }).records,
    ...readAmbOpenData(testdata('bucaramanga_r1_amb_2021_ph_calle36_17_37.json.txt')).records,
  ];
  const incoming = readR1R2(testdata('r1-sintetico-bucaramanga.txt'), {
    r2: testdata('r2-sintetico-bucaramanga.txt'),
  }).records;
  const diff = diffRoll(current, incoming);

  it('pairs predios by the old code where the registry has no NPN yet', () => {
    expect(current).toHaveLength(27);
    expect(diff.nuevos).toEqual([]);
    expect(diff.ambiguos).toEqual([]);
    expect(diff.sinCambios).toBe(0);
    expect(diff.cambiados.map((c) => c.actual.numeroPredialAnterior)).toEqual([
      '68001010601100023000',
      '68001010101030015901',
      '68001010101030016901',
    ]);
    // The other 24 units of Edificio Chile are not in this (small) roll.
    expect(diff.eliminados).toHaveLength(24);
  });

  it('reports field by field what changed; what both forms say alike is not a change', () => {
    const [house, office201, office202] = diff.cambiados;
    expect(house!.cambios.map((c) => c.campo)).toEqual(['avaluo', 'propietarios', 'matriculaInmobiliaria']);
    expect(house!.cambios[0]).toEqual({
      campo: 'avaluo',
      antes: null,
      despues: { pesos: 185_000_000, vigencia: 2024, fecha: '2024-01-01' },
    });
    expect(office201!.cambios.map((c) => c.campo)).toEqual([
      'numeroPredialNacional',
      'avaluo',
      'propietarios',
      'matriculaInmobiliaria',
      'zonas',
      'construcciones',
    ]);
    // The owner-free R1 line of office 202 does not erase owners: R1 without names does not carry them.
    expect(office202!.cambios.map((c) => c.campo)).toEqual(['avaluo']);
  });

  it('applies without duplicates: 3 predios, the NPN added, owners and avalúos in', () => {
    const after = applyRollDiff(current, diff);
    expect(after).toHaveLength(3);
    expect(after.map((r) => r.numeroPredialNacional)).toEqual([null, '680010101030101030001901020001', null]);
    expect(after[0]!.propietarios).toHaveLength(2);
    expect(diffRoll(after, incoming).sinCambios).toBe(3);
  });

  it('applies the same after the diff went through JSON (storage)', () => {
    const stored = JSON.parse(JSON.stringify(diff));
    expect(applyRollDiff(current, stored)).toEqual(applyRollDiff(current, diff));
  });
});

describe('diffRoll: matching rules', () => {
  it('a poorer source never erases what it does not carry', () => {
    const owner = {
      calidad: null,
      tipoDocumento: 'CC' as const,
      numeroDocumento: '1',
      nombre: 'ANA',
      participacion: null,
    };
    const actual = buildRecord({ propietarios: [owner] });
    const openData = buildRecord({
      avaluo: null,
      propietarios: [],
      estrato: null,
      areaConstruidaM2: 150,
      origen: {
        formato: 'amb-open-data',
        lineas: [1],
        lineasR2: [],
        campos: ['numeroPredialAnterior', 'direccion', 'destino', 'areaTerrenoM2', 'areaConstruidaM2'],
      },
    });
    const diff = diffRoll([actual], [openData]);
    expect(diff.cambiados[0]!.cambios).toEqual([{ campo: 'areaConstruidaM2', antes: 147, despues: 150 }]);
    const [after] = applyRollDiff([actual], diff);
    expect(after).toMatchObject({
      areaConstruidaM2: 150,
      avaluo: actual.avaluo,
      propietarios: [owner],
      estrato: 3,
    });
  });

  it('an empty NPN in the new roll does not erase the registered one', () => {
    const actual = buildRecord({ numeroPredialNacional: '680010106030101100023000000000' });
    const withoutNpn = buildRecord({ areaTerrenoM2: 60 });
    const diff = diffRoll([actual], [withoutNpn]);
    expect(diff.cambiados[0]!.cambios.map((c) => c.campo)).toEqual(['areaTerrenoM2']);
    expect(applyRollDiff([actual], diff)[0]!.numeroPredialNacional).toBe('680010106030101100023000000000');
  });

  it('the NPN decides over the old code', () => {
    const actual = buildRecord({ numeroPredialNacional: '680010106030101100023000000000' });
    const renumbered = buildRecord({
      numeroPredialNacional: '680010106030101100023000000000',
      numeroPredialAnterior: '68001010601100099000',
    });
    const diff = diffRoll([actual], [renumbered]);
    expect(diff.cambiados[0]!.cambios.map((c) => c.campo)).toEqual(['numeroPredialAnterior']);
  });

  it('two predios with different NPNs are different even when they share the old code', () => {
    const actual = buildRecord({ numeroPredialNacional: '680010106030101100023000000000' });
    const other = buildRecord({ numeroPredialNacional: '680010106030101100024000000000' });
    const diff = diffRoll([actual], [other]);
    expect(diff.nuevos).toEqual([other]);
    expect(diff.eliminados).toEqual([actual]);
  });

  it('a desenglobe (two new NPNs with the old code of one registered predio) is left to a person', () => {
    const actual = buildRecord();
    const part1 = buildRecord({ numeroPredialNacional: '680010106030101100023000000000', areaTerrenoM2: 30 });
    const part2 = buildRecord({ numeroPredialNacional: '680010106030101100031000000000', areaTerrenoM2: 25 });
    const diff = diffRoll([actual], [part1, part2]);
    expect(diff.ambiguos).toEqual([
      { numeroPredialAnterior: '68001010601100023000', actuales: [actual], nuevos: [part1, part2] },
    ]);
    expect(diff.nuevos).toEqual([]);
    expect(diff.eliminados).toEqual([]);
    expect(applyRollDiff([actual], diff)).toEqual([actual]);
  });

  it('owners, zones and constructions in another order are not a change', () => {
    const ana = {
      calidad: null,
      tipoDocumento: 'CC' as const,
      numeroDocumento: '1',
      nombre: 'ANA',
      participacion: null,
    };
    const luis = { ...ana, numeroDocumento: '2', nombre: 'LUIS' };
    const diff = diffRoll(
      [buildRecord({ propietarios: [ana, luis] })],
      [buildRecord({ propietarios: [luis, ana] })],
    );
    expect(diff.sinCambios).toBe(1);
  });

  it('keeps registry predios the reader could not read (codigosNoLeidos) instead of removing them', () => {
    const unreadable = buildRecord({ numeroPredialAnterior: '68001010601100024000' });
    const gone = buildRecord({ numeroPredialAnterior: '68001010601100025000' });
    const diff = diffRoll([unreadable, gone], [], { codigosNoLeidos: ['68001010601100024000'] });
    expect(diff.protegidos).toEqual([unreadable]);
    expect(diff.eliminados).toEqual([gone]);
    expect(applyRollDiff([unreadable, gone], diff)).toEqual([unreadable]);
  });

  it('refuses a list that holds a predio twice', () => {
    const twice = () => diffRoll([], [buildRecord(), buildRecord()]);
    expect(twice).toThrow(CadastreError);
    expect(twice).toThrow('El predio 68001010601100023000 aparece dos veces en el padrón nuevo');
  });
});

describe('diffRoll: properties', () => {
  const key = fc.integer({ min: 1, max: 40 });
  const owner = fc.record({
    calidad: fc.constantFrom(null, 'propietario' as const, 'poseedor' as const),
    tipoDocumento: fc.constantFrom(null, 'CC' as const, 'NIT' as const),
    numeroDocumento: fc.option(fc.stringMatching(/^[1-9]\d{5,9}$/), { nil: null }),
    nombre: fc.constantFrom('ANA', 'LUIS PÉREZ', 'INVERSIONES S.A.S.'),
    participacion: fc.option(
      fc.constantFrom({ numerador: 1, denominador: 2 }, { numerador: 1, denominador: 1 }),
      {
        nil: null,
      },
    ),
  });
  const area = fc.integer({ min: 0, max: 10_000_000 }).map((cents) => cents / 100);
  const record = (k: number) =>
    fc
      .record({
        direccion: fc.option(fc.constantFrom('K 15B 6 15', 'CL 36 17 37 OF 201'), { nil: null }),
        destino: fc.constantFrom(
          { letra: 'A', nombre: 'Habitacional', ladm: 'Habitacional' as const },
          { letra: 'C', nombre: 'Comercial', ladm: 'Comercial' as const },
          { letra: 'D', nombre: 'Agropecuario', ladm: null },
        ),
        estrato: fc.option(fc.integer({ min: 1, max: 6 }), { nil: null }),
        areaTerrenoM2: fc.option(area, { nil: null }),
        areaConstruidaM2: fc.option(area, { nil: null }),
        avaluo: fc.option(
          fc.record({
            pesos: fc.integer({ min: 0, max: 999_999_999_999 }),
            vigencia: fc.integer({ min: 2020, max: 2026 }),
            fecha: fc.constant(null),
          }),
          { nil: null },
        ),
        propietarios: fc.array(owner, { maxLength: 3 }),
        matriculaInmobiliaria: fc.option(fc.constantFrom('300-12345', '300-67890'), { nil: null }),
        zonas: fc.array(
          fc.record({
            zonaFisica: fc.constantFrom('02', '03'),
            zonaGeoeconomica: fc.constantFrom('01', '20'),
            areaTerrenoM2: area,
          }),
          { maxLength: 2 },
        ),
        construcciones: fc.array(
          fc.record({
            habitaciones: fc.nat(9),
            banos: fc.nat(9),
            locales: fc.nat(3),
            pisos: fc.nat(9),
            tipificacion: fc.constant(0),
            uso: fc.constantFrom(1, 2, 71, 77),
            puntaje: fc.nat(99),
            areaConstruidaM2: area,
          }),
          { maxLength: 3 },
        ),
      })
      .map(
        (content): CadastralRecord => ({
          municipio: '68001',
          // Codes are never erased by a re-import, so whether a predio has an NPN is fixed per predio here;
          // a roll that adds the NPN is the example test above.
          numeroPredialNacional: k % 3 === 0 ? null : `68001${String(k).padStart(25, '0')}`,
          numeroPredialAnterior: `68001${String(k).padStart(15, '0')}`,
          ...content,
          origen: { formato: 'csv', lineas: [k], lineasR2: [], campos: [...CAMPOS_CATASTRALES] },
        }),
      );
  const roll: fc.Arbitrary<CadastralRecord[]> = fc
    .uniqueArray(key, { maxLength: 15 })
    .chain((keys) => fc.tuple(...keys.map(record)).map((list) => [...list]));
  const keyOf = (r: CadastralRecord) => Number(r.numeroPredialAnterior!.slice(5));
  /** The same predio in the next roll: unchanged, gone, one field changed, or all new content. */
  const nextVersion = (r: CadastralRecord): fc.Arbitrary<CadastralRecord | null> =>
    fc.oneof(
      fc.constant(r),
      fc.constant(null),
      fc
        .tuple(record(keyOf(r)), fc.constantFrom(...CAMPOS_CATASTRALES))
        .map(([fresh, campo]) => ({ ...r, [campo]: fresh[campo] }) as CadastralRecord),
      record(keyOf(r)),
    );
  /** A registry and a next roll that shares many of its predios, often with a single field changed. */
  const rollAndNext = roll.chain((a) =>
    fc
      .tuple(fc.tuple(...a.map(nextVersion)), roll)
      .map(([versions, extra]): [CadastralRecord[], CadastralRecord[]] => [
        a,
        [
          ...versions.filter((r): r is CadastralRecord => r !== null),
          ...extra.filter((e) => !a.some((r) => keyOf(r) === keyOf(e))),
        ],
      ]),
  );

  it('diff(a, a) changes nothing', () => {
    fc.assert(
      fc.property(roll, (a) => {
        const diff = diffRoll(a, a);
        expect(diff.sinCambios).toBe(a.length);
        expect([diff.nuevos, diff.eliminados, diff.cambiados, diff.ambiguos, diff.protegidos]).toEqual([
          [],
          [],
          [],
          [],
          [],
        ]);
      }),
    );
  });

  it('applying diff(a, b) to a yields b, and every predio is counted once', () => {
    fc.assert(
      fc.property(rollAndNext, ([a, b]) => {
        const diff = diffRoll(a, b);
        expect(diff.ambiguos).toEqual([]);
        expect(diff.nuevos.length + diff.cambiados.length + diff.sinCambios).toBe(b.length);
        expect(diff.eliminados.length + diff.cambiados.length + diff.sinCambios).toBe(a.length);
        const after = applyRollDiff(a, diff);
        expect(after).toHaveLength(b.length);
        for (const expected of b) {
          const found = after.find((r) => r.numeroPredialAnterior === expected.numeroPredialAnterior);
          expect(found && sameCadastralContent(found, expected)).toBe(true);
        }
        expect(diffRoll(after, b).sinCambios).toBe(b.length);
      }),
    );
  });
});

import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { pointInGeometry } from '../../territory/index.ts';
import {
  cadastralRecordSchema,
  condicionDePropiedad,
  esPropiedadHorizontal,
  numeroPredialAnteriorToNacional,
  numeroPredialNacionalToAnterior,
  parseNumeroPredial,
  parseNumeroPredialAnterior,
  parseNumeroPredialNacional,
} from '../cadastre/index.ts';
import { type BarrioArea, geometryAreaOf, SyntheticDataError, strictlyInside } from './barrio-areas.ts';
import { SYNTHETIC_OWNER_CC_FIRST, SYNTHETIC_OWNER_CC_LAST } from './synthetic-owners.ts';
import {
  cadastralLocationsOf,
  generateSyntheticPredios,
  readDemoBarrioAreas,
  type SyntheticPredio,
  type SyntheticPrediosOptions,
} from './synthetic-predios.ts';

const VIGENCIAS = [2023, 2024, 2025];
const SAMPLE_SIZE = 20_000;

let barrios: BarrioArea[];
let byCode: Map<string, BarrioArea>;
let sample: SyntheticPredio[];

function options(overrides: Partial<SyntheticPrediosOptions> = {}): SyntheticPrediosOptions {
  return { divipola: '68001', count: 100, seed: 1, vigencias: VIGENCIAS, barrios, ...overrides };
}

function errorOf(run: () => unknown): SyntheticDataError {
  try {
    run();
  } catch (error) {
    if (error instanceof SyntheticDataError) return error;
    throw error;
  }
  throw new Error('no lanzó error');
}

/** Σ numerador/denominador == 1, in exact integer arithmetic. */
function sharesAddUpToOne(shares: readonly { numerador: number; denominador: number }[]): boolean {
  const common = shares.reduce((product, s) => product * BigInt(s.denominador), 1n);
  const total = shares.reduce((sum, s) => sum + (BigInt(s.numerador) * common) / BigInt(s.denominador), 0n);
  return total === common;
}

const isPh = (predio: SyntheticPredio) => predio.record.numeroPredialNacional![21] === '9';

beforeAll(async () => {
  barrios = await readDemoBarrioAreas('68001');
  byCode = new Map(barrios.map((b) => [b.code, b]));
  sample = [...generateSyntheticPredios(options({ count: SAMPLE_SIZE, seed: 20_260_101 }))];
});

describe(`${SAMPLE_SIZE} synthetic predios of Bucaramanga`, () => {
  it('are exactly as many as asked, and every record passes the cadastral schema', () => {
    expect(sample).toHaveLength(SAMPLE_SIZE);
    for (const { record } of sample) {
      const parsed = cadastralRecordSchema.safeParse(record);
      if (!parsed.success) throw new Error(`${record.numeroPredialNacional}: ${parsed.error.message}`);
    }
  });

  it('have unique valid 30-digit NPNs and unique 20-digit old codes that agree with them', () => {
    expect(new Set(sample.map((p) => p.record.numeroPredialNacional)).size).toBe(SAMPLE_SIZE);
    expect(new Set(sample.map((p) => p.record.numeroPredialAnterior)).size).toBe(SAMPLE_SIZE);
    for (const { record } of sample) {
      const npn = parseNumeroPredialNacional(record.numeroPredialNacional!);
      const anterior = parseNumeroPredialAnterior(record.numeroPredialAnterior!);
      expect(npn.departamento + npn.municipio).toBe('68001');
      expect(condicionDePropiedad(npn)).not.toBeNull();
      expect([anterior.zona, anterior.sector, anterior.manzanaVereda]).toEqual([
        npn.zona,
        npn.sector,
        npn.manzanaVereda,
      ]);
      if (npn.condicionPropiedad === '0') {
        // A plain lot converts both ways (§3.3).
        const toAnterior = numeroPredialNacionalToAnterior(npn);
        expect(toAnterior.ok && toAnterior.codigo).toBe(record.numeroPredialAnterior);
        const back = numeroPredialAnteriorToNacional(anterior, { comuna: npn.comuna, barrio: npn.barrio });
        expect(back.ok && back.codigo).toBe(record.numeroPredialNacional);
      } else {
        expect(npn.condicionPropiedad).toBe('9');
        expect(esPropiedadHorizontal(parseNumeroPredial(record.numeroPredialNacional!))).toBe(true);
        expect(esPropiedadHorizontal(parseNumeroPredial(record.numeroPredialAnterior!))).toBe(true);
        expect(anterior.edificioMejora).toBe(npn.edificio);
        expect(npn.unidad).not.toBe('0000');
      }
    }
  });

  it('carry in the NPN one zona/sector/comuna/barrio prefix per barrio, and a different one for each', () => {
    const prefixes = new Map<string, Set<string>>();
    for (const predio of sample) {
      const npn = predio.record.numeroPredialNacional!;
      const set = prefixes.get(predio.barrioCode) ?? new Set();
      set.add(npn.slice(0, 13));
      prefixes.set(predio.barrioCode, set);
      const parts = parseNumeroPredialNacional(npn);
      if (/^\d{2}$/.test(predio.comunaCode)) {
        expect([parts.zona, parts.sector, parts.comuna]).toEqual([
          '01',
          predio.comunaCode,
          predio.comunaCode,
        ]);
      } else {
        expect([parts.zona, parts.comuna]).toEqual(['00', '00']);
      }
      expect(predio.comunaCode).toBe(byCode.get(predio.barrioCode)!.comunaCode);
    }
    for (const set of prefixes.values()) expect(set.size).toBe(1);
    const all = [...prefixes.values()].map((set) => [...set][0]);
    expect(new Set(all).size).toBe(prefixes.size);
    const locations = cadastralLocationsOf(barrios);
    for (const [code, set] of prefixes) {
      const location = locations.get(code)!;
      expect([...set][0]).toBe(`68001${location.zona}${location.sector}${location.comuna}${location.barrio}`);
    }
  });

  it('lie strictly inside their barrio', () => {
    for (const predio of sample) {
      const barrio = byCode.get(predio.barrioCode)!;
      // The territory module's own test (edges count as inside) and the strict one (holes and edges out).
      expect(pointInGeometry(predio.longitud, predio.latitud, barrio.polygon)).toBe(true);
      expect(strictlyInside(predio.longitud, predio.latitud, barrio.polygon)).toBe(true);
    }
  });

  it('share one point among the units of one PH building', () => {
    const points = new Map<string, string>();
    for (const predio of sample.filter(isPh)) {
      const terreno = predio.record.numeroPredialNacional!.slice(0, 21);
      const point = `${predio.longitud},${predio.latitud}`;
      expect(points.get(terreno) ?? point).toBe(point);
      points.set(terreno, point);
    }
    expect(points.size).toBeGreaterThan(20);
  });

  it('are spread over the barrios in proportion to their area', () => {
    const counts = new Map<string, number>();
    for (const predio of sample) counts.set(predio.barrioCode, (counts.get(predio.barrioCode) ?? 0) + 1);
    const total = barrios.reduce((sum, b) => sum + geometryAreaOf(b.polygon), 0);
    for (const barrio of barrios) {
      const expected = (geometryAreaOf(barrio.polygon) / total) * SAMPLE_SIZE;
      expect(Math.abs((counts.get(barrio.code) ?? 0) - expected)).toBeLessThan(1);
    }
  });

  it('are mostly habitacional, with estratos 1–6 (more 2 and 3) and the other uses present', () => {
    const letters = new Map<string, number>();
    for (const { record } of sample)
      letters.set(record.destino.letra, (letters.get(record.destino.letra) ?? 0) + 1);
    const shareA = (letters.get('A') ?? 0) / SAMPLE_SIZE;
    expect(shareA).toBeGreaterThanOrEqual(0.75);
    expect(shareA).toBeLessThanOrEqual(0.92);
    for (const letra of ['B', 'C', 'R', 'S', 'I', 'J']) expect(letters.get(letra) ?? 0).toBeGreaterThan(0);
    expect((letters.get('C') ?? 0) / SAMPLE_SIZE).toBeGreaterThan(0.03);

    const estratos = new Map<number, number>();
    for (const { record } of sample) {
      if (record.destino.letra === 'A') {
        expect(record.estrato).toBeGreaterThanOrEqual(1);
        expect(record.estrato).toBeLessThanOrEqual(6);
        estratos.set(record.estrato!, (estratos.get(record.estrato!) ?? 0) + 1);
      } else {
        expect(record.estrato).toBeNull();
      }
      expect(record.destino.nombre).not.toBeNull();
    }
    expect(estratos.size).toBe(6);
    const middle = (estratos.get(2) ?? 0) + (estratos.get(3) ?? 0);
    for (const rare of [1, 4, 5, 6]) expect(estratos.get(rare) ?? 0).toBeLessThan(middle / 2);
    expect(sample.filter(isPh).length / SAMPLE_SIZE).toBeGreaterThan(0.05);
  });

  it('have plausible areas: lots unbuilt, construction blocks and zonas that add up', () => {
    const problems: string[] = [];
    for (const { record } of sample) {
      const code = record.numeroPredialNacional;
      const letra = record.destino.letra;
      const built = record.construcciones.reduce((sum, c) => sum + c.areaConstruidaM2, 0);
      const zonas = record.zonas.reduce((sum, z) => sum + z.areaTerrenoM2, 0);
      if (!(record.areaTerrenoM2! > 0)) problems.push(`${code}: sin área de terreno`);
      if (Math.round(built * 100) / 100 !== record.areaConstruidaM2) problems.push(`${code}: bloques ≠ área`);
      if (zonas !== record.areaTerrenoM2) problems.push(`${code}: zonas ≠ terreno`);
      const lot = letra === 'R' || letra === 'S';
      if (lot && (record.areaConstruidaM2 !== 0 || record.construcciones.length > 0)) {
        problems.push(`${code}: lote con construcción`);
      }
      if (!lot && !(record.areaConstruidaM2! > 0)) problems.push(`${code}: sin área construida`);
      if (letra === 'A' && record.areaConstruidaM2! >= 2_000) problems.push(`${code}: vivienda enorme`);
      if (letra === 'B' && record.areaTerrenoM2! < 500) problems.push(`${code}: industria diminuta`);
      if (letra === 'R' && record.areaTerrenoM2! < 1_500) problems.push(`${code}: lote urbanizable diminuto`);
    }
    expect(problems.slice(0, 10)).toEqual([]);
  });

  it('have one avalúo per vigencia in thousands of pesos, rising 3–6 % a year', () => {
    const problems: string[] = [];
    let veryLarge = 0;
    for (const { avaluos, record } of sample) {
      const code = record.numeroPredialNacional;
      if (avaluos.map((a) => a.vigencia).join() !== VIGENCIAS.join()) problems.push(`${code}: vigencias`);
      expect(record.avaluo).toEqual(avaluos[avaluos.length - 1]);
      for (const [index, avaluo] of avaluos.entries()) {
        if (!Number.isSafeInteger(avaluo.pesos) || avaluo.pesos % 1000 !== 0) problems.push(`${code}: pesos`);
        if (avaluo.fecha !== `${avaluo.vigencia}-01-01`) problems.push(`${code}: fecha`);
        if (index === 0) continue;
        const previous = avaluos[index - 1]!.pesos;
        if (avaluo.pesos < previous * 1.03 - 1000 || avaluo.pesos > previous * 1.06 + 1000) {
          problems.push(`${code}: de ${previous} a ${avaluo.pesos}`);
        }
      }
      const first = avaluos[0]!.pesos;
      if (record.destino.letra === 'A' && (first < 20_000_000 || first > 900_000_000)) {
        problems.push(`${code}: vivienda de ${first}`);
      }
      if (first > 10_000_000_000) veryLarge += 1;
      else if (first > 9_000_000_000) problems.push(`${code}: ${first} entre los rangos`);
    }
    expect(problems.slice(0, 10)).toEqual([]);
    expect(veryLarge).toBeGreaterThan(0);
    expect(veryLarge).toBeLessThan(SAMPLE_SIZE / 200);
  });

  it('have 1–3 synthetic owners whose shares add up to 1, and one name per cédula', () => {
    const problems: string[] = [];
    const names = new Map<string, string>();
    const counts = new Set<number>();
    let slots = 0;
    for (const { record } of sample) {
      const code = record.numeroPredialNacional;
      const owners = record.propietarios;
      counts.add(owners.length);
      slots += owners.length;
      if (!sharesAddUpToOne(owners.map((o) => o.participacion!))) problems.push(`${code}: participaciones`);
      if (new Set(owners.map((o) => o.numeroDocumento)).size !== owners.length)
        problems.push(`${code}: repetido`);
      for (const owner of owners) {
        const number = Number(owner.numeroDocumento);
        if (owner.tipoDocumento !== 'CC') problems.push(`${code}: tipo ${owner.tipoDocumento}`);
        if (!(number >= SYNTHETIC_OWNER_CC_FIRST && number <= SYNTHETIC_OWNER_CC_LAST)) {
          problems.push(`${code}: cédula ${owner.numeroDocumento} fuera del rango sintético`);
        }
        if (!/^[A-ZÁÉÍÓÚÑ]+( [A-ZÁÉÍÓÚÑ]+){2,3}$/.test(owner.nombre!))
          problems.push(`${code}: ${owner.nombre}`);
        if ((names.get(owner.numeroDocumento!) ?? owner.nombre) !== owner.nombre) {
          problems.push(`${owner.numeroDocumento}: dos nombres`);
        }
        names.set(owner.numeroDocumento!, owner.nombre!);
      }
    }
    expect(problems.slice(0, 10)).toEqual([]);
    expect(counts).toEqual(new Set([1, 2, 3]));
    // Fewer people than owner entries: some own more than one predio.
    expect(names.size).toBeLessThan(slots);
  });

  it('have unique matrículas of circle 300 and addresses in the Colombian grid style', () => {
    expect(new Set(sample.map((p) => p.record.matriculaInmobiliaria)).size).toBe(SAMPLE_SIZE);
    const urban =
      /^(CL \d+[ABC]? # \d+[ABC]?|KR \d+[ABC]? # \d+[ABC]?)-\d{2}( TO \d+)?( (AP|OF|LC) \d{3,4})?$/;
    const rural = /^(FINCA|LOTE \d+|PARCELA \d+|CASA|PREDIO) [A-Z ]+$/;
    for (const predio of sample) {
      expect(predio.record.matriculaInmobiliaria).toMatch(/^300-\d{6}$/);
      const direccion = predio.record.direccion!;
      expect(direccion).toMatch(/^\d{2}$/.test(predio.comunaCode) ? urban : rural);
      if (isPh(predio)) expect(direccion).toMatch(/ (AP|OF|LC) \d{3,4}$/);
    }
  });
});

describe('determinism and checks', () => {
  it('gives the same predios for the same options, and others for another seed', () => {
    const first = [...generateSyntheticPredios(options({ count: 2_000, seed: 5 }))];
    const again = [...generateSyntheticPredios(options({ count: 2_000, seed: 5 }))];
    const other = [...generateSyntheticPredios(options({ count: 2_000, seed: 6 }))];
    expect(again).toEqual(first);
    expect(other.map((p) => p.record.propietarios)).not.toEqual(first.map((p) => p.record.propietarios));
    expect(other.map((p) => p.longitud)).not.toEqual(first.map((p) => p.longitud));
  });

  it('checks its options at once, in Spanish', () => {
    expect(errorOf(() => generateSyntheticPredios(options({ divipola: '6801' }))).message).toMatch(
      /5 dígitos/,
    );
    expect(errorOf(() => generateSyntheticPredios(options({ count: -1 }))).message).toMatch(
      /entero no negativo/,
    );
    expect(errorOf(() => generateSyntheticPredios(options({ count: 9_000_001 }))).code).toBe(
      'CAPACITY_EXCEEDED',
    );
    expect(errorOf(() => generateSyntheticPredios(options({ vigencias: [] }))).message).toMatch(
      /al menos una vigencia/,
    );
    expect(errorOf(() => generateSyntheticPredios(options({ vigencias: [2024, 2024] }))).message).toMatch(
      /repetirse/,
    );
    expect(errorOf(() => generateSyntheticPredios(options({ barrios: [] }))).message).toMatch(
      /al menos un barrio/,
    );
    const twice = [barrios[0]!, barrios[0]!];
    expect(errorOf(() => generateSyntheticPredios(options({ barrios: twice }))).code).toBe('INVALID_AREAS');
    expect([...generateSyntheticPredios(options({ count: 0, barrios: [] }))]).toEqual([]);
  });

  it('keeps every property for any seed, count, barrios and vigencias', () => {
    const pool = () =>
      barrios.filter((_, index) => index % 9 === 0 || barrios[index]!.comunaCode.startsWith('C'));
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 31 }),
        fc.integer({ min: 0, max: 400 }),
        fc.subarray(pool(), { minLength: 1 }),
        fc.uniqueArray(fc.integer({ min: 2000, max: 2035 }), { minLength: 1, maxLength: 4 }),
        (seed, count, chosen, vigencias) => {
          const predios = [
            ...generateSyntheticPredios({ divipola: '68001', count, seed, vigencias, barrios: chosen }),
          ];
          expect(predios).toHaveLength(count);
          expect(new Set(predios.map((p) => p.record.numeroPredialNacional)).size).toBe(count);
          expect(new Set(predios.map((p) => p.record.numeroPredialAnterior)).size).toBe(count);
          const latest = Math.max(...vigencias);
          for (const predio of predios) {
            expect(cadastralRecordSchema.safeParse(predio.record).success).toBe(true);
            const barrio = chosen.find((b) => b.code === predio.barrioCode)!;
            expect(strictlyInside(predio.longitud, predio.latitud, barrio.polygon)).toBe(true);
            expect(predio.record.avaluo!.vigencia).toBe(latest);
            const pesos = predio.avaluos.map((a) => a.pesos);
            expect(pesos).toEqual([...pesos].sort((a, b) => a - b));
          }
        },
      ),
      { numRuns: 25 },
    );
  });

  it('streams 300 000 predios in under 20 s without memory growing with the count', () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const started = performance.now();
    let count = 0;
    let heapAfterFirstPart = 0;
    let largest = 0;
    for (const predio of generateSyntheticPredios(options({ count: 300_000, seed: 11 }))) {
      count += 1;
      largest = Math.max(largest, predio.record.avaluo!.pesos);
      if (count === 30_000) {
        gc();
        heapAfterFirstPart = process.memoryUsage().heapUsed;
      }
    }
    const seconds = (performance.now() - started) / 1000;
    gc();
    const growth = process.memoryUsage().heapUsed - heapAfterFirstPart;
    expect(count).toBe(300_000);
    expect(seconds).toBeLessThan(20);
    // Holding 270 000 more records would take hundreds of MB; streaming keeps the heap flat.
    expect(growth).toBeLessThan(16 * 1024 * 1024);
    expect(largest).toBeGreaterThan(10_000_000_000);
  }, 60_000);
});

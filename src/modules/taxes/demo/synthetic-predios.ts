// Synthetic predios for the demo city: a plausible cadastral roll drawn inside the real barrio outlines,
// with valid 30- and 20-digit codes (cadastre-and-registries.md §3), Res. IGAC 70/2011 destino letters
// (§4.1), R2-style zonas and construcciones (§2.3) and owners from the synthetic cédula range. It is a
// generator, so 300 000 predios stream in constant memory, and it is seeded: the same options give the
// same roll on every machine. No real person, predio or avalúo is meant.
import {
  type Avaluo,
  CAMPOS_CATASTRALES,
  type CadastralRecord,
  type DestinoEconomico,
  findDestinoEconomico,
  formatNumeroPredialAnterior,
  formatNumeroPredialNacional,
} from '../cadastre/index.ts';
import {
  type BarrioArea,
  geometryAreaOf,
  prepareSamplingArea,
  type SamplingArea,
  SyntheticDataError,
  samplePointIn,
  samplePointNear,
} from './barrio-areas.ts';
import { createSeededRandom, hash32, type SeededRandom, weightedTable } from './seeded-random.ts';
import { ruralAddress, type StreetGrid, streetGridOf, urbanAddress } from './synthetic-addresses.ts';
import { ownerPoolSize, syntheticOwners } from './synthetic-owners.ts';
import {
  apartment,
  builtLot,
  commercialLot,
  emptyLot,
  house,
  officeUnit,
  type Physical,
  roundThousand,
} from './synthetic-physical.ts';

export { type BarrioArea, barrioAreasFrom, readDemoBarrioAreas } from './barrio-areas.ts';

export const DEFAULT_SYNTHETIC_SEED = 68_001;

export interface SyntheticPrediosOptions {
  /** DIVIPOLA code of the municipality (5 digits): the first digits of both predial numbers. */
  divipola: string;
  /** Exactly how many predios to yield. */
  count: number;
  seed?: number;
  /** Years to give an avalúo for; `record.avaluo` holds the latest. */
  vigencias: number[];
  barrios: BarrioArea[];
  /** ORIP circle that starts each matrícula inmobiliaria; Bucaramanga's is 300. */
  circuloRegistral?: string;
}

export interface SyntheticPredio {
  /** Valid for `cadastralRecordSchema`. */
  record: CadastralRecord;
  /** A point strictly inside the barrio (7 decimals); the units of one PH building share their lot's. */
  longitud: number;
  latitud: number;
  barrioCode: string;
  comunaCode: string;
  /** One avalúo per requested vigencia, oldest first; the last one is `record.avaluo`. */
  avaluos: Avaluo[];
}

/** The NPN parts that a barrio fixes (positions 6–13), shared by every predio drawn in it. */
export interface CadastralLocation {
  zona: string;
  sector: string;
  comuna: string;
  barrio: string;
}

const URBAN_ZONA = '01';
const RURAL_ZONA = '00';

function pad(value: number, length: number): string {
  return String(value).padStart(length, '0');
}

/** A numbered comuna (`01`–`99`) is urban; a corregimiento (`C1`) or anything else is rural. */
function isUrban(comunaCode: string): boolean {
  return /^\d{2}$/.test(comunaCode) && comunaCode !== '00';
}

function byText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Where each barrio sits in the NPN. Under a numbered comuna (`01`–`99`) it is urban: zona 01, sector
 * and comuna = the comuna's number. Under anything else (a corregimiento such as `C1`) it is rural: zona
 * 00, comuna 00, sector = the corregimiento's rank among them. The barrio part is the barrio's rank
 * inside its comuna or corregimiento, by code. The number of manzana or vereda comes later, per predio.
 */
export function cadastralLocationsOf(barrios: readonly BarrioArea[]): Map<string, CadastralLocation> {
  const ruralParents = [...new Set(barrios.map((b) => b.comunaCode).filter((c) => !isUrban(c)))].sort(byText);
  const byParent = new Map<string, string[]>();
  for (const barrio of barrios) {
    const codes = byParent.get(barrio.comunaCode) ?? [];
    codes.push(barrio.code);
    byParent.set(barrio.comunaCode, codes);
  }
  if (ruralParents.length > 99) {
    throw new SyntheticDataError(
      'CAPACITY_EXCEEDED',
      'El número predial admite como máximo 99 sectores rurales.',
    );
  }
  const locations = new Map<string, CadastralLocation>();
  for (const [parent, codes] of byParent) {
    if (codes.length > 99) {
      throw new SyntheticDataError(
        'CAPACITY_EXCEEDED',
        `La comuna o corregimiento ${parent} tiene ${codes.length} barrios; el número predial admite 99.`,
      );
    }
    const urban = isUrban(parent);
    codes.sort(byText).forEach((code, index) => {
      locations.set(code, {
        zona: urban ? URBAN_ZONA : RURAL_ZONA,
        sector: urban ? parent : pad(ruralParents.indexOf(parent) + 1, 2),
        comuna: urban ? parent : '00',
        barrio: pad(index + 1, 2),
      });
    });
  }
  return locations;
}

/** Largest-remainder split of `count` in proportion to the weights: exact total, each within 1 of its share. */
function allocate(weights: readonly number[], count: number): number[] {
  const total = weights.reduce((sum, w) => sum + w, 0);
  const exact = weights.map((w) => (w / total) * count);
  const counts = exact.map(Math.floor);
  let left = count - counts.reduce((sum, c) => sum + c, 0);
  const byRemainder = exact.map((value, index) => ({ index, rest: value - Math.floor(value) }));
  byRemainder.sort((a, b) => b.rest - a.rest || a.index - b.index);
  for (const { index } of byRemainder) {
    if (left <= 0) break;
    counts[index]! += 1;
    left -= 1;
  }
  return counts;
}

// ---- The mix of predios ------------------------------------------------------------------------------

type Letra = 'A' | 'B' | 'C' | 'G' | 'H' | 'I' | 'J' | 'K' | 'R' | 'S';

/** Per thousand predios: ~85 % habitacional, then comercio, lotes, industria and institucionales. */
const DESTINO_MIX = weightedTable<Letra>([
  ['A', 850],
  ['C', 70],
  ['S', 25],
  ['B', 15],
  ['R', 15],
  ['I', 8],
  ['J', 8],
  ['K', 4],
  ['H', 3],
  ['G', 2],
]);

const DESTINOS: Readonly<Record<Letra, DestinoEconomico>> = Object.fromEntries(
  (['A', 'B', 'C', 'G', 'H', 'I', 'J', 'K', 'R', 'S'] as const).map((letra) => {
    const found = findDestinoEconomico(letra);
    if (!found) throw new Error(`El catálogo de destinos no tiene la letra ${letra}.`);
    return [letra, { letra: found.letra, nombre: found.nombre, ladm: found.ladm }];
  }),
) as Record<Letra, DestinoEconomico>;

/** A fresh copy per record, so a caller that edits one record leaves the others alone. */
function destinoOf(letra: Letra): DestinoEconomico {
  const { nombre, ladm } = DESTINOS[letra];
  return { letra, nombre, ladm };
}

/** Estrato that dominates a barrio: more 2 and 3, as in Colombian cities; rural settlements lower. */
const URBAN_ESTRATOS = weightedTable([
  [1, 10],
  [2, 27],
  [3, 30],
  [4, 16],
  [5, 10],
  [6, 7],
]);
const RURAL_ESTRATOS = weightedTable([
  [1, 45],
  [2, 40],
  [3, 15],
]);

/** Chance that a dwelling starts a new apartment building (PH), by estrato. */
const PH_START_BY_ESTRATO = [0, 0.004, 0.01, 0.03, 0.05, 0.07, 0.08] as const;
const OFFICE_PH_START = 0.08;
/** Among non-residential lots and raw land: chance of a very large predio (> 10 000 M) for BigInt paths. */
const VERY_LARGE_CHANCE = 0.004;
const VERY_LARGE_LETRAS: ReadonlySet<Letra> = new Set(['B', 'C', 'G', 'H', 'I', 'J', 'R']);

/** Zona geoeconómica code from the land price: dearer zones get higher codes (3 digits, 001–999). */
function zonaGeoeconomica(landPricePerM2: number): string {
  return pad(Math.min(999, Math.max(1, Math.round(landPricePerM2 / 10_000))), 3);
}

// ---- The plan ------------------------------------------------------------------------------------------

interface BarrioPlan {
  barrio: BarrioArea;
  location: CadastralLocation;
  sampling: SamplingArea;
  count: number;
  rural: boolean;
  /** 1-based position among all barrios: the zona física code. */
  ordinal: number;
  baseEstrato: number;
  /** Predios in the barrio's zona + sector, to size manzanas so their numbers never run out. */
  sectorCount: number;
}

interface Building {
  kind: 'vivienda' | 'comercio';
  terreno: string;
  estrato: number | null;
  capacity: number;
  made: number;
  unitsPerFloor: number;
  tall: boolean;
  point: [number, number];
  direccion: string;
}

const MAX_FLOORS_PER_TOWER = 20;
/** Matrícula folios of 7 digits run out here (and no city has that many predios). */
const MAX_PREDIOS = 9_000_000;

function validate(options: SyntheticPrediosOptions): number[] {
  const { divipola, count, vigencias, barrios } = options;
  if (!/^\d{5}$/.test(divipola)) {
    throw new SyntheticDataError('INVALID_OPTIONS', `El código DIVIPOLA «${divipola}» debe tener 5 dígitos.`);
  }
  if (!Number.isSafeInteger(count) || count < 0) {
    throw new SyntheticDataError(
      'INVALID_OPTIONS',
      `La cantidad de predios debe ser un entero no negativo; se recibió ${count}.`,
    );
  }
  if (count > MAX_PREDIOS) {
    throw new SyntheticDataError(
      'CAPACITY_EXCEEDED',
      `Se generan como máximo ${MAX_PREDIOS.toLocaleString('es-CO')} predios; se pidieron ${count.toLocaleString('es-CO')}.`,
    );
  }
  if (options.seed !== undefined && !Number.isSafeInteger(options.seed)) {
    throw new SyntheticDataError(
      'INVALID_OPTIONS',
      `La semilla debe ser un número entero; se recibió ${options.seed}.`,
    );
  }
  if (vigencias.length === 0) {
    throw new SyntheticDataError('INVALID_OPTIONS', 'Indique al menos una vigencia para los avalúos.');
  }
  for (const vigencia of vigencias) {
    if (!Number.isInteger(vigencia) || vigencia < 1900 || vigencia > 2200) {
      throw new SyntheticDataError(
        'INVALID_OPTIONS',
        `La vigencia ${vigencia} no es un año entre 1900 y 2200.`,
      );
    }
  }
  const sorted = [...vigencias].sort((a, b) => a - b);
  if (sorted.some((vigencia, index) => index > 0 && vigencia === sorted[index - 1])) {
    throw new SyntheticDataError('INVALID_OPTIONS', 'Las vigencias no pueden repetirse.');
  }
  const circulo = options.circuloRegistral ?? '300';
  if (!/^\d{3}$/.test(circulo)) {
    throw new SyntheticDataError(
      'INVALID_OPTIONS',
      `El círculo registral «${circulo}» debe tener 3 dígitos.`,
    );
  }
  if (count > 0 && barrios.length === 0) {
    throw new SyntheticDataError(
      'INVALID_OPTIONS',
      'Se necesita al menos un barrio para ubicar los predios.',
    );
  }
  const codes = new Set<string>();
  for (const barrio of barrios) {
    if (codes.has(barrio.code)) {
      throw new SyntheticDataError('INVALID_AREAS', `El barrio ${barrio.code} aparece más de una vez.`);
    }
    codes.add(barrio.code);
  }
  return sorted;
}

function planBarrios(barrios: readonly BarrioArea[], count: number, seed: number): BarrioPlan[] {
  const locations = cadastralLocationsOf(barrios);
  const ordered = [...barrios].sort((a, b) => byText(a.comunaCode, b.comunaCode) || byText(a.code, b.code));
  const samplings = ordered.map((barrio) => prepareSamplingArea(barrio.polygon));
  samplings.forEach((sampling, index) => {
    if (!(sampling.area > 0)) {
      const barrio = ordered[index]!;
      throw new SyntheticDataError(
        'INVALID_AREAS',
        `El barrio ${barrio.code} («${barrio.name}») no tiene área.`,
      );
    }
  });
  const counts = allocate(
    ordered.map((barrio) => geometryAreaOf(barrio.polygon)),
    count,
  );
  const sectorCounts = new Map<string, number>();
  const plans = ordered.map((barrio, index): BarrioPlan => {
    const location = locations.get(barrio.code)!;
    const rural = location.zona === RURAL_ZONA;
    const traits = createSeededRandom(hash32('barrio', seed, barrio.code));
    const key = location.zona + location.sector;
    sectorCounts.set(key, (sectorCounts.get(key) ?? 0) + counts[index]!);
    return {
      barrio,
      location,
      sampling: samplings[index]!,
      count: counts[index]!,
      rural,
      ordinal: index + 1,
      baseEstrato: traits.weighted(rural ? RURAL_ESTRATOS : URBAN_ESTRATOS),
      sectorCount: 0,
    };
  });
  for (const plan of plans) plan.sectorCount = sectorCounts.get(plan.location.zona + plan.location.sector)!;
  return plans;
}

/** The matrícula folio of the n-th predio: a scrambled but one-to-one number of 6 (or 7) digits. */
function folioNumber(sequence: number, count: number): number {
  // 7919 is prime and shares no factor with 900 000 or 9 000 000, so the map is a bijection.
  return count <= 900_000
    ? 100_000 + ((sequence * 7919) % 900_000)
    : 1_000_000 + ((sequence * 7919) % 9_000_000);
}

/**
 * Streams `count` synthetic predios, barrio by barrio, in proportion to each barrio's area. Options are
 * checked at once (a SyntheticDataError in Spanish); the predios are made as they are read.
 */
export function generateSyntheticPredios(options: SyntheticPrediosOptions): Generator<SyntheticPredio> {
  const vigencias = validate(options);
  const seed = options.seed ?? DEFAULT_SYNTHETIC_SEED;
  const plans = planBarrios(options.barrios, options.count, seed);
  const grid = streetGridOf(options.barrios, (barrio) => isUrban(barrio.comunaCode));
  return streamPredios({
    divipola: options.divipola,
    count: options.count,
    seed,
    vigencias,
    plans,
    grid,
    circulo: options.circuloRegistral ?? '300',
  });
}

interface StreamInput {
  divipola: string;
  count: number;
  seed: number;
  vigencias: number[];
  plans: BarrioPlan[];
  grid: StreetGrid;
  circulo: string;
}

function* streamPredios(input: StreamInput): Generator<SyntheticPredio> {
  const random = createSeededRandom(hash32('predios', input.seed));
  const poolSize = ownerPoolSize(input.count);
  const manzanasBySector = new Map<string, number>();
  let sequence = 0;
  for (const plan of input.plans) {
    const { zona, sector } = plan.location;
    // Manzanas hold 12–36 predios; a crowded sector gets bigger ones so 4 digits always suffice.
    const minimumSize = Math.max(12, Math.ceil(plan.sectorCount / 4_500));
    let left = plan.count;
    while (left > 0) {
      const manzanaNumber = (manzanasBySector.get(zona + sector) ?? 0) + 1;
      manzanasBySector.set(zona + sector, manzanaNumber);
      if (manzanaNumber > 9_999) {
        throw new SyntheticDataError(
          'CAPACITY_EXCEEDED',
          `El sector ${sector} de la zona ${zona} no admite más manzanas; reduzca la cantidad de predios.`,
        );
      }
      const size = Math.min(left, random.int(minimumSize, minimumSize * 3));
      left -= size;
      for (const placed of placeManzana(random, plan, input.grid, pad(manzanaNumber, 4), size)) {
        yield predioOf(placed, plan, sequence, random, poolSize, input);
        sequence += 1;
      }
    }
  }
}

/** A predio placed in its manzana: what its codes end with, its use, data, point and address. */
interface Placement {
  manzana: string;
  terreno: string;
  condicion: '0' | '9';
  edificio: string;
  piso: string;
  unidad: string;
  /** Old code: predio number and the 3 closing digits (§3.2). */
  predioAnterior: string;
  edificioMejora: string;
  letra: Letra;
  estrato: number | null;
  physical: Physical;
  point: [number, number];
  direccion: string;
}

/**
 * The predios of one manzana, near a common centre. Terreno numbers and the old code's predio numbers
 * share one counter: a plain lot keeps the same number in both codes (§3.3), and each PH unit takes its
 * own old number, as in the AMB's data (§3.2).
 */
function* placeManzana(
  random: SeededRandom,
  plan: BarrioPlan,
  grid: StreetGrid,
  manzana: string,
  size: number,
): Generator<Placement> {
  const label = `${plan.barrio.code} («${plan.barrio.name}»)`;
  const center = samplePointIn(plan.sampling, random, label);
  const nearCenter = () => samplePointNear(plan.sampling, random, center, MANZANA_RADIUS_DEGREES, label);
  let counter = 0;
  const nextNumber = (): string => {
    counter += 1;
    if (counter > 9_999) {
      throw new SyntheticDataError(
        'CAPACITY_EXCEEDED',
        `La manzana ${manzana} del barrio ${label} no admite más predios.`,
      );
    }
    return pad(counter, 4);
  };
  let building = null as Building | null;

  for (let i = 0; i < size; i++) {
    const letra = random.weighted(DESTINO_MIX);
    const estrato = letra === 'A' ? predioEstrato(random, plan.baseEstrato) : null;
    const kind = letra === 'A' ? 'vivienda' : letra === 'C' ? 'comercio' : null;
    if (!plan.rural && kind !== null && building?.kind !== kind) {
      const start = kind === 'vivienda' ? PH_START_BY_ESTRATO[estrato!]! : OFFICE_PH_START;
      if (random.chance(start)) {
        const point = nearCenter();
        const capacity = kind === 'vivienda' ? random.int(8, 48) : random.int(6, 30);
        const unitsPerFloor = random.int(2, 6);
        building = {
          kind,
          terreno: nextNumber(),
          estrato,
          capacity,
          made: 0,
          unitsPerFloor,
          tall: Math.ceil(capacity / unitsPerFloor) >= 4,
          point,
          direccion: urbanAddress(random, grid, point[0], point[1]),
        };
      }
    }
    if (building !== null && building.kind === kind) {
      yield unitOf(random, building, manzana, letra, nextNumber());
      if (building.made >= building.capacity) building = null;
      continue;
    }
    const terreno = nextNumber();
    const veryLarge = VERY_LARGE_LETRAS.has(letra) && random.chance(VERY_LARGE_CHANCE);
    const point = nearCenter();
    yield {
      manzana,
      terreno,
      condicion: '0',
      edificio: '00',
      piso: '00',
      unidad: '0000',
      predioAnterior: terreno,
      edificioMejora: '00',
      letra,
      estrato,
      physical:
        letra === 'A'
          ? house(random, estrato!, plan.rural)
          : letra === 'C'
            ? commercialLot(random, veryLarge)
            : letra === 'R' || letra === 'S'
              ? emptyLot(random, letra, veryLarge)
              : builtLot(random, letra, veryLarge),
      point,
      direccion: plan.rural ? ruralAddress(random) : urbanAddress(random, grid, point[0], point[1]),
    };
  }
}

/** Predios of one manzana sit within about 35 m of its centre. */
const MANZANA_RADIUS_DEGREES = 0.0003;

/** Mostly the barrio's estrato, sometimes the one next to it. */
function predioEstrato(random: SeededRandom, base: number): number {
  const step = random.chance(0.25) ? random.pick([-1, 1]) : 0;
  return Math.min(6, Math.max(1, base + step));
}

/** The next unit of a PH building: towers of up to 20 floors, ground-floor shops in office buildings. */
function unitOf(
  random: SeededRandom,
  building: Building,
  manzana: string,
  letra: Letra,
  predioAnterior: string,
): Placement {
  const unit = building.made;
  building.made += 1;
  const perTower = building.unitsPerFloor * MAX_FLOORS_PER_TOWER;
  const tower = Math.floor(unit / perTower);
  const piso = 1 + Math.floor((unit % perTower) / building.unitsPerFloor);
  const door = piso * 100 + (unit % building.unitsPerFloor) + 1;
  const edificio = pad(tower + 1, 2);
  const shop = building.kind === 'comercio' && piso === 1;
  const tipo = building.kind === 'vivienda' ? 'AP' : shop ? 'LC' : 'OF';
  const torre = building.capacity > perTower ? ` TO ${tower + 1}` : '';
  return {
    manzana,
    terreno: building.terreno,
    condicion: '9',
    edificio,
    piso: pad(piso, 2),
    unidad: pad(unit + 1, 4),
    predioAnterior,
    edificioMejora: edificio,
    letra,
    estrato: building.estrato,
    physical:
      building.kind === 'vivienda'
        ? apartment(random, building.estrato!, building.tall)
        : officeUnit(random, shop),
    point: building.point,
    direccion: `${building.direccion}${torre} ${tipo} ${door}`,
  };
}

function predioOf(
  placed: Placement,
  plan: BarrioPlan,
  sequence: number,
  random: SeededRandom,
  poolSize: number,
  input: StreamInput,
): SyntheticPredio {
  const { divipola, vigencias, count, circulo } = input;
  const { location, barrio } = plan;
  const { physical } = placed;
  const avaluos = avaluosFor(random, physical.avaluo, vigencias);
  const departamento = divipola.slice(0, 2);
  const municipio = divipola.slice(2);
  // As if written to the platform's CSV: the header is line 1, so the n-th predio is on line n + 1.
  const line = sequence + 2;
  const record: CadastralRecord = {
    municipio: divipola,
    numeroPredialNacional: formatNumeroPredialNacional({
      departamento,
      municipio,
      zona: location.zona,
      sector: location.sector,
      comuna: location.comuna,
      barrio: location.barrio,
      manzanaVereda: placed.manzana,
      terreno: placed.terreno,
      condicionPropiedad: placed.condicion,
      edificio: placed.edificio,
      piso: placed.piso,
      unidad: placed.unidad,
    }),
    numeroPredialAnterior: formatNumeroPredialAnterior({
      departamento,
      municipio,
      zona: location.zona,
      sector: location.sector,
      manzanaVereda: placed.manzana,
      predio: placed.predioAnterior,
      condicion: placed.condicion,
      edificioMejora: placed.edificioMejora,
    }),
    direccion: placed.direccion,
    destino: destinoOf(placed.letra),
    estrato: placed.estrato,
    areaTerrenoM2: physical.areaTerrenoM2,
    areaConstruidaM2: physical.areaConstruidaM2,
    avaluo: { ...avaluos[avaluos.length - 1]! },
    propietarios: syntheticOwners(random, poolSize),
    matriculaInmobiliaria: `${circulo}-${folioNumber(sequence, count)}`,
    zonas: [
      {
        zonaFisica: pad(100 + (plan.ordinal % 900), 3),
        zonaGeoeconomica: zonaGeoeconomica(physical.landPricePerM2),
        areaTerrenoM2: physical.areaTerrenoM2,
      },
    ],
    construcciones: physical.construcciones,
    origen: { formato: 'csv', lineas: [line], lineasR2: [line], campos: [...CAMPOS_CATASTRALES] },
  };
  return {
    record,
    longitud: placed.point[0],
    latitud: placed.point[1],
    barrioCode: barrio.code,
    comunaCode: barrio.comunaCode,
    avaluos,
  };
}

/** The first vigencia's avalúo, then 3–6 % more each year (gaps compound), rounded to the thousand. */
function avaluosFor(random: SeededRandom, first: number, vigencias: readonly number[]): Avaluo[] {
  const avaluos: Avaluo[] = [];
  let pesos = first;
  let year = vigencias[0]!;
  for (const vigencia of vigencias) {
    for (; year < vigencia; year++) pesos = roundThousand((pesos * (10_000 + random.int(300, 600))) / 10_000);
    avaluos.push({ pesos, vigencia, fecha: `${vigencia}-01-01` });
  }
  return avaluos;
}

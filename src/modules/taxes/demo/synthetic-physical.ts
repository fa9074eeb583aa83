// Physical data of synthetic predios by use: land and built areas, R2 construction blocks and a first
// avalúo, with ranges plausible for a Colombian city (catastral values sit below market prices). Rough
// orders of magnitude for a demo, not a valuation method.
import type { Construccion } from '../cadastre/index.ts';
import type { SeededRandom } from './seeded-random.ts';

const MILLION = 1_000_000;

interface Range {
  readonly min: number;
  readonly max: number;
}
const range = (min: number, max: number): Range => ({ min, max });

/** Houses by estrato: lot m², floors, peso per built m², peso per lot m², construction score. */
const HOUSES = [
  {
    lot: range(45, 90),
    floors: range(1, 2),
    built: range(350_000, 550_000),
    land: 120_000,
    puntaje: range(15, 30),
  },
  {
    lot: range(60, 120),
    floors: range(1, 2),
    built: range(450_000, 700_000),
    land: 200_000,
    puntaje: range(25, 40),
  },
  {
    lot: range(72, 160),
    floors: range(1, 3),
    built: range(550_000, 800_000),
    land: 280_000,
    puntaje: range(35, 55),
  },
  {
    lot: range(90, 220),
    floors: range(1, 3),
    built: range(700_000, 1_000_000),
    land: 420_000,
    puntaje: range(45, 65),
  },
  {
    lot: range(120, 300),
    floors: range(1, 2),
    built: range(850_000, 1_250_000),
    land: 550_000,
    puntaje: range(55, 80),
  },
  {
    lot: range(160, 420),
    floors: range(1, 2),
    built: range(1_000_000, 1_500_000),
    land: 700_000,
    puntaje: range(65, 95),
  },
] as const;

/** Apartments by estrato: private built m² and peso per m² (the land share included). */
const APARTMENTS = [
  { area: range(36, 50), price: range(700_000, 1_000_000) },
  { area: range(40, 60), price: range(850_000, 1_200_000) },
  { area: range(50, 80), price: range(1_100_000, 1_600_000) },
  { area: range(65, 110), price: range(1_500_000, 2_100_000) },
  { area: range(85, 150), price: range(2_000_000, 2_800_000) },
  { area: range(110, 240), price: range(2_600_000, 3_600_000) },
] as const;

/** Big lots with buildings, by destino: lot m² (log-uniform), built/lot ratio, prices, IGAC uso code. */
export const BUILT_LOTS: Readonly<
  Record<
    'B' | 'G' | 'H' | 'I' | 'J' | 'K',
    { lot: Range; ratio: Range; built: Range; land: Range; uso: number }
  >
> = {
  B: {
    lot: range(500, 12_000),
    ratio: range(0.4, 0.9),
    built: range(550_000, 1_100_000),
    land: range(200_000, 500_000),
    uso: 7,
  },
  G: {
    lot: range(2_000, 30_000),
    ratio: range(0.05, 0.2),
    built: range(600_000, 1_000_000),
    land: range(100_000, 300_000),
    uso: 33,
  },
  H: {
    lot: range(500, 8_000),
    ratio: range(1, 3),
    built: range(1_500_000, 2_500_000),
    land: range(300_000, 800_000),
    uso: 19,
  },
  I: {
    lot: range(300, 8_000),
    ratio: range(0.5, 1.5),
    built: range(900_000, 1_600_000),
    land: range(300_000, 800_000),
    uso: 34,
  },
  J: {
    lot: range(1_000, 20_000),
    ratio: range(0.3, 0.8),
    built: range(800_000, 1_400_000),
    land: range(200_000, 600_000),
    uso: 12,
  },
  K: {
    lot: range(300, 3_000),
    ratio: range(0.4, 0.9),
    built: range(700_000, 1_200_000),
    land: range(250_000, 700_000),
    uso: 29,
  },
};

/** IGAC construction-use codes (shared/data/cadastre/igac_cobol_uso_construccion.csv). */
const USO = {
  vivienda: 1,
  comercio: 28,
  oficinas: 34,
  viviendaPh: 70,
  apartamentosPh: 71,
  comercioPh: 75,
  oficinasPh: 77,
} as const;

// ---- Numbers -------------------------------------------------------------------------------------------

export function roundThousand(pesos: number): number {
  return Math.round(pesos / 1000) * 1000;
}

function clampPesos(pesos: number, min: number, max: number): number {
  return roundThousand(Math.min(max, Math.max(min, pesos)));
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}

function logUniform(random: SeededRandom, { min, max }: Range): number {
  return Math.exp(random.between(Math.log(min), Math.log(max)));
}

function inRange(random: SeededRandom, { min, max }: Range): number {
  return random.between(min, max);
}

function intIn(random: SeededRandom, { min, max }: Range): number {
  return random.int(min, max);
}

// ---- Physical data -------------------------------------------------------------------------------------

export interface Physical {
  areaTerrenoM2: number;
  areaConstruidaM2: number;
  construcciones: Construccion[];
  /** Avalúo of the first vigencia, integer pesos rounded to the thousand. */
  avaluo: number;
  landPricePerM2: number;
}

function block(
  uso: number,
  areaConstruidaM2: number,
  parts: Partial<Omit<Construccion, 'uso' | 'areaConstruidaM2'>> = {},
): Construccion {
  return {
    habitaciones: parts.habitaciones ?? 0,
    banos: parts.banos ?? 0,
    locales: parts.locales ?? 0,
    pisos: parts.pisos ?? 1,
    // Bucaramanga's R2 carries tipificación 0 throughout (§2.3).
    tipificacion: 0,
    uso,
    puntaje: parts.puntaje ?? 0,
    areaConstruidaM2,
  };
}

export function house(random: SeededRandom, estrato: number, rural: boolean): Physical {
  const profile = HOUSES[estrato - 1]!;
  const lot = Math.round(intIn(random, profile.lot) * (rural ? random.between(2, 8) : 1));
  const floors = intIn(random, profile.floors);
  const built = Math.max(30, Math.round(Math.min(lot, 250) * random.between(0.55, 0.9) * floors));
  const land = profile.land * (rural ? 0.2 : 1) * random.between(0.8, 1.2);
  const value = built * inRange(random, profile.built) + lot * land;
  return {
    areaTerrenoM2: lot,
    areaConstruidaM2: built,
    construcciones: [
      block(USO.vivienda, built, {
        habitaciones: random.int(2, 2 + 2 * floors),
        banos: random.int(1, 1 + floors),
        locales: random.chance(0.08) ? 1 : 0,
        pisos: floors,
        puntaje: intIn(random, profile.puntaje),
      }),
    ],
    avaluo: clampPesos(value, 20 * MILLION, 900 * MILLION),
    landPricePerM2: land,
  };
}

export function apartment(random: SeededRandom, estrato: number, tall: boolean): Physical {
  const profile = APARTMENTS[estrato - 1]!;
  const built = round2(inRange(random, profile.area));
  const price = inRange(random, profile.price);
  return {
    areaTerrenoM2: round2(built * random.between(0.12, 0.3)),
    areaConstruidaM2: built,
    construcciones: [
      block(tall ? USO.apartamentosPh : USO.viviendaPh, built, {
        habitaciones: random.int(1, 4),
        banos: random.int(1, 3),
        puntaje: intIn(random, HOUSES[estrato - 1]!.puntaje),
      }),
    ],
    avaluo: clampPesos(built * price, 25 * MILLION, 900 * MILLION),
    landPricePerM2: price * 0.3,
  };
}

export function officeUnit(random: SeededRandom, local: boolean): Physical {
  const built = round2(local ? random.between(15, 90) : random.between(20, 120));
  const price = local ? random.between(1_800_000, 4_000_000) : random.between(1_400_000, 3_200_000);
  return {
    areaTerrenoM2: round2(built * random.between(0.1, 0.25)),
    areaConstruidaM2: built,
    construcciones: [
      block(local ? USO.comercioPh : USO.oficinasPh, built, {
        banos: random.int(1, 2),
        locales: local ? 1 : 0,
        puntaje: random.int(40, 80),
      }),
    ],
    avaluo: clampPesos(built * price, 20 * MILLION, 900 * MILLION),
    landPricePerM2: price * 0.3,
  };
}

function veryLargeAvaluo(random: SeededRandom): number {
  return roundThousand(logUniform(random, range(10_000 * MILLION, 120_000 * MILLION)));
}

export function commercialLot(random: SeededRandom, veryLarge: boolean): Physical {
  const lot = Math.round(
    veryLarge
      ? logUniform(random, range(15_000, 80_000))
      : random.chance(0.1)
        ? random.between(600, 4_000)
        : random.between(40, 600),
  );
  const built = Math.round(lot * random.between(0.8, 2.5));
  const land = random.between(400_000, 1_200_000);
  const value = built * random.between(900_000, 2_200_000) + lot * land;
  return {
    areaTerrenoM2: lot,
    areaConstruidaM2: built,
    construcciones: [
      block(USO.comercio, built, {
        banos: random.int(1, 4),
        locales: Math.min(40, Math.max(1, Math.round(built / random.between(40, 120)))),
        pisos: random.int(1, 4),
        puntaje: random.int(35, 85),
      }),
    ],
    avaluo: veryLarge ? veryLargeAvaluo(random) : clampPesos(value, 30 * MILLION, 6_000 * MILLION),
    landPricePerM2: land,
  };
}

export function builtLot(random: SeededRandom, letra: keyof typeof BUILT_LOTS, veryLarge: boolean): Physical {
  const profile = BUILT_LOTS[letra];
  const lot = Math.round(
    veryLarge ? logUniform(random, range(15_000, 150_000)) : logUniform(random, profile.lot),
  );
  const built = Math.max(20, Math.round(lot * inRange(random, profile.ratio)));
  const land = inRange(random, profile.land);
  const value = built * inRange(random, profile.built) + lot * land;
  // Factories keep their offices apart; the blocks add up to the built area exactly.
  const offices = letra === 'B' ? Math.round(built * random.between(0.04, 0.12)) : 0;
  const floors = letra === 'G' ? 1 : random.int(1, 4);
  const construcciones = [
    block(profile.uso, built - offices, {
      banos: random.int(2, 20),
      pisos: floors,
      puntaje: random.int(30, 80),
    }),
  ];
  if (offices > 0)
    construcciones.push(
      block(USO.oficinas, offices, { banos: random.int(1, 4), puntaje: random.int(40, 70) }),
    );
  return {
    areaTerrenoM2: lot,
    areaConstruidaM2: built,
    construcciones,
    avaluo: veryLarge ? veryLargeAvaluo(random) : clampPesos(value, 100 * MILLION, 8_000 * MILLION),
    landPricePerM2: land,
  };
}

/** R: urbanizable no urbanizado (raw land, large); S: urbanizado no construido (a serviced empty lot). */
export function emptyLot(random: SeededRandom, letra: 'R' | 'S', veryLarge: boolean): Physical {
  const lot = Math.round(
    letra === 'S'
      ? random.between(80, 1_200)
      : logUniform(random, veryLarge ? range(60_000, 400_000) : range(1_500, 60_000)),
  );
  const land = letra === 'S' ? random.between(250_000, 1_100_000) : random.between(40_000, 220_000);
  const avaluo = veryLarge
    ? veryLargeAvaluo(random)
    : letra === 'S'
      ? clampPesos(lot * land, 20 * MILLION, 2_500 * MILLION)
      : clampPesos(lot * land, 20 * MILLION, 9_000 * MILLION);
  return { areaTerrenoM2: lot, areaConstruidaM2: 0, construcciones: [], avaluo, landPricePerM2: land };
}

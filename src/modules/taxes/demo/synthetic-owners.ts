// Synthetic owners: cédulas from the platform's reserved synthetic range and Spanish-looking names whose
// surnames say plainly that nobody real is meant ("PRUEBA", "MUESTRA"…), as the demo seed does.
import type { Participacion, Propietario } from '../cadastre/index.ts';
import { hash32, type SeededRandom, type WeightedTable, weightedTable } from './seeded-random.ts';

/**
 * First cédula of synthetic owners. The platform reserves 9 999 000 000 – 9 999 999 999 for synthetic
 * people (src/platform/bootstrap/demo-seed.ts, SYNTHETIC_CC_BASE); the demo seed takes the first few
 * hundred for officials and citizens, so owners start 100 000 further on.
 */
export const SYNTHETIC_OWNER_CC_FIRST = 9_999_100_000;
export const SYNTHETIC_OWNER_CC_LAST = 9_999_999_999;

const FIRST_NAMES = [
  'ANA',
  'LUIS',
  'MARÍA',
  'CARLOS',
  'DIANA',
  'JORGE',
  'PAOLA',
  'ANDRÉS',
  'LAURA',
  'CAMILO',
  'SOFÍA',
  'JULIÁN',
  'VALENTINA',
  'SANTIAGO',
  'CATALINA',
  'FELIPE',
  'ISABEL',
  'MATEO',
  'GLORIA',
  'HERNANDO',
  'MARTHA',
  'JAVIER',
  'LUZ',
  'EDGAR',
  'ROSA',
  'ÓSCAR',
  'PATRICIA',
  'FABIO',
  'CLAUDIA',
  'WILSON',
  'ADRIANA',
  'GERMÁN',
] as const;
const SECOND_NAMES = [
  'JOSÉ',
  'ANDREA',
  'ALBERTO',
  'MARCELA',
  'ENRIQUE',
  'FERNANDA',
  'ANTONIO',
  'CRISTINA',
  'EDUARDO',
  'ALEJANDRA',
  'DAVID',
  'ESPERANZA',
] as const;
const SURNAMES = [
  'PRUEBA',
  'EJEMPLO',
  'MUESTRA',
  'FICTICIO',
  'SIMULADO',
  'DEMOSTRACIÓN',
  'SINTÉTICO',
  'ENSAYO',
  'MAQUETA',
  'BOCETO',
  'PLANTILLA',
  'BORRADOR',
  'PILOTO',
  'SUPUESTO',
  'IMAGINARIO',
  'INVENTADO',
] as const;

/** The name of a synthetic cédula: it depends on the number only, so an owner of several predios keeps it. */
export function syntheticOwnerName(documentNumber: number): string {
  // Two hashes of the number give the bits for each choice (no generator per name: this runs per owner).
  const forNames = hash32('nombres-sinteticos', documentNumber);
  const forSurnames = hash32('apellidos-sinteticos', documentNumber);
  const first = FIRST_NAMES[forNames % FIRST_NAMES.length]!;
  const second = (forNames >>> 16) & 1 ? ` ${SECOND_NAMES[(forNames >>> 17) % SECOND_NAMES.length]!}` : '';
  const surname = forSurnames % SURNAMES.length;
  // The second surname is never the first one.
  const otherSurname = (surname + 1 + ((forSurnames >>> 8) % (SURNAMES.length - 1))) % SURNAMES.length;
  return `${first}${second} ${SURNAMES[surname]!} ${SURNAMES[otherSurname]!}`;
}

const OWNER_COUNTS = weightedTable([
  [1, 70],
  [2, 23],
  [3, 7],
] as const);

/** Shares in lowest terms that add up to the whole. */
const SHARES_BY_OWNER_COUNT: Readonly<Record<number, WeightedTable<Participacion[]>>> = {
  1: weightedTable([[[{ numerador: 1, denominador: 1 }], 1]]),
  2: weightedTable([
    [
      [
        { numerador: 1, denominador: 2 },
        { numerador: 1, denominador: 2 },
      ],
      70,
    ],
    [
      [
        { numerador: 2, denominador: 3 },
        { numerador: 1, denominador: 3 },
      ],
      15,
    ],
    [
      [
        { numerador: 3, denominador: 4 },
        { numerador: 1, denominador: 4 },
      ],
      15,
    ],
  ]),
  3: weightedTable([
    [
      [
        { numerador: 1, denominador: 3 },
        { numerador: 1, denominador: 3 },
        { numerador: 1, denominador: 3 },
      ],
      60,
    ],
    [
      [
        { numerador: 1, denominador: 2 },
        { numerador: 1, denominador: 4 },
        { numerador: 1, denominador: 4 },
      ],
      40,
    ],
  ]),
};

/** How many distinct synthetic people own the predios: fewer than predios, so some own several. */
export function ownerPoolSize(predios: number): number {
  const available = SYNTHETIC_OWNER_CC_LAST - SYNTHETIC_OWNER_CC_FIRST + 1;
  return Math.min(available, Math.max(200, Math.ceil(predios * 0.85)));
}

/** One to three distinct owners drawn from the pool, with shares that add up to 1. */
export function syntheticOwners(random: SeededRandom, poolSize: number): Propietario[] {
  const count = Math.min(random.weighted(OWNER_COUNTS), poolSize);
  const shares = random.weighted(SHARES_BY_OWNER_COUNT[count]!);
  const numbers: number[] = [];
  while (numbers.length < count) {
    const candidate = SYNTHETIC_OWNER_CC_FIRST + random.int(0, poolSize - 1);
    if (!numbers.includes(candidate)) numbers.push(candidate);
  }
  return numbers.map((number, index) => ({
    calidad: 'propietario',
    tipoDocumento: 'CC',
    numeroDocumento: String(number),
    nombre: syntheticOwnerName(number),
    participacion: { ...shares[index]! },
  }));
}

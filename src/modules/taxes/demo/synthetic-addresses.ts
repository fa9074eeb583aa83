// Addresses of synthetic predios: the Colombian grid style ("CL 35 # 10-43") for urban ones, with the
// calle and carrera taken from where the point lies, and the predio's name for rural ones (§2.2). They
// look right but do not match the real streets.
import type { BarrioArea } from './barrio-areas.ts';
import type { SeededRandom } from './seeded-random.ts';

/** The street grid used for addresses: calles grow southwards, carreras eastwards, as in Bucaramanga. */
export interface StreetGrid {
  maxLat: number;
  minLon: number;
}
/** About 100 m between calles and 175 m between carreras. */
const CALLE_STEP_DEGREES = 0.0009;
const CARRERA_STEP_DEGREES = 0.0016;

export function streetGridOf(barrios: readonly BarrioArea[], urban: (b: BarrioArea) => boolean): StreetGrid {
  const chosen = barrios.some(urban) ? barrios.filter(urban) : barrios;
  let maxLat = Number.NEGATIVE_INFINITY;
  let minLon = Number.POSITIVE_INFINITY;
  for (const barrio of chosen) {
    const polygons =
      barrio.polygon.type === 'Polygon' ? [barrio.polygon.coordinates] : barrio.polygon.coordinates;
    for (const polygon of polygons) {
      for (const [lon, lat] of polygon[0] ?? []) {
        if (lat > maxLat) maxLat = lat;
        if (lon < minLon) minLon = lon;
      }
    }
  }
  return { maxLat, minLon };
}

function streetLetter(random: SeededRandom): string {
  return random.chance(0.12) ? random.pick(['A', 'A', 'B', 'C']) : '';
}

/** "CL 35 # 10-43" or "KR 10 # 35-43": the calle and carrera come from where the point lies. */
export function urbanAddress(random: SeededRandom, grid: StreetGrid, lon: number, lat: number): string {
  const calle = Math.max(1, 1 + Math.floor((grid.maxLat - lat) / CALLE_STEP_DEGREES));
  const carrera = Math.max(1, 1 + Math.floor((lon - grid.minLon) / CARRERA_STEP_DEGREES));
  const placa = String(random.int(1, 99)).padStart(2, '0');
  return random.chance(0.55)
    ? `CL ${calle}${streetLetter(random)} # ${carrera}${streetLetter(random)}-${placa}`
    : `KR ${carrera}${streetLetter(random)} # ${calle}${streetLetter(random)}-${placa}`;
}

const RURAL_PREFIXES = ['FINCA', 'LOTE', 'PARCELA', 'CASA', 'PREDIO'] as const;
const RURAL_NAMES = [
  'EL ROSAL',
  'LA ESPERANZA',
  'EL MIRADOR',
  'LAS PALMAS',
  'SAN ISIDRO',
  'LA PRADERA',
  'EL PORVENIR',
  'BUENAVISTA',
  'LA FLORIDA',
  'EL RECREO',
  'LOS NARANJOS',
  'VILLA LUZ',
  'LA CAROLINA',
  'EL DIVISO',
  'LOS PINOS',
  'SANTA ANA',
] as const;

/** Rural predios carry the predio's name instead of a street address (§2.2). */
export function ruralAddress(random: SeededRandom): string {
  const prefix = random.pick(RURAL_PREFIXES);
  const number = prefix === 'LOTE' || prefix === 'PARCELA' ? ` ${random.int(1, 60)}` : '';
  return `${prefix}${number} ${random.pick(RURAL_NAMES)}`;
}

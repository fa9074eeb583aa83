// What the rest of the platform may use from the demo data generators (synthetic, never real people).
export {
  type BarrioArea,
  barrioAreasFrom,
  geometryAreaOf,
  readDemoBarrioAreas,
  SyntheticDataError,
  strictlyInside,
} from './barrio-areas.ts';
export { createSeededRandom, hash32, mulberry32, type SeededRandom } from './seeded-random.ts';
export {
  SYNTHETIC_OWNER_CC_FIRST,
  SYNTHETIC_OWNER_CC_LAST,
  syntheticOwnerName,
} from './synthetic-owners.ts';
export {
  type CadastralLocation,
  cadastralLocationsOf,
  DEFAULT_SYNTHETIC_SEED,
  generateSyntheticPredios,
  type SyntheticPredio,
  type SyntheticPrediosOptions,
} from './synthetic-predios.ts';

// The barrio gazetteer: names and aliases of barrios → the code of their polygon (issue 5).
export { BARRIO_ALIASES_ASSET, loadBarrioAliases } from './barrio-aliases.asset.ts';
export {
  type AliasArea,
  type AliasMatchResult,
  type AliasMatchTier,
  type BarrioAliasFile,
  type BarrioAliasRow,
  matchAliasesToAreas,
} from './barrio-aliases.rules.ts';
export {
  allowedDistance,
  createGazetteer,
  type Gazetteer,
  type GazetteerEntry,
  type GazetteerMatch,
  normalizePlaceName,
} from './barrio-gazetteer.rules.ts';

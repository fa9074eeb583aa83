// What other modules may use from the territory module. The routes are wired in src/platform/http/routes.ts.
export { type AreaIndex, createAreaIndex, pointInGeometry } from './point-in-polygon.rules.ts';
export { DEMO_TERRITORY_SOURCE, type SeedTerritoryResult, seedDemoTerritory } from './territory.seed.ts';
export {
  AREA_KINDS,
  type AreaFeature,
  type AreaFeatureCollection,
  type AreaGeometry,
  type AreaKind,
  type AreaLocation,
  type AreaSummary,
  createTerritoryService,
  type ImportAreasResult,
  type LocatedArea,
  type TerritoryService,
} from './territory.service.ts';

// What other modules may use from the territory module. The routes are wired in src/modules/modules.ts.
// Health, social programmes and establishments place their addresses through `geocoding` (one address, or
// `geocodeMany` for a list) and their points through `territory.findAreaAt`.
export { type AddressStatus, type ParsedAddress, parseAddress } from './address/address-parser.ts';
export type { GeocodeQuery, GeocodeResult, GeocodingService } from './geocoding/geocoding.service.ts';
export { PRECISION_LABELS, PRECISIONS, type Precision } from './geocoding/local-geocoder.rules.ts';
export { type AreaIndex, createAreaIndex, pointInGeometry } from './point-in-polygon.rules.ts';
export { createTerritoryModule, type TerritoryModule } from './territory.module.ts';
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

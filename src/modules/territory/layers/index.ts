// Reference layers (issue 5): read an uploaded GeoJSON, zipped shapefile or CSV into WGS84 features, and
// turn them into street segments, address points and areas for the territory service to store.
export {
  fromWgs84,
  isSourceSrid,
  PROJ4_DEFINITIONS,
  SRID_NAMES,
  toWgs84,
} from './crs.ts';
export { centroidOf, interiorPoint, pointOnSurface } from './interior-point.ts';
export {
  ADDRESS_FIELDS,
  type AddressPoint,
  type AddressPointsResult,
  AREA_CODE_FIELDS,
  type AreaFeaturesResult,
  LAYER_AREA_CODE_PATTERN,
  LAYER_AREA_KINDS,
  type LayerArea,
  type LayerAreaKind,
  STREET_NAME_FIELDS,
  type StreetSegment,
  type StreetSegmentsResult,
  slugCode,
  toAddressPoints,
  toAreaFeatures,
  toStreetSegments,
} from './layer-features.ts';
export {
  COLOMBIA_BOUNDS,
  formatOfFileName,
  type ReadLayerInput,
  readReferenceLayer,
} from './layer-reader.ts';
export {
  type LayerFeature,
  type LayerFormat,
  type LayerGeometry,
  type LayerProblem,
  type MultiPolygonGeometry,
  type PolygonGeometry,
  type Position,
  type PropertyValue,
  type ReadLayer,
  SOURCE_SRIDS,
  type SourceSrid,
} from './layer-types.ts';
export { MAX_FEATURES } from './raw-layer.ts';

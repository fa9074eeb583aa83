// Shapes of the territory API (src/modules/territory): the public map and geocoder, and the officials' pages.

export type AreaKind = 'municipio' | 'comuna' | 'corregimiento' | 'barrio' | 'vereda';

export type Position = [number, number] | [number, number, number];

export type AreaGeometry =
  | { type: 'Polygon'; coordinates: Position[][] }
  | { type: 'MultiPolygon'; coordinates: Position[][][] };

export interface AreaProperties {
  kind: AreaKind;
  code: string;
  name: string;
  parentCode: string | null;
}

export interface AreaFeature {
  type: 'Feature';
  properties: AreaProperties;
  geometry: AreaGeometry;
}

export interface AreaFeatureCollection {
  type: 'FeatureCollection';
  features: AreaFeature[];
}

export interface StreetFeature {
  type: 'Feature';
  properties: { name: string; streetKey: string };
  geometry:
    | { type: 'LineString'; coordinates: Position[] }
    | { type: 'MultiLineString'; coordinates: Position[][] };
}

export interface StreetFeatureCollection {
  type: 'FeatureCollection';
  features: StreetFeature[];
}

/** GET /api/v1/territory/map */
export interface MapConfig {
  municipio: { codigo: string; nombre: string };
  /** Where the search may look: the city's own first, then those with limits or layers loaded. */
  municipios: { codigo: string; nombre: string }[];
  /** [minLon, minLat, maxLon, maxLat]; null while the city has loaded no area at all. */
  bounds: [number, number, number, number] | null;
  baseMap: { url: string; attribution: string } | null;
  /** Credits of the data drawn on the map. */
  attribution: string;
}

export type GeocodeStatus = 'completa' | 'interseccion' | 'solo_via' | 'rural' | 'no_es_direccion';

export type GeocodePrecision =
  | 'punto'
  | 'interpolada'
  | 'interseccion'
  | 'barrio'
  | 'municipio'
  | 'en_linea'
  | 'ninguna';

/** GET /api/territorio/geocodificar */
export interface GeocodeResult {
  input: string;
  canonical: string | null;
  status: GeocodeStatus;
  precision: GeocodePrecision;
  lat: number | null;
  lon: number | null;
  municipio: string | null;
  comuna: string | null;
  barrio: string | null;
  complemento: string | null;
  codigos: { municipio: string | null; comuna: string | null; barrio: string | null };
}

/** GET /api/territorio/ubicar */
export interface PointLocation {
  lat: number;
  lon: number;
  municipio: string | null;
  comuna: string | null;
  barrio: string | null;
  corregimiento: string | null;
  codigos: Record<string, string | null>;
}

export type LayerTipo = 'direcciones' | 'vias' | 'manzanas' | 'barrios' | 'comunas' | 'municipios';

export interface ReferenceLayer {
  id: string;
  tipo: LayerTipo;
  municipio: string;
  nombre: string;
  fuente: string | null;
  elementos: number;
  omitidos: number;
  srid: number;
  cargadaEn: string;
  cargadaPor: string | null;
}

export interface LayerProblem {
  /** The element's 1-based position in the file; null for a problem of the whole layer. */
  index: number | null;
  field: string;
  message: string;
}

/** 201 of POST /api/v1/admin/territory/layers */
export interface LayerUploadResult {
  id: string;
  tipo: LayerTipo;
  elementos: number;
  omitidos: number;
  problemas: LayerProblem[];
}

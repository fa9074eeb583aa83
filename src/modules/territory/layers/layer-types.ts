/**
 * What a reference layer becomes once read: GeoJSON-shaped geometries in WGS84 `[lon, lat]` (altitude
 * dropped), flat properties, and the problems of the features that were left out.
 */

/** The reference systems a municipality may upload in. */
export const SOURCE_SRIDS = [4326, 3116, 9377] as const;
export type SourceSrid = (typeof SOURCE_SRIDS)[number];

export type LayerFormat = 'geojson' | 'shapefile' | 'csv';

/** `[lon, lat]` in WGS84 once read (in the source system while being read). */
export type Position = [number, number];

export interface PointGeometry {
  type: 'Point';
  coordinates: Position;
}
export interface MultiPointGeometry {
  type: 'MultiPoint';
  coordinates: Position[];
}
export interface LineStringGeometry {
  type: 'LineString';
  coordinates: Position[];
}
export interface MultiLineStringGeometry {
  type: 'MultiLineString';
  coordinates: Position[][];
}
/** Outer ring first, then holes; every ring closed and of at least 4 positions. */
export interface PolygonGeometry {
  type: 'Polygon';
  coordinates: Position[][];
}
export interface MultiPolygonGeometry {
  type: 'MultiPolygon';
  coordinates: Position[][][];
}

export type LayerGeometry =
  | PointGeometry
  | MultiPointGeometry
  | LineStringGeometry
  | MultiLineStringGeometry
  | PolygonGeometry
  | MultiPolygonGeometry;

export type PropertyValue = string | number | boolean | null;

export interface LayerFeature {
  /** 1-based position in the file (feature, shapefile record or CSV data row), as messages name it. */
  index: number;
  geometry: LayerGeometry;
  properties: Record<string, PropertyValue>;
}

export interface LayerProblem {
  /** The feature's 1-based position, or null for a problem of the whole layer. */
  index: number | null;
  /** The source field: `geometry`, a CSV column, a property name, `srid`, `archivo`… */
  field: string;
  /** Spanish, naming the feature and the field: «Elemento 12, geometría: el anillo no está cerrado». */
  message: string;
}

export interface ReadLayer {
  sourceSrid: SourceSrid;
  format: LayerFormat;
  features: LayerFeature[];
  /** Features left out (and whole-layer faults that leave some out), each with its reason. */
  problems: LayerProblem[];
  /**
   * Remarks that leave nothing out, for the person to read: the srid chosen on upload overrode what the
   * file declared; a `.cpg` was wrong or unknown and the text was read in another encoding.
   */
  notes: LayerProblem[];
}

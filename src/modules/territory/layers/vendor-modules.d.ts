// Types for the two territory libraries that ship none (only what the layer readers call).

declare module 'shpjs' {
  /** Geometries of a `.shp`, in file order (null for a null shape); reprojects only when given a `.prj`. */
  export function parseShp(shp: ArrayBuffer | ArrayBufferView, prj?: string | false): unknown[];
}

declare module '@terraformer/wkt' {
  /** Throws on text that is not WKT. */
  export function wktToGeoJSON(wkt: string): unknown;
  export function geojsonToWKT(geometry: unknown): string;
}

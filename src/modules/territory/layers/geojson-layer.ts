/** GeoJSON layers: a FeatureCollection, a single Feature or a bare geometry, with an optional `crs`. */
import { validationError } from '../../../platform/http/errors.ts';
import { declaredCrsOfGeoJson } from './crs.ts';
import { GEOMETRY_TYPES } from './geometry-check.ts';
import type { LayerProblem } from './layer-types.ts';
import { featureLabel, flatProperties, MAX_FEATURES, type RawItem, type RawLayer } from './raw-layer.ts';

const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

export function readGeoJsonLayer(text: string): RawLayer {
  let root: unknown;
  try {
    root = JSON.parse(text);
  } catch {
    throw validationError('archivo', 'El archivo no es un JSON válido: revise que sea un GeoJSON completo.');
  }
  if (!isObject(root)) {
    throw validationError('archivo', 'El archivo JSON no es GeoJSON: se esperaba un FeatureCollection.');
  }
  let features: unknown[];
  if (root.type === 'FeatureCollection') {
    if (!Array.isArray(root.features)) {
      throw validationError('archivo', 'El FeatureCollection no tiene una lista «features».');
    }
    features = root.features;
  } else if (root.type === 'Feature') {
    features = [root];
  } else if (
    (GEOMETRY_TYPES as readonly unknown[]).includes(root.type) ||
    root.type === 'GeometryCollection'
  ) {
    features = [{ type: 'Feature', geometry: root, properties: {} }];
  } else {
    throw validationError('archivo', 'El archivo JSON no es GeoJSON: se esperaba un FeatureCollection.');
  }
  if (features.length > MAX_FEATURES) {
    throw validationError(
      'archivo',
      `El archivo tiene ${features.length.toLocaleString('es-CO')} elementos; el máximo es ${MAX_FEATURES.toLocaleString('es-CO')}.`,
    );
  }
  const items: RawItem[] = [];
  const problems: LayerProblem[] = [];
  features.forEach((feature, position) => {
    const index = position + 1;
    if (!isObject(feature) || feature.type !== 'Feature') {
      problems.push({
        index,
        field: 'type',
        message: `${featureLabel(index)}, tipo: no es un Feature de GeoJSON.`,
      });
      return;
    }
    items.push({
      index,
      label: featureLabel(index),
      field: 'geometry',
      geometry: feature.geometry,
      properties: flatProperties(feature.properties),
    });
  });
  return { format: 'geojson', declared: declaredCrsOfGeoJson(root.crs), items, problems, notes: [] };
}

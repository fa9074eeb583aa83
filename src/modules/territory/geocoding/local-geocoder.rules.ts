import {
  type AddressComponents,
  canonicalOf,
  type ParsedAddress,
  type StreetNumber,
} from '../address/address-parser.ts';
import { crossingTypes, type LonLat, type StreetNetwork, sameStreetTypes } from './street-network.rules.ts';

/**
 * How sure a result is, best first. A result never claims more than it has: a barrio's centre is
 * `barrio`, even when the address itself was well formed.
 */
export const PRECISIONS = [
  'punto',
  'interpolada',
  'interseccion',
  'en_linea',
  'barrio',
  'municipio',
  'ninguna',
] as const;
export type Precision = (typeof PRECISIONS)[number];

export const PRECISION_LABELS: Record<Precision, string> = {
  punto: 'Punto exacto de la dirección',
  interpolada: 'Interpolada sobre el tramo de vía',
  interseccion: 'Cruce de vías',
  en_linea: 'Geocodificador en línea',
  barrio: 'Centro del barrio (aproximada)',
  municipio: 'Centro del municipio (muy aproximada)',
  ninguna: 'No se pudo ubicar',
};

export interface PlaceMatch {
  code: string;
  name: string;
  point: LonLat;
}

/** What one municipality's loaded layers offer the chain. */
export interface LocalLayers {
  addressPoints: ReadonlyMap<string, LonLat>;
  streets: StreetNetwork;
  /** A barrio by its name or alias (gazetteer). */
  barrioNamed(name: string): PlaceMatch | null;
  /** A barrio mentioned somewhere in a free text. */
  barrioInText(text: string): PlaceMatch | null;
  municipio: PlaceMatch | null;
}

export interface LocalResult {
  precision: Precision;
  point: LonLat | null;
  /** The barrio the text named, when the result rests on it. */
  barrio: { code: string; name: string } | null;
}

function streetKey(type: string, number: StreetNumber): string {
  const components: AddressComponents = {
    via: { ...number, type: type as NonNullable<AddressComponents['via']>['type'] },
    cross: null,
    placa: null,
    placaQuadrant: null,
    barrio: null,
  };
  return canonicalOf(components)!;
}

/** The street keys of the vía as loaded, trying its avenue twin (Calle 26 ↔ Avenida Calle 26). */
function viaKeys(layers: LocalLayers, via: NonNullable<AddressComponents['via']>): string[] {
  return sameStreetTypes(via.type)
    .map((type) => streetKey(type, via))
    .filter((key) => layers.streets.has(key));
}

/** The cross street keys: its own type when written, else every type that runs across the vía. */
function crossKeys(
  layers: LocalLayers,
  viaType: string,
  cross: NonNullable<AddressComponents['cross']>,
): string[] {
  const types = cross.type ? sameStreetTypes(cross.type) : crossingTypes(viaType);
  return types.map((type) => streetKey(type, cross)).filter((key) => layers.streets.has(key));
}

function fromStreets(layers: LocalLayers, parsed: ParsedAddress): LocalResult | null {
  const { via, cross, placa } = parsed.components;
  if (!via || !cross) return null;
  const vias = viaKeys(layers, via);
  let corner: LonLat | null = null;
  for (const viaKey of vias) {
    for (const crossKey of crossKeys(layers, via.type, cross)) {
      if (placa !== null) {
        const interpolated = layers.streets.interpolate(viaKey, crossKey, placa);
        if (interpolated) return { precision: 'interpolada', point: interpolated.point, barrio: null };
      }
      corner ??= layers.streets.intersection(viaKey, crossKey);
    }
  }
  return corner ? { precision: 'interseccion', point: corner, barrio: null } : null;
}

/**
 * The local chain, in order: exact address point → interpolation on the street segment → street
 * intersection → barrio named (column or text) → municipality. Pure: layers come built.
 */
export function geocodeLocally(
  layers: LocalLayers,
  parsed: ParsedAddress,
  options: { barrio?: string | null } = {},
): LocalResult {
  if (parsed.status === 'completa' && parsed.canonical) {
    const point = layers.addressPoints.get(parsed.canonical);
    if (point) return { precision: 'punto', point, barrio: null };
  }
  if (parsed.status === 'completa' || parsed.status === 'interseccion') {
    const onStreets = fromStreets(layers, parsed);
    if (onStreets) return onStreets;
  }
  const named = options.barrio?.trim() || parsed.components.barrio;
  const barrio =
    (named ? layers.barrioNamed(named) : null) ??
    // A text that is not an address may be just a barrio's name («San Alonso»).
    (parsed.status === 'no_es_direccion' || parsed.status === 'rural'
      ? layers.barrioNamed(parsed.input)
      : null) ??
    layers.barrioInText(parsed.input);
  if (barrio)
    return { precision: 'barrio', point: barrio.point, barrio: { code: barrio.code, name: barrio.name } };
  if (layers.municipio && parsed.status !== 'no_es_direccion') {
    return { precision: 'municipio', point: layers.municipio.point, barrio: null };
  }
  return { precision: 'ninguna', point: null, barrio: null };
}

import type { AreaKind, GeocodePrecision, GeocodeStatus, LayerTipo } from './types';

/** The precision of a geocoded point, in words a citizen understands. */
export const PRECISION_LABELS: Record<GeocodePrecision, string> = {
  punto: 'Punto exacto de la dirección',
  interpolada: 'Interpolada sobre el tramo de vía',
  interseccion: 'Cruce de vías',
  en_linea: 'Sobre la vía, sin ubicar la placa (aproximada)',
  barrio: 'Centro del barrio (aproximada)',
  municipio: 'Centro del municipio (muy aproximada)',
  ninguna: 'No se pudo ubicar',
};

/**
 * What a coarse point does not tell: said plainly so nobody takes the centre of a barrio for the
 * house. Precise points need no note.
 */
export const PRECISION_NOTES: Partial<Record<GeocodePrecision, string>> = {
  en_linea:
    'Se encontró la vía, pero no el número de placa: el punto está sobre la vía y puede quedar a varias cuadras de la dirección.',
  barrio:
    'La dirección no se pudo ubicar sobre las vías: el punto marca el centro del barrio, no el predio. Puede estar a varias cuadras.',
  municipio:
    'Solo se reconoció el municipio: el punto marca su centro y no sirve para ubicar el predio ni el barrio.',
  ninguna:
    'No se encontró la dirección ni el barrio. Escríbala como «Calle 35 # 10-43» o escriba solo el nombre del barrio.',
};

export const STATUS_LABELS: Record<GeocodeStatus, string> = {
  completa: 'Dirección completa',
  interseccion: 'Cruce de dos vías',
  solo_via: 'Solo la vía, sin número de placa',
  rural: 'Dirección rural',
  no_es_direccion: 'No se reconoció una dirección',
};

export const AREA_KIND_LABELS: Record<AreaKind, string> = {
  municipio: 'Municipio',
  comuna: 'Comuna',
  corregimiento: 'Corregimiento',
  barrio: 'Barrio',
  vereda: 'Vereda',
};

export const LAYER_TIPO_LABELS: Record<LayerTipo, string> = {
  direcciones: 'Puntos de dirección (placas)',
  vias: 'Ejes viales con nomenclatura',
  manzanas: 'Manzanas',
  barrios: 'Barrios',
  comunas: 'Comunas',
  municipios: 'Límites municipales',
};

/** The reference systems the server reads; an empty value lets it detect the system from the file. */
export const SRID_OPTIONS = [
  { value: '', label: 'Detectar' },
  { value: '4326', label: 'EPSG:4326 (WGS 84, longitud y latitud)' },
  { value: '3116', label: 'EPSG:3116 (MAGNA-SIRGAS / Colombia Bogotá)' },
  { value: '9377', label: 'EPSG:9377 (MAGNA-SIRGAS / Origen Nacional)' },
];

/** The permissions of src/modules/territory (the server checks them again). */
export const TERRITORY_PERMISSIONS = {
  geocode: 'territory.geocode',
  manage: 'territory.manage',
} as const;

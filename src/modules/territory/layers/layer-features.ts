/**
 * Typed records from a read layer, for the territory service to store: street centreline segments
 * keyed by the canonical street name, address points, and political-administrative areas with codes.
 * Features that do not fit are reported in `problems`; those that are simply not streets or addresses
 * (quebradas, vías without nomenclature, incomplete addresses) are only counted in `skipped`.
 */
import { parseAddress } from '../address/address-parser.ts';
import { interiorPoint } from './interior-point.ts';
import type {
  LayerFeature,
  LayerProblem,
  MultiPolygonGeometry,
  PolygonGeometry,
  Position,
  PropertyValue,
} from './layer-types.ts';

// ---- Fields -----------------------------------------------------------------------------------------

const fieldKey = (name: string) =>
  name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .trim()
    .toLowerCase();

/**
 * The property name to read: the one asked for, else the first candidate any feature has (names
 * compared without case or accents). Records a problem when the one asked for is missing.
 */
function resolveField(
  features: readonly LayerFeature[],
  candidates: readonly string[],
  explicit: string | undefined,
  what: string,
  problems: LayerProblem[],
): string | null {
  const present = new Map<string, string>();
  for (const feature of features) {
    for (const key of Object.keys(feature.properties)) {
      if (!present.has(fieldKey(key))) present.set(fieldKey(key), key);
    }
  }
  if (explicit !== undefined) {
    const found = present.get(fieldKey(explicit));
    if (!found) {
      problems.push({
        index: null,
        field: explicit,
        message: `La capa no tiene el campo «${explicit}» indicado para ${what}.`,
      });
    }
    return found ?? null;
  }
  for (const candidate of candidates) {
    const found = present.get(fieldKey(candidate));
    if (found) return found;
  }
  if (features.length > 0) {
    problems.push({
      index: null,
      field: candidates[0]!,
      message: `La capa no tiene un campo con ${what} (se buscó ${candidates.join(', ')}): indique cuál es.`,
    });
  }
  return null;
}

function text(value: PropertyValue | undefined): string {
  if (typeof value === 'string') return value.replace(/\s+/g, ' ').trim();
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return '';
}

const label = (feature: LayerFeature) => `Elemento ${feature.index}`;

// ---- Streets ----------------------------------------------------------------------------------------

export const STREET_NAME_FIELDS = ['via', 'nombre', 'NOMBRE_VIA', 'NOMENCLAT', 'name'] as const;

export interface StreetSegment {
  /** The street's canonical key from the address parser: `CL 11`, `KR 5A`, `DG 9`. */
  streetKey: string;
  /** The name as the layer writes it (trimmed). */
  name: string;
  coordinates: Position[];
}

export interface StreetSegmentsResult {
  segments: StreetSegment[];
  problems: LayerProblem[];
  /** Features whose name is not a street with nomenclature (quebradas, «VIA A …», empty names). */
  skipped: number;
  /** The property read as the street name, or null when none was found. */
  nameField: string | null;
}

/** One segment per LineString (a MultiLineString gives one per part), keyed by its street. */
export function toStreetSegments(
  features: readonly LayerFeature[],
  options: { nameField?: string } = {},
): StreetSegmentsResult {
  const problems: LayerProblem[] = [];
  const nameField = resolveField(
    features,
    STREET_NAME_FIELDS,
    options.nameField,
    'el nombre de la vía',
    problems,
  );
  const segments: StreetSegment[] = [];
  let skipped = 0;
  if (!nameField) return { segments, problems, skipped: features.length, nameField };
  for (const feature of features) {
    const { geometry } = feature;
    if (geometry.type !== 'LineString' && geometry.type !== 'MultiLineString') {
      problems.push({
        index: feature.index,
        field: 'geometry',
        message: `${label(feature)}, geometría: se esperaba una línea (LineString o MultiLineString) y es ${geometry.type}.`,
      });
      continue;
    }
    const name = text(feature.properties[nameField]);
    const parsed = name ? parseAddress(name) : null;
    if (parsed?.status !== 'solo_via' || !parsed.canonical) {
      skipped += 1;
      continue;
    }
    const parts = geometry.type === 'LineString' ? [geometry.coordinates] : geometry.coordinates;
    for (const coordinates of parts) segments.push({ streetKey: parsed.canonical, name, coordinates });
  }
  return { segments, problems, skipped, nameField };
}

// ---- Address points ---------------------------------------------------------------------------------

export const ADDRESS_FIELDS = [
  'direccion',
  'dirección',
  'DIRECCION',
  'address',
  'NOMENCLATURA',
  'texto',
] as const;

export interface AddressPoint {
  /** The parser's key: `CL 35 10 43`. */
  canonical: string;
  /** The address as the layer writes it (trimmed). */
  address: string;
  lon: number;
  lat: number;
}

export interface AddressPointsResult {
  points: AddressPoint[];
  problems: LayerProblem[];
  /** Features whose address is empty or not complete (no placa, rural, not an address). */
  skipped: number;
  addressField: string | null;
}

/** Address points from Point features, or from parcel polygons (a point inside each). */
export function toAddressPoints(
  features: readonly LayerFeature[],
  options: { addressField?: string } = {},
): AddressPointsResult {
  const problems: LayerProblem[] = [];
  const addressField = resolveField(features, ADDRESS_FIELDS, options.addressField, 'la dirección', problems);
  const points: AddressPoint[] = [];
  let skipped = 0;
  if (!addressField) return { points, problems, skipped: features.length, addressField };
  for (const feature of features) {
    const address = text(feature.properties[addressField]);
    const parsed = address ? parseAddress(address) : null;
    if (parsed?.status !== 'completa' || !parsed.canonical) {
      skipped += 1;
      continue;
    }
    const { geometry } = feature;
    let position: Position | null = null;
    if (geometry.type === 'Point') position = geometry.coordinates;
    else if (geometry.type === 'MultiPoint' && geometry.coordinates.length === 1)
      position = geometry.coordinates[0]!;
    else if (geometry.type === 'Polygon' || geometry.type === 'MultiPolygon') {
      const inside = interiorPoint(geometry);
      position = [inside[0], inside[1]];
    }
    if (!position) {
      problems.push({
        index: feature.index,
        field: 'geometry',
        message: `${label(feature)}, geometría: se esperaba un punto o un polígono de predio y es ${geometry.type}${geometry.type === 'MultiPoint' ? ' de varios puntos' : ''}.`,
      });
      continue;
    }
    points.push({ canonical: parsed.canonical, address, lon: position[0], lat: position[1] });
  }
  return { points, problems, skipped, addressField };
}

// ---- Areas ------------------------------------------------------------------------------------------

export const LAYER_AREA_KINDS = [
  'municipio',
  'comuna',
  'corregimiento',
  'barrio',
  'vereda',
  'manzana',
] as const;
export type LayerAreaKind = (typeof LAYER_AREA_KINDS)[number];

/** As the territory service requires: codes appear in URLs and in other areas' `parentCode`. */
export const LAYER_AREA_CODE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/;
const MAX_NAME = 200;

export const AREA_CODE_FIELDS = ['codigo', 'CODIGO', 'cod', 'code', 'MPIO_CCNCT', 'OBJECTID'] as const;
const AREA_NAME_FIELDS: Record<LayerAreaKind, readonly string[]> = {
  municipio: ['nombre', 'name', 'MPIO_CNMBR', 'municipio', 'nom'],
  comuna: ['nombre', 'name', 'nom_comuna', 'comuna', 'nom'],
  corregimiento: ['nombre', 'name', 'nom_correg', 'corregimiento', 'nom'],
  barrio: ['nombre', 'name', 'nom_barrio', 'nombre_barrio', 'barrio', 'nom'],
  vereda: ['nombre', 'name', 'nom_vereda', 'nombre_vereda', 'vereda', 'nom'],
  manzana: ['nombre', 'name', 'nom'],
};

export interface LayerArea {
  kind: LayerAreaKind;
  code: string;
  name: string;
  parentCode: string | null;
  geometry: PolygonGeometry | MultiPolygonGeometry;
}

export interface AreaFeaturesResult {
  areas: LayerArea[];
  problems: LayerProblem[];
  codeField: string | null;
  nameField: string | null;
}

/**
 * A code from a name: upper case, no accents, one `-` for each run of anything but letters and digits
 * («01. NORTE» → `01-NORTE`, so «CORREG. 1» and «CORREG 1» meet in `CORREG-1`), at most 40 characters.
 */
export function slugCode(value: string): string {
  return value
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, '-')
    .replace(/^-+/, '')
    .slice(0, 40)
    .replace(/-+$/, '');
}

/** A code value as the layer has it when it already fits the pattern, else slugged. */
function codeOf(value: PropertyValue | undefined): string {
  const raw = text(value);
  if (!raw) return '';
  return LAYER_AREA_CODE_PATTERN.test(raw) ? raw : slugCode(raw);
}

export function toAreaFeatures(
  features: readonly LayerFeature[],
  options: { kind: LayerAreaKind; codeField?: string; nameField?: string; parentField?: string },
): AreaFeaturesResult {
  const { kind } = options;
  const problems: LayerProblem[] = [];
  const areas: LayerArea[] = [];
  // A missing code or name field is not fatal by default: the code comes from the name, the name from the code.
  const quiet: LayerProblem[] = [];
  const codeField = resolveField(
    features,
    AREA_CODE_FIELDS,
    options.codeField,
    'el código',
    options.codeField ? problems : quiet,
  );
  const nameField = resolveField(
    features,
    AREA_NAME_FIELDS[kind],
    options.nameField,
    'el nombre',
    options.nameField ? problems : quiet,
  );
  const parentField =
    options.parentField === undefined
      ? null
      : resolveField(features, [], options.parentField, 'el código del área que la contiene', problems);
  if (!codeField && !nameField) {
    problems.push({
      index: null,
      field: AREA_CODE_FIELDS[0],
      message: `La capa no tiene campo de código (${AREA_CODE_FIELDS.join(', ')}) ni de nombre (${AREA_NAME_FIELDS[kind].join(', ')}): indique cuáles son.`,
    });
    return { areas, problems, codeField, nameField };
  }
  const seen = new Map<string, number>();
  for (const feature of features) {
    const { geometry } = feature;
    if (geometry.type !== 'Polygon' && geometry.type !== 'MultiPolygon') {
      problems.push({
        index: feature.index,
        field: 'geometry',
        message: `${label(feature)}, geometría: se esperaba un polígono (Polygon o MultiPolygon) y es ${geometry.type}.`,
      });
      continue;
    }
    const fieldCode = codeField ? codeOf(feature.properties[codeField]) : '';
    const name = (nameField ? text(feature.properties[nameField]) : '') || fieldCode;
    const code = fieldCode || slugCode(name);
    if (!code) {
      problems.push({
        index: feature.index,
        field: codeField ?? nameField ?? 'codigo',
        message: `${label(feature)}, ${codeField ?? nameField}: falta el código y el nombre del área.`,
      });
      continue;
    }
    const previous = seen.get(code);
    if (previous !== undefined) {
      problems.push({
        index: feature.index,
        field: codeField ?? nameField ?? 'codigo',
        message: `${label(feature)}, ${codeField ?? nameField}: repite el código ${code} del elemento ${previous}.`,
      });
      continue;
    }
    seen.set(code, feature.index);
    const parent = parentField ? codeOf(feature.properties[parentField]) : '';
    areas.push({
      kind,
      code,
      name: name.length > MAX_NAME ? `${name.slice(0, MAX_NAME - 1)}…` : name,
      parentCode: parent || null,
      geometry,
    });
  }
  return { areas, problems, codeField, nameField };
}

/**
 * What each format reader hands to `readReferenceLayer`: the features with their geometry still
 * unchecked and in the source system, plus what the file declares about that system.
 */
import type { DeclaredCrs } from './crs.ts';
import type { LayerFormat, LayerProblem, PropertyValue } from './layer-types.ts';

export interface RawItem {
  /** 1-based position in the file. */
  index: number;
  /** How messages name it: «Elemento 12», «Elemento 12 (línea 13)». */
  label: string;
  /** The source field holding the geometry (`geometry`, a CSV column). */
  field: string;
  geometry: unknown;
  properties: Record<string, PropertyValue>;
}

export interface RawLayer {
  format: LayerFormat;
  declared: DeclaredCrs | null;
  items: RawItem[];
  problems: LayerProblem[];
  /** Remarks that leave nothing out (see `ReadLayer.notes`). */
  notes: LayerProblem[];
}

/** At most this many features in one layer: a whole municipality's parcels fit well below it. */
export const MAX_FEATURES = 500_000;

export const featureLabel = (index: number) => `Elemento ${index}`;

/** A property value as a layer keeps it: nested objects and arrays become their JSON text. */
export function flatValue(raw: unknown): PropertyValue {
  if (raw === null || raw === undefined) return null;
  if (typeof raw === 'string' || typeof raw === 'boolean') return raw;
  if (typeof raw === 'number') return Number.isFinite(raw) ? raw : null;
  if (typeof raw === 'bigint') return String(raw);
  try {
    return JSON.stringify(raw) ?? null;
  } catch {
    return null;
  }
}

export function flatProperties(raw: unknown): Record<string, PropertyValue> {
  const properties: Record<string, PropertyValue> = {};
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return properties;
  for (const [key, value] of Object.entries(raw)) properties[key] = flatValue(value);
  return properties;
}

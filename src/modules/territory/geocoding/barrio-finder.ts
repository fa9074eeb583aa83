import { type BarrioAliasFile, createGazetteer, matchAliasesToAreas } from '../gazetteer/index.ts';
import { interiorPoint } from '../layers/index.ts';
import type { IndexedArea } from '../territory.service.ts';
import type { PlaceMatch } from './local-geocoder.rules.ts';

export interface BarrioFinder {
  named(name: string): PlaceMatch | null;
  inText(text: string): PlaceMatch | null;
}

/**
 * The barrios (and veredas) of one municipality by name, alias or near spelling, each standing for a point
 * inside its polygon. Aliases (sectors, conjuntos) come from the municipality's table when there is one.
 */
export function createBarrioFinder(
  municipio: string,
  areas: readonly IndexedArea[],
  aliasFile: BarrioAliasFile | null,
): BarrioFinder {
  const points = new Map<string, PlaceMatch>();
  for (const area of areas) {
    const point = interiorPoint(area.geometry);
    if (point) points.set(area.code, { code: area.code, name: area.name, point: [point[0], point[1]] });
  }
  const linkable = areas.map((area) => ({ code: area.code, name: area.name, municipio }));
  const entries = aliasFile
    ? matchAliasesToAreas(aliasFile, linkable).entries
    : linkable.map((area) => ({ ...area, aliases: [] }));
  const gazetteer = createGazetteer(entries);
  const pointOf = (match: { code: string } | null) => (match ? (points.get(match.code) ?? null) : null);
  return {
    named: (name) => pointOf(gazetteer.find(name, municipio)),
    inText: (text) => pointOf(gazetteer.findInText(text, municipio)),
  };
}

/**
 * The barrio alias table (assets/territory/barrio-aliases.json: Planeación's comuna → barrio → sectors and
 * conjuntos, per municipality) joined to the barrio polygons that are loaded, so that every alias points at
 * the code of a polygon. Pure.
 */
import { allowedDistance, type GazetteerEntry, normalizePlaceName } from './barrio-gazetteer.rules.ts';

export interface BarrioAliasRow {
  barrio: string;
  comuna: string | null;
  aliases: string[];
}

export interface BarrioAliasFile {
  source: string;
  /** By DIVIPOLA code: 68001 Bucaramanga, 68276 Floridablanca, 68307 Girón, 68547 Piedecuesta. */
  municipios: Record<string, BarrioAliasRow[]>;
}

export interface AliasArea {
  code: string;
  name: string;
  municipio: string;
}

export type AliasMatchTier = 'nombre' | 'sin_espacios' | 'sin_articulos' | 'alias' | 'aproximado' | 'prefijo';

export interface AliasMatchResult {
  /** One entry per area (its name, the parts of a name in brackets, and the aliases of the barrios linked to it). */
  entries: GazetteerEntry[];
  /** Barrios of the alias file linked to an area, and how. */
  linked: { municipio: string; barrio: string; code: string; tier: AliasMatchTier }[];
  /** Barrios of the alias file with no area of the same name (veredas, barrios drawn under another name). */
  unmatched: { municipio: string; barrio: string }[];
}

/** Without spaces: "Quintadania" = "Quinta Dania". */
const compact = (key: string) => key.replace(/ /g, '');
/** Without articles and "de/del", and "Primero" as 1: "Paisajes del Norte" = "Paisajes Norte", "Primero de Mayo" = "1 de Mayo". */
const loose = (key: string) =>
  key
    .split(' ')
    .filter((word) => !['EL', 'LA', 'LOS', 'LAS', 'DE', 'DEL'].includes(word))
    .map((word) => (word === 'PRIMERO' ? '1' : word))
    .join(' ');

/** "ALVAREZ" starts "ALVAREZ LAS AMERICAS" word for word. */
const startsWithWords = (whole: string, start: string) => start !== '' && `${whole} `.startsWith(`${start} `);

function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      current.push(
        Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1)),
      );
    }
    previous = current;
  }
  return previous[b.length]!;
}

/** "Villa Maria I (Media)" → ["Villa Maria I (Media)", "Villa Maria I", "Media"]. */
function namesOfArea(name: string): string[] {
  const outside = name
    .replace(/\([^)]*\)/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const inside = [...name.matchAll(/\(([^)]*)\)/g)].map((match) => match[1]!.trim()).filter(Boolean);
  return [...new Set([name, outside, ...inside].filter(Boolean))];
}

/**
 * Links each barrio of the alias file to the area of its municipality with the same normalised name. Exact
 * names first; then, over the areas no exact name took: without spaces, without articles, by one of the
 * barrio's aliases, a near spelling (the gazetteer's allowance), one name starting the other word for word —
 * each tier only when exactly one area answers. Returns one gazetteer entry per area, carrying the names and aliases
 * of the barrios linked to it, and the barrios left unlinked.
 */
export function matchAliasesToAreas(
  aliasFile: BarrioAliasFile,
  areas: readonly AliasArea[],
): AliasMatchResult {
  const aliasesOf = new Map<AliasArea, string[]>();
  const byMunicipio = new Map<string, { area: AliasArea; keys: string[] }[]>();
  for (const area of areas) {
    const extra = namesOfArea(area.name).slice(1);
    aliasesOf.set(area, [...extra]);
    const keys = namesOfArea(area.name).map(normalizePlaceName).filter(Boolean);
    const list = byMunicipio.get(area.municipio) ?? [];
    list.push({ area, keys });
    byMunicipio.set(area.municipio, list);
  }

  type Same = (key: string, areaKey: string, row: BarrioAliasRow) => boolean;
  const tiers: { tier: AliasMatchTier; same: Same }[] = [
    { tier: 'nombre', same: (a, b) => a === b },
    { tier: 'sin_espacios', same: (a, b) => compact(a) === compact(b) },
    { tier: 'sin_articulos', same: (a, b) => loose(a) === loose(b) },
    { tier: 'alias', same: (_a, b, row) => row.aliases.some((alias) => normalizePlaceName(alias) === b) },
    {
      tier: 'aproximado',
      same: (a, b) => {
        const max = allowedDistance(compact(a).length);
        return max > 0 && a.replace(/\D/g, '') === b.replace(/\D/g, '') && distance(a, b) <= max;
      },
    },
    {
      tier: 'prefijo',
      same: (a, b) => startsWithWords(loose(a), loose(b)) || startsWithWords(loose(b), loose(a)),
    },
  ];

  const linked: AliasMatchResult['linked'] = [];
  const unmatched: AliasMatchResult['unmatched'] = [];
  const rows = Object.entries(aliasFile.municipios).flatMap(([municipio, list]) =>
    list.map((row) => ({ municipio, row, key: normalizePlaceName(row.barrio) })),
  );
  // First every exact name; then the looser tiers, only over areas that no barrio named exactly (so the
  // vereda "Pablon" does not join the barrio "El Pablón", which the barrio "El Pablon" already took).
  const claimed = new Set<AliasArea>();
  const pending: typeof rows = [];
  for (const item of rows) {
    const hits = (byMunicipio.get(item.municipio) ?? []).filter(({ keys }) => keys.includes(item.key));
    if (hits.length === 1) {
      claimed.add(hits[0]!.area);
      link(item, hits[0]!.area, 'nombre');
    } else if (hits.length === 0) pending.push(item);
    else unmatched.push({ municipio: item.municipio, barrio: item.row.barrio });
  }
  for (const item of pending) {
    const candidates = (byMunicipio.get(item.municipio) ?? []).filter(({ area }) => !claimed.has(area));
    let found: { area: AliasArea; tier: AliasMatchTier } | null = null;
    for (const { tier, same } of tiers.slice(1)) {
      const hits = candidates.filter(({ keys }) => keys.some((areaKey) => same(item.key, areaKey, item.row)));
      if (hits.length === 1) found = { area: hits[0]!.area, tier };
      if (hits.length > 0) break;
    }
    if (found) link(item, found.area, found.tier);
    else unmatched.push({ municipio: item.municipio, barrio: item.row.barrio });
  }
  function link(item: { municipio: string; row: BarrioAliasRow }, area: AliasArea, tier: AliasMatchTier) {
    linked.push({ municipio: item.municipio, barrio: item.row.barrio, code: area.code, tier });
    aliasesOf.get(area)!.push(item.row.barrio, ...item.row.aliases);
  }

  const entries = areas.map((area): GazetteerEntry => {
    const own = normalizePlaceName(area.name);
    const seen = new Set([own]);
    const aliases = aliasesOf.get(area)!.filter((alias) => {
      const key = normalizePlaceName(alias);
      if (key === '' || seen.has(key)) return false;
      seen.add(key);
      return true;
    });
    return { municipio: area.municipio, code: area.code, name: area.name, aliases };
  });
  return { entries, linked, unmatched };
}

/**
 * Barrio names as people write them → the barrio's code. Pure: built from entries (name + aliases per
 * barrio code), answers by exact normalised name or alias first, then by a near spelling when only one
 * barrio is that near. `findInText` finds a barrio mentioned inside a free text (an address with its
 * barrio, a PQRSD description). Built once per load and used on batches of 100,000 rows.
 */

export interface GazetteerEntry {
  /** Whatever the caller keys municipalities by (DIVIPOLA code in this platform: '68001'). */
  municipio: string;
  code: string;
  name: string;
  aliases: readonly string[];
}

export interface GazetteerMatch {
  municipio: string;
  code: string;
  name: string;
  matchedBy: 'nombre' | 'alias' | 'aproximado';
  /** The alias that matched (as written in the entry), when it was not the name. */
  alias?: string;
}

export interface Gazetteer {
  find(name: string, municipio?: string): GazetteerMatch | null;
  findInText(text: string, municipio?: string): GazetteerMatch | null;
  size: number;
}

const ROMAN_NUMERAL = /^(?=[IVX])X{0,3}(IX|IV|V?I{0,3})$/;
const ROMAN_VALUES: Record<string, number> = { I: 1, V: 5, X: 10 };
function romanToNumber(roman: string): number {
  let total = 0;
  for (let index = 0; index < roman.length; index += 1) {
    const value = ROMAN_VALUES[roman[index]!]!;
    const next = ROMAN_VALUES[roman[index + 1] ?? ''] ?? 0;
    total += value < next ? -value : value;
  }
  return total;
}

/** Words that only say what kind of place follows ("Barrio Kennedy", "Urb. La Flora", "B. San Alonso"). */
const LEADING_MARKERS = new Set([
  'BARRIO',
  'BARRIOS',
  'BRR',
  'BARR',
  'BR',
  'B',
  'URBANIZACION',
  'URB',
  'UR',
  'CONJUNTO',
  'CONJ',
  'CR',
  'RESIDENCIAL',
  'SECTOR',
  'SECT',
  'ASENTAMIENTO',
  'ASENT',
  'EDIFICIO',
  'EDIF',
]);

/** Upper case without accents; anything that is not a letter or digit becomes one space. */
function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, ' ')
    .trim();
}

/** Folded words with Roman numerals as digits ("Etapa II", "Omaga II", "Nogal I y II"), unless the name is one word. */
function placeWords(text: string): string[] {
  const words = fold(text).split(' ').filter(Boolean);
  if (words.length < 2) return words;
  return words.map((word) => (ROMAN_NUMERAL.test(word) ? String(romanToNumber(word)) : word));
}

/**
 * The form names are compared in: upper case, accents folded, punctuation out, leading BARRIO/BRR/B./
 * URBANIZACION/URB/CONJUNTO/CONJ/SECTOR/ASENTAMIENTO/EDIFICIO dropped, Roman numerals written as digits
 * in names of two words or more ("Etapa II" → ETAPA 2, "Omaga II" → OMAGA 2), spaces collapsed. Idempotent.
 */
export function normalizePlaceName(text: string): string {
  if (typeof text !== 'string') return '';
  const words = placeWords(text);
  let start = 0;
  while (start < words.length - 1 && LEADING_MARKERS.has(words[start]!)) start += 1;
  return words.slice(start).join(' ');
}

interface Key {
  key: string;
  /** The words a free text must hold, as written (markers kept: "Barrio Nuevo" is not any "Nuevo"). */
  tokens: string[];
  /** Letters and digits only: the length the edit-distance allowance is measured on. */
  compactLength: number;
  /** Numbers in the name ("Omaga 1" vs "Omaga 2" are different barrios, never near spellings). */
  digits: string;
  entry: GazetteerEntry;
  matchedBy: 'nombre' | 'alias';
  alias?: string;
}

const digitsOf = (key: string) => key.replace(/[^0-9 ]/g, '').trim();

/** Edit distance, or `max + 1` as soon as it is known to exceed `max`. */
function boundedDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      const value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      current.push(value);
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > max) return max + 1;
    previous = current;
  }
  return previous[b.length]!;
}

/** How far a spelling may be from a known name: none under 5 letters, 1 up to 8, 2 above. */
export function allowedDistance(compactLength: number): number {
  if (compactLength < 5) return 0;
  return compactLength <= 8 ? 1 : 2;
}

/** Words after which a free text names a barrio (or the conjunto/edificio that is an alias of one). */
const BARRIO_MARKERS = new Set(['BARRIO', 'BRR', 'BARR', 'BR']);
const OTHER_MARKERS = new Set([
  'URBANIZACION',
  'URB',
  'CONJUNTO',
  'CONJ',
  'SECTOR',
  'VEREDA',
  'VDA',
  'EDIFICIO',
  'EDIF',
  'ED',
]);
/** Words that end a barrio name in a text: the complements that usually follow it. */
const NAME_ENDS = new Set([
  'APTO',
  'APT',
  'AP',
  'APARTAMENTO',
  'TORRE',
  'TO',
  'CASA',
  'CS',
  'MZ',
  'MZA',
  'MANZANA',
  'LOTE',
  'LT',
  'LOCAL',
  'LC',
  'OF',
  'OFC',
  'OFICINA',
  'PISO',
  'INT',
  'INTERIOR',
  'BLOQUE',
  'BQ',
  'TEL',
  'CEL',
  'TELEFONO',
  ...BARRIO_MARKERS,
  ...OTHER_MARKERS,
]);
/** Names that in a free text are far more often the city, department or country than the barrio. */
const NOT_BY_THEMSELVES = new Set([
  'BUCARAMANGA',
  'FLORIDABLANCA',
  'GIRON',
  'PIEDECUESTA',
  'SANTANDER',
  'COLOMBIA',
  'BOGOTA',
]);
const SEGMENT_BREAK = '|';
const MAX_TEXT = 1000;
const MAX_NAME_WORDS = 8;

/** Tokens of a free text, with `|` where a comma, semicolon, bracket or line break separated parts. */
function textTokens(text: string): string[] {
  const upper = text
    .slice(0, MAX_TEXT)
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase()
    // "B/ La Victoria", "B. La Victoria", "Bº La Victoria": the sign after a lone B marks a barrio.
    .replace(/\bB\s*[/.°º]/g, ' BARRIO ')
    .replace(/[,;()[\]{}\n\r]+/g, ` ${SEGMENT_BREAK} `)
    .replace(/[^A-Z0-9|]+/g, ' ');
  // Roman numerals as names are indexed: "Omaga II" → OMAGA 2.
  return upper
    .split(' ')
    .filter(Boolean)
    .map((word) => (ROMAN_NUMERAL.test(word) ? String(romanToNumber(word)) : word));
}

export function createGazetteer(entries: readonly GazetteerEntry[]): Gazetteer {
  const exact = new Map<string, Key[]>();
  const byFirstToken = new Map<string, Key[]>();
  const byLength = new Map<number, Key[]>();
  const push = <K>(map: Map<K, Key[]>, at: K, key: Key) => {
    const list = map.get(at);
    if (list) list.push(key);
    else map.set(at, [key]);
  };
  for (const entry of entries) {
    const seen = new Set<string>();
    const add = (text: string, matchedBy: 'nombre' | 'alias') => {
      const key = normalizePlaceName(text);
      if (key === '' || seen.has(key)) return;
      seen.add(key);
      const tokens = placeWords(text);
      const record: Key = {
        key,
        tokens,
        compactLength: key.replace(/ /g, '').length,
        digits: digitsOf(key),
        entry,
        matchedBy,
        ...(matchedBy === 'alias' ? { alias: text } : {}),
      };
      push(exact, key, record);
      push(byLength, record.compactLength, record);
      // Free texts are scanned for names of 4 letters or more, and never for a city's name alone.
      if (record.compactLength >= 4 && !NOT_BY_THEMSELVES.has(key)) push(byFirstToken, tokens[0]!, record);
    };
    add(entry.name, 'nombre');
    for (const alias of entry.aliases) add(alias, 'alias');
  }

  const inMunicipio = (keys: readonly Key[], municipio: string | undefined) =>
    municipio === undefined ? keys : keys.filter((key) => key.entry.municipio === municipio);

  /** One barrio, or null when the keys point at several (a name beats an alias of another barrio). */
  function resolve(keys: readonly Key[], approximate: boolean): GazetteerMatch | null {
    if (keys.length === 0) return null;
    const names = keys.filter((key) => key.matchedBy === 'nombre');
    const pool = !approximate && names.length > 0 ? names : keys;
    const first = pool[0]!;
    if (
      pool.some((key) => key.entry.code !== first.entry.code || key.entry.municipio !== first.entry.municipio)
    ) {
      return null;
    }
    const chosen = pool.find((key) => key.matchedBy === 'nombre') ?? first;
    return {
      municipio: chosen.entry.municipio,
      code: chosen.entry.code,
      name: chosen.entry.name,
      matchedBy: approximate ? 'aproximado' : chosen.matchedBy,
      ...(chosen.alias !== undefined ? { alias: chosen.alias } : {}),
    };
  }

  function approximate(key: string, municipio: string | undefined): GazetteerMatch | null {
    const compactLength = key.replace(/ /g, '').length;
    const max = allowedDistance(compactLength);
    if (max === 0) return null;
    const digits = digitsOf(key);
    let best = max + 1;
    let nearest: Key[] = [];
    for (let length = compactLength - max; length <= compactLength + max; length += 1) {
      for (const candidate of inMunicipio(byLength.get(length) ?? [], municipio)) {
        if (candidate.digits !== digits) continue;
        const distance = boundedDistance(key, candidate.key, Math.min(best, max));
        if (distance < best) {
          best = distance;
          nearest = [candidate];
        } else if (distance === best && distance <= max) nearest.push(candidate);
      }
    }
    return best <= max ? resolve(nearest, true) : null;
  }

  // Batches repeat the same few hundred spellings: remember each answer (bounded).
  const memo = new Map<string, GazetteerMatch | null>();
  function find(name: string, municipio?: string): GazetteerMatch | null {
    const key = normalizePlaceName(name);
    if (key === '') return null;
    const memoKey = `${municipio ?? ''}\u0000${key}`;
    const known = memo.get(memoKey);
    if (known !== undefined) return known;
    const candidates = inMunicipio(exact.get(key) ?? [], municipio);
    const match = candidates.length > 0 ? resolve(candidates, false) : approximate(key, municipio);
    if (memo.size >= 50_000) memo.clear();
    memo.set(memoKey, match);
    return match;
  }

  /**
   * The words after a marker, up to a break or a complement. After "barrio" they are tried longest first
   * (the city often follows the name); after "edificio"/"conjunto" only whole, since "Edificio Nuevo Milenio"
   * is not in the barrio "Barrio Nuevo".
   */
  function afterMarker(
    tokens: string[],
    markers: ReadonlySet<string>,
    shorten: boolean,
    municipio?: string,
  ): GazetteerMatch | null {
    for (let index = 0; index < tokens.length; index += 1) {
      if (!markers.has(tokens[index]!)) continue;
      const words: string[] = [];
      for (let next = index + 1; next < tokens.length && words.length < MAX_NAME_WORDS; next += 1) {
        const token = tokens[next]!;
        if (token === SEGMENT_BREAK || NAME_ENDS.has(token)) break;
        words.push(token);
      }
      for (let count = words.length; count > (shorten ? 0 : words.length - 1); count -= 1) {
        const match = find(words.slice(0, count).join(' '), municipio);
        if (match) return match;
      }
    }
    return null;
  }

  /** The longest known name standing as whole words in the text, unambiguous. */
  function scan(tokens: string[], municipio?: string): GazetteerMatch | null {
    const found = new Map<string, Key>();
    for (let index = 0; index < tokens.length; index += 1) {
      for (const candidate of byFirstToken.get(tokens[index]!) ?? []) {
        if (found.has(candidate.key) || (municipio !== undefined && candidate.entry.municipio !== municipio))
          continue;
        const length = candidate.tokens.length;
        let matches = index + length <= tokens.length;
        for (let offset = 1; matches && offset < length; offset += 1) {
          matches = tokens[index + offset] === candidate.tokens[offset];
        }
        if (matches) found.set(candidate.key, candidate);
      }
    }
    // Longest first (words, then letters); each spelling resolved over every barrio that bears it.
    const ordered = [...found.values()].sort(
      (a, b) => b.tokens.length - a.tokens.length || b.key.length - a.key.length,
    );
    for (const key of ordered) {
      const match = resolve(inMunicipio(exact.get(key.key) ?? [], municipio), false);
      if (match) return match;
    }
    return null;
  }

  function findInText(text: string, municipio?: string): GazetteerMatch | null {
    if (typeof text !== 'string' || text.trim() === '') return null;
    const tokens = textTokens(text);
    return (
      afterMarker(tokens, BARRIO_MARKERS, true, municipio) ??
      afterMarker(tokens, OTHER_MARKERS, false, municipio) ??
      scan(tokens, municipio)
    );
  }

  return { find, findInText, size: entries.length };
}

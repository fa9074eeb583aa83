/**
 * Builds assets/territory/68001-areas.geojson (Bucaramanga's comunas, corregimientos and barrios) from
 * the reference data in the shared folder:
 *
 *   npx tsx scripts/prepare-territory.ts [path-to-shared]      (default: ../shared, beside the repository)
 *
 * Reads <shared>/data/territory/bga_barrios_comunas_corregimientos.geojson; gives each barrio its comuna
 * or corregimiento (the OTICFinder polygons that cover most of it, checked against Planeación's table and
 * against the barrio's neighbours); rebuilds each comuna as the union of its leftover polygon and its
 * barrios; simplifies every polygon (Douglas–Peucker) and rounds coordinates; gives stable codes and
 * proper names. Prints a report of every decision and mismatch. Deterministic: the same input always
 * gives the same file. assets/territory/SOURCE.md describes the result.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { dissolve } from '../src/modules/territory/dissolve.rules.ts';
import {
  type AreaGeometry,
  type AreaIndex,
  bboxOf,
  createAreaIndex,
  type Locatable,
  pointInGeometry,
  polygonsOf,
} from '../src/modules/territory/point-in-polygon.rules.ts';
import { countPositions, simplifyGeometry } from '../src/modules/territory/simplify.rules.ts';

/** About 3 m at Bucaramanga's latitude. */
const TOLERANCE_DEGREES = 0.00003;
/** Six decimals of a degree are about 11 cm. */
const DECIMALS = 6;
/** Samples per side of the grid laid over each barrio to measure how much of it each comuna covers. */
const SAMPLE_GRID = 48;
/** Grid per side for the self-check of each merged comuna. */
const CHECK_GRID = 100;
/** Rings left by merging that are smaller than this (square degrees, about 1 m²) are gaps between neighbours. */
const SLIVER_AREA = 1e-10;

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUTPUT_DIR = path.join(REPO_ROOT, 'assets', 'territory');
const OUTPUT_FILE = path.join(OUTPUT_DIR, '68001-areas.geojson');

/**
 * Source comuna names → official number and name. The source spells one name wrong
 * ("CIUDADELA RELA DE MINAS") and names comuna 16 after its barrio El Tejar rather than
 * "Lagos del Cacique"; the OTICFinder table and the barrios inside the polygon confirm the number.
 */
const COMUNAS: Record<string, { code: string; name: string }> = {
  'COMUNA NORTE': { code: '01', name: 'Norte' },
  'COMUNA NORORIENTAL': { code: '02', name: 'Nororiental' },
  'COMUNA SAN FRANCISCO': { code: '03', name: 'San Francisco' },
  'COMUNA OCCIDENTAL': { code: '04', name: 'Occidental' },
  'COMUNA GARCIA ROVIRA': { code: '05', name: 'García Rovira' },
  'COMUNA LA CONCORDIA': { code: '06', name: 'La Concordia' },
  'COMUNA CIUDADELA RELA DE MINAS': { code: '07', name: 'Ciudadela Real de Minas' },
  'COMUNA SUROCCIDENTE': { code: '08', name: 'Sur Occidente' },
  'COMUNA LA PEDREGOSA': { code: '09', name: 'La Pedregosa' },
  'COMUNA PROVENZA': { code: '10', name: 'Provenza' },
  'COMUNA SUR': { code: '11', name: 'Sur' },
  'COMUNA CABECERA DEL LLANO': { code: '12', name: 'Cabecera del Llano' },
  'COMUNA ORIENTAL': { code: '13', name: 'Oriental' },
  'COMUNA MORRORICO': { code: '14', name: 'Morrorico' },
  'COMUNA CENTRO': { code: '15', name: 'Centro' },
  'COMUNA TEJAR': { code: '16', name: 'Lagos del Cacique' },
  'COMUNA MUTIS': { code: '17', name: 'Mutis' },
};

const CORREGIMIENTOS: Record<string, { code: string; name: string }> = {
  'CORREGIMIENTO 1': { code: 'C1', name: 'Corregimiento 1' },
  'CORREGIMIENTO 2': { code: 'C2', name: 'Corregimiento 2' },
  'CORREGIMIENTO 3': { code: 'C3', name: 'Corregimiento 3' },
};

/**
 * Barrio names corrected by hand (typing slips, names cut off with `*`, a note in brackets), each
 * checked against the OTICFinder table. `null` drops a placeholder that is not a barrio.
 */
const BARRIO_NAME_FIXES: Record<string, string | null> = {
  '20 DDE JULIO': '20 DE JULIO',
  'QUINTQ BRIGADA': 'QUINTA BRIGADA',
  'BALCONES DEL KENEDY': 'BALCONES DEL KENNEDY',
  'VEGAS DE MORRORRICO': 'VEGAS DE MORRORICO',
  'RÌO DE ORO': 'RÍO DE ORO',
  'NUEVO HORIZONTE DE LA MANO DE*': 'NUEVO HORIZONTE DE LA MANO DE DIOS',
  'PORTAL DE LOS ANGELES ASOVIPO*': 'PORTAL DE LOS ANGELES',
  'RINCON DE LA PAZ (17ENE-12FEB)': 'RINCON DE LA PAZ',
  'GRANJAS REGAN': 'GRANJAS REAGAN',
  PORDEFINIR: null,
};

interface SourceFeature {
  type: 'Feature';
  properties: { OBJECTID: number; NOMBRE: string; TIPO: string };
  geometry: AreaGeometry;
}

type Kind = 'comuna' | 'corregimiento' | 'barrio';

interface OutputArea {
  kind: Kind;
  code: string;
  name: string;
  parentCode: string | null;
  geometry: AreaGeometry;
}

/** Prepositions and conjunctions stay in lower case inside a name; articles only right after them. */
const CONNECTORS = new Set(['de', 'del', 'y', 'e', 'en', 'a', 'al']);
const ARTICLES = new Set(['el', 'la', 'los', 'las']);
const ROMAN_NUMERAL = /^(?=[IVX])X{0,3}(IX|IV|V?I{0,3})$/;

/**
 * "CIUDADELA REAL DE MINAS" → "Ciudadela Real de Minas", "QUEBRADA LA IGLESIA" → "Quebrada La Iglesia",
 * "PORTAL DE LOS ANGELES" → "Portal de los Angeles". Keeps the source's accents, numbers and Roman numerals.
 */
function titleCase(upper: string): string {
  const words = upper.trim().replace(/\s+/g, ' ').split(' ');
  const bareOf = (word: string) => word.replace(/^[("¿¡]+|[)",.;:*]+$/g, '').toLocaleLowerCase('es');
  return words
    .map((word, index) => {
      const bare = bareOf(word);
      if (ROMAN_NUMERAL.test(bare.toUpperCase()) || /\d/.test(bare)) return word;
      const lower = word.toLocaleLowerCase('es');
      const afterConnector = index > 0 && CONNECTORS.has(bareOf(words[index - 1]!));
      if (index > 0 && (CONNECTORS.has(bare) || (ARTICLES.has(bare) && afterConnector))) return lower;
      return lower.replace(
        /(^|[-(¿¡"])(\p{L})/gu,
        (_, before: string, letter: string) => before + letter.toLocaleUpperCase('es'),
      );
    })
    .join(' ');
}

/** Upper case without accents or punctuation, to compare names across sources. */
function normalizeName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, ' ')
    .trim();
}

function slugify(name: string): string {
  return normalizeName(name).toLowerCase().replace(/\s+/g, '-');
}

/** A minimal RFC 4180 reader: quoted fields may hold commas, quotes ("") and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      row.push(field);
      field = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += char;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** The OTICFinder file is mostly ASCII with a few Latin-1 letters (Ñ, É); accept UTF-8 too. */
function readText(file: string): string {
  const bytes = fs.readFileSync(file);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('latin1').decode(bytes);
  }
}

/** `01. NORTE` → 01, `07. LA CIUDADELA` → 07, `CORREG 1` / `CORREG. 1` → C1; anything else → null. */
function oticParentCode(tag: string): string | null {
  const comuna = /^(\d{2})\.\s/.exec(tag.trim());
  if (comuna && comuna[1] !== '00') return comuna[1]!;
  const corregimiento = /^CORREG\.?\s*(\d)$/.exec(tag.trim());
  return corregimiento ? `C${corregimiento[1]}` : null;
}

/** WKT `POLYGON ((x y, …), …)` or `MULTIPOLYGON (((x y, …)), …)` in lon/lat order → GeoJSON geometry. */
function parseWkt(wkt: string): AreaGeometry {
  const trimmed = wkt.trim();
  const type = /^(MULTIPOLYGON|POLYGON)\s*\(/i.exec(trimmed)?.[1]?.toUpperCase();
  if (!type) throw new Error(`Geometría WKT no admitida: ${trimmed.slice(0, 40)}…`);
  const json = trimmed
    .slice(trimmed.indexOf('('))
    .replace(/(-?\d+(?:\.\d+)?(?:e[-+]?\d+)?)\s+(-?\d+(?:\.\d+)?(?:e[-+]?\d+)?)/gi, '[$1,$2]')
    .replaceAll('(', '[')
    .replaceAll(')', ']');
  const coordinates = JSON.parse(json);
  return type === 'POLYGON' ? { type: 'Polygon', coordinates } : { type: 'MultiPolygon', coordinates };
}

/**
 * Lays a grid of points over the geometry's bounding box and, for the points inside it, asks `index`
 * which area holds each one (undefined: none). Returns each area's share of the points, largest first:
 * an estimate of the overlap. Deterministic.
 */
function overlapShares<T extends Locatable>(
  geometry: AreaGeometry,
  index: AreaIndex<T>,
): { area: T | undefined; share: number }[] {
  const box = bboxOf(geometry);
  const counts = new Map<T | undefined, number>();
  let samples = 0;
  for (let i = 0; i < SAMPLE_GRID; i++) {
    for (let j = 0; j < SAMPLE_GRID; j++) {
      const lon = box.minLon + ((i + 0.5) / SAMPLE_GRID) * (box.maxLon - box.minLon);
      const lat = box.minLat + ((j + 0.5) / SAMPLE_GRID) * (box.maxLat - box.minLat);
      if (!pointInGeometry(lon, lat, geometry)) continue;
      samples++;
      const area = index.containing(lon, lat)[0];
      counts.set(area, (counts.get(area) ?? 0) + 1);
    }
  }
  return [...counts]
    .map(([area, count]) => ({ area, share: count / samples }))
    .sort((a, b) => b.share - a.share);
}

/** Boundary length each pair of source features shares (their vertices coincide along common borders). */
function sharedBoundaries(features: readonly SourceFeature[]): Map<number, Map<number, number>> {
  const owners = new Map<string, number[]>();
  const lengths = new Map<string, number>();
  features.forEach((feature, index) => {
    for (const polygon of polygonsOf(feature.geometry)) {
      for (const ring of polygon) {
        for (let i = 0; i + 1 < ring.length; i++) {
          const a = `${ring[i]![0]},${ring[i]![1]}`;
          const b = `${ring[i + 1]![0]},${ring[i + 1]![1]}`;
          const key = a < b ? `${a}|${b}` : `${b}|${a}`;
          const list = owners.get(key) ?? [];
          if (!list.includes(index)) list.push(index);
          owners.set(key, list);
          lengths.set(key, Math.hypot(ring[i + 1]![0] - ring[i]![0], ring[i + 1]![1] - ring[i]![1]));
        }
      }
    }
  });
  const shared = new Map<number, Map<number, number>>();
  for (const [key, list] of owners) {
    for (const a of list) {
      for (const b of list) {
        if (a === b) continue;
        const row = shared.get(a) ?? new Map<number, number>();
        row.set(b, (row.get(b) ?? 0) + lengths.get(key)!);
        shared.set(a, row);
      }
    }
  }
  return shared;
}

function percent(share: number): string {
  return `${Math.round(share * 100)} %`;
}

interface OticPolygon {
  name: string;
  category: string;
  tag: string;
  parentCode: string | null;
  geometry: AreaGeometry;
}

function readOticFinder(file: string): OticPolygon[] {
  const rows = parseCsv(readText(file));
  const header = rows[0] ?? [];
  const column = (name: string) => {
    const index = header.indexOf(name);
    if (index < 0) throw new Error(`Falta la columna ${name} en ${file}`);
    return index;
  };
  const [name, geometry, category, tag] = ['NOMBRE', 'geometry', 'CATEGORIA', 'COMUNA_CORREG'].map(column);
  return rows
    .slice(1)
    .filter((row) => row.length >= header.length)
    .map((row) => ({
      name: row[name!]!.trim(),
      category: row[category!]!.trim(),
      tag: row[tag!]!.trim(),
      parentCode: oticParentCode(row[tag!]!),
      geometry: parseWkt(row[geometry!]!),
    }));
}

/** Planeación's table (barrio → comuna) for Bucaramanga: normalized barrio name → parent codes. */
function readPlaneacion(file: string): Map<string, string[]> {
  const rows = parseCsv(readText(file));
  const header = rows[0] ?? [];
  const [sheet, barrio, comuna] = ['MUNICIPIO_HOJA', 'BARRIO', 'COMUNA'].map((name) => header.indexOf(name));
  const table = new Map<string, string[]>();
  for (const row of rows.slice(1)) {
    if (row[sheet!] !== 'BUCARAMANGA' || !row[barrio!]) continue;
    const code = oticParentCode(row[comuna!] ?? '');
    if (!code) continue;
    const key = normalizeName(row[barrio!]!);
    table.set(key, [...new Set([...(table.get(key) ?? []), code])]);
  }
  return table;
}

function main(): void {
  const shared = path.resolve(process.argv[2] ?? path.join(REPO_ROOT, '..', 'shared'));
  const dataDir = path.join(shared, 'data', 'territory');
  const geojsonFile = path.join(dataDir, 'bga_barrios_comunas_corregimientos.geojson');
  const csvFile = path.join(dataDir, 'bga_barrios_veredas_oticfinder.csv');
  const source = JSON.parse(fs.readFileSync(geojsonFile, 'utf8')) as { features: SourceFeature[] };
  const otic = readOticFinder(csvFile);
  const planeacionFile = path.join(dataDir, 'amb_division_politica_barrios_oticfinder.csv');
  const planeacion = readPlaneacion(planeacionFile);
  console.log(`Fuente: ${path.relative(shared, geojsonFile)} (${source.features.length} elementos)`);
  console.log(`Cotejo: ${path.relative(shared, csvFile)} (${otic.length} polígonos)`);
  console.log(`Cotejo: ${path.relative(shared, planeacionFile)} (${planeacion.size} nombres de Bucaramanga)`);

  // 1. Comunas and corregimientos. In this source their polygons are only the parts of each one that no
  //    barrio covers (parks, ravines, slopes): barrios, these remainders and the corregimientos tile the
  //    municipality. The full comuna is rebuilt below by merging the remainder with its barrios.
  interface Parent {
    kind: 'comuna' | 'corregimiento';
    code: string;
    name: string;
    sourceIndex: number;
  }
  const parents: Parent[] = [];
  const barrioIndexes: number[] = [];
  source.features.forEach((feature, sourceIndex) => {
    const { NOMBRE: name, TIPO: type } = feature.properties;
    if (type === 'BARRIO') {
      barrioIndexes.push(sourceIndex);
      return;
    }
    const known =
      type === 'COMUNA'
        ? COMUNAS[name.trim()]
        : type === 'CORREGIMIENTO'
          ? CORREGIMIENTOS[name.trim()]
          : null;
    if (!known)
      throw new Error(`${type} desconocida en la fuente: «${name}». Añádala a la tabla del script.`);
    if (parents.some((parent) => parent.code === known.code))
      throw new Error(`Código repetido: ${known.code}`);
    parents.push({ kind: type === 'COMUNA' ? 'comuna' : 'corregimiento', ...known, sourceIndex });
  });
  const comunaCount = parents.filter((parent) => parent.kind === 'comuna').length;
  if (comunaCount !== 17) throw new Error(`Se esperaban 17 comunas y hay ${comunaCount}.`);
  const parentOfSource = new Map(parents.map((parent) => [parent.sourceIndex, parent.code]));

  // 2. Names: the source's, with the explicit fixes above.
  const names = new Map<number, string>();
  const renamed: string[] = [];
  const dropped: string[] = [];
  for (const sourceIndex of barrioIndexes) {
    const feature = source.features[sourceIndex]!;
    const sourceName = feature.properties.NOMBRE.trim();
    const fixed = sourceName in BARRIO_NAME_FIXES ? BARRIO_NAME_FIXES[sourceName] : sourceName;
    if (fixed === null || fixed === undefined) {
      dropped.push(`${sourceName} (OBJECTID ${feature.properties.OBJECTID}): no es un nombre de barrio`);
      continue;
    }
    if (fixed !== sourceName) renamed.push(`${sourceName} → ${fixed}`);
    names.set(sourceIndex, fixed);
  }

  // 3. Each barrio's comuna. Three witnesses:
  //    a. the OTICFinder polygons that cover most of the barrio (same municipal cartography: normally
  //       one polygon covers 100 %), with their comuna tag;
  //    b. Planeación's barrio → comuna table, by name;
  //    c. the map itself: which comuna remainders and barrios the barrio shares its boundary with.
  //    Rule: OTICFinder's tag, unless the barrio does not touch that comuna while Planeación names one
  //    it does touch; without a tag, Planeación's; without either, the neighbour with the longest border.
  const oticIndex = createAreaIndex(otic);
  const borders = sharedBoundaries(source.features);
  const oticTag = new Map<number, string>();
  const weakOverlap: string[] = [];
  const otherName: string[] = [];
  for (const [index, name] of names) {
    const shares = overlapShares(source.features[index]!.geometry, oticIndex);
    const byTag = new Map<string, number>();
    for (const { area, share } of shares) {
      if (area?.parentCode) byTag.set(area.parentCode, (byTag.get(area.parentCode) ?? 0) + share);
    }
    const best = [...byTag].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0];
    if (best && best[1] >= 0.5) oticTag.set(index, best[0]);
    const described = shares.map(
      ({ area, share }) => `${area ? `${area.name} (${area.tag})` : 'nada'} ${percent(share)}`,
    );
    if (!best || best[1] < 0.9) weakOverlap.push(`${name}: ${described.join(', ')}`);
    const top = shares[0]?.area;
    if (top && normalizeName(top.name) !== normalizeName(name)) otherName.push(`${name} = ${described[0]}`);
  }
  const neighbourParents = (index: number, parentOf: (other: number) => string | undefined) => {
    const lengths = new Map<string, number>();
    for (const [other, length] of borders.get(index) ?? []) {
      const code = parentOf(other);
      if (code) lengths.set(code, (lengths.get(code) ?? 0) + length);
    }
    return [...lengths].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([code]) => code);
  };
  const tagOf = (other: number) => parentOfSource.get(other) ?? oticTag.get(other);
  const assigned = new Map<number, { code: string; how: string }>();
  const decisions: string[] = [];
  for (const [index, name] of names) {
    const tagged = oticTag.get(index);
    const listed = planeacion.get(normalizeName(name)) ?? [];
    const touching = neighbourParents(index, tagOf);
    const listedTouching = listed.find((code) => touching.includes(code));
    if (tagged && (touching.includes(tagged) || listed.length === 0 || listed.includes(tagged))) {
      assigned.set(index, { code: tagged, how: 'OTICFinder' });
    } else if (listedTouching) {
      assigned.set(index, { code: listedTouching, how: 'Planeación' });
      decisions.push(
        `${name} → ${listedTouching}: ${tagged ? `OTICFinder dice ${tagged}` : 'sin comuna en OTICFinder'}; ` +
          `Planeación dice ${listed.join('/')} y limita con ${touching.join(', ')}`,
      );
    } else if (tagged) {
      assigned.set(index, { code: tagged, how: 'OTICFinder' });
    } else if (listed[0]) {
      assigned.set(index, { code: listed[0], how: 'Planeación' });
      decisions.push(`${name} → ${listed[0]}: sin comuna en OTICFinder; Planeación dice ${listed.join('/')}`);
    }
  }
  // Still without a parent: the one it shares most boundary with (repeated, so chains resolve).
  for (let pass = 0; pass < 5; pass++) {
    for (const [index, name] of names) {
      if (assigned.has(index)) continue;
      const nearest = neighbourParents(
        index,
        (other) => parentOfSource.get(other) ?? assigned.get(other)?.code,
      )[0];
      if (!nearest) continue;
      assigned.set(index, { code: nearest, how: 'vecindad' });
      decisions.push(
        `${name} → ${nearest}: sin comuna en OTICFinder ni en Planeación; por la frontera más larga`,
      );
    }
  }
  const detached: string[] = [];
  for (const [index, name] of names) {
    const parent = assigned.get(index);
    if (!parent) throw new Error(`El barrio ${name} no tiene comuna ni corregimiento.`);
    const touching = neighbourParents(
      index,
      (other) => parentOfSource.get(other) ?? assigned.get(other)?.code,
    );
    if (!touching.includes(parent.code)) {
      detached.push(
        `${name} (${parent.code}, según ${parent.how}) limita solo con ${touching.join(', ') || 'nada'}`,
      );
    }
  }

  // 4. Cross-checks by name with both tables.
  const oticByName = new Map<string, OticPolygon[]>();
  for (const polygon of otic) {
    const key = normalizeName(polygon.name);
    oticByName.set(key, [...(oticByName.get(key) ?? []), polygon]);
  }
  const mismatches: string[] = [];
  const unmatchedOtic: string[] = [];
  const unmatchedPlaneacion: string[] = [];
  let matchedOtic = 0;
  let matchedPlaneacion = 0;
  for (const [index, name] of names) {
    const code = assigned.get(index)!.code;
    const entries = oticByName.get(normalizeName(name));
    if (!entries) unmatchedOtic.push(name);
    else {
      matchedOtic++;
      if (!entries.some((entry) => entry.parentCode === code)) {
        const tags = entries.map((entry) => `${entry.tag} [${entry.category}]`).join(' / ');
        mismatches.push(`${name}: asignado ${code}; OTICFinder (COMUNA_CORREG) ${tags}`);
      }
    }
    const listed = planeacion.get(normalizeName(name));
    if (!listed) unmatchedPlaneacion.push(name);
    else {
      matchedPlaneacion++;
      if (!listed.includes(code))
        mismatches.push(`${name}: asignado ${code}; Planeación ${listed.join('/')}`);
    }
  }

  // 5. Output areas: barrios simplified; comunas and corregimientos merged from their pieces, then simplified.
  let positionsBefore = 0;
  let positionsAfter = 0;
  const simplify = (geometry: AreaGeometry, label: string): AreaGeometry => {
    positionsBefore += countPositions(geometry);
    const simplified = simplifyGeometry(geometry, TOLERANCE_DEGREES, DECIMALS);
    if (!simplified) throw new Error(`El polígono de ${label} desaparece al simplificarlo.`);
    positionsAfter += countPositions(simplified);
    return simplified;
  };
  const areas: OutputArea[] = [];
  const merges: string[] = [];
  for (const parent of [...parents].sort(
    (a, b) => a.kind.localeCompare(b.kind) || a.code.localeCompare(b.code),
  )) {
    const pieces = [source.features[parent.sourceIndex]!.geometry];
    for (const [index, { code }] of assigned)
      if (code === parent.code) pieces.push(source.features[index]!.geometry);
    const merged = dissolve(pieces, { minArea: SLIVER_AREA });
    if (!merged.geometry) throw new Error(`No se pudo unir ${parent.name}.`);
    const parts = polygonsOf(merged.geometry);
    const holes = parts.reduce((sum, polygon) => sum + polygon.length - 1, 0);
    const geometry = simplify(merged.geometry, parent.name);
    // Self-check: on a grid, the merged polygon must hold the same points as its pieces do.
    const piecesIndex = createAreaIndex(pieces.map((piece) => ({ geometry: piece })));
    const box = bboxOf(merged.geometry);
    let samples = 0;
    let differMerged = 0;
    let differSimplified = 0;
    for (let i = 0; i < CHECK_GRID; i++) {
      for (let j = 0; j < CHECK_GRID; j++) {
        const lon = box.minLon + ((i + 0.5) / CHECK_GRID) * (box.maxLon - box.minLon);
        const lat = box.minLat + ((j + 0.5) / CHECK_GRID) * (box.maxLat - box.minLat);
        const expected = piecesIndex.containing(lon, lat).length > 0;
        if (expected) samples++;
        if (pointInGeometry(lon, lat, merged.geometry) !== expected) differMerged++;
        if (pointInGeometry(lon, lat, geometry) !== expected) differSimplified++;
      }
    }
    merges.push(
      `${parent.code} ${parent.name}: ${pieces.length} piezas → ${parts.length} polígono(s), ${holes} hueco(s)` +
        (merged.danglingEdges ? `, ${merged.danglingEdges} aristas sueltas` : '') +
        (merged.droppedSlivers ? `, ${merged.droppedSlivers} astillas descartadas` : '') +
        `; verificación en ${samples} puntos interiores: ${differMerged} difieren tras unir, ` +
        `${differSimplified} tras simplificar`,
    );
    areas.push({ ...parent, parentCode: null, geometry });
  }
  const barrios: OutputArea[] = [];
  for (const [index, name] of names) {
    const parentCode = assigned.get(index)!.code;
    barrios.push({
      kind: 'barrio',
      code: `${parentCode}-${slugify(name)}`.slice(0, 40).replace(/-+$/, ''),
      name: titleCase(name),
      parentCode,
      geometry: simplify(source.features[index]!.geometry, name),
    });
  }
  const codes = new Set<string>();
  for (const barrio of barrios) {
    if (codes.has(barrio.code)) throw new Error(`Código de barrio repetido: ${barrio.code}`);
    codes.add(barrio.code);
  }
  barrios.sort((a, b) => a.code.localeCompare(b.code));
  areas.sort((a, b) => (a.kind === b.kind ? 0 : a.kind === 'comuna' ? -1 : 1));

  const features = [...areas, ...barrios].map(({ kind, code, name, parentCode, geometry }) => ({
    type: 'Feature',
    properties: { kind, code, name, parentCode },
    geometry,
  }));
  // One feature per line: compact, and a change to one area is a one-line diff.
  const output = `{"type":"FeatureCollection","features":[\n${features.map((f) => JSON.stringify(f)).join(',\n')}\n]}\n`;
  fs.mkdirSync(OUTPUT_DIR, { recursive: true });
  fs.writeFileSync(OUTPUT_FILE, output);

  const report = (title: string, lines: string[]) => {
    console.log(`\n${title}: ${lines.length}`);
    for (const line of lines) console.log(`  - ${line}`);
  };
  const perParent = new Map<string, number>();
  for (const barrio of barrios)
    perParent.set(barrio.parentCode!, (perParent.get(barrio.parentCode!) ?? 0) + 1);
  console.log(`\nEscrito: ${path.relative(REPO_ROOT, OUTPUT_FILE)} (${Buffer.byteLength(output)} bytes)`);
  console.log(
    `Áreas: ${comunaCount} comunas, ${parents.length - comunaCount} corregimientos, ${barrios.length} barrios`,
  );
  console.log(
    `Barrios por comuna/corregimiento: ${[...perParent]
      .sort()
      .map(([c, n]) => `${c}:${n}`)
      .join(' ')}`,
  );
  console.log(
    `Vértices: ${positionsBefore} → ${positionsAfter} (tolerancia ${TOLERANCE_DEGREES}°, ${DECIMALS} decimales)`,
  );
  report('Comunas y corregimientos reconstruidos', merges);
  report('Nombres corregidos', renamed);
  report('Descartados', dropped);
  report('Barrios que ninguna comuna de OTICFinder cubre en un 90 % o más', weakOverlap);
  report('Polígono de OTICFinder equivalente con otro nombre', otherName);
  report('Comuna decidida por Planeación o por vecindad', decisions);
  report('Barrios separados del resto de su comuna', detached);
  console.log(
    `\nCotejo por nombre: OTICFinder ${matchedOtic} coinciden (${unmatchedOtic.length} sin par), ` +
      `Planeación ${matchedPlaneacion} coinciden (${unmatchedPlaneacion.length} sin par).`,
  );
  report('Discrepancias de comuna con las tablas (por nombre)', mismatches);
  report('Sin par por nombre en OTICFinder', unmatchedOtic);
  report('Sin par por nombre en Planeación', unmatchedPlaneacion);
}

main();

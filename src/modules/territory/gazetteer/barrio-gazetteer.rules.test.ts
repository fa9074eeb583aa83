import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildBarrioAliases, serializeBarrioAliases } from '../../../../scripts/prepare-barrio-aliases.ts';
import { BARRIO_ALIASES_ASSET, loadBarrioAliases } from './barrio-aliases.asset.ts';
import { type AliasArea, type BarrioAliasFile, matchAliasesToAreas } from './barrio-aliases.rules.ts';
import { createGazetteer, type Gazetteer, normalizePlaceName } from './barrio-gazetteer.rules.ts';

const SHARED_CSV = path.resolve(
  import.meta.dirname,
  '../../../../../shared/data/territory/amb_division_politica_barrios_oticfinder.csv',
);
const AREAS_FILE = path.resolve(import.meta.dirname, '../../../../assets/territory/68001-areas.geojson');

function bucaramangaBarrios(): AliasArea[] {
  const { features } = JSON.parse(fs.readFileSync(AREAS_FILE, 'utf8')) as {
    features: { properties: { kind: string; code: string; name: string } }[];
  };
  return features
    .filter(({ properties }) => properties.kind === 'barrio')
    .map(({ properties }) => ({ code: properties.code, name: properties.name, municipio: '68001' }));
}

// ───────── normalizePlaceName ─────────

describe('normalizePlaceName', () => {
  it.each([
    ['San Alonso', 'SAN ALONSO'],
    ['  san   alonso ', 'SAN ALONSO'],
    ['El Pablón', 'EL PABLON'],
    ['La Malaña', 'LA MALANA'],
    ['Gómez Niño', 'GOMEZ NINO'],
    ['Barrio San Alonso', 'SAN ALONSO'],
    ['BRR. La Victoria', 'LA VICTORIA'],
    ['Br La Victoria', 'LA VICTORIA'],
    ['B. San Alonso', 'SAN ALONSO'],
    ['B/ San Alonso', 'SAN ALONSO'],
    ['Urbanización La Flora', 'LA FLORA'],
    ['Urb. La Flora', 'LA FLORA'],
    ['Conjunto Residencial Los Pinos', 'LOS PINOS'],
    ['Conj. Los Pinos', 'LOS PINOS'],
    ['CR Andalucia', 'ANDALUCIA'],
    ['Sector El Carmen', 'EL CARMEN'],
    ['Asentamiento Luz de Esperanza', 'LUZ DE ESPERANZA'],
    ['Barrio Urb. La Flora', 'LA FLORA'],
    ['Etapa II', 'ETAPA 2'],
    ['Ciudadela Real de Minas Etapa IV', 'CIUDADELA REAL DE MINAS ETAPA 4'],
    ['Sector IX', '9'],
    ['Omaga II', 'OMAGA 2'],
    ['Villa Maria III', 'VILLA MARIA 3'],
    ['Juan XXIII', 'JUAN 23'],
    ['Villa Alegría I', 'VILLA ALEGRIA 1'],
    ['Nogal I y II', 'NOGAL 1 Y 2'],
    ['Divino Niño (Ciudad Perdida)', 'DIVINO NINO CIUDAD PERDIDA'],
    ['Transición I-V', 'TRANSICION 1 5'],
    ['Barrio Nuevo', 'NUEVO'],
    ['II', 'II'],
    ['El Rincon Parte Alta\u200b', 'EL RINCON PARTE ALTA'],
    ['LA\u00a0TRANSVERSAL', 'LA TRANSVERSAL'],
    ['Barrio', 'BARRIO'],
    ['I', 'I'],
    ['', ''],
    ['¿?¡!', ''],
  ])('%j → %j', (text, normalised) => {
    expect(normalizePlaceName(text)).toBe(normalised);
  });

  it('gives "" for what is not a string', () => {
    expect(normalizePlaceName(undefined as unknown as string)).toBe('');
  });

  it('is idempotent', () => {
    const word = fc.constantFrom(
      'Barrio',
      'B.',
      'Brr',
      'URB',
      'Conjunto',
      'Sector',
      'Etapa',
      'Asentamiento',
      'II',
      'IV',
      'XII',
      'I',
      'San',
      'Alonso',
      'Niño',
      'Ñ',
      '10',
      '(',
      ')',
      '-',
      ' ',
    );
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 40 }),
          fc.array(word, { maxLength: 8 }).map((w) => w.join(' ')),
        ),
        (text) => {
          const once = normalizePlaceName(text);
          expect(normalizePlaceName(once)).toBe(once);
        },
      ),
      { numRuns: 3000 },
    );
  });
});

// ───────── The asset and its script ─────────

describe('barrio-aliases.json', () => {
  it('is what the script builds from the shared CSV', async () => {
    const built = buildBarrioAliases(fs.readFileSync(SHARED_CSV, 'utf8'));
    expect(serializeBarrioAliases(built.file)).toBe(fs.readFileSync(BARRIO_ALIASES_ASSET, 'utf8'));
    expect(await loadBarrioAliases()).toEqual(built.file);
  });

  it('holds the four municipalities by DIVIPOLA code, with the rows of each sheet', async () => {
    const file = await loadBarrioAliases();
    const counts = Object.fromEntries(
      Object.entries(file.municipios).map(([code, rows]) => [code, rows.length]),
    );
    // Bucaramanga's sheet has 298 rows; "Barrio Nuevo" is written twice and merged.
    expect(counts).toEqual({ '68001': 297, '68276': 80, '68307': 29, '68547': 0 });
    expect(file.source).toContain('OTICFinder');
    const cafeMadrid = file.municipios['68001']!.find((row) => row.barrio === 'Cafe Madrid')!;
    expect(cafeMadrid.comuna).toBe('01. NORTE');
    expect(cafeMadrid.aliases).toContain('El tunel');
    // "la quinta" is listed twice in the source: once here.
    expect(cafeMadrid.aliases.filter((alias) => alias === 'la quinta')).toHaveLength(1);
    // Floridablanca's names are lower case in the source; its "limoncito floridablanca" is named "limoncito" in NOMBRE_FINAL.
    const limoncito = file.municipios['68276']!.find((row) => row.barrio === 'Limoncito')!;
    expect(limoncito.aliases).toEqual([
      'limoncito floridablanca',
      'Bosques de la Florida',
      'Jardin de Limoncito',
    ]);
    // Girón's sheet has no comunas.
    expect(file.municipios['68307']!.every((row) => row.comuna === null)).toBe(true);
    // No alias repeats its own barrio ("Villa Helena I" lists itself as a sector).
    for (const rows of Object.values(file.municipios)) {
      for (const row of rows) {
        expect(row.aliases.map(normalizePlaceName)).not.toContain(normalizePlaceName(row.barrio));
      }
    }
  });

  it('rejects a malformed file with a message naming the field', async () => {
    const file = path.join(fs.mkdtempSync(path.join(process.env.TMPDIR ?? '/tmp', 'aliases-')), 'bad.json');
    fs.writeFileSync(
      file,
      JSON.stringify({ source: 'x', municipios: { '68001': [{ barrio: '', aliases: [] }] } }),
    );
    await expect(loadBarrioAliases(file)).rejects.toThrow(/municipios\.68001\.0\.barrio/);
    await expect(loadBarrioAliases(`${file}.missing`)).rejects.toThrow(/No se pudo leer/);
  });
});

// ───────── Aliases → polygons of Bucaramanga ─────────

describe('matchAliasesToAreas against the Bucaramanga barrio polygons', () => {
  let aliasFile: BarrioAliasFile;
  let areas: AliasArea[];
  beforeAll(async () => {
    aliasFile = await loadBarrioAliases();
    areas = bucaramangaBarrios();
  });

  it('links nearly every urban barrio of the table to a polygon, and nearly every polygon to the table', () => {
    const { entries, linked, unmatched } = matchAliasesToAreas(
      { ...aliasFile, municipios: { '68001': aliasFile.municipios['68001']! } },
      areas,
    );
    const rows = aliasFile.municipios['68001']!;
    expect(linked.length + unmatched.length).toBe(rows.length);
    expect(entries).toHaveLength(areas.length);
    // Veredas of the corregimientos have no polygon in this layer: they are the bulk of what is left.
    const rural = new Set(rows.filter((row) => row.comuna?.startsWith('CORREG')).map((row) => row.barrio));
    const urbanRows = rows.length - rural.size;
    const urbanLinked = linked.filter(({ barrio }) => !rural.has(barrio)).length;
    const polygonsLinked = new Set(linked.map(({ code }) => code)).size;
    expect(linked.length).toBe(261);
    expect(urbanLinked / urbanRows).toBeGreaterThan(0.95);
    expect(polygonsLinked / areas.length).toBeGreaterThan(0.98);
    expect(unmatched.map(({ barrio }) => barrio)).toEqual(
      expect.arrayContaining(['Angelinos', 'Pablon', '12 de Octubre', 'Punta Betin']),
    );
  });

  it('says how each looser link was made', () => {
    const { linked } = matchAliasesToAreas(aliasFile, areas);
    const tierOf = (barrio: string) => linked.find((link) => link.barrio === barrio);
    expect(tierOf('San Alonso')).toMatchObject({ code: '13-san-alonso', tier: 'nombre' });
    expect(tierOf('Quintadania')).toMatchObject({ code: '13-quinta-dania', tier: 'sin_espacios' });
    expect(tierOf('Paisajes del Norte')).toMatchObject({ tier: 'sin_articulos' });
    expect(tierOf('Primero de Mayo')).toMatchObject({ code: '05-1-de-mayo', tier: 'sin_articulos' });
    expect(tierOf('Transicion I-V')).toMatchObject({ tier: 'alias' });
    expect(tierOf('Regaderos Norte')).toMatchObject({ tier: 'aproximado' });
    expect(tierOf('Alvarez')).toMatchObject({ tier: 'prefijo' });
    // The vereda "Pablon" does not join the barrio "El Pablón", which the barrio "El Pablon" already took.
    expect(tierOf('El Pablon')).toMatchObject({ code: '01-el-pablon', tier: 'nombre' });
    expect(tierOf('Pablon')).toBeUndefined();
  });

  it('carries the aliases onto the polygon entries, bracketed names included', () => {
    const { entries } = matchAliasesToAreas(aliasFile, areas);
    const entry = (code: string) => entries.find((item) => item.code === code)!;
    expect(entry('01-cafe-madrid').aliases).toEqual(expect.arrayContaining(['El tunel', 'campo madrid']));
    expect(entry('04-divino-nino-ciudad-perdida').aliases).toEqual(
      expect.arrayContaining(['Divino Niño', 'Ciudad Perdida']),
    );
    expect(entry('13-quinta-dania').aliases).toContain('Quintadania');
    expect(entry('13-quinta-dania').name).toBe('Quinta Dania');
  });

  it('leaves a barrio unlinked when two areas share its name, and keeps other municipalities apart', () => {
    const file: BarrioAliasFile = {
      source: 'prueba',
      municipios: { '68001': [{ barrio: 'El Prado', comuna: null, aliases: ['Prado'] }], '68276': [] },
    };
    const twins = [
      { code: 'a', name: 'El Prado', municipio: '68001' },
      { code: 'b', name: 'EL PRADO', municipio: '68001' },
      { code: 'c', name: 'El Prado', municipio: '68276' },
    ];
    const result = matchAliasesToAreas(file, twins);
    expect(result.linked).toEqual([]);
    expect(result.unmatched).toEqual([{ municipio: '68001', barrio: 'El Prado' }]);
    expect(result.entries.map((entry) => entry.aliases)).toEqual([[], [], []]);
  });
});

// ───────── The gazetteer on real names ─────────

describe('createGazetteer on the Bucaramanga barrios and their aliases', () => {
  let gazetteer: Gazetteer;
  beforeAll(async () => {
    const aliasFile = await loadBarrioAliases();
    const bucaramanga = matchAliasesToAreas(aliasFile, bucaramangaBarrios()).entries;
    // Floridablanca has no polygons in the assets: give its table's barrios codes of their own here.
    const floridablanca = aliasFile.municipios['68276']!.map((row, index) => ({
      municipio: '68276',
      code: `F${index}`,
      name: row.barrio,
      aliases: row.aliases,
    }));
    gazetteer = createGazetteer([...bucaramanga, ...floridablanca]);
  });

  it('knows every entry', () => {
    expect(gazetteer.size).toBe(263 + 80);
  });

  it.each([
    // names, with accents, case and abbreviations
    ['San Alonso', '13-san-alonso', 'nombre'],
    ['SAN ALONSO', '13-san-alonso', 'nombre'],
    ['san alonso', '13-san-alonso', 'nombre'],
    ['Barrio San Alonso', '13-san-alonso', 'nombre'],
    ['B. San Alonso', '13-san-alonso', 'nombre'],
    ['Brr. La Victoria', '06-la-victoria', 'nombre'],
    ['El Pablon', '01-el-pablon', 'nombre'],
    ['el pablón', '01-el-pablon', 'nombre'],
    ['Gomez Nino', '06-gomez-nino', 'nombre'],
    ['Omaga 2', '01-omaga-ii', 'nombre'],
    ['Omaga II', '01-omaga-ii', 'nombre'],
    ['Quinta Dania', '13-quinta-dania', 'nombre'],
    // aliases (sectors, conjuntos, edificios, the table's own spelling)
    ['Quintadania', '13-quinta-dania', 'alias'],
    ['El Tunel', '01-cafe-madrid', 'alias'],
    ['Ciudad Bolivar', '07-real-de-minas', 'alias'],
    ['Ciudad Perdida', '04-divino-nino-ciudad-perdida', 'alias'],
    ['Villa Maria II', '01-villa-maria-ii-alta', 'alias'],
    ['Edificio Chile', '15-centro', 'alias'],
    ['VICTORIA', '06-la-victoria', 'alias'],
    ['Tesoro del Cacique', '16-lagos-del-cacique', 'alias'],
    // near spellings
    ['Sotomayr', '12-sotomayor', 'aproximado'],
    ['Kenedy', '01-kennedy', 'aproximado'],
    ['San Alonzo', '13-san-alonso', 'aproximado'],
    ['Cabezera del Llano', '12-cabecera-del-llano', 'aproximado'],
    ['Real de Minaz', '07-real-de-minas', 'aproximado'],
  ])('%s → %s (%s)', (name, code, matchedBy) => {
    expect(gazetteer.find(name, '68001')).toMatchObject({ municipio: '68001', code, matchedBy });
  });

  it('names the alias that matched', () => {
    expect(gazetteer.find('el tunel', '68001')).toEqual({
      municipio: '68001',
      code: '01-cafe-madrid',
      name: 'Cafe Madrid',
      matchedBy: 'alias',
      alias: 'El tunel',
    });
  });

  it.each([
    ['San Gabriel', 'an alias of two barrios (Comuneros and Campo Hermoso)'],
    ['Miradores de San Lorenzo', 'an alias of Villa Diamante and of Provenza'],
    ['Omaga', 'a name between Omaga I and Omaga II'],
    ['Omaga 3', 'a number no barrio has'],
    ['Galn', 'under 5 letters: no near spelling'],
    ['Kenedyyy', 'too far for its length'],
    ['Narnia', 'unknown'],
    ['', 'empty'],
    ['🏠', 'no letters'],
  ])('%s → null (%s)', (name) => {
    expect(gazetteer.find(name, '68001')).toBeNull();
  });

  it('keeps municipalities apart, and says nothing when a name is in two of them', () => {
    expect(gazetteer.find('Buenos Aires', '68001')).toMatchObject({ code: '14-buenos-aires' });
    expect(gazetteer.find('Buenos Aires', '68276')).toMatchObject({
      municipio: '68276',
      name: 'Buenos Aires',
    });
    expect(gazetteer.find('Buenos Aires')).toBeNull();
    expect(gazetteer.find('San Alonso')).toMatchObject({ code: '13-san-alonso' });
    expect(gazetteer.find('San Alonso', '68276')).toBeNull();
    expect(gazetteer.find('Cañaveral', '68276')).toMatchObject({ municipio: '68276', matchedBy: 'nombre' });
    expect(gazetteer.find('Club House Gold')).toMatchObject({ municipio: '68276', matchedBy: 'alias' });
  });

  it.each([
    ['Calle 56 & Diag. 14A, barrio La Victoria', '06-la-victoria'],
    ['Cra 27 # 36-14 San Alonso', '13-san-alonso'],
    ['Cra 27 # 36-14 Barrio San Alonzo, Bucaramanga', '13-san-alonso'],
    ['Calle 5 # 3-2 B/ Kenedy', '01-kennedy'],
    ['Calle 5 # 3-2 Bº Kennedy apto 301', '01-kennedy'],
    ['K 15B 6 15 BR CHAPINERO', '03-chapinero'],
    ['C 36 17 37 OF 201 ED CHILE BR CENT', '15-centro'],
    ['Calle 10 # 20-30 Real de Minas Torre 2', '07-real-de-minas'],
    ['Calle 5 # 3-2 Nuevo Sotomayor', '12-nuevo-sotomayor'],
    ['Calle 5 # 3-2 Sotomayor', '12-sotomayor'],
    ['Vivo en el barrio el pablón cerca al parque', '01-el-pablon'],
    ['Hueco en la vía frente al colegio de San Francisco', '03-san-francisco'],
    ['Calle 45 # 23-12 (Conjunto Tesoro del Cacique)', '16-lagos-del-cacique'],
    ['Barrio Bucaramanga, Calle 12 # 7-30', '08-bucaramanga'],
    ['Calle 5 # 3-2 Omaga II', '01-omaga-ii'],
    ['Calle 5 # 3-2 Omaga I', '01-omaga-i'],
    ['Cra 5 # 3-2 Barrio Nuevo', '01-barrio-nuevo'],
    ['Cra 5 # 3-2, Barrio Nuevo, Norte', '01-barrio-nuevo'],
  ])('finds the barrio in %j', (text, code) => {
    expect(gazetteer.findInText(text, '68001')).toMatchObject({ code });
  });

  it.each([
    'Calle 45 # 23-12, Bucaramanga, Santander',
    'Calle 45 # 23-12 Apto 502',
    'Cra 33 # 48-21 Cabecera',
    'Cra 33 # 48-21 Edificio Nuevo Milenio',
    'Cra 33 # 48-21 Nuevo',
    '',
    '   ',
    "'; DROP TABLE barrios; --",
    'x'.repeat(10_000),
  ])('finds no barrio in %j', (text) => {
    expect(gazetteer.findInText(text, '68001')).toBeNull();
  });

  it('prefers the words after "barrio" to a name elsewhere in the text', () => {
    expect(gazetteer.findInText('Edificio San Francisco, barrio La Victoria', '68001')).toMatchObject({
      code: '06-la-victoria',
    });
  });
});

// ───────── The gazetteer on small made-up entries ─────────

describe('createGazetteer rules', () => {
  const gazetteer = createGazetteer([
    { municipio: 'm', code: '1', name: 'Villa Rosa', aliases: ['Rosaleda'] },
    { municipio: 'm', code: '2', name: 'Villa Rosi', aliases: [] },
    { municipio: 'm', code: '3', name: 'Los Pinos', aliases: ['Prado'] },
    { municipio: 'm', code: '4', name: 'El Prado', aliases: ['Prado'] },
    { municipio: 'm', code: '5', name: 'Prado', aliases: [] },
    { municipio: 'm', code: '6', name: 'Centro', aliases: [] },
  ]);

  it("prefers a barrio's name to another barrio's alias, and gives up between two aliases", () => {
    expect(gazetteer.find('Prado')).toMatchObject({ code: '5', matchedBy: 'nombre' });
    const twoAliases = createGazetteer([
      { municipio: 'm', code: '3', name: 'Los Pinos', aliases: ['Prado'] },
      { municipio: 'm', code: '4', name: 'El Prado', aliases: ['Prado'] },
    ]);
    expect(twoAliases.find('Prado')).toBeNull();
  });

  it('gives up when two barrios are equally near', () => {
    expect(gazetteer.find('Villa Ros')).toBeNull();
    expect(gazetteer.find('Villa Rossa')).toMatchObject({ code: '1', matchedBy: 'aproximado' });
    expect(gazetteer.find('Rozaleda')).toMatchObject({
      code: '1',
      matchedBy: 'aproximado',
      alias: 'Rosaleda',
    });
  });

  it('allows one letter off from 5 to 8 letters, two above, none below', () => {
    const sizes = createGazetteer([
      { municipio: 'm', code: 'a', name: 'Abcd', aliases: [] },
      { municipio: 'm', code: 'b', name: 'Abcdefgh', aliases: [] },
      { municipio: 'm', code: 'c', name: 'Abcdefghijk', aliases: [] },
    ]);
    expect(sizes.find('Abcx')).toBeNull();
    expect(sizes.find('Abcdefgx')).toMatchObject({ code: 'b' });
    expect(sizes.find('Abcdefxx')).toBeNull();
    expect(sizes.find('Abcdefghixx')).toMatchObject({ code: 'c' });
    expect(sizes.find('Abcdefghxxx')).toBeNull();
  });

  it('answers the same twice (the memo does not change answers)', () => {
    for (let round = 0; round < 2; round += 1) {
      expect(gazetteer.find('Villa Rossa')?.code).toBe('1');
      expect(gazetteer.find('Villa Ros')).toBeNull();
      expect(gazetteer.find('Villa Rossa', 'otro')).toBeNull();
    }
  });

  it('never throws on any text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        gazetteer.find(text);
        gazetteer.findInText(text);
      }),
      { numRuns: 1000 },
    );
  });
});

/// <reference lib="dom" />
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../src/platform/csv/csv-parse.ts';
import {
  chromiumPath,
  type E2eServer,
  expectAccessible,
  expectFitsWidth,
  expectPageOk,
  newPage,
  signInAs,
  startE2e,
} from './harness.ts';

// The demo tenant's administrator (config/tenants/68001.json: the Oficina TIC has the admin role).
const ADMIN = 'tic@demo.68001.alcaldia.test';
/** Real IGAC street nomenclature of Lebrija (shared/data/territory/MANIFEST.md, file 7), CC-BY-4.0. */
const LEBRIJA_STREETS = fileURLToPath(
  new URL('../../shared/data/territory/lebrija_igac_nomenclatura_vial_TEST_ONLY.geojson', import.meta.url),
);
const LEBRIJA = '68406';

const PRECISE = /Interpolada sobre el tramo de vía|Cruce de vías/;
const ANY_PRECISION =
  /Punto exacto de la dirección|Interpolada sobre el tramo de vía|Cruce de vías|Sobre la vía|Centro del barrio \(aproximada\)|Centro del municipio \(muy aproximada\)|No se pudo ubicar/;
const ADDED_COLUMNS = ['canonical', 'status', 'precision', 'lat', 'lon', 'municipio', 'comuna', 'barrio'];

let server: E2eServer;

beforeAll(async () => {
  if (!chromiumPath) return;
  server = await startE2e();
});
afterAll(async () => server?.close());

const barrioPaths = (page: Page) =>
  page.locator('.leaflet-overlay-pane path.territorio-area--barrio').count();
const resultPanel = (page: Page) => page.getByRole('region', { name: 'Resultado de la búsqueda' });

async function openMap(page: Page): Promise<void> {
  await page.goto(`${server.url}/territorio`);
  await page.getByRole('heading', { level: 1, name: 'Mapa del municipio' }).waitFor();
  await page.getByRole('region', { name: /^Mapa de / }).waitFor();
  // Every barrio of the demo city is a vector path drawn from our own API.
  await expect.poll(() => barrioPaths(page), { timeout: 20_000 }).toBeGreaterThan(100);
}

async function search(page: Page, text: string, municipio?: string): Promise<string> {
  if (municipio) await page.getByLabel('Municipio', { exact: true }).selectOption(municipio);
  const field = page.getByLabel('Dirección o barrio');
  await field.fill(text);
  // The keyboard alone is enough: Enter in the field submits the search.
  await field.press('Enter');
  const panel = resultPanel(page);
  await expect
    .poll(async () => ((await panel.count()) ? ((await panel.textContent()) ?? '') : ''), { timeout: 20_000 })
    .toContain(text);
  return (await panel.textContent()) ?? '';
}

/** Credits may carry markup: compare their text. */
const textOfMarkup = (value: string) => value.replace(/<[^>]*>/g, '').trim();

/** The downloaded CSV as rows of cells, read by the platform's own reader. */
function readCsv(text: string): string[][] {
  const parsed = parseCsv(text.replace(/^\uFEFF/, ''));
  if (!parsed.ok) throw new Error(`CSV inválido en la línea ${parsed.line}: ${parsed.detail}`);
  return parsed.rows.map((row) => row.cells);
}

describe.skipIf(!chromiumPath)('territorio: the public map and the geocoder', () => {
  it('a citizen finds an address and a barrio on the map, at desktop and phone width, and points at the map', async () => {
    const config = (await (await fetch(`${server.url}/api/v1/territory/map`)).json()) as {
      attribution: string;
      municipio: { nombre: string };
    };

    // ── Desktop ──
    const desktop = await newPage(server, 1280);
    await openMap(desktop);
    expect(await desktop.getByRole('list', { name: 'Convenciones del mapa' }).textContent()).toMatch(
      /Barrios.*Comunas|Comunas.*Barrios/s,
    );
    // The data credits are on the map itself.
    expect(textOfMarkup(config.attribution)).not.toBe('');
    const credits = (await desktop.locator('.leaflet-control-attribution').textContent()) ?? '';
    expect(credits.replace(/\s+/g, ' ')).toContain(
      textOfMarkup(config.attribution).replace(/\s+/g, ' ').slice(0, 40),
    );
    await expectPageOk(desktop);

    const found = await search(desktop, 'Calle 56 & Diag. 14A, barrio La Victoria');
    expect(found).toMatch(ANY_PRECISION);
    expect(found).toContain('La Victoria');
    await expect.poll(() => desktop.locator('path.territorio-marcador').count()).toBe(1);
    await expectAccessible(desktop);

    // ── Phone ──
    const phone = await newPage(server, 360);
    await openMap(phone);
    await expectPageOk(phone);
    const barrio = await search(phone, 'La Victoria');
    expect(barrio).toContain('Centro del barrio (aproximada)');
    // A coarse point says so in words.
    expect(barrio).toContain('Ubicación aproximada');
    await expectAccessible(phone);
    await expectFitsWidth(phone);

    // A tap on the map (just off the marker, which sits in the middle) names the barrio and comuna there.
    const map = phone.getByRole('region', { name: /^Mapa de / });
    await map.scrollIntoViewIfNeeded();
    const box = (await map.boundingBox())!;
    await phone.mouse.click(box.x + box.width / 2 + 12, box.y + box.height / 2 + 12);
    const point = phone.getByRole('region', { name: 'Punto señalado en el mapa' });
    await point.waitFor();
    const pointText = (await point.textContent()) ?? '';
    expect(pointText).not.toContain('BarrioSin dato');
    expect(pointText).not.toContain('ComunaSin dato');
    await expectAccessible(phone);
  });

  it('the administrator loads a real IGAC street layer and the map search then interpolates an address on it', async () => {
    const page = await newPage(server, 1280);
    await signInAs(server, page, ADMIN);
    await page.goto(`${server.url}/admin`);
    await page.getByRole('link', { name: 'Capas de referencia' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Capas de referencia' }).waitFor();
    await expectPageOk(page);

    // Nothing chosen: each missing field is named.
    await page.getByRole('button', { name: 'Cargar capa' }).click();
    await page.getByText('Elija el tipo de capa.').first().waitFor();
    await page.getByText('Elija el archivo de la capa.').first().waitFor();

    const upload = async (
      tipo: string,
      file: string | { name: string; mimeType: string; buffer: Buffer },
      campo = '',
      fuente = '',
    ) => {
      await page.getByLabel('Tipo de capa').selectOption(tipo);
      await page.getByLabel('Municipio (código DIVIPOLA)').fill(LEBRIJA);
      await page.getByLabel('Sistema de referencia').selectOption('4326');
      await page.getByLabel('Campo del nombre o la dirección (opcional)').fill(campo);
      await page.getByLabel('Fuente y licencia (opcional)').fill(fuente);
      await page.getByLabel('Archivo de la capa').setInputFiles(file);
      await page.getByRole('button', { name: 'Cargar capa' }).click();
      const summary = page.getByRole('region', { name: 'Resultado de la carga' });
      const fileName = typeof file === 'string' ? file.split('/').pop()! : file.name;
      await expect
        .poll(async () => ((await summary.count()) ? ((await summary.textContent()) ?? '') : ''), {
          timeout: 30_000,
        })
        .toContain(fileName);
      return (await summary.textContent()) ?? '';
    };

    // No limit of Lebrija is loaded: a street layer alone makes it a municipio the search offers.
    const summaryText = await upload('vias', LEBRIJA_STREETS, 'via', 'IGAC, NOMENCLATURA_VIAL, CC BY 4.0');
    const loaded = Number(/([\d.]+) elementos? cargados?/.exec(summaryText)?.[1]?.replaceAll('.', ''));
    expect(loaded).toBeGreaterThan(400);
    const layers = page.getByRole('region', { name: 'Capas cargadas', exact: true });
    await expect
      .poll(async () => (await layers.textContent()) ?? '')
      .toContain('lebrija_igac_nomenclatura_vial_TEST_ONLY.geojson');
    const listed = (await layers.textContent()) ?? '';
    expect(listed).toContain('Ejes viales con nomenclatura');
    expect(listed).toContain(LEBRIJA);
    expect(listed).toContain('IGAC, NOMENCLATURA_VIAL, CC BY 4.0');
    await expectPageOk(page);

    // The public map, in Lebrija: an address on the loaded streets.
    await openMap(page);
    const found = await search(page, 'Calle 11 # 5-20', LEBRIJA);
    expect(found).toMatch(PRECISE);
    expect(found).toMatch(/\bCL 11\b|Calle 11/i);
    // Zoomed in on the result, the street layer itself is drawn from the API.
    await expect
      .poll(() => page.locator('path.territorio-via').count(), { timeout: 20_000 })
      .toBeGreaterThan(0);
    await expectAccessible(page);
  });

  it('an official geocodes a CSV batch, follows the progress to 100 % and downloads the result', async () => {
    const page = await newPage(server, 360);
    await signInAs(server, page, ADMIN);
    await page.goto(`${server.url}/admin`);
    await page.getByRole('link', { name: 'Geocodificación por lotes' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Geocodificación por lotes' }).waitFor();
    await expectPageOk(page);

    // A file without an address column is refused, naming the column.
    await page.getByLabel('Archivo de direcciones', { exact: true }).setInputFiles({
      name: 'sin-direccion.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('nombre,telefono\nAna,3000000000\n'),
    });
    await page.getByRole('button', { name: 'Geocodificar' }).click();
    await expect
      .poll(async () => (await page.getByRole('alert').allTextContents()).join(' '))
      .toMatch(/direcci[oó]n/i);
    await expectAccessible(page);

    const rows = [
      ['direccion', 'barrio', 'nota'],
      ['Calle 35 # 10-43', 'Centro', 'CAM'],
      ['Carrera 27 # 36-14', '', ''],
      ['La Victoria', '', 'solo el barrio'],
      ['🏠🌳🚗', '', 'emoji'],
      ['', '', 'vacía'],
    ];
    const input = `${rows.map((row) => row.join(',')).join('\n')}\n`;
    await page.getByLabel('Archivo de direcciones', { exact: true }).setInputFiles({
      name: 'direcciones.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(input),
    });
    await page.getByRole('button', { name: 'Geocodificar' }).click();
    const progress = page.getByRole('progressbar', { name: 'Direcciones geocodificadas' });
    await progress.waitFor();
    await page.getByText('Estado: Completado.').waitFor({ timeout: 30_000 });
    expect(await progress.getAttribute('aria-valuenow')).toBe('100');
    await expectAccessible(page);
    await expectFitsWidth(page);

    const downloading = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Descargar el resultado' }).click();
    const download = await downloading;
    const result = readCsv(fs.readFileSync((await download.path())!, 'utf8')).filter((row) =>
      row.some((cell) => cell !== ''),
    );
    const header = result[0]!.map((cell) => cell.trim());
    // The input's columns first, unchanged; then the results, renamed when the input already has that name.
    expect(header.slice(0, 3)).toEqual(rows[0]);
    expect(header.slice(3)).toEqual(
      ADDED_COLUMNS.map((name) => (rows[0]!.includes(name) ? `${name}_resultado` : name)),
    );
    // As many data rows as the input (the empty address stays, with no result).
    expect(result.length - 1).toBe(rows.length - 1);
    const precision = header.indexOf('precision');
    const note = header.indexOf('nota');
    const byNote = new Map(result.slice(1).map((row) => [row[note], row]));
    expect(byNote.get('solo el barrio')?.[precision]).toBe('barrio');
    expect(byNote.get('emoji')?.[precision]).toBe('ninguna');
    expect(byNote.get('vacía')?.[precision]).toBe('ninguna');
  });
});

/// <reference lib="dom" />
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeAsobancaria2001 } from '../src/modules/taxes/asobancaria/index.ts';
import {
  chromiumPath,
  type E2eServer,
  expectAccessible,
  expectFitsWidth,
  expectPagesAccessible,
  newPage,
  signInAs,
  startE2e,
} from './harness.ts';

const HACIENDA = 'hacienda@demo.68001.alcaldia.test';
const TESORERIA = 'tesoreria@demo.68001.alcaldia.test';
const CIUDADANO = 'ciudadano@demo.68001.alcaldia.test';
/** The demo tenant's recaudo settings (config/tenants/68001.json). */
const GLN = '7709998000018';
const BILLER_NIT = '8902012220';

interface BillJson {
  id: string;
  paymentReference: string;
  options: { seq: number; payBy: string; total: number; barcodeText: string }[];
}

let server: E2eServer;
/** Predios that owe something and have no bill yet. */
let owing: { id: string; numero: string }[] = [];

beforeAll(async () => {
  if (!chromiumPath) return;
  server = await startE2e();
  const { rows } = await server.program.platform.ctx.database.raw.query<{
    id: string;
    numero_predial: string;
  }>(
    `select p.id, p.numero_predial from predio p
      where p.numero_predial is not null
        and exists (select 1 from tax_demand d where d.subject_id = p.id and d.settled < d.amount)
        and not exists (select 1 from bill b where b.subject_id = p.id)
        and not exists (select 1 from predio_titular t where t.predio_id = p.id and t.document_number = '9999000500')
      order by p.numero_predial limit 5`,
  );
  owing = rows.map((row) => ({ id: row.id, numero: row.numero_predial }));
});
afterAll(async () => server?.close());

const signIn = (page: Page, login: string) => signInAs(server, page, login);

async function issueBill(page: Page, numero: string): Promise<BillJson> {
  const response = await page.request.post(`${server.url}/api/v1/predial/facturas`, { data: { numero } });
  expect(response.status()).toBe(200);
  return (await response.json()) as BillJson;
}

/** Active predios of the demo tenant: a partial cadastral file must retire none. */
async function activePredios(): Promise<number> {
  const { rows } = await server.program.platform.ctx.database.raw.query<{ n: string }>(
    `select count(*) as n from predio where estado = 'activo'`,
  );
  return Number(rows[0]!.n);
}

const EXAMPLE_ROLL = fileURLToPath(
  new URL('../src/modules/taxes/cadastre/testdata/ejemplo-roll.csv', import.meta.url),
);

const todayInBogota = () =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Bogota' }).format(new Date());

describe.skipIf(!chromiumPath)('impuesto predial: the back office', () => {
  it('the tax office searches the registry, opens a ficha and runs a mass liquidation to the end', async () => {
    const page = await newPage(server, 360);
    await signIn(page, HACIENDA);
    await page.goto(`${server.url}/admin`);
    await page.getByRole('link', { name: 'Registro de predios' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Registro de predios' }).waitFor();
    await page.getByLabel('Buscar predio').fill('68');
    await page.getByRole('button', { name: 'Buscar' }).click();
    await page.getByText('Escriba al menos 3 caracteres.').first().waitFor();
    const target = owing[0]!;
    await page.getByLabel('Buscar predio').fill(target.numero.slice(0, 22));
    await page.getByRole('button', { name: 'Buscar' }).click();
    await page.getByText(/predios? encontrados?/).waitFor();
    await expectAccessible(page);
    await expectFitsWidth(page);

    await page.getByRole('link', { name: target.numero }).click();
    await page.getByRole('heading', { level: 1, name: 'Ficha del predio' }).waitFor();
    await page.getByRole('heading', { name: 'Propietarios y poseedores' }).waitFor();
    const avaluos = await page.getByRole('region', { name: 'Avalúos por vigencia' }).textContent();
    expect(avaluos).toMatch(/2026\$\s?[\d.]+/);
    expect(await page.getByRole('region', { name: 'Propietarios', exact: true }).textContent()).toMatch(
      /CC \d+/,
    );
    await expect.poll(() => page.getByRole('button', { name: /Proponer ajuste/ }).count()).toBeGreaterThan(0);
    await expectAccessible(page);
    await expectFitsWidth(page);

    await page.goto(`${server.url}/admin/liquidaciones`);
    await page.getByLabel('Vigencia', { exact: true }).fill('2040');
    await page.getByRole('button', { name: 'Liquidar la vigencia' }).click();
    await page
      .getByText(/no tiene reglas del predial/)
      .first()
      .waitFor();
    await page.getByLabel('Vigencia', { exact: true }).fill('2026');
    await page.getByRole('button', { name: 'Liquidar la vigencia' }).click();
    const progress = page.getByRole('progressbar', { name: /Predios liquidados de la vigencia 2026/ });
    await progress.waitFor();
    await expectAccessible(page);
    await page.getByText('Estado: Terminada').waitFor({ timeout: 30_000 });
    expect(await progress.getAttribute('aria-valuenow')).toBe('100');
    expect(await progress.getAttribute('aria-valuetext')).toMatch(/100 % \(300 de 300\)/);
    // Repeating a vigencia finds every demand already there.
    expect(await page.locator('.panel .data-list').textContent()).toMatch(/Ya liquidadas antes600/);
    await expect
      .poll(
        async () =>
          (await page.getByRole('region', { name: 'Liquidaciones anteriores' }).textContent()) ?? '',
      )
      .toMatch(/^(?:.*?2026){2}/s);
    await expectAccessible(page);
    await expectFitsWidth(page);
  });

  it('the treasury validates, applies and refuses again a bank file, with the report', async () => {
    const page = await newPage(server, 1280);
    await signIn(page, TESORERIA);
    const bill = await issueBill(page, owing[1]!.numero);
    const today = todayInBogota();
    const option = bill.options.find((candidate) => candidate.payBy >= today)!;
    const content = writeAsobancaria2001({
      billerNit: BILLER_NIT,
      collectionDate: today,
      bankCode: '007',
      account: '123456789',
      lots: [{ serviceCode: GLN, payments: [{ reference: bill.paymentReference, amount: option.total }] }],
    });
    const file = { name: 'recaudo-e2e.txt', mimeType: 'text/plain', buffer: Buffer.from(content) };

    await page.goto(`${server.url}/admin/archivos-bancarios`);
    await page.getByRole('heading', { level: 1, name: 'Archivos bancarios' }).waitFor();
    await page.getByRole('button', { name: 'Cargar y aplicar' }).click();
    await page.getByText('Elija el archivo de recaudo del banco.').first().waitFor();

    await page.getByLabel('Archivo de recaudo (Asobancaria 2001)').setInputFiles(file);
    await page.getByLabel(/Solo validar/).check();
    await page.getByRole('button', { name: 'Validar archivo' }).click();
    await page.getByText('Archivo válido (no se aplicó)').waitFor();
    await expectAccessible(page);

    await page.getByLabel(/Solo validar/).uncheck();
    await page.getByLabel('Archivo de recaudo (Asobancaria 2001)').setInputFiles(file);
    await page.getByRole('button', { name: 'Cargar y aplicar' }).click();
    await page.getByText('Archivo aplicado').waitFor();
    const report = (await page.locator('#informe-archivo').locator('..').textContent())!;
    expect(report).toContain('Se aplicaron 1 de 1 pagos');
    expect(report).toMatch(/\(007\)/);
    expect(report.replace(/\s/g, ' ')).toContain(`$ ${new Intl.NumberFormat('es-CO').format(option.total)}`);
    await expect
      .poll(
        async () =>
          (await page.getByRole('region', { name: 'Archivos bancarios cargados' }).textContent()) ?? '',
      )
      .toContain('recaudo-e2e.txt');
    await expectAccessible(page);

    await page.getByLabel('Archivo de recaudo (Asobancaria 2001)').setInputFiles(file);
    await page.getByRole('button', { name: 'Cargar y aplicar' }).click();
    await page.getByText('Archivo rechazado').waitFor();
    expect(await page.getByRole('region', { name: 'Errores del archivo' }).textContent()).toContain(
      'DUPLICATE_FILE',
    );
    await expectAccessible(page);

    // The bill paid by the bank file now reads as paid.
    const verified = await page.request.get(`${server.url}/api/v1/predial/facturas/${bill.paymentReference}`);
    expect(((await verified.json()) as { state: string }).state).toBe('pagada');
  });

  it('a cashier reads a barcode, registers the cash payment, and finds it in the register and the CSV', async () => {
    const page = await newPage(server, 360);
    await signIn(page, TESORERIA);
    const bill = await issueBill(page, owing[2]!.numero);
    const option = bill.options.find((candidate) => candidate.payBy >= todayInBogota())!;

    await page.goto(`${server.url}/admin/caja`);
    const field = page.getByLabel('Código de barras');
    await field.fill('(415)123');
    await field.press('Enter');
    await page
      .getByText(/Falta el identificador \(8020\)/)
      .first()
      .waitFor();
    expect(await field.getAttribute('aria-invalid')).toBe('true');

    // A scanner types the human-readable text without parentheses and ends with Enter.
    await field.fill(option.barcodeText.replace(/[()]/g, ''));
    await field.press('Enter');
    await page.getByRole('heading', { name: 'Código leído' }).waitFor();
    const decoded = (await page.locator('#codigo-leido').locator('..').textContent())!;
    expect(decoded).toContain(bill.paymentReference);
    expect(decoded).toContain(GLN);
    expect(decoded).toMatch(/Vigente/);
    await expectAccessible(page);
    await expectFitsWidth(page);

    await page.getByRole('button', { name: 'Registrar pago en caja' }).click();
    await page.getByText('Escriba el número del recibo de caja.').first().waitFor();
    await page.getByLabel('Número de recibo de caja').fill('CAJA-E2E-0001');
    await page.getByRole('button', { name: 'Registrar pago en caja' }).click();
    await page.getByText('Pago registrado').waitFor();
    expect(await page.locator('.alert--success').textContent()).toMatch(/pagada/);
    await expectAccessible(page);

    // Scanning the same receipt again shows it paid and offers no second payment.
    await field.fill(option.barcodeText);
    await field.press('Enter');
    await page.getByText('Factura ya pagada').waitFor();
    await expect.poll(() => page.getByRole('button', { name: 'Registrar pago en caja' }).count()).toBe(0);

    await page.goto(`${server.url}/admin/pagos?canal=caja`);
    await page.getByRole('heading', { name: 'Pagos', exact: true }).waitFor();
    expect(await page.getByRole('region', { name: 'Pagos registrados' }).textContent()).toContain(
      'CAJA-E2E-0001',
    );
    await expectAccessible(page);
    await expectFitsWidth(page);
    const csvHref = await page
      .getByRole('link', { name: /Exportar recaudo por día y concepto/ })
      .getAttribute('href');
    const csv = await page.request.get(new URL(csvHref!, server.url).toString());
    expect(csv.headers()['content-type']).toContain('text/csv');
    expect((await csv.text()).split('\r\n')[0]).toContain('fecha;vigencia;concepto;componente;valor');
  });

  it('the reports page draws the collection chart, the portfolio chart and the map of the comunas', async () => {
    const page = await newPage(server, 1280);
    await signIn(page, TESORERIA);
    await page.goto(`${server.url}/admin/informes`);
    const collections = page.getByRole('img', { name: /Gráfico de barras del recaudo por día/ });
    await collections.waitFor();
    await expect.poll(() => collections.locator('rect').count()).toBeGreaterThan(0);
    const byComuna = page.getByRole('img', { name: /Gráfico de barras del saldo por cobrar por comuna/ });
    await expect.poll(() => byComuna.locator('rect').count()).toBeGreaterThan(10);
    const map = page.getByRole('img', { name: /Mapa de coropletas del saldo por cobrar por comuna/ });
    await map.waitFor();
    await expect.poll(() => map.locator('path').count()).toBe(17);
    // More balance, darker comuna: the fills differ.
    const fills = new Set(
      await map.locator('path').evaluateAll((paths) => paths.map((p) => p.getAttribute('fill'))),
    );
    expect(fills.size).toBeGreaterThan(2);
    expect(await page.getByRole('region', { name: 'Cartera por comuna' }).textContent()).toMatch(
      /Comuna 01 Norte/,
    );
    expect(await page.locator('.chart__attribution').textContent()).toMatch(/pandora/);
    await page.getByLabel('Vigencia', { exact: true }).selectOption('2026');
    await page.getByText(/Saldo por cobrar de la vigencia 2026/).waitFor();
    await expectAccessible(page);
  });

  it('amendments: the ficha proposes one and the approvals page lists it; self-approval is refused', async (context) => {
    const page = await newPage(server, 1280);
    await signIn(page, HACIENDA);
    const api = await page.request.get(`${server.url}/api/v1/predial/admin/ajustes?estado=pendiente`);
    if (api.status() === 404) context.skip();
    await page.goto(`${server.url}/admin/predios/${owing[3]!.id}`);
    await page
      .getByRole('button', { name: /Proponer ajuste/ })
      .first()
      .click();
    await page.getByLabel('Nuevo valor (pesos)').fill('1000');
    await page.getByLabel('Motivo').fill('Corrección del avalúo por resolución de prueba 001 de 2026');
    await page.getByRole('button', { name: 'Enviar ajuste para aprobación' }).click();
    await page.getByText('Ajuste enviado para aprobación').waitFor();

    await page.goto(`${server.url}/admin/ajustes`);
    const card = page.locator('main .card', { hasText: owing[3]!.numero });
    await card.waitFor();
    await card.getByRole('button', { name: /^Rechazar/ }).click();
    await card.getByText('Escriba el motivo del rechazo.').first().waitFor();
    await card.getByRole('button', { name: /^Aprobar/ }).click();
    // Four eyes: whoever proposed it may not approve it.
    await card.locator('[role=alert]').first().waitFor();
    expect(await card.locator('.alert--error').textContent()).toBeTruthy();
    await expectAccessible(page);
  });

  it('agreements: a citizen request is approved by the head of the tax office', async (context) => {
    const citizen = await newPage(server, 360);
    await signIn(citizen, CIUDADANO);
    const mine = (await (await citizen.request.get(`${server.url}/api/v1/predial/mis-predios`)).json()) as {
      items: { id: string }[];
    };
    const predioId = mine.items[0]!.id;
    const offers = await citizen.request.get(
      `${server.url}/api/v1/predial/predios/${predioId}/acuerdos/ofertas`,
    );
    if (offers.status() === 404) context.skip();
    const { items } = (await offers.json()) as { items: { planId: string }[] };
    const { csrfToken } = (await (await citizen.request.get(`${server.url}/api/v1/auth/me`)).json()) as {
      csrfToken: string;
    };
    const requested = await citizen.request.post(
      `${server.url}/api/v1/predial/predios/${predioId}/acuerdos`,
      {
        data: { planId: items[0]!.planId },
        headers: { 'x-csrf-token': csrfToken },
      },
    );
    expect(requested.status()).toBe(201);
    const { number } = (await requested.json()) as { number: string };

    const page = await newPage(server, 360);
    await signIn(page, HACIENDA);
    await page.goto(`${server.url}/admin/acuerdos`);
    const card = page.locator('main .card', { hasText: number });
    await card.waitFor();
    await expectAccessible(page);
    await expectFitsWidth(page);
    await card.getByRole('button', { name: /^Rechazar/ }).click();
    await card.getByText('Escriba el motivo del rechazo.').first().waitFor();
    await card.getByRole('button', { name: /^Aprobar/ }).click();
    await page.getByText(`Acuerdo ${number} aprobado.`).waitFor();
    await page.getByLabel('Estado').selectOption('vigente');
    await page.locator('main .card', { hasText: number }).waitFor();

    // Approved: the citizen pays it instalment by instalment, each with its own bill.
    await citizen.goto(`${server.url}/predial/mis-predios/${predioId}`);
    await citizen.getByRole('button', { name: 'Generar factura de la cuota 1' }).click();
    await citizen.getByRole('heading', { name: /^Factura de la cuota/ }).waitFor();
    expect(await citizen.locator('main').textContent()).toMatch(/en acuerdo de pago/);
    await expect
      .poll(
        async () =>
          (await citizen.getByRole('region', { name: `Cuotas del acuerdo ${number}` }).textContent()) ?? '',
      )
      .toMatch(/Ver factura/);
    await expectAccessible(citizen);
    await expectFitsWidth(citizen);
  });

  it('the ficha corrects the registry data and updates an avalúo, which proposes amendments', async () => {
    const page = await newPage(server, 360);
    await signIn(page, HACIENDA);
    const target = owing[4]!;
    await page.goto(`${server.url}/admin/predios/${target.id}`);
    await page.getByRole('button', { name: 'Corregir datos del predio' }).click();
    await page.getByRole('heading', { name: 'Corregir datos del predio' }).waitFor();
    await page.getByLabel('Dirección', { exact: true }).fill('K 27 # 45-12 PRUEBA E2E');
    await page.getByLabel('Área de terreno (m²)').fill('123.456');
    await page.getByRole('button', { name: 'Guardar la corrección' }).click();
    await page
      .getByText(/Explique el motivo/)
      .first()
      .waitFor();
    await page
      .getByLabel('Motivo de la corrección')
      .fill('Visita técnica 015 de 2026 a la dirección del predio');
    await page.getByRole('button', { name: 'Guardar la corrección' }).click();
    // Two decimals at most is the server's rule: its message lands next to the field it names.
    const area = page.getByLabel('Área de terreno (m²)');
    await expect.poll(() => area.getAttribute('aria-invalid')).toBe('true');
    const areaError = await area.getAttribute('aria-describedby');
    expect(await page.locator(`[id="${areaError!.split(' ').at(-1)}"]`).textContent()).toMatch(
      /metros con hasta 2 decimales/,
    );
    await expectAccessible(page);
    await expectFitsWidth(page);
    await area.fill('123,45');
    await page.getByRole('button', { name: 'Guardar la corrección' }).click();
    await page.getByText('Datos del predio corregidos').waitFor();
    await expect
      .poll(async () => (await page.locator('#datos').locator('..').textContent()) ?? '')
      .toMatch(/K 27 # 45-12 PRUEBA E2E.*123\.45 m²/s);

    await page.getByRole('button', { name: 'Actualizar avalúo de la vigencia 2026' }).click();
    const avaluo = page.getByLabel('Nuevo avalúo (pesos)');
    const current = Number(await avaluo.inputValue());
    // Lower, so the re-liquidated tax differs whatever the yearly increase caps.
    await avaluo.fill(String(Math.floor(current / 2)));
    await page.getByLabel('Motivo del cambio de avalúo').fill('Resolución de revisión de avalúo 2026-0042');
    await page.getByRole('button', { name: 'Actualizar avalúo', exact: true }).click();
    await page.getByRole('heading', { name: 'Avalúo 2026 actualizado' }).waitFor();
    const proposed = (await page
      .getByRole('region', { name: 'Ajustes propuestos por el avalúo 2026' })
      .textContent())!;
    expect(proposed).toContain('Impuesto predial unificado');
    expect(proposed).toContain('Pendiente');
    // The table reloads after the confirmation appears: wait for it rather than read it once.
    await expect
      .poll(
        async () => (await page.getByRole('region', { name: 'Avalúos por vigencia' }).textContent()) ?? '',
      )
      .toContain(new Intl.NumberFormat('es-CO').format(Math.floor(current / 2)));
    await expectAccessible(page);
    await expectFitsWidth(page);
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.getByRole('button', { name: 'Corregir datos del predio' }).click();
    await expectAccessible(page);

    await page.getByRole('link', { name: 'Ver los ajustes pendientes de aprobación' }).click();
    await page
      .locator('main .card', { hasText: target.numero })
      .filter({ hasText: /avalúo/ })
      .first()
      .waitFor();
  });

  it('mass billing of a vigencia runs to the end and offers its manifest and its ZIP of receipts', async () => {
    // The tax office follows the job it started without jobs.read (GET /api/v1/me/jobs/:id).
    const page = await newPage(server, 1280);
    await signIn(page, HACIENDA);
    await page.goto(`${server.url}/admin/liquidaciones`);
    await page.getByRole('heading', { name: 'Facturación masiva' }).waitFor();
    await page.getByLabel('Vigencia a facturar').fill('2026');
    await page.getByRole('button', { name: 'Generar las facturas de la vigencia' }).click();
    await page.getByRole('progressbar', { name: 'Facturas generadas de la vigencia 2026' }).waitFor();
    await page.getByText('Estado: Completado').waitFor({ timeout: 60_000 });
    expect(await page.locator('#avance-facturacion').locator('..').textContent()).toMatch(
      /Facturación 2026: \d+ facturas en 1 archivos ZIP/,
    );
    const download = async (name: string | RegExp) => {
      const href = await page.getByRole('link', { name }).getAttribute('href');
      return page.request.get(new URL(href!, server.url).toString());
    };
    const csv = await download('Descargar el manifiesto (CSV)');
    expect(csv.headers()['content-type']).toContain('text/csv');
    const lines = (await csv.text())
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe('numero_predial;referencia_pago;factura;total_primera_fecha;primera_fecha;lote');
    expect(lines.length).toBeGreaterThan(100);
    await expect.poll(() => page.getByRole('link', { name: /\(ZIP\)$/ }).count()).toBe(1);
    const zip = await download('Descargar los recibos del lote 1 (ZIP)');
    expect(zip.headers()['content-type']).toContain('application/zip');
    const bytes = await zip.body();
    expect(bytes.subarray(0, 4).toString('latin1')).toBe('PK\u0003\u0004');
    await expectAccessible(page);
    await page.setViewportSize({ width: 360, height: 780 });
    await expectAccessible(page);
    await expectFitsWidth(page);
  });

  it('every back-office predial page passes the accessibility check on a phone and on a desktop', async () => {
    const hacienda = [
      '/admin',
      `/admin/predios?q=${owing[0]!.numero.slice(0, 22)}`,
      `/admin/predios/${owing[0]!.id}`,
      '/admin/liquidaciones',
      '/admin/archivos-bancarios',
      '/admin/pagos',
      '/admin/informes',
      '/admin/ajustes',
      '/admin/acuerdos',
      '/admin/catastro',
    ];
    for (const width of [360, 1280]) {
      const page = await newPage(server, width);
      await signIn(page, HACIENDA);
      await expectPagesAccessible(page, server, hacienda);
      const cashier = await newPage(server, width);
      await signIn(cashier, TESORERIA);
      await expectPagesAccessible(cashier, server, ['/admin', '/admin/caja', '/admin/archivos-bancarios']);
    }
  });

  it('the cadastral roll: a partial file retires nothing, is listed with its counts and is refused twice', async () => {
    const page = await newPage(server, 360);
    await signIn(page, HACIENDA);
    await page.goto(`${server.url}/admin/predios`);
    await page
      .getByRole('navigation', { name: 'Administración' })
      .getByRole('link', { name: 'Catastro' })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Catastro' }).waitFor();
    await page.getByRole('button', { name: 'Cargar archivo catastral' }).click();
    await page.getByText('Elija el archivo catastral.').first().waitFor();

    // A row with an unreadable avalúo refuses the whole file, and the problem is listed.
    const [header, firstRow] = fs.readFileSync(EXAMPLE_ROLL, 'utf8').split(/\r?\n/);
    const broken = {
      name: 'catastro-con-error.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(`${header}\n${firstRow!.replace(',185000000,', ',185.000.000,')}\n`),
    };
    const fileField = page.getByLabel('Archivo catastral', { exact: true });
    await fileField.setInputFiles(broken);
    await page.getByRole('button', { name: 'Cargar archivo catastral' }).click();
    await page.getByText('Archivo catastral rechazado').waitFor({ timeout: 30_000 });
    const table = page.getByRole('region', { name: 'Archivos catastrales cargados' });
    const cellsOfRow = (index: number) =>
      table.locator('tbody tr').nth(index).locator('td').allTextContents();
    expect((await cellsOfRow(0)).slice(0, 2)).toEqual(['CSV', 'Rechazada']);
    await table.getByText(/Ver 1 problema/).click();
    expect(await table.locator('details ul').textContent()).toMatch(/Línea 2 · Error AVALUO_INVALID/);
    await expectAccessible(page);
    await expectFitsWidth(page);

    // Not marked as the whole roll: its 3 predios are added and the demo's others stay.
    const activeBefore = await activePredios();
    await fileField.setInputFiles(EXAMPLE_ROLL);
    await page.getByRole('button', { name: 'Cargar archivo catastral' }).click();
    await page.getByText('Archivo catastral aplicado').waitFor({ timeout: 30_000 });
    expect(await page.locator('#importacion').locator('..').textContent()).toMatch(
      /3 predios leídos: 3 nuevos, 0 cambiados, 0 sin cambios y 0 retirados; 0 errores y 0 avisos/,
    );
    expect(await activePredios()).toBe(activeBefore + 3);
    await expect
      .poll(async () => (await cellsOfRow(0)).slice(0, 7))
      .toEqual(['CSV', 'Aplicada', '3', '3', '0', '0', '0']);
    await page.getByText('Ver las columnas del CSV').click();
    expect(await page.getByRole('region', { name: 'Columnas del CSV catastral' }).textContent()).toContain(
      'propietario_participacion',
    );
    await expectAccessible(page);
    await expectFitsWidth(page);

    // The same file again, now marked complete: the job refuses it before retiring anything.
    const completeRoll = page.getByLabel(
      'Es el catastro completo: retirar los predios que no vengan en el archivo',
    );
    expect(await completeRoll.isChecked()).toBe(false);
    const warning = page.getByText('Se retirarán los predios que no vengan en el archivo');
    await expect.poll(() => warning.count()).toBe(0);
    await completeRoll.check();
    await warning.waitFor();
    await fileField.setInputFiles(EXAMPLE_ROLL);
    await page.getByLabel('Formato').selectOption('csv');
    await page.getByLabel('Aplicar los predios legibles aunque otros tengan errores').check();
    await page.getByRole('button', { name: 'Cargar archivo catastral' }).click();
    await page.getByText('El archivo catastral no se aplicó').waitFor({ timeout: 30_000 });
    expect(await page.locator('#importacion').locator('..').textContent()).toMatch(/ya fue aplicado/);
    expect(await activePredios()).toBe(activeBefore + 3);
    await expectAccessible(page);
    await expectFitsWidth(page);
    await page.setViewportSize({ width: 1280, height: 900 });
    await expectAccessible(page);
  });
});

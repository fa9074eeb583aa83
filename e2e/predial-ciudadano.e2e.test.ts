/// <reference lib="dom" />
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  chromiumPath,
  type E2eServer,
  expectAccessible,
  expectFitsWidth,
  expectPagesAccessible,
  newPage,
  startE2e,
} from './harness.ts';

/** The demo citizen (ciudadano@demo…) co-owns two predios that keep their debts (demo-taxes.seed.ts). */
const DEMO_CITIZEN = 'ciudadano@demo.68001.alcaldia.test';
const DEMO_CITIZEN_DOCUMENT = '9999000500';

let server: E2eServer;
/** Predios that owe something, have no bill yet and are not the demo citizen's. */
let owing: string[] = [];
/** Filled by the payment journey for the accessibility sweep. */
const visited = { billReference: '', attemptId: '', myPredioId: '' };

beforeAll(async () => {
  if (!chromiumPath) return;
  server = await startE2e();
  const { rows } = await server.program.platform.ctx.database.raw.query<{ numero_predial: string }>(
    `select p.numero_predial from predio p
      where p.numero_predial is not null
        and exists (select 1 from tax_demand d where d.subject_id = p.id and d.settled < d.amount)
        and not exists (select 1 from bill b where b.subject_id = p.id)
        and not exists (select 1 from predio_titular t where t.predio_id = p.id and t.document_number = $1)
      order by p.numero_predial limit 3`,
    [DEMO_CITIZEN_DOCUMENT],
  );
  owing = rows.map((row) => row.numero_predial);
});
afterAll(async () => server?.close());

async function signIn(page: Page, next: string) {
  await page.goto(`${server.url}${next}`);
  await page.waitForURL(/\/ingresar/);
  await page.getByLabel('Correo electrónico o número de documento').fill(DEMO_CITIZEN);
  await page.getByLabel('Contraseña', { exact: true }).fill('Demo-Alcaldia-2026');
  await page.getByRole('button', { name: 'Ingresar' }).click();
  await page.waitForURL((url) => url.pathname === next);
}

describe.skipIf(!chromiumPath)('impuesto predial: the taxpayer', () => {
  it('consults a predio, gets the bill and its PDF, pays by PSE (pending, then approved) and sees it paid', async () => {
    expect(owing.length).toBeGreaterThan(0);
    const numero = owing[0]!;
    const page = await newPage(server, 360);

    await page.goto(server.url);
    await page.getByRole('link', { name: 'Impuesto predial: consultar y pagar' }).click();
    await page.getByRole('heading', { level: 1, name: 'Impuesto predial' }).waitFor();
    await page.getByRole('button', { name: 'Consultar' }).click();
    await page.getByText('Escriba el número predial.').first().waitFor();
    await page.getByLabel('Número predial').fill('123');
    await page.getByRole('button', { name: 'Consultar' }).click();
    // The server's own explanation, on the field.
    await page
      .getByText(/tiene 30 dígitos/)
      .first()
      .waitFor();

    await page.getByLabel('Número predial').fill(numero);
    await page.getByRole('button', { name: 'Consultar' }).click();
    await page.getByRole('heading', { name: 'Estado de cuenta' }).waitFor();
    const statement = await page
      .getByRole('region', { name: 'Estado de cuenta por vigencia y concepto' })
      .textContent();
    expect(statement).toMatch(/Impuesto predial unificado/);
    expect(statement).toMatch(/\$\s?\d{1,3}(\.\d{3})+/);
    await expectAccessible(page);
    await expectFitsWidth(page);

    await page.getByRole('button', { name: 'Generar factura' }).click();
    await page.getByRole('heading', { name: /^Su factura \d{4}-FACT-/ }).waitFor();
    const reference = (await page.locator('.bill code').first().textContent())!.trim();
    expect(reference).toMatch(/^\d{8,25}$/);
    visited.billReference = reference;
    await expectAccessible(page);
    await expectFitsWidth(page);

    const receiptHref = await page
      .getByRole('link', { name: /Descargar recibo \(PDF\)/ })
      .getAttribute('href');
    const pdf = await page.request.get(new URL(receiptHref!, server.url).toString());
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');

    await page
      .getByRole('link', { name: /Pagar en línea \(PSE\)/ })
      .first()
      .click();
    await page.getByRole('heading', { level: 1, name: 'Pagar en línea con PSE' }).waitFor();
    const total = (await page.getByRole('button', { name: /^Pagar \$/ }).textContent())!;
    await page.getByRole('button', { name: /^Pagar \$/ }).click();
    await page.getByText('Elija su banco.').first().waitFor();
    await page.getByLabel('Banco').selectOption({ label: 'Bancolombia' });
    await page.getByLabel('Número de documento').fill('1098765432');
    await page.getByLabel('Nombre completo').fill('Pagadora Navegador Prueba');
    await page.getByLabel('Correo electrónico').fill('pagadora@correo.test');
    await expectAccessible(page);
    await expectFitsWidth(page);
    await page.getByRole('button', { name: /^Pagar \$/ }).click();

    // The sandbox bank's own page, on another port: leave the payment pending first.
    await page.waitForURL(/\/pse\/banco\//);
    const bankUrl = page.url();
    expect(await page.locator('body').textContent()).toContain(
      total.match(/\$\s?[\d.]+/)![0].replace(/\s/, ' '),
    );
    await page.getByRole('button', { name: 'Dejar pendiente' }).click();
    await page.waitForURL(/\/pagos\/pse\/retorno\?intento=/);
    visited.attemptId = new URL(page.url()).searchParams.get('intento')!;
    await expect
      .poll(() => page.locator('.pse-status[role=status]').textContent())
      .toMatch(/pendiente.*cada 3 segundos/);
    await expectAccessible(page);
    await expectFitsWidth(page);

    // The bank approves later (another tab): the waiting page notices on its own.
    const bankTab = await page.context().newPage();
    await bankTab.goto(bankUrl);
    await bankTab.getByRole('button', { name: 'Aprobar' }).click();
    await bankTab.waitForURL(/\/pagos\/pse\/retorno/);
    await page.getByText('Pago aprobado').waitFor({ timeout: 15_000 });
    expect(await page.locator('.pse-status').textContent()).toMatch(/aprobado/);
    const details = (await page.locator('main dl').textContent())!;
    expect(details).toMatch(/CUS.*\d{4,}/);
    expect(details).toContain(reference);
    await expectAccessible(page);
    await expectFitsWidth(page);

    await page.getByRole('link', { name: 'Ver la factura' }).click();
    await page.getByText('Factura pagada').waitFor();
    expect(await page.locator('.bill .badge').textContent()).toBe('Pagada');
    await expect.poll(() => page.getByRole('link', { name: /Pagar en línea/ }).count()).toBe(0);
    await expectAccessible(page);
    await expectFitsWidth(page);

    // A rejected payment says so and what to do next.
    await page.goto(`${server.url}/predial?numero=${owing[1] ?? numero}`);
    await page.getByRole('button', { name: 'Generar factura' }).click();
    await page
      .getByRole('link', { name: /Pagar en línea \(PSE\)/ })
      .first()
      .click();
    await page.getByLabel('Banco').selectOption({ label: 'Davivienda' });
    await page.getByLabel('Número de documento').fill('1098765432');
    await page.getByLabel('Nombre completo').fill('Pagadora Navegador Prueba');
    await page.getByLabel('Correo electrónico').fill('pagadora@correo.test');
    await page.getByRole('button', { name: /^Pagar \$/ }).click();
    await page.waitForURL(/\/pse\/banco\//);
    await page.getByRole('button', { name: 'Rechazar' }).click();
    await page.getByText('Pago rechazado').waitFor();
    expect(await page.locator('main').textContent()).toMatch(/intentarlo de nuevo/);
  });

  it('signed in, sees mis predios and the estado de cuenta, and is told why there is no paz y salvo', async () => {
    const page = await newPage(server, 360);
    await signIn(page, '/predial/mis-predios');
    await page.getByRole('heading', { level: 1, name: 'Mis predios' }).waitFor();
    const cards = page.locator('main .card');
    await expect.poll(() => cards.count()).toBe(2);
    expect(await cards.first().textContent()).toMatch(/Total a pagar hoy\$\s?[\d.]+/);
    await expectAccessible(page);
    await expectFitsWidth(page);

    await cards.first().getByRole('link').click();
    await page.getByRole('heading', { name: 'Estado de cuenta' }).waitFor();
    visited.myPredioId = page.url().split('/').at(-1)!;
    expect(
      await page.getByRole('region', { name: 'Estado de cuenta por vigencia y concepto' }).textContent(),
    ).toMatch(/2024.*2025.*2026|2026.*2025.*2024/s);
    await page.getByRole('button', { name: 'Descargar paz y salvo' }).click();
    await page.getByText('No es posible expedir el paz y salvo').waitFor();
    expect(await page.locator('.alert--warning').textContent()).toMatch(/tiene saldo en las vigencias/);
    await expectAccessible(page);
    await expectFitsWidth(page);

    await page.getByRole('button', { name: 'Generar factura', exact: true }).click();
    await page.getByRole('heading', { name: /^Su factura/ }).waitFor();
    // The new bill is listed among the recent ones.
    await expect
      .poll(() => page.locator('section[aria-labelledby="facturas"]').textContent())
      .toMatch(/\d{4}-FACT-\d+/);
  });

  it('requests a payment agreement (acuerdo de pago) for a predio with debt', async (context) => {
    const page = await newPage(server, 360);
    await signIn(page, '/predial/mis-predios');
    const id =
      visited.myPredioId ||
      (await page.locator('main .card a').first().getAttribute('href'))!.split('/').at(-1)!;
    const offers = await page.request.get(`${server.url}/api/v1/predial/predios/${id}/acuerdos/ofertas`);
    await page.goto(`${server.url}/predial/mis-predios/${id}`);
    await page.getByRole('heading', { name: 'Solicitar acuerdo de pago' }).waitFor();
    if (offers.status() === 404) {
      // The agreements API is not deployed yet: the page says so instead of failing.
      await page.getByText('Los acuerdos de pago en línea no están disponibles').waitFor();
      context.skip();
    }
    expect(offers.status()).toBe(200);
    await page.getByRole('button', { name: 'Solicitar acuerdo de pago' }).waitFor();
    await expectAccessible(page);
    await page.getByRole('radio').first().check();
    await page.getByRole('button', { name: 'Solicitar acuerdo de pago' }).click();
    await page.getByText('Solicitud enviada').waitFor();
    expect(await page.locator('main .card').first().textContent()).toMatch(/Solicitado/);
    // One request at a time: the form is gone while it is studied.
    await expect.poll(() => page.getByRole('button', { name: 'Solicitar acuerdo de pago' }).count()).toBe(0);
    await expectAccessible(page);
    await expectFitsWidth(page);
  });

  it('every predial page passes the accessibility check on a phone and on a desktop', async () => {
    const reference = visited.billReference;
    const publicPaths = [
      '/predial',
      `/predial?numero=${owing[2] ?? owing[0]}`,
      `/predial/factura/${reference}`,
      `/predial/pagar/${reference}/1`,
      `/pagos/pse/retorno?intento=${visited.attemptId}`,
      '/predial/factura/12345678901234',
    ];
    for (const width of [360, 1280]) {
      const page = await newPage(server, width);
      await expectPagesAccessible(page, server, publicPaths);
      await signIn(page, '/predial/mis-predios');
      await expectPagesAccessible(page, server, [
        '/predial/mis-predios',
        `/predial/mis-predios/${visited.myPredioId}`,
      ]);
    }
  });
});

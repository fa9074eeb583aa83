/// <reference lib="dom" />
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

let server: E2eServer;
beforeAll(async () => {
  if (chromiumPath) server = await startE2e();
});
afterAll(async () => server?.close());

describe.skipIf(!chromiumPath)('citizen journey on a 360-px phone', () => {
  it('signs up, confirms the e-mail, signs in, issues a constancia and verifies it by its code', async () => {
    const page = await newPage(server, 360);

    await page.goto(server.url);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBeTruthy();
    await expect.poll(() => page.getByRole('link', { name: /GOV\.CO/ }).count()).toBeGreaterThan(0);
    await page.getByText('Crear una cuenta en la sede electrónica').first().waitFor();
    await expect.poll(() => page.getByRole('contentinfo').textContent()).toMatch(/Calle 35/);
    await expectAccessible(page);
    await expectFitsWidth(page);

    await page.goto(`${server.url}/registro`);
    await page.getByLabel('Tipo de documento').selectOption('CC');
    await page.getByLabel('Número de documento').fill('1098700001');
    await page.getByLabel('Nombre completo').fill('Valentina Navegador Prueba');
    await page.getByLabel('Correo electrónico').fill('valentina@correo.test');
    await page.getByLabel('Contraseña', { exact: true }).fill('Clave-segura-del-navegador');
    await page.getByLabel('Confirmar contraseña').fill('Clave-segura-del-navegador');
    await page.getByRole('checkbox').check();
    await expectAccessible(page);
    await expectFitsWidth(page);
    await page.getByRole('button', { name: 'Crear cuenta' }).click();
    await page.getByText('Revise su correo para activar la cuenta').waitFor();

    await page.goto(await server.lastLinkTo('valentina@correo.test'));
    await page.getByText('Cuenta activada').waitFor();
    await expectAccessible(page);

    await page.goto(`${server.url}/ingresar`);
    await page.getByLabel('Correo electrónico o número de documento').fill('1098700001');
    await page.getByLabel('Contraseña', { exact: true }).fill('Clave-segura-del-navegador');
    await page.getByRole('button', { name: 'Ingresar' }).click();
    await page.waitForURL(/\/mis-tramites/);
    await expectAccessible(page);
    await expectFitsWidth(page);

    await page.getByRole('button', { name: 'Emitir constancia de registro' }).click();
    await page.getByText('Su constancia de registro está lista').waitFor();
    const code = (await page.locator('.alert code, [role=status] code').first().textContent())!.trim();
    expect(code).toMatch(/^[A-Z0-9-]{10,}$/);
    const pdfHref = await page
      .getByRole('link', { name: 'Descargar la constancia (PDF)' })
      .getAttribute('href');
    const pdf = await page.request.get(new URL(pdfHref!, server.url).toString());
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');

    // What a third party sees from the QR: only what proves authenticity.
    const stranger = await newPage(server, 360);
    await stranger.goto(`${server.url}/verificar/${code}`);
    await stranger.getByText('V.N.P.').waitFor();
    const text = await stranger.locator('main').textContent();
    expect(text).toMatch(/vigente/i);
    expect(text).not.toContain('1098700001');
    expect(text).not.toContain('Valentina');
    await expectAccessible(stranger);
    await expectFitsWidth(stranger);
  });

  it('recovers a forgotten password by e-mail link', async () => {
    const page = await newPage(server, 360);
    await page.goto(`${server.url}/recuperar-clave`);
    await page.getByLabel('Correo electrónico').fill('ciudadano@demo.68001.alcaldia.test');
    await page.getByRole('button', { name: 'Enviar enlace' }).click();
    await page.getByText('Revise su correo').waitFor();
    await expectAccessible(page);

    await page.goto(await server.lastLinkTo('ciudadano@demo.68001.alcaldia.test'));
    await page.getByLabel('Contraseña', { exact: true }).fill('Nueva-clave-de-la-demo-1');
    await page.getByLabel('Confirmar contraseña').fill('Nueva-clave-de-la-demo-1');
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Guardar contraseña' }).click();
    await page.getByText(/Contraseña guardada/).waitFor();

    await page.goto(`${server.url}/ingresar`);
    await page
      .getByLabel('Correo electrónico o número de documento')
      .fill('ciudadano@demo.68001.alcaldia.test');
    await page.getByLabel('Contraseña', { exact: true }).fill('Nueva-clave-de-la-demo-1');
    await page.getByRole('button', { name: 'Ingresar' }).click();
    await page.waitForURL(/\/mis-tramites/);
  });

  it('every public page passes the accessibility check on a phone and on a desktop', async () => {
    for (const width of [360, 1280]) {
      const page = await newPage(server, width);
      await expectPagesAccessible(page, server, [
        '/',
        '/registro',
        '/ingresar',
        '/recuperar-clave',
        '/verificar',
        '/politica-de-datos',
        '/mapa-del-sitio',
      ]);
    }
  });

  it('the accessibility check does catch a violation (so the checks above mean something)', async () => {
    const page = await newPage(server, 360);
    await page.goto(`${server.url}/verificar`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.evaluate(() => {
      const unlabeled = document.createElement('input');
      unlabeled.type = 'text';
      document.querySelector('main')?.append(unlabeled);
    });
    await expect(expectAccessible(page)).rejects.toThrow(/label/);
  });

  it('shows a Spanish 404 page for an unknown address', async () => {
    const page = await newPage(server, 360);
    await page.goto(`${server.url}/no-existe-esta-pagina`);
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent())
      .toMatch(/no (existe|encontr)/i);
    await expectAccessible(page);
  });
});

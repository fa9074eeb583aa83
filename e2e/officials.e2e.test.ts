import { authenticator } from 'otplib';
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

let server: E2eServer;
beforeAll(async () => {
  if (chromiumPath) server = await startE2e();
});
afterAll(async () => server?.close());

async function signIn(page: Page, login: string) {
  await page.goto(`${server.url}/ingresar`);
  await page.getByRole('heading', { name: 'Cuentas de demostración' }).waitFor();
  await page.getByLabel('Correo electrónico o número de documento').fill(login);
  await page.getByLabel('Contraseña', { exact: true }).fill('Demo-Alcaldia-2026');
  await page.getByRole('button', { name: 'Ingresar' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/ingresar'));
}

describe.skipIf(!chromiumPath)('back office', () => {
  it('an administrator creates an official and sees the activation e-mail in the outbox', async () => {
    const page = await newPage(server, 1280);
    await page.goto(`${server.url}/ingresar`);
    await page.getByText('tic@demo.68001.alcaldia.test').first().waitFor();
    await expectAccessible(page);
    await signIn(page, 'tic@demo.68001.alcaldia.test');

    await page.goto(`${server.url}/admin/usuarios`);
    await page.getByRole('heading', { name: 'Nuevo funcionario' }).waitFor();
    await expectAccessible(page);
    const form = page.locator('form', { has: page.getByRole('button', { name: 'Crear funcionario' }) });
    await form.getByLabel('Tipo de documento').selectOption('CC');
    await form.getByLabel('Número de documento').fill('91000777');
    await form.getByLabel('Nombre completo').fill('Gloria Funcionaria Navegador');
    await form.getByLabel('Correo electrónico').fill('gloria@alcaldia.test');
    await form.getByLabel(/Dependencia/).selectOption('planeacion');
    await form
      .getByRole('checkbox', { name: /Funcionario/ })
      .first()
      .check();
    await form.getByRole('button', { name: 'Crear funcionario' }).click();
    await page.getByText('Gloria Funcionaria Navegador').first().waitFor();

    await page.goto(`${server.url}/admin/notificaciones`);
    await page.getByText('gloria@alcaldia.test').first().waitFor();
    await expectAccessible(page);
  });

  it('an auditor searches the audit log and exports it as CSV with a progress bar', async () => {
    const page = await newPage(server, 360);
    await signIn(page, 'control.interno@demo.68001.alcaldia.test');
    await page.goto(`${server.url}/admin/auditoria`);
    await page.getByRole('button', { name: 'Buscar' }).waitFor();
    await page.getByText('auth.login').first().waitFor();
    await expectAccessible(page);
    await expectFitsWidth(page);

    await page.getByRole('button', { name: 'Exportar CSV' }).click();
    const download = page.getByRole('link', { name: 'Descargar CSV' });
    await download.waitFor({ timeout: 30_000 });
    const csv = await page.request.get(
      new URL((await download.getAttribute('href'))!, server.url).toString(),
    );
    expect(csv.status()).toBe(200);
    expect((await csv.text()).split('\n')[0]).toContain('fecha_utc');

    await page.goto(`${server.url}/admin/tareas`);
    await page.getByRole('progressbar').first().waitFor();
    expect(await page.getByRole('progressbar').first().getAttribute('aria-valuenow')).toBe(
      await page.getByRole('progressbar').first().getAttribute('aria-valuemax'),
    );
    await expectAccessible(page);
    await expectFitsWidth(page);
  });

  it('an official turns on the TOTP second factor and is asked for the code at the next login', async () => {
    const page = await newPage(server, 360);
    await signIn(page, 'juridica@demo.68001.alcaldia.test');
    await expectAccessible(page);
    await page.goto(`${server.url}/cuenta/seguridad`);
    await page.getByRole('button', { name: 'Configurar verificación en dos pasos' }).click();
    await page.getByRole('img', { name: /Código QR/ }).waitFor();
    await expectAccessible(page);
    await expectFitsWidth(page);
    const secret = (await page.locator('.totp-secret').textContent())!.trim();
    await page.getByLabel('Código de verificación (6 dígitos)').fill(authenticator.generate(secret));
    await page.getByRole('button', { name: 'Activar verificación en dos pasos' }).click();
    await page.getByText(/quedó activada/).waitFor();

    // On a phone the exit button lives behind the menu.
    const menu = page.getByRole('button', { name: 'Menú' });
    if (await menu.isVisible()) await menu.click();
    await page.getByRole('button', { name: 'Salir' }).click();
    // Signed out when the server no longer knows the session (the menu may be folded on a phone).
    await expect
      .poll(async () => (await page.request.get(`${server.url}/api/v1/auth/me`)).status())
      .toBe(401);
    await page.goto(`${server.url}/ingresar`);
    await page
      .getByLabel('Correo electrónico o número de documento')
      .fill('juridica@demo.68001.alcaldia.test');
    await page.getByLabel('Contraseña', { exact: true }).fill('Demo-Alcaldia-2026');
    await page.getByRole('button', { name: 'Ingresar' }).click();
    const codeField = page.getByLabel('Código de verificación (6 dígitos)');
    await codeField.waitFor();
    await expectAccessible(page);
    await codeField.fill(authenticator.generate(secret));
    await page.getByRole('button', { name: 'Ingresar' }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/ingresar'));
  });

  it('every back-office page passes the accessibility check on a phone and on a desktop', async () => {
    for (const width of [360, 1280]) {
      const page = await newPage(server, width);
      await signIn(page, 'tic@demo.68001.alcaldia.test');
      await expectPagesAccessible(page, server, [
        '/admin',
        '/admin/usuarios',
        '/admin/tareas',
        '/admin/notificaciones',
        '/cuenta/seguridad',
        '/mis-tramites',
      ]);
    }
  });

  it('a citizen is kept out of the back office', async () => {
    const page = await newPage(server, 360);
    await signIn(page, 'ciudadano@demo.68001.alcaldia.test');
    await page.goto(`${server.url}/admin/auditoria`);
    await page.getByText('Acceso restringido').waitFor();
    await expectAccessible(page);
  });
});

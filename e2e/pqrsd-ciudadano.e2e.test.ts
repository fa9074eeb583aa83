/// <reference lib="dom" />
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  chromiumPath,
  type E2eServer,
  expectPageOk,
  expectPagesAccessible,
  newPage,
  signInAs,
  startE2e,
} from './harness.ts';

/** The demo citizen (config/tenants/68001.json; their password is DEMO_PASSWORD of demo-seed.ts). */
const CIUDADANO = 'ciudadano@demo.68001.alcaldia.test';
const PDF = Buffer.from(
  '%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n',
);
const EXE = Buffer.concat([
  Buffer.from('MZ'),
  Buffer.alloc(58, 0),
  Buffer.from([0x80, 0, 0, 0]),
  Buffer.alloc(200, 0),
]);
const RADICADO = /\d{4}-PQRSD-\d{6}/;
/** "lunes, 28 de diciembre de 2026". */
const LONG_DATE =
  /\d{1,2} de (enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre) de \d{4}/;
const NOT_FOUND = 'No encontramos una solicitud con ese radicado y ese documento o clave.';

let server: E2eServer;
/** Filled by the journeys for the accessibility sweep. */
const visited = { radicado: '' };

beforeAll(async () => {
  if (!chromiumPath) return;
  server = await startE2e();
});
afterAll(async () => server?.close());

const signIn = (page: Page, next: string) => signInAs(server, page, CIUDADANO, { next });

const checkPage = expectPageOk;

async function requestsWithSubject(subject: string) {
  const { rows } = await server.program.platform.ctx.database.raw.query<{
    radicado: string;
    files: number;
  }>('select radicado, cardinality(attachment_file_ids) as files from pqrsd_request where subject = $1', [
    subject,
  ]);
  return rows;
}

describe.skipIf(!chromiumPath)('PQRSD: the citizen', () => {
  it('a visitor files a petición with a PDF and personal data, gets the radicado and tracks it', async () => {
    const page = await newPage(server, 360);
    const keys: string[] = [];
    page.on('request', (request) => {
      if (request.method() === 'POST' && new URL(request.url()).pathname === '/api/v1/pqrsd')
        keys.push(request.headers()['idempotency-key'] ?? '');
    });

    // From the home page, through the phone menu.
    await page.goto(server.url);
    await page.getByRole('button', { name: 'Menú' }).click();
    await page
      .getByRole('navigation', { name: 'Navegación principal' })
      .getByRole('link', { name: 'PQRSD' })
      .click();
    await page.getByRole('heading', { level: 1, name: /\(PQRSD\)/ }).waitFor();
    const types = (await page.getByRole('table').textContent())!;
    expect(types).toMatch(/Petición general.*15 días hábiles/s);
    expect(types).toMatch(/Petición de documentos e información.*10 días hábiles/s);
    expect(types).toMatch(/Consulta.*30 días hábiles/s);
    await checkPage(page);

    await page.getByRole('link', { name: 'Radicar una PQRSD' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Radicar una PQRSD' }).waitFor();
    await page.getByRole('button', { name: 'Radicar la solicitud' }).click();
    await page.getByText('Elija el tipo de solicitud.').waitFor();
    await page.getByText('Debe aceptar la política de tratamiento de datos personales').waitFor();
    await checkPage(page);

    const subject = `Uso del suelo del lote de la calle 45 (${Date.now()})`;
    await page
      .getByLabel('Tipo de solicitud')
      .selectOption({ label: 'Petición general (responde en 15 días hábiles)' });
    // Only denuncias may be anonymous.
    await expect.poll(() => page.getByLabel(/de forma anónima/).count()).toBe(0);
    await page.getByLabel('Tema').selectOption({ label: 'Uso del suelo, licencias y nomenclatura' });
    await page.getByLabel('Asunto').fill(subject);
    await page
      .getByLabel('Descripción')
      .fill(
        'Solicito el certificado de uso del suelo del lote ubicado en la calle 45 # 27-10, barrio Sotomayor.',
      );
    await page
      .getByLabel('Documentos adjuntos (opcional)')
      .setInputFiles({ name: 'escritura.pdf', mimeType: 'application/pdf', buffer: PDF });
    await page.getByLabel('Nombre completo').fill('Ana María Prueba Navegador');
    // A document number the form accepts but the server does not: its message lands on the field.
    await page.getByLabel('Número de documento').fill('ABC123');
    await page.getByLabel('Correo electrónico').fill('ana.prueba@correo.test');
    await page.getByLabel(/Autorizo el tratamiento de mis datos personales/).check();
    await page.getByRole('button', { name: 'Radicar la solicitud' }).click();
    const documentField = page
      .locator('.field--error')
      .filter({ has: page.getByLabel('Número de documento') });
    await documentField.getByText('La cédula de ciudadanía debe tener entre 3 y 10 dígitos').waitFor();
    expect(await requestsWithSubject(subject)).toHaveLength(0);

    await page.getByLabel('Número de documento').fill('1098765432');
    // A program renamed .pdf is refused by its content; the message lands on the attachments field.
    const attachments = page.getByLabel('Documentos adjuntos (opcional)');
    await attachments.setInputFiles({ name: 'escritura.pdf', mimeType: 'application/pdf', buffer: EXE });
    await page.getByRole('button', { name: 'Radicar la solicitud' }).click();
    await page
      .locator('.field--error')
      .filter({ has: attachments })
      .getByText('El tipo de archivo no está permitido')
      .waitFor();
    expect(await requestsWithSubject(subject)).toHaveLength(0);
    await attachments.setInputFiles({ name: 'escritura.pdf', mimeType: 'application/pdf', buffer: PDF });
    // A double click files once: one key for the whole form fill, and the button is disabled while sending.
    await page.getByRole('button', { name: 'Radicar la solicitud' }).dblclick();
    await page.getByRole('heading', { name: 'Solicitud radicada' }).waitFor();
    const receipt = (await page.locator('.panel').textContent())!;
    const radicado = receipt.match(RADICADO)![0];
    visited.radicado = radicado;
    expect(receipt).toMatch(/Fecha máxima de respuesta/);
    expect(receipt).toMatch(LONG_DATE);
    expect(receipt).toContain('(15 días hábiles)');
    expect(receipt).toContain('Secretaría de Planeación');
    expect(receipt).not.toContain('clave de consulta');
    const filed = await requestsWithSubject(subject);
    expect(filed).toEqual([{ radicado, files: 1 }]);
    expect(keys.at(-1)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(keys.length).toBeGreaterThanOrEqual(2);
    expect(new Set(keys).size).toBe(1);
    await checkPage(page);

    // Tracking: the radicado comes in the link; a wrong document gets the one generic message.
    await page.getByRole('link', { name: 'Consultar el estado' }).click();
    await page.getByRole('heading', { level: 1, name: 'Consultar el estado de una PQRSD' }).waitFor();
    expect(await page.getByLabel('Número de radicado').inputValue()).toBe(radicado);
    await page.getByLabel('Número de documento o clave de consulta').fill('1098765433');
    await page.getByRole('button', { name: 'Consultar' }).click();
    await page.getByText(NOT_FOUND).waitFor();
    await expect.poll(() => page.locator('[aria-invalid="true"]').count()).toBe(0);
    await checkPage(page);
    // A radicado that does not exist reads exactly the same.
    await page.getByLabel('Número de radicado').fill('2020-PQRSD-999999');
    await page.getByLabel('Número de documento o clave de consulta').fill('1098765432');
    await page.getByRole('button', { name: 'Consultar' }).click();
    await page.getByText(NOT_FOUND).waitFor();

    await page.getByLabel('Número de radicado').fill(radicado);
    await page.getByRole('button', { name: 'Consultar' }).click();
    await page.getByRole('heading', { level: 2, name: `Solicitud ${radicado}` }).waitFor();
    const status = (await page.getByRole('region', { name: `Solicitud ${radicado}` }).textContent())!;
    expect(status).toContain('Radicada: en reparto');
    expect(status).toContain(subject);
    expect(status).toContain('Secretaría de Planeación');
    expect(status).toMatch(LONG_DATE);
    expect(
      await page.getByRole('list', { name: `Historial de la solicitud ${radicado}` }).textContent(),
    ).toContain('Radicada');
    await expect.poll(() => page.getByText(NOT_FOUND).count()).toBe(0);
    await checkPage(page);
  });

  it('an anonymous denuncia gets a tracking key, shown once, that opens the tracking page', async () => {
    const page = await newPage(server, 1280);
    await page.goto(`${server.url}/pqrsd/radicar`);
    await page
      .getByLabel('Tipo de solicitud')
      .selectOption({ label: 'Denuncia (responde en 15 días hábiles)' });
    await page.getByLabel(/Presentar la denuncia de forma anónima/).check();
    // No personal data is asked for.
    await expect.poll(() => page.getByLabel('Nombre completo').count()).toBe(0);
    await expect.poll(() => page.getByLabel(/Autorizo el tratamiento/).count()).toBe(0);
    await page.getByLabel('Tema').selectOption({ label: 'Conducta de servidores públicos' });
    await page.getByLabel('Asunto').fill('Cobro indebido en una ventanilla');
    await page
      .getByLabel('Descripción')
      .fill('Un funcionario pidió dinero para agilizar un trámite de licencia.');
    await page.getByRole('button', { name: 'Radicar la solicitud' }).click();
    await page.getByRole('heading', { name: 'Solicitud radicada' }).waitFor();
    const keyBox = page.getByRole('note', { name: 'Su clave de consulta' });
    const key = (await keyBox.locator('code').textContent())!.trim();
    expect(key).toMatch(/^[0-9A-Z]{5}-[0-9A-Z]{5}$/);
    expect(await keyBox.textContent()).toMatch(/No la volveremos a mostrar/);
    const radicado = (await page.locator('.pqrsd-radicado').textContent())!.trim();
    expect(await page.locator('.panel').textContent()).toContain('Oficina de Control Interno de Gestión');
    await checkPage(page);

    await page.getByRole('link', { name: 'Consultar el estado' }).click();
    await page.getByLabel('Número de documento o clave de consulta').fill(key.toLowerCase());
    await page.getByRole('button', { name: 'Consultar' }).click();
    await page.getByRole('heading', { name: `Solicitud ${radicado}` }).waitFor();
    expect(await page.getByRole('region', { name: `Solicitud ${radicado}` }).textContent()).toContain(
      'Denuncia',
    );
  });

  it('a signed-in citizen files with the account and finds the request in Mis PQRSD', async () => {
    const page = await newPage(server, 360);
    await signIn(page, '/pqrsd/radicar');
    await page.getByText('Radicará con su cuenta:').waitFor();
    await expect.poll(() => page.getByLabel('Nombre completo').count()).toBe(0);
    await page
      .getByLabel('Tipo de solicitud')
      .selectOption({ label: 'Reclamo (responde en 15 días hábiles)' });
    await page.getByLabel('Tema').selectOption({ label: 'Pagos, recibos y devoluciones' });
    const subject = `Pago del predial aplicado dos veces (${Date.now()})`;
    await page.getByLabel('Asunto').fill(subject);
    await page
      .getByLabel('Descripción')
      .fill('Pagué el recibo por PSE y también en el banco; pido la devolución.');
    await page.getByRole('button', { name: 'Radicar la solicitud' }).click();
    await page.getByRole('heading', { name: 'Solicitud radicada' }).waitFor();
    const radicado = (await page.locator('.pqrsd-radicado').textContent())!.trim();
    expect(await page.locator('.panel').textContent()).toContain('Tesorería General');

    await page.getByRole('link', { name: 'Ver mis PQRSD' }).click();
    await page.getByRole('heading', { level: 1, name: 'Mis PQRSD' }).waitFor();
    const card = page.locator('main .card').filter({ hasText: radicado });
    expect(await card.textContent()).toContain(subject);
    await card.getByText('Ver el detalle y el historial').click();
    await card.getByRole('list', { name: `Historial de la solicitud ${radicado}` }).waitFor();
    await checkPage(page);
  });

  it('every public PQRSD page passes the accessibility check on a phone and on a desktop', async () => {
    for (const width of [360, 1280]) {
      const page = await newPage(server, width);
      await expectPagesAccessible(page, server, [
        '/pqrsd',
        '/pqrsd/radicar',
        `/pqrsd/consultar?radicado=${visited.radicado}`,
        '/mapa-del-sitio',
      ]);
      await signIn(page, '/pqrsd/mias');
      await expectPagesAccessible(page, server, ['/pqrsd/mias', '/pqrsd/radicar']);
    }
  });
});

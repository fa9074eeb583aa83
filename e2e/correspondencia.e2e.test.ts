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

/** The demo's ventanilla: the CAME official holds gestion_documental (config/tenants/68001.json). */
const VENTANILLA = 'came@demo.68001.alcaldia.test';
const PDF = Buffer.from(
  '%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n',
);
const EXE = Buffer.concat([
  Buffer.from('MZ'),
  Buffer.alloc(58, 0),
  Buffer.from([0x80, 0, 0, 0]),
  Buffer.alloc(200, 0),
]);

let server: E2eServer;

beforeAll(async () => {
  if (!chromiumPath) return;
  server = await startE2e();
});
afterAll(async () => server?.close());

const signIn = (page: Page, login: string) => signInAs(server, page, login);

const checkPage = expectPageOk;

describe.skipIf(!chromiumPath)('correspondencia: the ventanilla and the archive', () => {
  it('radicates an incoming letter with its PDF, finds it by full-text search and files it in a new expediente', async () => {
    const page = await newPage(server, 360);
    await signIn(page, VENTANILLA);
    await page.goto(`${server.url}/admin`);
    await page.getByRole('link', { name: 'Correspondencia', exact: true }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Correspondencia' }).waitFor();
    await checkPage(page);

    await page.getByRole('link', { name: 'Radicar comunicación' }).click();
    await page.getByRole('heading', { level: 1, name: 'Radicar comunicación' }).waitFor();
    await page.getByRole('button', { name: 'Radicar' }).click();
    await page.getByText('Escriba el asunto (al menos 3 caracteres).').waitFor();
    await checkPage(page);

    await page.getByLabel('Asunto').fill('Derecho de petición sobre el alumbrado público del barrio La Joya');
    await page.getByLabel('Nombre del remitente').fill('Carlos Andrés Pérez Rueda');
    await page
      .getByLabel('Dirección, correo o teléfono del remitente (opcional)')
      .fill('carlos.perez@correo.test');
    await page.getByLabel('Nombre del destinatario').fill('Alcaldía de Bucaramanga');
    await page.getByLabel('Dependencia', { exact: true }).selectOption('came');
    await page.getByLabel('Serie o subserie documental (TRD)').selectOption('140.20.1');
    await page.getByLabel('Folios').fill('2');
    // An executable renamed .pdf is refused by its content, and nothing is radicated.
    await page
      .getByLabel('Documentos digitalizados')
      .setInputFiles({ name: 'carta.pdf', mimeType: 'application/pdf', buffer: EXE });
    await page.getByRole('button', { name: 'Radicar' }).click();
    await page
      .getByText(/«carta\.pdf»: El tipo de archivo no está permitido/)
      .first()
      .waitFor();
    await checkPage(page);

    await page
      .getByLabel('Documentos digitalizados')
      .setInputFiles({ name: 'carta.pdf', mimeType: 'application/pdf', buffer: PDF });
    await page.getByRole('button', { name: 'Radicar' }).click();
    const heading = page.getByRole('heading', { level: 1, name: /^Radicado \d{4}-CE-\d{6}$/ });
    await heading.waitFor();
    const radicado = (await heading.textContent())!.replace('Radicado ', '');
    expect(radicado).toMatch(/-CE-000001$/);
    await page.getByText(`Comunicación radicada con el número ${radicado}`).waitFor();
    await page.getByRole('link', { name: 'carta.pdf' }).waitFor();
    await checkPage(page);

    // Full-text search: capitals and no accents still find «petición».
    await page.getByRole('link', { name: 'Volver a la correspondencia' }).click();
    await page.getByRole('heading', { level: 1, name: 'Correspondencia' }).waitFor();
    await page.getByLabel('Buscar', { exact: true }).fill('PETICION alumbrado');
    await page.getByRole('button', { name: 'Buscar' }).click();
    await page.getByRole('heading', { name: 'Resultados para «PETICION alumbrado»' }).waitFor();
    const results = page.getByRole('region', { name: 'Radicados encontrados' });
    await results.getByRole('link', { name: radicado }).waitFor();
    await checkPage(page);

    await results.getByRole('link', { name: radicado }).click();
    await page.getByRole('heading', { level: 1, name: `Radicado ${radicado}` }).waitFor();
    await page.getByRole('link', { name: 'Archivar en un expediente nuevo' }).click();
    await page.getByRole('heading', { level: 1, name: 'Expedientes' }).waitFor();
    await page.getByText(`El radicado ${radicado} se archivará en el expediente nuevo`).waitFor();
    await checkPage(page);
    await page.getByLabel('Nombre del expediente').fill('Alumbrado público del barrio La Joya');
    expect(await page.getByLabel('Dependencia', { exact: true }).first().inputValue()).toBe('came');
    await page.getByLabel('Serie o subserie documental (TRD)').selectOption('140.20.1');
    await page.getByRole('button', { name: 'Abrir el expediente y archivar el radicado' }).click();

    const folderHeading = page.getByRole('heading', { level: 1, name: /^Expediente \d{4}-140\.20\.1-0001$/ });
    await folderHeading.waitFor();
    const index = page.getByRole('region', { name: 'Índice electrónico del expediente' });
    await index.getByRole('link', { name: radicado }).waitFor();
    expect(await index.textContent()).toMatch(/1 a 2/);
    expect(await page.locator('.data-list').first().textContent()).toMatch(/Selección/);
    await checkPage(page);

    await page.getByRole('button', { name: 'Cerrar el expediente' }).click();
    await page.getByRole('button', { name: 'Sí, cerrar el expediente' }).click();
    await page.getByText(/Transferencia al archivo central en \d{4}/).waitFor();
    await expect.poll(() => page.getByRole('button', { name: /Cerrar el expediente/ }).count()).toBe(0);
    await checkPage(page);
  });

  it('every correspondence page is accessible on a phone', async () => {
    const page = await newPage(server, 360);
    await signIn(page, VENTANILLA);
    await expectPagesAccessible(page, server, [
      '/admin/correspondencia/expedientes',
      '/admin/correspondencia/trd',
      '/admin/correspondencia?q=peticion&direction=entrada',
    ]);
  });
});

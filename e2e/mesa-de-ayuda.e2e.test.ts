/// <reference lib="dom" />
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  chromiumPath,
  type E2eServer,
  expectAccessible,
  expectPageOk,
  expectPagesAccessible,
  newPage,
  signInAs,
  startE2e,
} from './harness.ts';

// Demo accounts (config/tenants/68001.json): Planeación is a plain official; the Oficina TIC's official is
// the help desk's coordinator and a technician.
const PLANEACION = 'planeacion@demo.68001.alcaldia.test';
const TIC = 'tic@demo.68001.alcaldia.test';
const SCREENSHOT = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

let server: E2eServer;

beforeAll(async () => {
  if (!chromiumPath) return;
  server = await startE2e();
});
afterAll(async () => server?.close());

const signIn = (page: Page, login: string) => signInAs(server, page, login);

async function settle(page: Page) {
  await page.getByRole('heading', { level: 1 }).waitFor();
  await expectPageOk(page);
}

describe.skipIf(!chromiumPath)('mesa de ayuda: an official asks the Oficina TIC for help', () => {
  it('Planeación opens a ticket; TIC takes, comments and resolves it; the requester confirms and rates', async () => {
    // ── The requester, on a phone ──
    const requester = await newPage(server, 360);
    await signIn(requester, PLANEACION);
    await requester.goto(`${server.url}/admin/mesa-de-ayuda`);
    await requester.getByRole('heading', { level: 1, name: 'Mesa de ayuda: mis tickets' }).waitFor();
    await requester.getByText('No tiene tickets abiertos.').waitFor();
    await settle(requester);

    await requester.getByRole('link', { name: 'Abrir un ticket' }).click();
    await requester.getByRole('heading', { level: 1, name: 'Abrir un ticket de soporte' }).waitFor();
    await requester
      .getByLabel('Categoría')
      .selectOption({ label: 'Equipos de cómputo, impresoras y periféricos' });
    await settle(requester);
    // Missing fields are named before anything is sent.
    await requester.getByRole('button', { name: 'Abrir el ticket' }).click();
    await requester.getByText('Escriba el asunto (al menos 5 caracteres).').waitFor();
    await expectAccessible(requester);

    await requester.getByLabel('Prioridad').selectOption('alta');
    await requester.getByLabel('Asunto').fill('La impresora de la oficina no imprime');
    await requester
      .getByLabel('Descripción')
      .fill('Desde esta mañana la impresora compartida del piso 3 muestra «papel atascado» y no imprime.');
    await requester
      .getByLabel('Adjuntos (opcional)')
      .setInputFiles({ name: 'pantallazo.pdf', mimeType: 'application/pdf', buffer: SCREENSHOT });
    await requester.getByRole('button', { name: 'Abrir el ticket' }).click();
    const heading = requester.getByRole('heading', { level: 1, name: /^Ticket \d{4}-MDA-000001$/ });
    await heading.waitFor();
    const number = (await heading.textContent())!.replace('Ticket ', '');
    await requester.getByText(`Ticket ${number} abierto.`).waitFor();
    await requester.getByRole('link', { name: 'pantallazo.pdf' }).first().waitFor();
    await expect.poll(() => requester.getByText('Abierto: sin técnico').count()).toBeGreaterThan(0);
    await settle(requester);
    const ticketUrl = requester.url();

    // ── The Oficina TIC, on a desktop ──
    const tic = await newPage(server, 1280);
    await signIn(tic, TIC);
    await tic.goto(`${server.url}/admin`);
    await tic.getByRole('link', { name: 'Cola de la mesa de ayuda' }).first().click();
    await tic.getByRole('heading', { level: 1, name: 'Cola de la mesa de ayuda' }).waitFor();
    await tic.getByRole('link', { name: number }).waitFor();
    const allTab = tic.getByRole('link', { name: /^Todos \d+ tickets$/ });
    expect(await allTab.textContent()).toMatch(/Todos\s*1/);
    await settle(tic);
    await tic.getByRole('link', { name: /^Vencidos/ }).click();
    await tic.getByText('No hay tickets en «vencidos» en esta vista.').waitFor();
    await tic.getByRole('link', { name: /^Todos \d+ tickets$/ }).click();

    await tic.getByRole('link', { name: number }).click();
    await tic.getByRole('heading', { level: 1, name: `Ticket ${number}` }).waitFor();
    await settle(tic);
    await tic.getByRole('button', { name: 'Tomar el ticket' }).click();
    await tic.getByText('Usted tomó el ticket: ya está en atención.').waitFor();
    await tic.getByLabel('Comentario', { exact: true }).fill('Voy en camino con un rodillo de repuesto.');
    await tic.getByRole('button', { name: 'Enviar comentario' }).click();
    await tic.getByText('Comentario enviado.').waitFor();
    await tic
      .getByLabel('Solución aplicada')
      .fill('Se cambió el rodillo de arrastre y se imprimió una prueba.');
    await tic.getByRole('button', { name: 'Resolver', exact: true }).click();
    await tic.getByText('Resolver: hecho.').waitFor();
    await expect
      .poll(() => tic.getByText('Resuelto: falta la confirmación del solicitante').count())
      .toBeGreaterThan(0);
    await settle(tic);

    // ── The requester confirms and rates ──
    await requester.goto(ticketUrl);
    await requester.getByText('Voy en camino con un rodillo de repuesto.').waitFor();
    await requester.getByText('Puede reabrirlo hasta').waitFor();
    await settle(requester);
    await requester.getByLabel('Calificación').selectOption('5');
    await requester.getByLabel('Comentario (opcional)').fill('Rápido y amable.');
    await requester.getByRole('button', { name: 'Enviar calificación' }).click();
    await requester.getByText('Gracias por calificar la atención.').waitFor();
    await requester.getByRole('button', { name: 'Confirmar la solución y cerrar' }).click();
    await requester.getByText('Confirmar la solución y cerrar: hecho.').waitFor();
    await expect.poll(() => requester.getByText('5 de 5 — «Rápido y amable.»').count()).toBe(1);
    // The closed ticket reloads after the confirmation: the comment form goes away once it has.
    await expect.poll(() => requester.getByRole('button', { name: 'Enviar comentario' }).count()).toBe(0);
    await settle(requester);

    await requester.goto(`${server.url}/admin/mesa-de-ayuda?estado=cerrados`);
    await requester.getByRole('link', { name: number }).waitFor();
    await settle(requester);
    // The plain official has no queue.
    await requester.goto(`${server.url}/admin/mesa-de-ayuda/cola`);
    await requester.getByRole('heading', { level: 1 }).waitFor();
    await expect.poll(() => requester.getByRole('link', { name: number }).count()).toBe(0);

    // ── The reports, on a phone ──
    const reports = await newPage(server, 360);
    await signIn(reports, TIC);
    await expectPagesAccessible(reports, server, ['/admin/mesa-de-ayuda/informes']);
    await reports
      .getByRole('img', { name: /Gráfico de barras de las solicitudes por dependencia/ })
      .waitFor();
    const table = await reports
      .getByRole('region', { name: 'Tabla: solicitudes por dependencia' })
      .textContent();
    expect(table).toMatch(/Secretaría de Planeación\s*1/);
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Bogota' }).format(new Date());
    const csv = await reports.request.get(
      `${server.url}/api/v1/mesa-de-ayuda/informes.csv?desde=${today.slice(0, 4)}-01-01&hasta=${today}`,
    );
    expect(await csv.text()).toContain('Secretaría de Planeación;1;100');
  });
});

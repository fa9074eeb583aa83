/// <reference lib="dom" />
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type APIRequestContext, type Page, request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../src/platform/bootstrap/demo-seed.ts';
import {
  chromiumPath,
  type E2eServer,
  expectPageOk,
  expectPagesAccessible,
  newPage,
  signInAs,
  startE2e,
} from './harness.ts';

/** Demo accounts (config/tenants/68001.json; their password is DEMO_PASSWORD of demo-seed.ts). */
const COORDINADOR = 'came@demo.68001.alcaldia.test';
const GESTOR_PLANEACION = 'planeacion@demo.68001.alcaldia.test';
const JEFE_PLANEACION = 'jefe.planeacion@demo.68001.alcaldia.test';
const PETITIONER_DOCUMENT = '1098765432';
const PDF = Buffer.from(
  '%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n',
);
const EML = fileURLToPath(
  new URL('../src/modules/requests/intake/fixtures/multipart-pdf.eml', import.meta.url),
);

interface Receipt {
  id: string;
  radicado: string;
}

let server: E2eServer;
/** Filled by the journeys for the accessibility sweep. */
const visited = { requestId: '' };

beforeAll(async () => {
  if (!chromiumPath) return;
  server = await startE2e();
});
afterAll(async () => server?.close());

const signIn = (page: Page, login: string) => signInAs(server, page, login);

const checkPage = expectPageOk;

/** An API client, signed in when `login` is given (cookie + CSRF token). */
async function apiAs(
  login?: string,
): Promise<{ api: APIRequestContext; csrf: Record<string, string>; userId: string }> {
  const api = await request.newContext({ baseURL: server.url });
  if (!login) return { api, csrf: {}, userId: '' };
  const response = await api.post('/api/v1/auth/login', { data: { login, password: DEMO_PASSWORD } });
  expect(response.status()).toBe(200);
  const me = (await (await api.get('/api/v1/auth/me')).json()) as { csrfToken: string; user: { id: string } };
  return { api, csrf: { 'x-csrf-token': me.csrfToken }, userId: me.user.id };
}

/** Files a petición for Planeación through the API: the journeys that do not need the form. */
async function fileThroughApi(subject: string, category = 'planeacion'): Promise<Receipt> {
  const { api } = await apiAs();
  const response = await api.post('/api/v1/pqrsd', {
    data: {
      type: 'peticion',
      category,
      subject,
      description: `Descripción de la solicitud «${subject}» para la prueba de navegador.`,
      petitioner: {
        name: 'Ana María Prueba Navegador',
        documentType: 'CC',
        documentNumber: PETITIONER_DOCUMENT,
        email: 'ana.prueba@correo.test',
      },
      acceptsPrivacyPolicy: true,
    },
  });
  expect(response.status()).toBe(201);
  const receipt = (await response.json()) as Receipt;
  await api.dispose();
  return receipt;
}

async function act(
  client: { api: APIRequestContext; csrf: Record<string, string> },
  id: string,
  body: Record<string, unknown>,
) {
  const detail = (await (await client.api.get(`/api/v1/pqrsd/solicitudes/${id}`)).json()) as {
    case: { version: number };
  };
  const response = await client.api.post(`/api/v1/pqrsd/solicitudes/${id}/acciones`, {
    headers: client.csrf,
    data: { ...body, expectedVersion: detail.case.version },
  });
  expect(response.status(), await response.text()).toBe(200);
}

/** The public tracking page, as the petitioner (no session). */
async function track(page: Page, radicado: string) {
  await page.goto(`${server.url}/pqrsd/consultar?radicado=${radicado}`);
  await page.getByLabel('Número de documento o clave de consulta').fill(PETITIONER_DOCUMENT);
  await page.getByRole('button', { name: 'Consultar' }).click();
  await page.getByRole('heading', { level: 2, name: `Solicitud ${radicado}` }).waitFor();
  return page.getByRole('region', { name: `Solicitud ${radicado}` });
}

async function chooseAction(page: Page, label: string) {
  await page.getByLabel('¿Qué desea hacer?').selectOption({ label });
}

async function expectDone(page: Page, label: string) {
  await page.getByText(`Se registró: ${label}.`).waitFor();
}

const clockPanel = (page: Page) => page.getByRole('region', { name: 'Estado y término' });

describe.skipIf(!chromiumPath)('PQRSD: the back office', () => {
  it('the coordinator assigns, the official drafts from a template, the head approves; the citizen downloads the answer', async () => {
    const subject = `Certificado de uso del suelo (${Date.now()})`;
    const { radicado, id } = await fileThroughApi(subject);
    visited.requestId = id;

    // The coordinator sees every request and assigns it to the Planeación official.
    const coordinator = await newPage(server, 1280);
    await signIn(coordinator, COORDINADOR);
    await coordinator.goto(`${server.url}/admin`);
    await coordinator
      .getByRole('navigation', { name: 'Administración' })
      .getByRole('link', { name: 'PQRSD', exact: true })
      .click();
    await coordinator.getByRole('heading', { level: 1, name: 'Bandeja de PQRSD' }).waitFor();
    await coordinator.getByLabel('Dependencia').selectOption({ label: 'Secretaría de Planeación' });
    await coordinator.getByRole('button', { name: 'Ver', exact: true }).click();
    await coordinator.waitForURL(/dependencia=planeacion/);
    await coordinator.getByRole('link', { name: radicado }).click();
    await coordinator.getByRole('heading', { level: 1, name: `Solicitud ${radicado}` }).waitFor();
    expect(await coordinator.getByRole('region', { name: 'Peticionario' }).textContent()).toContain(
      PETITIONER_DOCUMENT,
    );
    await checkPage(coordinator);
    await chooseAction(coordinator, 'Asignar');
    await coordinator.getByRole('button', { name: 'Asignar' }).click();
    await coordinator.getByText('Elija el funcionario que recibe la solicitud.').first().waitFor();
    // A coordinator may send it to another dependencia: its officials are offered instead.
    const officials = coordinator.getByLabel('Funcionario', { exact: true });
    await coordinator.getByLabel('Dependencia', { exact: true }).selectOption({ label: 'Tesorería General' });
    await expect.poll(() => officials.textContent()).toContain('Funcionario Demo Tesorería General');
    expect(await officials.textContent()).not.toContain('Secretaría de Planeación');
    await coordinator
      .getByLabel('Dependencia', { exact: true })
      .selectOption({ label: 'Secretaría de Planeación' });
    await expect.poll(() => officials.textContent()).toContain('Funcionario Demo Secretaría de Planeación');
    await officials.selectOption({
      label: 'Funcionario Demo Secretaría de Planeación',
    });
    await coordinator.getByRole('button', { name: 'Asignar' }).click();
    await expectDone(coordinator, 'Asignar');
    const assigned = (await clockPanel(coordinator).textContent())!;
    expect(assigned).toContain('Asignada a un funcionario');
    expect(assigned).toContain('Funcionario Demo Secretaría de Planeación');

    // The official finds it among "asignadas a mí", starts and drafts the answer from a template.
    const official = await newPage(server, 360);
    await signIn(official, GESTOR_PLANEACION);
    await official.goto(`${server.url}/admin/pqrsd`);
    await official.getByRole('link', { name: radicado }).click();
    await official.getByRole('heading', { level: 1, name: `Solicitud ${radicado}` }).waitFor();
    await chooseAction(official, 'Iniciar el trámite');
    await official.getByRole('button', { name: 'Iniciar el trámite' }).click();
    await expectDone(official, 'Iniciar el trámite');
    await chooseAction(official, 'Enviar la respuesta a revisión');
    await official.getByLabel('Plantilla de respuesta').selectOption({ label: 'Respuesta de fondo' });
    await official.getByRole('button', { name: 'Usar la plantilla' }).click();
    const answer = official.getByLabel('Texto de la respuesta');
    await expect.poll(() => answer.inputValue()).toContain('Respetado(a) Ana María Prueba Navegador');
    expect(await answer.inputValue()).toContain(radicado);
    await checkPage(official);
    // The template's blanks must be filled before it goes to review.
    await official.getByRole('button', { name: 'Enviar la respuesta a revisión' }).click();
    await official
      .getByText('Complete o borre los espacios entre corchetes de la plantilla.')
      .first()
      .waitFor();
    const text = (await answer.inputValue()).replace(
      /\[[^\]]+\]/,
      'El lote tiene uso residencial según el Plan de Ordenamiento Territorial vigente.',
    );
    await answer.fill(text);
    await official.getByRole('button', { name: 'Enviar la respuesta a revisión' }).click();
    await expectDone(official, 'Enviar la respuesta a revisión');
    expect(await clockPanel(official).textContent()).toContain(
      'Respuesta en revisión del jefe de la dependencia',
    );
    await checkPage(official);

    // The head of Planeación reads the draft and approves it.
    const head = await newPage(server, 1280);
    await signIn(head, JEFE_PLANEACION);
    await head.goto(`${server.url}/admin/pqrsd`);
    await head.getByRole('link', { name: radicado }).click();
    await head.getByRole('heading', { level: 1, name: `Solicitud ${radicado}` }).waitFor();
    await chooseAction(head, 'Aprobar y enviar la respuesta');
    expect(await head.getByRole('region', { name: 'Respuesta a revisar' }).textContent()).toContain(
      'uso residencial',
    );
    await head.getByRole('button', { name: 'Aprobar y enviar la respuesta' }).click();
    await expectDone(head, 'Aprobar y enviar la respuesta');
    expect(await clockPanel(head).textContent()).toContain('Respondida');
    const code = (await head
      .getByRole('region', { name: 'Respuesta', exact: true })
      .getByRole('link')
      .textContent())!.trim();
    await checkPage(head);

    // The citizen sees "Respondida", downloads the PDF and finds the verification code.
    const citizen = await newPage(server, 360);
    const status = await track(citizen, radicado);
    expect(await status.textContent()).toContain('Respondida');
    const downloading = citizen.waitForEvent('download');
    await citizen.getByRole('button', { name: 'Descargar la respuesta (PDF)' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toBe(`respuesta-${radicado}.pdf`);
    const bytes = fs.readFileSync((await download.path())!);
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    const verify = citizen.getByRole('link', { name: 'Verifique la autenticidad del documento' });
    expect(await verify.getAttribute('href')).toBe(`/verificar/${code}`);
    expect(await status.textContent()).toContain(code);
    await checkPage(citizen);
  });

  it('asking for information pauses the term; the citizen answers from the tracking page and it runs again', async () => {
    const { radicado, id } = await fileThroughApi(`Licencia de construcción (${Date.now()})`);
    const coordinatorApi = await apiAs(COORDINADOR);
    const officialApi = await apiAs(GESTOR_PLANEACION);
    await act(coordinatorApi, id, { action: 'asignar', assignTo: { userId: officialApi.userId } });
    await act(officialApi, id, { action: 'tomar' });
    // Only coordinators list the officials of other dependencias.
    const refused = await officialApi.api.get('/api/v1/pqrsd/funcionarios?dependencia=tesoreria');
    expect(refused.status()).toBe(403);

    const official = await newPage(server, 1280);
    await signIn(official, GESTOR_PLANEACION);
    await official.goto(`${server.url}/admin/pqrsd/${id}`);
    await official.getByRole('heading', { level: 1, name: `Solicitud ${radicado}` }).waitFor();
    await chooseAction(official, 'Solicitar información adicional');
    await official.getByRole('button', { name: 'Solicitar información adicional' }).click();
    await official.getByText('Escriba la información que necesita del peticionario.').first().waitFor();
    await official
      .getByLabel('Información que necesita del peticionario')
      .fill('Envíe el plano del lote con la nomenclatura actualizada.');
    await official.getByRole('button', { name: 'Solicitar información adicional' }).click();
    await expectDone(official, 'Solicitar información adicional');
    const paused = (await clockPanel(official).textContent())!;
    expect(paused).toContain('Esperando información del peticionario');
    expect(paused).toContain('Suspendido');
    expect(paused).toContain('Término suspendido');

    // The "suspendidas" tab of the official's inbox counts and lists it.
    await official.goto(`${server.url}/admin/pqrsd?alcance=mias&filtro=pausado`);
    const tab = official.getByRole('link', { name: /^Suspendidas/ });
    expect(await tab.getAttribute('aria-current')).toBe('page');
    await expect.poll(() => tab.textContent()).toMatch(/Suspendidas\s*[1-9]/);
    await official.getByRole('link', { name: radicado }).waitFor();
    await checkPage(official);

    // Two weeks pass while the petitioner gathers the plan: the case clock is moved back 14 days.
    const db = server.program.platform.ctx.database.raw;
    const { rows } = await db.query<{ clock_events: { type: string; at: string }[] }>(
      'select clock_events from workflow_case where reference = $1',
      [radicado],
    );
    const twoWeeks = 14 * 24 * 3600 * 1000;
    const moved = rows[0]!.clock_events.map((event) => ({
      ...event,
      at: new Date(new Date(event.at).getTime() - twoWeeks).toISOString(),
    }));
    await db.query('update workflow_case set clock_events = $1 where reference = $2', [
      JSON.stringify(moved),
      radicado,
    ]);

    const citizen = await newPage(server, 360);
    const status = await track(citizen, radicado);
    expect(await status.textContent()).toContain('Esperando información suya (término suspendido)');
    expect(await citizen.locator('.alert--warning').textContent()).toContain('Envíe el plano del lote');
    await checkPage(citizen);
    await citizen.getByRole('button', { name: 'Enviar la información' }).click();
    await citizen.getByText('Escriba la información pedida (mínimo 5 caracteres).').first().waitFor();
    await citizen
      .getByLabel('Su respuesta')
      .fill('Adjunto el plano del lote con la nomenclatura de Planeación.');
    await citizen
      .getByLabel('Documentos (opcional)')
      .setInputFiles({ name: 'plano-del-lote.pdf', mimeType: 'application/pdf', buffer: PDF });
    await citizen.getByRole('button', { name: 'Enviar la información' }).click();
    await citizen.getByText('Información recibida', { exact: true }).waitFor();
    const resumed = (await status.textContent())!;
    expect(resumed).toContain('En trámite');
    expect(resumed).toContain('Información recibida: el término se reanudó');
    await expect.poll(() => citizen.getByRole('button', { name: 'Enviar la información' }).count()).toBe(0);
    await checkPage(citizen);

    // The official's page: the clock runs again, the paused days count, the due date moved.
    await official.goto(`${server.url}/admin/pqrsd/${id}`);
    await official.getByRole('heading', { level: 1, name: `Solicitud ${radicado}` }).waitFor();
    const clock = (await clockPanel(official).textContent())!;
    expect(clock).toContain('En trámite');
    expect(clock).toContain('Corriendo');
    const pausedDays = Number(clock.match(/Días hábiles suspendido(\d+)/)?.[1]);
    expect(pausedDays).toBeGreaterThanOrEqual(5);
    const detail = (await (await officialApi.api.get(`/api/v1/pqrsd/solicitudes/${id}`)).json()) as {
      case: { clockStatus: string; pausedBusinessDays: number };
    };
    expect(detail.case).toMatchObject({ clockStatus: 'running', pausedBusinessDays: pausedDays });
    expect(await official.getByRole('region', { name: 'Documentos' }).textContent()).toContain(
      'plano-del-lote.pdf',
    );
    const history = (await official
      .getByRole('list', { name: `Historial de la solicitud ${radicado}` })
      .textContent())!;
    expect(history).toMatch(/Información recibida.*Esperando información del peticionario → En trámite/s);
    await checkPage(official);
    await coordinatorApi.api.dispose();
    await officialApi.api.dispose();
  });

  it('the coordinator transfers a request to the competent authority and the citizen sees it', async () => {
    const { radicado, id } = await fileThroughApi(
      `Cobro de la factura del acueducto (${Date.now()})`,
      'otros',
    );
    const coordinator = await newPage(server, 360);
    await signIn(coordinator, COORDINADOR);
    await coordinator.goto(`${server.url}/admin/pqrsd/${id}`);
    await coordinator.getByRole('heading', { level: 1, name: `Solicitud ${radicado}` }).waitFor();
    const transfer = async () => {
      await chooseAction(coordinator, 'Trasladar por competencia (art. 21)');
      await coordinator
        .getByLabel('Autoridad competente')
        .fill('Superintendencia de Servicios Públicos Domiciliarios');
      await coordinator
        .getByLabel('Motivo del traslado')
        .fill('Las facturas del acueducto las vigila la Superintendencia de Servicios Públicos.');
      await coordinator.getByRole('button', { name: 'Trasladar por competencia (art. 21)' }).click();
    };
    // Someone else changes the request meanwhile (a note): the stale action is refused, plainly.
    const other = await apiAs(COORDINADOR);
    const note = await other.api.post(`/api/v1/pqrsd/solicitudes/${id}/comentarios`, {
      headers: other.csrf,
      data: { comment: 'Llamar al peticionario para confirmar la empresa prestadora.' },
    });
    expect(note.status()).toBe(200);
    await other.api.dispose();
    await transfer();
    await coordinator.getByText('Otra persona cambió este caso mientras usted lo veía.').first().waitFor();
    await checkPage(coordinator);
    await coordinator.getByRole('button', { name: 'Recargar la solicitud' }).click();
    await coordinator.getByText('Llamar al peticionario para confirmar').waitFor();
    await transfer();
    await expectDone(coordinator, 'Trasladar por competencia (art. 21)');
    expect(await clockPanel(coordinator).textContent()).toContain('Trasladada por competencia');
    expect(await coordinator.getByRole('region', { name: 'Solicitud', exact: true }).textContent()).toContain(
      'Superintendencia de Servicios Públicos Domiciliarios',
    );
    // A closed request offers no more actions.
    await expect.poll(() => coordinator.getByLabel('¿Qué desea hacer?').count()).toBe(0);

    const citizen = await newPage(server, 1280);
    const status = await track(citizen, radicado);
    const text = (await status.textContent())!;
    expect(text).toContain('Trasladada a la autoridad competente');
    expect(text).toContain('Trasladada a Superintendencia de Servicios Públicos Domiciliarios');
    expect(text).toContain('Las facturas del acueducto las vigila');
    // Internal notes stay internal.
    expect(text).not.toContain('Llamar al peticionario');
    await checkPage(citizen);
  });

  it('the coordinator registers an in-person request and an e-mail, and reads the reports', async () => {
    const page = await newPage(server, 1280);
    await signIn(page, COORDINADOR);
    await page.goto(`${server.url}/admin/pqrsd/ventanilla`);
    await page.getByRole('heading', { level: 1, name: 'Radicar PQRSD en ventanilla' }).waitFor();
    await page.getByLabel('Tipo de solicitud').selectOption({ label: 'Queja (responde en 15 días hábiles)' });
    await page.getByLabel('Tema').selectOption({ label: 'Otros temas y orientación' });
    await page.getByLabel('Asunto').fill('Mala atención en la ventanilla de impuestos');
    await page
      .getByLabel('Descripción')
      .fill('El peticionario relata que esperó tres horas y no fue atendido.');
    await page
      .getByLabel('Documentos escaneados (opcional)')
      .setInputFiles({ name: 'queja-escaneada.pdf', mimeType: 'application/pdf', buffer: PDF });
    await page.getByLabel('Nombre completo').fill('Pedro Pablo Ventanilla');
    await page.getByLabel('Número de documento').fill('91234567');
    await page
      .getByLabel('Dirección de correspondencia (opcional si dejó un correo)')
      .fill('Calle 36 # 15-20, Centro');
    await page.getByRole('button', { name: 'Radicar la solicitud' }).click();
    await page.getByRole('heading', { name: 'Solicitud radicada' }).waitFor();
    await checkPage(page);

    await page.getByLabel('Mensaje de correo (.eml)').setInputFiles(EML);
    await page.getByRole('button', { name: 'Radicar el correo' }).click();
    const emailSection = page.getByRole('region', { name: 'Radicar un correo recibido' });
    await emailSection.getByRole('heading', { name: 'Solicitud radicada' }).waitFor();
    expect(await emailSection.locator('.pqrsd-key__value').textContent()).toMatch(
      /^[0-9A-Z]{5}-[0-9A-Z]{5}$/,
    );
    await checkPage(page);

    await page.getByRole('link', { name: 'Abrir la solicitud' }).first().click();
    await page.getByRole('heading', { level: 1, name: /^Solicitud \d{4}-PQRSD-/ }).waitFor();
    const request = (await page.getByRole('region', { name: 'Solicitud', exact: true }).textContent())!;
    expect(request).toContain('Ventanilla');
    expect(await page.getByRole('region', { name: 'Documentos' }).textContent()).toContain(
      'queja-escaneada.pdf',
    );

    await page.goto(`${server.url}/admin/pqrsd/informes`);
    await page.getByRole('heading', { level: 1, name: 'Informes de PQRSD' }).waitFor();
    const totals = page.getByRole('list', { name: 'Totales del periodo' });
    await expect.poll(async () => (await totals.textContent()) ?? '').toMatch(/\d+Recibidas/);
    expect(await page.getByRole('table', { name: 'Solicitudes por canal' }).textContent()).toMatch(
      /Ventanilla/,
    );
    await checkPage(page);
    const csvHref = await page
      .getByRole('link', { name: /Descargar las solicitudes del periodo/ })
      .getAttribute('href');
    const csv = await page.request.get(new URL(csvHref!, server.url).toString());
    expect(csv.status()).toBe(200);
    expect(csv.headers()['content-type']).toContain('text/csv');
    expect(await csv.text()).toMatch(/radicado,fecha_recibida/);
    const openData = await page.request.get(`${server.url}/api/v1/datos-abiertos/pqrsd-mensual.csv`);
    expect(openData.status()).toBe(200);
  });

  it('the inbox shows the soonest due first and loads more with the cursor', async () => {
    const page = await newPage(server, 1280);
    await signIn(page, COORDINADOR);
    await page.goto(`${server.url}/admin/pqrsd?alcance=todas&limite=5`);
    const cards = page.locator('main .card');
    await expect.poll(() => cards.count()).toBe(5);
    const total = Number(
      (await page.getByRole('link', { name: /^Todas/ }).textContent())!.replace(/\D/g, ''),
    );
    expect(total).toBeGreaterThan(5);
    await page.getByRole('button', { name: 'Cargar más' }).click();
    await expect.poll(() => cards.count()).toBe(Math.min(10, total));
    // Focus moves to the first card loaded.
    const focused = await page.evaluate(() => document.activeElement?.textContent ?? '');
    expect(focused).toBe(await cards.nth(5).getByRole('link').textContent());
    const radicados = await cards.locator('h3').allTextContents();
    expect(new Set(radicados).size).toBe(radicados.length);
    const { rows } = await server.program.platform.ctx.database.raw.query<{ reference: string }>(
      `select reference from workflow_case where workflow = 'pqrsd' and closed_at is null order by due_at, id limit 10`,
    );
    expect(radicados).toEqual(rows.map((row) => row.reference));
  });

  it('the back-office PQRSD pages pass the accessibility check on a phone and on a desktop', async () => {
    for (const width of [360, 1280]) {
      const page = await newPage(server, width);
      await signIn(page, COORDINADOR);
      await expectPagesAccessible(page, server, [
        '/admin/pqrsd',
        '/admin/pqrsd?alcance=todas&filtro=vencido',
        '/admin/pqrsd/ventanilla',
        '/admin/pqrsd/informes',
        `/admin/pqrsd/${visited.requestId}`,
      ]);
    }
  });
});

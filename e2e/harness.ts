/// <reference lib="dom" />
import fs from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import { and, desc, eq } from 'drizzle-orm';
import pino from 'pino';
import { type Browser, chromium, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { DEMO_PASSWORD } from '../src/platform/bootstrap/demo-seed.ts';
import { openDatabase } from '../src/platform/db/database.ts';
import { migrate } from '../src/platform/db/migrate.ts';
import { notificationOutbox } from '../src/platform/notifications/notifications.schema.ts';
import { type RunningProgram, startProgram } from '../src/server.ts';
import { testConfig } from '../src/test/test-app.ts';

const require = createRequire(import.meta.url);

/** Debian's Chromium (or CHROMIUM_PATH); browser tests skip with one line when there is none. */
export function findChromium(): string | undefined {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(
    Boolean,
  ) as string[];
  return candidates.find((candidate) => fs.existsSync(candidate));
}

export const chromiumPath = findChromium();
if (!chromiumPath)
  console.log('Pruebas de navegador omitidas: no se encontró Chromium (apt-get install -y chromium).');

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

export interface E2eServer {
  url: string;
  program: RunningProgram;
  browser: Browser;
  lastLinkTo(email: string): Promise<string>;
  close(): Promise<void>;
}

/** The whole program (web + worker) on a fresh in-memory PGlite in demo mode, and a headless Chromium. */
export async function startE2e(): Promise<E2eServer> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const database = await openDatabase({});
  await migrate(database);
  const config = testConfig({
    PORT: String(port),
    HOST: '127.0.0.1',
    PUBLIC_URL: url,
    DEMO: 'true',
    DEMO_PREDIOS: '300',
  });
  const program = await startProgram(config, {
    role: 'all',
    database,
    logger: pino({ level: 'silent' }),
    serveWeb: true,
  });
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return {
    url,
    program,
    browser,
    async lastLinkTo(email: string) {
      for (let attempt = 0; attempt < 50; attempt++) {
        const [row] = await program.platform.ctx.db
          .select()
          .from(notificationOutbox)
          .where(and(eq(notificationOutbox.recipient, email), eq(notificationOutbox.channel, 'email')))
          .orderBy(desc(notificationOutbox.createdAt))
          .limit(1);
        const link = row?.bodyText.match(/https?:\/\/\S+token=[\w-]+/)?.[0];
        if (link) return link;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      throw new Error(`no llegó ningún enlace a ${email}`);
    },
    async close() {
      await browser.close();
      await program.stop();
      await database.close();
    },
  };
}

/** A phone-sized page (360 px) or a desktop one. */
export async function newPage(server: E2eServer, width = 360): Promise<Page> {
  const context = await server.browser.newContext({
    viewport: { width, height: width < 500 ? 780 : 900 },
    locale: 'es-CO',
    timezoneId: 'America/Bogota',
  });
  return context.newPage();
}

const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** Runs axe-core (WCAG 2.1 A/AA) on the current page and fails on any serious or critical violation. */
export async function expectAccessible(page: Page): Promise<void> {
  // Evaluated through the DevTools protocol, so the page's Content-Security-Policy stays in force.
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run: (
            context: unknown,
            options: unknown,
          ) => Promise<{
            violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[];
          }>;
        };
      }
    ).axe;
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return result.violations
      .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
      .map(
        (violation) =>
          `${violation.id} (${violation.impact}): ${violation.help} → ${violation.nodes
            .map((n) => n.target.join(' '))
            .slice(0, 3)
            .join(' | ')}`,
      );
  });
  if (violations.length > 0) throw new Error(`axe en ${page.url()}:\n  ${violations.join('\n  ')}`);
}

/** No horizontal scrolling on a phone. */
export async function expectFitsWidth(page: Page): Promise<void> {
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow, `desborde horizontal en ${page.url()}`).toBeLessThanOrEqual(1);
}

/** Visits each path, waits for the page to settle, and checks accessibility and the phone width on each. */
export async function expectPagesAccessible(
  page: Page,
  server: E2eServer,
  paths: readonly string[],
): Promise<void> {
  for (const path of paths) {
    await page.goto(`${server.url}${path}`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.waitForLoadState('networkidle');
    await expectAccessible(page);
    await expectFitsWidth(page);
  }
}

/** Signs a demo account in through the login form; with `next`, from a page that asked for a session. */
export async function signInAs(
  server: E2eServer,
  page: Page,
  login: string,
  options: { next?: string } = {},
): Promise<void> {
  const start = options.next ? `/ingresar?volver=${encodeURIComponent(options.next)}` : '/ingresar';
  await page.goto(`${server.url}${start}`);
  await page.getByLabel('Correo electrónico o número de documento').fill(login);
  await page.getByLabel('Contraseña', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Ingresar' }).click();
  await page.waitForURL((url) =>
    options.next ? url.pathname === options.next : !url.pathname.startsWith('/ingresar'),
  );
}

/** The page has settled, passes axe and does not overflow its width. */
export async function expectPageOk(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle');
  await expectAccessible(page);
  await expectFitsWidth(page);
}

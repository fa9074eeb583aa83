import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { and, desc, eq } from 'drizzle-orm';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import pino from 'pino';
import type { Modules } from '../modules/modules.ts';
import { systemActor } from '../platform/authz/actor.ts';
import { ensureTenant } from '../platform/bootstrap/bootstrap.ts';
import { type Config, loadConfig } from '../platform/config/config.ts';
import type { ZodApp } from '../platform/http/types.ts';
import { appUser } from '../platform/identity/identity.schema.ts';
import { notificationOutbox } from '../platform/notifications/notifications.schema.ts';
import type { Platform } from '../platform/platform.ts';
import { startProgram } from '../server.ts';
import { getTestDatabase, resetDatabase } from './test-database.ts';

export const TEST_PASSWORD = 'Clave-de-prueba-2026';

/** Settings for tests: cheap password hashing, quiet logs, generous rate limits, a throwaway data dir. */
export function testConfig(overrides: Record<string, string> = {}): Config {
  return loadConfig({
    NODE_ENV: 'test',
    DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'alcaldia-test-')),
    LOG_LEVEL: 'silent',
    DEMO: 'false',
    ARGON2_MEMORY_KIB: '8192',
    ARGON2_ITERATIONS: '1',
    RATE_LIMIT_AUTH_PER_MINUTE: '10000',
    RATE_LIMIT_PUBLIC_PER_MINUTE: '10000',
    PUBLIC_URL: 'http://localhost:3000',
    ...overrides,
  });
}

/** A signed-in browser: keeps the session cookie and sends the CSRF token on writes. */
export class TestSession {
  constructor(
    private readonly app: ZodApp,
    readonly cookie: string | null,
    readonly csrfToken: string | null,
    readonly userId: string | null,
  ) {}

  request(options: InjectOptions): Promise<LightMyRequestResponse> {
    const headers: Record<string, string> = { ...(options.headers as Record<string, string>) };
    if (this.cookie) headers.cookie = this.cookie;
    if (this.csrfToken && options.method && options.method !== 'GET')
      headers['x-csrf-token'] = this.csrfToken;
    return this.app.inject({ ...options, headers });
  }

  get(url: string) {
    return this.request({ method: 'GET', url });
  }

  post(url: string, payload?: unknown) {
    return this.request({ method: 'POST', url, payload: payload as never });
  }

  patch(url: string, payload?: unknown) {
    return this.request({ method: 'PATCH', url, payload: payload as never });
  }
}

export interface TestApp {
  app: ZodApp;
  platform: Platform;
  modules: Modules;
  tenantId: string;
  anonymous: TestSession;
  /** Empties the database and recreates the tenant; call in beforeEach. */
  reset(): Promise<void>;
  createCitizen(
    overrides?: Partial<{ email: string; documentNumber: string; fullName: string }>,
  ): Promise<string>;
  createOfficial(
    roles: string[],
    overrides?: Partial<{ email: string; documentNumber: string; dependenciaCode: string }>,
  ): Promise<string>;
  login(login: string, password?: string, totpCode?: string): Promise<TestSession>;
  loginAs(kind: 'citizen' | string[]): Promise<TestSession>;
  lastLinkTo(email: string): Promise<string | undefined>;
  close(): Promise<void>;
}

let serial = 0;
function nextDocument(): string {
  serial += 1;
  return String(1_000_000_000 + ((process.pid * 1000 + serial) % 99_999_999));
}

export async function createTestApp(overrides: Record<string, string> = {}): Promise<TestApp> {
  const database = await getTestDatabase();
  await resetDatabase(database);
  const config = testConfig(overrides);
  const program = await startProgram(config, {
    role: 'web',
    database,
    logger: pino({ level: 'silent' }),
    serveWeb: false,
    listen: false,
  });
  const app = program.app!;
  const { platform } = program;
  const state = { tenantId: '' };

  async function reset() {
    await resetDatabase(database);
    platform.ctx.tenants.forget();
    const { tenant } = await ensureTenant(platform, config.TENANT_DIVIPOLA);
    state.tenantId = tenant.id;
  }
  await reset();

  async function createCitizen(
    values: Partial<{ email: string; documentNumber: string; fullName: string }> = {},
  ) {
    const documentNumber = values.documentNumber ?? nextDocument();
    const email = values.email ?? `ciudadano.${documentNumber}@correo.test`;
    const { id } = await platform.identity.signup(
      {
        tenantId: state.tenantId,
        documentType: 'CC',
        documentNumber,
        fullName: values.fullName ?? 'Ciudadana de Prueba',
        email,
        password: TEST_PASSWORD,
      },
      {},
    );
    await platform.ctx.db.update(appUser).set({ emailVerifiedAt: new Date() }).where(eq(appUser.id, id));
    return id;
  }

  async function createOfficial(
    roles: string[],
    values: Partial<{ email: string; documentNumber: string; dependenciaCode: string }> = {},
  ) {
    const documentNumber = values.documentNumber ?? nextDocument();
    const { id } = await platform.identity.createOfficial(systemActor(state.tenantId, 'prueba'), {
      tenantId: state.tenantId,
      documentType: 'CC',
      documentNumber,
      fullName: `Funcionario ${roles.join(' ')}`,
      email: values.email ?? `funcionario.${documentNumber}@alcaldia.test`,
      dependenciaCode: values.dependenciaCode ?? 'tic',
      roles,
      password: TEST_PASSWORD,
    });
    return id;
  }

  async function login(loginName: string, password = TEST_PASSWORD, totpCode?: string) {
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { login: loginName, password, ...(totpCode ? { totpCode } : {}) },
    });
    if (response.statusCode !== 200) throw new Error(`login ${response.statusCode}: ${response.body}`);
    const cookie = response.cookies.find((c) => c.name === 'sid');
    const session = `sid=${cookie!.value}`;
    const me = await app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: session } });
    const body = me.json() as { csrfToken: string; user: { id: string } };
    return new TestSession(app, session, body.csrfToken, body.user.id);
  }

  async function loginAs(kind: 'citizen' | string[]) {
    const id = kind === 'citizen' ? await createCitizen() : await createOfficial(kind);
    const [user] = await platform.ctx.db.select().from(appUser).where(eq(appUser.id, id));
    return login(user!.email);
  }

  async function lastLinkTo(email: string) {
    const [row] = await platform.ctx.db
      .select()
      .from(notificationOutbox)
      .where(and(eq(notificationOutbox.recipient, email), eq(notificationOutbox.channel, 'email')))
      .orderBy(desc(notificationOutbox.createdAt))
      .limit(1);
    return row?.bodyText.match(/https?:\/\/\S+token=[\w-]+/)?.[0];
  }

  return {
    app,
    platform,
    modules: program.modules,
    get tenantId() {
      return state.tenantId;
    },
    anonymous: new TestSession(app, null, null, null),
    reset,
    createCitizen,
    createOfficial,
    login,
    loginAs,
    lastLinkTo,
    close: () => program.stop(),
  };
}

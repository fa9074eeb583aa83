import { count, eq, sql } from 'drizzle-orm';
import { authenticator } from 'otplib';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../../test/test-app.ts';
import { auditLog } from '../audit/audit.schema.ts';
import { appUser, userSession } from './identity.schema.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());
beforeEach(async () => t.reset());

const signupBody = (overrides: Record<string, unknown> = {}) => ({
  documentType: 'CC',
  documentNumber: '1098765432',
  fullName: 'Lucía Fernanda Prueba',
  email: 'lucia.prueba@correo.test',
  password: 'Una-clave-muy-segura',
  acceptPrivacyPolicy: true,
  ...overrides,
});

async function userCount() {
  const [row] = await t.platform.ctx.db.select({ total: count() }).from(appUser);
  return row!.total;
}

function tokenOf(link: string | undefined) {
  return new URL(link!).searchParams.get('token')!;
}

describe('citizen sign-up, e-mail verification and login', () => {
  it('walks the whole journey and records it in the audit log', async () => {
    const signup = await t.anonymous.post('/api/v1/auth/signup', signupBody());
    expect(signup.statusCode).toBe(201);
    expect(signup.json().message).toMatch(/correo/);

    const early = await t.anonymous.post('/api/v1/auth/login', {
      login: '1098765432',
      password: 'Una-clave-muy-segura',
    });
    expect(early.statusCode).toBe(403);
    expect(early.json()).toMatchObject({ code: 'EMAIL_NOT_VERIFIED', status: 403 });
    expect(early.headers['content-type']).toMatch(/application\/problem\+json/);

    const link = await t.lastLinkTo('lucia.prueba@correo.test');
    expect(link).toMatch(/^http:\/\/localhost:3000\/verificar-correo\?token=/);
    const verified = await t.anonymous.post('/api/v1/auth/verify-email', { token: tokenOf(link) });
    expect(verified.statusCode).toBe(200);
    const reused = await t.anonymous.post('/api/v1/auth/verify-email', { token: tokenOf(link) });
    expect(reused.json()).toMatchObject({ code: 'TOKEN_INVALID', field: 'token' });

    const login = await t.anonymous.post('/api/v1/auth/login', {
      login: 'Lucia.Prueba@correo.test',
      password: 'Una-clave-muy-segura',
    });
    expect(login.statusCode).toBe(200);
    const cookie = login.cookies.find((c) => c.name === 'sid')!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });

    const me = await t.app.inject({
      method: 'GET',
      url: '/api/v1/auth/me',
      headers: { cookie: `sid=${cookie.value}` },
    });
    expect(me.json().user).toMatchObject({
      kind: 'ciudadano',
      documentNumber: '1098765432',
      permissions: [],
    });

    const logout = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/logout',
      headers: { cookie: `sid=${cookie.value}` },
    });
    expect(logout.statusCode).toBe(204);
    const after = await t.app.inject({
      method: 'GET',
      url: '/api/v1/auth/me',
      headers: { cookie: `sid=${cookie.value}` },
    });
    expect(after.statusCode).toBe(401);

    const actions = (
      await t.platform.ctx.db.select({ action: auditLog.action }).from(auditLog).orderBy(auditLog.id)
    ).map((row) => row.action);
    expect(actions).toEqual(['user.signup', 'user.verify_email', 'auth.login', 'auth.logout']);
  });

  it('refuses an invalid NIT naming the field, and writes nothing', async () => {
    const response = await t.anonymous.post(
      '/api/v1/auth/signup',
      signupBody({ documentType: 'NIT', documentNumber: '890201222-5' }),
    );
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'VALIDATION_ERROR', field: 'documentNumber' });
    expect(response.json().detail).toMatch(/dígito de verificación/);
    expect(await userCount()).toBe(0);
  });

  it('accepts a company with a valid NIT', async () => {
    const response = await t.anonymous.post(
      '/api/v1/auth/signup',
      signupBody({
        documentType: 'NIT',
        documentNumber: '900.123.456-8',
        fullName: 'Empresa de Prueba S.A.S.',
      }),
    );
    expect(response.statusCode).toBe(201);
    const [row] = await t.platform.ctx.db.select().from(appUser);
    expect(row!.documentNumber).toBe('900123456-8');
  });

  it('requires accepting the personal-data policy', async () => {
    const response = await t.anonymous.post(
      '/api/v1/auth/signup',
      signupBody({ acceptPrivacyPolicy: false }),
    );
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ field: 'acceptPrivacyPolicy' });
    expect(response.json().detail).toMatch(/Ley 1581/);
  });

  it('lets exactly one of several simultaneous identical sign-ups through', async () => {
    const responses = await Promise.all(
      Array.from({ length: 6 }, () => t.anonymous.post('/api/v1/auth/signup', signupBody())),
    );
    const statuses = responses.map((r) => r.statusCode).sort();
    expect(statuses).toEqual([201, 409, 409, 409, 409, 409]);
    expect(responses.find((r) => r.statusCode === 409)!.json()).toMatchObject({ code: 'DOCUMENT_TAKEN' });
    expect(await userCount()).toBe(1);
  });

  it('tells a taken e-mail apart from a taken document', async () => {
    await t.anonymous.post('/api/v1/auth/signup', signupBody());
    const response = await t.anonymous.post(
      '/api/v1/auth/signup',
      signupBody({ documentNumber: '1098765433' }),
    );
    expect(response.json()).toMatchObject({ code: 'EMAIL_TAKEN', field: 'email' });
  });
});

describe('bad input gets a Spanish problem, never a 500', () => {
  it('malformed JSON', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/signup',
      headers: { 'content-type': 'application/json' },
      payload: '{"documentType": "CC",',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'MALFORMED_JSON', detail: expect.stringMatching(/JSON/) });
  });

  it('wrong content type', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'application/xml' },
      payload: '<login/>',
    });
    expect(response.statusCode).toBe(415);
    expect(response.json().code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('oversized body', async () => {
    const response = await t.anonymous.post(
      '/api/v1/auth/signup',
      signupBody({ fullName: 'x'.repeat(300_000) }),
    );
    expect(response.statusCode).toBe(413);
    expect(response.json().code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('unknown fields', async () => {
    const response = await t.anonymous.post('/api/v1/auth/signup', signupBody({ isAdmin: true }));
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe('VALIDATION_ERROR');
    expect(await userCount()).toBe(0);
  });

  it('over-long strings and control characters name the field', async () => {
    const long = await t.anonymous.post('/api/v1/auth/signup', signupBody({ fullName: 'a'.repeat(121) }));
    expect(long.json()).toMatchObject({ field: 'fullName', detail: expect.stringMatching(/120 caracteres/) });
    const control = await t.anonymous.post('/api/v1/auth/signup', signupBody({ fullName: 'Ana\u0000Pérez' }));
    expect(control.json()).toMatchObject({
      field: 'fullName',
      detail: expect.stringMatching(/caracteres no permitidos/),
    });
    expect(await userCount()).toBe(0);
  });

  it('a weak password', async () => {
    const response = await t.anonymous.post('/api/v1/auth/signup', signupBody({ password: 'corta' }));
    expect(response.json()).toMatchObject({
      field: 'password',
      detail: expect.stringMatching(/10 caracteres/),
    });
  });
});

describe('login protections', () => {
  it('grows the delay after repeated failures, even for the right password', async () => {
    await t.createCitizen({ email: 'lenta@correo.test' });
    for (let attempt = 0; attempt < 3; attempt++) {
      const wrong = await t.anonymous.post('/api/v1/auth/login', {
        login: 'lenta@correo.test',
        password: 'equivocada-123',
      });
      expect(wrong.json().code).toBe('INVALID_CREDENTIALS');
    }
    const blocked = await t.anonymous.post('/api/v1/auth/login', {
      login: 'lenta@correo.test',
      password: TEST_PASSWORD,
    });
    expect(blocked.statusCode).toBe(429);
    expect(blocked.headers['retry-after']).toBe('2');
    expect(blocked.json().detail).toMatch(/Espere 2 segundos/);
  });

  it('upgrades a password hash made under an older cost at the next login', async () => {
    const id = await t.createCitizen({ email: 'antigua@correo.test' });
    const argon2 = (await import('argon2')).default;
    const oldHash = await argon2.hash(TEST_PASSWORD, {
      type: argon2.argon2id,
      memoryCost: 65536,
      timeCost: 3,
    });
    await t.platform.ctx.db.update(appUser).set({ passwordHash: oldHash }).where(eq(appUser.id, id));
    await t.login('antigua@correo.test');
    const [row] = await t.platform.ctx.db.select().from(appUser).where(eq(appUser.id, id));
    expect(row!.passwordHash).toMatch(/^\$argon2id\$v=19\$m=8192,p=1,t=1\$/);
    await t.login('antigua@correo.test');
  });

  it('answers an unknown account exactly like a wrong password', async () => {
    const response = await t.anonymous.post('/api/v1/auth/login', {
      login: 'nadie@correo.test',
      password: 'lo-que-sea-1',
    });
    expect(response.statusCode).toBe(401);
    expect(response.json()).toMatchObject({
      code: 'INVALID_CREDENTIALS',
      detail: 'Usuario o contraseña incorrectos.',
    });
  });

  it('refuses a cookie-authenticated write without the CSRF token', async () => {
    const session = await t.loginAs('citizen');
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/password/change',
      headers: { cookie: session.cookie! },
      payload: { currentPassword: TEST_PASSWORD, newPassword: 'Otra-clave-segura-1' },
    });
    expect(response.statusCode).toBe(403);
    expect(response.json().code).toBe('CSRF_INVALID');
    const withToken = await session.post('/api/v1/auth/password/change', {
      currentPassword: TEST_PASSWORD,
      newPassword: 'Otra-clave-segura-1',
    });
    expect(withToken.statusCode).toBe(200);
  });
});

describe('password reset', () => {
  it('sends a single-use link, sets the new password and closes every session', async () => {
    const id = await t.createCitizen({ email: 'olvido@correo.test' });
    const session = await t.login('olvido@correo.test');
    const forgot = await t.anonymous.post('/api/v1/auth/password/forgot', { email: 'olvido@correo.test' });
    expect(forgot.statusCode).toBe(202);
    const unknown = await t.anonymous.post('/api/v1/auth/password/forgot', { email: 'nadie@correo.test' });
    expect(unknown.json().message).toBe(forgot.json().message);

    const link = await t.lastLinkTo('olvido@correo.test');
    expect(link).toMatch(/\/restablecer-clave\?token=/);
    const reset = await t.anonymous.post('/api/v1/auth/password/reset', {
      token: tokenOf(link),
      password: 'Nueva-clave-segura-2026',
    });
    expect(reset.statusCode).toBe(200);
    expect((await session.get('/api/v1/auth/me')).statusCode).toBe(401);
    const sessions = await t.platform.ctx.db.select().from(userSession).where(eq(userSession.userId, id));
    expect(sessions).toHaveLength(0);
    await expect(t.login('olvido@correo.test')).rejects.toThrow(/401/);
    await t.login('olvido@correo.test', 'Nueva-clave-segura-2026');
    const again = await t.anonymous.post('/api/v1/auth/password/reset', {
      token: tokenOf(link),
      password: 'Otra-más-2026-x',
    });
    expect(again.json().code).toBe('TOKEN_INVALID');
  });
});

describe('TOTP second factor', () => {
  it('asks for the code once enabled and accepts only the right one', async () => {
    await t.createOfficial(['funcionario'], { email: 'mfa@alcaldia.test' });
    const session = await t.login('mfa@alcaldia.test');
    const setup = await session.post('/api/v1/auth/totp/setup');
    expect(setup.statusCode).toBe(200);
    const { secret, qrDataUrl, otpauthUrl } = setup.json();
    expect(qrDataUrl).toMatch(/^data:image\/png;base64,/);
    expect(otpauthUrl).toMatch(/^otpauth:\/\/totp\//);
    const wrong = await session.post('/api/v1/auth/totp/enable', {
      code: '000000' === authenticator.generate(secret) ? '111111' : '000000',
    });
    expect(wrong.json().code).toBe('MFA_INVALID');
    expect(
      (await session.post('/api/v1/auth/totp/enable', { code: authenticator.generate(secret) })).statusCode,
    ).toBe(200);

    const withoutCode = await t.anonymous.post('/api/v1/auth/login', {
      login: 'mfa@alcaldia.test',
      password: TEST_PASSWORD,
    });
    expect(withoutCode.statusCode).toBe(401);
    expect(withoutCode.json()).toMatchObject({ code: 'MFA_REQUIRED', field: 'totpCode' });
    await t.login('mfa@alcaldia.test', TEST_PASSWORD, authenticator.generate(secret));
  });
});

describe('back office: officials, roles and the audit trail', () => {
  it('an administrator creates an official who activates the account by e-mail', async () => {
    const admin = await t.loginAs(['admin']);
    const created = await admin.post('/api/v1/admin/officials', {
      documentType: 'CC',
      documentNumber: '91234567',
      fullName: 'Pedro Funcionario Prueba',
      email: 'pedro@alcaldia.test',
      dependenciaCode: 'hacienda',
      roles: ['funcionario'],
    });
    expect(created.statusCode).toBe(201);
    const link = await t.lastLinkTo('pedro@alcaldia.test');
    await t.anonymous.post('/api/v1/auth/password/reset', {
      token: tokenOf(link),
      password: 'Funcionario-Hacienda-2026',
    });
    const pedro = await t.login('pedro@alcaldia.test', 'Funcionario-Hacienda-2026');
    const me = (await pedro.get('/api/v1/auth/me')).json().user;
    expect(me).toMatchObject({
      kind: 'funcionario',
      dependencia: { code: 'hacienda' },
      roles: ['funcionario'],
    });

    const promoted = await admin.patch(`/api/v1/admin/users/${created.json().id}`, {
      roles: ['funcionario', 'auditor'],
    });
    expect(promoted.statusCode).toBe(200);
    expect((await pedro.get('/api/v1/auth/me')).json().user.permissions).toContain('audit.read');

    const unknownRole = await admin.post('/api/v1/admin/officials', {
      documentType: 'CC',
      documentNumber: '91234568',
      fullName: 'Otra Persona',
      email: 'otra@alcaldia.test',
      dependenciaCode: 'hacienda',
      roles: ['superusuario'],
    });
    expect(unknownRole.json()).toMatchObject({ field: 'roles', detail: expect.stringMatching(/no existe/) });
  });

  it('masks citizens’ e-mails for those who may not read personal data, and audits who does', async () => {
    const citizenId = await t.createCitizen({ email: 'privada@correo.test' });
    const auditor = await t.loginAs(['auditor']);
    const list = await auditor.get('/api/v1/admin/users?kind=ciudadano');
    expect(list.json().items[0].email).toBe('pr•••••@correo.test');
    expect((await auditor.get(`/api/v1/admin/users/${citizenId}`)).statusCode).toBe(403);

    const admin = await t.loginAs(['admin']);
    const personal = await admin.get(`/api/v1/admin/users/${citizenId}`);
    expect(personal.json()).toMatchObject({ email: 'privada@correo.test', documentType: 'CC' });
    expect((await admin.get('/api/v1/admin/users?kind=ciudadano')).json().items[0].email).toBe(
      'privada@correo.test',
    );
    const listed = await auditor.get('/api/v1/admin/audit?action=user.list_personal');
    expect(listed.json().total).toBe(1);
    expect(listed.json().items[0].details.ids).toEqual([citizenId]);
    const search = await auditor.get(`/api/v1/admin/audit?action=user.read_personal&entityId=${citizenId}`);
    expect(search.json().total).toBe(1);
    expect(search.json().items[0]).toMatchObject({ action: 'user.read_personal', entityType: 'app_user' });
    expect(search.json().items[0].actor.label).toMatch(/Funcionario admin/);
  });

  it('keeps the audit trail append-only', async () => {
    await t.createCitizen();
    await expect(t.platform.ctx.db.execute(sql`update audit_log set action = 'borrado'`)).rejects.toThrow();
    await expect(t.platform.ctx.db.execute(sql`delete from audit_log`)).rejects.toThrow();
  });
});

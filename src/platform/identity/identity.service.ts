import { and, count, desc, eq, gt, ilike, inArray, isNull, or, type SQL, sql } from 'drizzle-orm';
import { authenticator } from 'otplib';
import QRCode from 'qrcode';
import type { AuditService } from '../audit/audit.service.ts';
import type { Actor } from '../authz/actor.ts';
import { can } from '../authz/actor.ts';
import { findRole, permissionsOfRoles } from '../authz/catalogue.ts';
import type { Config } from '../config/config.ts';
import type { Db, DbOrTx } from '../db/database.ts';
import { isUniqueViolation, pgConstraint } from '../db/errors.ts';
import {
  AppError,
  badRequest,
  conflict,
  forbidden,
  notFound,
  tooManyRequests,
  validationError,
} from '../http/errors.ts';
import type { NotificationService } from '../notifications/index.ts';
import type { TenantService } from '../tenancy/tenancy.service.ts';
import { checkDocumentNumber, type DocumentType } from './document-number.rules.ts';
import { appUser, dependencia, userRole, userSession, userToken } from './identity.schema.ts';
import { loginDelaySeconds } from './login-throttle.rules.ts';
import { newToken, type PasswordHasher, passwordProblem, sha256Hex } from './secrets.ts';

export type UserRow = typeof appUser.$inferSelect;
type TokenPurpose = 'verify_email' | 'reset_password' | 'activate_account';

const TOKEN_LIFETIME_HOURS: Record<TokenPurpose, number> = {
  verify_email: 48,
  reset_password: 2,
  activate_account: 72,
};

export interface RequestMeta {
  ip?: string;
  userAgent?: string;
  requestId?: string;
}

export interface SignupInput {
  tenantId: string;
  documentType: DocumentType;
  documentNumber: string;
  fullName: string;
  email: string;
  phone?: string | undefined;
  password: string;
}

export interface OfficialInput {
  tenantId: string;
  documentType: DocumentType;
  documentNumber: string;
  fullName: string;
  email: string;
  dependenciaCode: string;
  roles: string[];
  /** Given only by the CLI; from the web the official sets it through the activation e-mail. */
  password?: string;
  synthetic?: boolean;
}

export interface Me {
  id: string;
  kind: 'ciudadano' | 'funcionario';
  fullName: string;
  email: string;
  documentType: string;
  documentNumber: string;
  dependencia: { code: string; name: string } | null;
  roles: string[];
  permissions: string[];
  totpEnabled: boolean;
}

export interface ResolvedSession {
  idHash: string;
  csrfToken: string;
  user: UserRow;
  roles: string[];
}

export type IdentityService = ReturnType<typeof createIdentityService>;

export interface IdentityDependencies {
  db: Db;
  config: Config;
  hasher: PasswordHasher;
  audit: AuditService;
  notifications: NotificationService;
  tenants: TenantService;
  now?: () => Date;
  /** Called with each e-mail link in demo mode, so a visitor without a mailbox can follow it. */
  onDemoLink?: (to: string, purpose: string, link: string) => void;
}

export function createIdentityService(deps: IdentityDependencies) {
  const { db, config, hasher, audit, notifications, tenants } = deps;
  const now = deps.now ?? (() => new Date());

  function normalizeDocument(type: DocumentType, number: string): string {
    const checked = checkDocumentNumber(type, number);
    if (!checked.ok) throw validationError('documentNumber', checked.message);
    return checked.normalized;
  }

  function actorFor(user: UserRow, meta: RequestMeta, roles: string[] = []): Actor {
    return {
      userId: user.id,
      tenantId: user.tenantId,
      label: `${user.fullName} <${user.email}>`,
      kind: user.kind,
      permissions: new Set(permissionsOfRoles(roles)),
      roles: new Set(roles),
      dependenciaId: user.dependenciaId,
      ...meta,
    };
  }

  async function issueToken(tx: DbOrTx, user: UserRow, purpose: TokenPurpose): Promise<string> {
    const token = newToken();
    // A new link replaces any unused one of the same purpose.
    await tx
      .update(userToken)
      .set({ usedAt: now() })
      .where(and(eq(userToken.userId, user.id), eq(userToken.purpose, purpose), isNull(userToken.usedAt)));
    await tx.insert(userToken).values({
      userId: user.id,
      purpose,
      tokenHash: sha256Hex(token),
      expiresAt: new Date(now().getTime() + TOKEN_LIFETIME_HOURS[purpose] * 3_600_000),
    });
    return token;
  }

  async function mailLink(
    tx: DbOrTx,
    user: UserRow,
    purpose: TokenPurpose,
    extra: Record<string, unknown> = {},
  ) {
    const token = await issueToken(tx, user, purpose);
    const page = {
      verify_email: 'verificar-correo',
      reset_password: 'restablecer-clave',
      activate_account: 'restablecer-clave',
    }[purpose];
    const link = `${config.PUBLIC_URL}/${page}?token=${encodeURIComponent(token)}`;
    const tenant = await tenants.getById(user.tenantId, tx);
    await notifications.enqueueEmail(tx, {
      tenantId: user.tenantId,
      to: user.email,
      template: purpose,
      data: {
        fullName: user.fullName,
        link,
        entityName: tenant.entityName,
        expiresInHours: TOKEN_LIFETIME_HOURS[purpose],
        ...extra,
      },
    });
    if (config.DEMO) deps.onDemoLink?.(user.email, purpose, link);
  }

  /** Consumes a single-use token: marks it used in the same statement that checks it, so it works once. */
  async function consumeToken(tx: DbOrTx, token: string, purposes: TokenPurpose[]): Promise<UserRow> {
    const [used] = await tx
      .update(userToken)
      .set({ usedAt: now() })
      .where(
        and(
          eq(userToken.tokenHash, sha256Hex(token)),
          inArray(userToken.purpose, purposes),
          isNull(userToken.usedAt),
          gt(userToken.expiresAt, now()),
        ),
      )
      .returning({ userId: userToken.userId });
    if (!used) {
      throw new AppError(
        400,
        'TOKEN_INVALID',
        'El enlace no es válido, ya fue usado o expiró. Solicite uno nuevo.',
        'token',
      );
    }
    const [user] = await tx.select().from(appUser).where(eq(appUser.id, used.userId));
    return user!;
  }

  async function rolesOf(userId: string, tx: DbOrTx = db): Promise<string[]> {
    const rows = await tx.select({ role: userRole.role }).from(userRole).where(eq(userRole.userId, userId));
    return rows.map((row) => row.role).sort();
  }

  async function findUserByLogin(tenantId: string, login: string): Promise<UserRow | undefined> {
    const trimmed = login.trim();
    const condition = trimmed.includes('@')
      ? eq(sql`lower(${appUser.email})`, trimmed.toLowerCase())
      : eq(appUser.documentNumber, trimmed.replace(/[\s.]/g, '').toUpperCase());
    const rows = await db
      .select()
      .from(appUser)
      .where(and(eq(appUser.tenantId, tenantId), condition))
      .limit(2);
    // A document number shared by two document types is ambiguous: ask for the e-mail instead.
    return rows.length === 1 ? rows[0] : undefined;
  }

  async function signup(input: SignupInput, meta: RequestMeta): Promise<{ id: string }> {
    const documentNumber = normalizeDocument(input.documentType, input.documentNumber);
    const weak = passwordProblem(input.password, [documentNumber, input.email.split('@')[0] ?? '']);
    if (weak) throw validationError('password', weak);
    const passwordHash = await hasher.hash(input.password);
    try {
      return await db.transaction(async (tx) => {
        const [user] = await tx
          .insert(appUser)
          .values({
            tenantId: input.tenantId,
            kind: 'citizen',
            documentType: input.documentType,
            documentNumber,
            fullName: input.fullName,
            email: input.email,
            phone: input.phone ?? null,
            passwordHash,
            privacyAcceptedAt: now(),
          })
          .returning();
        await audit.record(tx, actorFor(user!, meta), {
          action: 'user.signup',
          entityType: 'app_user',
          entityId: user!.id,
          details: { documentType: input.documentType },
        });
        await mailLink(tx, user!, 'verify_email');
        return { id: user!.id };
      });
    } catch (error) {
      throw duplicateUserError(error);
    } finally {
      await notifications.requestDelivery().catch(() => {});
    }
  }

  function duplicateUserError(error: unknown): unknown {
    if (!isUniqueViolation(error)) return error;
    const constraint = pgConstraint(error) ?? '';
    return constraint.includes('email')
      ? conflict(
          'EMAIL_TAKEN',
          'Ya existe una cuenta con ese correo electrónico. ¿Olvidó su contraseña?',
          'email',
        )
      : conflict(
          'DOCUMENT_TAKEN',
          'Ya existe una cuenta con ese documento. ¿Olvidó su contraseña?',
          'documentNumber',
        );
  }

  async function verifyEmail(token: string, meta: RequestMeta): Promise<void> {
    await db.transaction(async (tx) => {
      const user = await consumeToken(tx, token, ['verify_email']);
      await tx
        .update(appUser)
        .set({ emailVerifiedAt: now(), updatedAt: now() })
        .where(eq(appUser.id, user.id));
      await audit.record(tx, actorFor(user, meta), {
        action: 'user.verify_email',
        entityType: 'app_user',
        entityId: user.id,
      });
    });
  }

  async function resendVerification(tenantId: string, email: string): Promise<void> {
    const user = await findUserByLogin(tenantId, email);
    if (!user || user.emailVerifiedAt || user.status !== 'active') return;
    await db.transaction((tx) => mailLink(tx, user, 'verify_email'));
    await notifications.requestDelivery().catch(() => {});
  }

  async function login(
    tenantId: string,
    input: { login: string; password: string; totpCode?: string | undefined },
    meta: RequestMeta,
  ): Promise<{ token: string; session: ResolvedSession }> {
    const user = await findUserByLogin(tenantId, input.login);
    if (!user?.passwordHash) {
      await hasher.burn(input.password);
      throw invalidCredentials();
    }
    const wait = loginDelaySeconds(user.failedLoginCount, user.lastFailedLoginAt, now());
    if (wait > 0) {
      throw tooManyRequests(
        `Demasiados intentos fallidos. Espere ${wait} segundos antes de intentarlo de nuevo.`,
        wait,
      );
    }
    const passwordOk = await hasher.verify(user.passwordHash, input.password);
    if (!passwordOk) {
      await recordFailedLogin(user, meta, 'contraseña');
      throw invalidCredentials();
    }
    if (user.status !== 'active') {
      throw new AppError(403, 'ACCOUNT_DISABLED', 'La cuenta está inactiva. Comuníquese con la entidad.');
    }
    if (!user.emailVerifiedAt) {
      throw new AppError(
        403,
        'EMAIL_NOT_VERIFIED',
        'Debe confirmar su correo electrónico antes de ingresar. Revise su bandeja de entrada.',
      );
    }
    if (user.totpEnabledAt && user.totpSecret) {
      if (!input.totpCode) {
        throw new AppError(
          401,
          'MFA_REQUIRED',
          'Ingrese el código de 6 dígitos de su aplicación de autenticación.',
          'totpCode',
        );
      }
      if (!authenticator.check(input.totpCode, user.totpSecret)) {
        await recordFailedLogin(user, meta, 'segundo factor');
        throw new AppError(401, 'MFA_INVALID', 'El código de verificación no es correcto.', 'totpCode');
      }
    }
    const roles = await rolesOf(user.id);
    // Hashes made under older cost settings are upgraded while the password is at hand.
    const rehashed = hasher.needsRehash(user.passwordHash) ? await hasher.hash(input.password) : null;
    const token = newToken();
    const idHash = sha256Hex(token);
    const csrfToken = newToken();
    await db.transaction(async (tx) => {
      await tx.insert(userSession).values({
        idHash,
        userId: user.id,
        tenantId: user.tenantId,
        csrfToken,
        ip: meta.ip ?? null,
        userAgent: meta.userAgent?.slice(0, 300) ?? null,
        expiresAt: sessionExpiry(),
      });
      await tx
        .update(appUser)
        .set({
          failedLoginCount: 0,
          lastFailedLoginAt: null,
          lastLoginAt: now(),
          ...(rehashed ? { passwordHash: rehashed } : {}),
        })
        .where(eq(appUser.id, user.id));
      await audit.record(tx, actorFor(user, meta, roles), {
        action: 'auth.login',
        entityType: 'app_user',
        entityId: user.id,
      });
    });
    return { token, session: { idHash, csrfToken, user, roles } };
  }

  function invalidCredentials() {
    return new AppError(401, 'INVALID_CREDENTIALS', 'Usuario o contraseña incorrectos.');
  }

  async function recordFailedLogin(user: UserRow, meta: RequestMeta, reason: string) {
    await db.transaction(async (tx) => {
      await tx
        .update(appUser)
        .set({ failedLoginCount: sql`${appUser.failedLoginCount} + 1`, lastFailedLoginAt: now() })
        .where(eq(appUser.id, user.id));
      await audit.record(tx, actorFor(user, meta), {
        action: 'auth.login_failed',
        entityType: 'app_user',
        entityId: user.id,
        details: { motivo: reason },
      });
    });
  }

  function sessionExpiry(): Date {
    return new Date(now().getTime() + config.SESSION_TTL_HOURS * 3_600_000);
  }

  /** Looks up a session by its cookie value; sliding expiry is refreshed at most every five minutes. */
  async function resolveSession(token: string): Promise<ResolvedSession | undefined> {
    const idHash = sha256Hex(token);
    const [row] = await db
      .select({
        session: userSession,
        user: appUser,
        // Roles come in the same round trip: this runs on every signed-in request.
        roles: sql<
          string[]
        >`coalesce((select array_agg(${userRole.role} order by ${userRole.role}) from ${userRole} where ${userRole.userId} = ${appUser.id}), '{}')`,
      })
      .from(userSession)
      .innerJoin(appUser, eq(appUser.id, userSession.userId))
      .where(
        and(eq(userSession.idHash, idHash), gt(userSession.expiresAt, now()), eq(appUser.status, 'active')),
      );
    if (!row) return undefined;
    if (now().getTime() - row.session.lastSeenAt.getTime() > 5 * 60_000) {
      await db
        .update(userSession)
        .set({ lastSeenAt: now(), expiresAt: sessionExpiry() })
        .where(eq(userSession.idHash, idHash));
    }
    return { idHash, csrfToken: row.session.csrfToken, user: row.user, roles: row.roles };
  }

  async function logout(actor: Actor, idHash: string): Promise<void> {
    await db.transaction(async (tx) => {
      await tx.delete(userSession).where(eq(userSession.idHash, idHash));
      await audit.record(tx, actor, {
        action: 'auth.logout',
        entityType: 'app_user',
        entityId: actor.userId,
      });
    });
  }

  async function me(userId: string): Promise<Me> {
    const [row] = await db
      .select({ user: appUser, dependencia })
      .from(appUser)
      .leftJoin(dependencia, eq(dependencia.id, appUser.dependenciaId))
      .where(eq(appUser.id, userId));
    if (!row) throw notFound('El usuario no existe.');
    const roles = await rolesOf(userId);
    return {
      id: row.user.id,
      kind: row.user.kind === 'official' ? 'funcionario' : 'ciudadano',
      fullName: row.user.fullName,
      email: row.user.email,
      documentType: row.user.documentType,
      documentNumber: row.user.documentNumber,
      dependencia: row.dependencia ? { code: row.dependencia.code, name: row.dependencia.name } : null,
      roles,
      permissions: permissionsOfRoles(roles),
      totpEnabled: row.user.totpEnabledAt !== null,
    };
  }

  async function forgotPassword(tenantId: string, email: string): Promise<void> {
    const user = await findUserByLogin(tenantId, email);
    if (user?.status !== 'active') return;
    await db.transaction((tx) => mailLink(tx, user, 'reset_password'));
    await notifications.requestDelivery().catch(() => {});
  }

  async function resetPassword(token: string, password: string, meta: RequestMeta): Promise<void> {
    const passwordHash = await hasher.hash(password);
    await db.transaction(async (tx) => {
      const user = await consumeToken(tx, token, ['reset_password', 'activate_account']);
      const weak = passwordProblem(password, [user.documentNumber, user.email.split('@')[0] ?? '']);
      if (weak) throw validationError('password', weak);
      await tx
        .update(appUser)
        .set({
          passwordHash,
          // Following the link proves control of the mailbox.
          emailVerifiedAt: user.emailVerifiedAt ?? now(),
          failedLoginCount: 0,
          lastFailedLoginAt: null,
          updatedAt: now(),
        })
        .where(eq(appUser.id, user.id));
      // Whoever had the old password is signed out everywhere.
      await tx.delete(userSession).where(eq(userSession.userId, user.id));
      await audit.record(tx, actorFor(user, meta), {
        action: 'user.password_reset',
        entityType: 'app_user',
        entityId: user.id,
      });
      const tenant = await tenants.getById(user.tenantId, tx);
      await notifications.enqueueEmail(tx, {
        tenantId: user.tenantId,
        to: user.email,
        template: 'password_changed',
        data: { fullName: user.fullName, entityName: tenant.entityName },
      });
    });
    await notifications.requestDelivery().catch(() => {});
  }

  async function changePassword(
    actor: Actor,
    sessionIdHash: string,
    current: string,
    next: string,
  ): Promise<void> {
    const user = await getUserRow(actor.userId!);
    if (!user.passwordHash || !(await hasher.verify(user.passwordHash, current))) {
      throw new AppError(
        400,
        'INVALID_CREDENTIALS',
        'La contraseña actual no es correcta.',
        'currentPassword',
      );
    }
    const weak = passwordProblem(next, [user.documentNumber, user.email.split('@')[0] ?? '']);
    if (weak) throw validationError('newPassword', weak);
    const passwordHash = await hasher.hash(next);
    await db.transaction(async (tx) => {
      await tx.update(appUser).set({ passwordHash, updatedAt: now() }).where(eq(appUser.id, user.id));
      await tx
        .delete(userSession)
        .where(and(eq(userSession.userId, user.id), sql`${userSession.idHash} <> ${sessionIdHash}`));
      await audit.record(tx, actor, {
        action: 'user.password_change',
        entityType: 'app_user',
        entityId: user.id,
      });
    });
  }

  async function getUserRow(id: string): Promise<UserRow> {
    const [user] = await db.select().from(appUser).where(eq(appUser.id, id));
    if (!user) throw notFound('El usuario no existe.');
    return user;
  }

  async function setupTotp(actor: Actor) {
    const user = await getUserRow(actor.userId!);
    if (user.totpEnabledAt) throw conflict('MFA_ALREADY_ENABLED', 'El segundo factor ya está activo.');
    const secret = authenticator.generateSecret();
    await db.update(appUser).set({ totpSecret: secret, updatedAt: now() }).where(eq(appUser.id, user.id));
    const tenant = await tenants.getById(user.tenantId);
    const otpauthUrl = authenticator.keyuri(user.email, tenant.entityName, secret);
    return { secret, otpauthUrl, qrDataUrl: await QRCode.toDataURL(otpauthUrl, { margin: 1, width: 220 }) };
  }

  async function enableTotp(actor: Actor, code: string) {
    const user = await getUserRow(actor.userId!);
    if (!user.totpSecret)
      throw badRequest('MFA_NOT_SET_UP', 'Primero genere el código QR del segundo factor.');
    if (!authenticator.check(code, user.totpSecret)) {
      throw new AppError(400, 'MFA_INVALID', 'El código de verificación no es correcto.', 'code');
    }
    await db.transaction(async (tx) => {
      await tx.update(appUser).set({ totpEnabledAt: now(), updatedAt: now() }).where(eq(appUser.id, user.id));
      await audit.record(tx, actor, { action: 'user.mfa_enable', entityType: 'app_user', entityId: user.id });
    });
  }

  async function disableTotp(actor: Actor, code: string) {
    const user = await getUserRow(actor.userId!);
    if (!user.totpEnabledAt || !user.totpSecret)
      throw badRequest('MFA_NOT_ENABLED', 'El segundo factor no está activo.');
    if (!authenticator.check(code, user.totpSecret)) {
      throw new AppError(400, 'MFA_INVALID', 'El código de verificación no es correcto.', 'code');
    }
    await db.transaction(async (tx) => {
      await tx
        .update(appUser)
        .set({ totpEnabledAt: null, totpSecret: null, updatedAt: now() })
        .where(eq(appUser.id, user.id));
      await audit.record(tx, actor, {
        action: 'user.mfa_disable',
        entityType: 'app_user',
        entityId: user.id,
      });
    });
  }

  // ---- Back office ----

  async function getDependencia(tx: DbOrTx, tenantId: string, code: string) {
    const [row] = await tx
      .select()
      .from(dependencia)
      .where(and(eq(dependencia.tenantId, tenantId), eq(dependencia.code, code)));
    if (!row) throw validationError('dependenciaCode', `La dependencia «${code}» no existe.`);
    return row;
  }

  function checkRoles(roles: string[]) {
    for (const role of roles) {
      if (!findRole(role)) throw validationError('roles', `El rol «${role}» no existe.`);
    }
  }

  async function createOfficial(
    actor: Actor,
    input: OfficialInput,
    meta: RequestMeta = {},
  ): Promise<{ id: string }> {
    const documentNumber = normalizeDocument(input.documentType, input.documentNumber);
    checkRoles(input.roles);
    if (input.password) {
      const weak = passwordProblem(input.password, [documentNumber]);
      if (weak) throw validationError('password', weak);
    }
    const passwordHash = input.password ? await hasher.hash(input.password) : null;
    try {
      const created = await db.transaction(async (tx) => {
        const office = await getDependencia(tx, input.tenantId, input.dependenciaCode);
        const [user] = await tx
          .insert(appUser)
          .values({
            tenantId: input.tenantId,
            kind: 'official',
            documentType: input.documentType,
            documentNumber,
            fullName: input.fullName,
            email: input.email,
            passwordHash,
            emailVerifiedAt: passwordHash ? now() : null,
            dependenciaId: office.id,
            synthetic: input.synthetic ?? false,
          })
          .returning();
        if (input.roles.length > 0) {
          await tx.insert(userRole).values(input.roles.map((role) => ({ userId: user!.id, role })));
        }
        await audit.record(
          tx,
          { ...actor, ...meta },
          {
            action: 'user.create_official',
            entityType: 'app_user',
            entityId: user!.id,
            details: { dependencia: office.code, roles: input.roles },
          },
        );
        if (!passwordHash) await mailLink(tx, user!, 'activate_account', { dependencia: office.name });
        return { id: user!.id };
      });
      return created;
    } catch (error) {
      throw duplicateUserError(error);
    } finally {
      if (!input.password) await notifications.requestDelivery().catch(() => {});
    }
  }

  async function updateUser(
    actor: Actor,
    userId: string,
    patch: {
      roles?: string[] | undefined;
      status?: 'active' | 'disabled' | undefined;
      dependenciaCode?: string | undefined;
    },
  ): Promise<void> {
    if (patch.roles) checkRoles(patch.roles);
    await db.transaction(async (tx) => {
      const [user] = await tx
        .select()
        .from(appUser)
        .where(and(eq(appUser.id, userId), eq(appUser.tenantId, actor.tenantId)))
        .for('update');
      if (!user) throw notFound('El usuario no existe.');
      if (
        user.id === actor.userId &&
        (patch.status === 'disabled' || (patch.roles && !patch.roles.includes('admin')))
      ) {
        throw conflict(
          'SELF_LOCKOUT',
          'No puede quitarse a sí mismo el rol de administrador ni desactivar su cuenta.',
        );
      }
      if (patch.roles && patch.roles.length > 0 && user.kind !== 'official') {
        throw validationError('roles', 'Solo los funcionarios pueden tener roles.');
      }
      const changes: Partial<UserRow> = { updatedAt: now() };
      if (patch.status) changes.status = patch.status;
      if (patch.dependenciaCode)
        changes.dependenciaId = (await getDependencia(tx, actor.tenantId, patch.dependenciaCode)).id;
      await tx.update(appUser).set(changes).where(eq(appUser.id, userId));
      if (patch.roles) {
        await tx.delete(userRole).where(eq(userRole.userId, userId));
        if (patch.roles.length > 0)
          await tx.insert(userRole).values(patch.roles.map((role) => ({ userId, role })));
      }
      if (patch.status === 'disabled') await tx.delete(userSession).where(eq(userSession.userId, userId));
      await audit.record(tx, actor, {
        action: 'user.update',
        entityType: 'app_user',
        entityId: userId,
        details: patch,
      });
    });
  }

  async function listUsers(
    actor: Actor,
    filters: { q?: string | undefined; kind?: 'citizen' | 'official' | undefined },
    page: { page: number; pageSize: number },
  ) {
    const conditions: (SQL | undefined)[] = [eq(appUser.tenantId, actor.tenantId)];
    if (filters.kind) conditions.push(eq(appUser.kind, filters.kind));
    if (filters.q) {
      const pattern = `%${filters.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      conditions.push(
        or(
          ilike(appUser.fullName, pattern),
          ilike(appUser.email, pattern),
          eq(appUser.documentNumber, filters.q.trim()),
        ),
      );
    }
    const where = and(...conditions);
    const [rows, totals] = await Promise.all([
      db
        .select({ user: appUser, dependencia })
        .from(appUser)
        .leftJoin(dependencia, eq(dependencia.id, appUser.dependenciaId))
        .where(where)
        .orderBy(desc(appUser.createdAt), appUser.id)
        .limit(page.pageSize)
        .offset((page.page - 1) * page.pageSize),
      db.select({ total: count() }).from(appUser).where(where),
    ]);
    const ids = rows.map((row) => row.user.id);
    const roleRows = ids.length ? await db.select().from(userRole).where(inArray(userRole.userId, ids)) : [];
    const seesPersonal = can(actor, 'users.read_personal');
    const citizensShown = rows.filter((row) => row.user.kind === 'citizen').map((row) => row.user.id);
    if (seesPersonal && citizensShown.length > 0) {
      // A list with citizens' unmasked e-mails is a read of personal data too.
      await audit.record(db, actor, {
        action: 'user.list_personal',
        entityType: 'app_user',
        details: { q: filters.q ?? null, kind: filters.kind ?? null, page: page.page, ids: citizensShown },
      });
    }
    return {
      total: totals[0]?.total ?? 0,
      items: rows.map(({ user, dependencia: office }) => ({
        id: user.id,
        kind: user.kind === 'official' ? ('funcionario' as const) : ('ciudadano' as const),
        fullName: user.fullName,
        // Officials' work e-mails are not personal data to hide from colleagues; citizens' are.
        email: seesPersonal || user.kind === 'official' ? user.email : maskEmail(user.email),
        dependencia: office ? { code: office.code, name: office.name } : null,
        roles: roleRows.filter((role) => role.userId === user.id).map((role) => role.role),
        status: statusLabel(user),
        synthetic: user.synthetic,
        createdAt: user.createdAt,
      })),
    };
  }

  /** A sensitive read of personal data: recorded in the audit log with who asked. */
  async function getUserPersonalData(actor: Actor, userId: string) {
    if (!can(actor, 'users.read_personal')) throw forbidden();
    const [row] = await db
      .select({ user: appUser, dependencia })
      .from(appUser)
      .leftJoin(dependencia, eq(dependencia.id, appUser.dependenciaId))
      .where(and(eq(appUser.id, userId), eq(appUser.tenantId, actor.tenantId)));
    if (!row) throw notFound('El usuario no existe.');
    await audit.record(db, actor, { action: 'user.read_personal', entityType: 'app_user', entityId: userId });
    const { user } = row;
    return {
      id: user.id,
      kind: user.kind === 'official' ? ('funcionario' as const) : ('ciudadano' as const),
      documentType: user.documentType,
      documentNumber: user.documentNumber,
      fullName: user.fullName,
      email: user.email,
      phone: user.phone,
      dependencia: row.dependencia ? { code: row.dependencia.code, name: row.dependencia.name } : null,
      roles: await rolesOf(user.id),
      status: statusLabel(user),
      emailVerifiedAt: user.emailVerifiedAt,
      totpEnabled: user.totpEnabledAt !== null,
      lastLoginAt: user.lastLoginAt,
      synthetic: user.synthetic,
      createdAt: user.createdAt,
    };
  }

  /** What an issued document needs to name its holder; for the holder's own documents. */
  async function getHolder(tenantId: string, userId: string) {
    const [user] = await db
      .select()
      .from(appUser)
      .where(and(eq(appUser.id, userId), eq(appUser.tenantId, tenantId)));
    if (!user) throw notFound('El usuario no existe.');
    return {
      fullName: user.fullName,
      documentType: user.documentType,
      documentNumber: user.documentNumber,
      registeredAt: user.createdAt,
    };
  }

  async function listDependencias(tenantId: string) {
    return db
      .select({ id: dependencia.id, code: dependencia.code, name: dependencia.name })
      .from(dependencia)
      .where(eq(dependencia.tenantId, tenantId))
      .orderBy(dependencia.name);
  }

  async function ensureDependencias(tenantId: string, offices: { code: string; name: string }[]) {
    if (offices.length === 0) return;
    await db
      .insert(dependencia)
      .values(offices.map((office) => ({ tenantId, ...office })))
      .onConflictDoNothing();
  }

  async function countUsers(tenantId: string): Promise<number> {
    const [row] = await db.select({ total: count() }).from(appUser).where(eq(appUser.tenantId, tenantId));
    return row?.total ?? 0;
  }

  /** Hashes a password with the configured argon2id cost (for bulk seeding). */
  function hashPassword(password: string): Promise<string> {
    return hasher.hash(password);
  }

  /** Removes sessions that expired; run periodically by a job. */
  async function purgeExpiredSessions(): Promise<number> {
    const removed = await db
      .delete(userSession)
      .where(sql`${userSession.expiresAt} < ${now()}`)
      .returning({ id: userSession.idHash });
    return removed.length;
  }

  return {
    signup,
    verifyEmail,
    resendVerification,
    login,
    resolveSession,
    logout,
    me,
    forgotPassword,
    resetPassword,
    changePassword,
    setupTotp,
    enableTotp,
    disableTotp,
    createOfficial,
    updateUser,
    listUsers,
    getUserPersonalData,
    getHolder,
    listDependencias,
    ensureDependencias,
    countUsers,
    hashPassword,
    purgeExpiredSessions,
    actorFor,
    findUserByLogin,
  };
}

function statusLabel(user: UserRow): 'activo' | 'inactivo' | 'pendiente' {
  if (user.status !== 'active') return 'inactivo';
  return user.emailVerifiedAt ? 'activo' : 'pendiente';
}

export function maskEmail(email: string): string {
  const [local = '', domain = ''] = email.split('@');
  return `${local.slice(0, 2)}${'•'.repeat(Math.max(1, local.length - 2))}@${domain}`;
}

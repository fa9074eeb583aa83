import { and, isNotNull, lt, or, sql } from 'drizzle-orm';
import type { AppContext } from './context.ts';
import { rateLimitBucket } from './http/rate-limit.schema.ts';
import { userSession, userToken } from './identity/identity.schema.ts';

export const MAINTENANCE_QUEUE = 'platform.maintenance';

/** How long used or expired e-mail tokens are kept (for support questions) before removal. */
const TOKEN_RETENTION_DAYS = 30;

/** Removes what has expired: sessions, old single-use tokens and stale rate-limit counters. */
export async function runMaintenance(
  ctx: AppContext,
): Promise<{ sessions: number; tokens: number; buckets: number }> {
  const now = ctx.now();
  const tokenCutoff = new Date(now.getTime() - TOKEN_RETENTION_DAYS * 86_400_000);
  const sessions = await ctx.db
    .delete(userSession)
    .where(lt(userSession.expiresAt, now))
    .returning({ id: userSession.idHash });
  const tokens = await ctx.db
    .delete(userToken)
    .where(
      or(
        lt(userToken.expiresAt, tokenCutoff),
        and(isNotNull(userToken.usedAt), lt(userToken.usedAt, tokenCutoff)),
      ),
    )
    .returning({ id: userToken.id });
  const buckets = await ctx.db
    .delete(rateLimitBucket)
    .where(lt(rateLimitBucket.resetAt, sql`${now}::timestamptz - interval '1 minute'`))
    .returning({ key: rateLimitBucket.key });
  return { sessions: sessions.length, tokens: tokens.length, buckets: buckets.length };
}

/** Hourly, on the worker role. */
export function registerMaintenanceJob(ctx: AppContext): void {
  ctx.jobs.register(
    MAINTENANCE_QUEUE,
    async () => {
      const removed = await runMaintenance(ctx);
      ctx.logger.info(removed, 'mantenimiento: registros vencidos eliminados');
      return undefined;
    },
    { tracked: false, cron: '17 * * * *', policy: 'singleton' },
  );
}

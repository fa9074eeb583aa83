import { and, count, desc, eq, gte, ilike, lte, or, type SQL } from 'drizzle-orm';
import type { Actor } from '../authz/actor.ts';
import type { Db, DbOrTx } from '../db/database.ts';
import { auditLog } from './audit.schema.ts';

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId?: string | null;
  details?: Record<string, unknown>;
}

export interface AuditFilters {
  actor?: string;
  action?: string;
  entityType?: string;
  entityId?: string;
  from?: Date;
  to?: Date;
}

export interface AuditRecord {
  id: number;
  at: Date;
  actorUserId: string | null;
  actorLabel: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
  details: Record<string, unknown> | null;
}

export type AuditService = ReturnType<typeof createAuditService>;

export function createAuditService(db: Db) {
  /** Written inside the caller's transaction, so a rolled-back change leaves no audit row either. */
  async function record(tx: DbOrTx, actor: Actor, entry: AuditEntry): Promise<void> {
    await tx.insert(auditLog).values({
      tenantId: actor.tenantId,
      actorUserId: actor.userId,
      actorLabel: actor.label,
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId ?? null,
      ip: actor.ip ?? null,
      userAgent: actor.userAgent?.slice(0, 300) ?? null,
      requestId: actor.requestId ?? null,
      details: entry.details ?? null,
    });
  }

  function whereOf(tenantId: string, filters: AuditFilters): SQL | undefined {
    const conditions: (SQL | undefined)[] = [eq(auditLog.tenantId, tenantId)];
    if (filters.actor) {
      const pattern = `%${escapeLike(filters.actor)}%`;
      conditions.push(
        or(ilike(auditLog.actorLabel, pattern), eq(auditLog.actorUserId, uuidOrNull(filters.actor))),
      );
    }
    if (filters.action) conditions.push(ilike(auditLog.action, `${escapeLike(filters.action)}%`));
    if (filters.entityType) conditions.push(eq(auditLog.entityType, filters.entityType));
    if (filters.entityId) conditions.push(eq(auditLog.entityId, filters.entityId));
    if (filters.from) conditions.push(gte(auditLog.at, filters.from));
    if (filters.to) conditions.push(lte(auditLog.at, filters.to));
    return and(...conditions);
  }

  async function search(tenantId: string, filters: AuditFilters, page: { page: number; pageSize: number }) {
    const where = whereOf(tenantId, filters);
    const [items, totals] = await Promise.all([
      db
        .select()
        .from(auditLog)
        .where(where)
        .orderBy(desc(auditLog.at), desc(auditLog.id))
        .limit(page.pageSize)
        .offset((page.page - 1) * page.pageSize),
      db.select({ total: count() }).from(auditLog).where(where),
    ]);
    return { items: items as AuditRecord[], total: totals[0]?.total ?? 0 };
  }

  /** Streams matching rows in id order, a batch at a time, for exports of any size. */
  async function* iterate(
    tenantId: string,
    filters: AuditFilters,
    batchSize = 1000,
  ): AsyncGenerator<AuditRecord[]> {
    let offset = 0;
    for (;;) {
      const rows = await db
        .select()
        .from(auditLog)
        .where(whereOf(tenantId, filters))
        .orderBy(auditLog.id)
        .limit(batchSize)
        .offset(offset);
      if (rows.length === 0) return;
      yield rows as AuditRecord[];
      offset += rows.length;
    }
  }

  async function countMatching(tenantId: string, filters: AuditFilters): Promise<number> {
    const [row] = await db.select({ total: count() }).from(auditLog).where(whereOf(tenantId, filters));
    return row?.total ?? 0;
  }

  return { record, search, iterate, countMatching };
}

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (character) => `\\${character}`);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
function uuidOrNull(value: string): string {
  // Comparing a uuid column to a non-uuid string would raise; a nil uuid matches nobody.
  return UUID.test(value) ? value : '00000000-0000-0000-0000-000000000000';
}

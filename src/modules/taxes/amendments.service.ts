import { and, desc, eq } from 'drizzle-orm';
import type { AuditService } from '../../platform/audit/audit.service.ts';
import type { Actor } from '../../platform/authz/actor.ts';
import type { Db } from '../../platform/db/database.ts';
import { isUniqueViolation } from '../../platform/db/errors.ts';
import { AppError, conflict, notFound } from '../../platform/http/errors.ts';
import { taxDemand, taxDemandAmendment } from './billing.schema.ts';
import { predio } from './predios.schema.ts';

export interface AmendmentView {
  id: string;
  demandId: string;
  numeroPredial: string | null;
  vigencia: number;
  concept: string;
  previousAmount: number;
  newAmount: number;
  reason: string;
  origin: 'manual' | 'reliquidacion';
  status: 'pendiente' | 'aprobada' | 'rechazada';
  createdAt: string;
  decidedAt: string | null;
}

export type AmendmentsService = ReturnType<typeof createAmendmentsService>;

/**
 * A demand changes only through an amendment: one official proposes it with a reason, another approves
 * it (four eyes), and both are in the audit trail. Lowering a demand below what was already paid leaves
 * the difference as a balance in favour (settled > amount), never a lost payment.
 */
export function createAmendmentsService(deps: { db: Db; audit: AuditService; now?: () => Date }) {
  const { db, audit } = deps;
  const now = deps.now ?? (() => new Date());

  const select = () =>
    db
      .select({ amendment: taxDemandAmendment, demand: taxDemand, numeroPredial: predio.numeroPredial })
      .from(taxDemandAmendment)
      .innerJoin(taxDemand, eq(taxDemand.id, taxDemandAmendment.demandId))
      .leftJoin(predio, eq(predio.id, taxDemand.subjectId));

  type Joined = Awaited<ReturnType<ReturnType<typeof select>['execute']>>[number];
  const toView = ({ amendment, demand, numeroPredial }: Joined): AmendmentView => ({
    id: amendment.id,
    demandId: amendment.demandId,
    numeroPredial,
    vigencia: demand.vigencia,
    concept: demand.concept,
    previousAmount: amendment.previousAmount,
    newAmount: amendment.newAmount,
    reason: amendment.reason,
    origin: amendment.origin,
    status: amendment.status,
    createdAt: amendment.createdAt.toISOString(),
    decidedAt: amendment.decidedAt?.toISOString() ?? null,
  });

  async function get(tenantId: string, id: string): Promise<AmendmentView> {
    const [row] = await select().where(
      and(eq(taxDemandAmendment.tenantId, tenantId), eq(taxDemandAmendment.id, id)),
    );
    if (!row) throw notFound('El ajuste no existe.');
    return toView(row);
  }

  async function propose(
    actor: Actor,
    input: { demandId: string; newAmount: number; reason: string; origin?: 'manual' | 'reliquidacion' },
  ): Promise<AmendmentView> {
    const [demand] = await db
      .select()
      .from(taxDemand)
      .where(and(eq(taxDemand.tenantId, actor.tenantId), eq(taxDemand.id, input.demandId)));
    if (!demand)
      throw new AppError(400, 'VALIDATION_ERROR', 'demandId: el concepto a ajustar no existe.', 'demandId');
    if (demand.amount === input.newAmount) {
      throw new AppError(
        400,
        'VALIDATION_ERROR',
        'nuevoValor: es igual al valor actual; no hay nada que ajustar.',
        'nuevoValor',
      );
    }
    try {
      const id = await db.transaction(async (tx) => {
        const [row] = await tx
          .insert(taxDemandAmendment)
          .values({
            tenantId: actor.tenantId,
            demandId: demand.id,
            previousAmount: demand.amount,
            newAmount: input.newAmount,
            reason: input.reason,
            origin: input.origin ?? 'manual',
            status: 'pendiente',
            requestedByUserId: actor.userId,
          })
          .returning({ id: taxDemandAmendment.id });
        await audit.record(tx, actor, {
          action: 'taxes.amendment.propose',
          entityType: 'tax_demand',
          entityId: demand.id,
          details: { from: demand.amount, to: input.newAmount, reason: input.reason },
        });
        return row!.id;
      });
      return get(actor.tenantId, id);
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw conflict('AMENDMENT_PENDING', 'Ese concepto ya tiene un ajuste pendiente de aprobación.');
      }
      throw error;
    }
  }

  async function decide(actor: Actor, id: string, input: { approve: boolean; note?: string }) {
    const view = await get(actor.tenantId, id);
    if (view.status !== 'pendiente') throw conflict('AMENDMENT_DECIDED', 'Ese ajuste ya fue decidido.');
    if (!input.approve && !input.note?.trim()) {
      throw new AppError(400, 'VALIDATION_ERROR', 'nota: explique por qué se rechaza el ajuste.', 'nota');
    }
    await db.transaction(async (tx) => {
      const [row] = await tx
        .select()
        .from(taxDemandAmendment)
        .where(eq(taxDemandAmendment.id, id))
        .for('update');
      if (row?.status !== 'pendiente') throw conflict('AMENDMENT_DECIDED', 'Ese ajuste ya fue decidido.');
      if (row.requestedByUserId && row.requestedByUserId === actor.userId) {
        throw conflict(
          'SELF_APPROVAL',
          'Quien propone un ajuste no puede aprobarlo: lo decide otro funcionario.',
        );
      }
      const [demand] = await tx.select().from(taxDemand).where(eq(taxDemand.id, row.demandId)).for('update');
      if (input.approve && demand!.amount !== row.previousAmount) {
        throw conflict(
          'AMENDMENT_STALE',
          'El valor del concepto cambió después de proponer el ajuste: propóngalo de nuevo.',
        );
      }
      await tx
        .update(taxDemandAmendment)
        .set({
          status: input.approve ? 'aprobada' : 'rechazada',
          decidedByUserId: actor.userId,
          decisionNote: input.note?.trim() || null,
          decidedAt: now(),
        })
        .where(eq(taxDemandAmendment.id, id));
      if (input.approve) {
        await tx
          .update(taxDemand)
          .set({ amount: row.newAmount, updatedAt: now() })
          .where(eq(taxDemand.id, row.demandId));
      }
      await audit.record(tx, actor, {
        action: input.approve ? 'taxes.amendment.approve' : 'taxes.amendment.reject',
        entityType: 'tax_demand',
        entityId: row.demandId,
        details: { amendment: id, from: row.previousAmount, to: row.newAmount, note: input.note ?? null },
      });
    });
    return get(actor.tenantId, id);
  }

  async function list(tenantId: string, status?: AmendmentView['status']): Promise<AmendmentView[]> {
    const rows = await select()
      .where(
        status
          ? and(eq(taxDemandAmendment.tenantId, tenantId), eq(taxDemandAmendment.status, status))
          : eq(taxDemandAmendment.tenantId, tenantId),
      )
      .orderBy(desc(taxDemandAmendment.createdAt))
      .limit(200);
    return rows.map(toView);
  }

  return { propose, decide, list, get };
}

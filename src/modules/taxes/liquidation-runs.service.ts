import { and, desc, eq } from 'drizzle-orm';
import type { AuditService } from '../../platform/audit/audit.service.ts';
import type { Actor } from '../../platform/authz/actor.ts';
import { type BulkConnection, csvRow, type DatabaseHandle } from '../../platform/db/database.ts';
import { isUniqueViolation } from '../../platform/db/errors.ts';
import { badRequest, notFound } from '../../platform/http/errors.ts';
import type { JobService } from '../../platform/jobs/index.ts';
import type { TenantService } from '../../platform/tenancy/tenancy.service.ts';
import { liquidationRun, type Tax } from './billing.schema.ts';
import { LiquidationError, liquidatePredial, type PredialFacts, type RuleSet } from './liquidation/index.ts';
import { rulesFor } from './tax-rules.ts';

export const LIQUIDATION_QUEUE = 'taxes.liquidate-vigencia';
/** Predios per batch: one read, one COPY and one commit of the run's cursor. */
const DEFAULT_BATCH = 5000;
const PROBLEMS_KEPT = 200;

/** The demand columns a liquidation writes, in COPY order. */
const DEMAND_COLUMNS = [
  'tenant_id',
  'tax',
  'subject_id',
  'vigencia',
  'concept',
  'amount',
  'due_date',
  'interest_bearing',
  'basis',
  'rule_version',
  'liquidation_run_id',
] as const;

export interface LiquidationRunView {
  id: string;
  tax: Tax;
  vigencia: number;
  state: 'en_curso' | 'terminada' | 'fallida';
  jobId: string | null;
  total: number;
  processed: number;
  created: number;
  existing: number;
  failed: number;
  ruleVersion: string | null;
  problems: { subject: string; detail: string }[];
  startedAt: Date;
  finishedAt: Date | null;
}

interface PredioRow {
  id: string;
  numero_predial: string | null;
  numero_predial_anterior: string | null;
  destino_letra: string;
  estrato: number | null;
  area_terreno_m2: string | null;
  area_construida_m2: string | null;
  avaluo: string | number | null;
  actualizado: boolean | null;
  avaluo_anterior: string | number | null;
  impuesto_anterior: string | number | null;
  /** Demands of this vigencia the predio already has (a second run, or a predio liquidated alone). */
  existing_lines?: number;
}

/**
 * The facts of the predios a query of ids lists ($1 tenant, $2 vigencia): the predio, its avalúo of the
 * vigencia and the one before, last year's impuesto (the Ley 1995 base) and the demands it already has.
 */
function predioFactsQuery(pageSql: string): string {
  return `with page as materialized (${pageSql})
    select p.id, p.numero_predial, p.numero_predial_anterior, p.destino_letra, p.estrato,
           p.area_terreno_m2::text as area_terreno_m2, p.area_construida_m2::text as area_construida_m2,
           a.avaluo, a.actualizado, prev.avaluo as avaluo_anterior,
           (select d.amount from tax_demand d
             where d.tenant_id = p.tenant_id and d.tax = 'predial' and d.subject_id = p.id
               and d.vigencia = $2 - 1 and d.concept = 'impuesto') as impuesto_anterior,
           (select count(*)::int from tax_demand d
             where d.tenant_id = p.tenant_id and d.tax = 'predial' and d.subject_id = p.id
               and d.vigencia = $2) as existing_lines
      from page
      join predio p on p.id = page.id and p.tenant_id = $1
      left join predio_avaluo a on a.predio_id = p.id and a.vigencia = $2
      left join predio_avaluo prev on prev.predio_id = p.id and prev.vigencia = $2 - 1
     order by p.id`;
}

/** The facts a liquidation needs from a predio row; the zona is digits 6–7 of the NPN (00 rural). */
export function predialFactsOf(row: PredioRow): PredialFacts {
  const zonaDigits = row.numero_predial?.slice(5, 7);
  return {
    avaluo: Number(row.avaluo ?? 0),
    avaluoAnterior: row.avaluo_anterior === null ? null : Number(row.avaluo_anterior),
    impuestoAnterior: row.impuesto_anterior === null ? null : Number(row.impuesto_anterior),
    destino: row.destino_letra,
    estrato: row.estrato,
    zona: zonaDigits === undefined ? null : zonaDigits === '00' ? 'rural' : 'urbana',
    sector: row.numero_predial?.slice(7, 9) ?? null,
    areaTerrenoM2: row.area_terreno_m2 === null ? null : Number(row.area_terreno_m2),
    areaConstruidaM2: row.area_construida_m2 === null ? null : Number(row.area_construida_m2),
    flags: row.actualizado === false ? ['avaluoNoActualizado'] : [],
  };
}

export type LiquidationRunsService = ReturnType<typeof createLiquidationRunsService>;

/**
 * Mass liquidation of a vigencia (issue 3): a job reads predios in id order, liquidates each with the pure
 * rules and writes the demands with COPY through a staging table, so a second run creates nothing
 * (`on conflict do nothing` on the demand's natural key) and a crashed run resumes after its cursor.
 */
export function createLiquidationRunsService(deps: {
  database: DatabaseHandle;
  jobs: JobService;
  audit: AuditService;
  tenants: Pick<TenantService, 'getById'>;
  batchSize?: number;
  /** Test hook: called after each committed batch (a test throws here to simulate a crash). */
  afterBatch?: (runId: string, processed: number) => Promise<void> | void;
}) {
  const { database, jobs, audit, tenants } = deps;
  const db = database.db;
  const batchSize = deps.batchSize ?? DEFAULT_BATCH;

  function toView(row: typeof liquidationRun.$inferSelect): LiquidationRunView {
    return {
      id: row.id,
      tax: row.tax,
      vigencia: row.vigencia,
      state: row.state,
      jobId: row.jobId,
      total: row.total,
      processed: row.processed,
      created: row.created,
      existing: row.existing,
      failed: row.failed,
      ruleVersion: row.ruleVersion,
      problems: row.problems,
      startedAt: row.startedAt,
      finishedAt: row.finishedAt,
    };
  }

  async function get(tenantId: string, id: string): Promise<LiquidationRunView> {
    const [row] = await db
      .select()
      .from(liquidationRun)
      .where(and(eq(liquidationRun.tenantId, tenantId), eq(liquidationRun.id, id)));
    if (!row) throw notFound('La liquidación masiva no existe.');
    return toView(row);
  }

  async function list(tenantId: string): Promise<LiquidationRunView[]> {
    const rows = await db
      .select()
      .from(liquidationRun)
      .where(eq(liquidationRun.tenantId, tenantId))
      .orderBy(desc(liquidationRun.startedAt))
      .limit(50);
    return rows.map(toView);
  }

  /**
   * Starts the liquidation of a vigencia, or returns the one already running: two clicks, or two
   * officials, never start two runs of the same vigencia.
   */
  async function start(
    actor: Actor,
    vigencia: number,
    options: { enqueue?: boolean } = {},
  ): Promise<LiquidationRunView & { started: boolean }> {
    const tenant = await tenants.getById(actor.tenantId);
    const { rules, version } = rulesFor(tenant.divipola);
    checkVigencia(rules, vigencia);
    const [{ total }] = (
      await database.raw.query<{ total: number }>(
        `select count(*)::int as total from predio p join predio_avaluo a on a.predio_id = p.id and a.vigencia = $2
         where p.tenant_id = $1 and p.estado = 'activo'`,
        [actor.tenantId, vigencia],
      )
    ).rows as [{ total: number }];
    let row: typeof liquidationRun.$inferSelect;
    try {
      row = await db.transaction(async (tx) => {
        const [created] = await tx
          .insert(liquidationRun)
          .values({
            tenantId: actor.tenantId,
            tax: 'predial',
            vigencia,
            state: 'en_curso',
            total,
            ruleVersion: version,
            createdByUserId: actor.userId,
          })
          .returning();
        await audit.record(tx, actor, {
          action: 'taxes.liquidation.start',
          entityType: 'liquidation_run',
          entityId: created!.id,
          details: { vigencia, total, ruleVersion: version },
        });
        return created!;
      });
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      const [running] = await db
        .select()
        .from(liquidationRun)
        .where(
          and(
            eq(liquidationRun.tenantId, actor.tenantId),
            eq(liquidationRun.vigencia, vigencia),
            eq(liquidationRun.state, 'en_curso'),
          ),
        );
      if (!running) throw error;
      return { ...toView(running), started: false };
    }
    // The console runs it in its own process; the web hands it to the worker role.
    if (options.enqueue === false) return { ...toView(row), started: true };
    const jobId = await jobs.enqueue({
      queue: LIQUIDATION_QUEUE,
      label: `Liquidación masiva del predial ${vigencia}`,
      tenantId: actor.tenantId,
      createdByUserId: actor.userId,
      data: { runId: row.id },
      singletonKey: row.id,
    });
    await db.update(liquidationRun).set({ jobId }).where(eq(liquidationRun.id, row.id));
    return { ...toView({ ...row, jobId }), started: true };
  }

  function checkVigencia(rules: RuleSet, vigencia: number): void {
    if (!Number.isInteger(vigencia) || !rules.dueDates.some((row) => row.vigencia === vigencia)) {
      throw badRequest(
        'VIGENCIA_SIN_REGLAS',
        `La vigencia ${vigencia} no tiene reglas del predial (fecha de vencimiento y tarifas) configuradas.`,
        'vigencia',
      );
    }
  }

  async function readBatch(
    connection: Pick<BulkConnection, 'query'>,
    tenantId: string,
    vigencia: number,
    cursor: string | null,
  ): Promise<PredioRow[]> {
    // The page of ids first, straight off the (tenant_id, id) index in order; then one indexed look-up
    // per predio. A join written as one query lets a planner with stale statistics (right after a bulk
    // import) scan and sort everything after the cursor on every page.
    const { rows } = await connection.query<PredioRow>(
      predioFactsQuery(
        `select id from predio
          where tenant_id = $1 and estado = 'activo' and ($3::uuid is null or id > $3::uuid)
          order by id
          limit $4`,
      ),
      [tenantId, vigencia, cursor, batchSize],
    );
    return rows;
  }

  /** One predio's liquidation of a vigencia as the rules give it now (a new avalúo, a correction). */
  async function liquidateOne(tenantId: string, predioId: string, vigencia: number) {
    const tenant = await tenants.getById(tenantId);
    const { rules } = rulesFor(tenant.divipola);
    checkVigencia(rules, vigencia);
    const { rows } = await database.raw.query<PredioRow>(predioFactsQuery('select $3::uuid as id'), [
      tenantId,
      vigencia,
      predioId,
    ]);
    if (rows[0]?.avaluo == null) throw notFound(`El predio no tiene avalúo para la vigencia ${vigencia}.`);
    return liquidatePredial(predialFactsOf(rows[0]), vigencia, rules);
  }

  /** The job: runs (or resumes) one liquidation run to the end. */
  async function execute(runId: string, progress: (done: number, total: number) => Promise<void>) {
    const [run] = await db.select().from(liquidationRun).where(eq(liquidationRun.id, runId));
    if (!run) throw new Error(`Liquidación ${runId} inexistente`);
    if (run.state !== 'en_curso') return toView(run);
    const tenant = await tenants.getById(run.tenantId);
    const { rules, version } = rulesFor(tenant.divipola);
    const problems = [...run.problems];
    let { cursor, processed } = run;

    /** Reads and liquidates the page after `after`, outside any transaction. */
    const prepare = async (after: string | null) => {
      const predios = await readBatch(database.raw, run.tenantId, run.vigencia, after);
      if (predios.length === 0) return null;
      let csv = '';
      let created = 0;
      let failed = 0;
      let existing = 0;
      for (const predio of predios) {
        // A predio without an avalúo for the vigencia has nothing to liquidate (the count excluded it).
        if (predio.avaluo === null) continue;
        // Already liquidated: a second run creates nothing (the unique key guards a concurrent one).
        if (predio.existing_lines) {
          existing += predio.existing_lines;
          continue;
        }
        try {
          const liquidation = liquidatePredial(predialFactsOf(predio), run.vigencia, rules);
          const basis = JSON.stringify({
            avaluo: liquidation.detail.avaluo,
            tarifaPorMil: liquidation.detail.tariff?.perMil ?? null,
            tope: liquidation.detail.cap.status,
          });
          for (const line of liquidation.lines) {
            csv += csvRow([
              run.tenantId,
              'predial',
              predio.id,
              run.vigencia,
              line.concept,
              line.amount,
              line.dueDate,
              line.interestBearing,
              basis,
              version,
              run.id,
            ]);
            created++;
          }
        } catch (error) {
          if (!(error instanceof LiquidationError)) throw error;
          failed++;
          if (problems.length < PROBLEMS_KEPT) {
            problems.push({ subject: predio.numero_predial ?? predio.id, detail: error.message });
          }
        }
      }
      return { csv, created, failed, existing, count: predios.length, last: predios[predios.length - 1]!.id };
    };

    // A pipeline: while one page is copied and committed, the next one is read and liquidated, so the
    // database's work and ours overlap (two cores, two processes). The cursor is committed with the rows.
    let next = prepare(cursor);
    try {
      for (;;) {
        const batch = await next;
        if (!batch) break;
        next = prepare(batch.last);
        await database.inBulkTransaction(async (connection) => {
          if (batch.csv) await connection.copyCsv('tax_demand', DEMAND_COLUMNS, batch.csv);
          await connection.query(
            `update liquidation_run set cursor = $2, processed = processed + $3, created = created + $4,
               existing = existing + $5, failed = failed + $6, problems = $7::jsonb where id = $1`,
            [
              run.id,
              batch.last,
              batch.count,
              batch.created,
              batch.existing,
              batch.failed,
              JSON.stringify(problems),
            ],
          );
        });
        cursor = batch.last;
        processed += batch.count;
        await progress(processed, Math.max(run.total, processed));
        await deps.afterBatch?.(run.id, processed);
      }
    } catch (error) {
      next.catch(() => {});
      throw error;
    }

    // The vigencia's demands are new rows by the hundred thousand: plan the next queries for them.
    await database.raw.exec('analyze tax_demand');
    const [finished] = await db
      .update(liquidationRun)
      .set({ state: 'terminada', finishedAt: new Date() })
      .where(eq(liquidationRun.id, run.id))
      .returning();
    return toView(finished!);
  }

  function registerJob(): void {
    jobs.register<{ runId: string }>(
      LIQUIDATION_QUEUE,
      async (job) => {
        const view = await execute(job.data.runId, (done, total) =>
          job.progress(done, total, `${done.toLocaleString('es-CO')} predios liquidados`),
        );
        return {
          message: `Liquidación ${view.vigencia}: ${view.created.toLocaleString('es-CO')} conceptos nuevos, ${view.existing.toLocaleString('es-CO')} ya existían, ${view.failed} predios con error.`,
          result: { runId: view.id, created: view.created, existing: view.existing, failed: view.failed },
        };
      },
      // A retry resumes from the cursor; the run's own row says what is done.
      { retryLimit: 5, retryDelaySeconds: 10, expireInSeconds: 4 * 3600 },
    );
  }

  return { start, get, list, execute, registerJob, liquidateOne };
}

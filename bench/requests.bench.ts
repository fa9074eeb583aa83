// `npm run bench -- requests`: the figures issue 4 asks for, as JSON lines, on PostgreSQL and on PGlite.
//   1. PQRSD filings (POST /api/v1/pqrsd) at 50 connections vs GET /health/ready, in the same run;
//   2. the inbox of one dependencia with BENCH_OPEN_CASES (default 100,000) open cases: p99 of the engine's
//      inbox page (and of its category counts) vs a bare indexed SELECT of the same page.
import fs from 'node:fs';
import path from 'node:path';
import autocannon from 'autocannon';
import { createAuditService } from '../src/platform/audit/audit.service.ts';
import type { DatabaseHandle } from '../src/platform/db/database.ts';
import { migrate } from '../src/platform/db/migrate.ts';
import { dependencia } from '../src/platform/identity/identity.schema.ts';
import { loadWorkflowDefinition } from '../src/platform/workflow/definition/index.ts';
import { createWorkflowEngine } from '../src/platform/workflow/engine/index.ts';
import { type Engine, freshDatabase, insertTenant, machine, ROOT, serve, stopServer } from './bench-kit.ts';

const OPEN_CASES = Number(process.env.BENCH_OPEN_CASES ?? 100_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 300);
const ENGINES = (process.env.BENCH_ENGINES ?? 'postgres,pglite').split(',') as Engine[];
const PARTS = new Set((process.env.BENCH_PARTS ?? 'filing,inbox').split(','));

const emit = (record: Record<string, unknown>) =>
  console.log(JSON.stringify({ bench: 'requests', ...record, machine }));

const filing = {
  type: 'peticion',
  category: 'planeacion',
  subject: 'Concepto de uso del suelo',
  description: 'Solicito el concepto de uso del suelo de un predio del barrio Cabecera del Llano.',
  acceptsPrivacyPolicy: true,
  petitioner: {
    name: 'Peticionaria Sintética',
    documentType: 'CC',
    documentNumber: '9999000777',
    email: 'bench@correo.test',
  },
};

async function filingBench(engine: Engine, port: number) {
  const fresh = await freshDatabase(engine, 'pqrsd');
  const env: Record<string, string> = {
    ...(fresh.env as unknown as Record<string, string>),
    DEMO: 'true',
    DEMO_PREDIOS: '0',
    LOG_LEVEL: 'warn',
    PORT: String(port),
    HOST: '127.0.0.1',
    RATE_LIMIT_PUBLIC_PER_MINUTE: '100000000',
    RATE_LIMIT_AUTH_PER_MINUTE: '100000000',
  };
  const server = await serve(env);
  try {
    // Warm up: the first filing loads the rule files and the workflow.
    await fetch(`${server.url}/api/v1/pqrsd`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(filing),
    });
    const filings = await autocannon({
      url: `${server.url}/api/v1/pqrsd`,
      connections: 50,
      duration: SECONDS,
      pipelining: 1,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(filing),
    });
    const health = await autocannon({
      url: `${server.url}/health/ready`,
      connections: 50,
      duration: SECONDS,
      pipelining: 1,
    });
    const database = await fresh.open();
    const { rows } = await database.raw.query<{ n: number; distinct_radicados: number; max_seq: number }>(
      `select count(*)::int as n, count(distinct radicado)::int as distinct_radicados,
              max(split_part(radicado, '-', 3)::int) as max_seq from pqrsd_request`,
    );
    await database.close();
    const filingRps = filings.requests.total / filings.duration;
    emit({
      engine,
      metric: 'pqrsd_filing',
      connections: 50,
      seconds: SECONDS,
      requests: filings.requests.total,
      rps: Math.round(filingRps),
      p99Ms: filings.latency.p99,
      errors: filings.errors + filings.non2xx,
      healthRps: Math.round(health.requests.average),
      healthP99Ms: health.latency.p99,
      ratio: Number((filingRps / health.requests.average).toFixed(3)),
      stored: rows[0]?.n,
      gapFree: rows[0]?.n === rows[0]?.distinct_radicados && rows[0]?.n === rows[0]?.max_seq,
    });
  } finally {
    await stopServer(server.child);
  }
}

async function seedOpenCases(database: DatabaseHandle, tenantId: string, officeId: string, otherId: string) {
  // One dependencia gets OPEN_CASES open cases; the rest of the city as many again, half of them closed.
  await database.raw.exec(`
    INSERT INTO workflow_case (tenant_id, workflow, workflow_version, reference, subject, case_type, state,
      state_entered_at, dependencia_id, clock_events, clock_status, due_at, due_on, opened_at, closed_at, outcome)
    SELECT '${tenantId}', 'pqrsd', 1, '2026-PQRSD-' || lpad(g::text, 7, '0'), 'Solicitud sintética ' || g, 'peticion',
      CASE WHEN g % 7 = 0 THEN 'esperando_informacion' ELSE 'en_tramite' END,
      now() - interval '20 days',
      CASE WHEN g <= ${OPEN_CASES} THEN '${officeId}'::uuid ELSE '${otherId}'::uuid END,
      jsonb_build_array(jsonb_build_object('type', 'started', 'at', to_char(now() - interval '20 days', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
        'sla', jsonb_build_object('unit', 'businessDays', 'amount', 15))),
      CASE WHEN g % 7 = 0 THEN 'paused' ELSE 'running' END,
      now() + ((g % 90) - 30) * interval '1 day' + (g % 1000) * interval '1 second',
      (now() + ((g % 90) - 30) * interval '1 day')::date,
      now() - interval '20 days',
      CASE WHEN g > ${OPEN_CASES} AND g % 2 = 0 THEN now() ELSE NULL END,
      CASE WHEN g > ${OPEN_CASES} AND g % 2 = 0 THEN 'respondida' ELSE NULL END
    FROM generate_series(1, ${OPEN_CASES * 2}) AS g;
    ANALYZE workflow_case;
  `);
}

function p99(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return Number(sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.99))]!.toFixed(3));
}

async function timed(times: number, work: () => Promise<unknown>): Promise<number[]> {
  const samples: number[] = [];
  for (let index = 0; index < times; index += 1) {
    const started = performance.now();
    await work();
    samples.push(performance.now() - started);
  }
  return samples;
}

async function inboxBench(engine: Engine) {
  const fresh = await freshDatabase(engine, 'inbox');
  const database = await fresh.open();
  try {
    await migrate(database);
    const city = await insertTenant(database);
    const [office, other] = await database.db
      .insert(dependencia)
      .values([
        { tenantId: city.id, code: 'planeacion', name: 'Secretaría de Planeación' },
        { tenantId: city.id, code: 'hacienda', name: 'Secretaría de Hacienda' },
      ])
      .returning();
    const seeding = performance.now();
    await seedOpenCases(database, city.id, office!.id, other!.id);
    const seedSeconds = (performance.now() - seeding) / 1000;
    const engineService = createWorkflowEngine({
      db: database.db,
      audit: createAuditService(database.db),
      now: () => new Date(),
    });
    engineService.register({
      definition: loadWorkflowDefinition(
        JSON.parse(fs.readFileSync(path.join(ROOT, 'config/workflows/pqrsd.json'), 'utf8')),
      ),
      warnBusinessDays: 3,
      filingClosesAt: '17:00',
    });
    const query = { tenantId: city.id, workflow: 'pqrsd', dependenciaId: office!.id, limit: 50 };
    const bareSql = `SELECT id, reference, subject, case_type, state, dependencia_id, assignee_user_id, due_at, due_on,
        clock_status, opened_at FROM workflow_case
      WHERE tenant_id = $1 AND workflow = 'pqrsd' AND dependencia_id = $2 AND closed_at IS NULL
      ORDER BY due_at, id LIMIT 51`;
    const bare = () => database.raw.query(bareSql, [city.id, office!.id]);
    // Warm both paths (plans, caches) before measuring.
    await timed(20, () => engineService.inbox(query));
    await timed(20, bare);
    const inboxSamples = await timed(SAMPLES, () => engineService.inbox(query));
    const bareSamples = await timed(SAMPLES, bare);
    const overdueSamples = await timed(SAMPLES, () => engineService.inbox({ ...query, category: 'vencido' }));
    const countSamples = await timed(Math.min(SAMPLES, 100), () => engineService.inboxCounts(query));
    const plan = await database.raw.query<Record<string, string>>(`EXPLAIN ${bareSql}`, [
      city.id,
      office!.id,
    ]);
    emit({
      engine,
      metric: 'inbox_page',
      openCasesInDependencia: OPEN_CASES,
      casesInDatabase: OPEN_CASES * 2,
      seedSeconds: Number(seedSeconds.toFixed(1)),
      samples: SAMPLES,
      inboxP99Ms: p99(inboxSamples),
      bareSelectP99Ms: p99(bareSamples),
      ratio: Number((p99(inboxSamples) / p99(bareSamples)).toFixed(2)),
      overdueFilterP99Ms: p99(overdueSamples),
      categoryCountsP99Ms: p99(countSamples),
      barePlan: plan.rows.map((row) => Object.values(row)[0]).join(' | '),
    });
  } finally {
    await database.close();
  }
}

export async function runRequestsBenchmark(): Promise<void> {
  let port = 3970;
  for (const engine of ENGINES) {
    if (PARTS.has('inbox')) await inboxBench(engine);
    if (PARTS.has('filing')) await filingBench(engine, port++);
  }
}

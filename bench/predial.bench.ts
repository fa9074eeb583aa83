import { randomBytes } from 'node:crypto';
import autocannon from 'autocannon';
import { seedSyntheticPredios } from '../src/modules/taxes/demo-predios.seed.ts';
import { startCallbackReceiver } from '../src/modules/taxes/gateway/callback-receiver.testkit.ts';
import { startSandboxGateway } from '../src/modules/taxes/gateway/index.ts';
import { createLiquidationRunsService } from '../src/modules/taxes/liquidation-runs.service.ts';
import { measureReceiptThroughput } from '../src/modules/taxes/receipts/index.ts';
import { createAuditService } from '../src/platform/audit/audit.service.ts';
import { systemActor } from '../src/platform/authz/actor.ts';
import { migrate } from '../src/platform/db/migrate.ts';
import type { JobService } from '../src/platform/jobs/index.ts';
import { createTenantService } from '../src/platform/tenancy/tenancy.service.ts';
import { type Engine, freshDatabase, insertTenant, machine, run, serve, stopServer } from './bench-kit.ts';

const PREDIOS = Number(process.env.BENCH_PREDIOS ?? 300_000);
const CONFIRMATIONS = Number(process.env.BENCH_CONFIRMATIONS ?? 500);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const ENGINES = (process.env.BENCH_ENGINES ?? 'postgres,pglite').split(',') as Engine[];

const emit = (record: Record<string, unknown>) =>
  console.log(JSON.stringify({ bench: 'predial', ...record, machine }));

// ───────── 1. Mass liquidation vs generate_series ─────────

async function liquidationBench(engine: Engine) {
  const fresh = await freshDatabase(engine, 'liq');
  const database = await fresh.open();
  try {
    await migrate(database);
    const city = await insertTenant(database);
    const seeded = await seedSyntheticPredios(database, city, { count: PREDIOS, vigencias: [2025, 2026] });
    const runs = createLiquidationRunsService({
      database,
      jobs: { enqueue: async () => 'bench', register: () => {} } as unknown as JobService,
      audit: createAuditService(database.db),
      tenants: createTenantService(database.db),
    });
    const actor = systemActor(city.id, 'benchmark');
    const started = performance.now();
    const run = await runs.execute((await runs.start(actor, 2026, { enqueue: false })).id, async () => {});
    const seconds = (performance.now() - started) / 1000;
    const rows = run.created;

    await database.raw.exec('CREATE TABLE bench_ceiling (LIKE tax_demand INCLUDING ALL)');
    const ceilingStarted = performance.now();
    await database.raw.query(
      `INSERT INTO bench_ceiling (tenant_id, tax, subject_id, vigencia, concept, amount, due_date,
                                  interest_bearing, basis, rule_version, liquidation_run_id)
       SELECT $1, 'predial', gen_random_uuid(), 2026,
              CASE WHEN g % 2 = 0 THEN 'impuesto' ELSE 'sobretasaAmbiental' END,
              (g % 5000 + 1)::bigint * 1000, DATE '2026-06-30', true,
              jsonb_build_object('avaluo', g::bigint * 1000000, 'tarifaPorMil', '7.5', 'tope', 'sin-tope'),
              $2, $3
         FROM generate_series(1, $4::int) AS g`,
      [city.id, run.ruleVersion, run.id, rows],
    );
    const ceilingSeconds = (performance.now() - ceilingStarted) / 1000;
    const ours = rows / seconds;
    const ceiling = rows / ceilingSeconds;
    emit({
      engine,
      metric: 'mass_liquidation',
      predios: run.processed,
      demandRows: rows,
      failed: run.failed,
      seconds: Number(seconds.toFixed(2)),
      rowsPerSecond: Math.round(ours),
      ceilingRowsPerSecond: Math.round(ceiling),
      ceilingSeconds: Number(ceilingSeconds.toFixed(2)),
      ratio: Number((ours / ceiling).toFixed(3)),
      seedSeconds: Number(seeded.seconds.toFixed(1)),
    });
  } finally {
    await database.close();
  }
}

// ───────── 2. Receipts per second ─────────

async function receiptsBench() {
  const result = await measureReceiptThroughput({ seconds: 5 });
  emit({
    engine: 'ninguno',
    metric: 'receipts',
    receiptsPerSecond: Math.round(result.receiptsPerSecond),
    barePdfPerSecond: Math.round(result.barePdfPerSecond),
    ratio: Number(result.ratio.toFixed(3)),
  });
}

// ───────── 3. Payment confirmations at 50 connections ─────────

async function confirmationBench(engine: Engine, port: number) {
  const secret = randomBytes(16).toString('hex');
  const sandbox = await startSandboxGateway({ secret, merchantId: 'alcaldia-bench' });
  const receiver = await startCallbackReceiver();
  const fresh = await freshDatabase(engine, 'pse');
  const env: Record<string, string> = {
    ...(fresh.env as unknown as Record<string, string>),
    DEMO: 'true',
    DEMO_PREDIOS: String(Math.max(CONFIRMATIONS * 2, 1000)),
    LOG_LEVEL: 'warn',
    PORT: String(port),
    HOST: '127.0.0.1',
    RATE_LIMIT_PUBLIC_PER_MINUTE: '10000000',
    RATE_LIMIT_AUTH_PER_MINUTE: '10000000',
    PAYMENT_GATEWAY_URL: sandbox.url,
    PAYMENT_GATEWAY_MERCHANT_ID: sandbox.merchantId,
    PAYMENT_GATEWAY_API_KEY: sandbox.apiKey,
    PAYMENT_GATEWAY_API_SECRET: secret,
    // The gateway's notices are captured here, then replayed against the platform under load.
    PUBLIC_URL: new URL(receiver.url).origin,
  };
  await run('npx', ['tsx', 'src/cli.ts', 'seed:demo', '--json'], env);
  const database = await fresh.open();
  const { rows } = await database.raw.query<{ numero: string }>(
    `select distinct p.numero_predial as numero from predio p join tax_demand d on d.subject_id = p.id
      where d.settled < d.amount and p.numero_predial is not null order by 1 limit ${CONFIRMATIONS}`,
  );
  await database.close();

  const server = await serve(env);
  try {
    const post = async (url: string, body: unknown) => {
      const response = await fetch(`${server.url}${url}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      return { status: response.status, body: (await response.json()) as Record<string, never> };
    };
    const banks = (await (await fetch(`${server.url}/api/v1/pagos/pse/bancos`)).json()) as {
      items: { code: string }[];
    };
    const attempts: string[] = [];
    for (const { numero } of rows) {
      const bill = await post('/api/v1/predial/facturas', { numero });
      if (bill.status !== 200) continue;
      const options = bill.body.options as unknown as { seq: number }[];
      const started = await post('/api/v1/pagos/pse', {
        billId: bill.body.id,
        optionSeq: options[options.length - 1]!.seq,
        bankCode: banks.items[0]!.code,
        payer: {
          documentType: 'CC',
          documentNumber: '9999000123',
          name: 'Pagador de prueba',
          email: 'bench@correo.test',
        },
      });
      if (started.status === 200) attempts.push(String(started.body.attemptId));
    }
    for (const id of sandbox.transactions.keys()) sandbox.settle(id, 'OK');
    await receiver.waitFor(attempts.length, 120_000);
    const notices = receiver.received.map(({ headers, rawBody }) => {
      const {
        'content-length': _length,
        host: _host,
        connection: _connection,
        ...kept
      } = headers as Record<string, string>;
      return { headers: kept, body: rawBody.toString('utf8') };
    });

    let next = 0;
    const confirm = await autocannon({
      url: `${server.url}/api/v1/pagos/pse/notificaciones`,
      connections: 50,
      pipelining: 1,
      // Each notice four times: the first applies the payment, the others find it applied (gateway retries).
      amount: notices.length * 4,
      requests: [
        {
          method: 'POST',
          setupRequest: (request) => {
            const notice = notices[next++ % notices.length]!;
            return { ...request, method: 'POST', headers: { ...notice.headers }, body: notice.body };
          },
        },
      ],
    });
    const health = await autocannon({
      url: `${server.url}/health/ready`,
      connections: 50,
      duration: SECONDS,
      pipelining: 1,
    });
    const states = await Promise.all(
      attempts.slice(0, 20).map(async (id) => {
        const response = await fetch(`${server.url}/api/v1/pagos/pse/intentos/${id}`);
        return ((await response.json()) as { state: string }).state;
      }),
    );
    emit({
      engine,
      metric: 'payment_confirmation',
      connections: 50,
      notices: notices.length,
      requests: confirm.requests.total,
      rps: Math.round(confirm.requests.total / confirm.duration),
      p99Ms: confirm.latency.p99,
      errors: confirm.errors + confirm.non2xx,
      healthRps: Math.round(health.requests.average),
      healthP99Ms: health.latency.p99,
      ratio: Number((confirm.requests.total / confirm.duration / health.requests.average).toFixed(3)),
      sampleAttemptsOk: states.filter((state) => state === 'OK').length,
      sampleAttempts: states.length,
    });
  } finally {
    await stopServer(server.child);
    await sandbox.close();
    await receiver.close();
  }
}

const PARTS = new Set((process.env.BENCH_PARTS ?? 'receipts,liquidation,confirmation').split(','));

export async function runPredialBenchmark(): Promise<void> {
  if (PARTS.has('receipts')) await receiptsBench();
  let port = 3950;
  for (const engine of ENGINES) {
    if (PARTS.has('liquidation')) await liquidationBench(engine);
    if (PARTS.has('confirmation')) await confirmationBench(engine, port++);
  }
}

import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import pg from 'pg';

const ROOT = path.resolve(import.meta.dirname, '..');
const SERVER_URL = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

interface Started {
  child: ChildProcess;
  ms: number;
  url: string;
}

/** Spawns a command and resolves when it prints «listo», with the elapsed milliseconds. */
function startUntilReady(
  command: string,
  args: string[],
  env: Record<string, string>,
  url: string,
): Promise<Started> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, args, {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const ready = /listo(?::| )/.exec(output);
      if (ready) {
        child.stdout?.off('data', onData);
        const fromBare = /listo (http:\/\/\S+)/.exec(output)?.[1];
        resolve({ child, ms: performance.now() - started, url: fromBare ?? url });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.on('exit', (code) =>
      reject(new Error(`salió con ${code} antes de estar listo:\n${output.slice(-2000)}`)),
    );
  });
}

async function stop(started: Started): Promise<void> {
  started.child.removeAllListeners('exit');
  const exited = new Promise((resolve) => started.child.once('exit', resolve));
  // npm start runs tsx in a child: signal the whole process group.
  try {
    process.kill(-started.child.pid!, 'SIGTERM');
  } catch {
    started.child.kill('SIGTERM');
  }
  await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
}

function npmStart(env: Record<string, string>, port: number): Promise<Started> {
  return new Promise((resolve, reject) => {
    startUntilReady(
      'npm',
      ['start', '--silent'],
      { LOG_LEVEL: 'warn', PORT: String(port), ...env },
      `http://127.0.0.1:${port}`,
    )
      .then(resolve)
      .catch(reject);
  });
}

async function load(url: string, seconds: number) {
  const result = await autocannon({ url, connections: 20, duration: seconds, pipelining: 1 });
  return { rps: result.requests.average, p99: result.latency.p99, errors: result.errors + result.non2xx };
}

async function loginLatencies(
  base: string,
  login: string,
  password: string,
  count: number,
): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    const response = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login, password }),
    });
    if (response.status !== 200) throw new Error(`login ${response.status}: ${await response.text()}`);
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b);
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

async function residentMemoryMb(base: string): Promise<number> {
  const text = await (await fetch(`${base}/metrics`)).text();
  const bytes = Number(/^process_resident_memory_bytes (\d+)/m.exec(text)?.[1]);
  return bytes / 1024 / 1024;
}

export async function runPlatformBenchmark(): Promise<void> {
  const seconds = Number(process.env.BENCH_SECONDS ?? 10);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'alcaldia-bench-'));
  const common = { RATE_LIMIT_AUTH_PER_MINUTE: '1000000', RATE_LIMIT_PUBLIC_PER_MINUTE: '1000000' };
  const lines: string[] = [];
  const say = (line: string) => {
    console.log(line);
    lines.push(line);
  };
  say(
    `Máquina: ${os.cpus().length} núcleos, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`,
  );

  // 1. Start-up on PGlite: first start (migrations + demo seed) and a restart on the same data.
  const first = await npmStart({ ...common, DATA_DIR: dataDir, DEMO: 'true' }, 3901);
  await stop(first);
  const pglite = await npmStart({ ...common, DATA_DIR: dataDir, DEMO: 'true' }, 3901);
  say(
    `Arranque PGlite (npm start → listo): primero ${first.ms.toFixed(0)} ms (migra y siembra), reinicio ${pglite.ms.toFixed(0)} ms`,
  );
  await new Promise((resolve) => setTimeout(resolve, 5000));
  say(
    `Memoria residente en reposo (PGlite, recién arrancado): ${(await residentMemoryMb(pglite.url)).toFixed(0)} MiB`,
  );

  // 2. Request rate of GET /health/ready against a bare Fastify hello-world, same load, same run.
  await new Promise((resolve) => setTimeout(resolve, 2000));
  const bare = await startUntilReady('npx', ['tsx', 'bench/bare-fastify.ts'], {}, '');
  const bareLoad = await load(`${bare.url}/health/ready`, seconds);
  await stop(bare);
  const oursLoad = await load(`${pglite.url}/health/ready`, seconds);
  say(
    `GET /health/ready (PGlite), 20 conexiones, ${seconds} s: ${oursLoad.rps.toFixed(0)} req/s, p99 ${oursLoad.p99} ms` +
      ` | Fastify vacío: ${bareLoad.rps.toFixed(0)} req/s, p99 ${bareLoad.p99} ms` +
      ` | razón req/s ${(oursLoad.rps / bareLoad.rps).toFixed(3)}, razón p99 ${(oursLoad.p99 / Math.max(bareLoad.p99, 1)).toFixed(1)}` +
      ` | errores ${oursLoad.errors}`,
  );

  // 3. Login p99 (argon2id at the default cost) and resident memory at idle.
  const logins = await loginLatencies(
    pglite.url,
    'ciudadano@demo.68001.alcaldia.test',
    'Demo-Alcaldia-2026',
    40,
  );
  say(
    `Login (argon2id 19 MiB, t=2), 40 seguidos: p50 ${percentile(logins, 50).toFixed(0)} ms, p99 ${percentile(logins, 99).toFixed(0)} ms`,
  );
  await new Promise((resolve) => setTimeout(resolve, 5000));
  say(
    `Memoria residente en reposo (PGlite, tras la carga): ${(await residentMemoryMb(pglite.url)).toFixed(0)} MiB`,
  );
  await stop(pglite);

  // 4. The same on a PostgreSQL server, fresh database.
  const admin = new pg.Client({ connectionString: SERVER_URL });
  await admin.connect();
  const name = `alcaldia_bench_${Date.now().toString(36)}`;
  await admin.query(`CREATE DATABASE ${name}`);
  try {
    const url = new URL(SERVER_URL);
    url.pathname = `/${name}`;
    const env = { ...common, DATABASE_URL: url.toString(), DATA_DIR: dataDir, DEMO: 'true' };
    const firstPg = await npmStart(env, 3902);
    await stop(firstPg);
    const server = await npmStart(env, 3902);
    say(
      `Arranque PostgreSQL (npm start → listo): primero ${firstPg.ms.toFixed(0)} ms (migra y siembra), reinicio ${server.ms.toFixed(0)} ms`,
    );
    await new Promise((resolve) => setTimeout(resolve, 5000));
    say(
      `Memoria residente en reposo (PostgreSQL, recién arrancado): ${(await residentMemoryMb(server.url)).toFixed(0)} MiB`,
    );
    const pgLoad = await load(`${server.url}/health/ready`, seconds);
    say(
      `GET /health/ready (PostgreSQL): ${pgLoad.rps.toFixed(0)} req/s, p99 ${pgLoad.p99} ms | razón req/s vs Fastify vacío ${(pgLoad.rps / bareLoad.rps).toFixed(3)}`,
    );
    const pgLogins = await loginLatencies(
      server.url,
      'ciudadano@demo.68001.alcaldia.test',
      'Demo-Alcaldia-2026',
      40,
    );
    say(`Login en PostgreSQL: p99 ${percentile(pgLogins, 99).toFixed(0)} ms`);
    await new Promise((resolve) => setTimeout(resolve, 5000));
    say(
      `Memoria residente en reposo (PostgreSQL, tras la carga): ${(await residentMemoryMb(server.url)).toFixed(0)} MiB`,
    );
    await stop(server);
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

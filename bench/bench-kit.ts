// What the benchmarks share: a fresh database per engine, the program started as a child process, the
// machine's description printed with every figure.
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type DatabaseHandle, openDatabase } from '../src/platform/db/database.ts';
import { tenant } from '../src/platform/tenancy/tenancy.schema.ts';

export const ROOT = path.resolve(import.meta.dirname, '..');
export const SERVER_URL = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export type Engine = 'postgres' | 'pglite';

export const machine = {
  cores: os.cpus().length,
  cpu: os.cpus()[0]?.model ?? 'desconocida',
  memoryGiB: Math.round(os.totalmem() / 2 ** 30),
  node: process.version,
};

export /** A fresh empty database on the engine: a new database on the server, or a PGlite directory. */
async function freshDatabase(engine: Engine, label: string) {
  if (engine === 'pglite') {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `alcaldia-bench-${label}-`));
    return { env: { DATA_DIR: dataDir }, open: () => openDatabase({ dataDir: `${dataDir}/pglite` }) };
  }
  const name = `alcaldia_bench_${label}_${process.pid}`;
  const admin = await openDatabase({ databaseUrl: SERVER_URL, poolSize: 1 });
  await admin.raw.exec(`DROP DATABASE IF EXISTS ${name}`);
  await admin.raw.exec(`CREATE DATABASE ${name}`);
  await admin.close();
  const url = new URL(SERVER_URL);
  url.pathname = `/${name}`;
  return {
    env: { DATABASE_URL: url.toString() },
    open: () => openDatabase({ databaseUrl: url.toString(), poolSize: 4 }),
  };
}

export function run(command: string, args: string[], env: Record<string, string>): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk;
    });
    child.stderr.on('data', (chunk: Buffer) => {
      out += chunk;
    });
    child.on('exit', (code) =>
      code === 0 ? resolve(out) : reject(new Error(`${command} ${args.join(' ')}: ${out.slice(-2000)}`)),
    );
  });
}

export function serve(env: Record<string, string>): Promise<{ child: ChildProcess; url: string }> {
  return new Promise((resolve, reject) => {
    // BENCH_PROFILE_DIR: write a CPU profile of the server there (node --cpu-prof).
    const profile = process.env.BENCH_PROFILE_DIR;
    const [command, args] = profile
      ? ['node', ['--cpu-prof', `--cpu-prof-dir=${profile}`, '--import', 'tsx', 'src/main.ts']]
      : ['npx', ['tsx', 'src/main.ts']];
    const child = spawn(command as string, args as string[], {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let out = '';
    const onData = (chunk: Buffer) => {
      out += chunk;
      if (/listo/.test(out)) {
        child.stdout?.off('data', onData);
        resolve({ child, url: `http://127.0.0.1:${env.PORT}` });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => {
      out += chunk;
    });
    child.on('exit', (code) => reject(new Error(`el servidor salió con ${code}: ${out.slice(-2000)}`)));
  });
}

export async function stopServer(child: ChildProcess) {
  child.removeAllListeners('exit');
  const exited = new Promise((resolve) => child.once('exit', resolve));
  try {
    process.kill(-child.pid!, 'SIGTERM');
  } catch {
    child.kill('SIGTERM');
  }
  await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
}

/** Bucaramanga's tenant row, as a fresh database needs before anything else. */
export async function insertTenant(database: DatabaseHandle) {
  const [row] = await database.db
    .insert(tenant)
    .values({
      divipola: '68001',
      name: 'Bucaramanga',
      department: 'Santander',
      entityName: 'Alcaldía de Bucaramanga',
      nit: '890201222-0',
      contact: {
        address: 'Calle 35 # 10-43',
        phone: '607 633 7000',
        email: 'contactenos@bucaramanga.gov.co',
        notificationsEmail: 'notificaciones@bucaramanga.gov.co',
        hours: 'Lunes a viernes',
        website: 'https://www.bucaramanga.gov.co',
      },
    })
    .returning();
  return row!;
}

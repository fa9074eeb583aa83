import { parseArgs } from 'node:util';
import pino from 'pino';
import { demoAccounts } from './platform/bootstrap/demo-seed.ts';
import { readTenantFile } from './platform/bootstrap/tenant-config.ts';
import { ConfigError, loadConfig } from './platform/config/config.ts';
import { type Role, startProgram } from './server.ts';

const { values } = parseArgs({ options: { role: { type: 'string' } }, allowPositionals: false });

function fail(message: string): never {
  console.error(`\n✗ No se pudo iniciar Alcaldía Digital.\n${message}\n`);
  process.exit(1);
}

let config: ReturnType<typeof loadConfig>;
try {
  config = loadConfig(values.role ? { ...process.env, ROLE: values.role } : process.env);
} catch (error) {
  if (error instanceof ConfigError) fail(error.message);
  throw error;
}

const logger = pino({ level: config.LOG_LEVEL });
const role = config.ROLE as Role;
const startedAt = performance.now();

try {
  const program = await startProgram(config, { role, logger });
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'deteniendo…');
    await program.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  const elapsed = Math.round(performance.now() - startedAt);
  const database = config.databaseKind === 'pglite' ? `PGlite en ${config.DATA_DIR}/pglite` : 'PostgreSQL';
  const where = program.url ? ` en ${config.PUBLIC_URL}` : '';
  if (config.DEMO && role !== 'worker') {
    const accounts = demoAccounts(readTenantFile(config.TENANT_DIVIPOLA));
    console.log('\nCuentas de demostración (solo en modo demo):');
    for (const account of accounts)
      console.log(`  ${account.login.padEnd(44)} ${account.password}   ${account.role}`);
  }
  const tenant = await program.platform.ctx.tenants.getByDivipola(config.TENANT_DIVIPOLA);
  if (!config.DEMO && (await program.platform.identity.countUsers(tenant.id)) === 0) {
    console.log(
      '\nNo hay usuarios todavía. Cree el primer administrador:\n' +
        '  npm run cli -- user:create-official --email <correo> --name "<nombre>" --document <número> ' +
        "--dependencia tic --roles admin --password '<clave de 10 o más caracteres>'",
    );
  }
  console.log(`\nlisto: Alcaldía Digital (rol ${role}, ${database})${where} en ${elapsed} ms\n`);
} catch (error) {
  fail(error instanceof Error ? error.message : String(error));
}

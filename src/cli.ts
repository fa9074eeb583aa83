import { Command, CommanderError } from 'commander';
import pino from 'pino';
import './modules/authorization.ts';
import { registerRequestsCommands } from './modules/requests/requests.cli.ts';
import { createRequestsModule } from './modules/requests/requests.module.ts';
import { seedDemoTaxes } from './modules/taxes/demo-taxes.seed.ts';
import { registerTaxesCommands } from './modules/taxes/taxes.cli.ts';
import { createTaxesServices } from './modules/taxes/taxes.module.ts';
import { registerTerritoryCommands } from './modules/territory/territory.cli.ts';
import { systemActor } from './platform/authz/actor.ts';
import { ensureTenant } from './platform/bootstrap/bootstrap.ts';
import { seedDemo } from './platform/bootstrap/demo-seed.ts';
import { registerCalendarCommands } from './platform/calendar/calendar.cli.ts';
import { ConfigError, loadConfig } from './platform/config/config.ts';
import { openDatabase } from './platform/db/database.ts';
import { migrate } from './platform/db/migrate.ts';
import { AppError } from './platform/http/errors.ts';
import { DOCUMENT_TYPE_CODES, type DocumentType } from './platform/identity/document-number.rules.ts';
import { createPlatform } from './platform/platform.ts';

const program = new Command('alcaldia')
  .description('Herramientas de administración de Alcaldía Digital')
  .option('--json', 'salida JSON para otros programas')
  .exitOverride();

/** Prints JSON with --json, else the human text. */
function print(value: unknown, text: string): void {
  console.log(program.opts().json ? JSON.stringify(value) : text);
}

async function withPlatform<T>(
  work: (platform: Awaited<ReturnType<typeof createPlatform>>) => Promise<T>,
): Promise<T> {
  const config = loadConfig();
  const platform = await createPlatform(config, { logger: pino({ level: 'warn' }) });
  try {
    return await work(platform);
  } finally {
    await platform.close();
  }
}

program
  .command('db:migrate')
  .description('Aplica las migraciones pendientes (con bloqueo: seguro con varias instancias)')
  .action(async () => {
    const config = loadConfig();
    const database = await openDatabase({
      databaseUrl: config.DATABASE_URL,
      dataDir: `${config.DATA_DIR}/pglite`,
      poolSize: 2,
    });
    try {
      const { applied } = await migrate(database);
      print(
        { applied },
        applied.length
          ? `Migraciones aplicadas: ${applied.join(', ')}`
          : 'La base de datos ya estaba al día.',
      );
    } finally {
      await database.close();
    }
  });

program
  .command('user:create-official')
  .description('Crea un funcionario con contraseña (p. ej. el primer administrador)')
  .requiredOption('--email <correo>', 'correo institucional')
  .requiredOption('--name <nombre>', 'nombre completo')
  .requiredOption('--document <número>', 'número de documento')
  .option('--document-type <tipo>', `tipo de documento (${DOCUMENT_TYPE_CODES.join(', ')})`, 'CC')
  .requiredOption('--dependencia <código>', 'código de la dependencia (config/tenants/<divipola>.json)')
  .option('--roles <roles>', 'roles separados por comas', 'admin')
  .requiredOption('--password <contraseña>', 'contraseña inicial (mínimo 10 caracteres)')
  .action(async (options) => {
    await withPlatform(async (platform) => {
      const { tenant } = await ensureTenant(platform, platform.ctx.config.TENANT_DIVIPOLA);
      const { id } = await platform.identity.createOfficial(systemActor(tenant.id, 'consola (CLI)'), {
        tenantId: tenant.id,
        documentType: options.documentType as DocumentType,
        documentNumber: options.document,
        fullName: options.name,
        email: String(options.email).toLowerCase(),
        dependenciaCode: options.dependencia,
        roles: String(options.roles)
          .split(',')
          .map((role: string) => role.trim())
          .filter(Boolean),
        password: options.password,
      });
      print({ id, email: options.email }, `Funcionario creado: ${options.email} (${id})`);
    });
  });

program
  .command('seed:demo')
  .description('Siembra el municipio de demostración (si la base está vacía) y sus predios sintéticos')
  .option('--predios <n>', 'completar hasta n predios sintéticos (p. ej. 300000, la ciudad completa)')
  .action(async (options: { predios?: string }) => {
    const target = options.predios === undefined ? loadConfig().DEMO_PREDIOS : Number(options.predios);
    if (!Number.isInteger(target) || target < 0 || target > 2_000_000) {
      throw new Error('--predios: escriba un número entero entre 0 y 2.000.000.');
    }
    await withPlatform(async (platform) => {
      const { tenant, file } = await ensureTenant(platform, platform.ctx.config.TENANT_DIVIPOLA);
      const seeded = await seedDemo(platform, tenant, file);
      const services = createTaxesServices(platform.ctx, null, platform.identity);
      const json = Boolean(program.opts().json);
      const taxes = await seedDemoTaxes(platform.ctx, services, tenant, {
        predios: target,
        progress: (message) => {
          if (!json) process.stderr.write(`\r${message}          `);
        },
      });
      const pqrsd = seeded
        ? await createRequestsModule(platform.ctx, { identity: platform.identity }).seedDemo(tenant)
        : 0;
      print(
        { seeded, predios: taxes.predios, liquidated: taxes.liquidated, payments: taxes.payments, pqrsd },
        `\n${seeded ? 'Datos de demostración creados. ' : ''}Predios sintéticos: ${taxes.predios.existing} existentes, ${taxes.predios.inserted} nuevos (${taxes.predios.seconds.toFixed(1)} s).`,
      );
    });
  });

registerCalendarCommands(program, print);
registerTaxesCommands(program, print, withPlatform);
registerRequestsCommands(program, print);
registerTerritoryCommands(program, print, withPlatform);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) process.exit(error.exitCode);
  const message =
    error instanceof AppError
      ? `${error.detail}${error.field ? ` (campo: ${error.field})` : ''}`
      : error instanceof ConfigError || error instanceof Error
        ? error.message
        : String(error);
  if (program.opts().json) console.log(JSON.stringify({ error: message }));
  else console.error(`Error: ${message}`);
  process.exit(1);
}

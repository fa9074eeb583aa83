import fs from 'node:fs';
import type { Command } from 'commander';
import { systemActor } from '../../platform/authz/actor.ts';
import { ensureTenant } from '../../platform/bootstrap/bootstrap.ts';
import type { Platform } from '../../platform/platform.ts';
import { FORMATOS_CATASTRALES, type FormatoCatastral } from './cadastre/index.ts';
import { createPrediosService, type RollImportReport } from './predios.service.ts';

type Print = (value: unknown, text: string) => void;
type WithPlatform = <T>(work: (platform: Platform) => Promise<T>) => Promise<T>;

function describeReport(report: RollImportReport): string {
  const lines = [
    `Archivo catastral ${report.estado} (formato ${report.formato ?? 'desconocido'}): ${report.leidos} predios leídos.`,
    `Nuevos ${report.nuevos}, cambiados ${report.cambiados}, sin cambios ${report.sinCambios}, retirados ${report.retirados}, ambiguos ${report.ambiguos}.`,
    `Errores ${report.errores}, avisos ${report.avisos}.`,
  ];
  for (const problem of report.problemas.slice(0, 20)) {
    lines.push(`  línea ${problem.line}: [${problem.severity}] ${problem.detail}`);
  }
  return lines.join('\n');
}

/** Console commands of the taxes module, for officials and operators. */
export function registerTaxesCommands(program: Command, print: Print, withPlatform: WithPlatform): void {
  program
    .command('cadastre:import')
    .description(
      'Aplica un archivo del catastro (R1/R2, datos abiertos del AMB o CSV) al registro de predios',
    )
    .argument('<archivo>', 'archivo R1, JSON del AMB o CSV')
    .option('--r2 <archivo>', 'archivo R2 que acompaña al R1')
    .option('--formato <formato>', `forzar el formato (${FORMATOS_CATASTRALES.join(', ')})`)
    .option('--tolerante', 'aplicar los predios legibles aunque otros tengan errores')
    .action(async (file: string, options: { r2?: string; formato?: string; tolerante?: boolean }) => {
      if (options.formato && !FORMATOS_CATASTRALES.includes(options.formato as FormatoCatastral)) {
        throw new Error(`Formato desconocido «${options.formato}»: use ${FORMATOS_CATASTRALES.join(', ')}.`);
      }
      const content = fs.readFileSync(file);
      const r2 = options.r2 ? fs.readFileSync(options.r2) : undefined;
      await withPlatform(async (platform) => {
        const { tenant } = await ensureTenant(platform, platform.ctx.config.TENANT_DIVIPOLA);
        const predios = createPrediosService({ db: platform.ctx.db, audit: platform.ctx.audit });
        const report = await predios.importRoll(systemActor(tenant.id, 'consola (CLI)'), {
          tenantId: tenant.id,
          divipola: tenant.divipola,
          content,
          ...(r2 ? { r2 } : {}),
          ...(options.formato ? { formato: options.formato as FormatoCatastral } : {}),
          strict: !options.tolerante,
        });
        print(report, describeReport(report));
        if (report.estado === 'rechazada') process.exitCode = 1;
      });
    });
}

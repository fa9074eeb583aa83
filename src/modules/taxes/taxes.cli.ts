import fs from 'node:fs';
import type { Command } from 'commander';
import { systemActor } from '../../platform/authz/actor.ts';
import { ensureTenant } from '../../platform/bootstrap/bootstrap.ts';
import { toBogotaDate } from '../../platform/calendar/index.ts';
import type { Platform } from '../../platform/platform.ts';
import { decodeForCli, describeDecodedBarcode } from './barcode/index.ts';
import { FORMATOS_CATASTRALES, type FormatoCatastral } from './cadastre/index.ts';
import { createPrediosService, type RollImportReport } from './predios.service.ts';
import { createTaxesServices } from './taxes.module.ts';
import { billPublic } from './taxes.views.ts';

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

  program
    .command('barcode:decode')
    .description('Lee el código de barras de un recibo (con paréntesis o solo dígitos) y busca su factura')
    .argument('<texto>', 'p. ej. "(415)7709998000018(8020)20260000000013(3900)0000450000(96)20260331"')
    .action(async (text: string) => {
      await withPlatform(async (platform) => {
        const { tenant } = await ensureTenant(platform, platform.ctx.config.TENANT_DIVIPOLA);
        const { billing } = createTaxesServices(platform.ctx);
        const today = toBogotaDate(platform.ctx.now());
        const result = await decodeForCli(text, async (reference) => {
          const view = await billing.findBillByReference(tenant.id, reference);
          return view ? billPublic(view, today) : null;
        });
        print(result, describeDecodedBarcode(result));
      });
    });

  program
    .command('payments:import-asobancaria')
    .description('Valida y aplica un archivo de recaudo Asobancaria 2001 (todo o nada)')
    .argument('<archivo>', 'archivo del banco (registros de 162 caracteres)')
    .option('--dry-run', 'solo validar: no aplica nada')
    .option(
      '--structure-only',
      'validar solo el formato, sin cruzar con las facturas (archivo de otro recaudador)',
    )
    .action(async (file: string, options: { dryRun?: boolean; structureOnly?: boolean }) => {
      const content = fs.readFileSync(file);
      await withPlatform(async (platform) => {
        const { tenant } = await ensureTenant(platform, platform.ctx.config.TENANT_DIVIPOLA);
        const { bankFiles } = createTaxesServices(platform.ctx);
        const {
          fileId: _fileId,
          state,
          ...report
        } = await bankFiles.importFile(systemActor(tenant.id, 'consola (CLI)'), {
          apply: !options.dryRun,
          content,
          fileName: file.split('/').pop() ?? file,
          structureOnly: Boolean(options.structureOnly),
        });
        const summary = [
          `Archivo ${report.valid ? 'válido' : 'inválido'} (${state}): banco ${report.bank?.code ?? '—'} ${report.bank?.name ?? ''}, recaudo del ${report.collectionDate ?? '—'}.`,
          `${report.lots} lotes, ${report.records} registros, total $${report.total.toLocaleString('es-CO')}, aplicados ${report.applied}.`,
          ...report.errors
            .slice(0, 30)
            .map((error) => `  línea ${error.line ?? '—'}: [${error.code}] ${error.detail}`),
        ];
        print(report, summary.join('\n'));
        if (!report.valid) process.exitCode = 1;
      });
    });

  program
    .command('taxes:liquidate')
    .description('Liquida el predial de una vigencia para todos los predios (idempotente y reanudable)')
    .argument('<vigencia>', 'año, p. ej. 2026')
    .action(async (vigencia: string) => {
      await withPlatform(async (platform) => {
        const { tenant } = await ensureTenant(platform, platform.ctx.config.TENANT_DIVIPOLA);
        const { liquidations } = createTaxesServices(platform.ctx);
        const run = await liquidations.start(systemActor(tenant.id, 'consola (CLI)'), Number(vigencia), {
          enqueue: false,
        });
        const done = await liquidations.execute(run.id, async (processed, total) => {
          if (!process.argv.includes('--json')) process.stderr.write(`\r${processed}/${total} predios`);
        });
        print(
          done,
          `\nLiquidación ${done.vigencia}: ${done.created} conceptos nuevos, ${done.existing} ya existían, ${done.failed} con error.`,
        );
      });
    });
}

import fs from 'node:fs';
import type { Command } from 'commander';
import { ensureTenant } from '../../platform/bootstrap/bootstrap.ts';
import { parseCsv } from '../../platform/csv/csv-parse.ts';
import type { Platform } from '../../platform/platform.ts';
import { parseAddress } from './address/address-parser.ts';
import { readBatchFile } from './geocoding/batch-file.ts';
import { createTerritoryModule } from './territory.module.ts';
import { seedDemoTerritory } from './territory.seed.ts';

type Print = (value: unknown, text: string) => void;
type WithPlatform = <T>(work: (platform: Platform) => Promise<T>) => Promise<T>;
/** One line per row: JSON (`--json`) or the human text. */
type PrintRow = (value: unknown, text: string) => void;

/** The tenant of the configuration, with the demo areas when the program runs as a demo. */
async function territoryOf(platform: Platform) {
  const { tenant } = await ensureTenant(platform, platform.ctx.config.TENANT_DIVIPOLA);
  const module = createTerritoryModule(platform.ctx);
  if (platform.ctx.config.DEMO)
    await seedDemoTerritory(module.territory, tenant.id, { divipola: tenant.divipola });
  return { tenant, module };
}

function readFileOrFail(file: string): Buffer {
  try {
    return fs.readFileSync(file);
  } catch {
    throw new Error(`No se pudo leer el archivo ${file}.`);
  }
}

/** Console commands of the territory module. */
export function registerTerritoryCommands(
  program: Command,
  print: Print,
  withPlatform?: WithPlatform,
  printRow: PrintRow = print,
): void {
  program
    .command('address:parse')
    .description('Analiza una dirección colombiana: componentes, forma canónica y estado')
    .argument('<direccion>', 'la dirección tal como la escribió una persona, entre comillas')
    .action((text: string) => {
      const parsed = parseAddress(text);
      print(
        {
          input: parsed.input,
          canonical: parsed.canonical,
          status: parsed.status,
          components: parsed.components,
          complement: parsed.complement,
        },
        `${parsed.canonical ?? '(sin forma canónica)'} — ${parsed.status}${parsed.complement ? ` — complemento: ${parsed.complement}` : ''}`,
      );
    });

  if (!withPlatform) return;

  program
    .command('address:geocode')
    .description(
      'Geocodifica un CSV con la columna «direccion» (y opcionales «barrio» y «municipio», DIVIPOLA): una línea por fila, en orden',
    )
    .argument('<archivo>', 'archivo CSV (coma o punto y coma, UTF-8) o Excel (.xlsx)')
    .action(async (file: string) => {
      const bytes = readFileOrFail(file);
      await withPlatform(async (platform) => {
        const { tenant, module } = await territoryOf(platform);
        const table = await readBatchFile(/\.xlsx$/i.test(file) ? 'lote.xlsx' : 'lote.csv', bytes);
        const results = await module.geocoding.geocodeMany(tenant.id, table.queries);
        for (const result of results) {
          const { input, canonical, status, precision, lat, lon, municipio, comuna, barrio } = result;
          printRow(
            { input, canonical, status, precision, lat, lon, municipio, comuna, barrio },
            `${input} → ${canonical ?? '-'} (${status}) · ${precision} · ${lat ?? '-'}, ${lon ?? '-'} · ${[barrio, comuna, municipio].filter(Boolean).join(', ') || '-'}`,
          );
        }
      });
    });

  program
    .command('territory:locate')
    .description(
      'Municipio, comuna y barrio de cada punto de un CSV con columnas «lat» y «lon»: una línea por fila, en orden',
    )
    .argument('<archivo>', 'archivo CSV con columnas lat y lon (grados decimales, WGS84)')
    .action(async (file: string) => {
      const text = readFileOrFail(file)
        .toString('utf8')
        .replace(/^\uFEFF/, '');
      const parsed = parseCsv(text);
      if (!parsed.ok) throw new Error(`El CSV no es válido en la línea ${parsed.line}: ${parsed.detail}.`);
      const [header, ...rows] = parsed.rows;
      const names = (header?.cells ?? []).map((cell) => cell.trim().toLowerCase());
      const latColumn = names.findIndex((name) => name === 'lat' || name === 'latitud');
      const lonColumn = names.findIndex((name) => name === 'lon' || name === 'lng' || name === 'longitud');
      if (latColumn < 0 || lonColumn < 0) throw new Error('El CSV debe tener las columnas «lat» y «lon».');
      await withPlatform(async (platform) => {
        const { tenant, module } = await territoryOf(platform);
        const locate = await module.territory.areaLocator(tenant.id);
        for (const row of rows) {
          const lat = Number((row.cells[latColumn] ?? '').trim().replace(',', '.'));
          const lon = Number((row.cells[lonColumn] ?? '').trim().replace(',', '.'));
          const valid =
            (row.cells[latColumn] ?? '').trim() !== '' &&
            (row.cells[lonColumn] ?? '').trim() !== '' &&
            Number.isFinite(lat) &&
            Number.isFinite(lon) &&
            Math.abs(lat) <= 90 &&
            Math.abs(lon) <= 180;
          if (!valid) {
            const error = `línea ${row.line}: lat y lon deben ser números en grados decimales (lat entre -90 y 90, lon entre -180 y 180).`;
            printRow(
              {
                lat: row.cells[latColumn] ?? null,
                lon: row.cells[lonColumn] ?? null,
                municipio: null,
                comuna: null,
                barrio: null,
                error,
              },
              error,
            );
            continue;
          }
          const where = locate(lon, lat);
          const comuna = where.comuna ?? where.corregimiento;
          printRow(
            {
              lat,
              lon,
              municipio: where.municipio?.name ?? null,
              comuna: comuna?.name ?? null,
              barrio: where.barrio?.name ?? null,
            },
            `${lat}, ${lon} → ${[where.barrio?.name, comuna?.name, where.municipio?.name].filter(Boolean).join(', ') || 'fuera de las áreas cargadas'}`,
          );
        }
      });
    });
}

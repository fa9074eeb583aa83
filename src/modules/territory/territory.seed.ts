import fs from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { TerritoryService } from './territory.service.ts';

/** Where the prepared area files live (see assets/territory/SOURCE.md); independent of the working directory. */
const ASSETS = new URL('../../../assets/territory/', import.meta.url);

export const DEMO_TERRITORY_SOURCE =
  'ricardo-arango/pandora, data/Barrio_Comuna_Corregimiento.geojson (commit 7caf0df), ' +
  'simplificado con scripts/prepare-territory.ts';

export const DEMO_MUNICIPIOS_SOURCE =
  'DANE, Marco Geoestadístico Nacional 2020 (límites municipales del AMB)';

export function territoryAssetPath(divipola: string): string {
  return fileURLToPath(new URL(`${divipola}-areas.geojson`, ASSETS));
}

async function readAsset(file: string): Promise<unknown | null> {
  try {
    return JSON.parse(await fs.readFile(file, 'utf8'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

export interface SeedTerritoryResult {
  seeded: boolean;
  total: number;
}

/**
 * Loads the prepared areas of the demo municipality (Bucaramanga, 68001 unless told otherwise) when the
 * tenant has none yet. A municipality without a prepared file is left as it is.
 */
export async function seedDemoTerritory(
  service: TerritoryService,
  tenantId: string,
  options: { divipola?: string } = {},
): Promise<SeedTerritoryResult> {
  const divipola = options.divipola ?? '68001';
  let seeded = false;
  if ((await service.countAreas(tenantId)) === 0) {
    const areas = await readAsset(territoryAssetPath(divipola));
    if (!areas) return { seeded: false, total: 0 };
    await service.importAreas(tenantId, areas, DEMO_TERRITORY_SOURCE, { municipio: divipola });
    seeded = true;
  }
  // The metro area's limits (which municipality a point or a batch row falls in); also added to a data
  // directory seeded before they shipped.
  if ((await service.listAreas(tenantId, { kind: 'municipio' })).length === 0) {
    const municipios = await readAsset(fileURLToPath(new URL('amb-municipios.geojson', ASSETS)));
    if (municipios) {
      await service.importAreas(tenantId, municipios, DEMO_MUNICIPIOS_SOURCE);
      seeded = true;
    }
  }
  return { seeded, total: await service.countAreas(tenantId) };
}

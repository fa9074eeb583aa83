import fs from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { TerritoryService } from './territory.service.ts';

/** Where the prepared area files live (see assets/territory/SOURCE.md); independent of the working directory. */
const ASSETS = new URL('../../../assets/territory/', import.meta.url);

export const DEMO_TERRITORY_SOURCE =
  'ricardo-arango/pandora, data/Barrio_Comuna_Corregimiento.geojson (commit 7caf0df), ' +
  'simplificado con scripts/prepare-territory.ts';

export function territoryAssetPath(divipola: string): string {
  return fileURLToPath(new URL(`${divipola}-areas.geojson`, ASSETS));
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
  const existing = await service.countAreas(tenantId);
  if (existing > 0) return { seeded: false, total: existing };
  const file = territoryAssetPath(options.divipola ?? '68001');
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { seeded: false, total: 0 };
    throw error;
  }
  const result = await service.importAreas(tenantId, JSON.parse(text), DEMO_TERRITORY_SOURCE);
  return { seeded: true, total: result.total };
}

/**
 * Builds assets/territory/amb-municipios.geojson (the municipal limits of the Bucaramanga metro area: DANE
 * Marco Geoestadístico Nacional 2020) from the shared reference data:
 *
 *   npx tsx scripts/prepare-municipios.ts [path-to-shared]      (default: ../shared, beside the repository)
 *
 * Keeps the DIVIPOLA code and the name, simplifies each polygon (Douglas–Peucker, about 10 m) and rounds
 * coordinates to six decimals. Deterministic. assets/territory/SOURCE.md describes the result.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AreaGeometry } from '../src/modules/territory/point-in-polygon.rules.ts';
import { countPositions, simplifyGeometry } from '../src/modules/territory/simplify.rules.ts';

const TOLERANCE_DEGREES = 0.0001;
const DECIMALS = 6;
const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const shared = path.resolve(process.argv[2] ?? path.join(REPO_ROOT, '..', 'shared'));
const source = path.join(shared, 'data', 'territory', 'amb_municipios_dane_mgn2020.geojson');
const output = path.join(REPO_ROOT, 'assets', 'territory', 'amb-municipios.geojson');

interface SourceFeature {
  properties: { MPIO_CCNCT: string; MPIO_CNMBR: string };
  geometry: AreaGeometry;
}

const input = JSON.parse(fs.readFileSync(source, 'utf8')) as { features: SourceFeature[] };
const features = input.features
  .map((feature) => {
    const geometry = simplifyGeometry(feature.geometry, TOLERANCE_DEGREES, DECIMALS);
    if (!geometry)
      throw new Error(`${feature.properties.MPIO_CNMBR}: la simplificación no dejó ningún polígono`);
    console.log(
      `${feature.properties.MPIO_CCNCT} ${feature.properties.MPIO_CNMBR}: ${countPositions(feature.geometry)} → ${countPositions(geometry)} posiciones`,
    );
    return {
      type: 'Feature',
      properties: {
        kind: 'municipio',
        code: feature.properties.MPIO_CCNCT,
        name: feature.properties.MPIO_CNMBR,
        parentCode: null,
      },
      geometry,
    };
  })
  .sort((a, b) => a.properties.code.localeCompare(b.properties.code));
fs.writeFileSync(output, `${JSON.stringify({ type: 'FeatureCollection', features })}\n`);
console.log(`Escrito ${path.relative(REPO_ROOT, output)}`);

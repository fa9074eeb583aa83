/**
 * Regenerates the committed shapefile fixture from the team's copy of the IGAC street layer of Lebrija
 * (CC-BY-4.0, see README.md): `npx tsx src/modules/territory/layers/testdata/make-fixtures.ts`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fromWgs84 } from '../crs.ts';
import type { LayerGeometry, Position } from '../layer-types.ts';
import { ESRI_PRJ, zipShapefile } from './write-shapefile.ts';

const source = path.resolve(
  import.meta.dirname,
  '../../../../../../shared/data/territory/lebrija_igac_nomenclatura_vial_TEST_ONLY.geojson',
);
const { features } = JSON.parse(readFileSync(source, 'utf8')) as {
  features: { geometry: { type: 'LineString'; coordinates: Position[] }; properties: { via: string } }[];
};
// The first 24 segments, plus every one whose name has a letter outside ASCII (CAÑO LAS MIRLAS).
const picked = features
  .map((feature, i) => ({ feature, orden: i + 1 }))
  .filter(({ feature, orden }) => orden <= 24 || /[^\x20-\x7e]/.test(feature.properties.via));
const toCtm12 = fromWgs84(9377);
const geometries: LayerGeometry[] = picked.map(({ feature }) => ({
  type: 'LineString',
  coordinates: feature.geometry.coordinates.map(toCtm12),
}));
const records = picked.map(({ feature, orden }) => ({ via: feature.properties.via, orden }));
const zip = zipShapefile('lebrija_vias_ctm12', geometries, records, {
  prj: ESRI_PRJ[9377],
  encoding: 'windows-1252',
  languageDriver: 0x57,
});
writeFileSync(path.join(import.meta.dirname, 'lebrija_vias_ctm12_latin1.zip'), zip);
console.log(`${picked.length} segmentos escritos`);

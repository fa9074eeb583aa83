import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  DESTINOS_IGAC_RES_70_2011,
  findDestinoEconomico,
  LADM_DESTINACIONES_ECONOMICAS,
} from './destino-economico.ts';

function csvRows(name: string): string[][] {
  const text = readFileSync(new URL(`./testdata/${name}`, import.meta.url), 'utf8');
  return text
    .split(/\r?\n/)
    .filter((line) => line !== '')
    .slice(1)
    .map((line) => line.split(','));
}

describe('destino económico code lists (§4)', () => {
  it('holds exactly the 21 codes of Res. IGAC 70/2011 art. 86, with the names of the copied list', () => {
    const rows = csvRows('igac_destino_economico_res70_2011.csv');
    expect(rows).toHaveLength(21);
    expect(DESTINOS_IGAC_RES_70_2011.destinos.map((d) => d.letra)).toEqual(rows.map(([code]) => code));
    for (const [code, name] of rows) {
      expect(findDestinoEconomico(code!)?.nombre.toLowerCase(), code).toBe(name!.toLowerCase());
    }
  });

  it('holds the 26 LADM-COL values of LC_DestinacionEconomicaTipo with their display names', () => {
    const rows = csvRows('ladm_col_lev_cat_v1_0_destinacion_economica.csv');
    expect(LADM_DESTINACIONES_ECONOMICAS.map((d) => [d.ilicode, d.nombre])).toEqual(rows);
  });

  it('maps letters to LADM as §4.3 infers: by name, E → minería, and no value for D, Q and 0', () => {
    expect(findDestinoEconomico('A')?.ladm).toBe('Habitacional');
    expect(findDestinoEconomico('c')?.ladm).toBe('Comercial');
    expect(findDestinoEconomico('E')?.ladm).toBe('Mineria_Hidrocarburos');
    expect(findDestinoEconomico('S')?.ladm).toBe('Lote_Urbanizado_No_Construido');
    for (const code of ['D', 'Q', '0']) expect(findDestinoEconomico(code)?.ladm, code).toBeNull();
    expect(findDestinoEconomico('U')).toBeUndefined();
    const ladmCodes = new Set<string>(LADM_DESTINACIONES_ECONOMICAS.map((d) => d.ilicode));
    for (const d of DESTINOS_IGAC_RES_70_2011.destinos) {
      if (d.ladm !== null) expect(ladmCodes.has(d.ladm), d.letra).toBe(true);
    }
  });
});

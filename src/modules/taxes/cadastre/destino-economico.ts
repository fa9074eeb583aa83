// Destino económico code lists (cadastre-and-registries.md §4). The list in force belongs to each gestor
// catastral and changes by resolution, so it is data: readers take a catalogue and default to this one.
// Sources (copied for tests in testdata/, see SOURCE.md):
// - letters: Res. IGAC 70/2011 art. 86, as quoted in rcfdtools/R.SIGE activity/LandUseIGAC/Readme.md
//   (commit 06c63c9a…) and in SwissTierrasColombia/Asistente-LADM-COL expression_functions.py (20071bc1…);
// - LADM-COL values: LC_DestinacionEconomicaTipo in SwissTierrasColombia/LADM_COL
//   Modelo_Aplicacion_LADMCOL_Lev_Cat_V1_0.ili (commit 61a77dc1…);
// - letter → LADM: the mapping of §4.3, which is [I] (inferred by name), not law.

/** The 26 values of LADM-COL `LC_DestinacionEconomicaTipo` (Lev_Cat V1.0), with their display names. */
export const LADM_DESTINACIONES_ECONOMICAS = [
  { ilicode: 'Acuicola', nombre: 'Acuicola' },
  { ilicode: 'Agricola', nombre: 'Agrícola' },
  { ilicode: 'Agroindustrial', nombre: 'Agroindustrial' },
  { ilicode: 'Agroforestal', nombre: 'Agroforestal' },
  { ilicode: 'Comercial', nombre: 'Comercial' },
  { ilicode: 'Cultural', nombre: 'Cultural' },
  { ilicode: 'Educativo', nombre: 'Educativo' },
  { ilicode: 'Forestal', nombre: 'Forestal' },
  { ilicode: 'Habitacional', nombre: 'Habitacional' },
  { ilicode: 'Industrial', nombre: 'Industrial' },
  {
    ilicode: 'Infraestructura_Asociada_Produccion_Agropecuaria',
    nombre: 'Infraestructura asociada a producción agropecuaria',
  },
  { ilicode: 'Infraestructura_Hidraulica', nombre: 'Infraestructura hidráulica' },
  { ilicode: 'Infraestructura_Saneamiento_Basico', nombre: 'Infraestructura saneamiento' },
  { ilicode: 'Infraestructura_Seguridad', nombre: 'Infraestructura seguridad' },
  { ilicode: 'Infraestructura_Transporte', nombre: 'Infraestructura transporte' },
  { ilicode: 'Institucional', nombre: 'Institucional' },
  { ilicode: 'Mineria_Hidrocarburos', nombre: 'Minería hidrocarburos' },
  { ilicode: 'Lote_Urbanizable_No_Urbanizado', nombre: 'Lote urbanizable no urbanizado' },
  { ilicode: 'Lote_Urbanizado_No_Construido', nombre: 'Lote urbanizado no construido' },
  { ilicode: 'Lote_No_Urbanizable', nombre: 'Lote no urbanizable' },
  { ilicode: 'Pecuario', nombre: 'Pecuario' },
  { ilicode: 'Recreacional', nombre: 'Recreacional' },
  { ilicode: 'Religioso', nombre: 'Religioso' },
  { ilicode: 'Salubridad', nombre: 'Salubridad' },
  { ilicode: 'Servicios_Funerarios', nombre: 'Servicios funerarios' },
  { ilicode: 'Uso_Publico', nombre: 'Uso público' },
] as const;

export type LadmDestinacionEconomica = (typeof LADM_DESTINACIONES_ECONOMICAS)[number]['ilicode'];

export const LADM_DESTINACION_CODES = LADM_DESTINACIONES_ECONOMICAS.map((d) => d.ilicode) as [
  LadmDestinacionEconomica,
  ...LadmDestinacionEconomica[],
];

/** One destino of a gestor's list: the code R1 carries, its name, and the LADM value it maps to, if any. */
export interface DestinoEconomicoDefinicion {
  letra: string;
  nombre: string;
  ladm: LadmDestinacionEconomica | null;
}

/** A dated code list, as a gestor catastral uses it. */
export interface CatalogoDestinosEconomicos {
  id: string;
  fuente: string;
  /** First day the list applies (YYYY-MM-DD). */
  vigenteDesde: string;
  destinos: readonly DestinoEconomicoDefinicion[];
}

/**
 * The letters `0` and `A`–`T` of Res. IGAC 70/2011 art. 86, which Bucaramanga's roll carries (§0.6, §4.1).
 * `D` Agropecuario, `Q` Servicios especiales and `0` have no single LADM value (§4.3) and map to null.
 */
export const DESTINOS_IGAC_RES_70_2011: CatalogoDestinosEconomicos = {
  id: 'igac-res-70-2011-art-86',
  fuente: 'Resolución IGAC 70 de 2011, artículo 86',
  // [MEM] date of the resolution; Res. IGAC 1040/2023 replaced that body of rules, but its destino
  // article was not read (§4.2), so a gestor's newer list is loaded as another catalogue.
  vigenteDesde: '2011-02-04',
  destinos: [
    { letra: '0', nombre: 'Sin destinación', ladm: null },
    { letra: 'A', nombre: 'Habitacional', ladm: 'Habitacional' },
    { letra: 'B', nombre: 'Industrial', ladm: 'Industrial' },
    { letra: 'C', nombre: 'Comercial', ladm: 'Comercial' },
    { letra: 'D', nombre: 'Agropecuario', ladm: null },
    { letra: 'E', nombre: 'Minero', ladm: 'Mineria_Hidrocarburos' },
    { letra: 'F', nombre: 'Cultural', ladm: 'Cultural' },
    { letra: 'G', nombre: 'Recreacional', ladm: 'Recreacional' },
    { letra: 'H', nombre: 'Salubridad', ladm: 'Salubridad' },
    { letra: 'I', nombre: 'Institucionales', ladm: 'Institucional' },
    { letra: 'J', nombre: 'Educativo', ladm: 'Educativo' },
    { letra: 'K', nombre: 'Religioso', ladm: 'Religioso' },
    { letra: 'L', nombre: 'Agrícola', ladm: 'Agricola' },
    { letra: 'M', nombre: 'Pecuario', ladm: 'Pecuario' },
    { letra: 'N', nombre: 'Agroindustrial', ladm: 'Agroindustrial' },
    { letra: 'O', nombre: 'Forestal', ladm: 'Forestal' },
    { letra: 'P', nombre: 'Uso público', ladm: 'Uso_Publico' },
    { letra: 'Q', nombre: 'Servicios especiales', ladm: null },
    { letra: 'R', nombre: 'Lote urbanizable no urbanizado', ladm: 'Lote_Urbanizable_No_Urbanizado' },
    {
      letra: 'S',
      nombre: 'Lote urbanizado no construido o edificado',
      ladm: 'Lote_Urbanizado_No_Construido',
    },
    { letra: 'T', nombre: 'Lote no urbanizable', ladm: 'Lote_No_Urbanizable' },
  ],
};

/** The destino with this code in the catalogue (codes are compared upper-case, trimmed). */
export function findDestinoEconomico(
  letra: string,
  catalogo: CatalogoDestinosEconomicos = DESTINOS_IGAC_RES_70_2011,
): DestinoEconomicoDefinicion | undefined {
  const code = letra.trim().toUpperCase();
  return catalogo.destinos.find((d) => d.letra === code);
}

// What the rest of the taxes module may use from the cadastre readers.
export { type AmbOpenDataReadOptions, readAmbOpenData } from './amb-open-data.reader.ts';
export { decodeRollContent, type RollContent } from './cadastral-fields.rules.ts';
export {
  type Avaluo,
  CAMPOS_CATASTRALES,
  type CadastralReadProblem,
  type CadastralReadResult,
  type CadastralRecord,
  type CampoCatastral,
  type Construccion,
  cadastralRecordSchema,
  codigoDePredio,
  type DestinoEconomico,
  FORMATOS_CATASTRALES,
  type FormatoCatastral,
  NOMBRES_TIPO_DOCUMENTO,
  type Participacion,
  type Propietario,
  predioCodesWithErrors,
  TIPOS_DOCUMENTO,
  type TipoDocumento,
  type ZonaHomogenea,
} from './cadastral-record.ts';
export {
  type CadastralRollReadOptions,
  detectCadastralForm,
  readCadastralRoll,
} from './cadastral-roll.reader.ts';
export { CadastreError, type CadastreErrorCode } from './cadastre.errors.ts';
export { CSV_COLUMNS, type CsvReadOptions, readCadastralCsv } from './csv.reader.ts';
export {
  type CatalogoDestinosEconomicos,
  DESTINOS_IGAC_RES_70_2011,
  type DestinoEconomicoDefinicion,
  findDestinoEconomico,
  LADM_DESTINACIONES_ECONOMICAS,
  type LadmDestinacionEconomica,
} from './destino-economico.ts';
export {
  type ConversionNumeroPredial,
  condicionDePropiedad,
  esPropiedadHorizontal,
  formatNumeroPredialAnterior,
  formatNumeroPredialNacional,
  isNumeroPredialAnterior,
  isNumeroPredialNacional,
  type NumeroPredialAnterior,
  type NumeroPredialLeido,
  type NumeroPredialNacional,
  numeroPredialAnteriorToNacional,
  numeroPredialNacionalToAnterior,
  parseNumeroPredial,
  parseNumeroPredialAnterior,
  parseNumeroPredialNacional,
} from './numero-predial.rules.ts';
export { R1_LAYOUT, type R1R2ReadOptions, R2_LAYOUT, readR1R2 } from './r1r2.reader.ts';
export {
  applyRollDiff,
  type CambioDeCampo,
  diffRoll,
  type GrupoAmbiguo,
  mergeRecord,
  type PredioCambiado,
  type RollDiff,
  type RollDiffOptions,
  sameCadastralContent,
} from './roll-diff.rules.ts';

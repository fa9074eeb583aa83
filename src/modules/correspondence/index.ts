// What other modules may use of `correspondence` (gestión documental): radicación, search and expedientes.
export { CORRESPONDENCE_PERMISSIONS } from './correspondence.authz.ts';
export { CorrespondenceError, type CorrespondenceErrorCode } from './correspondence.errors.ts';
export {
  type CorrespondenceModule,
  createCorrespondenceModule,
  createCorrespondenceServices as createCorrespondenceService,
} from './correspondence.module.ts';
export {
  DIRECTION_LABELS,
  MEDIUM_LABELS,
  normalizeRadicado,
  RADICADO_SERIES,
} from './correspondence.rules.ts';
export type {
  CorrespondenceService,
  ExpedienteDetail,
  ItemDetail,
  ItemSummary,
  RadicarInput,
  SearchFilters,
} from './correspondence.service.ts';
export { indexTrd, readTrd, TRD_DISPOSITION_LABELS, type TrdIndex, type TrdTable } from './trd.ts';

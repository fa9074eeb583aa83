// What other modules may use of `taxes` (issue 3 in progress: registry, rules and formats first).
export * as asobancaria from './asobancaria/index.ts';
export * as barcode from './barcode/index.ts';
export * as cadastre from './cadastre/index.ts';
export * as gateway from './gateway/index.ts';
export * as liquidation from './liquidation/index.ts';
export { createPrediosService, type PrediosService, type RollImportReport } from './predios.service.ts';

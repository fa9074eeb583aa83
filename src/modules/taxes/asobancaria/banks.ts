/**
 * Codes of Colombian financial entities as they appear in the Asobancaria 2001 file (01 header, positions
 * 21–23) and in the 06 detail (debited entity). Copied unchanged from the payment vendor list
 * `dotaZealot/pagsmile`, `.gitbook/assets/bank_list_colombia.csv`, commit
 * b1431ecc0eb9c80fd23b7c8bc1be0d72730e36ae (no licence in the source repository; code → name pairs are
 * facts). It is a vendor's list, not the Superintendencia Financiera's: the validator only warns about a code
 * it does not know, and the service may pass its own table (`bankNames` option).
 */
export const COLOMBIAN_BANK_NAMES: Readonly<Record<string, string>> = {
  '000': 'MOVII',
  '001': 'Banco de Bogotá',
  '002': 'Banco Popular',
  '006': 'Banco Corpbanca ITAU',
  '007': 'Bancolombia',
  '009': 'Citibank',
  '012': 'Banco GNB Sudameris',
  '013': 'BBVA',
  '014': 'ITAU',
  '019': 'Scotiabank Colpatria',
  '023': 'Banco de Occidente',
  '031': 'Bancoldex',
  '032': 'Banco Caja Social',
  '040': 'Banco Agrario',
  '041': 'Jpmorgan Corporacion Financier',
  '042': 'BNP PARIBAS',
  '051': 'Davivienda',
  '052': 'Banco AVVillas',
  '053': 'Banco W',
  '058': 'Banco Procredit Colombia',
  '059': 'Bancamia',
  '060': 'Inversora Pichincha S.A.',
  '061': 'Bancoomeva',
  '062': 'Banco Falabella S.A.',
  '063': 'Banco Finandina S.A.',
  '065': 'Banco Santander Negocios',
  '066': 'Banco Cooperativo Coopcentral',
  '069': 'Serfinanza S.A',
  '070': 'LULO BANK SA',
  '071': 'Banco JP Morgan',
  '083': 'Compensar',
  '084': 'Gestion y Contacto S.A.',
  '087': 'Fedecajas',
  '088': 'Simple S.A.',
  '089': 'Enlace Operativo',
  '090': 'Corp. Financiera Colombiana',
  '121': 'Financiera Juriscoop',
  '151': 'Rappi',
  '283': 'Coop. Financiera de Antioquia',
  '289': 'Cotrafa Cooperativa Financiera',
  '292': 'Confiar Cooperativa Financiera',
  '303': 'Giros y Finanzas',
  '370': 'COLTEFINANCIERA',
  '502': 'Banco OLD Mutual',
  '507': 'NEQUI',
  '550': 'DECEVAL',
  '551': 'Daviplata',
  '558': 'Banco Credifinanciera',
  '637': 'Financiera Dann (IRIS)',
  '685': 'DGCPTN',
};

export function findBankName(
  code: string,
  names: Readonly<Record<string, string>> = COLOMBIAN_BANK_NAMES,
): string | null {
  return Object.hasOwn(names, code) ? names[code]! : null;
}

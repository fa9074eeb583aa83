import type { Bank } from './payment-gateway.ts';

/**
 * The banks the sandbox offers: a few rows copied unchanged (name and 3-digit entity code) from
 * `dotaZealot/pagsmile`, `.gitbook/assets/bank_list_colombia.csv`, commit
 * b1431ecc0eb9c80fd23b7c8bc1be0d72730e36ae (no licence stated; bank entity codes are public facts).
 * See SOURCE.md. A real gateway returns its own list and code format (PSE codes may differ); the
 * platform treats a bank code as an opaque string.
 */
export const SANDBOX_BANKS: readonly Bank[] = [
  { code: '001', name: 'Banco de Bogotá' },
  { code: '002', name: 'Banco Popular' },
  { code: '007', name: 'Bancolombia' },
  { code: '013', name: 'BBVA' },
  { code: '023', name: 'Banco de Occidente' },
  { code: '032', name: 'Banco Caja Social' },
  { code: '040', name: 'Banco Agrario' },
  { code: '051', name: 'Davivienda' },
  { code: '052', name: 'Banco AVVillas' },
  { code: '507', name: 'NEQUI' },
  { code: '551', name: 'Daviplata' },
];

export const DOCUMENT_TYPES = [
  { value: 'CC', label: 'Cédula de ciudadanía (CC)' },
  { value: 'CE', label: 'Cédula de extranjería (CE)' },
  { value: 'TI', label: 'Tarjeta de identidad (TI)' },
  { value: 'PPT', label: 'Permiso por protección temporal (PPT)' },
  { value: 'PEP', label: 'Permiso especial de permanencia (PEP)' },
  { value: 'PA', label: 'Pasaporte (PA)' },
  { value: 'NIT', label: 'Número de identificación tributaria (NIT)' },
];

export function documentTypeLabel(code: string): string {
  return DOCUMENT_TYPES.find((type) => type.value === code)?.label ?? code;
}

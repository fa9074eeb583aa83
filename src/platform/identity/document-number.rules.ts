/** Colombian identity document types accepted at sign-up, with their Spanish names. */
export const DOCUMENT_TYPES = {
  CC: 'Cédula de ciudadanía',
  CE: 'Cédula de extranjería',
  TI: 'Tarjeta de identidad',
  PPT: 'Permiso por protección temporal',
  PEP: 'Permiso especial de permanencia',
  PA: 'Pasaporte',
  NIT: 'Número de identificación tributaria',
} as const;

export type DocumentType = keyof typeof DOCUMENT_TYPES;
export const DOCUMENT_TYPE_CODES = Object.keys(DOCUMENT_TYPES) as [DocumentType, ...DocumentType[]];

// DIAN's weights for the NIT check digit, applied from the rightmost digit leftwards.
const NIT_WEIGHTS = [3, 7, 13, 17, 19, 23, 29, 37, 41, 43, 47, 53, 59, 67, 71];

/** The DIAN verification digit (dígito de verificación) of a NIT base number. */
export function nitCheckDigit(base: string): number {
  const digits = [...base].reverse();
  const sum = digits.reduce((total, digit, index) => total + Number(digit) * NIT_WEIGHTS[index]!, 0);
  const remainder = sum % 11;
  return remainder > 1 ? 11 - remainder : remainder;
}

export type DocumentCheck = { ok: true; normalized: string } | { ok: false; message: string };

/**
 * Validates and normalises a document number for its type. Formats follow Registraduría (CC, TI),
 * Migración Colombia (CE, PPT, PEP) and DIAN (NIT, stored as base-digit, e.g. 900123456-8).
 */
export function checkDocumentNumber(type: DocumentType, input: string): DocumentCheck {
  const compact = input.replace(/[\s.]/g, '').toUpperCase();
  switch (type) {
    case 'CC':
      return /^[1-9]\d{2,9}$/.test(compact)
        ? { ok: true, normalized: compact }
        : {
            ok: false,
            message: 'La cédula de ciudadanía debe tener entre 3 y 10 dígitos, sin ceros iniciales.',
          };
    case 'TI':
      return /^[1-9]\d{9,10}$/.test(compact)
        ? { ok: true, normalized: compact }
        : { ok: false, message: 'La tarjeta de identidad debe tener 10 u 11 dígitos.' };
    case 'CE':
      return /^\d{3,10}$/.test(compact)
        ? { ok: true, normalized: compact }
        : { ok: false, message: 'La cédula de extranjería debe tener entre 3 y 10 dígitos.' };
    case 'PPT':
      return /^\d{5,10}$/.test(compact)
        ? { ok: true, normalized: compact }
        : { ok: false, message: 'El número del PPT debe tener entre 5 y 10 dígitos.' };
    case 'PEP':
      return /^\d{15}$/.test(compact)
        ? { ok: true, normalized: compact }
        : { ok: false, message: 'El número del PEP debe tener 15 dígitos.' };
    case 'PA':
      return /^[A-Z0-9]{5,16}$/.test(compact)
        ? { ok: true, normalized: compact }
        : { ok: false, message: 'El pasaporte debe tener entre 5 y 16 letras o dígitos.' };
    case 'NIT':
      return checkNit(compact);
  }
}

function checkNit(compact: string): DocumentCheck {
  const match = /^(\d{5,15})-?(\d)$/.exec(compact);
  if (!match) {
    return {
      ok: false,
      message: 'El NIT debe tener el número y su dígito de verificación, p. ej. 900123456-8.',
    };
  }
  const [, base, digit] = match as unknown as [string, string, string];
  if (nitCheckDigit(base) !== Number(digit)) {
    return { ok: false, message: 'El dígito de verificación del NIT no corresponde al número.' };
  }
  return { ok: true, normalized: `${base}-${digit}` };
}

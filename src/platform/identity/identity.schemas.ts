import { z } from 'zod';
import { emailField, text } from '../http/zod-text.ts';
import { DOCUMENT_TYPE_CODES } from './document-number.rules.ts';

const documentType = z.enum(DOCUMENT_TYPE_CODES, {
  error: `Tipo de documento: use uno de ${DOCUMENT_TYPE_CODES.join(', ')}.`,
});
const documentNumber = text({ max: 20, label: 'Número de documento' });
const password = z
  .string({ error: 'Contraseña: debe ser texto.' })
  .min(1, 'Contraseña: es obligatoria.')
  .max(128, 'Contraseña: admite como máximo 128 caracteres.');
const totpCode = z.string().regex(/^\d{6}$/, 'El código de verificación tiene 6 dígitos.');
const phone = z
  .string()
  .trim()
  .regex(
    /^(\+57)?\s?3\d{2}\s?\d{3}\s?\d{4}$/,
    'Teléfono celular: use un número colombiano de 10 dígitos que empiece por 3.',
  );

export const signupBody = z.strictObject({
  documentType,
  documentNumber,
  fullName: text({ min: 3, max: 120, label: 'Nombre completo' }),
  email: emailField,
  phone: phone.optional(),
  password,
  acceptPrivacyPolicy: z.literal(true, {
    error: 'Debe aceptar la política de tratamiento de datos personales (Ley 1581 de 2012).',
  }),
});

export const loginBody = z.strictObject({
  login: text({ max: 254, label: 'Correo electrónico o número de documento' }),
  password,
  totpCode: totpCode.optional(),
});

export const tokenBody = z.strictObject({ token: z.string().min(10, 'El enlace no es válido.').max(200) });
export const emailBody = z.strictObject({ email: emailField });
export const resetBody = z.strictObject({
  token: z.string().min(10, 'El enlace no es válido.').max(200),
  password,
});
export const changePasswordBody = z.strictObject({ currentPassword: password, newPassword: password });
export const totpBody = z.strictObject({ code: totpCode });

export const officialBody = z.strictObject({
  documentType,
  documentNumber,
  fullName: text({ min: 3, max: 120, label: 'Nombre completo' }),
  email: emailField,
  dependenciaCode: text({ max: 40, label: 'Dependencia' }),
  roles: z.array(text({ max: 40, label: 'Rol' })).max(20),
});

export const userPatchBody = z.strictObject({
  roles: z
    .array(text({ max: 40, label: 'Rol' }))
    .max(20)
    .optional(),
  status: z.enum(['activo', 'inactivo'], { error: 'Estado: use «activo» o «inactivo».' }).optional(),
  dependenciaCode: text({ max: 40, label: 'Dependencia' }).optional(),
});

export const meResponse = z.object({
  id: z.string(),
  kind: z.enum(['ciudadano', 'funcionario']),
  fullName: z.string(),
  email: z.string(),
  documentType: z.string(),
  documentNumber: z.string(),
  dependencia: z.object({ code: z.string(), name: z.string() }).nullable(),
  roles: z.array(z.string()),
  permissions: z.array(z.string()),
  totpEnabled: z.boolean(),
});

export const messageResponse = z.object({ message: z.string() });

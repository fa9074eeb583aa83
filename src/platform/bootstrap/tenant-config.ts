import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

const CONFIG_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../config/tenants');

const tenantFileSchema = z.object({
  divipola: z.string().regex(/^\d{5}$/),
  name: z.string().min(2),
  department: z.string().min(2),
  entityName: z.string().min(3),
  nit: z.string().regex(/^\d{5,15}-\d$/),
  contact: z.object({
    address: z.string(),
    phone: z.string(),
    email: z.string(),
    notificationsEmail: z.string(),
    hours: z.string(),
    website: z.string(),
  }),
  /** Collection agreement with the banks: the GLN on every receipt barcode and the reference shape. */
  recaudo: z
    .object({
      gln: z.string().regex(/^\d{13}$/, 'recaudo.gln: debe tener 13 dígitos'),
      /** Digits before the year; no leading zero (banks strip zero padding from references). */
      referencePrefix: z
        .string()
        .regex(/^([1-9]\d{0,5})?$/, 'recaudo.referencePrefix: hasta 6 dígitos sin cero inicial')
        .default(''),
      /** Total length with the check digit: prefix + year (4) + consecutive (at least 6) + 1. */
      referenceLength: z.number().int().min(11).max(25).default(14),
    })
    .optional(),
  dependencias: z
    .array(
      z.object({
        code: z.string().regex(/^[a-z0-9_]{2,40}$/),
        name: z.string().min(3),
        demoRoles: z.array(z.string()).default([]),
        /** Demo only: a second account, the head of the dependencia (jefe.<code>@…), with these roles. */
        demoHeadRoles: z.array(z.string()).optional(),
      }),
    )
    .min(1),
});

export type TenantFile = z.infer<typeof tenantFileSchema>;

/** Reads config/tenants/<divipola>.json; a missing or malformed file stops the start with a clear message. */
export function readTenantFile(divipola: string, directory = CONFIG_DIR): TenantFile {
  const file = path.join(directory, `${divipola}.json`);
  if (!fs.existsSync(file)) {
    throw new Error(
      `No existe la configuración del municipio ${divipola}: cree ${path.relative(process.cwd(), file)} (vea config/tenants/README.md).`,
    );
  }
  const parsed = tenantFileSchema.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`Configuración inválida en ${file}: ${issue.path.join('.')}: ${issue.message}`);
  }
  if (parsed.data.divipola !== divipola)
    throw new Error(`${file}: el campo divipola no coincide con el nombre del archivo.`);
  return parsed.data;
}

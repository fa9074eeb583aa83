import fs from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import type { BarrioAliasFile } from './barrio-aliases.rules.ts';

/** The prepared alias table (scripts/prepare-barrio-aliases.ts; assets/territory/SOURCE.md). */
export const BARRIO_ALIASES_ASSET = fileURLToPath(
  new URL('../../../../assets/territory/barrio-aliases.json', import.meta.url),
);

const aliasFileSchema = z.object({
  source: z.string(),
  municipios: z.record(
    z.string().regex(/^\d{5}$/),
    z.array(
      z.object({ barrio: z.string().min(1), comuna: z.string().nullable(), aliases: z.array(z.string()) }),
    ),
  ),
});

/** Reads and checks an alias table; a malformed file fails with a Spanish message naming the field. */
export async function loadBarrioAliases(file: string = BARRIO_ALIASES_ASSET): Promise<BarrioAliasFile> {
  let json: unknown;
  try {
    json = JSON.parse(await fs.readFile(file, 'utf8'));
  } catch (error) {
    throw new Error(`No se pudo leer la tabla de alias de barrios (${file}): ${(error as Error).message}`);
  }
  const parsed = aliasFileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(
      `Tabla de alias de barrios inválida en «${issue.path.join('.') || 'raíz'}»: ${issue.message}`,
    );
  }
  return parsed.data;
}

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/**
 * The municipality's own PQRSD rules (config/rules/<divipola>/pqrsd.json): which dependencia answers each
 * category, who distributes new requests, how early to warn, and the answer templates. The legal terms
 * are national (config/rules/pqrsd-terms.json).
 */
const CODE = /^[a-z][a-z0-9_]{1,39}$/;

const templateSchema = z.strictObject({
  code: z.string().regex(CODE),
  label: z.string().min(3).max(120),
  /** Placeholders: {{peticionario}}, {{radicado}}, {{fechaRadicacion}}, {{asunto}}, {{dependencia}}, {{tipo}}, {{entidad}}. */
  body: z.string().min(20).max(20_000),
  /** Answering with it denies information (reserva legal): counted in the Ley 1712 report. */
  deniesInformation: z.boolean().default(false),
});

const configSchema = z.strictObject({
  schemaVersion: z.literal(1),
  rules: z.literal('pqrsd-municipio'),
  validFrom: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  notes: z.array(z.string()).default([]),
  /** The dependencia whose coordinators distribute new requests (atención al ciudadano). */
  coordinatorDependencia: z.string().regex(CODE),
  warnBusinessDays: z.number().int().min(0).max(30),
  /** Ley 1755 art. 21: a request for another authority is sent on within this many business days. */
  transferBusinessDays: z.number().int().min(1).max(30),
  categories: z
    .array(
      z.strictObject({
        code: z.string().regex(CODE),
        label: z.string().min(3).max(120),
        dependencia: z.string().regex(CODE),
      }),
    )
    .min(1),
  answerTemplates: z.array(templateSchema).min(1),
});

export type PqrsdMunicipalRules = z.infer<typeof configSchema>;
export type AnswerTemplate = z.infer<typeof templateSchema>;

const RULES_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../config/rules');

/** Checks the file and that its categories point at dependencias the municipality has. */
export function loadPqrsdMunicipalRules(
  json: unknown,
  dependenciaCodes: readonly string[],
): PqrsdMunicipalRules {
  const parsed = configSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`Reglas de PQRSD inválidas: ${issue.path.join('.') || 'archivo'}: ${issue.message}`);
  }
  const rules = parsed.data;
  const known = new Set(dependenciaCodes);
  const check = (code: string, where: string) => {
    if (!known.has(code))
      throw new Error(`Reglas de PQRSD inválidas: ${where}: la dependencia «${code}» no existe.`);
  };
  check(rules.coordinatorDependencia, 'coordinatorDependencia');
  rules.categories.forEach((category, index) => {
    check(category.dependencia, `categories[${index}].dependencia`);
  });
  const unique = (values: string[], where: string) => {
    if (new Set(values).size !== values.length)
      throw new Error(`Reglas de PQRSD inválidas: ${where}: hay códigos repetidos.`);
  };
  unique(
    rules.categories.map((category) => category.code),
    'categories',
  );
  unique(
    rules.answerTemplates.map((template) => template.code),
    'answerTemplates',
  );
  return rules;
}

export function readPqrsdMunicipalRules(
  divipola: string,
  dependenciaCodes: readonly string[],
): PqrsdMunicipalRules {
  const file = path.join(RULES_DIR, divipola, 'pqrsd.json');
  if (!fs.existsSync(file)) {
    throw new Error(
      `No existen las reglas de PQRSD del municipio ${divipola}: cree ${path.relative(process.cwd(), file)}.`,
    );
  }
  return loadPqrsdMunicipalRules(JSON.parse(fs.readFileSync(file, 'utf8')), dependenciaCodes);
}

/** Fills a template's {{placeholders}}; an unknown placeholder stays visible so the official sees it. */
export function fillTemplate(body: string, values: Readonly<Record<string, string>>): string {
  return body.replace(/\{\{(\w+)\}\}/g, (whole, name: string) => values[name] ?? whole);
}

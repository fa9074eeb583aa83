// Dated rule files (config/rules/*.json): one way to validate them with every problem named by its path
// in Spanish, and one way to read them so an edited file is picked up without a restart.
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

export interface RuleIssue {
  path: (string | number)[];
  message: string;
}

export interface RuleProblem {
  path: string;
  message: string;
}

/** `tariffs[3].when.avaluo.unit`; the whole document is `(raíz)`. */
export function formatRulePath(parts: readonly PropertyKey[]): string {
  let result = '';
  for (const key of parts) {
    if (typeof key === 'number') result += `[${key}]`;
    else result += result ? `.${String(key)}` : String(key);
  }
  return result || '(raíz)';
}

const spanishErrors = z.locales.es().localeError;

/**
 * Checks a parsed rule file against its schema and then its cross-row rules (overlapping periods, unknown
 * references). On any problem calls `fail` with a Spanish summary ("N problemas: path: message; …"), the
 * first path and the full list, so each module throws its own error type; `$schema` is dropped.
 */
export function validateRuleFile<S extends z.ZodType>(
  schema: S,
  json: unknown,
  options: {
    crossRowIssues?: (data: z.output<S>) => RuleIssue[];
    /** "Las reglas del predial no son válidas": the start of the error sentence. */
    label: string;
    fail(detail: string, field: string | undefined, problems: RuleProblem[]): never;
  },
): Omit<z.output<S>, '$schema'> {
  const result = schema.safeParse(json, { error: spanishErrors });
  const issues: RuleIssue[] = result.success
    ? (options.crossRowIssues?.(result.data) ?? [])
    : result.error.issues.map((issue) => ({
        path: issue.path as (string | number)[],
        message: issue.message,
      }));
  if (issues.length > 0 || !result.success) {
    const problems = issues.map((issue) => ({ path: formatRulePath(issue.path), message: issue.message }));
    const lines = problems.map((problem) => `${problem.path}: ${problem.message}`);
    options.fail(
      `${options.label} (${lines.length} ${lines.length === 1 ? 'problema' : 'problemas'}): ${lines.join('; ')}`,
      problems[0]?.path,
      problems,
    );
  }
  const { $schema: _schema, ...rules } = result.data as Record<string, unknown>;
  return rules as Omit<z.output<S>, '$schema'>;
}

/**
 * A reader of one kind of rule file that parses and validates it once and again only when the file
 * changes (an official edited it). `missing` and `notJson` build the module's own errors.
 */
export function cachedRuleFileReader<T>(options: {
  load(json: unknown): T;
  missing(relativePath: string): Error;
  notJson(relativePath: string, message: string): Error;
}): (file: string) => T {
  const cache = new Map<string, { mtimeMs: number; rules: T }>();
  return (file) => {
    const relative = path.relative(process.cwd(), file);
    let mtimeMs: number;
    let content: string;
    try {
      mtimeMs = fs.statSync(file).mtimeMs;
      const cached = cache.get(file);
      if (cached && cached.mtimeMs === mtimeMs) return cached.rules;
      content = fs.readFileSync(file, 'utf8');
    } catch {
      throw options.missing(relative);
    }
    let json: unknown;
    try {
      json = JSON.parse(content);
    } catch (error) {
      throw options.notJson(relative, (error as Error).message);
    }
    const rules = options.load(json);
    cache.set(file, { mtimeMs, rules });
    return rules;
  };
}

import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AppError } from '../../platform/http/errors.ts';
import { loadRuleSet, type RuleSet } from './liquidation/index.ts';

/** config/rules/<divipola>/<tax>.json: dated rules each municipality supplies, never constants in code. */
const RULES_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../config/rules');

export interface LoadedRules {
  rules: RuleSet;
  /** `<tax>-<divipola>@<first 12 hex of the file's SHA-256>`: what each liquidation records it used. */
  version: string;
}

const cache = new Map<string, { mtimeMs: number; loaded: LoadedRules }>();

/** The rule set of a municipality and tax, re-read when the file changes (an official edited it). */
export function rulesFor(divipola: string, tax = 'predial', directory = RULES_DIR): LoadedRules {
  const file = path.join(directory, divipola, `${tax}.json`);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    throw new AppError(
      409,
      'TAX_RULES_MISSING',
      `El municipio ${divipola} no tiene reglas de ${tax}: cree ${path.relative(process.cwd(), file)}.`,
    );
  }
  const key = `${file}`;
  const cached = cache.get(key);
  if (cached && cached.mtimeMs === stat.mtimeMs) return cached.loaded;
  const text = fs.readFileSync(file, 'utf8');
  const loaded: LoadedRules = {
    rules: loadRuleSet(JSON.parse(text)),
    version: `${tax}-${divipola}@${createHash('sha256').update(text).digest('hex').slice(0, 12)}`,
  };
  cache.set(key, { mtimeMs: stat.mtimeMs, loaded });
  return loaded;
}

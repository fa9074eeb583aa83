import path from 'node:path';
import { z } from 'zod';

const booleanFromEnv = z
  .enum(['true', 'false', '1', '0', 'si', 'no'])
  .transform((value) => value === 'true' || value === '1' || value === 'si');

const positiveInt = z.coerce.number().int().positive();

/** Every environment variable the program reads; README's configuration table mirrors this. */
const environmentSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'debe empezar por postgres:// o postgresql://')
    .optional(),
  DATABASE_POOL_SIZE: positiveInt.default(10),
  DATA_DIR: z.string().min(1).default('./data'),
  PUBLIC_URL: z.url({ message: 'debe ser una URL completa, p. ej. https://sede.alcaldia.gov.co' }).optional(),
  DEMO: booleanFromEnv.optional(),
  /** Synthetic predios the demo city gets on first start (`seed:demo --predios N` adds more later). */
  DEMO_PREDIOS: z.coerce.number().int().min(0).max(2_000_000).default(2000),
  TENANT_DIVIPOLA: z
    .string()
    .regex(/^\d{5}$/, 'debe ser un código DIVIPOLA de 5 dígitos')
    .default('68001'),
  ROLE: z.enum(['web', 'worker', 'all']).default('all'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  TRUST_PROXY: booleanFromEnv.default(false),
  SESSION_TTL_HOURS: positiveInt.max(24 * 30).default(12),
  BODY_LIMIT_KB: positiveInt.max(10_240).default(256),
  UPLOAD_LIMIT_MB: positiveInt.max(200).default(10),
  RATE_LIMIT_AUTH_PER_MINUTE: positiveInt.default(10),
  RATE_LIMIT_PUBLIC_PER_MINUTE: positiveInt.default(60),
  ARGON2_MEMORY_KIB: positiveInt.min(8192).default(19_456),
  ARGON2_ITERATIONS: positiveInt.max(10).default(2),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'debe empezar por smtp:// o smtps://')
    .optional(),
  MAIL_FROM: z.string().min(3).default('Alcaldía Digital <no-responder@localhost>'),
  SMS_HTTP_URL: z.url().optional(),
  SMS_HTTP_TOKEN: z.string().optional(),
  STORAGE_DRIVER: z.enum(['local', 's3']).default('local'),
  S3_ENDPOINT: z.url().optional(),
  S3_REGION: z.string().default('us-east-1'),
  S3_BUCKET: z.string().optional(),
  S3_ACCESS_KEY_ID: z.string().optional(),
  S3_SECRET_ACCESS_KEY: z.string().optional(),
  S3_FORCE_PATH_STYLE: booleanFromEnv.default(true),
  // PSE payment gateway (src/modules/taxes/gateway/README.md); unset in demo mode starts the sandbox.
  PAYMENT_GATEWAY_URL: z.url().optional(),
  PAYMENT_GATEWAY_MERCHANT_ID: z.string().optional(),
  PAYMENT_GATEWAY_API_KEY: z.string().optional(),
  PAYMENT_GATEWAY_API_SECRET: z.string().optional(),
  PAYMENT_GATEWAY_CALLBACK_SECRET: z.string().optional(),
  PAYMENT_GATEWAY_AUTH: z.enum(['hmac', 'bearer']).optional(),
  // Optional online geocoder for what the local layers cannot place (src/modules/territory/online/README.md).
  GEOCODER_PROVIDER: z.enum(['nominatim', 'arcgis']).optional(),
  GEOCODER_URL: z.url().optional(),
  GEOCODER_TOKEN: z.string().optional(),
  GEOCODER_RATE_PER_SECOND: z.coerce.number().positive().max(50).default(1),
  GEOCODER_USER_AGENT: z.string().min(3).default('AlcaldiaDigital/1.0 (sede electrónica municipal)'),
  // A raster base map under the territory map (a {z}/{x}/{y} URL); unset = our vector layers only.
  MAP_BASE_URL: z
    .string()
    .regex(/^https?:\/\/.*\{z\}.*\{x\}.*\{y\}/, 'debe ser una URL de teselas con {z}, {x} y {y}')
    .optional(),
  MAP_BASE_ATTRIBUTION: z.string().default(''),
  // PQRSD mailbox read by IMAP every two minutes (src/modules/requests/intake/README.md); unset = off.
  PQRSD_IMAP_URL: z
    .string()
    .regex(/^imaps?:\/\//, 'debe empezar por imaps:// o imap://')
    .optional(),
});

export type Environment = z.infer<typeof environmentSchema>;

export interface Config extends Omit<Environment, 'DEMO' | 'PUBLIC_URL' | 'DATA_DIR'> {
  DATA_DIR: string;
  DEMO: boolean;
  PUBLIC_URL: string;
  databaseKind: 'pglite' | 'postgres';
  cookieSecure: boolean;
}

export class ConfigError extends Error {
  constructor(readonly problems: { variable: string; message: string }[]) {
    super(`Configuración inválida:\n${problems.map((p) => `  - ${p.variable}: ${p.message}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parses the environment once at start; a wrong value stops the start naming the variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const presentOnly = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const parsed = environmentSchema.safeParse(presentOnly);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => ({
        variable: String(issue.path[0] ?? '?'),
        message: issue.message,
      })),
    );
  }
  const raw = parsed.data;
  const problems: { variable: string; message: string }[] = [];
  if (raw.STORAGE_DRIVER === 's3') {
    for (const variable of ['S3_BUCKET', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'] as const) {
      if (!raw[variable]) problems.push({ variable, message: 'es obligatoria con STORAGE_DRIVER=s3' });
    }
  }
  if (problems.length > 0) throw new ConfigError(problems);
  const databaseKind = raw.DATABASE_URL ? 'postgres' : 'pglite';
  const publicUrl = (raw.PUBLIC_URL ?? `http://localhost:${raw.PORT}`).replace(/\/$/, '');
  return {
    ...raw,
    DATA_DIR: path.resolve(raw.DATA_DIR),
    // Demo data only on the embedded database unless asked for: a production start never creates demo accounts.
    DEMO: raw.DEMO ?? databaseKind === 'pglite',
    PUBLIC_URL: publicUrl,
    databaseKind,
    cookieSecure: publicUrl.startsWith('https://'),
  };
}

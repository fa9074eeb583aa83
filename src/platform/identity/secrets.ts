import crypto from 'node:crypto';
import argon2 from 'argon2';

/** A random single-use secret for links and cookies; only its SHA-256 is stored. */
export function newToken(): string {
  return crypto.randomBytes(32).toString('base64url');
}

export function sha256Hex(value: string): string {
  return crypto.createHash('sha256').update(value).digest('hex');
}

export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(hash: string, password: string): Promise<boolean>;
  /** Spends the same time as a real verification, so unknown accounts cannot be told apart by timing. */
  burn(password: string): Promise<void>;
  /** A hash made with other parameters than the configured ones is replaced at the next login. */
  needsRehash(hash: string): boolean;
}

/** argon2id with OWASP's recommended minimum by default (19 MiB, 2 iterations); tunable by config. */
export function createPasswordHasher(options: { memoryCost: number; timeCost: number }): PasswordHasher {
  const parameters = {
    type: argon2.argon2id as 2,
    memoryCost: options.memoryCost,
    timeCost: options.timeCost,
    parallelism: 1,
  };
  let dummyHash: Promise<string> | undefined;
  return {
    hash: (password) => argon2.hash(password, parameters),
    verify: async (hash, password) => {
      try {
        return await argon2.verify(hash, password);
      } catch {
        return false;
      }
    },
    needsRehash: (hash) => {
      try {
        return argon2.needsRehash(hash, parameters);
      } catch {
        return true;
      }
    },
    burn: async (password) => {
      dummyHash ??= argon2.hash('contraseña-de-relleno', parameters);
      await argon2.verify(await dummyHash, password).catch(() => false);
    },
  };
}

/** Spanish reasons a new password is refused, or null when it is acceptable. */
export function passwordProblem(password: string, personal: string[] = []): string | null {
  if (password.length < 10) return 'La contraseña debe tener al menos 10 caracteres.';
  if (password.length > 128) return 'La contraseña admite como máximo 128 caracteres.';
  if (/^(.)\1+$/.test(password)) return 'La contraseña no puede ser un mismo carácter repetido.';
  const lower = password.toLowerCase();
  for (const value of personal) {
    if (value && value.length >= 4 && lower.includes(value.toLowerCase())) {
      return 'La contraseña no puede contener su número de documento ni su correo.';
    }
  }
  return null;
}

import { describe, expect, it } from 'vitest';
import { createPasswordHasher, newToken, passwordProblem, sha256Hex } from './secrets.ts';

describe('secrets', () => {
  it('hashes passwords with argon2id and verifies them', async () => {
    const hasher = createPasswordHasher({ memoryCost: 8192, timeCost: 1 });
    const hash = await hasher.hash('una clave larga y segura');
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=8192,p=1,t=1\$/);
    expect(await hasher.verify(hash, 'una clave larga y segura')).toBe(true);
    expect(await hasher.verify(hash, 'otra clave')).toBe(false);
    expect(await hasher.verify('no-es-un-hash', 'x')).toBe(false);
  });

  it('makes unguessable tokens and stores only their hash', () => {
    const token = newToken();
    expect(token).toMatch(/^[\w-]{43}$/);
    expect(newToken()).not.toBe(token);
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('explains in Spanish why a password is refused', () => {
    expect(passwordProblem('corta')).toMatch(/al menos 10/);
    expect(passwordProblem('aaaaaaaaaaaa')).toMatch(/repetido/);
    expect(passwordProblem('mi1098765432clave', ['1098765432'])).toMatch(/documento/);
    expect(passwordProblem('Bucaramanga-ciudad-bonita')).toBeNull();
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CODE_ALPHABET, generateVerificationCode, normalizeVerificationCode } from './verification-code.ts';

describe('verification codes', () => {
  it('look like AD-XXXX-XXXX-XX with no 0, O, 1 or I', () => {
    for (let index = 0; index < 500; index++) {
      const code = generateVerificationCode();
      expect(code).toMatch(/^AD-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{2}$/);
    }
  });

  it('carry at least 50 bits of randomness', () => {
    expect(Math.log2(CODE_ALPHABET.length) * 10).toBeGreaterThanOrEqual(50);
    expect(new Set(CODE_ALPHABET).size).toBe(CODE_ALPHABET.length);
    const codes = new Set(Array.from({ length: 2000 }, generateVerificationCode));
    expect(codes.size).toBe(2000);
  });

  it('are recognised however they are typed', () => {
    expect(normalizeVerificationCode('AD-7K3M-Q9TZ-H2')).toBe('AD-7K3M-Q9TZ-H2');
    expect(normalizeVerificationCode('ad7k3mq9tzh2')).toBe('AD-7K3M-Q9TZ-H2');
    expect(normalizeVerificationCode(' ad 7k3m q9tz h2 ')).toBe('AD-7K3M-Q9TZ-H2');
    expect(normalizeVerificationCode('7K3M-Q9TZ-H2')).toBe('AD-7K3M-Q9TZ-H2');
  });

  it('reject what cannot be a code', () => {
    for (const input of [
      '',
      'AD',
      'AD-7K3M-Q9TZ-H',
      'AD-7K3M-Q9TZ-H22',
      'AD-0K3M-Q9TZ-H2',
      'AD-IK3M-Q9TZ-H2',
      'x'.repeat(500),
    ]) {
      expect(normalizeVerificationCode(input)).toBeUndefined();
    }
  });

  it('normalise to themselves from any spelling (property)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz'), fc.boolean(), (_letter, lower) => {
        const code = generateVerificationCode();
        const typed = lower ? code.toLowerCase().replaceAll('-', '') : code.replaceAll('-', ' ');
        expect(normalizeVerificationCode(typed)).toBe(code);
      }),
    );
  });
});

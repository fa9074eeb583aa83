import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createSeededRandom, hash32, mulberry32, weightedTable } from './seeded-random.ts';

describe('seeded random numbers', () => {
  it('gives the same sequence for the same seed and another for another seed', () => {
    const take = (seed: number) => Array.from({ length: 20 }, mulberry32(seed));
    expect(take(42)).toEqual(take(42));
    expect(take(42)).not.toEqual(take(43));
  });

  it('stays in [0, 1) and draws integers within both bounds', () => {
    fc.assert(
      fc.property(fc.integer(), fc.integer({ min: -1000, max: 1000 }), fc.nat(50), (seed, min, width) => {
        const random = createSeededRandom(seed);
        for (let i = 0; i < 200; i++) {
          const value = random.next();
          expect(value).toBeGreaterThanOrEqual(0);
          expect(value).toBeLessThan(1);
          const int = random.int(min, min + width);
          expect(Number.isInteger(int)).toBe(true);
          expect(int).toBeGreaterThanOrEqual(min);
          expect(int).toBeLessThanOrEqual(min + width);
        }
      }),
    );
  });

  it('reaches both ends of a small integer range', () => {
    const random = createSeededRandom(7);
    const seen = new Set(Array.from({ length: 500 }, () => random.int(1, 3)));
    expect([...seen].sort()).toEqual([1, 2, 3]);
  });

  it('never draws a value of zero weight and follows the weights', () => {
    const table = weightedTable([
      ['a', 3],
      ['never', 0],
      ['b', 1],
    ] as const);
    const random = createSeededRandom(1);
    const draws = Array.from({ length: 20_000 }, () => random.weighted(table));
    expect(draws).not.toContain('never');
    const shareOfA = draws.filter((d) => d === 'a').length / draws.length;
    expect(shareOfA).toBeGreaterThan(0.72);
    expect(shareOfA).toBeLessThan(0.78);
  });

  it('refuses a table without any positive weight', () => {
    expect(() => weightedTable([['a', 0]])).toThrow(/peso positivo/);
  });

  it('hashes the parts, in order, to a 32-bit value', () => {
    expect(hash32('a', 1)).toBe(hash32('a', 1));
    expect(hash32('a', 1)).not.toBe(hash32('a', 2));
    expect(hash32('ab', 'c')).not.toBe(hash32('a', 'bc'));
    expect(hash32('x')).toBeGreaterThanOrEqual(0);
    expect(hash32('x')).toBeLessThan(2 ** 32);
  });
});

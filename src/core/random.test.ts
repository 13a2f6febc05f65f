import { describe, expect, it } from 'vitest';
import { createRandom, SeededRandom, shuffleInPlace } from './random';

describe('createRandom', () => {
  it('repeats its sequence for a seed and differs between seeds', () => {
    const take = (seed: number) => Array.from({ length: 5 }, createRandom(seed));
    expect(take(42)).toEqual(take(42));
    expect(take(42)).not.toEqual(take(43));
  });

  it('gives floats in [0, 1) spread over the interval', () => {
    const random = createRandom(1);
    const buckets = new Array<number>(10).fill(0);
    for (let i = 0; i < 10_000; i++) {
      const x = random();
      expect(x >= 0 && x < 1).toBe(true);
      buckets[Math.floor(x * 10)]++;
    }
    for (const b of buckets) expect(b).toBeGreaterThan(800);
  });
});

describe('SeededRandom.fillSymmetric', () => {
  it('draws the numbers next() would, in order, and continues the same stream', () => {
    const filled = new SeededRandom(7);
    const stepped = new SeededRandom(7);
    const out = new Float32Array(1000);
    filled.fillSymmetric(out, 0.05);
    const expected = Float32Array.from({ length: 1000 }, () => (stepped.next() * 2 - 1) * 0.05);
    expect(out).toEqual(expected);
    expect(filled.next()).toBe(stepped.next());
    expect(Math.max(...out)).toBeLessThanOrEqual(0.05);
    expect(Math.min(...out)).toBeGreaterThanOrEqual(-0.05);
  });
});

describe('shuffleInPlace', () => {
  it('permutes, deterministically for a seed', () => {
    const a = shuffleInPlace(Array.from({ length: 100 }, (_, i) => i), createRandom(5));
    const b = shuffleInPlace(Array.from({ length: 100 }, (_, i) => i), createRandom(5));
    expect(a).toEqual(b);
    expect([...a].sort((x, y) => x - y)).toEqual(Array.from({ length: 100 }, (_, i) => i));
    expect(a).not.toEqual(Array.from({ length: 100 }, (_, i) => i));
  });
});

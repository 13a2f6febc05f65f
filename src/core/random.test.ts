import { describe, expect, it } from 'vitest';
import { createRandom, shuffleInPlace } from './random';

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

describe('shuffleInPlace', () => {
  it('permutes, deterministically for a seed', () => {
    const a = shuffleInPlace(Array.from({ length: 100 }, (_, i) => i), createRandom(5));
    const b = shuffleInPlace(Array.from({ length: 100 }, (_, i) => i), createRandom(5));
    expect(a).toEqual(b);
    expect([...a].sort((x, y) => x - y)).toEqual(Array.from({ length: 100 }, (_, i) => i));
    expect(a).not.toEqual(Array.from({ length: 100 }, (_, i) => i));
  });
});

import { describe, expect, it } from 'vitest';
import { mulberry32, Rng } from '../../../src/core/numerics/prng';

const take = (next: () => number, n: number) => Array.from({ length: n }, next);

describe('mulberry32', () => {
  it('repeats its sequence for a seed and differs between seeds', () => {
    expect(take(mulberry32(42), 100)).toEqual(take(mulberry32(42), 100));
    expect(take(mulberry32(42), 100)).not.toEqual(take(mulberry32(43), 100));
  });

  it('draws uniformly from [0, 1)', () => {
    const values = take(mulberry32(7), 20000);
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThan(1);
    const deciles = new Array(10).fill(0);
    for (const v of values) deciles[Math.floor(v * 10)]++;
    for (const d of deciles) expect(Math.abs(d - 2000)).toBeLessThan(200);
  });

  it('survives serialisation into a page (no outer references)', () => {
    const revived = new Function(`return (${mulberry32.toString()})`)() as typeof mulberry32;
    expect(take(revived(9), 10)).toEqual(take(mulberry32(9), 10));
  });
});

describe('Rng', () => {
  it('int covers both ends and nothing outside', () => {
    const rng = new Rng(3);
    const seen = new Set(Array.from({ length: 2000 }, () => rng.int(2, 5)));
    expect([...seen].sort()).toEqual([2, 3, 4, 5]);
  });

  it('range stays in bounds and pick returns members', () => {
    const rng = new Rng(5);
    for (let i = 0; i < 1000; i++) {
      const v = rng.range(-3, 4);
      expect(v).toBeGreaterThanOrEqual(-3);
      expect(v).toBeLessThan(4);
      expect(['a', 'b', 'c']).toContain(rng.pick(['a', 'b', 'c']));
    }
  });
});

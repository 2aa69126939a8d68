import { describe, expect, it } from 'vitest';
import { ByteLru } from '../../../src/core/cache/byte-lru';

describe('ByteLru', () => {
  it('evicts the least recently used first, where a get counts as a use', () => {
    const lru = new ByteLru<string>(30);
    lru.set('a', 'A', 10);
    lru.set('b', 'B', 10);
    lru.set('c', 'C', 10);
    expect(lru.get('a')).toBe('A'); // a is now the most recent
    lru.set('d', 'D', 10);
    expect(lru.keys()).toEqual(['c', 'a', 'd']);
    expect(lru.has('b')).toBe(false);
    expect(lru.evictions).toBe(1);
  });

  it('stays within its byte bound, evicting as many as needed', () => {
    const lru = new ByteLru<number>(100);
    for (let i = 0; i < 10; i++) lru.set(`k${i}`, i, 20);
    expect(lru.bytes).toBeLessThanOrEqual(100);
    expect(lru.size).toBe(5);
    lru.set('big', -1, 90);
    expect(lru.keys()).toEqual(['big']);
    expect(lru.bytes).toBe(90);
    expect(lru.evictions).toBe(10);
  });

  it('refuses a value larger than the whole bound and keeps the rest', () => {
    const lru = new ByteLru<number>(50);
    lru.set('a', 1, 30);
    expect(lru.set('huge', 2, 51)).toBe(false);
    expect(lru.keys()).toEqual(['a']);
  });

  it('replacing a key updates its bytes instead of adding them', () => {
    const lru = new ByteLru<number>(50);
    lru.set('a', 1, 30);
    lru.set('a', 2, 10);
    expect(lru.bytes).toBe(10);
    expect(lru.get('a')).toBe(2);
    expect(lru.delete('a')).toBe(true);
    expect(lru.bytes).toBe(0);
  });
});

import { describe, expect, it } from 'vitest';
import { findContours } from '../../../src/core/geometry/contours';

/** A mask from ASCII art: '#' is foreground. */
function mask(rows: string[]): [Uint8Array, number, number] {
  const w = rows[0].length;
  const m = new Uint8Array(w * rows.length);
  rows.forEach((r, y) => [...r].forEach((c, x) => (m[y * w + x] = c === '#' ? 1 : 0)));
  return [m, w, rows.length];
}

const contours = (rows: string[]) => findContours(...mask(rows)).map((c) => Array.from(c));

describe('findContours (RETR_LIST, CHAIN_APPROX_SIMPLE)', () => {
  it('finds nothing in an empty map', () => {
    expect(contours(['....', '....'])).toEqual([]);
  });

  it('keeps the corners of a rectangle, down the left side first', () => {
    expect(contours(['......', '.####.', '.####.', '......'])).toEqual([[1, 1, 1, 2, 4, 2, 4, 1]]);
  });

  it('gives one point for a one-pixel region and two for a one-pixel-wide line', () => {
    expect(contours(['...', '.#.', '...'])).toEqual([[1, 1]]);
    expect(contours(['####'])).toEqual([[0, 0, 3, 0]]);
  });

  it('follows regions that touch the image border', () => {
    expect(contours(['##', '##'])).toEqual([[0, 0, 0, 1, 1, 1, 1, 0]]);
  });

  it('traces a concave shape along its inner corner', () => {
    expect(contours(['#....', '#....', '#....', '#....', '#####'])).toEqual([[0, 0, 0, 4, 4, 4, 1, 4, 0, 3]]);
  });

  it('returns hole borders too, last found first', () => {
    const found = contours(['#####', '#####', '##.##', '#####', '#####']);
    expect(found).toHaveLength(2);
    expect(found[1]).toEqual([0, 0, 0, 4, 4, 4, 4, 0]);
    // The hole's border is the ring of its 4-neighbours, a diamond.
    const hole = found[0];
    const pts = new Set(Array.from({ length: hole.length / 2 }, (_, i) => `${hole[2 * i]},${hole[2 * i + 1]}`));
    expect(pts).toEqual(new Set(['1,2', '2,1', '3,2', '2,3']));
  });

  it('joins diagonally touching regions (8-connectivity) and separates apart ones', () => {
    expect(contours(['##....', '##....', '..##..', '..##..'])).toHaveLength(1);
    expect(contours(['##.##', '##.##'])).toHaveLength(2);
  });

  it('lists separate regions in decreasing raster order of their first point', () => {
    const found = contours(['#...#', '.....', '..#..']);
    expect(found.map((c) => [c[0], c[1]])).toEqual([
      [2, 2],
      [4, 0],
      [0, 0],
    ]);
  });
});

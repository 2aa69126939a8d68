import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { blobEntry } from '../../../src/core/dataset/entry';
import { zipEntries } from '../../../src/core/dataset/zip-entries';

const file = (i: number, size: number) => new Uint8Array(size).map((_, k) => (i * 31 + k) & 0xff);

describe('zip entries', () => {
  it('lists files with their sizes and nested paths, without folders', () => {
    const zip = zipSync({ 'a/b/c.txt': file(1, 10), 'a/d.bin': file(2, 300), 'empty/': {} as never });
    expect(zipEntries('drop.zip', zip).map((e) => [e.path, e.size])).toEqual([
      ['drop.zip/a/b/c.txt', 10],
      ['drop.zip/a/d.bin', 300],
    ]);
  });

  it('gives every entry its own bytes, read together, one by one, in any order and twice', async () => {
    const contents = Array.from({ length: 200 }, (_, i) => file(i, 50 + i * 7));
    const zip = zipSync(Object.fromEntries(contents.map((c, i) => [`f${i}.bin`, c])), { level: 6 });
    const entries = zipEntries('z.zip', zip);
    expect(await Promise.all(entries.map((e) => e.read()))).toEqual(contents);
    for (const i of [5, 199, 0, 6, 7, 5]) expect(await entries[i].read()).toEqual(contents[i]);
    const reversed = await Promise.all([...entries].reverse().slice(0, 30).map((e) => e.read()));
    expect(reversed).toEqual([...contents].reverse().slice(0, 30));
  });

  it('rejects reads from a damaged archive', async () => {
    const zip = zipSync({ 'a.bin': file(1, 5000) }, { level: 6 });
    const entries = zipEntries('z.zip', zip);
    const damaged = zip.slice();
    damaged.fill(0xff, 40, 400); // the deflate stream of a.bin: block type 3 does not exist
    await expect(zipEntries('z.zip', damaged)[0].read()).rejects.toThrow();
    expect(await entries[0].read()).toEqual(file(1, 5000));
  });

  it('reads a browser File by ranges', async () => {
    const entry = blobEntry('x.bin', new Blob([file(3, 100)]));
    expect(entry.size).toBe(100);
    expect(await entry.slice!(10, 20)).toEqual(file(3, 100).subarray(10, 20));
    expect(await entry.read()).toEqual(file(3, 100));
  });
});

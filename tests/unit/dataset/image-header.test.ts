import { describe, expect, it } from 'vitest';
import { bytesEntry } from '../../../src/core/dataset/entry';
import { checkImage } from '../../../src/core/dataset/image-check';
import { readImageHeader } from '../../../src/core/dataset/image-header';
import { bmp, concat, jpeg, png, webpExtended, webpLossless, webpLossy } from '../../fixtures/dataset/synthetic-images';

const check = (bytes: Uint8Array, exif = true) => checkImage(bytesEntry('img/a', bytes), exif);

describe('image headers', () => {
  it.each([
    ['png', png(37, 21)],
    ['jpeg', jpeg(37, 21)],
    ['webp', webpLossy(37, 21)],
    ['webp', webpLossless(37, 21)],
    ['webp', webpExtended(37, 21)],
    ['bmp', bmp(37, 21)],
    ['bmp', bmp(37, -21)],
  ])('reads the size of a %s', async (type, bytes) => {
    expect(readImageHeader(bytes)).toEqual({ type, width: 37, height: 21, orientation: 1 });
    expect(await check(bytes)).toMatchObject({ type, displayWidth: 37, displayHeight: 21 });
  });

  it('reads the largest sizes the WebP and JPEG fields hold', () => {
    expect(readImageHeader(webpLossless(16384, 16384))).toMatchObject({ width: 16384, height: 16384 });
    expect(readImageHeader(jpeg(65535, 1))).toMatchObject({ width: 65535, height: 1 });
  });

  it('reads the EXIF orientation and swaps width and height for 5-8 only when asked', async () => {
    for (const orientation of [1, 2, 3, 4, 5, 6, 7, 8]) {
      const bytes = jpeg(640, 480, orientation);
      const turned = orientation >= 5;
      expect(readImageHeader(bytes)).toEqual({ type: 'jpeg', width: 640, height: 480, orientation });
      expect(await check(bytes)).toMatchObject({ displayWidth: turned ? 480 : 640, displayHeight: turned ? 640 : 480, orientation });
      expect(await check(bytes, false)).toMatchObject({ displayWidth: 640, displayHeight: 480 });
    }
  });

  it('finds the frame header behind a large EXIF segment', async () => {
    const withExif = jpeg(50, 60, 6);
    const padding = new Uint8Array(70_000 - 4);
    const big = concat([withExif.subarray(0, 2), [0xff, 0xe2, 0xff, 0xff], padding.subarray(0, 0xffff - 2), [0xff, 0xe2, 0x11, 0x2a], padding.subarray(0, 0x112a - 2), withExif.subarray(2)]);
    expect(big.length).toBeGreaterThan(65_536);
    expect(await check(big)).toMatchObject({ width: 50, height: 60, displayWidth: 60, orientation: 6 });
  });

  it('calls images that stop early truncated', async () => {
    const cut = (bytes: Uint8Array, n: number) => bytes.subarray(0, bytes.length - n);
    for (const bytes of [jpeg(40, 30), png(40, 30), webpLossy(40, 30), bmp(40, 30)]) {
      expect(await check(cut(bytes, 2))).toMatchObject({ kind: 'truncated-image', severity: 'error', action: 'skipped', file: 'img/a' });
    }
    expect(await check(jpeg(40, 30).subarray(0, 10))).toMatchObject({ kind: 'truncated-image' });
  });

  it('calls non-images and broken headers undecodable', async () => {
    expect(await check(new TextEncoder().encode('<html>not found</html>'))).toMatchObject({ kind: 'undecodable-image', action: 'skipped' });
    expect(await check(new Uint8Array(0))).toMatchObject({ kind: 'undecodable-image' });
    const badPng = png(4, 4);
    badPng[12] = 0x58; // chunk type XHDR
    expect(await check(badPng)).toMatchObject({ kind: 'undecodable-image' });
    expect(await check(png(0, 4))).toMatchObject({ kind: 'undecodable-image' });
    const scanFirst = new Uint8Array([0xff, 0xd8, 0xff, 0xda, 0, 2, 0xff, 0xd9]);
    expect(await check(scanFirst)).toMatchObject({ kind: 'undecodable-image' });
  });
});

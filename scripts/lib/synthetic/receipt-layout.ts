import type { Point } from '../../../src/core/geometry/types';
import { fitHomography, invertHomography, type Homography } from './homography';
import { Rng } from '../../../src/core/numerics/prng';
import { receiptRows, type Align, type Row, type TextKind } from './receipt-text';

export type Rgb = [number, number, number];

/** Text to draw on the flat paper: `anchorX` is the left edge, right edge or centre by `align`. */
export interface TextRun {
  row: number;
  text: string;
  font: string;
  align: Align;
  anchorX: number;
  baseline: number;
}

/** Non-text ink on the paper (separators, barcode): detectors may fire on it; it has no GT. */
export type Mark = { kind: 'rule'; x0: number; x1: number; y: number; dashed: boolean } | { kind: 'barcode'; x: number; y: number; height: number; bars: number[] };

/** Everything needed to render one receipt image, decided in Node from the seed. */
export interface ReceiptLayout {
  width: number;
  height: number;
  paper: { width: number; height: number; color: Rgb; blotches: { x: number; y: number; radius: number; alpha: number }[] };
  background: { from: Rgb; to: Rgb };
  ink: Rgb;
  /** Flat paper coordinates to image coordinates (rotation, keystone, placement). */
  paperToImage: Homography;
  imageToPaper: Homography;
  runs: TextRun[];
  marks: Mark[];
  /** Lighting falloff across the image, 0 = none. */
  shade: { angle: number; strength: number };
  noise: { seed: number; amplitude: number };
}

/** Families installed with the system Chromium image (fonts-dejavu, fonts-liberation). */
export const FONT_FAMILIES = ['DejaVu Sans', 'DejaVu Serif', 'DejaVu Sans Mono', 'Liberation Sans', 'Liberation Serif', 'Liberation Mono'];

/** Upper bound of advance per character in em for these fonts, used to size text so rows fit. */
const EM_PER_CHAR = 0.68;
const IMAGE_MARGIN = 8;

const jitter = (rng: Rng, [r, g, b]: Rgb, d: number): Rgb => [r, g, b].map((c) => Math.max(0, Math.min(255, Math.round(c + rng.range(-d, d))))) as Rgb;

/** The layout of image `index` of the dataset with `seed`: the same pair always gives the same layout. */
export function receiptLayout(seed: number, index: number): ReceiptLayout {
  const rng = new Rng((Math.imul(seed >>> 0, 0x9e3779b1) ^ Math.imul(index + 1, 0x85ebca6b)) >>> 0);
  const width = rng.int(480, 720);
  const height = rng.int(800, 1280);
  const paperWidth = Math.round(width * rng.range(0.7, 0.86));
  const maxPaperHeight = height * rng.range(0.75, 0.94);
  const margin = paperWidth * rng.range(0.06, 0.1);
  const inner = paperWidth - 2 * margin;

  const body = rng.pick(FONT_FAMILIES);
  const titleFamily = rng.chance(0.5) ? body : rng.pick(FONT_FAMILIES);
  const size = Math.min(rng.range(13, 20), inner / (30 * EM_PER_CHAR));
  const titleSize = Math.min(size * rng.range(1.3, 1.8), inner / (16 * EM_PER_CHAR * 1.15));
  const spacing = rng.range(1.3, 1.6);
  const font = (prefix: string, px: number, family: string) => ({ css: `${prefix}${px.toFixed(1)}px "${family}"`, px });
  const fonts = {
    title: font(rng.chance(0.7) ? 'bold ' : '', titleSize, titleFamily),
    text: font(rng.chance(0.1) ? 'italic ' : '', size, body),
    item: font('', size, rng.chance(0.3) ? 'DejaVu Sans Mono' : body),
    total: font('bold ', size * 1.15, body),
  };

  const itemCapacity = Math.floor((maxPaperHeight - 2 * margin - titleSize * 2) / (size * spacing)) - 16;
  const rows = receiptRows(rng, rng.int(3, Math.max(3, itemCapacity)));
  const { runs, marks, bottom } = placeRows(rng, rows, { margin, inner, paperWidth, size, spacing, fonts });
  const paperHeight = Math.round(bottom + margin + rng.range(0, 0.08) * maxPaperHeight);

  const corners: Point[] = [[0, 0], [paperWidth, 0], [paperWidth, paperHeight], [0, paperHeight]];
  const paperToImage = fitHomography(corners, placePaper(rng, corners, width, height));
  return {
    width,
    height,
    paper: {
      width: paperWidth,
      height: paperHeight,
      color: jitter(rng, [244, 240, 230], 8),
      blotches: Array.from({ length: rng.int(2, 7) }, () => ({ x: rng.range(0, paperWidth), y: rng.range(0, paperHeight), radius: rng.range(20, 160), alpha: rng.range(0.02, 0.08) })),
    },
    background: { from: jitter(rng, rng.pick<Rgb>([[92, 64, 44], [60, 62, 68], [38, 52, 40], [110, 96, 80]]), 20), to: jitter(rng, [40, 36, 34], 15) },
    ink: rng.chance(0.2) ? jitter(rng, [60, 50, 110], 15) : jitter(rng, [35, 32, 30], 20),
    paperToImage,
    imageToPaper: invertHomography(paperToImage),
    runs,
    marks,
    shade: { angle: rng.range(0, 2 * Math.PI), strength: rng.range(0, 0.25) },
    noise: { seed: rng.seed(), amplitude: rng.range(3, 8) },
  };
}

interface RowStyle {
  margin: number;
  inner: number;
  paperWidth: number;
  size: number;
  spacing: number;
  fonts: Record<TextKind, { css: string; px: number }>;
}

/** Stacks rows top to bottom on the flat paper; returns text runs, marks and where the content ends. */
function placeRows(rng: Rng, rows: Row[], s: RowStyle): { runs: TextRun[]; marks: Mark[]; bottom: number } {
  const runs: TextRun[] = [];
  const marks: Mark[] = [];
  let y = s.margin;
  rows.forEach((row, index) => {
    if (row.kind === 'gap') {
      y += s.size * rng.range(0.8, 3);
    } else if (row.kind === 'rule') {
      marks.push({ kind: 'rule', x0: s.margin, x1: s.paperWidth - s.margin, y: y + s.size * 0.5, dashed: rng.chance(0.6) });
      y += s.size;
    } else if (row.kind === 'barcode') {
      const bars = Array.from({ length: rng.int(40, 70) }, () => rng.int(1, 3));
      const barsWidth = bars.reduce((a, b) => a + b, 0);
      marks.push({ kind: 'barcode', x: (s.paperWidth - barsWidth) / 2, y: y + s.size * 0.5, height: s.size * 2.5, bars });
      y += s.size * 3.5;
    } else {
      const { css, px } = s.fonts[row.kind];
      const baseline = y + px;
      for (const seg of row.segments) {
        const anchorX = seg.align === 'left' ? s.margin : seg.align === 'right' ? s.paperWidth - s.margin : s.paperWidth / 2;
        runs.push({ row: index, text: seg.text, font: css, align: seg.align, anchorX, baseline });
      }
      y += px * s.spacing;
    }
  });
  return { runs, marks, bottom: y };
}

/** Where the paper's corners land in the image: rotated, keystoned, then fitted inside the frame. */
function placePaper(rng: Rng, corners: Point[], width: number, height: number): Point[] {
  const [pw, ph] = corners[2];
  const angle = (rng.range(-4, 4) * Math.PI) / 180;
  const taper = rng.range(-0.05, 0.05) * pw;
  const wobble = 0.015 * pw;
  const moved = corners.map(([x, y], i): Point => {
    const dx = x - pw / 2 + (i < 2 ? (i === 0 ? taper : -taper) : 0) + rng.range(-wobble, wobble);
    const dy = y - ph / 2 + rng.range(-wobble, wobble);
    return [dx * Math.cos(angle) - dy * Math.sin(angle), dx * Math.sin(angle) + dy * Math.cos(angle)];
  });
  const xs = moved.map((p) => p[0]);
  const ys = moved.map((p) => p[1]);
  const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const scale = Math.min(1, (width - 2 * IMAGE_MARGIN) / (maxX - minX), (height - 2 * IMAGE_MARGIN) / (maxY - minY));
  // Centre, then shift by what room is left so the paper is not always mid-frame.
  const slackX = width - 2 * IMAGE_MARGIN - scale * (maxX - minX);
  const slackY = height - 2 * IMAGE_MARGIN - scale * (maxY - minY);
  const left = IMAGE_MARGIN + slackX * rng.range(0.2, 0.8) - scale * minX;
  const top = IMAGE_MARGIN + slackY * rng.range(0.1, 0.6) - scale * minY;
  return moved.map(([x, y]): Point => [left + scale * x, top + scale * y]);
}

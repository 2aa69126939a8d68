import type { Polygon } from '../../../src/core/geometry/types';
import { applyHomography } from './homography';
import type { ReceiptLayout, TextRun } from './receipt-layout';

/** What canvas measureText reports for a run (TextMetrics fields, textAlign 'left', baseline 'alphabetic'). */
export interface RunMetrics {
  width: number;
  actualBoundingBoxLeft: number;
  actualBoundingBoxRight: number;
  actualBoundingBoxAscent: number;
  actualBoundingBoxDescent: number;
}

/** A run placed on the flat paper: where to draw it and its padded ink box there. */
export interface PlacedRun {
  run: TextRun;
  x: number;
  box: { x0: number; y0: number; x1: number; y1: number };
}

const PAD = 1.5;

/**
 * Positions runs by their measured advance and tight ink box. A row whose runs would leave
 * the paper or touch each other is dropped whole (its space stays blank), so any seed and
 * font gives clean, non-overlapping line boxes.
 */
export function placeRuns(layout: ReceiptLayout, metrics: RunMetrics[]): PlacedRun[] {
  const placed = layout.runs.map((run, i): PlacedRun => {
    const m = metrics[i];
    const x = run.align === 'left' ? run.anchorX : run.align === 'right' ? run.anchorX - m.width : run.anchorX - m.width / 2;
    const box = {
      x0: x - m.actualBoundingBoxLeft - PAD,
      x1: x + m.actualBoundingBoxRight + PAD,
      y0: run.baseline - m.actualBoundingBoxAscent - PAD,
      y1: run.baseline + m.actualBoundingBoxDescent + PAD,
    };
    return { run, x, box };
  });
  const bad = new Set<number>();
  placed.forEach(({ run, box }, i) => {
    if (box.x0 < 0 || box.y0 < 0 || box.x1 > layout.paper.width || box.y1 > layout.paper.height) bad.add(run.row);
    const next = placed[i + 1];
    const minGap = 2 * PAD + 4;
    if (next && next.run.row === run.row && next.box.x0 - box.x1 < minGap) bad.add(run.row);
  });
  return placed.filter((p) => !bad.has(p.run.row));
}

/** The image-space quad of a placed run: its flat box corners (clockwise from top-left) through the homography. */
export function linePolygon(layout: ReceiptLayout, { box }: PlacedRun): Polygon {
  return [
    [box.x0, box.y0],
    [box.x1, box.y0],
    [box.x1, box.y1],
    [box.x0, box.y1],
  ].map(([x, y]) => applyHomography(layout.paperToImage, [x, y]));
}

import type { RunMetrics } from '../../../../../scripts/lib/synthetic/line-boxes';
import type { TextRun } from '../../../../../scripts/lib/synthetic/receipt-layout';

/** Metrics shaped like a real font's (advance per char, ascent, descent) for Node-only tests. */
export function fakeMetrics(runs: TextRun[], emPerChar = 0.6): RunMetrics[] {
  return runs.map((run) => {
    const px = Number(/([\d.]+)px/.exec(run.font)![1]);
    const width = run.text.length * px * emPerChar;
    return { width, actualBoundingBoxLeft: -0.05 * px, actualBoundingBoxRight: width - 0.05 * px, actualBoundingBoxAscent: 0.73 * px, actualBoundingBoxDescent: 0.21 * px };
  });
}

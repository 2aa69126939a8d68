import { describe, expect, it } from 'vitest';
import { breakdown, mergeBreakdowns, textShape } from '../../../src/core/analysis/breakdown';
import type { Polygon } from '../../../src/core/geometry/types';
import { renderMarkdown } from '../../../src/core/report/markdown';
import { validateReport } from '../../../src/core/report/validate';
import { fixtureReport } from '../report/helpers';

const rect = (x: number, y: number, w: number, h: number): Polygon => [[x, y], [x + w, y], [x + w, y + h], [x, y + h]];
/** A w x h box turned by `deg` degrees about its first corner. */
const turned = (w: number, h: number, deg: number): Polygon => {
  const a = (deg * Math.PI) / 180;
  return [[0, 0], [w, 0], [w, h], [0, h]].map(([x, y]) => [Math.round(200 + x * Math.cos(a) - y * Math.sin(a)), Math.round(200 + x * Math.sin(a) + y * Math.cos(a))]);
};

describe('textShape', () => {
  it('takes the short side as the height and the long side for the orientation', () => {
    expect(textShape(rect(0, 0, 100, 12))).toEqual({ height: 12, orientation: 'near-horizontal' });
    expect(textShape(rect(0, 0, 12, 100))).toEqual({ height: 12, orientation: 'vertical' });
    expect(textShape(turned(100, 20, 30)).orientation).toBe('rotated');
    expect(textShape(turned(100, 20, -5)).orientation).toBe('near-horizontal');
    expect(textShape(turned(100, 20, 95)).orientation).toBe('vertical');
  });
});

describe('breakdown', () => {
  it('counts recall from the GT and precision from the detections, per bin', () => {
    const gt = [rect(0, 0, 100, 6), rect(0, 20, 100, 20), rect(0, 60, 20, 200), rect(0, 300, 50, 10)];
    const detections = [rect(0, 20, 100, 20), rect(0, 60, 20, 200), rect(300, 0, 80, 5)];
    // GT 1 and 2 found; GT 0 missed; GT 3 is don't-care (in no list); detection 2 is false.
    const b = breakdown([{ gt, detections, matching: { pairs: [1, 0, 2, 1], missedGt: [0], falseDet: [2], ignoredDet: [] } }]);
    const byLabel = Object.fromEntries(b.byHeight.map((r) => [r.label, r]));
    expect(byLabel['< 8 px']).toMatchObject({ gt: 1, gtMatched: 0, recall: 0, det: 1, detMatched: 0, precision: 0 });
    expect(byLabel['16-32 px']).toMatchObject({ gt: 2, gtMatched: 2, recall: 1, det: 2, detMatched: 2, precision: 1 });
    expect(byLabel['>= 64 px']).toMatchObject({ gt: 0, recall: null, det: 0, precision: null });
    expect(b.byOrientation.find((r) => r.label === 'vertical')).toMatchObject({ gt: 1, gtMatched: 1, det: 1, detMatched: 1 });
    expect(b.byHeight.reduce((n, r) => n + r.gt, 0)).toBe(3);
  });
});

describe('breakdowns in the report', () => {
  it('validate, and render as a section only when present', () => {
    const r = fixtureReport();
    expect(renderMarkdown(r)).not.toContain('## Breakdowns');
    const b = breakdown([{ gt: [rect(0, 0, 100, 6)], detections: [], matching: { pairs: [], missedGt: [0], falseDet: [], ignoredDet: [] } }]);
    r.breakdowns = { cleval: b, iou: b };
    expect(validateReport(JSON.parse(JSON.stringify(r))).ok).toBe(true);
    expect(renderMarkdown(r)).toContain('| < 8 px | 0.0000 | 0 / 1 | – | 0 / 0 |');
  });
});

describe('mergeBreakdowns', () => {
  it('sums the counts of shards, ratios from the sums; nothing when a shard has none', () => {
    const a = breakdown([{ gt: [rect(0, 0, 100, 6)], detections: [], matching: { pairs: [], missedGt: [0], falseDet: [], ignoredDet: [] } }]);
    const b = breakdown([{ gt: [rect(0, 0, 100, 6)], detections: [rect(0, 0, 100, 6)], matching: { pairs: [0, 0], missedGt: [], falseDet: [], ignoredDet: [] } }]);
    const merged = mergeBreakdowns([{ cleval: a, iou: a }, { cleval: b, iou: b }])!;
    expect(merged.iou.byHeight[0]).toEqual({ label: '< 8 px', gt: 2, gtMatched: 1, det: 1, detMatched: 1, recall: 0.5, precision: 1 });
    expect(mergeBreakdowns([{ cleval: a, iou: a }, undefined])).toBeNull();
  });
});

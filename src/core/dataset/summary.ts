import type { DatasetFormat } from './detect-format';
import type { DatasetIssue, IssueKind } from './issues';
import type { Sample } from './sample';

/** What the UI shows after loading and the report keeps. */
export interface DatasetSummary {
  format: DatasetFormat;
  images: number;
  /** Ground-truth regions kept, don't-cares included. */
  polygons: number;
  dontCares: number;
  /** Images left out (unreadable, truncated, duplicate annotation). */
  skipped: number;
  /** Polygons left out (bad coordinates, zero area, outside the image, bad lines). */
  skippedPolygons: number;
  errors: number;
  warnings: number;
  /** Every issue, error or warning, counted by kind. */
  warningsByKind: Partial<Record<IssueKind, number>>;
}

const imageKinds = new Set<IssueKind>(['undecodable-image', 'truncated-image', 'duplicate-annotation']);
const polygonKinds = new Set<IssueKind>(['invalid-annotation', 'too-few-points', 'too-many-points', 'non-numeric-coordinate', 'non-finite-coordinate', 'zero-area-polygon', 'polygon-outside-image']);

export function summarize(format: DatasetFormat, samples: Sample[], issues: DatasetIssue[]): DatasetSummary {
  const skippedOf = (kinds: Set<IssueKind>) => issues.filter((i) => i.action === 'skipped' && kinds.has(i.kind)).length;
  const warningsByKind: Partial<Record<IssueKind, number>> = {};
  for (const issue of issues) warningsByKind[issue.kind] = (warningsByKind[issue.kind] ?? 0) + 1;
  const regions = samples.flatMap((s) => s.gt);
  return {
    format,
    // Annotations whose image is missing are kept for prediction files, but are not images.
    images: samples.some((s) => s.image) ? samples.filter((s) => s.image).length : samples.length,
    polygons: regions.length,
    dontCares: regions.filter((r) => r.dontCare).length,
    skipped: skippedOf(imageKinds),
    skippedPolygons: skippedOf(polygonKinds),
    errors: issues.filter((i) => i.severity === 'error').length,
    warnings: issues.filter((i) => i.severity === 'warning').length,
    warningsByKind,
  };
}

import type { PositiveCount } from '../numerics/number-kinds';

/** Every problem a dataset can have; each is reported and the run goes on. */
export type IssueKind =
  | 'invalid-json'
  | 'duplicate-key'
  | 'missing-images-key'
  | 'invalid-annotation'
  | 'too-few-points'
  | 'too-many-points'
  | 'three-point-polygon'
  | 'self-intersecting-polygon'
  | 'non-numeric-coordinate'
  | 'non-finite-coordinate'
  | 'numbers-after-coordinates'
  | 'numbers-read-as-points'
  | 'zero-area-polygon'
  | 'polygon-outside-image'
  | 'duplicate-image'
  | 'duplicate-annotation'
  | 'missing-image'
  | 'missing-predictions'
  | 'image-without-annotations'
  | 'no-annotations'
  | 'undecodable-image'
  | 'truncated-image'
  | 'unsupported-file'
  | 'unreadable-archive'
  | 'ambiguous-format'
  | 'unmatched-prediction'
  | 'empty-dataset';

export interface DatasetIssue {
  kind: IssueKind;
  severity: 'error' | 'warning';
  file: string;
  /** 1-based line of a text file, or of the JSON error. */
  line?: PositiveCount;
  column?: PositiveCount;
  /** JSON path such as `images["a.jpg"].words["3"].points[1][0]`. */
  path?: string;
  message: string;
  /** What was done about it: the item was left out, fixed, or used as it is. */
  action: 'skipped' | 'repaired' | 'kept';
}

export type IssueSink = (issue: DatasetIssue) => void;

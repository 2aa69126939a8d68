/**
 * How the coordinates of an ICDAR-style line are laid out, as CLEval's `--BOX_TYPE` says:
 * `quad` x1,y1,...,x4,y4 (exactly 8 numbers, CLEval's default), `poly` any number of
 * points, `ltrb` xmin,ymin,xmax,ymax. What follows the coordinates is never read as a point.
 */
export type BoxType = 'quad' | 'poly' | 'ltrb';

export const BOX_TYPES: readonly BoxType[] = ['quad', 'poly', 'ltrb'];

export const DEFAULT_BOX_TYPE: BoxType = 'quad';

export function isBoxType(value: string): value is BoxType {
  return (BOX_TYPES as readonly string[]).includes(value);
}

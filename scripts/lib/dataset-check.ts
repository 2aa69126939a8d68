import type { DatasetIssue, IssueKind } from '../../src/core/dataset/issues';
import { shardIndices } from '../../src/core/pipeline/evaluation';
import { problemWhere } from '../../src/core/report/problems';
import { CliInputError } from './cli-args';

/**
 * Problems that leave a whole input file unread. The UI lists them and runs on; a CI run
 * must not: every annotation of the file would count as missed and the H-mean look like
 * the model's fault (exit 1) when the input is (exit 2).
 */
const UNREADABLE: ReadonlySet<IssueKind> = new Set(['invalid-json', 'missing-images-key', 'unreadable-archive']);

/** Throws a CliInputError naming the first unreadable file with its line and column. */
export function refuseUnreadableFiles(issues: readonly DatasetIssue[]): void {
  const bad = issues.filter((i) => UNREADABLE.has(i.kind));
  if (bad.length === 0) return;
  const more = bad.length > 1 ? ` (and ${bad.length - 1} more file${bad.length > 2 ? 's' : ''})` : '';
  throw new CliInputError(`${problemWhere(bad[0])}: ${bad[0].message}${more}`, 'Fix the file and run again: its annotations would otherwise all count as missed.');
}

/** What the CLI needs of the loaded dataset: each sample's image, in dataset order. */
export interface LoadedData {
  issues: DatasetIssue[];
  hasImage: boolean[];
}

/** Throws when `--shard I/N` leaves no image to run (the run would report nothing as a success). */
export function refuseEmptyShard(data: LoadedData, shard: { index: number; count: number } | null, withModel: boolean): void {
  if (!shard) return;
  // As evaluate() picks them: the shard's positions, then (with a model) those with an image.
  const runnable = shardIndices(data.hasImage.length, shard).filter((i) => !withModel || data.hasImage[i]);
  if (runnable.length > 0) return;
  const images = data.hasImage.filter((x) => x || !withModel).length;
  throw new CliInputError(
    `--shard ${shard.index}/${shard.count} is empty: it takes images ${shard.index}, ${shard.index + shard.count}, ... and the dataset has ${images} image${images === 1 ? '' : 's'} to evaluate`,
    `Use at most ${Math.max(1, Math.min(shard.count, images))} shards for this dataset.`,
    { path: '--shard' },
  );
}

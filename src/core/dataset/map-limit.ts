import type { DatasetIssue, IssueSink } from './issues';

/** Maps with at most `limit` calls in flight: enough to overlap reads, few enough to hold little at once. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index], index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** mapLimit for work that reports issues: they come out in item order, whatever order the work finished in. */
export async function mapReporting<T, R>(items: readonly T[], limit: number, report: IssueSink, fn: (item: T, report: IssueSink) => Promise<R>): Promise<R[]> {
  const logs: DatasetIssue[][] = items.map(() => []);
  const results = await mapLimit(items, limit, (item, i) => fn(item, (issue) => void logs[i].push(issue)));
  for (const log of logs) log.forEach(report);
  return results;
}

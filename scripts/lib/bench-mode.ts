/**
 * `--quick`: every benchmark's smoke mode. Tiny sizes and one run, so that `npm test`
 * (tests/browser/benchmarks.test.ts) runs each benchmark end to end and checks its JSON
 * line: a benchmark that nothing runs breaks unseen. Its figures are not measurements.
 */
export function quickMode(argv: readonly string[] = process.argv): boolean {
  const quick = argv.includes('--quick');
  if (quick) console.error('--quick: tiny sizes and one run, to check that the benchmark works; its figures are not measurements');
  return quick;
}

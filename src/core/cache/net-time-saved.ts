/**
 * Why a cache's net time saved is below zero, or '' when it is not: a first run on a dataset
 * pays to compute and store every entry and hits none, so it shows a loss that later runs
 * win back. The report and the live view say it in the same words.
 */
export const netTimeSavedNote = (netTimeSavedMs: number): string =>
  netTimeSavedMs < 0 ? 'negative: the misses paid to compute and store entries that a later run on the same data hits; run it again to see the saving' : '';

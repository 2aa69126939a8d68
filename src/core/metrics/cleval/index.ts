export { clevalImage } from './cleval-image';
export { accumulateCleval, mergeClevalTotals } from './accumulate';
export { chooseClevalMode, defaultClevalMode, type ClevalMode } from './mode';
export { clevalOriginalImage, ORIGINAL_MAX_POLYGONS } from './original/cleval-original-image';
export { accumulateClevalOriginal, mergeClevalOriginalTotals } from './original/accumulate';
export type { ClevalOriginalImageResult, ClevalOriginalTotals } from './original/types';
export * from './types';

export { clevalImage } from './cleval-image';
export { accumulateCleval, mergeClevalTotals } from './accumulate';
export { chooseClevalMode, defaultClevalMode, type ClevalMode } from './mode';
export { clevalSeedImage, SEED_MAX_POLYGONS } from './seed/cleval-seed-image';
export { accumulateClevalSeed, mergeClevalSeedTotals } from './seed/accumulate';
export type { ClevalSeedImageResult, ClevalSeedTotals } from './seed/types';
export * from './types';

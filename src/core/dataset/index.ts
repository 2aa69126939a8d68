export { blobEntry, bytesEntry, type DatasetEntry } from './entry';
export { loadDataset, type Dataset, type LoadOptions } from './load-dataset';
export type { DatasetFormat } from './detect-format';
export type { DatasetIssue, IssueKind } from './issues';
export type { Detection } from './predictions';
export { baseName, sampleStem, stemOf, type GtRegion, type Sample } from './sample';
export type { DatasetSummary } from './summary';
export { zipEntries } from './zip-entries';

import type { ImageAnnotation } from './annotation';
import { DEFAULT_BOX_TYPE, type BoxType } from './box-type';
import { collectFiles } from './collect-files';
import { detectFormat, type DatasetFormat } from './detect-format';
import type { DatasetEntry } from './entry';
import { parseIcdarGt } from './icdar-gt';
import { checkImage } from './image-check';
import type { DatasetIssue, IssueSink } from './issues';
import { naturalCompare } from './natural-order';
import { joinImages } from './join-images';
import { mapReporting } from './map-limit';
import { entirelyOutside } from './polygon-checks';
import { parsePredictions, type PredictedBox } from './predictions';
import { parseReceiptJson } from './receipt-json';
import { sampleStem, type Sample } from './sample';
import { summarize, type DatasetSummary } from './summary';

export interface LoadOptions {
  /** `auto` picks by the files present; the user can force one. */
  format?: DatasetFormat | 'auto';
  /** How ICDAR gt_ and res_ lines lay out their coordinates; QUAD, as in CLEval, by default. */
  boxType?: BoxType;
  /** Swap width and height of JPEGs whose EXIF orientation is 5-8, as the decoder will. Default true. */
  applyExifOrientation?: boolean;
  /** Read each image's header for its size and integrity. Default true. */
  readImageHeaders?: boolean;
  /** Files read at once. */
  concurrency?: number;
  /** Called as image headers are read, for a progress bar. */
  onProgress?: (done: number, total: number) => void;
}

export interface Dataset {
  format: DatasetFormat;
  samples: Sample[];
  /** Detections of `res_<stem>.txt` files dropped along, keyed by `sampleStem(sample)`. */
  predictions: Map<string, PredictedBox[]>;
  issues: DatasetIssue[];
  summary: DatasetSummary;
  /** The box type ICDAR text files were read with, when the dataset has any (gt_ or res_ files). */
  boxType?: BoxType;
}

/**
 * Indexes a dropped dataset: reads annotations and image headers, never pixels. Every
 * problem becomes an issue and the rest loads.
 */
export async function loadDataset(entries: readonly DatasetEntry[], options: LoadOptions = {}): Promise<Dataset> {
  const { format: forced = 'auto', boxType = DEFAULT_BOX_TYPE, applyExifOrientation = true, readImageHeaders = true, concurrency = 16, onProgress } = options;
  const issues: DatasetIssue[] = [];
  const report = (issue: DatasetIssue) => void issues.push(issue);
  const files = await collectFiles(entries, report);
  const format = detectFormat(files, forced, report);

  const annotationFiles = format === 'receipt-json' ? files.receiptJson : format === 'icdar2015' ? files.icdarGt : [];
  const parsed = await mapReporting(annotationFiles, concurrency, report, async (entry, report): Promise<ImageAnnotation[]> => {
    const bytes = await entry.read();
    return format === 'receipt-json' ? parseReceiptJson(new TextDecoder().decode(bytes), entry.path, report) : [parseIcdarGt(bytes, entry.path, report, boxType)];
  });
  const annotations = parsed.flat();
  if (annotations.length === 0 && files.images.length > 0) {
    report({ kind: 'no-annotations', severity: 'warning', file: annotationFiles[0]?.path ?? '', message: 'No usable annotations; the images are kept without ground truth (profiling works, metrics do not)', action: 'kept' });
  }
  let samples = joinImages(annotations, files.images, format === 'icdar2015', report);
  // A receipt JSON's key order is the dataset's own; files come in file-system order (img_10 before img_2).
  if (format !== 'receipt-json') samples.sort((a, b) => naturalCompare(a.name, b.name));
  if (samples.length > 0 && files.images.length === 0) {
    report({ kind: 'missing-image', severity: 'warning', file: annotationFiles[0].path, message: 'The dataset has no images: it can be evaluated from prediction files, not run through a model', action: 'kept' });
  }
  if (readImageHeaders) {
    let done = 0;
    const measured = await mapReporting(samples, concurrency, report, async (sample, report) => {
      const result = await measure(sample, applyExifOrientation, report);
      onProgress?.(++done, samples.length);
      return result;
    });
    samples = measured.filter((s): s is Sample => !!s);
  }
  if (samples.length === 0) {
    report({ kind: 'empty-dataset', severity: 'error', file: '', message: 'No images or annotations to evaluate; drop a folder, a zip, images with a receipt JSON, or gt_*.txt files', action: 'skipped' });
  }
  const parsedPredictions = await mapReporting(files.predictions, concurrency, report, async (entry, report) => parsePredictions(await entry.read(), entry.path, report, boxType));
  const predictions = new Map<string, PredictedBox[]>(parsedPredictions.map(({ stem, detections }) => [stem, detections]));
  // A prediction file no image claims would be silently ignored: its image scored as all missed.
  const stems = new Set(samples.map(sampleStem));
  for (const [k, { stem }] of parsedPredictions.entries()) {
    if (!stems.has(stem)) report({ kind: 'unmatched-prediction', severity: 'warning', file: files.predictions[k].path, message: `Matches no image of the dataset (none named "${stem}" with any extension); its detections are not scored`, action: 'skipped' });
  }
  const readText = format === 'icdar2015' || files.predictions.length > 0;
  return { format, samples, predictions, issues, summary: summarize(format, samples, issues), ...(readText ? { boxType } : {}) };
}

/** Adds the image's size, drops the sample when its image is unreadable, and polygons that miss the image. */
async function measure(sample: Sample, applyExifOrientation: boolean, report: IssueSink): Promise<Sample | undefined> {
  if (!sample.image) return sample;
  const checked = await checkImage(sample.image, applyExifOrientation);
  if ('kind' in checked) {
    report(checked);
    return undefined;
  }
  const { displayWidth: width, displayHeight: height } = checked;
  const gt = sample.gt.filter((region, i) => {
    if (!entirelyOutside(region.points, width, height)) return true;
    report({
      kind: 'polygon-outside-image',
      severity: 'warning',
      file: sample.image!.path,
      path: `gt[${i}]`,
      message: `Polygon ${i}${region.text ? ` (${JSON.stringify(region.text)})` : ''} lies entirely outside the ${width}x${height} image; skipped`,
      action: 'skipped',
    });
    return false;
  });
  return { ...sample, gt, width, height, orientation: checked.orientation };
}

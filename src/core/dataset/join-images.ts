import type { ImageAnnotation } from './annotation';
import type { DatasetEntry } from './entry';
import type { IssueSink } from './issues';
import { baseName, dirName, stemOf, type Sample } from './sample';

/**
 * Pairs each annotation with its image: by file name for the receipt JSON, by stem for
 * ICDAR (`gt_img_1.txt` -> `img_1.jpg`). An ICDAR image is named by its stem, as its `gt_`
 * and `res_` files name it, so a run with the images and one from prediction files alone
 * list the same names. An image name found in two folders resolves to the
 * copy nearest the annotation file; images nobody annotated are kept without ground truth.
 */
export function joinImages(annotations: ImageAnnotation[], images: DatasetEntry[], byStem: boolean, report: IssueSink): Sample[] {
  const keyOf = (name: string) => (byStem ? stemOf(name) : baseName(name));
  const index = new Map<string, DatasetEntry[]>();
  for (const image of images) {
    const key = keyOf(image.path);
    index.set(key, [...(index.get(key) ?? []), image]);
  }
  const seen = new Map<string, string>();
  const samples: Sample[] = [];
  for (const { image: name, gt, file } of annotations) {
    const key = keyOf(name);
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      report({ kind: 'duplicate-annotation', severity: 'warning', file, path: name, message: `${name} is annotated again (first in ${earlier}); this copy is skipped`, action: 'skipped' });
      continue;
    }
    seen.set(key, file);
    const candidates = index.get(key) ?? [];
    const image = nearest(candidates, dirName(file));
    if (image && candidates.length > 1) reportDuplicate(candidates, image, `the copy nearest ${file}`, report);
    if (!image && images.length > 0) {
      report({ kind: 'missing-image', severity: 'warning', file, path: name, message: `No image ${byStem ? `named ${key}.*` : name} in the dataset; kept for evaluation from prediction files only`, action: 'kept' });
    }
    samples.push({ name: byStem || !image ? name : baseName(image.path), stem: image ? stemOf(image.path) : byStem ? name : stemOf(name), image, gt });
  }
  for (const [key, group] of index) {
    if (seen.has(key)) continue;
    if (annotations.length > 0) {
      report({ kind: 'image-without-annotations', severity: 'warning', file: group[0].path, message: 'No annotation names this image; kept, so all its detections count as false positives', action: 'kept' });
    }
    if (group.length > 1) reportDuplicate(group, group[0], 'the first found', report);
    samples.push({ name: byStem ? key : baseName(group[0].path), stem: stemOf(group[0].path), image: group[0], gt: [] });
  }
  return samples;
}

function reportDuplicate(candidates: DatasetEntry[], chosen: DatasetEntry, why: string, report: IssueSink): void {
  const others = candidates.filter((c) => c !== chosen).map((c) => c.path);
  report({
    kind: 'duplicate-image',
    severity: 'warning',
    file: chosen.path,
    message: `The same image name is also at ${others.join(', ')}; using ${chosen.path}, ${why}`,
    action: 'kept',
  });
}

/** The image whose folder shares the longest leading path with the annotation file's folder. */
function nearest(candidates: DatasetEntry[], folder: string): DatasetEntry | undefined {
  let best: DatasetEntry | undefined;
  let bestShared = -1;
  for (const candidate of candidates) {
    const shared = sharedPrefix(dirName(candidate.path), folder);
    if (shared > bestShared) {
      best = candidate;
      bestShared = shared;
    }
  }
  return best;
}

function sharedPrefix(a: string, b: string): number {
  const x = a.split('/');
  const y = b.split('/');
  let n = 0;
  while (n < x.length && n < y.length && x[n] === y[n]) n++;
  return n;
}

import type { DatasetEntry } from './entry';
import { GT_FILE } from './icdar-gt';
import { IMAGE_EXTENSIONS } from './image-header';
import type { IssueSink } from './issues';
import { RESULT_FILE } from './predictions';
import { baseName } from './sample';
import { zipEntries } from './zip-entries';

/** The dropped files sorted by role, archives expanded. */
export interface DatasetFiles {
  images: DatasetEntry[];
  receiptJson: DatasetEntry[];
  icdarGt: DatasetEntry[];
  predictions: DatasetEntry[];
}

/** Files the operating system or archivers add, not the user. */
const systemFile = /(^|\/)(__MACOSX\/|\._|\.DS_Store$|Thumbs\.db$|desktop\.ini$)/i;

export async function collectFiles(entries: readonly DatasetEntry[], report: IssueSink): Promise<DatasetFiles> {
  const files: DatasetFiles = { images: [], receiptJson: [], icdarGt: [], predictions: [] };
  const pending = [...entries];
  for (let entry = pending.shift(); entry; entry = pending.shift()) {
    const name = baseName(entry.path);
    if (systemFile.test(entry.path)) continue;
    if (/\.zip$/i.test(name)) pending.push(...(await expand(entry, report)));
    else if (IMAGE_EXTENSIONS.test(name)) files.images.push(entry);
    else if (/\.json$/i.test(name)) files.receiptJson.push(entry);
    else if (GT_FILE.test(name)) files.icdarGt.push(entry);
    else if (RESULT_FILE.test(name)) files.predictions.push(entry);
    else {
      report({
        kind: 'unsupported-file',
        severity: 'warning',
        file: entry.path,
        message: 'Not an image (.jpg .jpeg .png .webp .bmp), receipt JSON, gt_*.txt, res_*.txt or .zip; ignored',
        action: 'skipped',
      });
    }
  }
  return files;
}

async function expand(zip: DatasetEntry, report: IssueSink): Promise<DatasetEntry[]> {
  try {
    return zipEntries(zip.path, await zip.read());
  } catch (error) {
    report({ kind: 'unreadable-archive', severity: 'error', file: zip.path, message: `Cannot open the zip archive (${(error as Error).message}); its files are skipped`, action: 'skipped' });
    return [];
  }
}

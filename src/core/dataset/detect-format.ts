import type { DatasetFiles } from './collect-files';
import type { IssueSink } from './issues';

export type DatasetFormat = 'receipt-json' | 'icdar2015' | 'images-only';

/**
 * Which annotations to use: the forced format, else whichever kind of annotation file is
 * present (receipt JSON when both are, said in a warning), else images without ground truth.
 */
export function detectFormat(files: DatasetFiles, forced: DatasetFormat | 'auto', report: IssueSink): DatasetFormat {
  const hasJson = files.receiptJson.length > 0;
  const hasGt = files.icdarGt.length > 0;
  const format = forced !== 'auto' ? forced : hasJson ? 'receipt-json' : hasGt ? 'icdar2015' : 'images-only';
  const unused = format === 'receipt-json' ? files.icdarGt : format === 'icdar2015' ? files.receiptJson : [...files.receiptJson, ...files.icdarGt];
  if (unused.length > 0) {
    report({
      kind: 'ambiguous-format',
      severity: 'warning',
      file: unused[0].path,
      message: `Reading the dataset as ${format}; ${unused.length} annotation file(s) of another format are ignored (choose the format to change this)`,
      action: 'skipped',
    });
  }
  return format;
}

import { hasPredictions, predictionsJsonText, predictionsZip } from '../../../core/report/predictions-export';
import { toChromeTrace } from '../../../core/profiler/trace';
import { renderMarkdown } from '../../../core/report/markdown';
import type { Report } from '../../../core/report/schema';

export interface ReportFile {
  name: 'report.md' | 'report.json' | 'trace.json' | 'predictions.zip' | 'predictions.json';
  type: string;
  /** Why the file cannot be made, when it cannot. */
  unavailable?: string;
  /** Built on demand: a report's spans can run to megabytes. */
  content: () => string | Uint8Array<ArrayBuffer>;
}

/** The files the CLI writes to --out (the predictions with --save-preds), under the same names. */
export function reportFiles(report: Report): ReportFile[] {
  const noPredictions = hasPredictions(report) ? undefined : 'this report keeps no detections (made before detscope kept them)';
  return [
    { name: 'report.md', type: 'text/markdown', content: () => renderMarkdown(report) },
    { name: 'report.json', type: 'application/json', content: () => `${JSON.stringify(report, null, 2)}\n` },
    {
      name: 'trace.json',
      type: 'application/json',
      unavailable: report.spans?.length ? undefined : 'this report carries no profiler spans',
      content: () => JSON.stringify(toChromeTrace(report.spans ?? [])),
    },
    { name: 'predictions.zip', type: 'application/zip', unavailable: noPredictions, content: () => predictionsZip(report) as Uint8Array<ArrayBuffer> },
    { name: 'predictions.json', type: 'application/json', unavailable: noPredictions, content: () => predictionsJsonText(report) },
  ];
}

/** Saves through a temporary object URL and <a download>; the URL is released once the download has started. */
export function download(file: Pick<ReportFile, 'type' | 'content'> & { name: string }): void {
  const url = URL.createObjectURL(new Blob([file.content()], { type: file.type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = file.name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

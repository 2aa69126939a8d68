import { toChromeTrace } from '../../../core/profiler/trace';
import { renderMarkdown } from '../../../core/report/markdown';
import type { Report } from '../../../core/report/schema';

export interface ReportFile {
  name: 'report.md' | 'report.json' | 'trace.json';
  type: string;
  /** Why the file cannot be made, when it cannot. */
  unavailable?: string;
  /** Built on demand: a report's spans can run to megabytes. */
  text: () => string;
}

/** The three files the CLI writes to --out, under the same names. */
export function reportFiles(report: Report): ReportFile[] {
  return [
    { name: 'report.md', type: 'text/markdown', text: () => renderMarkdown(report) },
    { name: 'report.json', type: 'application/json', text: () => `${JSON.stringify(report, null, 2)}\n` },
    {
      name: 'trace.json',
      type: 'application/json',
      unavailable: report.spans?.length ? undefined : 'this report carries no profiler spans',
      text: () => JSON.stringify(toChromeTrace(report.spans ?? [])),
    },
  ];
}

/** Saves through a temporary object URL and <a download>; the URL is released once the download has started. */
export function download(file: Pick<ReportFile, 'type' | 'text'> & { name: string }): void {
  const url = URL.createObjectURL(new Blob([file.text()], { type: file.type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = file.name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

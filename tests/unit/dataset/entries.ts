import { bytesEntry, type DatasetEntry } from '../../../src/core/dataset/entry';
import type { DatasetIssue } from '../../../src/core/dataset/issues';

/** Files by path, text or bytes, as the loader receives them from a drop. */
export function entries(files: Record<string, string | Uint8Array>): DatasetEntry[] {
  return Object.entries(files).map(([path, content]) => bytesEntry(path, typeof content === 'string' ? utf8(content) : content));
}

export function utf8(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}

/** Collects what a parser reports. */
export function issueLog(): { issues: DatasetIssue[]; report: (issue: DatasetIssue) => void } {
  const issues: DatasetIssue[] = [];
  return { issues, report: (issue) => void issues.push(issue) };
}

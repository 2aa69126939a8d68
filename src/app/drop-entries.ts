import { blobEntry, type DatasetEntry } from '../core/dataset/entry';

/** Reads every file below a dropped directory entry, keeping paths relative to the drop. */
async function walk(entry: FileSystemEntry, prefix: string, out: DatasetEntry[]): Promise<void> {
  const path = prefix ? `${prefix}/${entry.name}` : entry.name;
  if (entry.isFile) {
    const file = await new Promise<File>((resolve, reject) => (entry as FileSystemFileEntry).file(resolve, reject));
    out.push(blobEntry(path, file));
    return;
  }
  const reader = (entry as FileSystemDirectoryEntry).createReader();
  // readEntries returns at most ~100 entries a call: read until it returns none.
  for (;;) {
    const batch = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
    if (batch.length === 0) break;
    for (const child of batch) await walk(child, path, out);
  }
}

/** Files of a drop: folders walked recursively, zips and plain files as they are. */
export async function entriesFromDrop(transfer: DataTransfer): Promise<DatasetEntry[]> {
  const roots = [...transfer.items].map((item) => item.webkitGetAsEntry()).filter((e): e is FileSystemEntry => e !== null);
  const out: DatasetEntry[] = [];
  for (const root of roots) await walk(root, '', out);
  return out;
}

/** Files from a file picker; a directory picker (webkitdirectory) gives their relative paths. */
export function entriesFromFiles(files: readonly File[]): DatasetEntry[] {
  return files.map((f) => blobEntry(f.webkitRelativePath || f.name, f));
}

/** What a drop is called in reports: its folder or zip (a zip with loose prediction files beside it included), else its file count. */
export function dropName(entries: readonly DatasetEntry[]): string {
  const tops = [...new Set(entries.map((e) => e.path.split('/')[0]))];
  const zips = tops.filter((t) => /\.zip$/i.test(t));
  if (tops.length === 1) return tops[0] ?? 'dataset';
  return zips.length === 1 ? zips[0] : `${entries.length} files`;
}

/**
 * A file of a dropped selection, folder or zip, or of a Node test: the same reading code
 * serves them all. Nothing is read until asked, so indexing holds no image bytes.
 */
export interface DatasetEntry {
  /** Slash-separated path relative to what was dropped (`archive.zip/images/a.jpg`). */
  path: string;
  /** Bytes on disk (uncompressed size for zip entries). */
  size: number;
  read(): Promise<Uint8Array>;
  /** Bytes `start` to `end` (exclusive, clamped); sources that cannot seek leave it out. */
  slice?(start: number, end: number): Promise<Uint8Array>;
}

export function bytesEntry(path: string, bytes: Uint8Array): DatasetEntry {
  return {
    path,
    size: bytes.length,
    read: async () => bytes,
    slice: async (start, end) => bytes.subarray(start, end),
  };
}

/** A browser `File` (drop, file picker, or a directory walk) as an entry. */
export function blobEntry(path: string, blob: Blob): DatasetEntry {
  return {
    path,
    size: blob.size,
    read: async () => new Uint8Array(await blob.arrayBuffer()),
    slice: async (start, end) => new Uint8Array(await blob.slice(start, end).arrayBuffer()),
  };
}

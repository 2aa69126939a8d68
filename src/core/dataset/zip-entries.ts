import { unzipSync, type UnzipFileInfo } from 'fflate';
import type { DatasetEntry } from './entry';

/** Inflated bytes read ahead of the entries asked for, kept until they are read. */
const READ_AHEAD_BYTES = 16 * 2 ** 20;

/**
 * The files of a zip as entries, inflated only when read. Each fflate pass walks the whole
 * central directory, so one pass serves every read issued meanwhile and also inflates the
 * entries that follow in archive order (up to 16 MB), which the loader asks for next.
 */
export function zipEntries(zipPath: string, zip: Uint8Array): DatasetEntry[] {
  const files: UnzipFileInfo[] = [];
  unzipSync(zip, {
    filter: (file) => {
      if (!file.name.endsWith('/')) files.push(file);
      return false;
    },
  });
  const read = gatheredReader(zip, files);
  return files.map((file) => ({ path: `${zipPath}/${file.name}`, size: file.originalSize, read: () => read(file.name) }));
}

type Waiting = { resolve: (bytes: Uint8Array) => void; reject: (error: unknown) => void };

function gatheredReader(zip: Uint8Array, files: UnzipFileInfo[]): (name: string) => Promise<Uint8Array> {
  const order = new Map(files.map((file, i) => [file.name, i]));
  const ahead = new Map<string, Uint8Array>();
  let waiting = new Map<string, Waiting[]>();

  const flush = () => {
    const batch = waiting;
    waiting = new Map();
    const wanted = new Set(batch.keys());
    let budget = READ_AHEAD_BYTES;
    for (const name of batch.keys()) {
      for (let i = order.get(name)! + 1; i < files.length && budget > 0 && !wanted.has(files[i].name); i++) {
        wanted.add(files[i].name);
        budget -= files[i].originalSize;
      }
    }
    try {
      const inflated = unzipSync(zip, { filter: (file) => wanted.has(file.name) });
      ahead.clear();
      for (const [name, bytes] of Object.entries(inflated)) if (!batch.has(name)) ahead.set(name, bytes);
      for (const [name, readers] of batch) readers.forEach((reader) => reader.resolve(inflated[name]));
    } catch (error) {
      for (const readers of batch.values()) readers.forEach((reader) => reader.reject(error));
    }
  };

  return (name) => {
    const ready = ahead.get(name);
    if (ready) {
      ahead.delete(name);
      return Promise.resolve(ready);
    }
    return new Promise((resolve, reject) => {
      if (waiting.size === 0) setTimeout(flush, 0);
      waiting.set(name, [...(waiting.get(name) ?? []), { resolve, reject }]);
    });
  };
}

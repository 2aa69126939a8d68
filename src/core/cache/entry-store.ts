import { clear, createStore, delMany, get, setMany } from 'idb-keyval';

/**
 * The persistent level of the PolygonCache: a key-value store of encoded entries.
 * IndexedDB in the app (idb-keyval, a database of its own); tests use the same code
 * over fake-indexeddb, or fakes that fail on purpose.
 */
export interface EntryStore {
  get(key: string): Promise<unknown>;
  /** One transaction for the whole batch. */
  setMany(entries: [string, unknown][]): Promise<void>;
  delMany(keys: string[]): Promise<void>;
  clear(): Promise<void>;
}

export const CACHE_DB_NAME = 'detscope-polygon-cache';

export function idbEntryStore(dbName = CACHE_DB_NAME, storeName = 'entries'): EntryStore {
  const store = createStore(dbName, storeName);
  return {
    get: (key) => get(key, store),
    setMany: (entries) => setMany(entries, store),
    delMany: (keys) => delMany(keys, store),
    clear: () => clear(store),
  };
}

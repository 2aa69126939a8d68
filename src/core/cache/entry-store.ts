import { clear, createStore, delMany, entries, get, setMany } from 'idb-keyval';

/** A key-value store (IndexedDB through idb-keyval in the app; fakes in tests). */
export interface EntryStore {
  get(key: string): Promise<unknown>;
  /** One transaction for the whole batch. */
  setMany(entries: [string, unknown][]): Promise<void>;
  delMany(keys: string[]): Promise<void>;
  entries(): Promise<[string, unknown][]>;
  clear(): Promise<void>;
}

/**
 * The persistent level of the PolygonCache: encoded entries in `data`, and in `index`
 * one small record per entry (bytes, last use, compute time) plus a format record.
 * Each GT-maps worker has its own cache over the same two stores; per-entry index
 * records (not one shared index object) let them write without erasing each other's.
 */
export interface CacheStore {
  data: EntryStore;
  index: EntryStore;
}

export const CACHE_DB_NAME = 'detscope-polygon-cache';

function idbStore(dbName: string): EntryStore {
  const store = createStore(dbName, 'entries');
  return {
    get: (key) => get(key, store),
    setMany: (items) => setMany(items, store),
    delMany: (keys) => delMany(keys, store),
    entries: () => entries<string, unknown>(store),
    clear: () => clear(store),
  };
}

/** Two IndexedDB databases of their own (idb-keyval keeps one object store per database). */
export function idbEntryStore(dbName = CACHE_DB_NAME): CacheStore {
  return { data: idbStore(dbName), index: idbStore(`${dbName}-index`) };
}

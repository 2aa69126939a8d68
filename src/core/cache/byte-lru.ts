/**
 * Least-recently-used map bounded by the total byte size of its values. A Map keeps
 * insertion order, so re-inserting on access makes its first key the least recent.
 */
export class ByteLru<V> {
  private readonly items = new Map<string, { value: V; bytes: number }>();
  bytes = 0;
  evictions = 0;

  constructor(readonly maxBytes: number) {}

  get size(): number {
    return this.items.size;
  }

  get(key: string): V | undefined {
    const item = this.items.get(key);
    if (!item) return undefined;
    this.items.delete(key);
    this.items.set(key, item);
    return item.value;
  }

  has(key: string): boolean {
    return this.items.has(key);
  }

  /** Stores the value unless it alone exceeds the bound; evicts the least recent to fit. */
  set(key: string, value: V, bytes: number): boolean {
    this.delete(key);
    if (bytes > this.maxBytes) return false;
    while (this.bytes + bytes > this.maxBytes) this.evictOldest();
    this.items.set(key, { value, bytes });
    this.bytes += bytes;
    return true;
  }

  delete(key: string): boolean {
    const item = this.items.get(key);
    if (!item) return false;
    this.items.delete(key);
    this.bytes -= item.bytes;
    return true;
  }

  /** Keys from least to most recently used. */
  keys(): string[] {
    return [...this.items.keys()];
  }

  clear(): void {
    this.items.clear();
    this.bytes = 0;
  }

  private evictOldest(): void {
    const oldest = this.items.keys().next().value as string;
    this.delete(oldest);
    this.evictions++;
  }
}

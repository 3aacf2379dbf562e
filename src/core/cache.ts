/**
 * A text-keyed cache with a size budget, for results that repeat between lints of the same doc
 * (section analyses, vocabulary scans). Two generations approximate LRU cheaply: a hit in the
 * old generation moves to the young one, and when the young one fills its budget the old one is
 * dropped. Memory stays bounded however long an editing session runs.
 */
export class TextCache<V> {
  private young = new Map<string, V>();
  private old = new Map<string, V>();
  private youngChars = 0;

  /** @param budget roughly how many key characters one generation may hold. */
  constructor(private readonly budget: number) {}

  get(key: string): V | undefined {
    const y = this.young.get(key);
    if (y !== undefined) return y;
    const o = this.old.get(key);
    if (o !== undefined) {
      this.old.delete(key);
      this.set(key, o);
    }
    return o;
  }

  set(key: string, value: V): void {
    if (this.youngChars + key.length > this.budget && this.young.size) {
      this.old = this.young;
      this.young = new Map();
      this.youngChars = 0;
    }
    this.young.set(key, value);
    this.youngChars += key.length;
  }

  /** Cached value for `key`, computing and storing it when missing. */
  getOrCompute(key: string, compute: (key: string) => V): V {
    const hit = this.get(key);
    if (hit !== undefined) return hit;
    const value = compute(key);
    this.set(key, value);
    return value;
  }
}

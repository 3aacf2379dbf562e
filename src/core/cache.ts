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

/** `compute(key)` once per key object, kept only as long as the key is (a WeakMap). */
export function oncePer<K extends object, V>(compute: (key: K) => V): (key: K) => V {
  const memo = new WeakMap<K, V>();
  return (key) => {
    let v = memo.get(key);
    if (v === undefined) {
      v = compute(key);
      memo.set(key, v);
    }
    return v;
  };
}

/**
 * A bounded per-text memo for each owner (a lexicon, say): `memo(owner, text, compute)` computes
 * once per (owner, text) while the text is no longer than `maxText`; longer texts are always
 * computed afresh, so one huge paste cannot fill the budget. Owners are held weakly. Callers must
 * not mutate what it returns.
 */
export function memoByOwner<O extends object, V>(budget: number, maxText: number): (owner: O, text: string, compute: (text: string) => V) => V {
  const byOwner = new WeakMap<O, TextCache<V>>();
  return (owner, text, compute) => {
    if (text.length > maxText) return compute(text);
    let memo = byOwner.get(owner);
    if (!memo) {
      memo = new TextCache<V>(budget);
      byOwner.set(owner, memo);
    }
    return memo.getOrCompute(text, compute);
  };
}

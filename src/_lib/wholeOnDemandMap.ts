/**
 * A read-only map that answers `get` (and `has`) key by key, as cheaply as its subclass can, and everything else
 * from the whole map, made once on demand: the shape of the bundled tables a first call reads one entry of (a
 * state's deadline rules, a code's row), which parsing whole was a first call's cost.
 */
export abstract class WholeOnDemandMap<K, V> implements ReadonlyMap<K, V> {
  abstract get(key: K): V | undefined;

  /** Every entry, made on the first call that needs them all (the entries already read keep their objects). */
  protected abstract all(): Map<K, V>;

  has(key: K): boolean {
    return this.get(key) !== undefined;
  }

  get size(): number {
    return this.all().size;
  }

  forEach(callback: (value: V, key: K, map: ReadonlyMap<K, V>) => void, thisArg?: unknown): void {
    for (const [key, value] of this.all()) callback.call(thisArg, value, key, this);
  }

  entries(): MapIterator<[K, V]> {
    return this.all().entries();
  }

  keys(): MapIterator<K> {
    return this.all().keys();
  }

  values(): MapIterator<V> {
    return this.all().values();
  }

  [Symbol.iterator](): MapIterator<[K, V]> {
    return this.entries();
  }
}

/**
 * A zod schema built on first use. zod builds a schema's methods when the schema is made, and overturn's few
 * hundred schemas made at import were a large share of `import 'overturn'` (bench/startup.bench.ts); most are
 * only read to explain a refusal or to check a caller's own rule set. The stand-in forwards every read to the
 * schema, made the first time anything is read, so it can be used, nested and composed as the schema itself.
 *
 * @example
 * ```ts
 * const id = lazySchema(() => z.string().min(1)); // nothing built yet
 * id.parse('x'); // built now, then reused
 * ```
 */
// No side effects: a bundler drops a schema no reachable code reads, as it does zod's own constructors.
export /* @__NO_SIDE_EFFECTS__ */ function lazySchema<Schema extends object>(build: () => Schema): Schema {
  let schema: Schema | undefined;
  const real = (): Schema => {
    schema ??= build();
    return schema;
  };
  // A method read from the stand-in runs on the schema itself (zod's methods read their own fields).
  const bound = new Map<PropertyKey, unknown>();
  return new Proxy(Object.create(null) as Schema, {
    get(_, key) {
      const target = real();
      const value = Reflect.get(target, key, target);
      if (typeof value !== 'function') return value;
      let method = bound.get(key);
      if (method === undefined) {
        method = (value as (...args: unknown[]) => unknown).bind(target);
        bound.set(key, method);
      }
      return method;
    },
    has: (_, key) => Reflect.has(real(), key),
    ownKeys: () => Reflect.ownKeys(real()),
    getOwnPropertyDescriptor(_, key) {
      const descriptor = Reflect.getOwnPropertyDescriptor(real(), key);
      // A proxy may not report a property of its own target as non-configurable unless the target has it.
      if (descriptor) descriptor.configurable = true;
      return descriptor;
    },
    getPrototypeOf: () => Reflect.getPrototypeOf(real()),
    set: (_, key, value) => Reflect.set(real(), key, value),
  });
}

/**
 * A value built on first call and then reused: for the object shapes spread into many row schemas (provenance,
 * say), which would otherwise build their schemas at import. A shape, unlike a schema, cannot be a
 * {@link lazySchema}: zod's JSON Schema output follows each schema's own identity, not a stand-in's.
 *
 * @example
 * ```ts
 * const shape = builtOnce(() => ({ id: z.string().min(1) }));
 * z.object({ ...shape(), note: z.string() }); // built now, once
 * ```
 */
export /* @__NO_SIDE_EFFECTS__ */ function builtOnce<Value>(build: () => Value): () => Value {
  let value: Value | undefined;
  let built = false;
  return () => {
    if (!built) {
      value = build();
      built = true;
    }
    return value as Value;
  };
}

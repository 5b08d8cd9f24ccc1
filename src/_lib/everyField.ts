/*
 * Objects read on every call are built with every field present, in one order, so that V8 sees one shape of them
 * (see caseInOneShape, paramsInOneShape, windowRowInOneShape). Written as a literal, such a copy would silently drop
 * a field added to its type later; typed as EveryField, a literal that leaves one out does not compile.
 */

/**
 * `T` with every field required, an optional one allowed to be `undefined`: the type of a literal that must name
 * each of `T`'s fields.
 *
 * @example
 * ```ts
 * interface Row { id: string; note?: string }
 * const row: EveryField<Row> = { id: 'a', note: undefined }; // `{ id: 'a' }` does not compile
 * ```
 */
export type EveryField<T> = { [K in Exclude<keyof T, OptionalKeys<T>>]: T[K] } & {
  [K in OptionalKeys<T>]: T[K] | undefined;
};

/** The keys of `T`'s optional fields. */
type OptionalKeys<T> = { [K in keyof T]-?: Partial<Pick<T, K>> extends Pick<T, K> ? K : never }[keyof T];

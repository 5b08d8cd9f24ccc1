/**
 * A bundled rule file kept as its JSON text until first read. The package build (tsup.config.ts) turns each rule
 * file into one of these, so importing overturn parses no rule data: a call parses only the files of the domain
 * it uses, once. Run from source (tests, tsx) a rule file is imported as its object, and {@link readBundled}
 * passes it through.
 */
export class LazyJson {
  private parsed: unknown;
  private done = false;

  constructor(private text: string) {}

  /** The file's value, parsed on the first call (the text is let go then). */
  value(): unknown {
    if (!this.done) {
      this.parsed = JSON.parse(this.text);
      this.text = '';
      this.done = true;
    }
    return this.parsed;
  }
}

/**
 * A bundled rule file's value: parsed on first read when the build kept it as text, as it is otherwise.
 *
 * @example
 * ```ts
 * readBundled(new LazyJson('{"id":"x"}')); //=> { id: 'x' }
 * readBundled({ id: 'x' });                //=> { id: 'x' }
 * ```
 */
export function readBundled(file: unknown): unknown {
  return file instanceof LazyJson ? file.value() : file;
}

/**
 * The files of every group as one object whose properties read each file on access (parsed then, once), for
 * the public `defaultRuleSetSource`: copying the object reads every file, reading one property reads one. The
 * groups are arguments rather than spread into one object: a bundler cannot tell a spread has no side effect,
 * and would keep every file for a caller that never reads this object.
 */
export function bundledFiles(...groups: Readonly<Record<string, unknown>>[]): Record<string, unknown> {
  const view: Record<string, unknown> = {};
  for (const files of groups) {
    for (const path of Object.keys(files)) {
      Object.defineProperty(view, path, {
        enumerable: true,
        configurable: true,
        get: () => readBundled(files[path]),
        // Assigning replaces the file, as it did when these were plain properties.
        set(value: unknown) {
          Object.defineProperty(view, path, { value, writable: true, enumerable: true, configurable: true });
        },
      });
    }
  }
  return view;
}

import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Options } from 'tsup';
import { ruleDigests } from './scripts/rule-digests.js';
import { phraseAutomaton } from './src/classifyDenial/ruleData.js';
import { abbreviationTableSchema, createDenialNormalizer } from './src/classifyDenial/textRules.js';

/** The rule files of this repository (`rules/…/*.json`). */
const RULE_FILE = new RegExp(
  `^${fileURLToPath(new URL('./rules/', import.meta.url)).replace(/[\\^$.*+?()[\]{}|]/g, '\\$&')}.*\\.json$`,
);

/**
 * JSON text with every character above U+007F written as a JSON `\u` escape: the same value, in a string V8 holds
 * one byte a character. One `§` in a rule file made its whole text a two-byte string in the bundle.
 * The apostrophe too (it is only ever inside a JSON string): with no `'` left, esbuild writes the text as a
 * single-quoted string, not a template literal, and V8 scans a template's 2.7 MB about 13 ms slower.
 */
function asciiJson(json: string): string {
  return json.replace(
    /['\u0080-\uffff]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/**
 * Where each row of a code table (CARC, RARC) is in its JSON text, by code: `{ "<code>": [start, end] }`, as JSON,
 * so that a call reads the rows of its codes alone (`LazyJson.row`, src/_lib/lazyJson.ts). The rows are the file's
 * last field, so the text ends with them; checked here, and each row's text against its row.
 */
function codeRowIndex(table: { rows: { code: string }[] }, json: string): string {
  const spans: Record<string, [number, number]> = {};
  const rowTexts = table.rows.map((row) => asciiJson(JSON.stringify(row)));
  let end = json.length - 2; // the text ends with the rows' `]` and the file's `}`
  for (let index = rowTexts.length - 1; index >= 0; index--) {
    const rowText = rowTexts[index] as string;
    const start = end - rowText.length;
    if (json.slice(start, end) !== rowText) throw new Error('a code table whose rows are not its last field');
    spans[(table.rows[index] as { code: string }).code] = [start, end];
    end = start - 1; // the comma before the row, or the `[` before the first
  }
  if (!json.slice(0, end + 1).endsWith('"rows":['))
    throw new Error('a code table whose rows are not its last field');
  return JSON.stringify(spans);
}

/** src/_lib/lazyJson.ts, which the bundled rule files below are made of. */
const LAZY_JSON = JSON.stringify(fileURLToPath(new URL('./src/_lib/lazyJson.ts', import.meta.url)));

/**
 * The rule files (about 1.9 MB of JSON) go into the bundle as JSON text in a `LazyJson`, parsed on first read,
 * rather than as object literals: V8 scans a string literal much faster than it parses and evaluates the same
 * data as JavaScript, and a call parses only its own domain's files, never at import (bench/startup.bench.ts
 * measures both). The manifest, a few hundred bytes read at import for the rule set's id, stays a plain
 * `JSON.parse`. Each is marked pure, so that an application's bundler drops the files its calls never reach.
 */
const jsonAsLazyText: NonNullable<Options['esbuildPlugins']>[number] = {
  name: 'json-as-lazy-text',
  setup(build) {
    // Only the rule files: a dependency's own JSON (pdf-lib's font metrics) stays as its package wrote it.
    build.onLoad({ filter: RULE_FILE }, async (args) => {
      const value = JSON.parse(await readFile(args.path, 'utf8'));
      const json = asciiJson(JSON.stringify(value));
      const text = JSON.stringify(json);
      const index = value?.kind === 'code-table' ? `, ${JSON.stringify(codeRowIndex(value, json))}` : '';
      const contents = args.path.endsWith(`${sep}manifest.json`)
        ? `export default /* @__PURE__ */ JSON.parse(${text});`
        : `import { LazyJson } from ${LAZY_JSON};\nexport default /* @__PURE__ */ new LazyJson(${text}${index});`;
      return { contents, loader: 'js' };
    });
  },
};

/**
 * The bundled phrases' automaton, built at build time (src/_lib/bundledPhraseAutomaton.ts): the same functions
 * and rule files as at run time, so the package answers exactly as the source does (test/bundledPhraseAutomaton
 * .test.ts, and the fixture suites run on the built command in `npm test`), and its first classification
 * restores the automaton instead of normalising five thousand phrases and building it.
 */
const bundledPhraseAutomaton: NonNullable<Options['esbuildPlugins']>[number] = {
  name: 'bundled-phrase-automaton',
  setup(build) {
    build.onLoad({ filter: /[\\/]_lib[\\/]bundledPhraseAutomaton\.ts$/ }, async () => {
      const read = async (name: string) => JSON.parse(await readFile(`rules/classification/${name}`, 'utf8'));
      const abbreviations = abbreviationTableSchema.parse(await read('abbreviations.json'));
      const automaton = phraseAutomaton(
        (await read('phrases.json')).rows,
        createDenialNormalizer(abbreviations.rows),
      );
      const text = JSON.stringify(automaton);
      return {
        contents: `import { LazyJson } from ${LAZY_JSON};\nexport const BUNDLED_PHRASE_AUTOMATON = /* @__PURE__ */ new LazyJson(${JSON.stringify(text)});`,
        loader: 'js',
      };
    });
  },
};

/**
 * The SHA-256 of each bundled rule file's value as `JSON.stringify` writes it (src/_lib/ruleDigests.ts): how
 * `loadOverturn` knows a fetched rule set for the package's own, proven by the test suite, and compiles it
 * without validating it again. Computed from the same files the build bundles.
 */
const bundledRuleDigests: NonNullable<Options['esbuildPlugins']>[number] = {
  name: 'bundled-rule-digests',
  setup(build) {
    build.onLoad({ filter: /[\\/]_lib[\\/]ruleDigests\.ts$/ }, () => ({
      contents: `export const BUNDLED_RULE_DIGESTS = ${JSON.stringify(ruleDigests('rules'))};`,
      loader: 'js',
    }));
  },
};

/**
 * The command imports the library from the library's own build (`./internal.js`, src/internal.ts) instead of
 * bundling it again: one copy of the code and the rule data in dist/ per format, where the command's own
 * bundle held a second ESM copy (2.6 MB). Every other module of src/ that the command, or the reference engine
 * it bundles, imports is resolved to that entry.
 */
const libraryFromItsBuild: NonNullable<Options['esbuildPlugins']>[number] = {
  name: 'library-from-its-build',
  setup(build) {
    const source = fileURLToPath(new URL('./src/', import.meta.url));
    // Bundled into the command, not taken from the library: its own code, and the reference engine with the
    // json-rules-engine it imports (an optional peer of the library, which a command user has not installed).
    const ownCode = [
      join(source, 'cli') + sep,
      join(source, 'reference.'),
      join(source, 'engine', 'referenceEngine.'),
    ];
    build.onResolve({ filter: /^\.\.?\// }, (args) => {
      if (!args.importer.startsWith(source) || !ownCode.some((prefix) => args.importer.startsWith(prefix)))
        return undefined;
      const target = join(args.resolveDir, args.path);
      if (!target.startsWith(source) || ownCode.some((prefix) => target.startsWith(prefix))) return undefined;
      return { path: './internal.js', external: true };
    });
  },
};

/**
 * The licence texts of every package a build bundles, found from esbuild's own list of its inputs, written beside
 * the output (`dist/<name>.LICENSES.txt`): their licences (MIT, ISC, BSD, Apache) ask that the notice travel
 * with the copies, and a list kept by hand would fall behind the dependencies.
 */
function bundledLicences(name: string): NonNullable<Options['esbuildPlugins']>[number] {
  return {
    name: 'bundled-licences',
    setup(build) {
      build.initialOptions.metafile = true;
      build.onEnd(async (result) => {
        if (!result.metafile) return;
        const packages = new Set<string>();
        for (const input of Object.keys(result.metafile.inputs)) {
          const match = /(?:^|\/)node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input.replaceAll('\\', '/'));
          if (match?.[1]) packages.add(match[1]);
        }
        const sections: string[] = [];
        for (const pkg of [...packages].sort()) {
          const dir = join('node_modules', pkg);
          const manifest = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8'));
          const file = (await readdir(dir)).find((entry) => /^(licen[cs]e|copying)(\.|$)/i.test(entry));
          const text = file
            ? await readFile(join(dir, file), 'utf8')
            : `(no licence file; package.json says ${manifest.license})`;
          sections.push(`${pkg}@${manifest.version} (${manifest.license})\n\n${text.trim()}\n`);
        }
        // tsup writes the bundles after this hook: on a clean checkout dist/ does not exist yet.
        await mkdir('dist', { recursive: true });
        await writeFile(
          join('dist', `${name}.LICENSES.txt`),
          `Third-party code bundled into dist/${name} (see NOTICE.md), with each package's licence.\n\n${sections.join('\n---\n\n')}`,
        );
      });
    },
  };
}

/**
 * The built files in ASCII only. One character above U+007F anywhere in a file (a dash in a comment) makes V8
 * hold the whole source, 2 MB with the rule text, as two-byte text to decode and scan: writing each as a `\u`
 * escape took about 10 ms off `import 'overturn'` (15 alternating fresh processes, both builds in one folder:
 * medians 75.8 → 65.0 ms).
 * esbuild already escapes them in strings; the rest are in comments. A `\u` escape means the same character in
 * a string, a template, a regular expression or an identifier; a character a backslash escapes loses that
 * backslash, as `\u` says it already (scripts/check-dist.mjs checks that the output is ASCII).
 */
const asciiOutput: NonNullable<Options['plugins']>[number] = {
  name: 'ascii-output',
  renderChunk(code) {
    if (!/[\u0080-\uffff]/.test(code)) return;
    return {
      // A backslash before the character (an odd run of them) escapes it: `\’` means ’ in a string, a template and
      // a regular expression, as `\u2019` does, so that backslash goes (wink-porter2-stemmer's regular
      // expressions have `\’`). An even run is backslashes of their own: kept, and the character escaped.
      code: code.replace(/(\\*)([\u0080-\uffff])/g, (_, slashes: string, char: string) => {
        const kept = slashes.length % 2 === 1 ? slashes.slice(1) : slashes;
        return `${kept}\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;
      }),
    };
  },
};

export default defineConfig([
  {
    // The library: no Node built-ins, so it runs in browsers and edge runtimes too.
    // `internal` is what the command uses of the library (src/internal.ts): not in the package's exports.
    entry: {
      index: 'src/index.ts',
      core: 'src/core.ts',
      reference: 'src/reference.ts',
      internal: 'src/internal.ts',
    },
    format: ['esm', 'cjs'],
    dts: {
      entry: { index: 'src/index.ts', core: 'src/core.ts', reference: 'src/reference.ts' },
      compilerOptions: { ignoreDeprecations: '6.0' },
    },
    target: 'es2022',
    platform: 'neutral',
    clean: true,
    // index and reference share one chunk per format: the rule data is in dist/ once per format, not per entry.
    splitting: true,
    treeshake: true,
    // zod (a devDependency) is bundled, tree-shaken to what the schemas use: loading its own module graph was
    // half of importing overturn (bench/startup.bench.ts), and an application's own zod is left alone.
    // The stemmer too (one CommonJS file of 12 KB): importing it from its package was 6.5 ms of `import 'overturn'`
    // (Node's CommonJS loader; 11 alternating fresh processes), and bundled it leaves every function's browser
    // bundle as it was. minisearch stays a dependency: bundled, its module code is not tree-shaken (17 KB more in
    // every function's browser bundle) and the import was 29 ms longer, not shorter.
    noExternal: ['zod', 'wink-porter2-stemmer'],
    esbuildPlugins: [jsonAsLazyText, bundledPhraseAutomaton, bundledRuleDigests, bundledLicences('index')],
    plugins: [asciiOutput],
  },
  {
    // The `overturn` command. Its own dependencies (commander, picocolors, cli-progress, csv-stringify,
    // hyparquet-writer: devDependencies, so bundled) and json-rules-engine (an optional peer of the library,
    // for `overturn/reference`) are bundled in, so a library user installs none of them and the command
    // still runs. Bundled CommonJS modules require Node's built-ins: `require` is provided for them.
    entry: { cli: 'src/cli/main.ts' },
    format: ['esm'],
    target: 'node20',
    platform: 'node',
    splitting: false,
    treeshake: true,
    noExternal: ['json-rules-engine'],
    banner: {
      js: "import { createRequire as overturnRequire } from 'node:module';\nconst require = overturnRequire(import.meta.url);",
    },
    esbuildPlugins: [libraryFromItsBuild, bundledLicences('cli')],
    plugins: [asciiOutput],
  },
]);

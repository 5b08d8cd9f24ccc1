import { readFile } from 'node:fs/promises';
import { defineConfig, type Options } from 'tsup';
import { phraseForms } from './src/classifyDenial/ruleData.js';
import { abbreviationTableSchema, createDenialNormalizer } from './src/classifyDenial/textRules.js';

/**
 * The rule files (about 1.9 MB of JSON) go into the bundle as `JSON.parse('…')` rather than as object
 * literals: V8 reads a string literal and JSON.parse much faster than it parses and evaluates the same data as
 * JavaScript, and importing overturn is mostly that (bench/startup.bench.ts measures it). The call is marked
 * pure, so that an application's bundler drops the files its calls never reach.
 */
const jsonAsParse: NonNullable<Options['esbuildPlugins']>[number] = {
  name: 'json-as-parse',
  setup(build) {
    build.onLoad({ filter: /\.json$/ }, async (args) => {
      const text = JSON.stringify(JSON.parse(await readFile(args.path, 'utf8')));
      // Pure: a bundler may drop a rule file no reachable code reads (see src/_lib/defaultRuleSet.ts).
      return {
        contents: `export default /* @__PURE__ */ JSON.parse(${JSON.stringify(text)});`,
        loader: 'js',
      };
    });
  },
};

/**
 * The bundled phrases, normalised at build time (src/_lib/bundledPhraseForms.ts): the same function and rule
 * files as at run time, so the package answers exactly as the source does (the fixture suites run on the built
 * command in `npm test` prove it), and its first classification skips normalising five thousand phrases.
 */
const bundledPhraseForms: NonNullable<Options['esbuildPlugins']>[number] = {
  name: 'bundled-phrase-forms',
  setup(build) {
    build.onLoad({ filter: /[\\/]_lib[\\/]bundledPhraseForms\.ts$/ }, async () => {
      const read = async (name: string) => JSON.parse(await readFile(`rules/classification/${name}`, 'utf8'));
      const abbreviations = abbreviationTableSchema.parse(await read('abbreviations.json'));
      const forms = phraseForms(
        (await read('phrases.json')).rows,
        createDenialNormalizer(abbreviations.rows),
      );
      const text = JSON.stringify(forms);
      return {
        contents: `export const BUNDLED_PHRASE_FORMS = /* @__PURE__ */ JSON.parse(${JSON.stringify(text)});`,
        loader: 'js',
      };
    });
  },
};

export default defineConfig([
  {
    // The library: no Node built-ins, so it runs in browsers and edge runtimes too.
    entry: { index: 'src/index.ts', reference: 'src/reference.ts' },
    format: ['esm', 'cjs'],
    dts: { compilerOptions: { ignoreDeprecations: '6.0' } },
    target: 'es2022',
    platform: 'neutral',
    clean: true,
    // index and reference share one chunk per format: the rule data is in dist/ once per format, not per entry.
    splitting: true,
    treeshake: true,
    esbuildPlugins: [jsonAsParse, bundledPhraseForms],
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
    esbuildPlugins: [jsonAsParse, bundledPhraseForms],
  },
]);

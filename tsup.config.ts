import { readFile } from 'node:fs/promises';
import { defineConfig, type Options } from 'tsup';

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
    esbuildPlugins: [jsonAsParse],
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
    esbuildPlugins: [jsonAsParse],
  },
]);

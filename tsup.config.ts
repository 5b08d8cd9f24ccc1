import { defineConfig } from 'tsup';

export default defineConfig([
  {
    // The library: no Node built-ins, so it runs in browsers and edge runtimes too.
    entry: { index: 'src/index.ts', reference: 'src/reference.ts' },
    format: ['esm', 'cjs'],
    dts: { compilerOptions: { ignoreDeprecations: '6.0' } },
    target: 'es2022',
    platform: 'neutral',
    clean: true,
    splitting: false,
    treeshake: true,
  },
  {
    // The `overturn` command.
    entry: { cli: 'src/cli/main.ts' },
    format: ['esm'],
    target: 'node20',
    platform: 'node',
    splitting: false,
    treeshake: true,
  },
]);

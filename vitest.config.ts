import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/_helpers/globalSetup.ts'],
    testTimeout: 60_000,
  },
});

import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // The CLI tests run the compiled command, so the build is brought up to date first.
    globalSetup: ['tests/setup/build.ts'],
    testTimeout: 30_000,
  },
});

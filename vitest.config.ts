import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // The CLI tests run the compiled command, so the build is brought up to date first.
    globalSetup: ['tests/setup/build.ts'],
    testTimeout: 30_000,
    // The browser journeys wait on the page (expect.poll): under a loaded CI machine a second is too short.
    expect: { poll: { timeout: 15_000, interval: 50 } },
  },
});

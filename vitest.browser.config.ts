import { defineConfig } from 'vitest/config';

// `npm run test:browser`: the report rendered in headless Chromium (test/browser/), apart from `npm test` because it
// needs Chromium and two benches.
export default defineConfig({
  test: {
    pool: 'forks',
    include: ['test/browser/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 240_000,
  },
});

import { defineConfig } from 'vitest/config';

// `npm run test:package`: the packed tarball installed and run where no compiler is on PATH (test/package/), apart
// from `npm test` because it installs from the registry and runs a quick bench.
export default defineConfig({
  test: {
    pool: 'forks',
    include: ['test/package/**/*.test.ts'],
    testTimeout: 240_000,
    hookTimeout: 240_000,
  },
});

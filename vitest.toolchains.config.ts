import { defineConfig } from 'vitest/config';

// `npm run test:toolchains`: all of native/ compiled with every toolchain the machine has (about a minute), apart
// from `npm test` to keep it short; .ci/run installs the toolchains and runs it.
export default defineConfig({
  test: {
    pool: 'forks',
    include: ['test/toolchains.test.ts'],
    testTimeout: 180_000,
  },
});

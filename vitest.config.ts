import { defineConfig } from 'vitest/config';

// Tests import the built package ('tearlab', through package.json exports), as
// users do: `npm test` compiles first. The forks pool keeps the native addon
// out of vitest's own worker threads.
export default defineConfig({
  test: {
    pool: 'forks',
    include: ['test/**/*.test.ts'],
    // A real browser's tests, the packed package's and the toolchains' run apart: npm run test:browser,
    // test:package and test:toolchains.
    exclude: ['test/browser/**', 'test/package/**', 'test/toolchains.test.ts', '**/node_modules/**'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});

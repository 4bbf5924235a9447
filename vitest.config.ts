import { defineConfig } from 'vitest/config';

// Tests import the built package ('tearlab', through package.json exports), as
// users do: `npm test` compiles first. The forks pool keeps the native addon
// out of vitest's own worker threads.
export default defineConfig({
  test: {
    pool: 'forks',
    include: ['test/**/*.test.ts'],
    // A real browser's tests and the packed package's run apart: npm run test:browser and npm run test:package.
    exclude: ['test/browser/**', 'test/package/**', '**/node_modules/**'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});

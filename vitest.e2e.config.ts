// Browser tests: real Chromium and Firefox with the built extension. Two files at a time: a browser test mostly waits
// (for a page, a worker, a timer), so two share the 2-core machine well. Every file starts its own browsers, servers
// and profiles on ephemeral loopback ports, so files never share state. KEYFOB_E2E_WORKERS=1 runs them one by one.
import { defineConfig } from 'vitest/config';

const workers = Math.max(1, Number.parseInt(process.env.KEYFOB_E2E_WORKERS ?? '2', 10) || 2);

export default defineConfig({
  test: {
    include: ['test/e2e/**/*.test.ts'],
    environment: 'node',
    testTimeout: 90_000,
    hookTimeout: 90_000,
    fileParallelism: workers > 1,
    maxWorkers: workers,
    globalSetup: ['test/e2e/global-setup.ts'],
  },
});

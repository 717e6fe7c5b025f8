// Unit and server tests: pure Node, fast, run in parallel.
import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts', 'test/server/**/*.test.ts'],
    environment: 'node',
    testTimeout: 20_000,
    // Vitest's default is one worker fewer than the cores: a single worker on a 2-core machine, with the second core
    // mostly idle while files wait on child processes, scrypt threads and sockets.
    maxWorkers: availableParallelism(),
  },
});

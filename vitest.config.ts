import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    environment: 'node',
    include: ['tests/**/*.test.ts'],
    // Build suites build a real site once each; browser suites launch Chromium.
    testTimeout: 120_000,
    hookTimeout: 300_000,
    // Suites that build write to their own temp folders, but Astro builds are CPU-heavy: one at a time on 2 cores.
    fileParallelism: false,
  },
});

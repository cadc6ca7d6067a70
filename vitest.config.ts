/// <reference types="vitest/config" />
import { getViteConfig } from 'astro/config';

// Astro's Vite config, so tests can import .astro components (container API).
export default getViteConfig({
  test: {
    environment: 'node',
    include: ['tests/**/*.test.ts'],
    // Build suites build a real site once each; browser suites launch Chromium.
    testTimeout: 120_000,
    hookTimeout: 300_000,
    // Astro builds are CPU-heavy: one suite at a time on 2 cores.
    fileParallelism: false,
  },
});

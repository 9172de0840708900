import { defineConfig } from 'vitest/config';

export const config = defineConfig({
  test: {
    include: ['**/*.test.ts'],
    exclude: ['**/node_modules/**'],
    restoreMocks: true,
    unstubEnvs: true,
    // A safety net, not an assertion: tests advance injected clocks and never sleep.
    testTimeout: 15_000,
    hookTimeout: 15_000,
  },
});

// biome-ignore lint/style/noDefaultExport: vitest loads the config's default export.
export default config;

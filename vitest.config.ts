import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          environment: 'node',
          include: ['{main,preload,renderer,native,assets,platform,shared,scripts,eslint-rules,screens}/**/*.test.ts'],
          testTimeout: 20_000,
        },
      },
      {
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['e2e/**/*.e2e.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          // One Chromium and one core at a time: the machines have two cores.
          fileParallelism: false,
        },
      },
    ],
  },
});

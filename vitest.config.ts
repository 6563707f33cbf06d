import { defineConfig } from 'vitest/config';

/**
 * Test projects split by file suffix:
 * - unit (`*.test.ts`): one module or one subgraph in-process, no ports; fast, run on every change.
 * - integration (`*.integration.test.ts`): the subgraphs composed through the real gateway,
 *   in-process and over HTTP on port 0, and the `pnpm start` process tree.
 * - web (`*.test.ts(x)` under web/src): the web app's component tests in jsdom, configured in
 *   web/vite.config.ts (its own project because it needs the browser environment, the React plugin
 *   and jest-dom, which the server tests must not get). Run with `vitest run --project web`.
 * - e2e (`web/e2e/*.e2e.test.ts`): Debian's Chromium, driven by playwright-core, using the built
 *   web app on the real stack (`pnpm build:web` first). Run with `vitest run --project e2e`.
 */
export default defineConfig({
  resolve: {
    // graphql 16 ships CommonJS (`main`) and ESM (`module`). Node, and so every dependency vitest
    // leaves to Node, loads the CommonJS build; Vite would hand our own code the ESM build, and two
    // copies of graphql in one process reject each other's schemas. One build for all, as in production.
    alias: [{ find: /^graphql$/, replacement: 'graphql/index.js' }],
  },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['{gateway,subgraphs/*,packages/*,tools/*,scripts}/**/*.test.ts'],
          exclude: ['**/node_modules/**', '**/*.integration.test.ts', '**/*.e2e.test.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['**/*.integration.test.ts'],
          exclude: ['**/node_modules/**'],
          // Integration tests start servers and child processes; give them room on a 2-core machine.
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['web/e2e/**/*.e2e.test.ts'],
          exclude: ['**/node_modules/**'],
          // One browser against one stack, step by step: the files run one at a time.
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
      'web/vite.config.ts',
    ],
  },
});

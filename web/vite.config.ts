import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';
import { precompress } from './precompress';

/** The gateway serves GraphQL, the auth endpoints and the JWKS; in development Vite proxies them. */
const GATEWAY = process.env['GATEWAY_URL'] ?? 'http://127.0.0.1:4000';

export default defineConfig({
  // precompress: brotli and gzip copies of the built text files, which the gateway serves as they are.
  plugins: [react(), precompress()],
  server: {
    proxy: {
      '/graphql': GATEWAY,
      '/auth': GATEWAY,
      '/.well-known': GATEWAY,
    },
  },
  // Hidden maps: written for reading an error report's stack trace, never named in the bundle nor
  // served by the gateway.
  build: { outDir: 'dist', sourcemap: 'hidden' },
  // The `web` project of the root vitest.config.ts; `pnpm --filter @carebridge/web test` runs it alone.
  test: {
    name: 'web',
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}'],
    setupFiles: ['./src/test/setup.ts'],
    // As in the root config: one (CommonJS) build of graphql for the tests and for the dependencies
    // Node loads, or GraphQLError from one copy is not an instance of the other's.
    alias: [{ find: /^graphql$/, replacement: 'graphql/index.js' }],
  },
});

import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';

/** Text the gateway serves; images and fonts (png, woff2) are compressed already. */
const COMPRESSIBLE = new Set(['.html', '.js', '.css', '.json', '.svg', '.webmanifest', '.txt']);

/** Below this, a compressed copy saves less than its headers cost. */
const MIN_BYTES = 512;

/** Every file under `dir`, recursively. */
function filesIn(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesIn(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

/**
 * Writes `<file>.br` and `<file>.gz` next to each text file of the build, at the highest levels
 * (done once per build, so the gateway sends them as they are: gateway/src/web.ts). Source maps
 * are left alone: they are not served.
 */
export function precompress(): Plugin {
  let outDir = 'dist';
  return {
    name: 'carebridge-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = config.build.outDir.startsWith('/') ? config.build.outDir : join(config.root, config.build.outDir);
    },
    closeBundle() {
      for (const file of filesIn(outDir)) {
        if (!COMPRESSIBLE.has(extname(file)) || statSync(file).size < MIN_BYTES) continue;
        const bytes = readFileSync(file);
        writeFileSync(
          `${file}.br`,
          brotliCompressSync(bytes, {
            params: {
              [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
              [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
            },
          }),
        );
        writeFileSync(`${file}.gz`, gzipSync(bytes, { level: 9 }));
      }
    },
  };
}

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

/**
 * `pnpm build:services`: compiles every service `pnpm start` runs (the gateway, each subgraph in
 * supergraph.yaml, the EHR sandbox) to JavaScript with esbuild, one bundle per service in its own
 * `dist/index.js` (with a source map), for Node 20; and the LOG_FILE preload to
 * `scripts/dist/log-file-tee.js`. `npm start` and the Docker image run these with `node`;
 * `pnpm dev` and the tests run the TypeScript sources with tsx.
 *
 * Each bundle holds the service's code, the workspace packages and its dependencies, so it needs no
 * node_modules. It sits where its `src/` is (`gateway/dist/`, `subgraphs/patient/dist/`, …): the
 * files a service reads next to its code (`../schema.graphql`, the repository's supergraph.graphql
 * and web/dist) are where they are from `src/`.
 */
import { dirname, resolve } from 'node:path';
import { build, type BuildOptions } from 'esbuild';
import { COMPILED_LOG_TEE, compiledEntry, LOG_TEE, serviceSpecs } from './lib/stack';

const ROOT = resolve(import.meta.dirname, '..');

const COMMON: BuildOptions = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  sourcemap: true,
  // Names stay as written: stack traces, class names in logs (errorClass) and profiles read as the source.
  keepNames: true,
  legalComments: 'none',
  logLevel: 'warning',
  // The CommonJS dependencies (pg, ioredis, …) `require` Node's modules and their own paths.
  banner: {
    js: [
      "import { createRequire as __carebridgeCreateRequire } from 'node:module';",
      "import { fileURLToPath as __carebridgeFileURLToPath } from 'node:url';",
      'const require = __carebridgeCreateRequire(import.meta.url);',
      'const __filename = __carebridgeFileURLToPath(import.meta.url);',
      "const __dirname = __carebridgeFileURLToPath(new URL('.', import.meta.url));",
    ].join('\n'),
  },
  // Optional native and legacy modules that dependencies load only when present, and never here.
  external: ['pg-native', 'encoding', 'bufferutil', 'utf-8-validate'],
};

const started = performance.now();
const { sandbox, subgraphs, gateway } = serviceSpecs();
const entries = [gateway, ...subgraphs, sandbox].map((spec) => ({ name: spec.name, entry: spec.entry }));
await Promise.all([
  ...entries.map(({ entry }) =>
    build({ ...COMMON, entryPoints: [resolve(ROOT, entry)], outfile: resolve(ROOT, compiledEntry(entry)) }),
  ),
  build({
    ...COMMON,
    entryPoints: [resolve(ROOT, LOG_TEE)],
    outfile: resolve(ROOT, COMPILED_LOG_TEE),
  }),
]);
const seconds = ((performance.now() - started) / 1000).toFixed(1);
console.log(
  `Built ${entries.map(({ name, entry }) => `${name} (${dirname(compiledEntry(entry))})`).join(', ')} in ${seconds} s`,
);

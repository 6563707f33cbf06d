/** How the launcher (index.ts) starts a service process, from its source or from its build. */

export interface ServiceSpec {
  name: string;
  entry: string;
  portVariable: string;
  defaultPort: number;
}

/** Where a service's compiled bundle is (scripts/build.ts): `<dir>/src/index.ts` becomes `<dir>/dist/index.js`. */
export function compiledEntry(entry: string): string {
  return entry.replace(/\/src\/index\.ts$/, '/dist/index.js');
}

/** The LOG_FILE preload, and where scripts/build.ts compiles it. */
export const LOG_TEE = 'scripts/log-file-tee.ts';
export const COMPILED_LOG_TEE = 'scripts/dist/log-file-tee.js';

/**
 * V8 flags of a service in production. A young generation of 64 MiB per semi-space (V8's default
 * is 16 on 64-bit) lets a request's short-lived objects die there instead of being promoted and
 * swept. Measured side by side on the gateway under the benchmark's load (two gateways over the
 * same subgraphs, alternating): 32 MiB took 10 to 20 % less CPU per request than the default, 64
 * another 5 to 25 % less than 32; 128 less again, at twice the young generation's memory. deploy/Dockerfile starts the services with the same flags.
 */
export const PRODUCTION_NODE_FLAGS = ['--enable-source-maps', '--max-semi-space-size=64'] as const;

/**
 * How a service process starts: its TypeScript source through tsx (development, tests), or its
 * compiled bundle with plain `node` (`compiled`, what `npm start` and the Docker image run).
 */
export function serviceCommand(
  spec: ServiceSpec,
  options: { compiled: boolean; logFile: boolean; nodeArgs?: readonly string[] },
): string[] {
  const extra = options.nodeArgs ?? [];
  if (options.compiled) {
    const preload = options.logFile ? ['--import', `./${COMPILED_LOG_TEE}`] : [];
    return [...PRODUCTION_NODE_FLAGS, ...extra, ...preload, compiledEntry(spec.entry)];
  }
  const preload = options.logFile ? ['--import', `./${LOG_TEE}`] : [];
  return ['--import', 'tsx', ...extra, ...preload, spec.entry];
}

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
    return ['--enable-source-maps', ...extra, ...preload, compiledEntry(spec.entry)];
  }
  const preload = options.logFile ? ['--import', `./${LOG_TEE}`] : [];
  return ['--import', 'tsx', ...extra, ...preload, spec.entry];
}

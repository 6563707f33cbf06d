import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { CriticalityLevel, diff } from '@graphql-inspector/core';
import { buildSchema } from 'graphql';
import { readSupergraphConfig, ROOT_DIR } from '../../gateway/src/compose';

/**
 * Backward-compatibility check of each subgraph schema against its committed baseline in
 * `contracts/<subgraph>.graphql`. Removals, type changes and anything else graphql-inspector rates
 * BREAKING fail; additions pass. `pnpm schema:accept` makes the current schemas the new baseline.
 */
export const CONTRACTS_DIR = resolve(ROOT_DIR, 'contracts');

export function baselinePath(subgraph: string): string {
  return resolve(CONTRACTS_DIR, `${subgraph}.graphql`);
}

function toSchema(sdl: string) {
  // Federation directives (@key, @link…) are not defined in a subgraph file; skip SDL validation.
  return buildSchema(sdl, { assumeValidSDL: true });
}

/** The breaking changes from `baselineSdl` to `currentSdl`, each as "path: message". */
export async function breakingChanges(baselineSdl: string, currentSdl: string): Promise<string[]> {
  const changes = await diff(toSchema(baselineSdl), toSchema(currentSdl));
  return changes
    .filter((c) => c.criticality.level === CriticalityLevel.Breaking)
    .map((c) => `${c.path ?? ''}: ${c.message}`);
}

/** Every subgraph in supergraph.yaml with its current schema file and its baseline. */
export function subgraphContracts(): { name: string; schemaFile: string; baselineFile: string }[] {
  return readSupergraphConfig().subgraphs.map((s) => ({
    name: s.name,
    schemaFile: s.schemaFile,
    baselineFile: baselinePath(s.name),
  }));
}

export function readText(file: string): string {
  return readFileSync(file, 'utf8');
}

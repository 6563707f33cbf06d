import { dirname, relative } from 'node:path';
import { readSupergraphConfig, ROOT_DIR, SUPERGRAPH_CONFIG } from './compose';

/**
 * The subgraphs as supergraph.yaml lists them: the one list of subgraphs. Whatever else needs them
 * (the launcher, the test harness, codegen, the gateway's URL overrides) derives them from here or
 * from `readSupergraphConfig`, so adding a subgraph is its folder plus its entry in that file.
 */
export interface SubgraphEntry {
  name: string;
  /** As composed into supergraph.graphql: where the gateway calls it unless told otherwise. */
  routingUrl: string;
  /** The port of `routingUrl`: what `pnpm start` gives the subgraph unless `portVariable` says otherwise. */
  defaultPort: number;
  /** The package folder, relative to the repository root: the folder of its schema file. */
  folder: string;
  /** What runs it, relative to the repository root. */
  entry: string;
  /** Sets its port under `pnpm start` (`PATIENT_PORT`). */
  portVariable: string;
  /** Points the gateway at it (`SUBGRAPH_PATIENT_URL`). */
  urlVariable: string;
}

/** A name as it appears in an environment variable: `patient` → `PATIENT`. */
function envName(name: string): string {
  return name.toUpperCase().replace(/[^A-Z0-9]/g, '_');
}

/** The variable that replaces a subgraph's routing URL at the gateway. */
export function subgraphUrlVariable(name: string): string {
  return `SUBGRAPH_${envName(name)}_URL`;
}

/** Every subgraph in supergraph.yaml, in its order. */
export function listSubgraphs(file = SUPERGRAPH_CONFIG): SubgraphEntry[] {
  return readSupergraphConfig(file).subgraphs.map(({ name, routingUrl, schemaFile }) => {
    const url = new URL(routingUrl);
    const folder = relative(ROOT_DIR, dirname(schemaFile));
    return {
      name,
      routingUrl,
      defaultPort: Number(url.port || (url.protocol === 'https:' ? 443 : 80)),
      folder,
      entry: `${folder}/src/index.ts`,
      portVariable: `${envName(name)}_PORT`,
      urlVariable: subgraphUrlVariable(name),
    };
  });
}

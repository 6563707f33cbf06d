import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { parse as parseYaml } from 'yaml';

/** The repository root, where supergraph.yaml and supergraph.graphql live. */
export const ROOT_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const SUPERGRAPH_CONFIG = resolve(ROOT_DIR, 'supergraph.yaml');
export const SUPERGRAPH_SDL = resolve(ROOT_DIR, 'supergraph.graphql');

export interface SubgraphConfig {
  name: string;
  routingUrl: string;
  schemaFile: string;
}

interface RoverConfig {
  federation_version?: string;
  subgraphs?: Record<string, { routing_url?: string; schema?: { file?: string } }>;
}

/** Reads supergraph.yaml (rover's config format). Only `schema.file` sources are supported. */
export function readSupergraphConfig(file = SUPERGRAPH_CONFIG): {
  federationVersion: string;
  subgraphs: SubgraphConfig[];
} {
  const config = parseYaml(readFileSync(file, 'utf8')) as RoverConfig;
  const subgraphs = Object.entries(config.subgraphs ?? {}).map(([name, entry]) => {
    if (!entry.routing_url || !entry.schema?.file) {
      throw new Error(`supergraph.yaml: subgraph "${name}" needs routing_url and schema.file`);
    }
    return { name, routingUrl: entry.routing_url, schemaFile: resolve(dirname(file), entry.schema.file) };
  });
  if (subgraphs.length === 0) throw new Error('supergraph.yaml lists no subgraphs');
  return { federationVersion: config.federation_version ?? '', subgraphs };
}

export class CompositionError extends Error {
  override name = 'CompositionError';
}

/**
 * Composes the subgraphs listed in supergraph.yaml into a supergraph SDL. A composition error
 * throws with every error and hint composition reported, so a broken schema fails loudly.
 */
export function composeSupergraph(file = SUPERGRAPH_CONFIG): { sdl: string; hints: string[] } {
  const { subgraphs } = readSupergraphConfig(file);
  const result = composeServices(
    subgraphs.map((s) => ({ name: s.name, url: s.routingUrl, typeDefs: parse(readFileSync(s.schemaFile, 'utf8')) })),
  );
  const hints = (result.hints ?? []).map((h) => `${h.definition.code}: ${h.message}`);
  if (result.errors) {
    const errors = result.errors.map((e) => `- ${e.message}`).join('\n');
    const hintText = hints.length ? `\nHints:\n${hints.map((h) => `- ${h}`).join('\n')}` : '';
    throw new CompositionError(`Composition failed:\n${errors}${hintText}`);
  }
  return { sdl: result.supergraphSdl, hints };
}

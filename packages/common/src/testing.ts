import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { Kind, parse, print, visit, type DefinitionNode, type FormattedExecutionResult } from 'graphql';
import type { ServiceContext } from './context';
import type { SubgraphService } from './service';

/**
 * Helpers for tests that call a subgraph in-process. Not used by the services themselves.
 */

/**
 * Any subgraph: the service builds its own context, so its context type does not matter here, and
 * `execute<TData>(service, …)` can name the result type without naming the context type too.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnySubgraph = SubgraphService<any>;

/** Runs one operation against a subgraph in-process, with a context built as for an HTTP request. */
export async function execute<TData = Record<string, unknown>>(
  service: AnySubgraph,
  query: string,
  variables: Record<string, unknown> = {},
  headers: IncomingHttpHeaders = {},
): Promise<FormattedExecutionResult<TData>> {
  const contextValue = (await service.createContext({ headers, requestId: randomUUID() })) as ServiceContext;
  const response = await service.server.executeOperation<TData>({ query, variables }, { contextValue });
  if (response.body.kind !== 'single') throw new Error('expected a single result, got an incremental one');
  return response.body.singleResult;
}

/**
 * The SDL a subgraph serves to the gateway (`_service { sdl }`), less what federation adds to
 * every subgraph (its directive and scalar definitions, `_Entity`, `_Service`, `_entities` and
 * `_service`), normalized with `normalizeSdl` so it compares with the schema file.
 */
export async function servedSdl(service: AnySubgraph): Promise<string> {
  const result = await execute<{ _service: { sdl: string } }>(service, '{ _service { sdl } }');
  if (!result.data) throw new Error(`_service query failed: ${JSON.stringify(result.errors)}`);
  const definitions = parse(result.data._service.sdl).definitions.filter((d) => !isFederationMachinery(d));
  return normalizeSdl(print({ kind: Kind.DOCUMENT, definitions: definitions.map(withoutFederationFields) }));
}

const FEDERATION_TYPES = /^(_Any|_Entity|_Service|link__\w+|federation__\w+)$/;

function isFederationMachinery(definition: DefinitionNode): boolean {
  if (definition.kind === Kind.DIRECTIVE_DEFINITION || definition.kind === Kind.SCHEMA_DEFINITION) return true;
  return 'name' in definition && definition.name !== undefined && FEDERATION_TYPES.test(definition.name.value);
}

function withoutFederationFields(definition: DefinitionNode): DefinitionNode {
  if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION || definition.name.value !== 'Query') return definition;
  const fields = definition.fields?.filter((f) => f.name.value !== '_entities' && f.name.value !== '_service');
  return { ...definition, fields };
}

/**
 * Prints SDL in graphql-js's canonical layout with top-level definitions sorted by kind and name,
 * and every description as a plain string, so neither layout nor order nor quoting counts.
 */
export function normalizeSdl(sdl: string): string {
  const key = (d: DefinitionNode): string => `${d.kind}:${'name' in d && d.name ? d.name.value : ''}`;
  const document = visit(parse(sdl), { StringValue: (node) => ({ ...node, block: false }) });
  const definitions = [...document.definitions].sort((a, b) => key(a).localeCompare(key(b)));
  return print({ kind: Kind.DOCUMENT, definitions });
}

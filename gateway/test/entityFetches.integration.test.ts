import type { ApolloServer, BaseContext } from '@apollo/server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startLocalSupergraph, type LocalSupergraph } from '../../scripts/lib/stack/inProcess';

const QUERY = `query ($first: Int) {
  patients(first: $first) {
    nodes {
      id
      organization { name ehrSystem { name } }
      clinicalHistory { allergies }
      ehrSystem { name }
    }
  }
}`;

interface Fetch {
  subgraph: string;
  /** How many representations an `_entities` fetch sent (undefined for a root fetch). */
  representations: number | undefined;
  organizations: number;
}

/**
 * The subgraph fetches one query costs, through the real gateway with the real subgraphs
 * in-process: the number of fetches and the representations each one carries must not grow with
 * the length of the list, beyond one per distinct entity.
 */
describe('entity fetches', () => {
  let graph: LocalSupergraph;
  const fetches: Fetch[] = [];

  beforeAll(async () => {
    graph = await startLocalSupergraph();
    for (const [subgraph, service] of Object.entries(graph.services)) {
      // Each subgraph's context differs; only the requests are read here.
      const server = service.server as unknown as ApolloServer<BaseContext>;
      const execute = server.executeHTTPGraphQLRequest.bind(server);
      vi.spyOn(server, 'executeHTTPGraphQLRequest').mockImplementation((request: Parameters<typeof execute>[0]) => {
        const body = request.httpGraphQLRequest.body as { variables?: Record<string, unknown> };
        // `$representations`, or `$r0`, `$r1`… of entity fetches sent as one request.
        const lists = Object.values(body.variables ?? {}).filter((value) => Array.isArray(value));
        const representations = lists.length > 0 ? (lists.flat() as unknown[]) : undefined;
        fetches.push({
          subgraph,
          representations: representations?.length,
          organizations: (representations ?? []).filter(
            (r) => (r as { __typename?: string }).__typename === 'Organization',
          ).length,
        });
        return execute(request);
      });
    }
  });
  afterAll(async () => {
    vi.restoreAllMocks();
    await graph.stop();
  });

  const run = async (first: number) => {
    fetches.length = 0;
    const result = await graph.query<{
      patients: { nodes: { id: string; organization: { name: string }; ehrSystem: { name: string } | null }[] };
    }>(QUERY, { first });
    expect(result.errors).toBeUndefined();
    return { nodes: result.data!.patients.nodes, fetches: [...fetches] };
  };

  it('sends the same fetches for 10 patients as for 100, one per subgraph, and the ehr subgraph one Organization', async () => {
    const ten = await run(10);
    const hundred = await run(100);
    expect(ten.nodes).toHaveLength(10);
    expect(hundred.nodes).toHaveLength(100);
    const shape = (list: Fetch[]) => list.map((fetch) => fetch.subgraph).sort();
    expect(shape(hundred.fetches)).toEqual(shape(ten.fetches));
    // One request per subgraph: the ehr subgraph's two entity fetches (patients' systems, the organization) go as one.
    expect(shape(hundred.fetches)).toEqual(['clinical', 'ehr', 'patient']);
    // Every patient of the page is one Riverside organization: one representation of it, whatever the page.
    const organizations = hundred.fetches.filter((fetch) => fetch.organizations > 0);
    expect(organizations).toEqual([expect.objectContaining({ subgraph: 'ehr', organizations: 1 })]);
    // Each patient's answer has its organization, shared representation or not.
    for (const node of hundred.nodes) expect(node.organization.name).toBe('Riverside Hospital');
    // No fetch carries more representations than there are distinct patients plus the organization.
    for (const fetch of hundred.fetches) expect(fetch.representations ?? 0).toBeLessThanOrEqual(101);
  });
});

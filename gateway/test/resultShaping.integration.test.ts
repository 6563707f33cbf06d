import apolloShaping from '@apollo/gateway/dist/resultShaping.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalSupergraph, type LocalSupergraph } from '../../scripts/lib/stack/inProcess';
import { computeResponse, shapeCompiled } from '../src/resultShaping';

const QUERY = `query ($first: Int) {
  patients(first: $first) {
    nodes {
      id
      name: firstName
      organization { name ehrSystem { name } }
      clinicalHistory { allergies }
      ehrSystem { name }
      __typename
    }
    pageInfo { hasNextPage }
  }
}`;

/**
 * The real gateway, with the real subgraphs in-process, shapes its responses with the compiled
 * steps (resultShaping.ts): @apollo/gateway's executor reaches them through its module's export.
 */
describe('result shaping in the gateway', () => {
  let graph: LocalSupergraph;
  const shaped: { compiled: boolean }[] = [];

  beforeAll(async () => {
    graph = await startLocalSupergraph();
    // What the executor calls now: the gateway installed the compiled shaping when it was created.
    expect(apolloShaping.computeResponse).toBe(computeResponse);
    apolloShaping.computeResponse = (parameters) => {
      shaped.push({ compiled: shapeCompiled(parameters) !== undefined });
      return computeResponse(parameters);
    };
  });
  afterAll(async () => {
    apolloShaping.computeResponse = computeResponse;
    await graph.stop();
  });

  it('answers a federated query through the compiled steps', async () => {
    const result = await graph.query<{ patients: { nodes: { id: string; __typename: string }[] } }>(QUERY, {
      first: 20,
    });
    expect(result.errors).toBeUndefined();
    expect(result.data!.patients.nodes).toHaveLength(20);
    expect(result.data!.patients.nodes.every((node) => node.__typename === 'Patient')).toBe(true);
    expect(shaped).toEqual([{ compiled: true }]);
  });
});

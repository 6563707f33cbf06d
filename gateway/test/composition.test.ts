import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { composeSupergraph, CompositionError, readSupergraphConfig, SUPERGRAPH_SDL } from '../src/compose';

describe('supergraph composition', () => {
  it('lists the three subgraphs with routing URLs and a pinned federation version', () => {
    const config = readSupergraphConfig();
    expect(config.federationVersion).toMatch(/^=2\.\d+\.\d+$/);
    expect(config.subgraphs.map((s) => [s.name, s.routingUrl])).toEqual([
      ['patient', 'http://localhost:4001/graphql'],
      ['clinical', 'http://localhost:4002/graphql'],
      ['ehr', 'http://localhost:4003/graphql'],
    ]);
  });

  it('matches the committed supergraph.graphql (run `pnpm compose` when this fails)', () => {
    expect(composeSupergraph().sdl).toEqual(readFileSync(SUPERGRAPH_SDL, 'utf8'));
  });

  it('composes without hints, so shared types read the same in every subgraph', () => {
    expect(composeSupergraph().hints).toEqual([]);
  });

  it('fails loudly, naming the problem, when two subgraphs disagree on a field type', () => {
    const dir = mkdtempSync(join(tmpdir(), 'compose-'));
    writeFileSync(
      join(dir, 'a.graphql'),
      'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])\n' +
        'type Query { a: Patient }\ntype Patient @key(fields: "id") { id: ID! age: Int }\n',
    );
    writeFileSync(
      join(dir, 'b.graphql'),
      'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])\n' +
        'type Query { b: Patient }\ntype Patient @key(fields: "id") { id: ID! age: String }\n',
    );
    writeFileSync(
      join(dir, 'supergraph.yaml'),
      'subgraphs:\n' +
        '  a: { routing_url: "http://a/graphql", schema: { file: ./a.graphql } }\n' +
        '  b: { routing_url: "http://b/graphql", schema: { file: ./b.graphql } }\n',
    );
    expect(() => composeSupergraph(join(dir, 'supergraph.yaml'))).toThrow(CompositionError);
    expect(() => composeSupergraph(join(dir, 'supergraph.yaml'))).toThrow(/Patient\.age/);
  });
});

import { readFileSync } from 'node:fs';
import type { Fetcher } from '@apollo/utils.fetcher';
import { createLogger } from '@carebridge/common';
import {
  buildClientSchema,
  getIntrospectionQuery,
  Kind,
  parse,
  type GraphQLSchema,
  type IntrospectionQuery,
  type OperationDefinitionNode,
} from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSigningJwk, keyRingFromJwks, type KeyRing } from '../src/auth/keys';
import { SUPERGRAPH_SDL } from '../src/compose';
import { DEFAULT_LIMITS, measureOperation } from '../src/limits';
import { createGateway, type Gateway } from '../src/server';
import {
  inProcessFetcher,
  RIVERSIDE_CLINICIAN,
  startLocalSupergraph,
  TEST_PASSWORD_PARAMS,
  type LocalSupergraph,
} from '../../scripts/lib/stack/inProcess';

/** The README's patient list, at the largest page the patient subgraph serves. */
const APP_PATIENT_LIST = /* GraphQL */ `
  {
    patients(first: 100) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        firstName
        lastName
        organization {
          name
          ehrSystem {
            name
          }
        }
        clinicalHistory(lang: ES) {
          allergies
          symptoms
        }
        ehrSystem {
          name
          mapping {
            version
            fields {
              source
              target
              endpoint
            }
          }
        }
      }
    }
  }
`;

/** Organization → EHR system → its organizations → …: the schema's cycle, one fragment per turn. */
function depthBomb(turns: number): string {
  const fragments = Array.from(
    { length: turns },
    (_, i) =>
      `fragment Turn${i} on Organization { ehrSystem { organizations { ${i + 1 < turns ? `...Turn${i + 1}` : 'id'} } } }`,
  );
  return `{ organizations { ...Turn0 } }\n${fragments.join('\n')}`;
}

let graph: LocalSupergraph;
let keys: KeyRing;
beforeAll(async () => {
  keys = await keyRingFromJwks([await generateSigningJwk()]);
  graph = await startLocalSupergraph({ keys });
});
afterAll(() => graph.stop());

describe('operation limits (in-process)', () => {
  /** Runs `query` and says how many subgraph requests it made. */
  const run = async (query: string) => {
    const before = graph.subgraphRequests.length;
    const result = await graph.query(query);
    return { result, subgraphCalls: graph.subgraphRequests.length - before };
  };

  it('refuses a depth bomb built from nested fragments without calling any subgraph, then serves the next request', async () => {
    const { result, subgraphCalls } = await run(depthBomb(7));
    expect(result.data).toBeUndefined();
    expect(result.errors?.[0]?.extensions).toMatchObject({
      code: 'OPERATION_LIMIT',
      limit: 'depth',
      value: 16,
      max: 12,
    });
    expect(result.errors?.[0]?.message).toMatch(/depth/);
    expect(subgraphCalls).toBe(0);

    const next = await run('{ organizations { id } }');
    expect(next.result.errors).toBeUndefined();
    expect(next.result.data?.['organizations']).toEqual([{ id: 'org-riverside' }]);
    expect(next.subgraphCalls).toBeGreaterThan(0);
  });

  it('refuses a flood of 200 aliases of organizations', async () => {
    const aliases = Array.from({ length: 200 }, (_, i) => `o${i}: organizations { id }`).join(' ');
    const { result, subgraphCalls } = await run(`{ ${aliases} }`);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'OPERATION_LIMIT', limit: 'aliases', value: 200 });
    expect(subgraphCalls).toBe(0);
  });

  it('refuses a query over the token limit before parsing all of it', async () => {
    const { result, subgraphCalls } = await run(`{ organizations { ${'id '.repeat(2500)}} }`);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'OPERATION_LIMIT', limit: 'tokens', max: 2000 });
    expect(result.errors?.[0]?.message).toMatch(/more than 2000 tokens/);
    expect(subgraphCalls).toBe(0);
  });

  it('refuses too many directives', async () => {
    const fields = Array.from({ length: 25 }, (_, i) => `f${i}: organizations @include(if: true) { id }`).join(' ');
    const { result, subgraphCalls } = await run(`{ ${fields} }`);
    // The aliases would be refused too; with 25 < 30 aliases, the directives are what is over.
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'OPERATION_LIMIT', limit: 'directives', value: 25 });
    expect(subgraphCalls).toBe(0);
  });

  it('refuses a cost bomb of nested lists under a 100-patient page', async () => {
    const { result, subgraphCalls } = await run(/* GraphQL */ `
      {
        patients(first: 100) {
          nodes {
            questionnaireResponses {
              answers {
                linkId
                item {
                  options {
                    code
                  }
                }
              }
            }
          }
        }
      }
    `);
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'OPERATION_LIMIT', limit: 'cost', max: 10_000 });
    expect(result.errors?.[0]?.extensions?.['value']).toBeGreaterThan(10_000);
    expect(subgraphCalls).toBe(0);
  });

  it('lets the app’s real patient list through at 100 patients, across all three subgraphs', async () => {
    const { result } = await run(APP_PATIENT_LIST);
    expect(result.errors).toBeUndefined();
    const patients = result.data?.['patients'] as { nodes: { ehrSystem: { mapping: { fields: unknown[] } } }[] };
    expect(patients.nodes.length).toBeGreaterThan(20);
    expect(patients.nodes[0]?.ehrSystem.mapping.fields.length).toBeGreaterThan(0);
  });

  it('reads the page size from a variable when `first` is one', async () => {
    const query =
      'query ($n: Int) { patients(first: $n) { nodes { questionnaireResponses { answers { linkId valueCodes } } } } }';
    const small = await graph.query(query, { n: 5 });
    expect(small.errors).toBeUndefined();
    const large = await graph.query(query, { n: 100 });
    expect(large.errors?.[0]?.extensions).toMatchObject({ code: 'OPERATION_LIMIT', limit: 'cost' });
  });
});

describe('measuring an operation', () => {
  let schema: GraphQLSchema;
  beforeAll(async () => {
    // The API schema the limits plugin measures against, as the gateway serves it (development
    // mode answers introspection).
    const result = await graph.query<IntrospectionQuery>(getIntrospectionQuery());
    schema = buildClientSchema(result.data!);
  });
  const measure = (query: string, variables: Record<string, unknown> = {}) => {
    const document = parse(query);
    const operation = document.definitions.find(
      (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
    )!;
    return measureOperation(schema, document, operation, variables, DEFAULT_LIMITS.defaultListSize);
  };

  it('costs the README patient list at first: 100 at 2,602: the page sizes its nodes, unsized lists count 20', () => {
    // patients 1 + pageInfo 1 + 100 × (patient 1 + organization 2 + clinicalHistory 1 + ehrSystem 1 + mapping 1 + 20 fields)
    expect(measure(APP_PATIENT_LIST)).toEqual({ depth: 6, aliases: 0, directives: 0, cost: 2 + 100 * 26 });
  });

  it('measures fragments that spread each other twice per level without expanding them', () => {
    // 40 levels of two spreads each would be 2^40 selections if expanded naively.
    const levels = 40;
    const fragments = Array.from({ length: levels }, (_, i) =>
      i === 0
        ? 'fragment L0 on Organization { id }'
        : `fragment L${i} on Organization { a: ehrSystem { organizations { ...L${i - 1} } } b: ehrSystem { organizations { ...L${i - 1} } } }`,
    );
    const started = performance.now();
    const measured = measure(`{ organizations { ...L${levels - 1} } }\n${fragments.join('\n')}`);
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(measured.depth).toBe(1 + 2 * (levels - 1) + 1);
    expect(measured.aliases).toBe(2 ** levels - 2);
    expect(measured.cost).toBeGreaterThan(DEFAULT_LIMITS.maxCost);
  });

  it('treats a fragment cycle as empty instead of recursing forever', () => {
    const measured = measure(
      '{ organizations { ...A } } fragment A on Organization { ehrSystem { organizations { ...B } } } fragment B on Organization { ...A }',
    );
    expect(measured.depth).toBe(3);
  });
});

/** What a subgraph's resolver might throw: an internal message with a patient's details in it. */
const PHI_MESSAGE = 'decrypt failed for Jane Q. Testpatient, DOB 1961-04-12, MRN 55-0192 at /srv/patient/store.ts';
const SUBGRAPH_STACK = [
  `Error: ${PHI_MESSAGE}`,
  '    at decryptRecord (/srv/patient/src/data/store.ts:42:11)',
  '    at Query.patient (/srv/patient/src/resolvers/Query.ts:17:5)',
];

describe('error masking (in-process)', () => {
  /** A gateway whose patient subgraph answers `patientAnswer`; the others are the real ones. */
  const gatewayWith = async (patientAnswer: Fetcher) => {
    const lines: Record<string, unknown>[] = [];
    const logger = createLogger('gateway', {}, (line) => lines.push(JSON.parse(line) as Record<string, unknown>));
    const gateway: Gateway = await createGateway({
      supergraphSdl: readFileSync(SUPERGRAPH_SDL, 'utf8'),
      fetchers: {
        patient: patientAnswer,
        clinical: inProcessFetcher(graph.services.clinical),
        ehr: inProcessFetcher(graph.services.ehr),
      },
      keys,
      passwordParams: TEST_PASSWORD_PARAMS,
      logger,
    });
    await gateway.server.start();
    const run = async (query: string, requestId: string, variables: Record<string, unknown> = {}) => {
      const contextValue = await gateway.context(
        { authorization: `Bearer ${await graph.tokenFor(RIVERSIDE_CLINICIAN)}` },
        requestId,
      );
      const response = await gateway.server.executeOperation({ query, variables }, { contextValue });
      if (response.body.kind !== 'single') throw new Error('expected a single result');
      return response.body.singleResult;
    };
    return { gateway, lines, run };
  };

  it('answers a subgraph error with an internal message, PHI and a stack trace as INTERNAL_SERVER_ERROR with the request id only, and logs the detail', async () => {
    const throwing: Fetcher = () =>
      Promise.resolve(
        new Response(
          JSON.stringify({
            data: { patient: null },
            errors: [
              {
                message: PHI_MESSAGE,
                path: ['patient'],
                extensions: { code: 'INTERNAL_SERVER_ERROR', stacktrace: SUBGRAPH_STACK },
              },
            ],
          }),
          { status: 200, headers: { 'content-type': 'application/json' } },
        ),
      );
    const { gateway, lines, run } = await gatewayWith(throwing);
    try {
      const result = await run(
        'query ($id: ID!) { patient(id: $id) { id firstName } organizations { id } }',
        'req-phi-1',
        { id: 'pt-00001' },
      );
      // The other subgraph's data still arrives.
      expect(result.data).toEqual({ patient: null, organizations: [{ id: 'org-riverside' }] });
      expect(result.errors).toEqual([
        {
          message: 'Internal error. Quote request id req-phi-1 to support.',
          path: ['patient'],
          extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: 'req-phi-1' },
        },
      ]);
      const sent = JSON.stringify(result);
      for (const secret of ['Jane', '1961', 'MRN', 'decrypt', 'store.ts', 'stacktrace', 'serviceName'])
        expect(sent).not.toContain(secret);

      const logged = lines.filter((line) => line['event'] === 'graphql.error');
      expect(logged).toHaveLength(1);
      expect(logged[0]).toMatchObject({
        level: 'error',
        requestId: 'req-phi-1',
        code: 'INTERNAL_SERVER_ERROR',
        message: PHI_MESSAGE,
        path: 'patient',
        // The line is the gateway's; the subgraph the error came from is named apart.
        service: 'gateway',
        subgraph: 'patient',
      });
      expect(logged[0]?.['stack']).toContain('/srv/patient/src/data/store.ts:42:11');
      // Variables (here a patient id; in general PHI) are never logged.
      expect(JSON.stringify(lines)).not.toContain('pt-00001');
    } finally {
      await gateway.server.stop();
    }
  });

  it('masks an error the gateway itself raises, such as a subgraph answering a malformed entity list', async () => {
    const lines: Record<string, unknown>[] = [];
    const clinicalBroken = await createGateway({
      supergraphSdl: readFileSync(SUPERGRAPH_SDL, 'utf8'),
      fetchers: {
        patient: inProcessFetcher(graph.services.patient),
        // Answers `_entities` one short: the gateway throws its own internal error.
        clinical: () =>
          Promise.resolve(
            new Response(JSON.stringify({ data: { _entities: [] } }), {
              headers: { 'content-type': 'application/json' },
            }),
          ),
        ehr: inProcessFetcher(graph.services.ehr),
      },
      keys,
      passwordParams: TEST_PASSWORD_PARAMS,
      logger: createLogger('gateway', {}, (line) => lines.push(JSON.parse(line) as Record<string, unknown>)),
    });
    try {
      const contextValue = await clinicalBroken.context(
        { authorization: `Bearer ${await graph.tokenFor(RIVERSIDE_CLINICIAN)}` },
        'req-internal-2',
      );
      const response = await clinicalBroken.server.executeOperation(
        { query: '{ patient(id: "pt-00001") { id clinicalHistory { allergies } } }' },
        { contextValue },
      );
      const result = response.body.kind === 'single' ? response.body.singleResult : undefined;
      expect(result?.errors?.[0]).toMatchObject({
        message: 'Internal error. Quote request id req-internal-2 to support.',
        extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: 'req-internal-2' },
      });
      expect(JSON.stringify(result)).not.toContain('_entities');
      expect(lines.find((line) => line['requestId'] === 'req-internal-2')?.['message']).toMatch(/_entities/);
    } finally {
      await clinicalBroken.server.stop();
    }
  });

  describe('a subgraph that answers an HTTP error', () => {
    const answering =
      (status: number, body: unknown, contentType = 'application/json'): Fetcher =>
      () =>
        Promise.resolve(
          new Response(typeof body === 'string' ? body : JSON.stringify(body), {
            status,
            headers: { 'content-type': contentType },
          }),
        );
    const QUERY = 'query ($id: ID!) { patient(id: $id) { id } organizations { id } }';
    const refusal = (code: string, message = 'Date must be a calendar date written YYYY-MM-DD') => ({
      errors: [{ message, locations: [{ line: 1, column: 30 }], extensions: { code } }],
    });
    const run = async (fetcher: Fetcher, requestId: string) => {
      const { gateway, run: query } = await gatewayWith(fetcher);
      try {
        return await query(QUERY, requestId, { id: 'pt-00001' });
      } finally {
        await gateway.server.stop();
      }
    };

    it.each([
      ['400', 400, 'BAD_USER_INPUT'],
      ['400 (a literal its validation refused)', 400, 'GRAPHQL_VALIDATION_FAILED'],
      ['422', 422, 'BAD_USER_INPUT'],
    ])(
      'passes a %s refusal on as BAD_USER_INPUT at the field, with the other subgraphs’ data',
      async (_name, status, code) => {
        const result = await run(answering(status, refusal(code)), 'req-refused');
        expect(result.data).toEqual({ patient: null, organizations: [{ id: 'org-riverside' }] });
        expect(result.errors).toEqual([
          {
            message: 'Date must be a calendar date written YYYY-MM-DD',
            path: ['patient'],
            extensions: { code: 'BAD_USER_INPUT' },
          },
        ]);
      },
    );

    it('masks a 500 that carries GraphQL errors as an internal error with the request id', async () => {
      const result = await run(answering(500, refusal('INTERNAL_SERVER_ERROR', PHI_MESSAGE)), 'req-500');
      expect(result.errors).toEqual([
        {
          message: 'Internal error. Quote request id req-500 to support.',
          path: ['patient'],
          extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: 'req-500' },
        },
      ]);
    });

    it('masks a refusal with a code about the gateway’s own request, such as BAD_REQUEST', async () => {
      const result = await run(answering(400, refusal('BAD_REQUEST', 'Operation batching disabled.')), 'req-400');
      expect(result.errors?.[0]?.extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR', requestId: 'req-400' });
    });

    it.each([
      ['a 503 with a GraphQL body', answering(503, refusal('BAD_USER_INPUT'))],
      ['a 502 without one', answering(502, '<html>Bad gateway</html>', 'text/html')],
      ['a 400 without one', answering(400, 'Bad request', 'text/plain')],
      ['a 500 whose errors are not GraphQL errors', answering(500, { errors: ['boom'] })],
    ])('keeps SUBGRAPH_UNAVAILABLE for %s', async (_name, fetcher) => {
      const result = await run(fetcher, 'req-down');
      expect(result.errors).toEqual([
        {
          message: 'The patient service is unavailable.',
          path: ['patient'],
          extensions: { code: 'SUBGRAPH_UNAVAILABLE' },
        },
      ]);
    });
  });

  it('passes a client-facing subgraph error on with its message and code, without the subgraph’s name', async () => {
    const result = await graph.query('{ patient(id: "pt-00004") { id } }');
    expect(result.errors).toEqual([
      {
        message: expect.stringMatching(/another organization/),
        path: ['patient'],
        extensions: { code: 'FORBIDDEN' },
      },
    ]);
  });

  it('does not repeat a rejected variable value (possibly PHI) in the error message', async () => {
    const result = await graph.query('mutation ($input: PatientInput!) { createPatient(input: $input) { id } }', {
      input: { firstName: 'Jane', lastName: 1961, gender: 'FEMALE', dateOfBirth: '1961-04-12' },
    });
    expect(result.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.message).toBe(
      'Variable "$input" has an invalid value at "input.lastName": String cannot represent a non string value.',
    );
    expect(JSON.stringify(result)).not.toMatch(/Jane|1961/);
  });
});

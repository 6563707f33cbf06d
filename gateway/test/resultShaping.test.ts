import { buildSchema, operationFromDocument, type Operation } from '@apollo/federation-internals';
import apolloShaping from '@apollo/gateway/dist/resultShaping.js';
import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { computeResponse, shapeCompiled } from '../src/resultShaping';

// @apollo/gateway's own, whatever the gateway under test installed.
const apollo = apolloShaping.computeResponse;

const schema = buildSchema(`
  type Query {
    patients(first: Int): [Patient!]!
    patient(id: ID!): Patient
    node(id: ID!): Node
    search: [SearchResult]
    count: Int
    ratio: Float
    ready: Boolean
    at: DateTime
  }
  scalar DateTime
  enum Sex { FEMALE MALE UNKNOWN }
  interface Node { id: ID! }
  type Patient implements Node {
    id: ID!
    name: String
    sex: Sex!
    tags: [String!]
    organization: Organization!
    contacts: [Patient]
    meta: DateTime
    age: Int
  }
  type Organization implements Node { id: ID! name: String! }
  union SearchResult = Patient | Organization
`);

const operation = (query: string): Operation => operationFromDocument(schema, parse(query), { validate: true });

const OPERATIONS: Record<string, Operation> = {
  list: operation(`query ($first: Int) {
    patients(first: $first) { id name sex tags age organization { id name __typename } }
  }`),
  aliases: operation(`{
    first: patient(id: "1") { key: id who: name kind: __typename org: organization { id } }
    second: patient(id: "2") { id sex }
  }`),
  abstract: operation(`{
    node(id: "1") { __typename id ... on Patient { name contacts { id name } } ... on Organization { name } }
    search { ... on Patient { id sex } ... on Organization { id name } ...Named }
  }
  fragment Named on Patient { name meta }`),
  conditions: operation(`query ($withName: Boolean!, $skipTags: Boolean = false) {
    patients {
      id
      name @include(if: $withName)
      tags @skip(if: $skipTags)
      age @skip(if: true)
      ... on Patient @include(if: $withName) { sex }
    }
  }`),
  merged: operation(`{
    patient(id: "1") { id organization { id } ... on Patient { organization { name } name } name }
    count ratio ready at
  }`),
};

function shape(name: string, input: Record<string, unknown> | null, variables: Record<string, unknown> = {}) {
  const parameters = { operation: OPERATIONS[name]!, variables, input, introspectionHandling: () => null };
  return { ours: computeResponse(parameters), theirs: apollo(parameters), compiled: shapeCompiled(parameters) };
}

/** The two answers as clients would read them: data in key order, and the errors' JSON. */
const wire = (result: ReturnType<typeof apollo>) =>
  JSON.stringify({ data: result.data, errors: result.errors.map((e) => e.toJSON()) });

const patient = (id: string, extra: Record<string, unknown> = {}) => ({
  __typename: 'Patient',
  id,
  name: `Name ${id}`,
  sex: 'FEMALE',
  tags: ['a', 'b'],
  age: 41,
  organization: { __typename: 'Organization', id: 'org-1', name: 'Riverside' },
  // Fields the plan fetched only to join: left out of the response.
  _key: 'x',
  ...extra,
});

describe('compiled result shaping', () => {
  it('answers what @apollo/gateway answers, in the same key order, for correct subgraph answers', () => {
    const cases: [string, Record<string, unknown>, Record<string, unknown>?][] = [
      ['list', { patients: [patient('1'), patient('2', { name: null, tags: null, age: null })] }],
      ['list', { patients: [] }],
      ['aliases', { first: { key: '1', who: 'Ann', kind: 'Patient', org: { id: 'o' } }, second: null }],
      [
        'abstract',
        {
          node: { __typename: 'Patient', id: '1', name: 'Ann', contacts: [null, { id: '2', name: null }] },
          search: [
            { __typename: 'Organization', id: 'o', name: 'Riverside' },
            { __typename: 'Patient', id: '1', sex: 'MALE', name: 'Bo', meta: { any: ['json'] } },
            null,
          ],
        },
      ],
      ['abstract', { node: { __typename: 'Organization', id: 'o', name: 'Lakeside' }, search: null }],
      ['conditions', { patients: [patient('1')] }, { withName: true }],
      ['conditions', { patients: [patient('1')] }, { withName: false, skipTags: true }],
      [
        'merged',
        {
          patient: { id: '1', organization: { id: 'o', name: 'R' }, name: 'Ann' },
          count: 3,
          ratio: 0.5,
          ready: false,
          at: '2026-12-04T00:00:00Z',
        },
      ],
    ];
    for (const [name, input, variables] of cases) {
      const { ours, theirs, compiled } = shape(name, input, variables);
      expect(compiled, name).toBeDefined();
      expect(wire(ours), name).toBe(wire(theirs));
      expect(ours.errors).toEqual([]);
    }
  });

  it('hands every answer with a shaping error to @apollo/gateway, which reports it', () => {
    const cases: [string, Record<string, unknown>, Record<string, unknown>?][] = [
      // A null for a non-null field nulls the nearest nullable parent, with an error.
      ['list', { patients: [patient('1', { sex: null })] }],
      ['list', { patients: [patient('1', { organization: null })] }],
      ['list', { patients: null }],
      // An enum value or a scalar of the wrong kind.
      ['list', { patients: [patient('1', { sex: 'OTHER' })] }],
      ['list', { patients: [patient('1', { age: 'forty' })] }],
      ['list', { patients: [patient('1', { age: 1.5 })] }],
      // A __typename the schema does not have.
      ['abstract', { node: { __typename: 'Nope', id: '1' }, search: [] }],
    ];
    for (const [name, input, variables] of cases) {
      const { ours, theirs, compiled } = shape(name, input, variables);
      expect(compiled, name).toBeUndefined();
      expect(wire(ours), name).toBe(wire(theirs));
      expect(ours.errors.length, name).toBeGreaterThan(0);
    }
  });

  it('hands an operation with introspection to @apollo/gateway', () => {
    const introspective = operation('{ __schema { queryType { name } } count }');
    const parameters = {
      operation: introspective,
      input: { count: 1 },
      introspectionHandling: () => ({ queryType: { name: 'Query' } }),
    };
    expect(shapeCompiled(parameters)).toBeUndefined();
    expect(wire(computeResponse(parameters))).toBe(wire(apollo(parameters)));
  });

  it('agrees with @apollo/gateway on a thousand random answers, nulls, wrong values and extra fields included', () => {
    let seed = 7;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)]!;
    const maybe = <T>(value: () => T): T | null | undefined =>
      random() < 0.08 ? null : random() < 0.02 ? undefined : value();
    const randomPatient = (depth: number): Record<string, unknown> => ({
      __typename: random() < 0.97 ? 'Patient' : pick(['Organization', 'Nope', undefined]),
      id: maybe(() => String(Math.floor(random() * 100))),
      name: maybe(() => pick(['Ann', 'Bo', 7])),
      sex: maybe(() => pick(['FEMALE', 'MALE', 'UNKNOWN', 'OTHER'])),
      // JSON has no undefined in a list: an element is a value or null.
      tags: maybe(() => Array.from({ length: Math.floor(random() * 3) }, () => maybe(() => pick(['x', 'y'])) ?? null)),
      age: maybe(() => pick([1, 40, 2.5, '3'])),
      meta: maybe(() => ({ any: random() })),
      organization: maybe(() => ({ __typename: 'Organization', id: 'o', name: maybe(() => 'R') })),
      contacts: depth > 0 ? maybe(() => [maybe(() => randomPatient(depth - 1)) ?? null]) : null,
      key: 'k',
      who: maybe(() => 'W'),
      kind: 'Patient',
      org: maybe(() => ({ id: 'o' })),
      extra: 'dropped',
    });
    const inputs: Record<string, () => Record<string, unknown>> = {
      list: () => ({ patients: Array.from({ length: Math.floor(random() * 4) }, () => randomPatient(1)) }),
      aliases: () => ({ first: maybe(() => randomPatient(0)), second: maybe(() => randomPatient(0)) }),
      abstract: () => ({
        node: maybe(() => (random() < 0.5 ? randomPatient(1) : { __typename: 'Organization', id: 'o', name: 'R' })),
        search: maybe(() => [
          maybe(() => randomPatient(0)) ?? null,
          { __typename: 'Organization', id: 'o', name: 'N' },
        ]),
      }),
      conditions: () => ({ patients: [randomPatient(0)] }),
      merged: () => ({
        patient: maybe(() => randomPatient(0)),
        count: maybe(() => pick([1, 1.5])),
        ratio: maybe(() => pick([0.5, 2, 'x'])),
        ready: maybe(() => pick([true, 'yes'])),
        at: maybe(() => 'now'),
      }),
    };
    let compiledAnswers = 0;
    for (let i = 0; i < 1000; i++) {
      const name = pick(Object.keys(inputs));
      const variables = { withName: random() < 0.5, skipTags: random() < 0.5 };
      const { ours, theirs, compiled } = shape(name, inputs[name]!(), variables);
      expect(wire(ours)).toBe(wire(theirs));
      if (compiled !== undefined) {
        compiledAnswers++;
        expect(wire(compiled)).toBe(wire(theirs));
      }
    }
    // Both ways were taken: most answers compiled, the faulty ones through @apollo/gateway.
    expect(compiledAnswers).toBeGreaterThan(100);
    expect(compiledAnswers).toBeLessThan(1000);
  });
});

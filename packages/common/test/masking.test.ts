import { buildSchema, graphql, parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { clientMessage, valueFreeMessage } from '../src/masking';
import { DateScalar } from '../src/scalars';

/** What an adversary (or a careless client) puts where a value goes: PHI, in every form. */
const PHI = 'JANE-DOE-SSN-123-45-6789';
const PHI_NAME = 'JANE_DOE_SSN_123_45_6789';

const schema = buildSchema(/* GraphQL */ `
  scalar Date
  enum Gender {
    FEMALE
    MALE
  }
  input PersonInput {
    name: String!
    gender: Gender!
    born: Date
    age: Int
    tags: [String!]
    nested: PersonInput
  }
  type Query {
    person(id: ID, input: PersonInput, first: Int, ratio: Float, flag: Boolean): String
  }
`);
Object.assign(schema.getType('Date')!, {
  parseValue: DateScalar.parseValue.bind(DateScalar),
  parseLiteral: DateScalar.parseLiteral.bind(DateScalar),
});

/** The messages graphql-js itself gives for `query` and its `variables`: validation first, then coercion. */
async function messages(query: string, variables?: Record<string, unknown>): Promise<string[]> {
  const invalid = validate(schema, parse(query));
  if (invalid.length > 0) return invalid.map((error) => error.message);
  const result = await graphql({ schema, source: query, variableValues: variables ?? {} });
  return (result.errors ?? []).map((error) => error.message);
}

const VARIABLE = 'query ($input: PersonInput) { person(input: $input) }';
const valid = { name: 'Ann', gender: 'FEMALE' };

describe('valueFreeMessage over graphql-js’s own messages', () => {
  const cases: [string, string, Record<string, unknown> | undefined][] = [
    ['an enum variable', VARIABLE, { input: { ...valid, gender: PHI } }],
    ['an enum variable that is not a string', VARIABLE, { input: { ...valid, gender: { ssn: PHI } } }],
    ['a custom scalar variable', VARIABLE, { input: { ...valid, born: PHI } }],
    ['a String variable', VARIABLE, { input: { ...valid, name: { ssn: PHI } } }],
    ['an Int variable', VARIABLE, { input: { ...valid, age: PHI } }],
    ['a list item', VARIABLE, { input: { ...valid, tags: ['ok', { ssn: PHI }] } }],
    ['a nested input', VARIABLE, { input: { ...valid, nested: { ...valid, gender: PHI } } }],
    ['an unknown input field', VARIABLE, { input: { ...valid, [PHI]: 1 } }],
    ['an input object that is not one', VARIABLE, { input: PHI }],
    ['an ID variable', 'query ($id: ID) { person(id: $id) }', { id: { ssn: PHI } }],
    ['a Float variable', 'query ($r: Float) { person(ratio: $r) }', { r: PHI }],
    ['a Boolean variable', 'query ($f: Boolean) { person(flag: $f) }', { f: PHI }],
    ['a value with "; " and quotes in it', VARIABLE, { input: { ...valid, gender: `${PHI}; at "input.name"; x` } }],
    ['an enum literal', `{ person(input: { name: "Ann", gender: ${PHI_NAME} }) }`, undefined],
    ['a string literal as an enum', `{ person(input: { name: "Ann", gender: "${PHI}" }) }`, undefined],
    ['a string literal as an Int', `{ person(first: "${PHI}") }`, undefined],
    ['a string literal as a Float', `{ person(ratio: "${PHI}") }`, undefined],
    ['a string literal as a Boolean', `{ person(flag: "${PHI}") }`, undefined],
    ['an object literal as an ID', `{ person(id: { ssn: "${PHI}" }) }`, undefined],
    ['an unknown literal input field', `{ person(input: { name: "Ann", gender: FEMALE, ${PHI_NAME}: 1 }) }`, undefined],
    ['a list literal as an input object', `{ person(input: ["${PHI}"]) }`, undefined],
    [
      'an enum literal in a variable default',
      `query ($input: PersonInput = { name: "Ann", gender: ${PHI_NAME} }) { person(input: $input) }`,
      undefined,
    ],
  ];

  it.each(cases)('repeats nothing of %s', async (_name, query, variables) => {
    const raw = await messages(query, variables);
    expect(raw.length).toBeGreaterThan(0);
    // graphql-js does repeat it: the case tests something.
    expect(raw.join('\n')).toMatch(/JANE/);
    for (const message of raw) {
      const rewritten = valueFreeMessage(message);
      expect(rewritten).not.toMatch(/JANE|DOE|SSN|123|6789/);
      // A value-free message stays as it is.
      expect(valueFreeMessage(rewritten)).toBe(rewritten);
    }
  });

  it('gives a custom scalar’s own message, which holds no value, for a literal', async () => {
    const [date] = await messages(`{ person(input: { name: "Ann", gender: FEMALE, born: "${PHI}" }) }`);
    expect(valueFreeMessage(date!)).toBe('Date must be a calendar date written YYYY-MM-DD');
  });

  it('names the variable, the path and the expected type', async () => {
    const [enumValue] = await messages(VARIABLE, { input: { ...valid, gender: PHI } });
    expect(valueFreeMessage(enumValue!)).toBe(
      'Variable "$input" has an invalid value at "input.gender": Value does not exist in "Gender" enum.',
    );
    const [date] = await messages(VARIABLE, { input: { ...valid, born: PHI } });
    expect(valueFreeMessage(date!)).toBe(
      'Variable "$input" has an invalid value at "input.born": Date must be a calendar date written YYYY-MM-DD',
    );
    const [item] = await messages(VARIABLE, { input: { ...valid, tags: ['ok', 7] } });
    expect(valueFreeMessage(item!)).toBe(
      'Variable "$input" has an invalid value at "input.tags[1]": String cannot represent a non string value.',
    );
    const [unknown] = await messages(VARIABLE, { input: { ...valid, ssn: PHI } });
    expect(valueFreeMessage(unknown!)).toBe(
      'Variable "$input" has an invalid value: Field is not defined by type "PersonInput".',
    );
    const [literal] = await messages(`{ person(input: { name: "Ann", gender: ${PHI_NAME} }) }`);
    expect(valueFreeMessage(literal!)).toBe('Value does not exist in "Gender" enum.');
    const [wrongType] = await messages(`{ person(input: ["${PHI}"]) }`);
    expect(valueFreeMessage(wrongType!)).toBe('Expected value of type "PersonInput".');
  });

  it('keeps messages that hold no value, and drops suggestions in production', async () => {
    const missing = await messages(VARIABLE, { input: { gender: 'FEMALE' } });
    expect(missing.map(valueFreeMessage)).toEqual([
      'Variable "$input" has an invalid value: Field "name" of required type "String!" was not provided.',
    ]);
    expect(valueFreeMessage('Cannot query field "firstNam" on type "Patient". Did you mean "firstName"?')).toBe(
      'Cannot query field "firstNam" on type "Patient". Did you mean "firstName"?',
    );
    expect(clientMessage('Cannot query field "firstNam" on type "Patient". Did you mean "firstName"?', true)).toBe(
      'Cannot query field "firstNam" on type "Patient".',
    );
    expect(valueFreeMessage('Invalid input. first: must be from 1 to 100')).toBe(
      'Invalid input. first: must be from 1 to 100',
    );
  });

  it('leaves the reason out when it is not one graphql-js gives', () => {
    expect(valueFreeMessage(`Variable "$input" got invalid value "${PHI}"; something ${PHI}`)).toBe(
      'Variable "$input" has an invalid value.',
    );
  });
});

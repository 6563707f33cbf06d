import { describe, expect, it } from 'vitest';
import { breakingChanges, readText, subgraphContracts } from '../lib/contracts';

const BASE = `
  type Query { patient(id: ID!): Patient }
  type Patient @key(fields: "id") { id: ID! name: String! age: Int }
`;

describe('schema compatibility check', () => {
  it.each(subgraphContracts())(
    '$name schema keeps every field of its baseline (run `pnpm schema:accept` for an intended break)',
    async ({ schemaFile, baselineFile }) => {
      expect(await breakingChanges(readText(baselineFile), readText(schemaFile))).toEqual([]);
    },
  );

  it('lets an added field and an added type through', async () => {
    const added = BASE.replace('age: Int', 'age: Int email: String') + 'type Provider { id: ID! }';
    expect(await breakingChanges(BASE, added)).toEqual([]);
  });

  it('flags a removed field', async () => {
    expect(await breakingChanges(BASE, BASE.replace('age: Int', ''))).toEqual([
      "Patient.age: Field 'age' was removed from object type 'Patient'",
    ]);
  });

  it('flags a changed field type', async () => {
    expect(await breakingChanges(BASE, BASE.replace('age: Int', 'age: String'))).toEqual([
      "Patient.age: Field 'Patient.age' changed type from 'Int' to 'String'",
    ]);
  });

  it('flags a new required argument', async () => {
    const changed = BASE.replace('patient(id: ID!)', 'patient(id: ID!, organizationId: ID!)');
    expect(await breakingChanges(BASE, changed)).toHaveLength(1);
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { startInProcessStack, type InProcessStack } from '../../scripts/lib/stack/inProcess';

const MAPPING =
  '{ ehrSystem(id: "ehr-athena") { mapping { version fields { source target endpoint transform { kind dateFormat codes { from to } } } } } }';
const PUBLISH = `mutation ($f: [FieldMappingInput!]!, $expected: Int) {
  publishEhrMapping(ehrSystemId: "ehr-athena", input: { fields: $f }, expectedVersion: $expected) { version } }`;
const ROLLBACK = `mutation ($v: Int!, $expected: Int) {
  rollbackEhrMapping(ehrSystemId: "ehr-athena", version: $v, expectedVersion: $expected) { version } }`;

/** The errors of a refused call, as the gateway passed them on (`stack.graphql` throws them as JSON). */
async function refusal(call: Promise<unknown>): Promise<{ message: string; extensions: Record<string, unknown> }[]> {
  const error = await call.then(
    () => {
      throw new Error('expected the call to be refused');
    },
    (e: unknown) => e as Error,
  );
  return JSON.parse(error.message.replace(/^GraphQL errors: /, '')) as never;
}

describe('mapping version conflicts through the gateway', () => {
  let stack: InProcessStack | undefined;
  afterEach(async () => {
    await stack?.stop();
    stack = undefined;
  });

  it('refuses a publication or a rollback from a stale version with VERSION_CONFLICT and its versions', async () => {
    stack = await startInProcessStack();
    const admin = await stack.login('admin@lakeside.test');
    const { ehrSystem } = await stack.graphql(admin, MAPPING);
    const { version, fields } = ehrSystem.mapping as { version: number; fields: { source: string }[] };
    const trimmed = fields.filter((f) => f.source !== 'email');

    const first = await stack.graphql(admin, PUBLISH, { f: trimmed, expected: version });
    expect(first.publishEhrMapping.version).toBe(version + 1);

    const stale = await refusal(stack.graphql(admin, PUBLISH, { f: fields, expected: version }));
    expect(stale).toEqual([
      {
        message: expect.stringContaining(`the current version is ${version + 1}`),
        path: ['publishEhrMapping'],
        extensions: {
          code: 'VERSION_CONFLICT',
          typename: 'EhrMapping',
          id: 'ehr-athena',
          expectedVersion: version,
          currentVersion: version + 1,
        },
      },
    ]);
    const rollback = await refusal(stack.graphql(admin, ROLLBACK, { v: version, expected: version }));
    expect(rollback[0]?.extensions).toMatchObject({ code: 'VERSION_CONFLICT', currentVersion: version + 1 });

    const after = await stack.graphql(admin, MAPPING);
    expect(after.ehrSystem.mapping.version).toBe(version + 1);
    // Omitted, as before: published whatever the current version.
    expect((await stack.graphql(admin, PUBLISH, { f: fields })).publishEhrMapping.version).toBe(version + 2);
  });
});

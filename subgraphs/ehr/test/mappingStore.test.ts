import { afterAll, describe, expect, it } from 'vitest';
import type { FieldMappingRecord } from '../src/data/records';
import { SEED, storageBackends } from './storage.fixtures';

/** The MappingStore contract, on both backends (see `storage.fixtures.ts`). */

const { backends, openOn, schema, drop } = storageBackends('ehrmap');
afterAll(() => drop());

const platformV1 = SEED.systems.find((s) => s.id === 'ehr-athena')!.mappings[0]!;
const fewer: FieldMappingRecord[] = platformV1.fields.filter((f) => f.source !== 'email');
const meta = (publishedBy = 'user-a', restoredFrom: number | null = null) => ({
  publishedBy,
  note: null,
  restoredFrom,
});
const versions = (records: { version: number }[]) => records.map((r) => r.version);
const conflict = (currentVersion: number): unknown =>
  expect.objectContaining({ extensions: expect.objectContaining({ code: 'VERSION_CONFLICT', currentVersion }) });

describe.each(backends)('the mapping store ($name)', (backend) => {
  it('answers the platform line until an organization publishes, then its own line, a copy numbering on', async () => {
    const { a, b, close } = await backend.pair();
    try {
      expect(await a.mappings.current('ehr-athena', 'org-riverside')).toEqual(platformV1);
      expect(await a.mappings.history('ehr-athena', 'org-riverside')).toEqual([platformV1]);
      const v2 = await a.mappings.publish('ehr-athena', 'org-riverside', fewer, {
        publishedBy: 'user-a',
        note: 'No email',
        restoredFrom: null,
      });
      expect(v2).toMatchObject({
        version: 2,
        publishedBy: 'user-a',
        note: 'No email',
        restoredFrom: null,
        fields: fewer,
      });
      // Another replica reads what one published.
      expect(await b.mappings.current('ehr-athena', 'org-riverside')).toEqual(v2);
      expect(await b.mappings.history('ehr-athena', 'org-riverside')).toEqual([v2, platformV1]);
      expect(await b.mappings.version('ehr-athena', 'org-riverside', 1)).toEqual(platformV1);
      expect(await b.mappings.version('ehr-athena', 'org-riverside', 2)).toEqual(v2);
      expect(await b.mappings.version('ehr-athena', 'org-riverside', 3)).toBeUndefined();
      // Other organizations, and the other system, are untouched.
      expect(await b.mappings.current('ehr-athena', 'org-hillcrest')).toEqual(platformV1);
      expect(versions(await b.mappings.history('ehr-allscripts', 'org-riverside'))).toEqual([1]);
    } finally {
      await close();
    }
  });

  it('publishes with an expected version only while it is current, and rolls back as a new version', async () => {
    const { a, b, close } = await backend.pair();
    try {
      expect((await a.mappings.publish('ehr-athena', 'org-a', fewer, meta(), 1)).version).toBe(2);
      await expect(b.mappings.publish('ehr-athena', 'org-a', fewer, meta(), 1)).rejects.toThrow(conflict(2));
      await expect(b.mappings.publish('ehr-athena', 'org-b', fewer, meta(), 5)).rejects.toThrow(conflict(1));
      expect(versions(await a.mappings.history('ehr-athena', 'org-a'))).toEqual([2, 1]);
      expect(versions(await a.mappings.history('ehr-athena', 'org-b'))).toEqual([1]);
      const rollback = await b.mappings.publish('ehr-athena', 'org-a', platformV1.fields, meta('user-b', 1), 2);
      expect(rollback).toMatchObject({ version: 3, restoredFrom: 1, fields: platformV1.fields });
      expect((await a.mappings.publish('ehr-athena', 'org-a', fewer, meta())).version).toBe(4);
    } finally {
      await close();
    }
  });

  it('keeps a published version as it was when the caller changes the fields it submitted', async () => {
    const { a, close } = await backend.pair();
    try {
      const fields = fewer.map((f) => ({ ...f }));
      await a.mappings.publish('ehr-athena', 'org-a', fields, meta());
      fields[0]!.target = 'CHANGED';
      expect((await a.mappings.version('ehr-athena', 'org-a', 2))?.fields).toEqual(fewer);
    } finally {
      await close();
    }
  });

  it('refuses an unknown system', async () => {
    const { a, close } = await backend.pair();
    try {
      await expect(a.mappings.publish('ehr-nope', 'org-a', fewer, meta())).rejects.toThrow(
        'unknown EHR system ehr-nope',
      );
      await expect(a.mappings.current('ehr-nope', 'org-a')).rejects.toThrow('EHR system ehr-nope has no mapping');
      expect(await a.mappings.history('ehr-nope', 'org-a')).toEqual([]);
    } finally {
      await close();
    }
  });

  it('lets exactly one of two publications from the same version through, on any replica', async () => {
    const { a, b, close } = await backend.pair();
    try {
      for (let round = 0; round < 5; round++) {
        const org = `org-race-${round}`;
        // Round 0 races the organization's first publication (the copy of the platform line too).
        const expected = round === 0 ? 1 : (await a.mappings.publish('ehr-athena', org, fewer, meta())).version;
        const results = await Promise.allSettled([
          a.mappings.publish('ehr-athena', org, fewer, meta('user-a'), expected),
          b.mappings.publish('ehr-athena', org, fewer, meta('user-b'), expected),
        ]);
        const won = results.filter((r) => r.status === 'fulfilled');
        const lost = results.filter((r) => r.status === 'rejected');
        expect([won.length, lost.length]).toEqual([1, 1]);
        expect((lost[0] as PromiseRejectedResult).reason).toEqual(conflict(expected + 1));
        expect(versions(await b.mappings.history('ehr-athena', org))[0]).toBe(expected + 1);
      }
      // Without an expected version both go in, one after the other.
      const both = await Promise.all([
        a.mappings.publish('ehr-athena', 'org-free', fewer, meta()),
        b.mappings.publish('ehr-athena', 'org-free', fewer, meta()),
      ]);
      expect(versions(both).sort()).toEqual([2, 3]);
      expect(versions(await a.mappings.history('ehr-athena', 'org-free'))).toEqual([3, 2, 1]);
    } finally {
      await close();
    }
  });
});

describe('the mapping store on PostgreSQL across restarts', () => {
  it('keeps every version of every line', async () => {
    const name = schema('restart');
    const first = await openOn(name);
    const v2 = await first.mappings.publish('ehr-athena', 'org-riverside', fewer, meta(), 1);
    const v3 = await first.mappings.publish('ehr-athena', 'org-riverside', platformV1.fields, meta('user-a', 1), 2);
    await first.close();
    const again = await openOn(name);
    try {
      expect(await again.mappings.history('ehr-athena', 'org-riverside')).toEqual([v3, v2, platformV1]);
      expect(await again.mappings.current('ehr-athena', 'org-hillcrest')).toEqual(platformV1);
      await expect(again.mappings.publish('ehr-athena', 'org-riverside', fewer, meta(), 2)).rejects.toThrow(
        conflict(3),
      );
    } finally {
      await again.close();
    }
  });
});

import type { Viewer } from '@carebridge/common';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EhrSystemDirectory, type EhrSystemListing } from '../src/auth/ehrSystems';
import { EHR_SYSTEMS_READER, EHR_SYSTEMS_TOKEN_SECONDS, graphEhrSystems, graphOperation } from '../src/auth/graph';
import type { TokenIssuer } from '../src/auth/tokens';
import {
  CREATE_EHR_SYSTEM,
  newEhrSystemInput,
  RIVERSIDE_ADMIN,
  SEEDED_EHR_SYSTEMS as SEEDED,
} from './support/ehrSystems';
import { startLocalSupergraph, type LocalSupergraph } from '../../scripts/lib/stack/inProcess';

/** The seeded systems as the graph answers them to the directory: shared. */
const SEEDED_LISTED: EhrSystemListing[] = SEEDED.map((s) => ({ ...s, shared: true }));

/** A source whose answers the test decides, counting the reads. */
function fakeSource() {
  const source = {
    reads: 0,
    answers: [] as (EhrSystemListing[] | Error)[],
    pending: [] as (() => void)[],
    gate: false,
    read: async (): Promise<EhrSystemListing[]> => {
      source.reads += 1;
      if (source.gate) await new Promise<void>((resolve) => source.pending.push(resolve));
      const answer = source.answers.shift() ?? SEEDED_LISTED;
      if (answer instanceof Error) throw answer;
      return answer;
    },
  };
  return source;
}

describe('the EHR system directory (the cache of GET /auth/ehr-systems)', () => {
  it('serves the list from memory for 60 s, then reads the graph again', async () => {
    let now = 1_000_000;
    const source = fakeSource();
    const directory = new EhrSystemDirectory(source.read, { now: () => now });
    expect(await directory.list()).toEqual(SEEDED);
    now += 59_999;
    source.answers.push([...SEEDED_LISTED, { id: 'ehr-cerner', name: 'Cerner', shared: true }]);
    expect([await directory.list(), source.reads]).toEqual([SEEDED, 1]);
    now += 1;
    expect((await directory.list())?.map((s) => s.name)).toEqual([
      'Allscripts',
      'Athena',
      'Cerner',
      'FHIR R4 (Harbor EHR)',
    ]);
    expect(source.reads).toBe(2);
  });

  it('lets callers that arrive during a read share it', async () => {
    const source = fakeSource();
    source.gate = true;
    const directory = new EhrSystemDirectory(source.read);
    const callers = Array.from({ length: 50 }, () => directory.list());
    await Promise.resolve();
    source.pending.forEach((release) => release());
    expect(new Set(await Promise.all(callers)).size).toBe(1);
    expect(source.reads).toBe(1);
  });

  it('keeps only ids and names, ordered by name', async () => {
    const source = fakeSource();
    const extra = { id: 'ehr-zeta', name: 'Zeta', shared: true, baseUrl: 'https://internal.example', secret: 'x' };
    source.answers.push([extra, { id: 'ehr-alpha', name: 'Alpha', shared: true }] as EhrSystemListing[]);
    expect(await new EhrSystemDirectory(source.read).list()).toEqual([
      { id: 'ehr-alpha', name: 'Alpha' },
      { id: 'ehr-zeta', name: 'Zeta' },
    ]);
  });

  it('lists only shared systems: an organization’s own is never offered at sign-up', async () => {
    const source = fakeSource();
    source.answers.push([...SEEDED_LISTED, { id: 'ehr-athena-2', name: 'Athenа', shared: false }]);
    expect(await new EhrSystemDirectory(source.read).list()).toEqual(SEEDED);
  });

  it('after a failure leaves the graph alone for 5 s, then tries again, and keeps serving a list it had', async () => {
    let now = 0;
    const source = fakeSource();
    const directory = new EhrSystemDirectory(source.read, { now: () => now, ttlMs: 60_000, failureBackoffMs: 5_000 });
    source.answers.push(new Error('ehr down'));
    expect(await directory.list()).toBeUndefined();
    now += 2_000;
    expect([await directory.list(), directory.retryAfterSeconds(), source.reads]).toEqual([undefined, 3, 1]);
    now += 3_000;
    expect(await directory.list()).toEqual(SEEDED);
    now += 60_000;
    source.answers.push(new Error('ehr down again'));
    expect([await directory.list(), await directory.list(), source.reads]).toEqual([SEEDED, SEEDED, 3]);
  });
});

describe('reading the EHR systems through the graph (in-process)', () => {
  let graph: LocalSupergraph;
  const minted: string[] = [];
  let read: () => Promise<EhrSystemListing[]>;

  beforeAll(async () => {
    graph = await startLocalSupergraph();
    const { gateway } = graph;
    const tokens: TokenIssuer = {
      ...gateway.tokens,
      accessToken: async (...args) => {
        const token = await gateway.tokens.accessToken(...args);
        minted.push(token);
        return token;
      },
    };
    read = graphEhrSystems(graphOperation(gateway.server, gateway.verify), tokens);
  });
  afterAll(() => graph.stop());

  it('answers the shared EHR systems by name, and not one an organization created with createEhrSystem', async () => {
    expect(await read()).toEqual(SEEDED_LISTED);
    const created = await graph.query(CREATE_EHR_SYSTEM, { input: newEhrSystemInput('Apex EHR') }, RIVERSIDE_ADMIN);
    expect(created.errors).toBeUndefined();
    // Riverside's own: the ehr subgraph does not answer it to an organization that is not Riverside.
    expect(await read()).toEqual(SEEDED_LISTED);
  });

  it('asks with a short-lived CLINICIAN token of an organization that does not exist, which can do nothing else', async () => {
    minted.length = 0;
    await read();
    await read();
    expect(minted).toHaveLength(2);
    const [first, second] = minted.map((token) => decodeJwt(token));
    expect(decodeProtectedHeader(minted[0]!).typ).toBe('at+jwt');
    expect(first).toMatchObject({ sub: EHR_SYSTEMS_READER, role: 'CLINICIAN' });
    expect(first!.exp! - first!.iat!).toBe(EHR_SYSTEMS_TOKEN_SECONDS);
    // A fresh organization id every time: no organization has it, so no tenant's data is visible.
    expect(first!['org']).toMatch(/^org-[0-9a-f-]{36}$/);
    expect(first!['org']).not.toBe(second!['org']);

    const reader: Viewer = {
      kind: 'staff',
      userId: EHR_SYSTEMS_READER,
      organizationId: first!['org'] as string,
      role: 'CLINICIAN',
    };
    const tenantData = await graph.query('{ organizations { id } patients(first: 5) { totalCount } }', {}, reader);
    expect(tenantData.data).toEqual({ organizations: [], patients: { totalCount: 0 } });
    const codes = async (query: string, variables: Record<string, unknown>) =>
      (await graph.query(query, variables, reader)).errors?.map((e) => e.extensions?.['code']);
    expect(await codes(CREATE_EHR_SYSTEM, { input: newEhrSystemInput('Sneaky') })).toEqual(['FORBIDDEN']);
    expect(
      await codes('mutation ($input: RegisterOrganizationInput!) { registerOrganization(input: $input) { id } }', {
        input: { name: 'Squatter', kind: 'CLINIC', ehrSystemId: 'ehr-athena' },
      }),
    ).toEqual(['FORBIDDEN']);
  });
});

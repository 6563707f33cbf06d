import { createTokenVerifier, type StaffViewer } from '@carebridge/common';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { describe, expect, it } from 'vitest';
import type { Operation } from '../src/auth/graph';
import { intakeLinks } from '../src/auth/intake';
import { InMemoryIntakeLinkStore, intakeLinkIdHash } from '../src/auth/intakeLinks';
import { generateSigningJwk, keyRingFromJwks } from '../src/auth/keys';
import { createTokenIssuer, INTAKE_LINK_SECONDS, INTAKE_SESSION_SECONDS } from '../src/auth/tokens';

const CLINICIAN: StaffViewer = { kind: 'staff', userId: 'u-1', organizationId: 'org-riverside', role: 'CLINICIAN' };
const TARGET = { patientId: 'pt-00001', questionnaireId: 'qn-intake-v1' };
const T0 = 1_800_000_000_000;

/**
 * The service over a fake graph: the patient and questionnaire exist, the clinic is named, and a
 * link has answered once its token's `jti` is in `answered`. `deleted` makes the graph answer
 * NOT_FOUND, as the clinical subgraph does for a deleted patient's link.
 */
async function setup() {
  const keys = await keyRingFromJwks([await generateSigningJwk()]);
  const options = { issuer: 'carebridge-gateway', audience: 'carebridge-graph' };
  const tokens = createTokenIssuer({ keys, ...options });
  const verify = createTokenVerifier({ jwks: keys.jwks, ...options });
  const store = new InMemoryIntakeLinkStore();
  const answered = new Set<string>();
  const clock = { now: T0 };
  const graph = { deleted: false, asked: [] as Record<string, unknown>[] };
  const run: Operation = (query, variables) => {
    graph.asked.push(variables);
    if (query.includes('IntakeTarget')) {
      return Promise.resolve({
        data: {
          patient: { id: variables['patientId'] },
          questionnaire: { id: variables['questionnaireId'], status: 'ACTIVE' },
          organization: { name: 'Riverside Clinic' },
        },
      });
    }
    return Promise.resolve({ data: { intakeLinkUsed: false } });
  };
  const service = intakeLinks({
    run: async (query, variables, token) => {
      if (query.includes('IntakeLinkState')) {
        if (graph.deleted) return { data: null, errors: [{ message: 'gone', extensions: { code: 'NOT_FOUND' } }] };
        return { data: { intakeLinkUsed: answered.has(decodeJwt(token).jti!) } };
      }
      return run(query, variables, token);
    },
    tokens,
    verify,
    store,
    now: () => clock.now,
  });
  const create = async () => (await service.create(CLINICIAN, 'staff-token', TARGET)).body as Record<string, string>;
  const open = async (link: string) => (await service.open({ link })).body as Record<string, string>;
  return { service, store, tokens, verify, answered, clock, graph, create, open };
}

describe('short intake links', () => {
  it('are a 22-character random id whose hash alone is stored, with no token handed out', async () => {
    const { create, store, graph } = await setup();
    const created = await create();
    expect(created).toEqual({
      id: expect.stringMatching(/^[\w-]{22}$/),
      path: `/intake/${created['id']}`,
      expiresAt: new Date(T0 + INTAKE_LINK_SECONDS * 1000).toISOString(),
    });
    expect(graph.asked[0]).toEqual({ ...TARGET, organizationId: 'org-riverside' });
    expect(await store.intakeLink(created['id']!)).toBeUndefined();
    expect(await store.intakeLink(intakeLinkIdHash(created['id']!))).toMatchObject({
      ...TARGET,
      organizationId: 'org-riverside',
      organizationName: 'Riverside Clinic',
    });
  });

  it('open with an intake token of at most an hour, for the link’s patient, with the clinic’s name', async () => {
    const { create, open, verify } = await setup();
    const opened = await open((await create())['id']!);
    expect(opened).toEqual({
      status: 'VALID',
      token: expect.any(String),
      tokenExpiresAt: new Date(T0 + INTAKE_SESSION_SECONDS * 1000).toISOString(),
      expiresAt: new Date(T0 + INTAKE_LINK_SECONDS * 1000).toISOString(),
      ...TARGET,
      organizationName: 'Riverside Clinic',
    });
    expect(decodeProtectedHeader(opened['token']!).typ).toBe('intake+jwt');
    expect(await verify(opened['token']!)).toMatchObject({
      ok: true,
      viewer: { kind: 'intake', ...TARGET, organizationId: 'org-riverside' },
    });
  });

  it('give every token of one link the same link id, so the link answers once however often it opens', async () => {
    const { create, open, store } = await setup();
    const id = (await create())['id']!;
    const jtis = [decodeJwt((await open(id))['token']!).jti, decodeJwt((await open(id))['token']!).jti];
    const { linkId } = (await store.intakeLink(intakeLinkIdHash(id)))!;
    expect(jtis).toEqual([linkId, linkId]);
  });

  it('say USED once the link has answered, and EXPIRED after 72 hours or once the patient is deleted', async () => {
    const { create, open, store, answered, clock, graph } = await setup();
    const id = (await create())['id']!;
    const other = (await create())['id']!;
    answered.add((await store.intakeLink(intakeLinkIdHash(id)))!.linkId);
    expect(await open(id)).toEqual({ status: 'USED' });
    graph.deleted = true;
    expect(await open(other)).toEqual({ status: 'EXPIRED' });
    graph.deleted = false;
    clock.now = T0 + INTAKE_LINK_SECONDS * 1000 - 30_000;
    // The token lives no longer than the link.
    expect((await open(other))['tokenExpiresAt']).toBe(new Date(T0 + INTAKE_LINK_SECONDS * 1000).toISOString());
    clock.now = T0 + INTAKE_LINK_SECONDS * 1000;
    expect(await open(other)).toEqual({ status: 'EXPIRED' });
  });

  it('say INVALID for an unknown id and for anything that is not a link', async () => {
    const { open, service } = await setup();
    expect(await open('AAAAAAAAAAAAAAAAAAAAAA')).toEqual({ status: 'INVALID' });
    expect(await open('not a link')).toEqual({ status: 'INVALID' });
    expect((await service.open({})).status).toBe(400);
  });
});

describe('long intake links (the token in the URL)', () => {
  it('keep opening until they expire, as they were', async () => {
    const { tokens, open } = await setup();
    const token = await tokens.intakeToken({ ...TARGET, organizationId: 'org-riverside' });
    expect(await open(token)).toMatchObject({ status: 'VALID', token, ...TARGET, organizationName: null });
    expect(await open(await tokens.intakeToken({ ...TARGET, organizationId: 'org-riverside' }, -10))).toEqual({
      status: 'EXPIRED',
    });
  });

  it('say INVALID, not EXPIRED, when tampered with, and for a staff token', async () => {
    const { tokens, open } = await setup();
    const token = await tokens.intakeToken({ ...TARGET, organizationId: 'org-riverside' });
    const [header, payload, signature] = token.split('.') as [string, string, string];
    const flipped = `${signature.slice(0, 10)}${signature[10] === 'A' ? 'B' : 'A'}${signature.slice(11)}`;
    expect(await open(`${header}.${payload}.${flipped}`)).toEqual({ status: 'INVALID' });
    const forged = Buffer.from(JSON.stringify({ ...decodeJwt(token), sub: 'pt-00004' })).toString('base64url');
    expect(await open(`${header}.${forged}.${signature}`)).toEqual({ status: 'INVALID' });
    const staffToken = await tokens.accessToken({ id: 'u-1', organizationId: 'org-riverside', role: 'CLINICIAN' });
    expect(await open(staffToken)).toEqual({ status: 'INVALID' });
  });
});

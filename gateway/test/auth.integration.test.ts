import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importJWK, SignJWT, type JWK, type JWTPayload } from 'jose';
import type { RunningService } from '@carebridge/common';
import { createTestAuth } from '@carebridge/common/testing';
import { generateSigningJwk, keyRingFromJwks } from '../src/auth/keys';
import { DEMO_PASSWORD } from '../src/auth/demo';
import { startLocalSupergraph, type LocalSupergraph } from '../../scripts/lib/stack/inProcess';

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/**
 * Sign-up, log-in and access control through the real gateway over HTTP, with the real subgraphs
 * in-process behind it.
 */
describe('access control across the graph', () => {
  let graph: LocalSupergraph;
  let http: RunningService;
  let jwk: JWK;
  const base = () => http.url.replace('/graphql', '');

  beforeAll(async () => {
    jwk = await generateSigningJwk();
    graph = await startLocalSupergraph({ keys: await keyRingFromJwks([jwk]), demoUsers: true, secureCookies: false });
    http = await graph.serve();
  });
  afterAll(async () => {
    await http.close();
    await graph.stop();
  });

  const post = async (path: string, body: unknown, headers: Record<string, string> = {}) => {
    const response = await fetch(`${base()}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
    return { status: response.status, headers: response.headers, body: (await response.json()) as Record<string, any> };
  };
  const login = async (email: string) => {
    const result = await post('/auth/login', { email, password: DEMO_PASSWORD });
    expect(result.status).toBe(200);
    return result.body['accessToken'] as string;
  };
  const graphql = (
    query: string,
    token?: string,
    variables: Record<string, unknown> = {},
    headers: Record<string, string> = {},
  ) => post('/graphql', { query, variables }, { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers });

  /** A token like the gateway's, with the given header and claims changed. */
  const craft = async (header: Record<string, unknown>, claims: JWTPayload, key: JWK = jwk) => {
    const now = Math.floor(Date.now() / 1000);
    const payload = {
      iss: 'carebridge-gateway',
      aud: 'carebridge-graph',
      sub: 'u1',
      org: 'org-riverside',
      role: 'ADMIN',
      iat: now,
      exp: now + 300,
      jti: 'j1',
      ...claims,
    };
    for (const [k, v] of Object.entries(payload)) if (v === undefined) delete payload[k as keyof typeof payload];
    return new SignJWT(payload)
      .setProtectedHeader({ alg: 'ES256', kid: key.kid!, typ: 'at+jwt', ...header })
      .sign(await importJWK(key, 'ES256'));
  };

  const badTokens = async (): Promise<Record<string, string>> => {
    const good = await craft({}, {});
    const [h, p, s] = good.split('.') as [string, string, string];
    const now = Math.floor(Date.now() / 1000);
    const foreign = await generateSigningJwk();
    const publicJwk = JSON.stringify({ kty: jwk.kty, crv: jwk.crv, x: jwk.x, y: jwk.y });
    const hsHeader = b64({ alg: 'HS256', kid: jwk.kid, typ: 'at+jwt' });
    const hsBody = b64(JSON.parse(Buffer.from(p, 'base64url').toString()));
    return {
      'alg none': `${b64({ alg: 'none', typ: 'at+jwt' })}.${p}.`,
      'HS256 signed with the public key': `${hsHeader}.${hsBody}.${createHmac('sha256', publicJwk).update(`${hsHeader}.${hsBody}`).digest('base64url')}`,
      'no exp': await craft({}, { exp: undefined }),
      expired: await craft({}, { exp: now - 120, iat: now - 1000 }),
      'nbf in the future': await craft({}, { nbf: now + 600 }),
      'wrong issuer': await craft({}, { iss: 'someone-else' }),
      'wrong audience': await craft({}, { aud: 'another-api' }),
      'wrong typ': await craft({ typ: 'refresh+jwt' }, {}),
      'tampered payload': `${h}.${b64({ ...JSON.parse(Buffer.from(p, 'base64url').toString()), org: 'org-lakeside' })}.${s}`,
      'unknown kid': await craft({ kid: 'no-such-key' }, {}),
      'signed by a key not in the JWKS': await craft({ kid: jwk.kid }, {}, { ...foreign, kid: jwk.kid }),
    };
  };

  it('accepts a well-formed token signed by its key (the control for the bad ones)', async () => {
    const result = await graphql('{ organizations { id } }', await craft({}, {}));
    expect(result.body).toEqual({ data: { organizations: [{ id: 'org-riverside' }] } });
  });

  it('refuses every bad token with 401 and a clear message, without calling any subgraph', async () => {
    const before = graph.subgraphRequests.length;
    const results: Record<string, [number, string]> = {};
    for (const [name, token] of Object.entries({ none: '', ...(await badTokens()) })) {
      const result = await graphql('{ patients(first: 1) { totalCount } }', token || undefined);
      results[name] = [result.status, result.body['errors']?.[0]?.extensions?.code];
    }
    expect(
      Object.values(results).every(([status, code]) => status === 401 && code === 'UNAUTHENTICATED'),
      JSON.stringify(results),
    ).toBe(true);
    expect(graph.subgraphRequests.length).toBe(before);
  });

  it('has every subgraph refuse every bad token when called directly', async () => {
    const tokens = { none: '', ...(await badTokens()) };
    for (const service of Object.values(graph.services)) {
      for (const [name, token] of Object.entries(tokens)) {
        const headers = token ? { authorization: `Bearer ${token}` } : {};
        await expect(
          service.createContext({ headers, requestId: 'r' }),
          `${service.name}: ${name}`,
        ).rejects.toMatchObject({
          extensions: { code: 'UNAUTHENTICATED' },
        });
      }
    }
  });

  it('has every subgraph refuse a token signed by a key the gateway does not publish', async () => {
    const stranger = await createTestAuth();
    const headers = await stranger.headers({
      kind: 'staff',
      userId: 'u',
      organizationId: 'org-riverside',
      role: 'ADMIN',
    });
    for (const service of Object.values(graph.services)) {
      await expect(service.createContext({ headers, requestId: 'r' })).rejects.toMatchObject({
        extensions: { code: 'UNAUTHENTICATED' },
      });
    }
  });

  it('ignores spoofed identity headers and never forwards them to a subgraph', async () => {
    const token = await login('clinician@riverside.test');
    const spoof = {
      'x-organization-id': 'org-lakeside',
      'x-user-id': 'admin',
      'x-role': 'ADMIN',
      'x-viewer': '{"role":"ADMIN"}',
    };
    const before = graph.subgraphRequests.length;
    const result = await graphql(
      '{ organizations { id } patients(first: 100) { nodes { organization { id } } } }',
      token,
      {},
      spoof,
    );
    const orgs = new Set(
      (result.body['data'].patients.nodes as { organization: { id: string } }[]).map((n) => n.organization.id),
    );
    expect([result.body['data'].organizations, [...orgs]]).toEqual([[{ id: 'org-riverside' }], ['org-riverside']]);
    const forwarded = graph.subgraphRequests.slice(before).flatMap((h) => Object.keys(h).map((k) => k.toLowerCase()));
    expect(forwarded.filter((k) => k.startsWith('x-') && k !== 'x-request-id')).toEqual([]);
  });

  it('denies another organization’s patient by id and under an alias, keeping one’s own', async () => {
    const token = await login('clinician@riverside.test');
    const result = await graphql(
      '{ mine: patient(id: "pt-00001") { id ehrSystem { name } } theirs: patient(id: "pt-00004") { id firstName clinicalHistory { allergies } } }',
      token,
    );
    expect(result.body['data']).toEqual({ mine: { id: 'pt-00001', ehrSystem: { name: 'Athena' } }, theirs: null });
    expect(
      result.body['errors'].map((e: { path: string[]; extensions: { code: string } }) => [e.path, e.extensions.code]),
    ).toEqual([[['theirs'], 'FORBIDDEN']]);
  });

  it('lets an ADMIN and not a CLINICIAN invite people and switch the EHR system', async () => {
    const admin = await login('admin@lakeside.test');
    const clinician = await login('clinician@lakeside.test');
    const invite = async (token: string) =>
      (await post('/auth/invites', { role: 'CLINICIAN' }, { authorization: `Bearer ${token}` })).status;
    const SWITCH = 'mutation { setOrganizationEhrSystem(ehrSystemId: "ehr-allscripts") { id } }';
    expect([await invite(admin), await invite(clinician)]).toEqual([201, 403]);
    expect((await graphql(SWITCH, clinician)).body['errors'][0].extensions.code).toBe('FORBIDDEN');
    expect((await graphql(SWITCH, admin)).body['data']).toEqual({ setOrganizationEhrSystem: { id: 'org-lakeside' } });
  });

  it('signs up a new clinic on its chosen EHR, and a colleague joins it with an invite', async () => {
    const password = 'a long enough password';
    const signup = await post('/auth/signup', {
      email: 'founder@pinecrest.test',
      password,
      name: 'Pat Founder',
      organization: { name: 'Pinecrest Pediatrics', kind: 'CLINIC', ehrSystemId: 'ehr-allscripts' },
    });
    expect(signup.status).toBe(201);
    const founder = (await post('/auth/login', { email: 'founder@pinecrest.test', password })).body[
      'accessToken'
    ] as string;
    const orgs = await graphql('{ organizations { name ehrSystem { name } } patients { totalCount } }', founder);
    expect(orgs.body['data']).toEqual({
      organizations: [{ name: 'Pinecrest Pediatrics', ehrSystem: { name: 'Allscripts' } }],
      patients: { totalCount: 0 },
    });
    const code = (await post('/auth/invites', { role: 'CLINICIAN' }, { authorization: `Bearer ${founder}` })).body[
      'code'
    ] as string;
    expect(
      (await post('/auth/signup', { email: 'nurse@pinecrest.test', password, name: 'Nia Nurse', inviteCode: code }))
        .status,
    ).toBe(201);
    const nurse = (await post('/auth/login', { email: 'nurse@pinecrest.test', password })).body[
      'accessToken'
    ] as string;
    expect((await graphql('{ organizations { name } }', nurse)).body['data']).toEqual({
      organizations: [{ name: 'Pinecrest Pediatrics' }],
    });
  });

  it('signs up with an invite alike for a registered and a new email, using up both invites', async () => {
    const admin = await login('admin@riverside.test');
    const invite = async () =>
      (await post('/auth/invites', { role: 'CLINICIAN' }, { authorization: `Bearer ${admin}` })).body['code'] as string;
    const [first, second] = [await invite(), await invite()];
    const password = 'a long enough password';
    const registered = await post('/auth/signup', {
      email: 'clinician@riverside.test',
      password,
      name: 'Someone',
      inviteCode: first,
    });
    const fresh = await post('/auth/signup', {
      email: 'newcomer@riverside.test',
      password,
      name: 'Someone',
      inviteCode: second,
    });
    expect([registered.status, registered.body]).toEqual([fresh.status, fresh.body]);
    expect(registered.status).toBe(201);
    const reuse = (inviteCode: string) =>
      post('/auth/signup', {
        email: `later.${inviteCode.slice(0, 6)}@riverside.test`,
        password,
        name: 'Later',
        inviteCode,
      });
    const reused = [await reuse(first), await reuse(second)];
    expect(reused.map((r) => [r.status, r.body['code'] as unknown])).toEqual([
      [400, 'BAD_USER_INPUT'],
      [400, 'BAD_USER_INPUT'],
    ]);
    expect(reused[0]!.body).toEqual(reused[1]!.body);
    // The registered account still signs in with its own password, not the one sent.
    await login('clinician@riverside.test');
    expect((await post('/auth/login', { email: 'clinician@riverside.test', password })).status).toBe(401);
  });

  it('answers log-in for an unknown email and for a wrong password the same way', async () => {
    const unknown = await post('/auth/login', { email: 'nobody@riverside.test', password: 'whatever password' });
    const wrong = await post('/auth/login', { email: 'admin@riverside.test', password: 'whatever password' });
    expect([unknown.status, unknown.body]).toEqual([wrong.status, wrong.body]);
  });

  it('rotates the refresh cookie, and ends the session when an old one is replayed', async () => {
    const first = await post('/auth/login', { email: 'admin@riverside.test', password: DEMO_PASSWORD });
    const cookie1 = first.headers.get('set-cookie')!.split(';')[0]!;
    expect(first.headers.get('set-cookie')).toMatch(/HttpOnly; SameSite=Strict/);
    const second = await post('/auth/refresh', {}, { cookie: cookie1 });
    const cookie2 = second.headers.get('set-cookie')!.split(';')[0]!;
    expect([second.status, cookie2 !== cookie1]).toEqual([200, true]);
    const third = await post('/auth/refresh', {}, { cookie: cookie2 });
    const cookie3 = third.headers.get('set-cookie')!.split(';')[0]!;
    // cookie1 is not the one the last rotation exchanged (that grace is for concurrent refreshes):
    // a replay, which ends the session.
    expect((await post('/auth/refresh', {}, { cookie: cookie1 })).status).toBe(401);
    expect((await post('/auth/refresh', {}, { cookie: cookie3 })).status).toBe(401);
  });

  it('publishes the public signing keys', async () => {
    const response = await fetch(`${base()}/.well-known/jwks.json`);
    const body = (await response.json()) as { keys: JWK[] };
    expect(body.keys.map((k) => [k.kid, k.d])).toEqual([[jwk.kid, undefined]]);
  });

  describe('intake links', () => {
    const Q = 'qn-intake-v1';
    const linkFor = async (token: string, patientId: string) =>
      post('/auth/intake-links', { patientId, questionnaireId: Q }, { authorization: `Bearer ${token}` });
    const open = async (link: string) => (await post('/auth/intake-links/open', { link })).body;

    it('are only created for a patient of the clinician’s organization', async () => {
      const clinician = await login('clinician@riverside.test');
      expect([(await linkFor(clinician, 'pt-00001')).status, (await linkFor(clinician, 'pt-00004')).status]).toEqual([
        201, 404,
      ]);
    });

    it('let the holder read the questionnaire and answer it once for that patient, and nothing else', async () => {
      const clinician = await login('clinician@riverside.test');
      const created = (await linkFor(clinician, 'pt-00002')).body;
      expect(created['path']).toMatch(/^\/intake\/[\w-]{22}$/);
      const opened = await open(created['id'] as string);
      expect(opened).toMatchObject({ status: 'VALID', patientId: 'pt-00002', questionnaireId: Q });
      const link = opened['token'] as string;
      const read = await graphql(
        `{ questionnaire(id: "${Q}") { id title(lang: ES) items { linkId required type options { code } } } }`,
        link,
      );
      expect(read.body['data'].questionnaire.id).toBe(Q);
      const otherPatient = await graphql('{ patient(id: "pt-00001") { firstName } }', link);
      expect([otherPatient.body['data'], otherPatient.body['errors'][0].extensions.code]).toEqual([
        { patient: null },
        'FORBIDDEN',
      ]);

      const items = read.body['data'].questionnaire.items as {
        linkId: string;
        required: boolean;
        type: string;
        options: { code: string }[];
      }[];
      const answers = items.filter((i) => i.required).map((i) => answerFor(i));
      const SUBMIT = `mutation ($input: QuestionnaireResponseInput!) { submitQuestionnaireResponse(input: $input) { id submittedBy language } }`;
      const input = { patientId: 'pt-00002', questionnaireId: Q, language: 'ES', answers };
      const forOther = await graphql(SUBMIT, link, { input: { ...input, patientId: 'pt-00001' } });
      expect(forOther.body['errors'][0].extensions.code).toBe('FORBIDDEN');
      const first = await graphql(SUBMIT, link, { input });
      expect(first.body['data']?.submitQuestionnaireResponse).toMatchObject({ submittedBy: 'patient', language: 'ES' });
      const second = await graphql(SUBMIT, link, { input });
      expect(second.body['errors'][0].extensions.code).toBe('FORBIDDEN');
      // The page says so when the link is opened again, before anything is filled in.
      expect(await open(created['id'] as string)).toEqual({ status: 'USED' });
    });

    it('answer a guessed id INVALID, and refuse more than 30 openings a minute from one address', async () => {
      expect(await open('AAAAAAAAAAAAAAAAAAAAAA')).toEqual({ status: 'INVALID' });
      const statuses: number[] = [];
      for (let i = 0; i < 31; i++)
        statuses.push((await post('/auth/intake-links/open', { link: `guess-${i}` })).status);
      expect(statuses.at(-1)).toBe(429);
    });
  });
});

function answerFor(item: { linkId: string; type: string; options: { code: string }[] }): Record<string, unknown> {
  switch (item.type) {
    case 'BOOLEAN':
      return { linkId: item.linkId, valueBoolean: false };
    case 'SINGLE_CHOICE':
    case 'MULTIPLE_CHOICE':
      return { linkId: item.linkId, valueCodes: [item.options.at(-1)!.code] };
    case 'NUMBER':
      return { linkId: item.linkId, valueNumber: 1 };
    case 'DATE':
      return { linkId: item.linkId, valueDate: '2020-01-01' };
    default:
      return { linkId: item.linkId, valueString: 'n/a' };
  }
}

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createLogger, createTokenVerifier, serveService, silentLogger, type RunningService } from '@carebridge/common';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSigningJwk, keyRingFromJwks, type KeyRing } from '../src/auth/keys';
import { SUPERGRAPH_SDL } from '../src/compose';
import { serveGateway } from '../src/server';
import { createService as createClinical } from '../../subgraphs/clinical/src/server';
import { createSeededStore, createService as createPatient } from '../../subgraphs/patient/src/server';
import {
  inProcessFetcher,
  RIVERSIDE_CLINICIAN,
  startLocalSupergraph,
  TEST_PASSWORD_PARAMS,
  type LocalSupergraph,
} from '../../scripts/lib/stack/inProcess';

/**
 * What a client learns from an error, over HTTP: through the gateway (development and production)
 * and from a subgraph called directly, around the gateway, with a valid token.
 */
type Answer = { status: number; body: Record<string, any> };

/** Where a value goes, what an adversary puts there: PHI, as a literal and as a variable. */
const PHI = 'JANE-DOE-SSN-123-45-6789';
const PHI_NAME = 'JANE_DOE_SSN_123_45_6789';
const PHI_PATTERN = /JANE|DOE|SSN|123-45|6789/;

let graph: LocalSupergraph;
let keys: KeyRing;
let token: string;
let dev: RunningService;
let production: RunningService;
/** The patient subgraph on a port of its own, as a caller that goes around the gateway reaches it. */
let patient: RunningService;
const running: RunningService[] = [];

const post = async (url: string, body: unknown, headers: Record<string, string> = {}): Promise<Answer> => {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...headers },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, any> };
};

beforeAll(async () => {
  keys = await keyRingFromJwks([await generateSigningJwk()]);
  graph = await startLocalSupergraph({ keys });
  token = await graph.tokenFor(RIVERSIDE_CLINICIAN);
  const gateway = (isProduction: boolean) =>
    serveGateway({
      supergraphSdl: readFileSync(SUPERGRAPH_SDL, 'utf8'),
      keys,
      passwordParams: TEST_PASSWORD_PARAMS,
      secureCookies: false,
      fetchers: {
        patient: inProcessFetcher(graph.services.patient),
        clinical: inProcessFetcher(graph.services.clinical),
        ehr: inProcessFetcher(graph.services.ehr),
      },
      port: 0,
      logger: silentLogger,
      production: isProduction,
    });
  dev = await gateway(false);
  production = await gateway(true);
  patient = await serveService(createPatient({ verifier: createTokenVerifier({ jwks: keys.jwks }) }), { port: 0 });
  running.push(dev, production, patient);
});
afterAll(async () => {
  await Promise.all(running.map((service) => service.close()));
  await graph.stop();
});

const CREATE = 'mutation ($input: PatientInput!) { createPatient(input: $input) { id } }';
const valid = { firstName: 'Ann', lastName: 'Lee', gender: 'FEMALE', dateOfBirth: '1970-01-01' };
const literal = (fields: string) =>
  `mutation { createPatient(input: { firstName: "Ann", lastName: "Lee", ${fields} }) { id } }`;

describe('rejected values are never repeated', () => {
  const refusals: [string, unknown][] = [
    ['an enum variable', { query: CREATE, variables: { input: { ...valid, gender: PHI } } }],
    ['an enum literal', { query: literal(`gender: ${PHI_NAME}, dateOfBirth: "1970-01-01"`) }],
    ['a string literal for an enum', { query: literal(`gender: "${PHI}", dateOfBirth: "1970-01-01"`) }],
    ['a String variable', { query: CREATE, variables: { input: { ...valid, firstName: { ssn: PHI } } } }],
    ['an unknown input field in a variable', { query: CREATE, variables: { input: { ...valid, [PHI]: 'x' } } }],
    [
      'an unknown input field in a literal',
      { query: literal(`gender: FEMALE, dateOfBirth: "1970-01-01", ${PHI_NAME}: 1`) },
    ],
    ['an Int literal', { query: `{ patients(first: "${PHI}") { totalCount } }` }],
    ['an Int variable', { query: 'query ($n: Int) { patients(first: $n) { totalCount } }', variables: { n: PHI } }],
    ['an ID variable', { query: 'query ($id: ID!) { patient(id: $id) { id } }', variables: { id: { ssn: PHI } } }],
    ['a Date variable', { query: CREATE, variables: { input: { ...valid, dateOfBirth: PHI } } }],
    ['a Date literal', { query: literal(`gender: FEMALE, dateOfBirth: "${PHI}"`) }],
  ];

  it.each(refusals)('in %s, through the gateway in development and production', async (_name, body) => {
    for (const gateway of [dev, production]) {
      const answer = await post(gateway.url, body);
      expect(answer.body['errors']?.length).toBeGreaterThan(0);
      expect(JSON.stringify(answer.body)).not.toMatch(PHI_PATTERN);
      for (const error of answer.body['errors']) {
        expect(['BAD_USER_INPUT', 'GRAPHQL_VALIDATION_FAILED']).toContain(error.extensions.code);
      }
    }
  });

  it.each(refusals)('in %s, from the patient subgraph called directly', async (_name, body) => {
    const answer = await post(patient.url, body);
    expect(answer.status).toBe(400);
    expect(answer.body['errors']?.length).toBeGreaterThan(0);
    expect(JSON.stringify(answer.body)).not.toMatch(PHI_PATTERN);
    for (const error of answer.body['errors']) {
      expect(['BAD_USER_INPUT', 'GRAPHQL_VALIDATION_FAILED']).toContain(error.extensions.code);
    }
  });

  it('names the variable, the path and the expected type instead', async () => {
    const enumValue = await post(dev.url, { query: CREATE, variables: { input: { ...valid, gender: PHI } } });
    expect(enumValue.status).toBe(400);
    expect(enumValue.body['errors']).toEqual([
      {
        message: 'Variable "$input" has an invalid value at "input.gender": Value does not exist in "Gender" enum.',
        locations: [{ line: 1, column: 11 }],
        extensions: { code: 'BAD_USER_INPUT' },
      },
    ]);
    const direct = await post(patient.url, { query: CREATE, variables: { input: { ...valid, dateOfBirth: PHI } } });
    expect(direct.body['errors'][0].message).toBe(
      'Variable "$input" has an invalid value at "input.dateOfBirth": Date must be a calendar date written YYYY-MM-DD',
    );
  });
});

describe('a value a subgraph’s scalar refuses', () => {
  // 2024 is a leap year, but February has no 30th: the gateway passes Date through, the patient
  // subgraph's scalar refuses it with HTTP 400.
  const IMPOSSIBLE = '2024-02-30';
  const expected = {
    path: ['createPatient'],
    extensions: { code: 'BAD_USER_INPUT' },
  };

  it('answers BAD_USER_INPUT at the field, not SUBGRAPH_UNAVAILABLE, as a variable', async () => {
    const answer = await post(dev.url, { query: CREATE, variables: { input: { ...valid, dateOfBirth: IMPOSSIBLE } } });
    expect(answer.body['data']).toBeNull();
    expect(answer.body['errors']).toEqual([
      {
        ...expected,
        message:
          'Variable "$input" has an invalid value at "input.dateOfBirth": Date must be a calendar date written YYYY-MM-DD',
      },
    ]);
    expect(JSON.stringify(answer.body)).not.toContain(IMPOSSIBLE);
  });

  it('answers BAD_USER_INPUT at the field as a literal, in production too', async () => {
    for (const gateway of [dev, production]) {
      const answer = await post(gateway.url, { query: literal(`gender: FEMALE, dateOfBirth: "${IMPOSSIBLE}"`) });
      expect(answer.body['errors']).toEqual([
        { ...expected, message: 'Date must be a calendar date written YYYY-MM-DD' },
      ]);
      expect(JSON.stringify(answer.body)).not.toContain(IMPOSSIBLE);
    }
  });

  it('changes nothing', async () => {
    const before = await post(dev.url, { query: '{ patients(first: 1) { totalCount } }' });
    await post(dev.url, { query: CREATE, variables: { input: { ...valid, dateOfBirth: IMPOSSIBLE } } });
    const after = await post(dev.url, { query: '{ patients(first: 1) { totalCount } }' });
    expect(after.body['data']).toEqual(before.body['data']);
  });
});

describe('which operation to run', () => {
  const TWO = 'query A { organizations { id } } query B { organizations { id } }';
  const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
  const get = async (url: string, query: string): Promise<Answer> => {
    const response = await fetch(`${url}?query=${encodeURIComponent(query)}`, {
      headers: { authorization: `Bearer ${token}`, 'apollo-require-preflight': 'true' },
    });
    return { status: response.status, body: (await response.json()) as Record<string, any> };
  };
  const SEVERAL = 'The document has several operations: give the name of the one to run in operationName.';
  const UNKNOWN = 'The document has no operation of the name given in operationName.';

  it('needs no operationName for a document with one operation, named or not, POST or GET', async () => {
    for (const query of ['{ organizations { id } }', 'query Mine { organizations { id } }']) {
      expect((await post(dev.url, { query })).body).toEqual({ data: { organizations: [{ id: 'org-riverside' }] } });
      expect((await post(dev.url, { query, operationName: null })).status).toBe(200);
      expect((await get(dev.url, query)).status).toBe(200);
    }
    expect((await post(dev.url, { query: TWO, operationName: 'B' })).status).toBe(200);
  });

  const refused: [string, () => Promise<Answer>, string, string][] = [
    ['several operations and no operationName', () => post(dev.url, { query: TWO }), 'BAD_REQUEST', SEVERAL],
    [
      'an operationName no operation has',
      () => post(dev.url, { query: TWO, operationName: 'C' }),
      'BAD_REQUEST',
      UNKNOWN,
    ],
    [
      'one operation and another name',
      () => post(dev.url, { query: 'query A { organizations { id } }', operationName: 'C' }),
      'BAD_REQUEST',
      UNKNOWN,
    ],
    ['several operations over GET', () => get(dev.url, TWO), 'BAD_REQUEST', SEVERAL],
    [
      'a query and a mutation over GET',
      () =>
        get(
          dev.url,
          'query A { organizations { id } } mutation B { resendPatientToEhr(patientId: "pt-00001") { id } }',
        ),
      'BAD_REQUEST',
      SEVERAL,
    ],
    [
      'several operations as a persisted query',
      () => post(dev.url, { query: TWO, extensions: { persistedQuery: { version: 1, sha256Hash: sha256(TWO) } } }),
      'BAD_REQUEST',
      SEVERAL,
    ],
    [
      'a subscription',
      () => post(dev.url, { query: 'subscription { organizations { id } }' }),
      'GRAPHQL_VALIDATION_FAILED',
      'This graph has no subscription operations.',
    ],
    ['several operations in production', () => post(production.url, { query: TWO }), 'BAD_REQUEST', SEVERAL],
    [
      'several operations at a subgraph called directly',
      () => post(patient.url, { query: 'query A { providers { id } } query B { providers { id } }' }),
      'BAD_REQUEST',
      SEVERAL,
    ],
    [
      'a subscription at a subgraph called directly',
      () => post(patient.url, { query: 'subscription { providers { id } }' }),
      'GRAPHQL_VALIDATION_FAILED',
      'This graph has no subscription operations.',
    ],
  ];

  it.each(refused)('answers 400, never 500, to %s', async (_name, send, code, message) => {
    const answer = await send();
    expect(answer.status).toBe(400);
    expect(answer.body).toEqual({ errors: [{ message, extensions: { code } }] });
  });
});

describe('a subgraph’s own internal errors, called directly', () => {
  /** A file system error as Node words it: its message names a path on the server. */
  const eisdir = () =>
    Object.assign(new Error("EISDIR: illegal operation on a directory, open '/srv/carebridge/audit/patient.log'"), {
      code: 'EISDIR',
      errno: -21,
      syscall: 'open',
      path: '/srv/carebridge/audit/patient.log',
    });

  it.each([
    ['development', false],
    ['production', true],
  ])(
    'are masked as INTERNAL_SERVER_ERROR with no message, path or stack in %s, and logged by class and code',
    async (_mode, isProduction) => {
      const store = createSeededStore();
      store.findById = () => Promise.reject(eisdir());
      const lines: Record<string, unknown>[] = [];
      const failing = await serveService(
        createPatient({
          verifier: createTokenVerifier({ jwks: keys.jwks }),
          store,
          production: isProduction,
          logger: createLogger('patient', {}, (line) => lines.push(JSON.parse(line) as Record<string, unknown>)),
        }),
        { port: 0 },
      );
      try {
        const answer = await post(
          failing.url,
          { query: '{ patient(id: "pt-00001") { id } providers { id } }' },
          {
            'x-request-id': 'req-eisdir',
          },
        );
        expect(answer.body['errors']).toEqual([
          {
            message: 'Internal server error.',
            locations: [{ line: 1, column: 3 }],
            path: ['patient'],
            extensions: { code: 'INTERNAL_SERVER_ERROR' },
          },
        ]);
        // The rest of the answer still arrives.
        expect(answer.body['data'].providers.length).toBeGreaterThan(0);
        expect(JSON.stringify(answer.body)).not.toMatch(/EISDIR|\/srv|stacktrace|at .*\.ts/);
        const logged = lines.filter((line) => line['event'] === 'graphql.error');
        expect(logged).toEqual([
          expect.objectContaining({
            level: 'error',
            requestId: 'req-eisdir',
            code: 'INTERNAL_SERVER_ERROR',
            errorClass: 'Error',
            systemCode: 'EISDIR',
            path: 'patient',
          }),
        ]);
        expect(JSON.stringify(lines)).not.toMatch(/\/srv|illegal operation/);
      } finally {
        await failing.close();
      }
    },
  );
});

describe('_service', () => {
  const SDL = '{ _service { sdl } }';
  let productionPatient: RunningService;
  let serviceToken: string;
  beforeAll(async () => {
    productionPatient = await serveService(
      createPatient({ verifier: createTokenVerifier({ jwks: keys.jwks }), production: true }),
      { port: 0 },
    );
    running.push(productionPatient);
    serviceToken = await graph.gateway.tokens.serviceToken();
  });
  const as = (bearer: string) => ({ authorization: `Bearer ${bearer}` });
  const forbidden = (message: string) => ({
    status: 403,
    body: { errors: [{ message, extensions: { code: 'FORBIDDEN' } }] },
  });
  const ONLY_SERVICE_TOKEN = '`_service` is answered to the gateway’s service token only.';
  const SERVICE_ONLY = 'A service token reads `_service` only.';

  it('is refused in production to a staff token, however it is asked for', async () => {
    for (const query of [
      SDL,
      '{ s: _service { sdl } }',
      '{ ...Sdl } fragment Sdl on Query { _service { sdl } }',
      '{ ... on Query { _service { sdl } } providers { id } }',
    ]) {
      expect(await post(productionPatient.url, { query })).toEqual(forbidden(ONLY_SERVICE_TOKEN));
    }
  });

  it('is refused in production to an intake link', async () => {
    const intake = await graph.tokenFor({
      kind: 'intake',
      linkId: 'link-1',
      patientId: 'pt-00001',
      organizationId: 'org-riverside',
      questionnaireId: 'qn-intake-v1',
    });
    expect(await post(productionPatient.url, { query: SDL }, as(intake))).toEqual(forbidden(ONLY_SERVICE_TOKEN));
  });

  it('is answered in production to the gateway’s service token', async () => {
    const answer = await post(productionPatient.url, { query: SDL }, as(serviceToken));
    expect(answer.status).toBe(200);
    expect(answer.body['data']._service.sdl).toMatch(/type Patient/);
  });

  it('is all the service token reads, in production and in development', async () => {
    for (const service of [productionPatient, patient]) {
      for (const query of [
        '{ providers { id } }',
        '{ _service { sdl } providers { id } }',
        '{ _entities(representations: [{ __typename: "Patient", id: "pt-00001" }]) { ... on Patient { id } } }',
        'mutation { deletePatient(id: "pt-00001") }',
      ]) {
        expect(await post(service.url, { query }, as(serviceToken))).toEqual(forbidden(SERVICE_ONLY));
      }
    }
    // Nothing was deleted.
    expect((await post(dev.url, { query: '{ patient(id: "pt-00001") { id } }' })).body['data']).toEqual({
      patient: { id: 'pt-00001' },
    });
  });

  it('stays open to any valid token in development, for Sandbox and rover', async () => {
    const answer = await post(patient.url, { query: SDL });
    expect(answer.body['data']._service.sdl).toMatch(/type Patient/);
  });

  it('is not a token the gateway takes for its own graph', async () => {
    expect((await post(dev.url, { query: '{ organizations { id } }' }, as(serviceToken))).status).toBe(401);
  });

  it('refuses a service token that lives longer than five minutes, or has the wrong subject or scope', async () => {
    const sign = (claims: Record<string, unknown>, seconds: number) =>
      new SignJWT({ scope: '_service', ...claims })
        .setProtectedHeader({ alg: 'ES256', kid: keys.signing.kid, typ: 'service+jwt' })
        .setSubject(typeof claims['sub'] === 'string' ? claims['sub'] : 'gateway')
        .setIssuer('carebridge-gateway')
        .setAudience('carebridge-graph')
        .setIssuedAt()
        .setExpirationTime(`${seconds}s`)
        .setJti('jti-1')
        .sign(keys.signing.key);
    for (const forged of [
      await sign({}, 3_600),
      await sign({ sub: 'user-rc' }, 60),
      await sign({ scope: 'everything' }, 60),
    ]) {
      expect((await post(productionPatient.url, { query: SDL }, as(forged))).status).toBe(401);
    }
    expect((await post(productionPatient.url, { query: SDL }, as(await sign({}, 60)))).status).toBe(200);
  });
});

describe('another organization’s patient, as the clinical subgraph sees it', () => {
  /** Lakeside's patients: one with answers, one without (checked below, as Lakeside). */
  const WITH_ANSWERS = 'pt-00004';
  const WITHOUT_ANSWERS = 'pt-00022';
  const LAKESIDE = { kind: 'staff', userId: 'user-lc', organizationId: 'org-lakeside', role: 'CLINICIAN' } as const;
  let clinical: RunningService;
  beforeAll(async () => {
    clinical = await serveService(
      createClinical({
        verifier: createTokenVerifier({ jwks: keys.jwks }),
        patients: { isVisible: () => Promise.resolve(false) },
      }),
      { port: 0 },
    );
    running.push(clinical);
  });
  const HISTORY = 'questionnaireResponses { id } clinicalHistory { allergies symptoms }';
  /** The answer for `id` with the id itself taken out, so two answers compare whole. */
  const withoutId = (answer: Answer, id: string) => JSON.parse(JSON.stringify(answer).replaceAll(id, '<id>')) as Answer;

  it('has answers for one and none for the other, as Lakeside sees them', async () => {
    const lakeside = { authorization: `Bearer ${await graph.tokenFor(LAKESIDE)}` };
    const responses = async (id: string): Promise<unknown[]> =>
      (
        (await post(dev.url, { query: `{ patient(id: "${id}") { ${HISTORY} } }` }, lakeside)).body['data'] as {
          patient: { questionnaireResponses: unknown[] };
        }
      ).patient.questionnaireResponses;
    expect((await responses(WITH_ANSWERS)).length).toBeGreaterThan(0);
    expect(await responses(WITHOUT_ANSWERS)).toEqual([]);
  });

  it('answers both, and an unknown id, alike when the subgraph is called directly', async () => {
    const entity = (id: string) =>
      post(clinical.url, {
        query: `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Patient { ${HISTORY} } } }`,
        variables: { r: [{ __typename: 'Patient', id }] },
      });
    const withAnswers = await entity(WITH_ANSWERS);
    expect(withAnswers).toEqual({
      status: 200,
      body: { data: { _entities: [{ questionnaireResponses: [], clinicalHistory: { allergies: [], symptoms: [] } }] } },
    });
    expect(await entity(WITHOUT_ANSWERS)).toEqual(withAnswers);
    expect(await entity('pt-unknown')).toEqual(withAnswers);
  });

  it('answers both alike through the gateway: null and FORBIDDEN from the patient subgraph', async () => {
    const read = async (id: string) =>
      withoutId(await post(dev.url, { query: `{ patient(id: "${id}") { id ${HISTORY} } }` }), id);
    const withAnswers = await read(WITH_ANSWERS);
    expect(withAnswers.body).toEqual({
      data: { patient: null },
      errors: [
        {
          message: 'This patient belongs to another organization.',
          path: ['patient'],
          extensions: { code: 'FORBIDDEN' },
        },
      ],
    });
    expect(await read(WITHOUT_ANSWERS)).toEqual(withAnswers);
  });
});

describe('the patient list’s cursors', () => {
  const LIST = `query ($after: String) {
    patients(first: 3, after: $after) { nodes { id firstName lastName } pageInfo { hasNextPage endCursor } }
  }`;
  type Page = { nodes: { id: string; firstName: string; lastName: string }[]; pageInfo: { endCursor: string } };
  const page = async (url: string, after?: string) => {
    const answer = await post(url, { query: LIST, variables: after === undefined ? {} : { after } });
    return answer.body['data'].patients as Page;
  };
  const readable = (cursor: string) => {
    const bytes = Buffer.from(cursor, 'base64url');
    return `${cursor}\n${bytes.toString('utf8')}\n${bytes.toString('latin1')}`.toLowerCase();
  };

  it.each([
    ['through the gateway', () => dev.url],
    ['at the patient subgraph called directly', () => patient.url],
  ])('hold no name %s, and page on', async (_where, url) => {
    const first = await page(url());
    const last = first.nodes.at(-1)!;
    const text = readable(first.pageInfo.endCursor);
    for (const name of [last.firstName, last.lastName, last.id]) expect(text).not.toContain(name.toLowerCase());
    const second = await page(url(), first.pageInfo.endCursor);
    expect(second.nodes.map((p) => p.id)).not.toContain(last.id);
    expect(second.nodes).toHaveLength(3);
  });

  it('refuse a changed or made-up cursor with BAD_USER_INPUT, repeating nothing of it', async () => {
    const { pageInfo } = await page(dev.url);
    const bytes = Buffer.from(pageInfo.endCursor, 'base64url');
    bytes[bytes.length - 1] = bytes[bytes.length - 1]! ^ 1;
    const legacy = Buffer.from(JSON.stringify(['lee', 'ann', 'pt-00001'])).toString('base64url');
    for (const url of [dev.url, production.url, patient.url]) {
      for (const after of [bytes.toString('base64url'), legacy, PHI]) {
        const answer = await post(url, { query: LIST, variables: { after } });
        expect(answer.body['errors']).toEqual([
          expect.objectContaining({
            message: 'Invalid input. after: is not a cursor returned by this API',
            extensions: {
              code: 'BAD_USER_INPUT',
              problems: [{ field: 'after', message: 'is not a cursor returned by this API' }],
            },
          }),
        ]);
        expect(JSON.stringify(answer.body)).not.toContain(after);
      }
    }
  });
});

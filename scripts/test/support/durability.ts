/**
 * What the restart, crash and replica tests share: an EHR sandbox in the test's own process (it
 * must outlive the stack to tell what arrived twice), the ehr schema's transaction queue read
 * straight from PostgreSQL, and the few calls that make changes of every kind.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { TEST_REDIS_URL, testSchemas, type TestSchemas } from '@carebridge/db/testing';
import { createSandbox, type RunningSandbox, type Sandbox } from '../../../tools/ehr-sandbox/src/server';
import { answersFor, DEMO_PASSWORD, freePortEnv, graphql } from '../../lib/stack';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `probe` until it answers a value that `done` accepts, or throws with the last one after `timeoutMs`. */
export async function waitFor<T>(
  what: string,
  probe: () => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs = 60_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  let failure: unknown;
  for (;;) {
    try {
      last = await probe();
      if (done(last)) return last;
    } catch (error) {
      failure = error;
    }
    if (Date.now() > deadline) {
      throw new Error(`${what}: not within ${timeoutMs} ms (last: ${JSON.stringify(last) ?? String(failure)})`);
    }
    await sleep(250);
  }
}

export interface DurableEnv {
  schemas: TestSchemas;
  sandbox: Sandbox;
  running: RunningSandbox;
  /** For `launchServices`: free ports, this test's schemas and Redis keys, the sandbox, no seed announcement. */
  env: NodeJS.ProcessEnv;
  /** Transactions by status (PENDING, FAILED, DELIVERED, DEAD), all organizations. */
  counts(): Promise<Record<string, number>>;
  query<R extends pg.QueryResultRow>(sql: string, values?: unknown[]): Promise<R[]>;
  close(): Promise<void>;
}

/**
 * A stack's surroundings on PostgreSQL and Redis, its own schemas and key prefix. The seed is not
 * announced: every transaction then comes from the test's own changes, so the counts are exact.
 */
export async function durableEnv(label: string): Promise<DurableEnv> {
  const schemas = testSchemas(label);
  const sandbox = createSandbox();
  const running = await sandbox.listen(0);
  const pool = new pg.Pool({ connectionString: schemas.url, max: 2 });
  const ehr = schemas.schema('ehr');
  const query = async <R extends pg.QueryResultRow>(sql: string, values: unknown[] = []): Promise<R[]> =>
    (await pool.query<R>(sql.replaceAll('$schema', `"${ehr}"`), values)).rows;
  return {
    schemas,
    sandbox,
    running,
    env: {
      ...process.env,
      ...freePortEnv(),
      DATABASE_URL: schemas.url,
      DATABASE_SCHEMA_PREFIX: schemas.prefix,
      REDIS_URL: TEST_REDIS_URL,
      REDIS_KEY_PREFIX: `${schemas.prefix}gateway:`,
      EHR_SANDBOX_URL: running.url,
      ANNOUNCE_SEED: 'false',
      // Kept for a restart: the relays sign with it and the ehr service checks it.
      SERVICE_EVENTS_SECRET: randomBytes(32).toString('hex'),
      // Faster retries than production's, so a crashed replica's leases and backoffs end within the test.
      DELIVERY_BASE_DELAY_MS: '200',
      DELIVERY_MAX_DELAY_MS: '2000',
    },
    query,
    counts: async () => {
      const rows = await query<{ status: string; n: string }>(
        'SELECT status, count(*) AS n FROM $schema.ehr_transaction GROUP BY status',
      ).catch(() => []);
      const counts: Record<string, number> = { PENDING: 0, FAILED: 0, DELIVERED: 0, DEAD: 0 };
      for (const row of rows) counts[row.status] = Number(row.n);
      return counts;
    },
    close: async () => {
      await pool.end();
      await running.close();
      await schemas.drop();
    },
  };
}

/** Every write the sandbox accepted, over every EHR. */
export function acceptedWrites(sandbox: Sandbox): number {
  return Object.values(sandbox.store.stats()).reduce((sum, stats) => sum + stats.acceptedWrites, 0);
}

/** Resolves once no transaction is open and the sandbox holds one accepted write per DELIVERED one. */
export function settled(
  durable: DurableEnv,
  { atLeast = 0, timeoutMs = 90_000 }: { atLeast?: number; timeoutMs?: number } = {},
): Promise<Record<string, number>> {
  // `atLeast`: the deliveries a change just answered must lead to. Its transactions appear only
  // once its event is relayed, and until then the counts already look settled.
  return waitFor(
    'every transaction delivered',
    () => durable.counts(),
    (c) =>
      c['PENDING'] === 0 &&
      c['FAILED'] === 0 &&
      (c['DELIVERED'] ?? 0) >= atLeast &&
      acceptedWrites(durable.sandbox) === c['DELIVERED'],
    timeoutMs,
  );
}

/** POST to a gateway's REST routes; answers the status, the JSON body and the refresh cookie it set. */
export async function post(
  gatewayUrl: string,
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: Record<string, unknown>; cookie?: string }> {
  const response = await fetch(gatewayUrl.replace('/graphql', path), {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  const cookie = response.headers.get('set-cookie')?.split(';')[0];
  return {
    status: response.status,
    body: text ? (JSON.parse(text) as Record<string, unknown>) : {},
    ...(cookie ? { cookie } : {}),
  };
}

/** A GraphQL call that must succeed: answers its data, throws with the error codes otherwise. */
export async function must<T = Record<string, unknown>>(
  gatewayUrl: string,
  token: string,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<T> {
  const result = await graphql<T>(gatewayUrl, token, query, variables);
  if (result.status !== 200 || result.errors?.length || !result.data) {
    const codes = result.errors?.map((e) => JSON.stringify(e.extensions?.['code'] ?? 'error')).join(', ');
    throw new Error(`GraphQL answered ${result.status} ${codes ?? ''}`);
  }
  return result.data;
}

export const CREATE = `mutation ($input: PatientInput!) { createPatient(input: $input) { id version } }`;
export const UPDATE = `mutation ($id: ID!, $input: PatientUpdateInput!, $v: Int!) {
  updatePatient(id: $id, input: $input, expectedVersion: $v) { id version } }`;

/** A patient of the test's own (names no seeded patient has, so check-logs can tell them apart). */
export const person = (i: number) => ({
  firstName: 'Durable',
  lastName: `Tester${'abcdefghij'[i % 10]}`,
  gender: 'UNKNOWN',
  dateOfBirth: '1970-03-1' + String(i % 10),
});

/** Answers every required question of the intake questionnaire through an intake link; answers the response id. */
export async function answerIntake(gatewayUrl: string, clinician: string, patientId: string): Promise<string> {
  const link = await post(
    gatewayUrl,
    '/auth/intake-links',
    { patientId, questionnaireId: 'qn-intake-v1' },
    { authorization: `Bearer ${clinician}` },
  );
  const opened = await post(gatewayUrl, '/auth/intake-links/open', { link: link.body['id'] });
  const token = String(opened.body['token']);
  const { questionnaire } = await must<{
    questionnaire: { items: { linkId: string; type: string; required: boolean; options: { code: string }[] }[] };
  }>(gatewayUrl, token, '{ questionnaire(id: "qn-intake-v1") { items { linkId type required options { code } } } }');
  const answers = answersFor(
    questionnaire.items.filter((item) => item.required),
    'None',
  );
  const submitted = await must<{ submitQuestionnaireResponse: { id: string } }>(
    gatewayUrl,
    token,
    'mutation ($input: QuestionnaireResponseInput!) { submitQuestionnaireResponse(input: $input) { id } }',
    { input: { patientId, questionnaireId: 'qn-intake-v1', language: 'EN', answers } },
  );
  return submitted.submitQuestionnaireResponse.id;
}

/** A new account in the admin's organization, through an invite; answers its email. */
export async function inviteAndSignUp(gatewayUrl: string, admin: string, password: string): Promise<string> {
  const invite = await post(gatewayUrl, '/auth/invites', { role: 'CLINICIAN' }, { authorization: `Bearer ${admin}` });
  if (invite.status !== 201) throw new Error(`invite answered ${invite.status}`);
  const email = `durable-${randomBytes(4).toString('hex')}@riverside.test`;
  const signup = await post(gatewayUrl, '/auth/signup', {
    email,
    password,
    name: 'Dana Durable',
    inviteCode: invite.body['code'],
  });
  if (signup.status !== 201) throw new Error(`sign-up answered ${signup.status}`);
  return email;
}

export { DEMO_PASSWORD };

import { afterAll, describe, expect, it } from 'vitest';
import { graphql, launchServices, login, type LaunchedServices } from '../lib/stack';
import {
  acceptedWrites,
  answerIntake,
  CREATE,
  DEMO_PASSWORD,
  durableEnv,
  inviteAndSignUp,
  must,
  person,
  post,
  settled,
  UPDATE,
  type DurableEnv,
} from './support/durability';

/**
 * Durable storage, end to end: changes of every kind are made on a stack of processes on
 * PostgreSQL and Redis, the whole stack is stopped with SIGTERM and started again on the same
 * schemas, and everything is still there: patients, answers, mapping versions, transactions,
 * the account and its session (the refresh cookie from before still refreshes), and the access
 * token from before still works (the signing keys were kept, not generated again). Nothing is
 * delivered to the EHR a second time. AUTH_SIGNING_KEYS is deliberately not set: the keys must
 * survive on their own.
 */

const PATIENT = `query ($id: ID!) { patient(id: $id) { id version lastName questionnaireResponses { id } ehrTransactions { id status } } }`;
const MAPPING = `{ ehrSystem(id: "ehr-athena") { mapping { version fields { source target endpoint transform { kind dateFormat codes { from to } } } } } }`;
const HISTORY = `{ ehrSystem(id: "ehr-athena") { mappingHistory { version } } }`;
const PUBLISH = `mutation ($f: [FieldMappingInput!]!) { publishEhrMapping(ehrSystemId: "ehr-athena", input: { fields: $f, note: "restart test" }) { version } }`;

describe('a stack stopped with SIGTERM and started again on the same database', () => {
  let durable: DurableEnv;
  let stack: LaunchedServices | undefined;
  const quiet = { onLine: () => {} };

  afterAll(async () => {
    await stack?.stop();
    await durable?.close();
  });

  it('keeps every patient, answer, mapping version, transaction, account and session, and delivers nothing twice', async () => {
    durable = await durableEnv('restart');
    stack = await launchServices({ env: durable.env, ...quiet });
    let gateway = stack.gatewayUrl;

    // Changes of every kind, by an account made for the test (the demo ones are made at every start).
    const admin = await login(gateway, 'admin@riverside.test');
    const password = 'a long enough password for the restart';
    const email = await inviteAndSignUp(gateway, admin, password);
    const signedIn = await post(gateway, '/auth/login', { email, password });
    expect(signedIn.status).toBe(200);
    const accessToken = String(signedIn.body['accessToken']);
    const refreshCookie = signedIn.cookie!;

    const created: { id: string }[] = [];
    for (const i of [0, 1]) {
      created.push(
        (await must<{ createPatient: { id: string } }>(gateway, accessToken, CREATE, { input: person(i) }))
          .createPatient,
      );
    }
    await must(gateway, accessToken, UPDATE, { id: created[0]!.id, input: { lastName: 'Restarted' }, v: 1 });
    const responseId = await answerIntake(gateway, accessToken, created[1]!.id);
    const { ehrSystem } = await must<{ ehrSystem: { mapping: { version: number; fields: unknown[] } } }>(
      gateway,
      admin,
      MAPPING,
    );
    const published = await must<{ publishEhrMapping: { version: number } }>(gateway, admin, PUBLISH, {
      f: ehrSystem.mapping.fields,
    });
    expect(published.publishEhrMapping.version).toBe(ehrSystem.mapping.version + 1);

    const before = await settled(durable);
    const writesBefore = acceptedWrites(durable.sandbox);
    expect(before['DELIVERED']).toBeGreaterThanOrEqual(4);
    const snapshot = async (token: string) =>
      Promise.all(created.map(({ id }) => must<{ patient: unknown }>(gateway, token, PATIENT, { id })));
    const patientsBefore = await snapshot(accessToken);
    const historyBefore = await must(gateway, admin, HISTORY);

    await stack.stop();
    stack = undefined;
    stack = await launchServices({ env: durable.env, ...quiet });
    gateway = stack.gatewayUrl;

    // The token from before, verified by the new gateway and subgraphs.
    expect(await snapshot(accessToken)).toEqual(patientsBefore);
    const [, second] = await snapshot(accessToken);
    expect(
      (second as { patient: { questionnaireResponses: { id: string }[] } }).patient.questionnaireResponses,
    ).toContainEqual({
      id: responseId,
    });
    expect(await must(gateway, admin, HISTORY)).toEqual(historyBefore);

    // The session: its refresh cookie still refreshes; the account still logs in.
    const refreshed = await post(gateway, '/auth/refresh', {}, { cookie: refreshCookie });
    expect(refreshed.status).toBe(200);
    expect((await post(gateway, '/auth/login', { email, password })).status).toBe(200);
    expect((await post(gateway, '/auth/login', { email, password: DEMO_PASSWORD })).status).toBe(401);

    // One change after the restart: once it is delivered, the relays and the worker have run, and
    // only it reached the EHR (what was delivered before was not sent again).
    await must(gateway, String(refreshed.body['accessToken']), UPDATE, {
      id: created[1]!.id,
      input: { lastName: 'AfterRestart' },
      v: 1,
    });
    const after = await settled(durable, { atLeast: before['DELIVERED']! + 1 });
    expect(after).toEqual({ ...before, DELIVERED: before['DELIVERED']! + 1 });
    expect(acceptedWrites(durable.sandbox)).toBe(writesBefore + 1);
    const replays = Object.values(durable.sandbox.store.stats()).reduce((n, s) => n + s.idempotentReplays, 0);
    expect(replays).toBe(0);
    const check = await graphql(gateway, accessToken, '{ patients(first: 1) { totalCount } }');
    expect(check.errors).toBeUndefined();
  }, 240_000);
});

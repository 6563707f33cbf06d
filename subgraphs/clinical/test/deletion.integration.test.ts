import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  EVENT_SIGNATURE_HEADER,
  EVENTS_PATH,
  serveService,
  signEventBody,
  type ChangeEvent,
  type RunningService,
} from '@carebridge/common';
import { createTestAuth } from '@carebridge/common/testing';
import { createSeededStore } from '../src/data/seed';
import { createService } from '../src/server';
import { fakeDirectory } from './fixtures';

/**
 * The clinical subgraph's `/internal/events` on a free port: where the patient subgraph's relay
 * posts `patient.deleted`. Only a body signed with the shared secret erases anything.
 */
const SECRET = 'test-events-secret';
const store = createSeededStore();
let running: RunningService;
let eventsUrl: string;

beforeAll(async () => {
  const auth = await createTestAuth();
  running = await serveService(
    createService({ verifier: auth.verifier, patients: fakeDirectory(auth.verifier), store, eventsSecret: SECRET }),
    { port: 0 },
  );
  eventsUrl = running.url.replace(/\/graphql$/, EVENTS_PATH);
});
afterAll(() => running.close());

const deletion: ChangeEvent = {
  id: 'ev-delete-1',
  type: 'patient.deleted',
  organizationId: 'org-riverside',
  patientId: 'pt-00001',
  occurredAt: '2026-03-01T10:00:00.000Z',
};

async function post(body: string, signature?: string) {
  const response = await fetch(eventsUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(signature ? { [EVENT_SIGNATURE_HEADER]: signature } : {}) },
    body,
  });
  const answer: unknown = await response.json();
  return { status: response.status, body: answer };
}

describe('the clinical subgraph’s /internal/events', () => {
  it('refuses unsigned or wrongly signed events, erasing nothing', async () => {
    const body = JSON.stringify({ events: [deletion] });
    expect((await post(body)).status).toBe(401);
    expect((await post(body, signEventBody(body, 'another-secret'))).status).toBe(401);
    expect((await fetch(eventsUrl)).status).toBe(405);
    expect([await store.tombstone('pt-00001'), (await store.responsesOfPatient('pt-00001')).length]).toEqual([
      undefined,
      1,
    ]);
  });

  it('erases a deleted patient on a signed batch, and answers a redelivery with nothing more to do', async () => {
    const body = JSON.stringify({ events: [deletion] });
    expect(await post(body, signEventBody(body, SECRET))).toEqual({ status: 200, body: { applied: 1, ignored: 0 } });
    expect(await store.responsesOfPatient('pt-00001')).toEqual([]);
    expect(await store.tombstone('pt-00001')).toMatchObject({ deletedAt: deletion.occurredAt });
    expect(await post(body, signEventBody(body, SECRET))).toEqual({ status: 200, body: { applied: 1, ignored: 0 } });
    const malformed = JSON.stringify({ events: [{ id: 'ev-x' }] });
    expect((await post(malformed, signEventBody(malformed, SECRET))).status).toBe(400);
  });
});

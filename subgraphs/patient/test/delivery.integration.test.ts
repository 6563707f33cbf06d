import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EVENT_SIGNATURE_HEADER, EVENTS_PATH, verifyEventBody, type ChangeEvent } from '@carebridge/common';
import { createTestAuth, execute, staff } from '@carebridge/common/testing';
import { createSeededStore, createService } from '../src/server';

// From mutation to the ehr subgraph's door: the store's outbox, the service's own relay worker (as
// the runner starts it), and a stand-in events endpoint on a real port that checks the signature.

const SECRET = 'delivery-test-secret';
const received: { path: string | undefined; signed: boolean; events: ChangeEvent[] }[] = [];
const ehr = createServer((request, response) => {
  let body = '';
  request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
  request.on('end', () => {
    const signature = request.headers[EVENT_SIGNATURE_HEADER];
    received.push({
      path: request.url,
      signed: verifyEventBody(body, typeof signature === 'string' ? signature : undefined, SECRET),
      events: (JSON.parse(body) as { events: ChangeEvent[] }).events,
    });
    response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
  });
});

beforeAll(() => new Promise<void>((resolve) => ehr.listen(0, '127.0.0.1', resolve)));
afterAll(() => new Promise<void>((resolve) => ehr.close(() => resolve())));

describe('patient change delivery', () => {
  it('posts each change, signed, to the events endpoint and empties the outbox', async () => {
    const auth = await createTestAuth();
    const store = createSeededStore();
    const service = createService({
      verifier: auth.verifier,
      store,
      events: {
        targetUrl: `http://127.0.0.1:${(ehr.address() as AddressInfo).port}${EVENTS_PATH}`,
        secret: SECRET,
        intervalMs: 10,
      },
    });
    expect(service.workers).toHaveLength(1);
    for (const worker of service.workers) worker.start();
    try {
      const headers = await auth.headers(staff('org-riverside'));
      const created = await execute<{ createPatient: { id: string } }>(
        service,
        'mutation ($input: PatientInput!) { createPatient(input: $input) { id } }',
        { input: { firstName: 'Ada', lastName: 'Whitaker', gender: 'FEMALE', dateOfBirth: '1980-04-12' } },
        headers,
      );
      const id = created.data!.createPatient.id;
      await execute(service, 'mutation ($id: ID!) { deletePatient(id: $id) }', { id }, headers);
      const deadline = Date.now() + 5_000;
      while (store.outbox.sizeNow() > 0 || received.flatMap((r) => r.events).length < 2) {
        if (Date.now() > deadline) throw new Error('events were not delivered');
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    } finally {
      for (const worker of service.workers) await worker.stop();
    }
    expect(received.every((r) => r.signed && r.path === EVENTS_PATH)).toBe(true);
    expect(received.flatMap((r) => r.events).map((e) => [e.type, e.organizationId])).toEqual([
      ['patient.upserted', 'org-riverside'],
      ['patient.deleted', 'org-riverside'],
    ]);
  });
});

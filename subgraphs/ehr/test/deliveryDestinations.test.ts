import type { LookupAddress } from 'node:dns';
import { afterAll, describe, expect, it } from 'vitest';
import { createLogger } from '@carebridge/common';
import type { EhrSystemRecord } from '../src/data/records';
import { DestinationGuard, type Resolver } from '../src/delivery/destinations';
import { DeliveryEngine } from '../src/delivery/engine';
import type { PinnedFetch } from '../src/delivery/pinnedFetch';
import { DeliveryWorker } from '../src/delivery/worker';
import { deliveryRig, FAST_POLICY, patientSnapshot, scriptedEhr, upserted } from './delivery.fixtures';
import { storageBackends } from './storage.fixtures';

/**
 * What the delivery worker sends where, and what it says of a failure: an EHR's answer never
 * reaches `lastError` or the log, a redirect is not followed, and an organization's own EHR
 * system is checked after DNS before every request, then connected to at the checked address.
 */

/** What an EHR may answer with an error: the payload it was sent, patient data included. */
const ECHO = 'Unknown key for patient Marisol Vega, born 1984-07-09, secret-4242';

function capture() {
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger('ehr', {}, (line) => lines.push(JSON.parse(line) as Record<string, unknown>));
  return { lines, logger, events: (name: string) => lines.filter((l) => l['event'] === name) };
}

const { backends, drop } = storageBackends('ehrdest');
afterAll(() => drop());

describe.each(backends)('an EHR’s error answer ($name)', (backend) => {
  it('is summarised as its status in lastError, and only sized and hashed in the log', async () => {
    const { a: storage, close } = await backend.pair();
    try {
      const log = capture();
      const ehr = scriptedEhr([
        { status: 500, body: { error: ECHO } },
        { status: 422, body: { error: ECHO } },
      ]);
      const engine = new DeliveryEngine({ ...storage, ehr: storage.store, logger: log.logger });
      const worker = new DeliveryWorker({
        ehr: storage.store,
        transactions: storage.transactions,
        logger: log.logger,
        policy: FAST_POLICY,
        random: () => 1,
        fetch: ehr.fetch,
      });
      await engine.ingest([upserted(patientSnapshot({ id: 'pt-echo' }))]);
      await worker.tick();
      expect((await storage.transactions.byPatient('pt-echo')).map((t) => [t.status, t.lastError])).toEqual([
        ['FAILED', 'The EHR answered HTTP 500.'],
      ]);
      await new Promise((resolve) => setTimeout(resolve, 30));
      await worker.tick();
      expect((await storage.transactions.byPatient('pt-echo')).map((t) => [t.status, t.lastError])).toEqual([
        ['DEAD', 'The EHR refused the request (HTTP 422).'],
      ]);
      expect(JSON.stringify(log.lines)).not.toMatch(/Marisol|Vega|1984-07-09|secret-4242/);
      const bodyBytes = Buffer.byteLength(JSON.stringify({ error: ECHO }));
      expect(log.events('delivery.retrying')[0]).toMatchObject({ reason: 'status', status: 500, bodyBytes });
      expect(log.events('delivery.dead')[0]).toMatchObject({ reason: 'refused', status: 422, bodyBytes });
      expect(log.events('delivery.dead')[0]!['bodyHash']).toMatch(/^[0-9a-f]{12}$/);
    } finally {
      await close();
    }
  });
});

describe('a redirect from the operator’s EHR', () => {
  it('is not followed: the transaction is DEAD, saying so', async () => {
    const redirects: RequestInit['redirect'][] = [];
    const fetchImpl = ((_url: string, init?: RequestInit) => {
      redirects.push(init?.redirect);
      return Promise.resolve(new Response(null, { status: 302, headers: { location: 'http://169.254.169.254/' } }));
    }) as unknown as typeof fetch;
    const rig = deliveryRig({ fetch: fetchImpl });
    await rig.engine.ingest([upserted()]);
    await rig.worker.tick();
    expect(redirects).toEqual(['manual']);
    expect((await rig.transactions.byPatient('pt-d1')).map((t) => [t.status, t.lastError])).toEqual([
      ['DEAD', 'The EHR redirected the request (HTTP 302); redirects are not followed.'],
    ]);
  });
});

/** Lakeside's own EHR system, which it made with createEhrSystem and runs. */
function privateSystem(baseUrl: string): EhrSystemRecord {
  return {
    id: 'ehr-lakeside-own',
    name: 'Lakeside Own',
    baseUrl,
    shared: false,
    ownerOrganizationId: 'org-lakeside',
    kind: 'KEY_VALUE',
    endpoints: [{ path: '/persons', categories: ['DEMOGRAPHICS'], keys: [], createsPatient: true }],
    mappings: [
      {
        version: 1,
        publishedAt: '2026-03-01T10:00:00.000Z',
        publishedBy: 'user-1',
        note: null,
        restoredFrom: null,
        fields: [{ source: 'name', target: 'PERSON_NAME', endpoint: '/persons' }],
      },
    ],
  };
}

const DEVELOPMENT = { requireHttps: false, allowedOrigins: new Set<string>() };

/** Lakeside on its own system, with DNS and the pinned HTTP client replaced, recording both. */
async function privateRig(baseUrl: string, answers: Record<string, LookupAddress[] | Error>, policy = DEVELOPMENT) {
  const asked: string[] = [];
  const resolve: Resolver = (hostname) => {
    asked.push(hostname);
    const answer = answers[hostname] ?? new Error(`getaddrinfo ENOTFOUND ${hostname}`);
    return answer instanceof Error ? Promise.reject(answer) : Promise.resolve(answer);
  };
  const pinned: { url: string; addresses: readonly LookupAddress[] }[] = [];
  const pinnedFetch: PinnedFetch = (url, _init, addresses) => {
    pinned.push({ url: url.href, addresses });
    return Promise.resolve(new Response(JSON.stringify({ patientId: 'OWN-1' }), { status: 201 }));
  };
  const shared = scriptedEhr();
  const log = capture();
  const rig = deliveryRig({
    fetch: shared.fetch,
    systems: [privateSystem(baseUrl)],
    destinations: new DestinationGuard(policy, resolve),
    pinnedFetch,
    logger: log.logger,
  });
  await rig.ehr.setEhrSystem('org-lakeside', 'ehr-lakeside-own');
  await rig.engine.ingest([upserted()]);
  await rig.worker.tick();
  const [transaction] = await rig.transactions.byPatient('pt-d1');
  return { transaction, asked, pinned, sharedRequests: shared.requests, log };
}

const NOT_ALLOWED = "The EHR system's address is not allowed.";

describe('sending to an organization’s own EHR system', () => {
  it('resolves its host, then connects to exactly the checked addresses, never through the shared client', async () => {
    const sent = await privateRig('https://ehr.lakeside.example/api', {
      'ehr.lakeside.example': [{ address: '93.184.215.14', family: 4 }],
    });
    expect([sent.transaction?.status, sent.transaction?.ehrPatientId]).toEqual(['DELIVERED', 'OWN-1']);
    expect(sent.asked).toEqual(['ehr.lakeside.example']);
    expect(sent.pinned).toEqual([
      { url: 'https://ehr.lakeside.example/api/persons', addresses: [{ address: '93.184.215.14', family: 4 }] },
    ]);
    expect(sent.sharedRequests).toEqual([]);
  });

  it('refuses a host name that resolves to loopback: DEAD, nothing sent, logged with a reason code only', async () => {
    const sent = await privateRig('https://ehr.lakeside.example', {
      'ehr.lakeside.example': [{ address: '127.0.0.1', family: 4 }],
    });
    expect([sent.transaction?.status, sent.transaction?.lastError]).toEqual(['DEAD', NOT_ALLOWED]);
    expect([sent.pinned, sent.sharedRequests]).toEqual([[], []]);
    expect(sent.log.events('delivery.dead')[0]).toMatchObject({ reason: 'address_not_allowed', refusal: 'LOOPBACK' });
    expect(JSON.stringify(sent.log.lines)).not.toContain('lakeside.example');
  });

  it('refuses a name with any refused address among its answers (rebinding, mixed answers)', async () => {
    for (const addresses of [
      [
        { address: '93.184.215.14', family: 4 },
        { address: '10.0.0.5', family: 4 },
      ],
      [{ address: '::ffff:169.254.169.254', family: 6 }],
      [{ address: 'fe80::1', family: 6 }],
    ]) {
      const sent = await privateRig('https://ehr.lakeside.example', { 'ehr.lakeside.example': addresses });
      expect([sent.transaction?.status, sent.transaction?.lastError, sent.pinned]).toEqual(['DEAD', NOT_ALLOWED, []]);
    }
  });

  it('refuses a stored base URL that is itself refused without asking DNS (e.g. one made before the checks)', async () => {
    const sent = await privateRig('http://169.254.169.254/latest', {});
    expect([sent.transaction?.status, sent.transaction?.lastError, sent.asked]).toEqual(['DEAD', NOT_ALLOWED, []]);
  });

  it('retries a name that does not resolve, as an EHR that cannot be reached', async () => {
    const sent = await privateRig('https://ehr.lakeside.example', {});
    expect([sent.transaction?.status, sent.transaction?.lastError]).toEqual([
      'FAILED',
      'The EHR could not be reached.',
    ]);
  });

  it('sends to an allow-listed origin on this machine, but never to link-local even when listed', async () => {
    const policy = {
      requireHttps: true,
      allowedOrigins: new Set(['http://127.0.0.1:4010', 'http://169.254.169.254']),
    };
    const sandbox = await privateRig('http://127.0.0.1:4010/own', {}, policy);
    expect(sandbox.transaction?.status).toBe('DELIVERED');
    expect(sandbox.pinned).toEqual([
      { url: 'http://127.0.0.1:4010/own/persons', addresses: [{ address: '127.0.0.1', family: 4 }] },
    ]);
    const metadata = await privateRig('http://169.254.169.254', {}, policy);
    expect([metadata.transaction?.status, metadata.pinned]).toEqual(['DEAD', []]);
  });
});

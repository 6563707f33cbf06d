import { beforeAll, describe, expect, it } from 'vitest';
import { createTestAuth, execute, staff, type TestAuth } from '@carebridge/common/testing';
import { createService, type EhrService } from '../src/server';
import { patientSnapshot, upserted } from './delivery.fixtures';

let auth: TestAuth;
let service: EhrService;
let transactionId: string;

beforeAll(async () => {
  auth = await createTestAuth();
  service = createService({ verifier: auth.verifier });
  // A Lakeside patient's change, as the patient subgraph's outbox would deliver it.
  await service.shared.delivery.ingest([upserted(patientSnapshot())]);
  transactionId = (await service.shared.transactions.byPatient('pt-d1'))[0]!.id;
});

const codes = (result: { errors?: readonly { extensions?: Record<string, unknown> }[] }) =>
  result.errors?.map((e) => e.extensions?.['code']);

describe('EHR transactions are their organization’s alone', () => {
  it('lists a transaction to its organization’s staff with what was sent', async () => {
    const result = await execute(
      service,
      '{ ehrTransactions { totalCount nodes { id status trigger method endpoint mappingVersion payload } } }',
      {},
      await auth.headers(staff('org-lakeside')),
    );
    expect(result.data?.['ehrTransactions']).toMatchObject({
      totalCount: 1,
      nodes: [
        {
          id: transactionId,
          status: 'PENDING',
          trigger: 'PATIENT_CREATED',
          method: 'POST',
          endpoint: '/api/patient',
          mappingVersion: 1,
        },
      ],
    });
  });

  it('shows another organization nothing: an empty list, and null with FORBIDDEN by id', async () => {
    const headers = await auth.headers(staff('org-riverside'));
    const list = await execute(service, '{ ehrTransactions { totalCount } }', {}, headers);
    const one = await execute(
      service,
      'query ($id: ID!) { ehrTransaction(id: $id) { id payload } }',
      { id: transactionId },
      headers,
    );
    expect([list.data, one.data, codes(one)]).toEqual([
      { ehrTransactions: { totalCount: 0 } },
      { ehrTransaction: null },
      ['FORBIDDEN'],
    ]);
  });

  it('refuses to resend or replay another organization’s data', async () => {
    const headers = await auth.headers(staff('org-riverside'));
    const resend = await execute(service, 'mutation { resendPatientToEhr(patientId: "pt-d1") { id } }', {}, headers);
    const replay = await execute(
      service,
      'mutation ($id: ID!) { replayEhrTransaction(id: $id) { id } }',
      { id: transactionId },
      headers,
    );
    expect([codes(resend), codes(replay)]).toEqual([['FORBIDDEN'], ['FORBIDDEN']]);
    expect(await service.shared.transactions.byPatient('pt-d1')).toHaveLength(1);
  });

  it('replays only a DEAD transaction', async () => {
    const result = await execute(
      service,
      'mutation ($id: ID!) { replayEhrTransaction(id: $id) { id } }',
      { id: transactionId },
      await auth.headers(staff('org-lakeside')),
    );
    expect(result.errors?.[0]?.message).toBe('Invalid input. id: only a DEAD transaction can be replayed');
  });
});

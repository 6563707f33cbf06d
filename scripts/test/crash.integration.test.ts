import { afterEach, describe, expect, it } from 'vitest';
import { launchServices, login, type LaunchedServices } from '../lib/stack';
import { CREATE, durableEnv, must, person, settled, UPDATE, waitFor, type DurableEnv } from './support/durability';

/**
 * A change is answered, and the service that made it is killed with SIGKILL at once: no drain, no
 * outbox flush. Once it is started again on the same schema the change reaches the EHR exactly
 * once: the answer meant the change and its event were committed together, and the event's id
 * makes a redelivery add nothing. The same for the ehr service killed while it delivers.
 */

interface Delivery {
  trigger: string;
  status: string;
  ehr_patient_id: string | null;
}

describe('a service killed with SIGKILL right after it answered a change', () => {
  let durable: DurableEnv | undefined;
  let stack: LaunchedServices | undefined;
  afterEach(async () => {
    await stack?.stop();
    await durable?.close();
    stack = undefined;
    durable = undefined;
  });

  /** The patient's transactions, and what the EHR sandbox holds for it. */
  const deliveries = async (patientId: string) => {
    const rows = await durable!.query<Delivery>(
      'SELECT trigger, status, ehr_patient_id FROM $schema.ehr_transaction WHERE patient_id = $1 ORDER BY seq',
      [patientId],
    );
    const ehrPatientId = rows.find((row) => row.ehr_patient_id)?.ehr_patient_id;
    const record = ehrPatientId ? durable!.sandbox.store.getPatient('athena', ehrPatientId) : undefined;
    // Whether the EHR has the new name, not the body itself: a failure message should not carry it.
    const renamed = JSON.stringify(record?.demographics ?? {}).includes('Crashproof');
    return {
      rows,
      writes: record?.writes ?? 0,
      renamed,
      ehrPatients: durable!.sandbox.store.listPatients('athena').length,
    };
  };

  for (const victim of ['patient', 'ehr'] as const) {
    it(`delivers the change exactly once when the ${victim} service is killed at once`, async () => {
      durable = await durableEnv(`crash_${victim}`);
      stack = await launchServices({ env: durable.env, onLine: () => {} });
      const token = await login(stack.gatewayUrl, 'clinician@riverside.test');
      const { createPatient } = await must<{ createPatient: { id: string } }>(stack.gatewayUrl, token, CREATE, {
        input: person(3),
      });
      await settled(durable);

      const answered = await must<{ updatePatient: { version: number } }>(stack.gatewayUrl, token, UPDATE, {
        id: createPatient.id,
        input: { lastName: 'Crashproof' },
        v: 1,
      });
      // As soon as the answer is in: the relay may not have run yet.
      const killed = stack.kill(victim, 'SIGKILL');
      await killed;
      expect(answered.updatePatient.version).toBe(2);
      await stack.restart(victim);

      await settled(durable);
      const { rows, writes, renamed, ehrPatients } = await waitFor(
        'the update at the EHR',
        () => deliveries(createPatient.id),
        (d) => d.writes >= 2,
      );
      // Exactly once at the EHR: one patient, its creation and this update, nothing replayed as new.
      expect({ writes, renamed, ehrPatients }).toEqual({ writes: 2, renamed: true, ehrPatients: 1 });
      // And recorded as what it was: an update of a patient the ehr service already knew (its
      // snapshots of patients must survive the restart too).
      expect(rows.map((row) => [row.trigger, row.status])).toEqual([
        ['PATIENT_CREATED', 'DELIVERED'],
        ['PATIENT_UPDATED', 'DELIVERED'],
      ]);
      // And the change is still there to read.
      const read = await must<{ patient: { version: number; lastName: string } }>(
        stack.gatewayUrl,
        token,
        'query ($id: ID!) { patient(id: $id) { version lastName } }',
        { id: createPatient.id },
      );
      expect(read.patient).toEqual({ version: 2, lastName: 'Crashproof' });
    }, 180_000);
  }
});

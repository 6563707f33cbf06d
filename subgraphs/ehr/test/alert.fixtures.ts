import type { EhrTransactionRecord } from '../src/data/records';

/**
 * A transaction as the alert rules see it: metadata only (status, attempts, times), by default a
 * Lakeside one to Allscripts that became DEAD at `at`.
 */
export function alertTransaction(
  id: string,
  at: string,
  overrides: Partial<EhrTransactionRecord> = {},
): EhrTransactionRecord {
  return {
    id,
    organizationId: 'org-lakeside',
    patientId: `pt-${id}`,
    ehrSystemId: 'ehr-allscripts',
    endpoint: '/api/patient',
    method: 'POST',
    mappingVersion: 1,
    status: 'DEAD',
    trigger: 'PATIENT_CREATED',
    attempts: 4,
    nextAttemptAt: null,
    lastError: 'The EHR answered HTTP 500.',
    idempotencyKey: id,
    ehrPatientId: null,
    payload: {},
    source: null,
    replayOf: null,
    createdAt: at,
    updatedAt: at,
    deliveredAt: null,
    ...overrides,
  };
}

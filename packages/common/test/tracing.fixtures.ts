import type { ChangeEvent } from '../src/events';

/** A change event with no patient data, for the tracing tests. */
export const deletedEvent = (id: string): ChangeEvent => ({
  id,
  type: 'patient.deleted',
  organizationId: 'org-1',
  patientId: 'pt-1',
  occurredAt: '2026-12-03T00:00:00.000Z',
});

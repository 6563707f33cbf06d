import type { ChangeEvent, Logger } from '@carebridge/common';
import type { ClinicalStore } from './store';

/**
 * What this subgraph does with the change events the patient subgraph's relay posts to its
 * `/internal/events` (only `patient.deleted` is sent here): a deleted patient is erased
 * (`ClinicalStore.erasePatient`: a tombstone, the responses and their undelivered events deleted).
 * Every other event is ignored: this subgraph keeps nothing of a patient but the answers, so no
 * later `patient.upserted` can bring a deleted patient back, and a redelivered deletion erases
 * nothing more (the first deletion's time stays).
 */
export async function applyPatientEvents(
  store: ClinicalStore,
  events: readonly ChangeEvent[],
  logger: Logger,
): Promise<{ applied: number; ignored: number }> {
  let applied = 0;
  for (const event of events) {
    if (event.type !== 'patient.deleted') continue;
    const erased = await store.erasePatient({
      patientId: event.patientId,
      organizationId: event.organizationId,
      deletedAt: instant(event.occurredAt),
    });
    applied++;
    // Ids and a count only.
    logger.info('patient.erased', { eventId: event.id, patientId: event.patientId, responses: erased });
  }
  return { applied, ignored: events.length - applied };
}

/** The event's time as an ISO instant; now when it carries none (a tombstone needs one). */
function instant(occurredAt: unknown): string {
  const at = typeof occurredAt === 'string' ? new Date(occurredAt) : new Date(Number.NaN);
  return (Number.isNaN(at.getTime()) ? new Date() : at).toISOString();
}

import {
  audited,
  badUserInput,
  notFound,
  requireOrganization,
  requireRole,
  requireStaff,
  type ChangeAudit,
} from '@carebridge/common';
import type { MutationResolvers } from '../__generated__/resolvers-types';
import { OTHER_ORGANIZATION, requireAdmin } from '../access';
import { REPLAY_BATCH, replayable } from './failedNow';

// Each sends patient data to an EHR again: audited as ehr.resend / ehr.replay with the patients,
// the ALLOWED record written by the transaction store with the transactions it queues.
export const deliveryMutations: MutationResolvers = {
  resendPatientToEhr: (_parent, { patientId }, context) =>
    audited(context, { action: 'ehr.resend', patientIds: [patientId] }, async (change: ChangeAudit) => {
      const viewer = requireStaff(context);
      const copy = await context.snapshots.get(patientId);
      if (!copy?.record || copy.deleted) throw notFound('Patient', patientId);
      requireOrganization(context, copy.organizationId, OTHER_ORGANIZATION.patient);
      const queued = await context.delivery.resend(patientId, change);
      context.logger.info('delivery.resent', { patientId, userId: viewer.userId, count: queued.length });
      return queued;
    }),

  resendToEhr: (_parent, { filter, dryRun }, context) => {
    // Filled inside the audited body (after the staff check), read when the record is written.
    let patientIds: readonly string[] = [];
    return audited(
      context,
      {
        action: 'ehr.resend',
        patientIds: () => patientIds,
        patientCount: (result) => result.patientCount,
        detail: (result) => (result.dryRun ? 'dry-run' : undefined),
      },
      async (change: ChangeAudit) => {
        const physicianId = filter?.primaryCarePhysicianId ?? undefined;
        // Sending the whole organization again is an ADMIN's call; anyone on staff may resend one physician's patients.
        const viewer =
          physicianId === undefined
            ? requireRole(context, ['ADMIN'], {
                message:
                  "Resending every patient of the organization needs the ADMIN role; choose one physician's patients.",
                log: { action: 'resendToEhr' },
              })
            : requireStaff(context);
        patientIds = await context.snapshots.patientsOf(viewer.organizationId, physicianId);
        if (dryRun !== false) {
          return {
            dryRun: true,
            patientCount: patientIds.length,
            requestCount: await context.delivery.countRequests(patientIds),
          };
        }
        // All of them or none, with the record naming every patient selected.
        const requestCount = (await context.delivery.resendAll(patientIds, change.concerning(patientIds))).length;
        context.logger.info('delivery.bulk_resent', {
          organizationId: viewer.organizationId,
          userId: viewer.userId,
          patients: patientIds.length,
          requests: requestCount,
        });
        return { dryRun: false, patientCount: patientIds.length, requestCount };
      },
    );
  },

  replayEhrTransaction: async (_parent, { id, mapping }, context) => {
    const known = await context.transactions.get(id);
    return audited(
      context,
      { action: 'ehr.replay', patientIds: known ? [known.patientId] : [] },
      async (change: ChangeAudit) => {
        requireStaff(context);
        const dead = await context.transactions.get(id);
        if (!dead) throw notFound('EhrTransaction', id);
        requireOrganization(context, dead.organizationId, OTHER_ORGANIZATION.transaction);
        if (dead.status !== 'DEAD')
          throw badUserInput([{ field: 'id', message: 'only a DEAD transaction can be replayed' }]);
        // A second replay would send the same data again under a new idempotency key.
        const earlier = await context.transactions.replayedBy(dead.id);
        if (earlier) {
          throw badUserInput([
            {
              field: 'id',
              message: `this transaction was already replayed as ${earlier.id}; replay that one instead if it failed too`,
            },
          ]);
        }
        // Of two concurrent replays that both got here, the store refuses the second (one replay per
        // transaction is a constraint there, not a check here).
        const replay = await context.delivery.replay(dead, mapping ?? 'CURRENT', change);
        context.logger.info('delivery.replayed', { transactionId: id, replayId: replay.id });
        return replay;
      },
    );
  },

  replayFailedEhrTransactions: (_parent, { dryRun }, context) => {
    // Filled inside the audited body (after the ADMIN check), read when the record is written.
    let patientIds: readonly string[] = [];
    return audited(
      context,
      {
        action: 'ehr.replay',
        patientIds: () => patientIds,
        patientCount: () => patientIds.length,
        detail: (result) => (result.dryRun ? 'dry-run' : undefined),
      },
      async (change: ChangeAudit) => {
        const admin = await requireAdmin(context);
        const candidates = replayable(await context.transactions.list(admin.organizationId, {}));
        const batch = candidates.slice(0, REPLAY_BATCH);
        patientIds = [...new Set(batch.map((t) => t.patientId))];
        const counts = { replayCount: batch.length, remainingCount: candidates.length - batch.length };
        if (dryRun !== false) return { dryRun: true, ...counts };
        // All of them or none (a concurrent replay of one refuses the step), under one record.
        const replays = await context.delivery.replayAll(batch, change.concerning(patientIds));
        context.logger.info('delivery.bulk_replayed', {
          organizationId: admin.organizationId,
          userId: admin.userId,
          count: replays.length,
          remaining: counts.remainingCount,
        });
        return { dryRun: false, ...counts };
      },
    );
  },
};

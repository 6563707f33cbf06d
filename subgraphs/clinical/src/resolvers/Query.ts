import { readAuditTrail, requireStaff } from '@carebridge/common';
import type { QueryResolvers } from '../__generated__/resolvers-types';
import {
  auditedResponseRead,
  canReadQuestionnaire,
  readableQuestionnaire,
  requireLinkPatientExists,
  INTAKE_ONLY_MESSAGE,
} from '../access';

export const Query: QueryResolvers = {
  questionnaire: async (_parent, { id }, context) => {
    await requireLinkPatientExists(context);
    return readableQuestionnaire(context, await context.store.questionnaire(id), id) ?? null;
  },
  intakeLinkUsed: async (_parent, _args, context) => {
    const { viewer, store } = context;
    if (viewer.kind !== 'intake') return null;
    await requireLinkPatientExists(context);
    return store.isLinkUsed(viewer.linkId);
  },
  questionnaires: async (_parent, { includeRetired }, context) => {
    const viewer = requireStaff(context, { message: INTAKE_ONLY_MESSAGE, log: { action: 'questionnaires' } });
    return (await context.store.questionnaires({ includeRetired })).filter((q) => canReadQuestionnaire(viewer, q));
  },
  questionnaireResponse: (_parent, { id }, context) => auditedResponseRead(context, id),
  clinicalAuditLog: (_parent, { first, after }, context) => readAuditTrail(context, { first, after }),
};

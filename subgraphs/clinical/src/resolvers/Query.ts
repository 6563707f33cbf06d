import { audited, readAuditTrail, requireStaff } from '@carebridge/common';
import type { QueryResolvers } from '../__generated__/resolvers-types';
import {
  canReadQuestionnaire,
  readableQuestionnaire,
  readableResponse,
  responseRead,
  INTAKE_ONLY_MESSAGE,
} from '../access';

export const Query: QueryResolvers = {
  questionnaire: (_parent, { id }, context) =>
    readableQuestionnaire(context, context.store.questionnaire(id), id) ?? null,
  questionnaires: (_parent, { includeRetired }, context) => {
    const viewer = requireStaff(context, { message: INTAKE_ONLY_MESSAGE, log: { action: 'questionnaires' } });
    return context.store.questionnaires({ includeRetired }).filter((q) => canReadQuestionnaire(viewer, q));
  },
  questionnaireResponse: (_parent, { id }, context) => {
    const response = context.store.response(id);
    return audited(context, responseRead(response), () => readableResponse(context, response, id) ?? null);
  },
  clinicalAuditLog: (_parent, { first, after }, context) => readAuditTrail(context, { first, after }),
};

import { badUserInput, notFound, perEntity, requireStaff } from '@carebridge/common';
import type { QuestionnaireResolvers } from '../__generated__/resolvers-types';
import { CATEGORY_FIELDS, QUESTION_PREFIX } from '../mapping/build';
import { usableSystem } from '../access';

export const Questionnaire: QuestionnaireResolvers = {
  // The clinical subgraph owns questionnaires and who reads them; this subgraph only adds the
  // coverage report, computed from the items the gateway passes along.
  __resolveReference: (reference, context) =>
    perEntity(() => {
      requireStaff(context);
      return reference;
    }),
  unmappedItems: async (questionnaire, { ehrSystemId }, context) => {
    const { organizationId } = requireStaff(context);
    if (!Array.isArray(questionnaire.items)) {
      // Only reachable when called without the gateway, which always supplies @requires fields.
      throw badUserInput([{ field: 'representation', message: 'Questionnaire.unmappedItems needs its items' }]);
    }
    const system = await usableSystem(context, organizationId, ehrSystemId);
    if (!system) throw notFound('EhrSystem', ehrSystemId);
    const sources = new Set((await context.mappings.current(system.id, organizationId)).fields.map((f) => f.source));
    return questionnaire.items
      .filter(
        (item) => !sources.has(`${QUESTION_PREFIX}${item.linkId}`) && !sources.has(CATEGORY_FIELDS[item.category]),
      )
      .map((item) => item.linkId);
  },
};

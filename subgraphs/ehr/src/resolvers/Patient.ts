import { perEntity, requireSameOrganization, requireStaff } from '@carebridge/common';
import { GraphQLError } from 'graphql';
import type { PatientResolvers } from '../__generated__/resolvers-types';
import { ehrSystemOf } from './Organization';

export const Patient: PatientResolvers = {
  // The gateway sends the key and, for ehrSystem, the @required organization id: keep both.
  __resolveReference: (reference, context) =>
    perEntity(() => {
      requireStaff(context);
      return reference;
    }),
  ehrSystem: (patient, _args, context) => {
    const organizationId = patient.organization?.id;
    if (!organizationId) {
      // Only reachable when called without the gateway, which always supplies @requires fields.
      throw new GraphQLError('Patient.ehrSystem needs the patient organization id (@requires)', {
        extensions: { code: 'BAD_USER_INPUT' },
      });
    }
    // The patient subgraph already refuses other organizations' patients; this subgraph checks
    // again, since it can be called with any representation.
    requireSameOrganization(context, organizationId, 'This patient');
    return ehrSystemOf(context.store, organizationId);
  },
};

import { GraphQLError } from 'graphql';
import type { PatientResolvers } from '../__generated__/resolvers-types';
import { ehrSystemOf } from './Organization';

export const Patient: PatientResolvers = {
  // The gateway sends the key and, for ehrSystem, the @required organization id: keep both.
  __resolveReference: (reference) => reference,
  ehrSystem: (patient, _args, { store }) => {
    const organizationId = patient.organization?.id;
    if (!organizationId) {
      // Only reachable when called without the gateway, which always supplies @requires fields.
      throw new GraphQLError('Patient.ehrSystem needs the patient organization id (@requires)', {
        extensions: { code: 'BAD_USER_INPUT' },
      });
    }
    return ehrSystemOf(store, organizationId);
  },
};

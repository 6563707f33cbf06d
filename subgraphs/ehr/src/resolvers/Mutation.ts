import type { MutationResolvers } from '../__generated__/resolvers-types';
import { alertMutations } from './alerts';
import { deliveryMutations } from './deliveryMutations';
import { mappingMutations } from './mappingMutations';
import { organizationMutations } from './organizationMutations';

/** Every mutation of the subgraph; each area keeps its own in its own file. */
export const Mutation: MutationResolvers = {
  ...organizationMutations,
  ...mappingMutations,
  ...deliveryMutations,
  ...alertMutations,
};

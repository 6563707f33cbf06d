import { deny, Problems, requireRole } from '@carebridge/common';
import type { MutationResolvers } from '../__generated__/resolvers-types';
import { requireRegistered, usableSystem } from '../access';
import type { Context } from '../context';
import { organizationName } from '../mapping/validate';

/**
 * A system the organization may choose: shared, or its own. Another organization's is unknown
 * here, exactly as an id that does not exist (a new clinic has none of its own yet).
 */
async function checkEhrSystem(
  context: Context,
  organizationId: string,
  ehrSystemId: string,
  problems: Problems,
): Promise<void> {
  if (!(await usableSystem(context, organizationId, ehrSystemId))) {
    problems.add('ehrSystemId', 'is not a known EHR system');
  }
}

/** The organization mutations: sign-up registration and switching EHR system. */
export const organizationMutations: Pick<MutationResolvers, 'registerOrganization' | 'setOrganizationEhrSystem'> = {
  registerOrganization: async (_parent, { input }, context) => {
    const { store, logger } = context;
    const admin = requireRole(context, ['ADMIN']);
    // Only the gateway's sign-up mints an ADMIN token for an organization that does not exist yet;
    // any other token names an existing organization and cannot create one.
    if (await store.organization(admin.organizationId)) {
      throw deny(context, 'ORGANIZATION_EXISTS', { message: 'Your organization is already registered.' });
    }
    const problems = new Problems();
    const name = organizationName(input.name, problems);
    await checkEhrSystem(context, admin.organizationId, input.ehrSystemId, problems);
    problems.throwIfAny();
    const organization = { id: admin.organizationId, name, kind: input.kind, ehrSystemId: input.ehrSystemId };
    await store.addOrganization(organization);
    logger.info('organization.registered', { organizationId: organization.id, ehrSystemId: organization.ehrSystemId });
    return organization;
  },

  setOrganizationEhrSystem: async (_parent, { ehrSystemId }, context) => {
    const { store, logger } = context;
    const admin = requireRole(context, ['ADMIN']);
    const problems = new Problems();
    await checkEhrSystem(context, admin.organizationId, ehrSystemId, problems);
    problems.throwIfAny();
    await requireRegistered(context, admin);
    const organization = await store.setEhrSystem(admin.organizationId, ehrSystemId);
    logger.info('organization.ehrSystemChanged', { organizationId: organization.id, ehrSystemId });
    return organization;
  },
};

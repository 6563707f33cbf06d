import { perEntity, requireSameOrganization, requireStaff } from '@carebridge/common';
import type { EhrTransactionResolvers } from '../__generated__/resolvers-types';

export const EhrTransaction: EhrTransactionResolvers = {
  __resolveReference: ({ id }, context) =>
    perEntity(() => {
      requireStaff(context);
      const transaction = context.transactions.get(id);
      if (transaction) requireSameOrganization(context, transaction.organizationId, 'This transaction');
      return transaction ?? null;
    }),
  patient: (transaction) => ({ id: transaction.patientId }),
  ehrSystem: (transaction, _args, { store }) => {
    const system = store.ehrSystem(transaction.ehrSystemId);
    if (!system) throw new Error(`EHR system ${transaction.ehrSystemId} is gone`);
    return system;
  },
};

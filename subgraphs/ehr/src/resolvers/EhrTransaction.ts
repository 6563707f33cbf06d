import type { EhrTransactionResolvers } from '../__generated__/resolvers-types';
import { readTransaction } from './deliveryQueries';

export const EhrTransaction: EhrTransactionResolvers = {
  // `readTransaction` is async (audited), so a refusal fails only its own entity.
  __resolveReference: ({ id }, context) => readTransaction(context, id),
  patient: (transaction) => ({ id: transaction.patientId }),
  ehrSystem: (transaction, _args, { store }) => {
    const system = store.ehrSystem(transaction.ehrSystemId);
    if (!system) throw new Error(`EHR system ${transaction.ehrSystemId} is gone`);
    return system;
  },
};

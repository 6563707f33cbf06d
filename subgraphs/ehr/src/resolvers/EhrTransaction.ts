import type { EhrTransactionResolvers } from '../__generated__/resolvers-types';
import { readTransaction } from './deliveryQueries';
import { codeDeliveryError } from './deliveryErrors';

export const EhrTransaction: EhrTransactionResolvers = {
  // `readTransaction` is async (audited), so a refusal fails only its own entity.
  __resolveReference: ({ id }, context) => readTransaction(context, id),
  patient: (transaction) => ({ id: transaction.patientId }),
  ehrSystem: async (transaction, _args, { store }) => {
    const system = await store.ehrSystem(transaction.ehrSystemId);
    if (!system) throw new Error(`EHR system ${transaction.ehrSystemId} is gone`);
    return system;
  },
  // The replay shares its transaction's organization and patient: the parent's read covers it.
  lastErrorCode: (transaction) => codeDeliveryError(transaction.lastError)?.code ?? null,
  lastErrorCause: (transaction) => codeDeliveryError(transaction.lastError)?.cause ?? null,
  lastErrorHttpStatus: (transaction) => codeDeliveryError(transaction.lastError)?.httpStatus ?? null,
  replayedBy: async (transaction, _args, { transactions }) => (await transactions.replayedBy(transaction.id)) ?? null,
};

import type { MockLink } from '@apollo/client/testing';
import type { DeliveryTransactionRow_TransactionFragment, EhrTransactionStatus } from '../__generated__/graphql';
import { DeliveryPatientQuery } from './PatientCell';
import { BulkProvidersQuery } from './ProviderSelect';
import { DeliveryStatusCountsQuery } from './StatusCounts';
import { DeliveryTransactionsQuery, PAGE_SIZE } from './TransactionsPanel';

type Transaction = DeliveryTransactionRow_TransactionFragment;

export function transaction(overrides: Partial<Transaction> = {}): Transaction {
  return {
    __typename: 'EhrTransaction',
    id: 'tx-1',
    createdAt: '2026-03-01T09:30:00Z',
    endpoint: '/patients',
    trigger: 'PATIENT_CREATED',
    attempts: 1,
    mappingVersion: 3,
    status: 'DELIVERED',
    lastError: null,
    patient: { __typename: 'Patient', id: 'pt-1' },
    ...overrides,
  };
}

export const dead = (overrides: Partial<Transaction> = {}) =>
  transaction({
    id: 'tx-dead',
    status: 'DEAD',
    attempts: 5,
    lastError: 'EHR answered 422: DATE_OF_BIRTH_PATIENT is required',
    endpoint: '/patients/{ehrPatientId}/demographics',
    ...overrides,
  });

export function transactionsMock(
  nodes: Transaction[],
  {
    status,
    after,
    hasNextPage = false,
    endCursor = nodes.length > 0 ? `cursor-${nodes.length}` : null,
    totalCount = nodes.length,
  }: {
    status?: EhrTransactionStatus;
    after?: string;
    hasNextPage?: boolean;
    endCursor?: string | null;
    totalCount?: number;
  } = {},
): MockLink.MockedResponse {
  return {
    request: {
      query: DeliveryTransactionsQuery,
      variables: {
        first: PAGE_SIZE,
        filter: status ? { status } : {},
        ...(after === undefined ? {} : { after }),
      },
    },
    result: {
      data: {
        ehrTransactions: {
          __typename: 'EhrTransactionConnection',
          totalCount,
          pageInfo: { __typename: 'PageInfo', hasNextPage, endCursor },
          nodes,
        },
      },
    },
  };
}

/** The counts by status, answered as often as asked (polls, refreshes). */
export function countsMock({ pending = 0, failed = 0, delivered = 0, dead = 0 } = {}): MockLink.MockedResponse {
  const count = (totalCount: number) => ({ __typename: 'EhrTransactionConnection', totalCount });
  return {
    request: { query: DeliveryStatusCountsQuery },
    result: {
      data: { pending: count(pending), failed: count(failed), delivered: count(delivered), dead: count(dead) },
    },
    maxUsageCount: Number.POSITIVE_INFINITY,
  };
}

/** Patients by id, as often as asked; an id not listed does not resolve (null). */
export function patientsByIdMock(
  names: Record<string, [firstName: string, lastName: string]> = { 'pt-1': ['Ana', 'García'] },
): MockLink.MockedResponse {
  return {
    request: { query: DeliveryPatientQuery, variables: () => true },
    result: ({ id }: { id: string }) => {
      const name = names[id];
      return {
        data: { patient: name ? { __typename: 'Patient', id, firstName: name[0], lastName: name[1] } : null },
      };
    },
    maxUsageCount: Number.POSITIVE_INFINITY,
  };
}

export const PROVIDERS = [
  { __typename: 'Provider', id: 'prov-1', displayName: 'Dr. Maya Okafor', specialty: 'Family Medicine' },
  { __typename: 'Provider', id: 'prov-2', displayName: 'Dr. Luis Ortega', specialty: 'Internal Medicine' },
] as const;

export function providersMock(): MockLink.MockedResponse {
  return {
    request: { query: BulkProvidersQuery },
    result: { data: { providers: PROVIDERS } },
    maxUsageCount: Number.POSITIVE_INFINITY,
  };
}

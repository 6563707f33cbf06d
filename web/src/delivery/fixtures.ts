import type { InMemoryCache, NormalizedCacheObject } from '@apollo/client';
import type { MockLink } from '@apollo/client/testing';
import type { GraphQLFormattedError } from 'graphql';
import type { DeliveryTransactionRow_TransactionFragment, EhrTransactionStatus } from '../__generated__/graphql';
import { createCache } from '../apollo/cache';
import { DeliveryPatientNamesQuery, NAMES_PER_QUERY } from './patientNames';
import { DeliveryBulkProvidersQuery } from './ProviderSelect';
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
    lastErrorCode: null,
    lastErrorCause: null,
    lastErrorHttpStatus: null,
    patient: { __typename: 'Patient', id: 'pt-1' },
    replayedBy: null,
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
        // The monitor's "Failed" is what is failed now (statuses.ts).
        filter: status === 'DEAD' ? { status, failedNow: true } : status ? { status } : {},
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

/**
 * The names query, as often as asked: each alias answers its patient from `names`; an id not listed
 * does not resolve: null for its alias, with an error at its path (the service could not say), or
 * without one for an id in `deleted` (as the patient service answers for a deleted patient). `requests` collects the ids each request asked for, padding included.
 */
export function patientNamesMock(
  names: Record<string, [firstName: string, lastName: string]> = { 'pt-1': ['Ana', 'García'] },
  requests: string[][] = [],
  /** Patients the service says do not exist: null for their alias, without an error. */
  deleted: readonly string[] = [],
): MockLink.MockedResponse {
  return {
    request: { query: DeliveryPatientNamesQuery, variables: () => true },
    result: (variables: Record<string, string>) => {
      const ids = Array.from({ length: NAMES_PER_QUERY }, (_, i) => variables[`id${i}`]!);
      requests.push(ids);
      const data: Record<string, unknown> = {};
      const errors: GraphQLFormattedError[] = [];
      ids.forEach((id, i) => {
        const name = names[id];
        data[`p${i}`] = name ? { __typename: 'Patient', id, firstName: name[0], lastName: name[1] } : null;
        if (!name && !deleted.includes(id))
          errors.push({ message: 'Patient not found', path: [`p${i}`], extensions: { code: 'NOT_FOUND' } });
      });
      return errors.length > 0 ? { data, errors } : { data };
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
    request: { query: DeliveryBulkProvidersQuery },
    result: { data: { providers: PROVIDERS } },
    maxUsageCount: Number.POSITIVE_INFINITY,
  };
}

/**
 * A cache as the app leaves it: two patient lists (all, and one physician's), a patient page, the
 * delivery monitor's list, and the patients with their delivery fields, on top of what `cache`
 * holds already.
 */
export function seededCache(cache: InMemoryCache = createCache()): InMemoryCache {
  const page = (ids: string[]) => ({
    __typename: 'PatientConnection',
    totalCount: ids.length,
    pageInfo: { __typename: 'PageInfo', hasNextPage: false, endCursor: null },
    nodes: ids.map((id) => ({ __ref: `Patient:${id}` })),
  });
  const patient = (id: string) => ({
    __typename: 'Patient',
    id,
    firstName: 'Ana',
    version: 3,
    preferredLanguage: 'EN',
    primaryCarePhysician: { __ref: 'Provider:prov-1' },
    ehrTransactions: [{ __ref: 'EhrTransaction:tx-1' }],
    lastEhrTransaction: { __ref: 'EhrTransaction:tx-1' },
  });
  const state: NormalizedCacheObject = {
    ROOT_QUERY: {
      __typename: 'Query',
      'patients({"filter":{}})': page(['pt-1', 'pt-2']),
      'patients({"filter":{"primaryCarePhysicianId":"prov-1"}})': page(['pt-2']),
      'patient({"id":"pt-1"})': { __ref: 'Patient:pt-1' },
      'ehrTransactions({"filter":{}})': {
        __typename: 'EhrTransactionConnection',
        totalCount: 1,
        pageInfo: { __typename: 'PageInfo', hasNextPage: false, endCursor: null },
        nodes: [{ __ref: 'EhrTransaction:tx-1' }],
      },
    },
    'Patient:pt-1': patient('pt-1'),
    'Patient:pt-2': patient('pt-2'),
    'Provider:prov-1': { __typename: 'Provider', id: 'prov-1', displayName: 'Dr. Maya Okafor' },
    'EhrTransaction:tx-1': {
      __typename: 'EhrTransaction',
      id: 'tx-1',
      status: 'PENDING',
      patient: { __ref: 'Patient:pt-1' },
    },
  };
  // Added to what the cache holds already (the app's layout, in a rendered test).
  const existing = cache.extract();
  cache.restore({ ...existing, ...state, ROOT_QUERY: { ...existing['ROOT_QUERY'], ...state['ROOT_QUERY']! } });
  return cache;
}

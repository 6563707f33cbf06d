import { CombinedGraphQLErrors } from '@apollo/client';
import { useApolloClient } from '@apollo/client/react';
import { useEffect, useMemo, useState } from 'react';
import { graphql } from '../__generated__';
import type { DeliveryPatientNamesQueryQuery, DeliveryPatientNamesQueryQueryVariables } from '../__generated__/graphql';

export const DeliveryPatientName_patient = graphql(`
  fragment DeliveryPatientName_patient on Patient {
    id
    firstName
    lastName
  }
`);

/**
 * The names of up to NAMES_PER_QUERY patients in one request. Not selected inside the transaction
 * list: `EhrTransaction.patient` is non-null and transactions outlive their patient, so one deleted
 * patient would null the whole list. Each alias is the nullable `Query.patient`, so with
 * `errorPolicy: 'all'` a deleted (or refused) patient nulls only its own alias. Static and typed:
 * unused variables repeat the first id. 25 aliases and about 450 tokens, within the gateway's
 * operation limits (30 aliases, 2,000 tokens: gateway/src/limits.ts).
 */
export const DeliveryPatientNamesQuery = graphql(`
  query DeliveryPatientNamesQuery(
    $id0: ID!
    $id1: ID!
    $id2: ID!
    $id3: ID!
    $id4: ID!
    $id5: ID!
    $id6: ID!
    $id7: ID!
    $id8: ID!
    $id9: ID!
    $id10: ID!
    $id11: ID!
    $id12: ID!
    $id13: ID!
    $id14: ID!
    $id15: ID!
    $id16: ID!
    $id17: ID!
    $id18: ID!
    $id19: ID!
    $id20: ID!
    $id21: ID!
    $id22: ID!
    $id23: ID!
    $id24: ID!
  ) {
    p0: patient(id: $id0) {
      ...DeliveryPatientName_patient
    }
    p1: patient(id: $id1) {
      ...DeliveryPatientName_patient
    }
    p2: patient(id: $id2) {
      ...DeliveryPatientName_patient
    }
    p3: patient(id: $id3) {
      ...DeliveryPatientName_patient
    }
    p4: patient(id: $id4) {
      ...DeliveryPatientName_patient
    }
    p5: patient(id: $id5) {
      ...DeliveryPatientName_patient
    }
    p6: patient(id: $id6) {
      ...DeliveryPatientName_patient
    }
    p7: patient(id: $id7) {
      ...DeliveryPatientName_patient
    }
    p8: patient(id: $id8) {
      ...DeliveryPatientName_patient
    }
    p9: patient(id: $id9) {
      ...DeliveryPatientName_patient
    }
    p10: patient(id: $id10) {
      ...DeliveryPatientName_patient
    }
    p11: patient(id: $id11) {
      ...DeliveryPatientName_patient
    }
    p12: patient(id: $id12) {
      ...DeliveryPatientName_patient
    }
    p13: patient(id: $id13) {
      ...DeliveryPatientName_patient
    }
    p14: patient(id: $id14) {
      ...DeliveryPatientName_patient
    }
    p15: patient(id: $id15) {
      ...DeliveryPatientName_patient
    }
    p16: patient(id: $id16) {
      ...DeliveryPatientName_patient
    }
    p17: patient(id: $id17) {
      ...DeliveryPatientName_patient
    }
    p18: patient(id: $id18) {
      ...DeliveryPatientName_patient
    }
    p19: patient(id: $id19) {
      ...DeliveryPatientName_patient
    }
    p20: patient(id: $id20) {
      ...DeliveryPatientName_patient
    }
    p21: patient(id: $id21) {
      ...DeliveryPatientName_patient
    }
    p22: patient(id: $id22) {
      ...DeliveryPatientName_patient
    }
    p23: patient(id: $id23) {
      ...DeliveryPatientName_patient
    }
    p24: patient(id: $id24) {
      ...DeliveryPatientName_patient
    }
  }
`);

/** How many patients one DeliveryPatientNamesQuery names: the monitor's page size. */
export const NAMES_PER_QUERY = 25;

type Names = DeliveryPatientNamesQueryQuery;
type Alias = Exclude<keyof Names, '__typename'>;
export type PatientName = NonNullable<Names[Alias]>;

/** A patient the patient service says does not exist (any more): deleted, their transactions kept. */
export const DELETED_PATIENT = 'deleted';
/** What is known of a transaction's patient: their name, that they were deleted, or nothing (null). */
export type PatientNameState = PatientName | typeof DELETED_PATIENT | null;

/** The aliases an answer's errors name, or `all` when an error names none (the request as a whole failed). */
function failedAliases(error: unknown): { all: boolean; aliases: ReadonlySet<string> } {
  if (!error) return { all: false, aliases: new Set() };
  if (!CombinedGraphQLErrors.is(error)) return { all: true, aliases: new Set() };
  const aliases = new Set<string>();
  for (const e of error.errors) {
    const first = e.path?.[0];
    if (typeof first !== 'string') return { all: true, aliases };
    aliases.add(first);
  }
  return { all: false, aliases };
}

/** The variables of one query: `ids` (at most NAMES_PER_QUERY), the first repeated to fill the rest. */
export function patientNamesVariables(ids: readonly string[]): DeliveryPatientNamesQueryQueryVariables {
  if (ids.length === 0 || ids.length > NAMES_PER_QUERY)
    throw new Error(`1 to ${NAMES_PER_QUERY} ids, not ${ids.length}`);
  const variables: Record<string, string> = {};
  for (let i = 0; i < NAMES_PER_QUERY; i++) variables[`id${i}`] = ids[i] ?? ids[0]!;
  return variables as DeliveryPatientNamesQueryQueryVariables;
}

/** The distinct ids of each group of `pageSize` consecutive transactions, sorted (so a page asked again is the same request). */
export function namePages(patientIds: readonly string[], pageSize = NAMES_PER_QUERY): string[][] {
  const pages: string[][] = [];
  for (let start = 0; start < patientIds.length; start += pageSize) {
    pages.push([...new Set(patientIds.slice(start, start + pageSize))].sort());
  }
  return pages;
}

/**
 * The names of the patients of the loaded transactions, by patient id: one DeliveryPatientNamesQuery
 * per loaded page (`patientIds` in list order), answered from the cache when already known. An id
 * maps to DELETED_PATIENT when the patient service answers that there is no such patient (null
 * without an error: transactions outlive their patient), to null when it could not say (an error at
 * that alias, or the service is down), and is absent while its page is loading.
 */
export function usePatientNames(patientIds: readonly string[]): ReadonlyMap<string, PatientNameState> {
  const client = useApolloClient();
  const [names, setNames] = useState<ReadonlyMap<string, PatientNameState>>(() => new Map());
  const key = JSON.stringify(namePages(patientIds));
  const pages = useMemo(() => JSON.parse(key) as string[][], [key]);

  useEffect(() => {
    const subscriptions = pages.map((ids) =>
      client
        .watchQuery({ query: DeliveryPatientNamesQuery, variables: patientNamesVariables(ids), errorPolicy: 'all' })
        .subscribe((result) => {
          const data = result.data as Partial<Names> | undefined;
          if (!data || result.loading) return;
          const failed = failedAliases(result.error);
          setNames((current) => {
            let next: Map<string, PatientNameState> | null = null;
            ids.forEach((id, index) => {
              const alias = `p${index}` as Alias;
              const patient = data[alias];
              const name =
                patient && patient.id === id
                  ? patient
                  : patient === null && !failed.all && !failed.aliases.has(alias)
                    ? DELETED_PATIENT
                    : null;
              if (current.get(id) === name && current.has(id)) return;
              next ??= new Map(current);
              next.set(id, name);
            });
            return next ?? current;
          });
        }),
    );
    return () => {
      for (const subscription of subscriptions) subscription.unsubscribe();
    };
  }, [client, pages]);

  return names;
}

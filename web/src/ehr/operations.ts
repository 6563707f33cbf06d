import { graphql } from '../__generated__';
import type {
  EhrMappingToolQueryQuery,
  EhrQuestionnairesQueryQuery,
  EhrSystemMappingQueryQuery,
} from '../__generated__/graphql';

/**
 * The mapping tool's GraphQL documents. The ehr subgraph answers everything but the questionnaires
 * (clinical subgraph), which load in their own query so the editor still works when they cannot.
 */

export const EhrFieldMappingFields = graphql(`
  fragment EhrFieldMappingFields on FieldMapping {
    source
    target
    endpoint
    transform {
      kind
      dateFormat
      codes {
        from
        to
      }
    }
  }
`);

/** The systems to pick from, the organization's own, and the sources a mapping can name. */
export const EhrMappingToolQuery = graphql(`
  query EhrMappingToolQuery($organizationId: ID!) {
    ehrSystems {
      id
      name
    }
    organization(id: $organizationId) {
      id
      ehrSystem {
        id
      }
    }
    canonicalFields {
      name
      category
      description
    }
  }
`);

/** One system: its endpoints and keys, the mapping in force, its history and its coverage. */
export const EhrSystemMappingQuery = graphql(`
  query EhrSystemMappingQuery($id: ID!) {
    ehrSystem(id: $id) {
      id
      name
      endpoints {
        path
        categories
        createsPatient
        keys {
          name
          required
        }
      }
      mapping {
        version
        fields {
          ...EhrFieldMappingFields
        }
      }
      mappingHistory {
        version
        publishedAt
        publishedBy
        note
        restoredFrom
      }
      unmappedFields {
        name
      }
    }
  }
`);

/** The questions a mapping can name, and those the published mapping leaves out. */
export const EhrQuestionnairesQuery = graphql(`
  query EhrQuestionnairesQuery($ehrSystemId: ID!, $lang: Language!) {
    questionnaires {
      id
      name
      title(lang: $lang)
      items {
        linkId
        category
        text(lang: $lang)
      }
      unmappedItems(ehrSystemId: $ehrSystemId)
    }
  }
`);

export const EhrMappingDiffQuery = graphql(`
  query EhrMappingDiffQuery($id: ID!, $from: Int!, $to: Int!) {
    ehrSystem(id: $id) {
      id
      mappingDiff(from: $from, to: $to) {
        kind
        source
        before {
          ...EhrFieldMappingFields
        }
        after {
          ...EhrFieldMappingFields
        }
      }
    }
  }
`);

/**
 * The sample patient search. Run with `no-cache`: `Query.patients` is cached per `filter` only
 * (apollo/cache.ts), so this first page of 10 would replace the patient list's entry.
 */
export const EhrPreviewPatientsQuery = graphql(`
  query EhrPreviewPatientsQuery($search: String!) {
    patients(first: 10, filter: { search: $search }) {
      nodes {
        id
        firstName
        lastName
        mrn
        dateOfBirth
      }
    }
  }
`);

/**
 * Without `draft`, the published mapping: the comparison. Run with `no-cache`: its payload is
 * patient data, and a cache entry per draft would only grow.
 */
export const EhrPreviewQuery = graphql(`
  query EhrPreviewQuery($patientId: ID!, $ehrSystemId: ID!, $draft: EhrMappingInput) {
    patient(id: $patientId) {
      id
      ehrPreview(draft: $draft, ehrSystemId: $ehrSystemId) {
        endpoint
        method
        payload
      }
    }
  }
`);

export const EhrPublishMappingMutation = graphql(`
  mutation EhrPublishMappingMutation($ehrSystemId: ID!, $input: EhrMappingInput!, $expectedVersion: Int) {
    publishEhrMapping(ehrSystemId: $ehrSystemId, input: $input, expectedVersion: $expectedVersion) {
      version
    }
  }
`);

export const EhrRollbackMappingMutation = graphql(`
  mutation EhrRollbackMappingMutation($ehrSystemId: ID!, $version: Int!, $expectedVersion: Int) {
    rollbackEhrMapping(ehrSystemId: $ehrSystemId, version: $version, expectedVersion: $expectedVersion) {
      version
      restoredFrom
    }
  }
`);

export type EhrSystemData = NonNullable<EhrSystemMappingQueryQuery['ehrSystem']>;
export type Endpoint = EhrSystemData['endpoints'][number];
export type HistoryEntry = EhrSystemData['mappingHistory'][number];
export type Questionnaire = EhrQuestionnairesQueryQuery['questionnaires'][number];
export type CanonicalField = EhrMappingToolQueryQuery['canonicalFields'][number];

/** After a publish or a rollback: the mapping, its history and its coverage change. */
export const REFETCH_AFTER_CHANGE = {
  refetchQueries: [EhrSystemMappingQuery, EhrQuestionnairesQuery],
  awaitRefetchQueries: true,
};

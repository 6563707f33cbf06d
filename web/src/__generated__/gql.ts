/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query LayoutQuery($organizationId: ID!) {\n    organization(id: $organizationId) {\n      id\n      name\n    }\n  }\n": typeof types.LayoutQueryDocument,
    "\n  fragment PatientTable_patient on Patient {\n    id\n    firstName\n    lastName\n    mrn\n    dateOfBirth\n    gender\n    phone\n    email\n    primaryCarePhysician {\n      id\n      displayName\n    }\n    ehrSystem {\n      id\n      name\n    }\n    ehrTransactions {\n      id\n      status\n    }\n  }\n": typeof types.PatientTable_PatientFragmentDoc,
    "\n  mutation CreatePatientMutation($input: PatientInput!) {\n    createPatient(input: $input) {\n      id\n      firstName\n      lastName\n    }\n  }\n": typeof types.CreatePatientMutationDocument,
    "\n  query PatientsQuery($first: Int!, $after: String, $filter: PatientFilter!) {\n    patients(first: $first, after: $after, filter: $filter) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        ...PatientTable_patient\n      }\n    }\n  }\n": typeof types.PatientsQueryDocument,
};
const documents: Documents = {
    "\n  query LayoutQuery($organizationId: ID!) {\n    organization(id: $organizationId) {\n      id\n      name\n    }\n  }\n": types.LayoutQueryDocument,
    "\n  fragment PatientTable_patient on Patient {\n    id\n    firstName\n    lastName\n    mrn\n    dateOfBirth\n    gender\n    phone\n    email\n    primaryCarePhysician {\n      id\n      displayName\n    }\n    ehrSystem {\n      id\n      name\n    }\n    ehrTransactions {\n      id\n      status\n    }\n  }\n": types.PatientTable_PatientFragmentDoc,
    "\n  mutation CreatePatientMutation($input: PatientInput!) {\n    createPatient(input: $input) {\n      id\n      firstName\n      lastName\n    }\n  }\n": types.CreatePatientMutationDocument,
    "\n  query PatientsQuery($first: Int!, $after: String, $filter: PatientFilter!) {\n    patients(first: $first, after: $after, filter: $filter) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        ...PatientTable_patient\n      }\n    }\n  }\n": types.PatientsQueryDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query LayoutQuery($organizationId: ID!) {\n    organization(id: $organizationId) {\n      id\n      name\n    }\n  }\n"): (typeof documents)["\n  query LayoutQuery($organizationId: ID!) {\n    organization(id: $organizationId) {\n      id\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment PatientTable_patient on Patient {\n    id\n    firstName\n    lastName\n    mrn\n    dateOfBirth\n    gender\n    phone\n    email\n    primaryCarePhysician {\n      id\n      displayName\n    }\n    ehrSystem {\n      id\n      name\n    }\n    ehrTransactions {\n      id\n      status\n    }\n  }\n"): (typeof documents)["\n  fragment PatientTable_patient on Patient {\n    id\n    firstName\n    lastName\n    mrn\n    dateOfBirth\n    gender\n    phone\n    email\n    primaryCarePhysician {\n      id\n      displayName\n    }\n    ehrSystem {\n      id\n      name\n    }\n    ehrTransactions {\n      id\n      status\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreatePatientMutation($input: PatientInput!) {\n    createPatient(input: $input) {\n      id\n      firstName\n      lastName\n    }\n  }\n"): (typeof documents)["\n  mutation CreatePatientMutation($input: PatientInput!) {\n    createPatient(input: $input) {\n      id\n      firstName\n      lastName\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PatientsQuery($first: Int!, $after: String, $filter: PatientFilter!) {\n    patients(first: $first, after: $after, filter: $filter) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        ...PatientTable_patient\n      }\n    }\n  }\n"): (typeof documents)["\n  query PatientsQuery($first: Int!, $after: String, $filter: PatientFilter!) {\n    patients(first: $first, after: $after, filter: $filter) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        ...PatientTable_patient\n      }\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;
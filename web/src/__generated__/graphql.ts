/* eslint-disable */
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
export type Maybe<T> = T | null;
export type InputMaybe<T> = T | null | undefined;
export type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
export type MakeOptional<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]?: Maybe<T[SubKey]> };
export type MakeMaybe<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]: Maybe<T[SubKey]> };
export type MakeEmpty<T extends { [key: string]: unknown }, K extends keyof T> = { [_ in K]?: never };
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /** A calendar date without time or zone, written YYYY-MM-DD (ISO 8601). */
  Date: { input: string; output: string; }
  /** An instant in time, written as an ISO 8601 date-time with a zone (e.g. 2026-03-01T09:30:00Z). */
  DateTime: { input: string; output: string; }
  /** Any JSON value: an object, array, string, number, boolean or null. */
  JSON: { input: unknown; output: unknown; }
  join__DirectiveArguments: { input: any; output: any; }
  join__FieldSet: { input: any; output: any; }
  link__Import: { input: any; output: any; }
};

/** A postal address as input. */
export type AddressInput = {
  /** City or town. */
  city: Scalars['String']['input'];
  /** ISO 3166-1 alpha-2 country code; US when omitted. */
  country?: InputMaybe<Scalars['String']['input']>;
  /** Street and number. */
  line1: Scalars['String']['input'];
  /** Apartment, suite or unit. */
  line2?: InputMaybe<Scalars['String']['input']>;
  /** Postal or ZIP code. */
  postalCode: Scalars['String']['input'];
  /** State, province or region. */
  state: Scalars['String']['input'];
};

/** The answer to one question: set exactly the value field that matches the question's type. */
export type AnswerInput = {
  /** The question answered. */
  linkId: Scalars['String']['input'];
  /** For BOOLEAN questions. */
  valueBoolean?: InputMaybe<Scalars['Boolean']['input']>;
  /** For SINGLE_CHOICE (one code) and MULTIPLE_CHOICE (one or more codes) questions. */
  valueCodes?: InputMaybe<Array<Scalars['String']['input']>>;
  /** For DATE questions. */
  valueDate?: InputMaybe<Scalars['Date']['input']>;
  /** For NUMBER questions. */
  valueNumber?: InputMaybe<Scalars['Float']['input']>;
  /** For TEXT questions (1 to 2000 characters). */
  valueString?: InputMaybe<Scalars['String']['input']>;
};

/** An allowed answer of a choice question. */
export type AnswerOptionInput = {
  /** Language-independent code: uppercase letters, digits and underscores. */
  code: Scalars['String']['input'];
  /** The answer in both languages. */
  label: LocalizedTextInput;
};

/** The kind of actor of an audited event. */
export type AuditActorKind =
  /** Whoever holds an intake link. */
  | 'INTAKE'
  /** A signed-in member of staff. */
  | 'STAFF';

/** How an audited event ended. */
export type AuditOutcome =
  /** Done as asked. */
  | 'ALLOWED'
  /** Refused by access control (FORBIDDEN). */
  | 'DENIED'
  /** Allowed but failed, e.g. invalid input or a version conflict. */
  | 'FAILED';

/** The kind of change of a mapping entry. */
export type ChangeKind =
  /** Present only in the later version. */
  | 'ADDED'
  /** Present in both, with another target, endpoint or transform. */
  | 'CHANGED'
  /** Present only in the earlier version. */
  | 'REMOVED';

/** A code table row. */
export type CodeTableEntryInput = {
  /** The platform's value. */
  from: Scalars['String']['input'];
  /** What the EHR expects instead. */
  to: Scalars['String']['input'];
};

/** The kind of data an EHR endpoint receives. */
export type DataCategory =
  /** Allergies and intolerances. */
  | 'ALLERGIES'
  /** The primary care physician. */
  | 'CARE_TEAM'
  /** Name, gender, date of birth, address, phone, email, emergency contact. */
  | 'DEMOGRAPHICS'
  /** Conditions of blood relatives. */
  | 'FAMILY_HISTORY'
  /** Insurance provider and policy number. */
  | 'INSURANCE'
  /** Earlier diagnoses, injuries and surgeries. */
  | 'MEDICAL_HISTORY'
  /** Medications currently taken. */
  | 'MEDICATIONS'
  /** Alcohol, tobacco, drugs, diet, travel, occupation. */
  | 'SOCIAL_HISTORY'
  /** Current symptoms. */
  | 'SYMPTOMS';

/** An endpoint of a new EHR system. */
export type EhrEndpointInput = {
  /** The categories sent there; each category goes to exactly one endpoint. */
  categories: Array<DataCategory>;
  /** Whether it creates the patient (answering the EHR's patient id). */
  createsPatient?: InputMaybe<Scalars['Boolean']['input']>;
  /** The keys it accepts. */
  keys: Array<EhrKeyInput>;
  /** Path relative to the base URL, starting with /; `{ehrPatientId}` stands for the EHR's patient id. */
  path: Scalars['String']['input'];
};

/** A key an endpoint accepts. */
export type EhrKeyInput = {
  /** The key. */
  name: Scalars['String']['input'];
  /** Whether every request must carry it. */
  required?: InputMaybe<Scalars['Boolean']['input']>;
};

/** A complete mapping. */
export type EhrMappingInput = {
  /** One entry per source; a source may go to several endpoints. */
  fields: Array<FieldMappingInput>;
  /** Why this version is published. */
  note?: InputMaybe<Scalars['String']['input']>;
};

/** A new EHR system. */
export type EhrSystemInput = {
  /** Base URL (http or https) that endpoint paths are relative to. */
  baseUrl: Scalars['String']['input'];
  /** Its endpoints; exactly one creates the patient. */
  endpoints: Array<EhrEndpointInput>;
  /** Its first mapping. */
  mapping: EhrMappingInput;
  /** Product name, unique. */
  name: Scalars['String']['input'];
};

/** Conditions on the transaction list. */
export type EhrTransactionFilter = {
  /** Only this patient's. */
  patientId?: InputMaybe<Scalars['ID']['input']>;
  /** Only transactions in this status. */
  status?: InputMaybe<EhrTransactionStatus>;
};

/** Where a transaction stands. */
export type EhrTransactionStatus =
  /** Given up on: the EHR refused it (4xx) or it ran out of attempts. See `lastError`; can be replayed. */
  | 'DEAD'
  /** Accepted by the EHR. */
  | 'DELIVERED'
  /** The last attempt failed; it will be retried at `nextAttemptAt`. */
  | 'FAILED'
  /** Waiting for its first attempt (or for the EHR's patient id). */
  | 'PENDING';

/** What caused a transaction. */
export type EhrTransactionTrigger =
  /** A patient was registered. */
  | 'PATIENT_CREATED'
  /** A patient's details changed. */
  | 'PATIENT_UPDATED'
  /** Someone replayed a DEAD transaction. */
  | 'REPLAY'
  /** Someone resent the patient. */
  | 'RESEND'
  /** The patient answered a questionnaire. */
  | 'RESPONSE_SUBMITTED';

/** An emergency contact as input. */
export type EmergencyContactInput = {
  /** Full name. */
  name: Scalars['String']['input'];
  /** Phone number: digits with an optional leading +, spaces, dashes, dots and parentheses allowed. */
  phone: Scalars['String']['input'];
  /** Relationship to the patient. */
  relationship: Scalars['String']['input'];
};

/** One mapping entry. */
export type FieldMappingInput = {
  /** The endpoint path. */
  endpoint: Scalars['String']['input'];
  /** A canonical field name, or `question:<linkId>`. */
  source: Scalars['String']['input'];
  /** The EHR's key. */
  target: Scalars['String']['input'];
  /** An optional value transform. */
  transform?: InputMaybe<ValueTransformInput>;
};

/** Administrative gender (HL7 FHIR AdministrativeGender). */
export type Gender =
  /** Female. */
  | 'FEMALE'
  /** Male. */
  | 'MALE'
  /** Another gender. */
  | 'OTHER'
  /** Not known or not given. */
  | 'UNKNOWN';

/** Insurance coverage as input. */
export type InsuranceInput = {
  /** The policy (member) number. */
  policyNumber: Scalars['String']['input'];
  /** The insurer. */
  provider: Scalars['String']['input'];
};

/** A language the platform speaks. */
export type Language =
  /** English. */
  | 'EN'
  /** Spanish. */
  | 'ES';

/** Localized text as input: every text must be given in English and Spanish. */
export type LocalizedTextInput = {
  /** English text (1 to 500 characters). */
  en: Scalars['String']['input'];
  /** Spanish text (1 to 500 characters). */
  es: Scalars['String']['input'];
};

/** Whether an organization is a hospital or a clinic. */
export type OrganizationKind =
  /** A clinic or practice. */
  | 'CLINIC'
  /** A hospital. */
  | 'HOSPITAL';

/** Conditions on the patient list. */
export type PatientFilter = {
  /** Only patients of this organization: the caller's own; any other organization is refused with FORBIDDEN. */
  organizationId?: InputMaybe<Scalars['ID']['input']>;
  /** Only patients whose primary care physician is this provider. */
  primaryCarePhysicianId?: InputMaybe<Scalars['ID']['input']>;
  /** Words matched against the start of first name, last name, MRN and email (case-insensitive); every word must match. */
  search?: InputMaybe<Scalars['String']['input']>;
};

/** A new patient. */
export type PatientInput = {
  /** Postal address. */
  address?: InputMaybe<AddressInput>;
  /** Date of birth: not in the future, at most 130 years ago. */
  dateOfBirth: Scalars['Date']['input'];
  /** Email address. */
  email?: InputMaybe<Scalars['String']['input']>;
  /** Emergency contact. */
  emergencyContact?: InputMaybe<EmergencyContactInput>;
  /** Given name (1 to 100 characters). */
  firstName: Scalars['String']['input'];
  /** Administrative gender. */
  gender: Gender;
  /** Insurance coverage. */
  insurance?: InputMaybe<InsuranceInput>;
  /** Family name (1 to 100 characters). */
  lastName: Scalars['String']['input'];
  /** Medical record number; generated when omitted. Unique within the organization. */
  mrn?: InputMaybe<Scalars['String']['input']>;
  /** The organization the patient belongs to: defaults to the caller's organization; any other organization is refused with FORBIDDEN. */
  organizationId?: InputMaybe<Scalars['ID']['input']>;
  /** Phone number: digits with an optional leading +, spaces, dashes, dots and parentheses allowed. */
  phone?: InputMaybe<Scalars['String']['input']>;
  /** Preferred language; EN when omitted. */
  preferredLanguage?: InputMaybe<Language>;
  /** Id of a provider of the same organization. */
  primaryCarePhysicianId?: InputMaybe<Scalars['ID']['input']>;
};

/** Changes to a patient: absent fields stay as they are; optional fields given as null are cleared. */
export type PatientUpdateInput = {
  /** Postal address. */
  address?: InputMaybe<AddressInput>;
  /** Date of birth. */
  dateOfBirth?: InputMaybe<Scalars['Date']['input']>;
  /** Email address. */
  email?: InputMaybe<Scalars['String']['input']>;
  /** Emergency contact. */
  emergencyContact?: InputMaybe<EmergencyContactInput>;
  /** Given name. */
  firstName?: InputMaybe<Scalars['String']['input']>;
  /** Administrative gender. */
  gender?: InputMaybe<Gender>;
  /** Insurance coverage. */
  insurance?: InputMaybe<InsuranceInput>;
  /** Family name. */
  lastName?: InputMaybe<Scalars['String']['input']>;
  /** Medical record number. Unique within the organization. */
  mrn?: InputMaybe<Scalars['String']['input']>;
  /** Phone number. */
  phone?: InputMaybe<Scalars['String']['input']>;
  /** Preferred language. */
  preferredLanguage?: InputMaybe<Language>;
  /** Id of a provider of the same organization. */
  primaryCarePhysicianId?: InputMaybe<Scalars['ID']['input']>;
};

/** The kind of clinical information a question collects; each EHR routes categories to endpoints. */
export type QuestionCategory =
  /** Allergies and intolerances (FHIR AllergyIntolerance). */
  | 'ALLERGIES'
  /** Conditions of blood relatives (FHIR FamilyMemberHistory). */
  | 'FAMILY_HISTORY'
  /** Earlier diagnoses, injuries and surgeries (FHIR Condition). */
  | 'MEDICAL_HISTORY'
  /** Medications currently taken (FHIR MedicationStatement). */
  | 'MEDICATIONS'
  /** Alcohol, tobacco, drugs, diet, travel, occupation (FHIR Observation, social-history). */
  | 'SOCIAL_HISTORY'
  /** Current symptoms (FHIR Condition, category problem-list-item). */
  | 'SYMPTOMS';

/** How a question is answered, which decides the input control and the answer's value field. */
export type QuestionType =
  /** Yes or no: `valueBoolean`. */
  | 'BOOLEAN'
  /** A calendar date: `valueDate`. */
  | 'DATE'
  /** Any number of the options: `valueCodes`. */
  | 'MULTIPLE_CHOICE'
  /** A number: `valueNumber`. */
  | 'NUMBER'
  /** Exactly one of the options: `valueCodes` with one code. */
  | 'SINGLE_CHOICE'
  /** Free text: `valueString`. */
  | 'TEXT';

/** A questionnaire definition. */
export type QuestionnaireInput = {
  /** The questions, in order; at least one, at most 200. */
  items: Array<QuestionnaireItemInput>;
  /** Machine-friendly name: lowercase letters, digits and dashes, 3 to 60 characters. */
  name: Scalars['String']['input'];
  /** Title in both languages. */
  title: LocalizedTextInput;
};

/** A question definition. */
export type QuestionnaireItemInput = {
  /** The kind of information it collects. */
  category: QuestionCategory;
  /** Stable identifier: letters, digits, dots, dashes and underscores; unique within the questionnaire. */
  linkId: Scalars['String']['input'];
  /** The allowed answers: required (at least two, unique codes) for choice questions, forbidden for others. */
  options?: InputMaybe<Array<AnswerOptionInput>>;
  /** Whether every response must answer it; false when omitted. */
  required?: InputMaybe<Scalars['Boolean']['input']>;
  /** The question in both languages. */
  text: LocalizedTextInput;
  /** How it is answered. */
  type: QuestionType;
};

/** A patient's answers to one questionnaire version. */
export type QuestionnaireResponseInput = {
  /** One answer per answered question. */
  answers: Array<AnswerInput>;
  /** The language the patient used. */
  language: Language;
  /** The patient who answers. */
  patientId: Scalars['ID']['input'];
  /** The id of the exact questionnaire version answered. */
  questionnaireId: Scalars['ID']['input'];
};

/** Whether a questionnaire version is the one patients answer now. */
export type QuestionnaireStatus =
  /** The current version. */
  | 'ACTIVE'
  /** Replaced by a newer version; kept because responses point at it. */
  | 'RETIRED';

/** A new organization. */
export type RegisterOrganizationInput = {
  /** The EHR system it runs (see `Query.ehrSystems`). */
  ehrSystemId: Scalars['ID']['input'];
  /** Hospital or clinic. */
  kind: OrganizationKind;
  /** Name, 2 to 120 characters. */
  name: Scalars['String']['input'];
};

/** Which mapping a replay uses. */
export type ReplayMapping =
  /** The version in force now. */
  | 'CURRENT'
  /** The version the DEAD transaction used. */
  | 'ORIGINAL';

/** Which patients a bulk resend covers. */
export type ResendFilter = {
  /** Only this primary care physician's patients. */
  primaryCarePhysicianId?: InputMaybe<Scalars['ID']['input']>;
};

/** The kinds of value transform. */
export type TransformKind =
  /** Replaces values (or each value of a list) through a table, e.g. FEMALE to F. */
  | 'CODE_TABLE'
  /** Rewrites a YYYY-MM-DD date in another layout. */
  | 'DATE_FORMAT';

/** A value transform. */
export type ValueTransformInput = {
  /** For CODE_TABLE: the rows. */
  codes?: InputMaybe<Array<CodeTableEntryInput>>;
  /** For DATE_FORMAT: a pattern of YYYY, MM and DD with separators. */
  dateFormat?: InputMaybe<Scalars['String']['input']>;
  /** Which transform. */
  kind: TransformKind;
};

export type Join__Graph =
  | 'CLINICAL'
  | 'EHR'
  | 'PATIENT';

export type Link__Purpose =
  /** `EXECUTION` features provide metadata necessary for operation execution. */
  | 'EXECUTION'
  /** `SECURITY` features provide metadata necessary to securely resolve fields. */
  | 'SECURITY';

export type LayoutQueryQueryVariables = Exact<{
  organizationId: Scalars['ID']['input'];
}>;


export type LayoutQueryQuery = { __typename?: 'Query', organization?: { __typename?: 'Organization', id: string, name: string } | null };

export type PatientTable_PatientFragment = { __typename?: 'Patient', id: string, firstName: string, lastName: string, mrn: string, dateOfBirth: string, gender: Gender, phone?: string | null, email?: string | null, primaryCarePhysician?: { __typename?: 'Provider', id: string, displayName: string } | null, ehrSystem?: { __typename?: 'EhrSystem', id: string, name: string } | null, ehrTransactions?: Array<{ __typename?: 'EhrTransaction', id: string, status: EhrTransactionStatus }> | null };

export type CreatePatientMutationMutationVariables = Exact<{
  input: PatientInput;
}>;


export type CreatePatientMutationMutation = { __typename?: 'Mutation', createPatient: { __typename?: 'Patient', id: string, firstName: string, lastName: string } };

export type PatientsQueryQueryVariables = Exact<{
  first: Scalars['Int']['input'];
  after?: InputMaybe<Scalars['String']['input']>;
  filter: PatientFilter;
}>;


export type PatientsQueryQuery = { __typename?: 'Query', patients: { __typename?: 'PatientConnection', totalCount: number, pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor?: string | null }, nodes: Array<{ __typename?: 'Patient', id: string, firstName: string, lastName: string, mrn: string, dateOfBirth: string, gender: Gender, phone?: string | null, email?: string | null, primaryCarePhysician?: { __typename?: 'Provider', id: string, displayName: string } | null, ehrSystem?: { __typename?: 'EhrSystem', id: string, name: string } | null, ehrTransactions?: Array<{ __typename?: 'EhrTransaction', id: string, status: EhrTransactionStatus }> | null }> } };

export const PatientTable_PatientFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PatientTable_patient"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Patient"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"firstName"}},{"kind":"Field","name":{"kind":"Name","value":"lastName"}},{"kind":"Field","name":{"kind":"Name","value":"mrn"}},{"kind":"Field","name":{"kind":"Name","value":"dateOfBirth"}},{"kind":"Field","name":{"kind":"Name","value":"gender"}},{"kind":"Field","name":{"kind":"Name","value":"phone"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"primaryCarePhysician"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}}]}},{"kind":"Field","name":{"kind":"Name","value":"ehrSystem"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"ehrTransactions"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]} as unknown as DocumentNode<PatientTable_PatientFragment, unknown>;
export const LayoutQueryDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"LayoutQuery"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"organizationId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"organization"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"organizationId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]} as unknown as DocumentNode<LayoutQueryQuery, LayoutQueryQueryVariables>;
export const CreatePatientMutationDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreatePatientMutation"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"PatientInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createPatient"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"firstName"}},{"kind":"Field","name":{"kind":"Name","value":"lastName"}}]}}]}}]} as unknown as DocumentNode<CreatePatientMutationMutation, CreatePatientMutationMutationVariables>;
export const PatientsQueryDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"PatientsQuery"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"PatientFilter"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"patients"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"PatientTable_patient"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PatientTable_patient"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Patient"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"firstName"}},{"kind":"Field","name":{"kind":"Name","value":"lastName"}},{"kind":"Field","name":{"kind":"Name","value":"mrn"}},{"kind":"Field","name":{"kind":"Name","value":"dateOfBirth"}},{"kind":"Field","name":{"kind":"Name","value":"gender"}},{"kind":"Field","name":{"kind":"Name","value":"phone"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"primaryCarePhysician"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}}]}},{"kind":"Field","name":{"kind":"Name","value":"ehrSystem"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"ehrTransactions"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]} as unknown as DocumentNode<PatientsQueryQuery, PatientsQueryQueryVariables>;
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

/** A new or changed alert rule. */
export type AlertRuleInput = {
  /** Only this EHR system's transactions (one the organization can use); omit for all. */
  ehrSystemId?: InputMaybe<Scalars['ID']['input']>;
  /** What it watches. */
  kind: AlertRuleKind;
  /**
   * DEAD_TRANSACTIONS: the count to reach, a whole number from 1; ERROR_RATE: the percentage to
   * exceed, 0 to 100. Ignored (stored as 0) for the other kinds.
   */
  threshold?: InputMaybe<Scalars['Float']['input']>;
  /** IANA time zone of the working hours; UTC when omitted. */
  timeZone?: InputMaybe<Scalars['String']['input']>;
  /**
   * Where to POST notifications: http(s) (https in production), no credentials, query or fragment,
   * not a loopback, private, link-local or reserved address unless the operator allows its origin.
   * Omit for none.
   */
  webhookUrl?: InputMaybe<Scalars['String']['input']>;
  /** The window in minutes, 1 to 10080 (a week). */
  windowMinutes: Scalars['Int']['input'];
  /** Hour the working day ends, after the start, up to 24; 18 when omitted. */
  workdayEndHour?: InputMaybe<Scalars['Int']['input']>;
  /** First hour of the working day, 0 to 23; 8 when omitted. */
  workdayStartHour?: InputMaybe<Scalars['Int']['input']>;
};

/**
 * What an alert rule watches. Counts are over the caller organization's transactions (of one EHR
 * system when the rule names one) whose latest change falls in the rule's window.
 */
export type AlertRuleKind =
  /** At least `threshold` transactions became DEAD in the last `windowMinutes` minutes. */
  | 'DEAD_TRANSACTIONS'
  /**
   * More than `threshold` percent of the transactions attempted in the last `windowMinutes` minutes
   * are FAILED or DEAD (at least one attempted).
   */
  | 'ERROR_RATE'
  /**
   * No transaction was delivered in the last `windowMinutes` minutes, while it is working hours in
   * the rule's time zone (Monday to Friday, `workdayStartHour` to `workdayEndHour`).
   */
  | 'NO_DELIVERY'
  /** The oldest PENDING or FAILED transaction was created more than `windowMinutes` minutes ago. */
  | 'OLDEST_PENDING';

/** Where an alert is in its life. */
export type AlertStatus =
  /** A staff member has seen it; the condition is still true. */
  | 'ACKNOWLEDGED'
  /** The rule's condition is true and no one has acknowledged it yet. */
  | 'OPEN'
  /** The condition became false again (or the rule was deleted). */
  | 'RESOLVED';

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
  /** What the option means in a code system; leave it out when none fits (e.g. for NONE). */
  coding?: InputMaybe<CodingInput>;
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

/**
 * Which patients a bulk change covers: all of one organization (one hospital or clinic), or all of
 * one primary care physician's.
 */
export type BulkPatientFilter = {
  /** All patients of this organization: the caller's own; any other organization is refused with FORBIDDEN. */
  organizationId?: InputMaybe<Scalars['ID']['input']>;
  /** Only patients whose primary care physician is this provider. */
  primaryCarePhysicianId?: InputMaybe<Scalars['ID']['input']>;
};

/** The change a bulk update makes to each patient: absent fields stay as they are. */
export type BulkPatientUpdateInput = {
  /** The new preferred language. */
  preferredLanguage?: InputMaybe<Language>;
  /** The new primary care physician: a provider of the same organization. */
  primaryCarePhysicianId?: InputMaybe<Scalars['ID']['input']>;
};

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

/** A code in a code system (a FHIR Coding). */
export type CodingInput = {
  /** The code within that system: 1 to 64 characters, no spaces at either end. */
  code: Scalars['String']['input'];
  /** The code system's canonical URL: an absolute http(s) URL or a urn:oid:/urn:uuid: URN. */
  system: Scalars['String']['input'];
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

/** Why a delivery attempt failed or a transaction was given up on: the coded form of `lastError`. */
export type EhrDeliveryErrorCode =
  /** The EHR system's address is not allowed by the destination policy. */
  | 'ADDRESS_NOT_ALLOWED'
  /** The endpoint no longer exists on the EHR system. */
  | 'ENDPOINT_GONE'
  /** Given up after every attempt failed; `lastErrorCause` says why the last one did. */
  | 'GAVE_UP'
  /** The EHR answered with an error status that is retried (see `lastErrorHttpStatus`). */
  | 'HTTP_ERROR'
  /** The patient was deleted before the transaction was delivered. */
  | 'PATIENT_DELETED'
  /** The EHR answered with a redirect, which is not followed (see `lastErrorHttpStatus`). */
  | 'REDIRECTED'
  /** The EHR refused the request (a 4xx, see `lastErrorHttpStatus`): not retried. */
  | 'REFUSED'
  /** The EHR system no longer exists. */
  | 'SYSTEM_GONE'
  /** The EHR did not answer in time. */
  | 'TIMEOUT'
  /** The EHR could not be reached. */
  | 'UNREACHABLE'
  /** Waiting for the EHR to create the patient first. */
  | 'WAITING_FOR_PATIENT';

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
  /**
   * Base URL that endpoint paths are relative to: http or https (https in production), with no user
   * name, password, query or fragment, and a public host.
   */
  baseUrl: Scalars['String']['input'];
  /** Its endpoints; exactly one creates the patient (none for a FHIR_R4 system). */
  endpoints: Array<EhrEndpointInput>;
  /**
   * How the platform talks to it; KEY_VALUE when omitted. A FHIR_R4 system takes no endpoints of its
   * own (give an empty list): its endpoints are the FHIR resource types the platform supports.
   */
  kind?: InputMaybe<EhrSystemKind>;
  /** Its first mapping. */
  mapping: EhrMappingInput;
  /** Product name, 2 to 60 characters in one script, unlike the name of any EHR system the organization sees. */
  name: Scalars['String']['input'];
};

/**
 * The kind of API an EHR system has, which decides what a mapping's endpoints and targets are and
 * what delivery sends.
 */
export type EhrSystemKind =
  /**
   * A FHIR R4 server: each endpoint is a resource type (Patient, Coverage, Condition, …), a mapping's
   * target is an element path of that resource, and delivery sends one transaction Bundle per patient
   * change to the base URL, validated against FHIR R4 first.
   */
  | 'FHIR_R4'
  /**
   * A REST API of keys and values: each endpoint is a path, a mapping's target is a key it accepts,
   * and delivery sends one request per endpoint with data.
   */
  | 'KEY_VALUE';

/** Conditions on the transaction list. */
export type EhrTransactionFilter = {
  /**
   * Only transactions that are failed now: DEAD and not made good by a delivered replay (directly,
   * or a replay of the replay). Combined with `status`, only DEAD ones can match.
   */
  failedNow?: InputMaybe<Scalars['Boolean']['input']>;
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
  /** NUMBER questions only: accept whole numbers only; false when omitted. */
  integerOnly?: InputMaybe<Scalars['Boolean']['input']>;
  /** A short name of the question for staff, in both languages (1 to 80 characters each); none when omitted. */
  label?: InputMaybe<LocalizedTextInput>;
  /** Stable identifier: letters, digits, dots, dashes and underscores; unique within the questionnaire. */
  linkId: Scalars['String']['input'];
  /** NUMBER questions only: the largest answer accepted; no upper bound when omitted. */
  maxValue?: InputMaybe<Scalars['Float']['input']>;
  /** NUMBER questions only: the smallest answer accepted; no lower bound when omitted. At most `maxValue`. */
  minValue?: InputMaybe<Scalars['Float']['input']>;
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

export type DeliveryAlertRulesQueryQueryVariables = Exact<{ [key: string]: never; }>;


export type DeliveryAlertRulesQueryQuery = { __typename?: 'Query', alertRules: Array<{ __typename?: 'AlertRule', id: string, kind: AlertRuleKind, ehrSystemId?: string | null, windowMinutes: number, threshold: number, timeZone: string, workdayStartHour: number, workdayEndHour: number, webhookUrl?: string | null }>, ehrSystems: Array<{ __typename?: 'EhrSystem', id: string, name: string }> };

export type DeliveryCreateAlertRuleMutationMutationVariables = Exact<{
  input: AlertRuleInput;
}>;


export type DeliveryCreateAlertRuleMutationMutation = { __typename?: 'Mutation', createAlertRule: { __typename?: 'CreatedAlertRule', webhookSecret: string, rule: { __typename?: 'AlertRule', id: string } } };

export type DeliveryUpdateAlertRuleMutationMutationVariables = Exact<{
  id: Scalars['ID']['input'];
  input: AlertRuleInput;
}>;


export type DeliveryUpdateAlertRuleMutationMutation = { __typename?: 'Mutation', updateAlertRule: { __typename?: 'AlertRule', id: string } };

export type DeliveryDeleteAlertRuleMutationMutationVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type DeliveryDeleteAlertRuleMutationMutation = { __typename?: 'Mutation', deleteAlertRule: string };

export type DeliveryAlertsQueryQueryVariables = Exact<{
  first: Scalars['Int']['input'];
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type DeliveryAlertsQueryQuery = { __typename?: 'Query', alerts: { __typename?: 'AlertConnection', totalCount: number, pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor?: string | null }, nodes: Array<{ __typename?: 'Alert', id: string, ruleId: string, kind: AlertRuleKind, ehrSystemId?: string | null, status: AlertStatus, value: number, openedAt: string, acknowledgedAt?: string | null, acknowledgedBy?: string | null, resolvedAt?: string | null, notificationError?: string | null }> } };

export type DeliveryAcknowledgeAlertMutationMutationVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type DeliveryAcknowledgeAlertMutationMutation = { __typename?: 'Mutation', acknowledgeAlert: { __typename?: 'Alert', id: string, status: AlertStatus, acknowledgedAt?: string | null, acknowledgedBy?: string | null } };

export type DeliveryBulkUpdatePatientsMutationMutationVariables = Exact<{
  filter: BulkPatientFilter;
  input: BulkPatientUpdateInput;
  dryRun: Scalars['Boolean']['input'];
}>;


export type DeliveryBulkUpdatePatientsMutationMutation = { __typename?: 'Mutation', updatePatients: { __typename?: 'BulkPatientUpdateResult', dryRun: boolean, matchedCount: number, changedCount: number } };

export type DeliveryBulkResendMutationMutationVariables = Exact<{
  filter: ResendFilter;
  dryRun: Scalars['Boolean']['input'];
}>;


export type DeliveryBulkResendMutationMutation = { __typename?: 'Mutation', resendToEhr: { __typename?: 'ResendResult', dryRun: boolean, patientCount: number, requestCount: number } };

export type DeliveryBulkProvidersQueryQueryVariables = Exact<{ [key: string]: never; }>;


export type DeliveryBulkProvidersQueryQuery = { __typename?: 'Query', providers: Array<{ __typename?: 'Provider', id: string, displayName: string, specialty: string }> };

export type DeliveryReplayFailedMutationMutationVariables = Exact<{
  dryRun: Scalars['Boolean']['input'];
}>;


export type DeliveryReplayFailedMutationMutation = { __typename?: 'Mutation', replayFailedEhrTransactions: { __typename?: 'ReplayFailedResult', dryRun: boolean, replayCount: number, remainingCount: number } };

export type DeliveryReplayMutationMutationVariables = Exact<{
  id: Scalars['ID']['input'];
  mapping: ReplayMapping;
}>;


export type DeliveryReplayMutationMutation = { __typename?: 'Mutation', replayEhrTransaction: { __typename?: 'EhrTransaction', id: string, status: EhrTransactionStatus } };

export type DeliveryStatusCountsQueryQueryVariables = Exact<{ [key: string]: never; }>;


export type DeliveryStatusCountsQueryQuery = { __typename?: 'Query', pending: { __typename?: 'EhrTransactionConnection', totalCount: number }, failed: { __typename?: 'EhrTransactionConnection', totalCount: number }, delivered: { __typename?: 'EhrTransactionConnection', totalCount: number }, dead: { __typename?: 'EhrTransactionConnection', totalCount: number } };

export type DeliveryTransactionRow_TransactionFragment = { __typename?: 'EhrTransaction', id: string, createdAt: string, endpoint: string, trigger: EhrTransactionTrigger, attempts: number, mappingVersion: number, status: EhrTransactionStatus, lastError?: string | null, lastErrorCode?: EhrDeliveryErrorCode | null, lastErrorCause?: EhrDeliveryErrorCode | null, lastErrorHttpStatus?: number | null, patient: { __typename?: 'Patient', id: string }, replayedBy?: { __typename?: 'EhrTransaction', id: string, status: EhrTransactionStatus } | null };

export type DeliveryTransactionsQueryQueryVariables = Exact<{
  first: Scalars['Int']['input'];
  after?: InputMaybe<Scalars['String']['input']>;
  filter: EhrTransactionFilter;
}>;


export type DeliveryTransactionsQueryQuery = { __typename?: 'Query', ehrTransactions: { __typename?: 'EhrTransactionConnection', totalCount: number, pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor?: string | null }, nodes: Array<{ __typename?: 'EhrTransaction', id: string, createdAt: string, endpoint: string, trigger: EhrTransactionTrigger, attempts: number, mappingVersion: number, status: EhrTransactionStatus, lastError?: string | null, lastErrorCode?: EhrDeliveryErrorCode | null, lastErrorCause?: EhrDeliveryErrorCode | null, lastErrorHttpStatus?: number | null, patient: { __typename?: 'Patient', id: string }, replayedBy?: { __typename?: 'EhrTransaction', id: string, status: EhrTransactionStatus } | null }> } };

export type DeliveryPatientName_PatientFragment = { __typename?: 'Patient', id: string, firstName: string, lastName: string };

export type DeliveryPatientNamesQueryQueryVariables = Exact<{
  id0: Scalars['ID']['input'];
  id1: Scalars['ID']['input'];
  id2: Scalars['ID']['input'];
  id3: Scalars['ID']['input'];
  id4: Scalars['ID']['input'];
  id5: Scalars['ID']['input'];
  id6: Scalars['ID']['input'];
  id7: Scalars['ID']['input'];
  id8: Scalars['ID']['input'];
  id9: Scalars['ID']['input'];
  id10: Scalars['ID']['input'];
  id11: Scalars['ID']['input'];
  id12: Scalars['ID']['input'];
  id13: Scalars['ID']['input'];
  id14: Scalars['ID']['input'];
  id15: Scalars['ID']['input'];
  id16: Scalars['ID']['input'];
  id17: Scalars['ID']['input'];
  id18: Scalars['ID']['input'];
  id19: Scalars['ID']['input'];
  id20: Scalars['ID']['input'];
  id21: Scalars['ID']['input'];
  id22: Scalars['ID']['input'];
  id23: Scalars['ID']['input'];
  id24: Scalars['ID']['input'];
}>;


export type DeliveryPatientNamesQueryQuery = { __typename?: 'Query', p0?: { __typename?: 'Patient', id: string, firstName: string, lastName: string } | null, p1?: { __typename?: 'Patient', id: string, firstName: string, lastName: string } | null, p2?: { __typename?: 'Patient', id: string, firstName: string, lastName: string } | null, p3?: { __typename?: 'Patient', id: string, firstName: string, lastName: string } | null, p4?: { __typename?: 'Patient', id: string, firstName: string, lastName: string } | null, p5?: { __typename?: 'Patient', id: string, firstName: string, lastName: string } | null, p6?: { __typename?: 'Patient', id: string, firstName: string, lastName: string } | null, p7?: { __typename?: 'Patient', id: string, firstName: string, lastName: string } | null, p8?: { __typename?: 'Patient', id: string, firstName: string, lastName: string } | null, p9?: { __typename?: 'Patient', id: string, firstName: string, lastName: string } | null, p10?: { __typename?: 'Patient', id: string, firstName: string, lastName: string } | null, p11?: { __typename?: 'Patient', id: string, firstName: string, lastName: string } | null, p12?: { __typename?: 'Patient', id: string, firstName: string, lastName: string } | null, p13?: { __typename?: 'Patient', id: string, firstName: string, lastName: string } | null, p14?: { __typename?: 'Patient', id: string, firstName: string, lastName: string } | null, p15?: { __typename?: 'Patient', id: string, firstName: string, lastName: string } | null, p16?: { __typename?: 'Patient', id: string, firstName: string, lastName: string } | null, p17?: { __typename?: 'Patient', id: string, firstName: string, lastName: string } | null, p18?: { __typename?: 'Patient', id: string, firstName: string, lastName: string } | null, p19?: { __typename?: 'Patient', id: string, firstName: string, lastName: string } | null, p20?: { __typename?: 'Patient', id: string, firstName: string, lastName: string } | null, p21?: { __typename?: 'Patient', id: string, firstName: string, lastName: string } | null, p22?: { __typename?: 'Patient', id: string, firstName: string, lastName: string } | null, p23?: { __typename?: 'Patient', id: string, firstName: string, lastName: string } | null, p24?: { __typename?: 'Patient', id: string, firstName: string, lastName: string } | null };

export type EhrFieldMappingFieldsFragment = { __typename?: 'FieldMapping', source: string, target: string, endpoint: string, transform?: { __typename?: 'ValueTransform', kind: TransformKind, dateFormat?: string | null, codes?: Array<{ __typename?: 'CodeTableEntry', from: string, to: string }> | null } | null };

export type EhrMappingToolQueryQueryVariables = Exact<{
  organizationId: Scalars['ID']['input'];
}>;


export type EhrMappingToolQueryQuery = { __typename?: 'Query', ehrSystems: Array<{ __typename?: 'EhrSystem', id: string, name: string }>, organization?: { __typename?: 'Organization', id: string, ehrSystem: { __typename?: 'EhrSystem', id: string } } | null, canonicalFields: Array<{ __typename?: 'CanonicalField', name: string, category: DataCategory, description: string }> };

export type EhrSystemMappingQueryQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type EhrSystemMappingQueryQuery = { __typename?: 'Query', ehrSystem?: { __typename?: 'EhrSystem', id: string, name: string, endpoints: Array<{ __typename?: 'EhrEndpoint', path: string, categories: Array<DataCategory>, createsPatient: boolean, keys: Array<{ __typename?: 'EhrKey', name: string, required: boolean }> }>, mapping: { __typename?: 'EhrMapping', version: number, fields: Array<{ __typename?: 'FieldMapping', source: string, target: string, endpoint: string, transform?: { __typename?: 'ValueTransform', kind: TransformKind, dateFormat?: string | null, codes?: Array<{ __typename?: 'CodeTableEntry', from: string, to: string }> | null } | null }> }, mappingHistory: Array<{ __typename?: 'EhrMapping', version: number, publishedAt: string, publishedBy: string, note?: string | null, restoredFrom?: number | null }>, unmappedFields: Array<{ __typename?: 'CanonicalField', name: string }> } | null };

export type EhrQuestionnairesQueryQueryVariables = Exact<{
  ehrSystemId: Scalars['ID']['input'];
  lang: Language;
}>;


export type EhrQuestionnairesQueryQuery = { __typename?: 'Query', questionnaires: Array<{ __typename?: 'Questionnaire', id: string, name: string, title: string, unmappedItems: Array<string>, items: Array<{ __typename?: 'QuestionnaireItem', linkId: string, category: QuestionCategory, text: string }> }> };

export type EhrMappingDiffQueryQueryVariables = Exact<{
  id: Scalars['ID']['input'];
  from: Scalars['Int']['input'];
  to: Scalars['Int']['input'];
}>;


export type EhrMappingDiffQueryQuery = { __typename?: 'Query', ehrSystem?: { __typename?: 'EhrSystem', id: string, mappingDiff: Array<{ __typename?: 'FieldMappingChange', kind: ChangeKind, source: string, before?: { __typename?: 'FieldMapping', source: string, target: string, endpoint: string, transform?: { __typename?: 'ValueTransform', kind: TransformKind, dateFormat?: string | null, codes?: Array<{ __typename?: 'CodeTableEntry', from: string, to: string }> | null } | null } | null, after?: { __typename?: 'FieldMapping', source: string, target: string, endpoint: string, transform?: { __typename?: 'ValueTransform', kind: TransformKind, dateFormat?: string | null, codes?: Array<{ __typename?: 'CodeTableEntry', from: string, to: string }> | null } | null } | null }> } | null };

export type EhrPreviewPatientsQueryQueryVariables = Exact<{
  search: Scalars['String']['input'];
}>;


export type EhrPreviewPatientsQueryQuery = { __typename?: 'Query', patients: { __typename?: 'PatientConnection', nodes: Array<{ __typename?: 'Patient', id: string, firstName: string, lastName: string, mrn: string, dateOfBirth: string }> } };

export type EhrPreviewQueryQueryVariables = Exact<{
  patientId: Scalars['ID']['input'];
  ehrSystemId: Scalars['ID']['input'];
  draft?: InputMaybe<EhrMappingInput>;
}>;


export type EhrPreviewQueryQuery = { __typename?: 'Query', patient?: { __typename?: 'Patient', id: string, ehrPreview?: Array<{ __typename?: 'EhrRequest', endpoint: string, method: string, payload: unknown }> | null } | null };

export type EhrPublishMappingMutationMutationVariables = Exact<{
  ehrSystemId: Scalars['ID']['input'];
  input: EhrMappingInput;
  expectedVersion?: InputMaybe<Scalars['Int']['input']>;
}>;


export type EhrPublishMappingMutationMutation = { __typename?: 'Mutation', publishEhrMapping: { __typename?: 'EhrMapping', version: number } };

export type EhrRollbackMappingMutationMutationVariables = Exact<{
  ehrSystemId: Scalars['ID']['input'];
  version: Scalars['Int']['input'];
  expectedVersion?: InputMaybe<Scalars['Int']['input']>;
}>;


export type EhrRollbackMappingMutationMutation = { __typename?: 'Mutation', rollbackEhrMapping: { __typename?: 'EhrMapping', version: number, restoredFrom?: number | null } };

export type IntakeSubmitMutationMutationVariables = Exact<{
  input: QuestionnaireResponseInput;
}>;


export type IntakeSubmitMutationMutation = { __typename?: 'Mutation', submitQuestionnaireResponse: { __typename?: 'QuestionnaireResponse', id: string, submittedAt: string } };

export type IntakeQuestionnaireQueryQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type IntakeQuestionnaireQueryQuery = { __typename?: 'Query', questionnaire?: { __typename?: 'Questionnaire', id: string, titleEn: string, titleEs: string, items: Array<{ __typename?: 'QuestionnaireItem', linkId: string, type: QuestionType, required: boolean, minValue?: number | null, maxValue?: number | null, integerOnly: boolean, maxLength?: number | null, textEn: string, textEs: string, options: Array<{ __typename?: 'AnswerOption', code: string, labelEn: string, labelEs: string }> }> } | null };

export type PatientDetailHistory_HistoryFragment = { __typename?: 'ClinicalHistory', symptoms: Array<string>, allergies: Array<string>, medications: Array<string>, medicalHistory: Array<string>, socialHistory: Array<string>, familyHistory: Array<string> };

export type PatientDetailResponses_ResponseFragment = { __typename?: 'QuestionnaireResponse', id: string, language: Language, submittedAt: string, submittedBy: string, questionnaire: { __typename?: 'Questionnaire', id: string, version: number, titleEn: string, titleEs: string }, answers: Array<{ __typename?: 'Answer', linkId: string, valueNumber?: number | null, valueDate?: string | null, displayEn: string, displayEs: string, item: { __typename?: 'QuestionnaireItem', linkId: string, textEn: string, textEs: string, labelEn?: string | null, labelEs?: string | null } }> };

export type PatientDetailTransactions_TransactionFragment = { __typename?: 'EhrTransaction', id: string, status: EhrTransactionStatus, trigger: EhrTransactionTrigger, endpoint: string, method: string, attempts: number, mappingVersion: number, lastError?: string | null, lastErrorCode?: EhrDeliveryErrorCode | null, lastErrorCause?: EhrDeliveryErrorCode | null, lastErrorHttpStatus?: number | null, nextAttemptAt?: string | null, createdAt: string, updatedAt: string, deliveredAt?: string | null };

export type PatientDetailTransactionsQueryQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type PatientDetailTransactionsQueryQuery = { __typename?: 'Query', patient?: { __typename?: 'Patient', id: string, ehrTransactions?: Array<{ __typename?: 'EhrTransaction', id: string, status: EhrTransactionStatus, trigger: EhrTransactionTrigger, endpoint: string, method: string, attempts: number, mappingVersion: number, lastError?: string | null, lastErrorCode?: EhrDeliveryErrorCode | null, lastErrorCause?: EhrDeliveryErrorCode | null, lastErrorHttpStatus?: number | null, nextAttemptAt?: string | null, createdAt: string, updatedAt: string, deliveredAt?: string | null }> | null } | null };

export type PatientDetailResendMutationMutationVariables = Exact<{
  patientId: Scalars['ID']['input'];
}>;


export type PatientDetailResendMutationMutation = { __typename?: 'Mutation', resendPatientToEhr: Array<{ __typename?: 'EhrTransaction', id: string, status: EhrTransactionStatus, trigger: EhrTransactionTrigger, endpoint: string, method: string, attempts: number, mappingVersion: number, lastError?: string | null, lastErrorCode?: EhrDeliveryErrorCode | null, lastErrorCause?: EhrDeliveryErrorCode | null, lastErrorHttpStatus?: number | null, nextAttemptAt?: string | null, createdAt: string, updatedAt: string, deliveredAt?: string | null }> };

export type PatientDetailQuestionnairesQueryQueryVariables = Exact<{ [key: string]: never; }>;


export type PatientDetailQuestionnairesQueryQuery = { __typename?: 'Query', questionnaires: Array<{ __typename?: 'Questionnaire', id: string, name: string, version: number, status: QuestionnaireStatus, titleEn: string, titleEs: string }> };

export type PatientDetailQueryQueryVariables = Exact<{
  id: Scalars['ID']['input'];
  organizationId: Scalars['ID']['input'];
}>;


export type PatientDetailQueryQuery = { __typename?: 'Query', organization?: { __typename?: 'Organization', id: string, name: string } | null, patient?: { __typename?: 'Patient', id: string, mrn: string, firstName: string, lastName: string, gender: Gender, dateOfBirth: string, phone?: string | null, email?: string | null, preferredLanguage: Language, createdAt: string, updatedAt: string, address?: { __typename?: 'Address', line1: string, line2?: string | null, city: string, state: string, postalCode: string, country: string } | null, emergencyContact?: { __typename?: 'EmergencyContact', name: string, relationship: string, phone: string } | null, insurance?: { __typename?: 'Insurance', provider: string, policyNumber: string } | null, primaryCarePhysician?: { __typename?: 'Provider', id: string, displayName: string, specialty: string } | null, organization: { __typename?: 'Organization', id: string }, ehrSystem?: { __typename?: 'EhrSystem', id: string, name: string } | null, historyEn?: { __typename?: 'ClinicalHistory', symptoms: Array<string>, allergies: Array<string>, medications: Array<string>, medicalHistory: Array<string>, socialHistory: Array<string>, familyHistory: Array<string> } | null, historyEs?: { __typename?: 'ClinicalHistory', symptoms: Array<string>, allergies: Array<string>, medications: Array<string>, medicalHistory: Array<string>, socialHistory: Array<string>, familyHistory: Array<string> } | null, questionnaireResponses?: Array<{ __typename?: 'QuestionnaireResponse', id: string, language: Language, submittedAt: string, submittedBy: string, questionnaire: { __typename?: 'Questionnaire', id: string, version: number, titleEn: string, titleEs: string }, answers: Array<{ __typename?: 'Answer', linkId: string, valueNumber?: number | null, valueDate?: string | null, displayEn: string, displayEs: string, item: { __typename?: 'QuestionnaireItem', linkId: string, textEn: string, textEs: string, labelEn?: string | null, labelEs?: string | null } }> }> | null, ehrPreview?: Array<{ __typename?: 'EhrRequest', endpoint: string, method: string, payload: unknown }> | null, ehrTransactions?: Array<{ __typename?: 'EhrTransaction', id: string, status: EhrTransactionStatus, trigger: EhrTransactionTrigger, endpoint: string, method: string, attempts: number, mappingVersion: number, lastError?: string | null, lastErrorCode?: EhrDeliveryErrorCode | null, lastErrorCause?: EhrDeliveryErrorCode | null, lastErrorHttpStatus?: number | null, nextAttemptAt?: string | null, createdAt: string, updatedAt: string, deliveredAt?: string | null }> | null } | null };

export type PatientsDeleteMutationMutationVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type PatientsDeleteMutationMutation = { __typename?: 'Mutation', deletePatient: string };

export type PatientsEdit_PatientFragment = { __typename?: 'Patient', id: string, version: number, firstName: string, lastName: string, gender: Gender, dateOfBirth: string, mrn: string, phone?: string | null, email?: string | null, preferredLanguage: Language, primaryCarePhysician?: { __typename?: 'Provider', id: string, displayName: string } | null, address?: { __typename?: 'Address', line1: string, line2?: string | null, city: string, state: string, postalCode: string, country: string } | null, emergencyContact?: { __typename?: 'EmergencyContact', name: string, relationship: string, phone: string } | null, insurance?: { __typename?: 'Insurance', provider: string, policyNumber: string } | null };

export type PatientsEditPatientQueryQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type PatientsEditPatientQueryQuery = { __typename?: 'Query', patient?: { __typename?: 'Patient', id: string, version: number, firstName: string, lastName: string, gender: Gender, dateOfBirth: string, mrn: string, phone?: string | null, email?: string | null, preferredLanguage: Language, primaryCarePhysician?: { __typename?: 'Provider', id: string, displayName: string } | null, address?: { __typename?: 'Address', line1: string, line2?: string | null, city: string, state: string, postalCode: string, country: string } | null, emergencyContact?: { __typename?: 'EmergencyContact', name: string, relationship: string, phone: string } | null, insurance?: { __typename?: 'Insurance', provider: string, policyNumber: string } | null } | null };

export type PatientsEditUpdateMutationMutationVariables = Exact<{
  id: Scalars['ID']['input'];
  input: PatientUpdateInput;
  expectedVersion: Scalars['Int']['input'];
}>;


export type PatientsEditUpdateMutationMutation = { __typename?: 'Mutation', updatePatient: { __typename?: 'Patient', id: string, version: number, firstName: string, lastName: string, gender: Gender, dateOfBirth: string, mrn: string, phone?: string | null, email?: string | null, preferredLanguage: Language, primaryCarePhysician?: { __typename?: 'Provider', id: string, displayName: string } | null, address?: { __typename?: 'Address', line1: string, line2?: string | null, city: string, state: string, postalCode: string, country: string } | null, emergencyContact?: { __typename?: 'EmergencyContact', name: string, relationship: string, phone: string } | null, insurance?: { __typename?: 'Insurance', provider: string, policyNumber: string } | null } };

export type PatientsFilterProvidersQueryQueryVariables = Exact<{ [key: string]: never; }>;


export type PatientsFilterProvidersQueryQuery = { __typename?: 'Query', providers: Array<{ __typename?: 'Provider', id: string, displayName: string }> };

export type PatientTable_PatientFragment = { __typename?: 'Patient', id: string, firstName: string, lastName: string, mrn: string, dateOfBirth: string, gender: Gender, phone?: string | null, email?: string | null, primaryCarePhysician?: { __typename?: 'Provider', id: string, displayName: string } | null, ehrSystem?: { __typename?: 'EhrSystem', id: string, name: string } | null, lastEhrTransaction?: { __typename?: 'EhrTransaction', id: string, status: EhrTransactionStatus } | null };

export type PatientsQueryQueryVariables = Exact<{
  first: Scalars['Int']['input'];
  after?: InputMaybe<Scalars['String']['input']>;
  filter: PatientFilter;
}>;


export type PatientsQueryQuery = { __typename?: 'Query', patients: { __typename?: 'PatientConnection', totalCount: number, pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor?: string | null }, nodes: Array<{ __typename?: 'Patient', id: string, firstName: string, lastName: string, mrn: string, dateOfBirth: string, gender: Gender, phone?: string | null, email?: string | null, primaryCarePhysician?: { __typename?: 'Provider', id: string, displayName: string } | null, ehrSystem?: { __typename?: 'EhrSystem', id: string, name: string } | null, lastEhrTransaction?: { __typename?: 'EhrTransaction', id: string, status: EhrTransactionStatus } | null }> } };

export type PatientsCreateMutationMutationVariables = Exact<{
  input: PatientInput;
}>;


export type PatientsCreateMutationMutation = { __typename?: 'Mutation', createPatient: { __typename?: 'Patient', id: string, firstName: string, lastName: string } };

export type PatientsBulkCreateMutationMutationVariables = Exact<{
  inputs: Array<PatientInput> | PatientInput;
}>;


export type PatientsBulkCreateMutationMutation = { __typename?: 'Mutation', createPatients: Array<{ __typename?: 'Patient', id: string }> };

export const DeliveryTransactionRow_TransactionFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"DeliveryTransactionRow_transaction"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"EhrTransaction"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"endpoint"}},{"kind":"Field","name":{"kind":"Name","value":"trigger"}},{"kind":"Field","name":{"kind":"Name","value":"attempts"}},{"kind":"Field","name":{"kind":"Name","value":"mappingVersion"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"lastError"}},{"kind":"Field","name":{"kind":"Name","value":"lastErrorCode"}},{"kind":"Field","name":{"kind":"Name","value":"lastErrorCause"}},{"kind":"Field","name":{"kind":"Name","value":"lastErrorHttpStatus"}},{"kind":"Field","name":{"kind":"Name","value":"patient"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"replayedBy"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]} as unknown as DocumentNode<DeliveryTransactionRow_TransactionFragment, unknown>;
export const DeliveryPatientName_PatientFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"DeliveryPatientName_patient"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Patient"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"firstName"}},{"kind":"Field","name":{"kind":"Name","value":"lastName"}}]}}]} as unknown as DocumentNode<DeliveryPatientName_PatientFragment, unknown>;
export const EhrFieldMappingFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"EhrFieldMappingFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"FieldMapping"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"target"}},{"kind":"Field","name":{"kind":"Name","value":"endpoint"}},{"kind":"Field","name":{"kind":"Name","value":"transform"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"dateFormat"}},{"kind":"Field","name":{"kind":"Name","value":"codes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"from"}},{"kind":"Field","name":{"kind":"Name","value":"to"}}]}}]}}]}}]} as unknown as DocumentNode<EhrFieldMappingFieldsFragment, unknown>;
export const PatientDetailHistory_HistoryFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PatientDetailHistory_history"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ClinicalHistory"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"symptoms"}},{"kind":"Field","name":{"kind":"Name","value":"allergies"}},{"kind":"Field","name":{"kind":"Name","value":"medications"}},{"kind":"Field","name":{"kind":"Name","value":"medicalHistory"}},{"kind":"Field","name":{"kind":"Name","value":"socialHistory"}},{"kind":"Field","name":{"kind":"Name","value":"familyHistory"}}]}}]} as unknown as DocumentNode<PatientDetailHistory_HistoryFragment, unknown>;
export const PatientDetailResponses_ResponseFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PatientDetailResponses_response"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"QuestionnaireResponse"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"language"}},{"kind":"Field","name":{"kind":"Name","value":"submittedAt"}},{"kind":"Field","name":{"kind":"Name","value":"submittedBy"}},{"kind":"Field","name":{"kind":"Name","value":"questionnaire"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","alias":{"kind":"Name","value":"titleEn"},"name":{"kind":"Name","value":"title"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"lang"},"value":{"kind":"EnumValue","value":"EN"}}]},{"kind":"Field","alias":{"kind":"Name","value":"titleEs"},"name":{"kind":"Name","value":"title"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"lang"},"value":{"kind":"EnumValue","value":"ES"}}]}]}},{"kind":"Field","name":{"kind":"Name","value":"answers"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"linkId"}},{"kind":"Field","name":{"kind":"Name","value":"item"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"linkId"}},{"kind":"Field","alias":{"kind":"Name","value":"textEn"},"name":{"kind":"Name","value":"text"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"lang"},"value":{"kind":"EnumValue","value":"EN"}}]},{"kind":"Field","alias":{"kind":"Name","value":"textEs"},"name":{"kind":"Name","value":"text"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"lang"},"value":{"kind":"EnumValue","value":"ES"}}]},{"kind":"Field","alias":{"kind":"Name","value":"labelEn"},"name":{"kind":"Name","value":"label"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"lang"},"value":{"kind":"EnumValue","value":"EN"}}]},{"kind":"Field","alias":{"kind":"Name","value":"labelEs"},"name":{"kind":"Name","value":"label"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"lang"},"value":{"kind":"EnumValue","value":"ES"}}]}]}},{"kind":"Field","name":{"kind":"Name","value":"valueNumber"}},{"kind":"Field","name":{"kind":"Name","value":"valueDate"}},{"kind":"Field","alias":{"kind":"Name","value":"displayEn"},"name":{"kind":"Name","value":"display"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"lang"},"value":{"kind":"EnumValue","value":"EN"}}]},{"kind":"Field","alias":{"kind":"Name","value":"displayEs"},"name":{"kind":"Name","value":"display"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"lang"},"value":{"kind":"EnumValue","value":"ES"}}]}]}}]}}]} as unknown as DocumentNode<PatientDetailResponses_ResponseFragment, unknown>;
export const PatientDetailTransactions_TransactionFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PatientDetailTransactions_transaction"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"EhrTransaction"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"trigger"}},{"kind":"Field","name":{"kind":"Name","value":"endpoint"}},{"kind":"Field","name":{"kind":"Name","value":"method"}},{"kind":"Field","name":{"kind":"Name","value":"attempts"}},{"kind":"Field","name":{"kind":"Name","value":"mappingVersion"}},{"kind":"Field","name":{"kind":"Name","value":"lastError"}},{"kind":"Field","name":{"kind":"Name","value":"lastErrorCode"}},{"kind":"Field","name":{"kind":"Name","value":"lastErrorCause"}},{"kind":"Field","name":{"kind":"Name","value":"lastErrorHttpStatus"}},{"kind":"Field","name":{"kind":"Name","value":"nextAttemptAt"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"deliveredAt"}}]}}]} as unknown as DocumentNode<PatientDetailTransactions_TransactionFragment, unknown>;
export const PatientsEdit_PatientFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PatientsEdit_patient"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Patient"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"firstName"}},{"kind":"Field","name":{"kind":"Name","value":"lastName"}},{"kind":"Field","name":{"kind":"Name","value":"gender"}},{"kind":"Field","name":{"kind":"Name","value":"dateOfBirth"}},{"kind":"Field","name":{"kind":"Name","value":"mrn"}},{"kind":"Field","name":{"kind":"Name","value":"phone"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"preferredLanguage"}},{"kind":"Field","name":{"kind":"Name","value":"primaryCarePhysician"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}}]}},{"kind":"Field","name":{"kind":"Name","value":"address"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"line1"}},{"kind":"Field","name":{"kind":"Name","value":"line2"}},{"kind":"Field","name":{"kind":"Name","value":"city"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"postalCode"}},{"kind":"Field","name":{"kind":"Name","value":"country"}}]}},{"kind":"Field","name":{"kind":"Name","value":"emergencyContact"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"relationship"}},{"kind":"Field","name":{"kind":"Name","value":"phone"}}]}},{"kind":"Field","name":{"kind":"Name","value":"insurance"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"provider"}},{"kind":"Field","name":{"kind":"Name","value":"policyNumber"}}]}}]}}]} as unknown as DocumentNode<PatientsEdit_PatientFragment, unknown>;
export const PatientTable_PatientFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PatientTable_patient"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Patient"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"firstName"}},{"kind":"Field","name":{"kind":"Name","value":"lastName"}},{"kind":"Field","name":{"kind":"Name","value":"mrn"}},{"kind":"Field","name":{"kind":"Name","value":"dateOfBirth"}},{"kind":"Field","name":{"kind":"Name","value":"gender"}},{"kind":"Field","name":{"kind":"Name","value":"phone"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"primaryCarePhysician"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}}]}},{"kind":"Field","name":{"kind":"Name","value":"ehrSystem"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"lastEhrTransaction"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]} as unknown as DocumentNode<PatientTable_PatientFragment, unknown>;
export const LayoutQueryDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"LayoutQuery"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"organizationId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"organization"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"organizationId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]} as unknown as DocumentNode<LayoutQueryQuery, LayoutQueryQueryVariables>;
export const DeliveryAlertRulesQueryDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"DeliveryAlertRulesQuery"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"alertRules"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"ehrSystemId"}},{"kind":"Field","name":{"kind":"Name","value":"windowMinutes"}},{"kind":"Field","name":{"kind":"Name","value":"threshold"}},{"kind":"Field","name":{"kind":"Name","value":"timeZone"}},{"kind":"Field","name":{"kind":"Name","value":"workdayStartHour"}},{"kind":"Field","name":{"kind":"Name","value":"workdayEndHour"}},{"kind":"Field","name":{"kind":"Name","value":"webhookUrl"}}]}},{"kind":"Field","name":{"kind":"Name","value":"ehrSystems"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]} as unknown as DocumentNode<DeliveryAlertRulesQueryQuery, DeliveryAlertRulesQueryQueryVariables>;
export const DeliveryCreateAlertRuleMutationDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DeliveryCreateAlertRuleMutation"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"AlertRuleInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createAlertRule"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"rule"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"webhookSecret"}}]}}]}}]} as unknown as DocumentNode<DeliveryCreateAlertRuleMutationMutation, DeliveryCreateAlertRuleMutationMutationVariables>;
export const DeliveryUpdateAlertRuleMutationDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DeliveryUpdateAlertRuleMutation"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"AlertRuleInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateAlertRule"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]} as unknown as DocumentNode<DeliveryUpdateAlertRuleMutationMutation, DeliveryUpdateAlertRuleMutationMutationVariables>;
export const DeliveryDeleteAlertRuleMutationDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DeliveryDeleteAlertRuleMutation"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deleteAlertRule"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}]}]}}]} as unknown as DocumentNode<DeliveryDeleteAlertRuleMutationMutation, DeliveryDeleteAlertRuleMutationMutationVariables>;
export const DeliveryAlertsQueryDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"DeliveryAlertsQuery"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"alerts"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"ruleId"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"ehrSystemId"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"value"}},{"kind":"Field","name":{"kind":"Name","value":"openedAt"}},{"kind":"Field","name":{"kind":"Name","value":"acknowledgedAt"}},{"kind":"Field","name":{"kind":"Name","value":"acknowledgedBy"}},{"kind":"Field","name":{"kind":"Name","value":"resolvedAt"}},{"kind":"Field","name":{"kind":"Name","value":"notificationError"}}]}}]}}]}}]} as unknown as DocumentNode<DeliveryAlertsQueryQuery, DeliveryAlertsQueryQueryVariables>;
export const DeliveryAcknowledgeAlertMutationDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DeliveryAcknowledgeAlertMutation"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"acknowledgeAlert"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"acknowledgedAt"}},{"kind":"Field","name":{"kind":"Name","value":"acknowledgedBy"}}]}}]}}]} as unknown as DocumentNode<DeliveryAcknowledgeAlertMutationMutation, DeliveryAcknowledgeAlertMutationMutationVariables>;
export const DeliveryBulkUpdatePatientsMutationDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DeliveryBulkUpdatePatientsMutation"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"BulkPatientFilter"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"BulkPatientUpdateInput"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"dryRun"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Boolean"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updatePatients"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}},{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}},{"kind":"Argument","name":{"kind":"Name","value":"dryRun"},"value":{"kind":"Variable","name":{"kind":"Name","value":"dryRun"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"dryRun"}},{"kind":"Field","name":{"kind":"Name","value":"matchedCount"}},{"kind":"Field","name":{"kind":"Name","value":"changedCount"}}]}}]}}]} as unknown as DocumentNode<DeliveryBulkUpdatePatientsMutationMutation, DeliveryBulkUpdatePatientsMutationMutationVariables>;
export const DeliveryBulkResendMutationDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DeliveryBulkResendMutation"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ResendFilter"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"dryRun"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Boolean"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"resendToEhr"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}},{"kind":"Argument","name":{"kind":"Name","value":"dryRun"},"value":{"kind":"Variable","name":{"kind":"Name","value":"dryRun"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"dryRun"}},{"kind":"Field","name":{"kind":"Name","value":"patientCount"}},{"kind":"Field","name":{"kind":"Name","value":"requestCount"}}]}}]}}]} as unknown as DocumentNode<DeliveryBulkResendMutationMutation, DeliveryBulkResendMutationMutationVariables>;
export const DeliveryBulkProvidersQueryDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"DeliveryBulkProvidersQuery"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"providers"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"specialty"}}]}}]}}]} as unknown as DocumentNode<DeliveryBulkProvidersQueryQuery, DeliveryBulkProvidersQueryQueryVariables>;
export const DeliveryReplayFailedMutationDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DeliveryReplayFailedMutation"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"dryRun"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Boolean"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"replayFailedEhrTransactions"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"dryRun"},"value":{"kind":"Variable","name":{"kind":"Name","value":"dryRun"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"dryRun"}},{"kind":"Field","name":{"kind":"Name","value":"replayCount"}},{"kind":"Field","name":{"kind":"Name","value":"remainingCount"}}]}}]}}]} as unknown as DocumentNode<DeliveryReplayFailedMutationMutation, DeliveryReplayFailedMutationMutationVariables>;
export const DeliveryReplayMutationDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DeliveryReplayMutation"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"mapping"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ReplayMapping"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"replayEhrTransaction"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"mapping"},"value":{"kind":"Variable","name":{"kind":"Name","value":"mapping"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]} as unknown as DocumentNode<DeliveryReplayMutationMutation, DeliveryReplayMutationMutationVariables>;
export const DeliveryStatusCountsQueryDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"DeliveryStatusCountsQuery"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","alias":{"kind":"Name","value":"pending"},"name":{"kind":"Name","value":"ehrTransactions"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"status"},"value":{"kind":"EnumValue","value":"PENDING"}}]}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"1"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}}]}},{"kind":"Field","alias":{"kind":"Name","value":"failed"},"name":{"kind":"Name","value":"ehrTransactions"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"status"},"value":{"kind":"EnumValue","value":"FAILED"}}]}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"1"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}}]}},{"kind":"Field","alias":{"kind":"Name","value":"delivered"},"name":{"kind":"Name","value":"ehrTransactions"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"status"},"value":{"kind":"EnumValue","value":"DELIVERED"}}]}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"1"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}}]}},{"kind":"Field","alias":{"kind":"Name","value":"dead"},"name":{"kind":"Name","value":"ehrTransactions"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"status"},"value":{"kind":"EnumValue","value":"DEAD"}},{"kind":"ObjectField","name":{"kind":"Name","value":"failedNow"},"value":{"kind":"BooleanValue","value":true}}]}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"1"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}}]}}]}}]} as unknown as DocumentNode<DeliveryStatusCountsQueryQuery, DeliveryStatusCountsQueryQueryVariables>;
export const DeliveryTransactionsQueryDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"DeliveryTransactionsQuery"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"EhrTransactionFilter"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ehrTransactions"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"DeliveryTransactionRow_transaction"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"DeliveryTransactionRow_transaction"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"EhrTransaction"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"endpoint"}},{"kind":"Field","name":{"kind":"Name","value":"trigger"}},{"kind":"Field","name":{"kind":"Name","value":"attempts"}},{"kind":"Field","name":{"kind":"Name","value":"mappingVersion"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"lastError"}},{"kind":"Field","name":{"kind":"Name","value":"lastErrorCode"}},{"kind":"Field","name":{"kind":"Name","value":"lastErrorCause"}},{"kind":"Field","name":{"kind":"Name","value":"lastErrorHttpStatus"}},{"kind":"Field","name":{"kind":"Name","value":"patient"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"replayedBy"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]} as unknown as DocumentNode<DeliveryTransactionsQueryQuery, DeliveryTransactionsQueryQueryVariables>;
export const DeliveryPatientNamesQueryDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"DeliveryPatientNamesQuery"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id0"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id1"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id2"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id3"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id4"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id5"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id6"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id7"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id8"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id9"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id10"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id11"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id12"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id13"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id14"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id15"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id16"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id17"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id18"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id19"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id20"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id21"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id22"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id23"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id24"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","alias":{"kind":"Name","value":"p0"},"name":{"kind":"Name","value":"patient"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id0"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"DeliveryPatientName_patient"}}]}},{"kind":"Field","alias":{"kind":"Name","value":"p1"},"name":{"kind":"Name","value":"patient"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id1"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"DeliveryPatientName_patient"}}]}},{"kind":"Field","alias":{"kind":"Name","value":"p2"},"name":{"kind":"Name","value":"patient"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id2"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"DeliveryPatientName_patient"}}]}},{"kind":"Field","alias":{"kind":"Name","value":"p3"},"name":{"kind":"Name","value":"patient"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id3"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"DeliveryPatientName_patient"}}]}},{"kind":"Field","alias":{"kind":"Name","value":"p4"},"name":{"kind":"Name","value":"patient"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id4"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"DeliveryPatientName_patient"}}]}},{"kind":"Field","alias":{"kind":"Name","value":"p5"},"name":{"kind":"Name","value":"patient"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id5"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"DeliveryPatientName_patient"}}]}},{"kind":"Field","alias":{"kind":"Name","value":"p6"},"name":{"kind":"Name","value":"patient"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id6"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"DeliveryPatientName_patient"}}]}},{"kind":"Field","alias":{"kind":"Name","value":"p7"},"name":{"kind":"Name","value":"patient"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id7"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"DeliveryPatientName_patient"}}]}},{"kind":"Field","alias":{"kind":"Name","value":"p8"},"name":{"kind":"Name","value":"patient"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id8"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"DeliveryPatientName_patient"}}]}},{"kind":"Field","alias":{"kind":"Name","value":"p9"},"name":{"kind":"Name","value":"patient"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id9"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"DeliveryPatientName_patient"}}]}},{"kind":"Field","alias":{"kind":"Name","value":"p10"},"name":{"kind":"Name","value":"patient"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id10"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"DeliveryPatientName_patient"}}]}},{"kind":"Field","alias":{"kind":"Name","value":"p11"},"name":{"kind":"Name","value":"patient"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id11"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"DeliveryPatientName_patient"}}]}},{"kind":"Field","alias":{"kind":"Name","value":"p12"},"name":{"kind":"Name","value":"patient"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id12"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"DeliveryPatientName_patient"}}]}},{"kind":"Field","alias":{"kind":"Name","value":"p13"},"name":{"kind":"Name","value":"patient"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id13"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"DeliveryPatientName_patient"}}]}},{"kind":"Field","alias":{"kind":"Name","value":"p14"},"name":{"kind":"Name","value":"patient"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id14"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"DeliveryPatientName_patient"}}]}},{"kind":"Field","alias":{"kind":"Name","value":"p15"},"name":{"kind":"Name","value":"patient"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id15"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"DeliveryPatientName_patient"}}]}},{"kind":"Field","alias":{"kind":"Name","value":"p16"},"name":{"kind":"Name","value":"patient"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id16"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"DeliveryPatientName_patient"}}]}},{"kind":"Field","alias":{"kind":"Name","value":"p17"},"name":{"kind":"Name","value":"patient"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id17"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"DeliveryPatientName_patient"}}]}},{"kind":"Field","alias":{"kind":"Name","value":"p18"},"name":{"kind":"Name","value":"patient"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id18"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"DeliveryPatientName_patient"}}]}},{"kind":"Field","alias":{"kind":"Name","value":"p19"},"name":{"kind":"Name","value":"patient"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id19"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"DeliveryPatientName_patient"}}]}},{"kind":"Field","alias":{"kind":"Name","value":"p20"},"name":{"kind":"Name","value":"patient"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id20"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"DeliveryPatientName_patient"}}]}},{"kind":"Field","alias":{"kind":"Name","value":"p21"},"name":{"kind":"Name","value":"patient"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id21"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"DeliveryPatientName_patient"}}]}},{"kind":"Field","alias":{"kind":"Name","value":"p22"},"name":{"kind":"Name","value":"patient"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id22"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"DeliveryPatientName_patient"}}]}},{"kind":"Field","alias":{"kind":"Name","value":"p23"},"name":{"kind":"Name","value":"patient"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id23"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"DeliveryPatientName_patient"}}]}},{"kind":"Field","alias":{"kind":"Name","value":"p24"},"name":{"kind":"Name","value":"patient"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id24"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"DeliveryPatientName_patient"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"DeliveryPatientName_patient"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Patient"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"firstName"}},{"kind":"Field","name":{"kind":"Name","value":"lastName"}}]}}]} as unknown as DocumentNode<DeliveryPatientNamesQueryQuery, DeliveryPatientNamesQueryQueryVariables>;
export const EhrMappingToolQueryDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"EhrMappingToolQuery"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"organizationId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ehrSystems"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"organization"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"organizationId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"ehrSystem"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"canonicalFields"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"category"}},{"kind":"Field","name":{"kind":"Name","value":"description"}}]}}]}}]} as unknown as DocumentNode<EhrMappingToolQueryQuery, EhrMappingToolQueryQueryVariables>;
export const EhrSystemMappingQueryDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"EhrSystemMappingQuery"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ehrSystem"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"endpoints"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"categories"}},{"kind":"Field","name":{"kind":"Name","value":"createsPatient"}},{"kind":"Field","name":{"kind":"Name","value":"keys"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"required"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"mapping"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"fields"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"EhrFieldMappingFields"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"mappingHistory"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"publishedAt"}},{"kind":"Field","name":{"kind":"Name","value":"publishedBy"}},{"kind":"Field","name":{"kind":"Name","value":"note"}},{"kind":"Field","name":{"kind":"Name","value":"restoredFrom"}}]}},{"kind":"Field","name":{"kind":"Name","value":"unmappedFields"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"EhrFieldMappingFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"FieldMapping"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"target"}},{"kind":"Field","name":{"kind":"Name","value":"endpoint"}},{"kind":"Field","name":{"kind":"Name","value":"transform"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"dateFormat"}},{"kind":"Field","name":{"kind":"Name","value":"codes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"from"}},{"kind":"Field","name":{"kind":"Name","value":"to"}}]}}]}}]}}]} as unknown as DocumentNode<EhrSystemMappingQueryQuery, EhrSystemMappingQueryQueryVariables>;
export const EhrQuestionnairesQueryDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"EhrQuestionnairesQuery"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"ehrSystemId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"lang"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Language"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"questionnaires"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"title"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"lang"},"value":{"kind":"Variable","name":{"kind":"Name","value":"lang"}}}]},{"kind":"Field","name":{"kind":"Name","value":"items"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"linkId"}},{"kind":"Field","name":{"kind":"Name","value":"category"}},{"kind":"Field","name":{"kind":"Name","value":"text"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"lang"},"value":{"kind":"Variable","name":{"kind":"Name","value":"lang"}}}]}]}},{"kind":"Field","name":{"kind":"Name","value":"unmappedItems"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"ehrSystemId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"ehrSystemId"}}}]}]}}]}}]} as unknown as DocumentNode<EhrQuestionnairesQueryQuery, EhrQuestionnairesQueryQueryVariables>;
export const EhrMappingDiffQueryDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"EhrMappingDiffQuery"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"from"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"to"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ehrSystem"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"mappingDiff"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"from"},"value":{"kind":"Variable","name":{"kind":"Name","value":"from"}}},{"kind":"Argument","name":{"kind":"Name","value":"to"},"value":{"kind":"Variable","name":{"kind":"Name","value":"to"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"before"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"EhrFieldMappingFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"after"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"EhrFieldMappingFields"}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"EhrFieldMappingFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"FieldMapping"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"source"}},{"kind":"Field","name":{"kind":"Name","value":"target"}},{"kind":"Field","name":{"kind":"Name","value":"endpoint"}},{"kind":"Field","name":{"kind":"Name","value":"transform"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"dateFormat"}},{"kind":"Field","name":{"kind":"Name","value":"codes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"from"}},{"kind":"Field","name":{"kind":"Name","value":"to"}}]}}]}}]}}]} as unknown as DocumentNode<EhrMappingDiffQueryQuery, EhrMappingDiffQueryQueryVariables>;
export const EhrPreviewPatientsQueryDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"EhrPreviewPatientsQuery"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"search"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"patients"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"10"}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"ObjectValue","fields":[{"kind":"ObjectField","name":{"kind":"Name","value":"search"},"value":{"kind":"Variable","name":{"kind":"Name","value":"search"}}}]}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"firstName"}},{"kind":"Field","name":{"kind":"Name","value":"lastName"}},{"kind":"Field","name":{"kind":"Name","value":"mrn"}},{"kind":"Field","name":{"kind":"Name","value":"dateOfBirth"}}]}}]}}]}}]} as unknown as DocumentNode<EhrPreviewPatientsQueryQuery, EhrPreviewPatientsQueryQueryVariables>;
export const EhrPreviewQueryDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"EhrPreviewQuery"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"patientId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"ehrSystemId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"draft"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"EhrMappingInput"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"patient"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"patientId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"ehrPreview"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"draft"},"value":{"kind":"Variable","name":{"kind":"Name","value":"draft"}}},{"kind":"Argument","name":{"kind":"Name","value":"ehrSystemId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"ehrSystemId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"endpoint"}},{"kind":"Field","name":{"kind":"Name","value":"method"}},{"kind":"Field","name":{"kind":"Name","value":"payload"}}]}}]}}]}}]} as unknown as DocumentNode<EhrPreviewQueryQuery, EhrPreviewQueryQueryVariables>;
export const EhrPublishMappingMutationDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"EhrPublishMappingMutation"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"ehrSystemId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"EhrMappingInput"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"expectedVersion"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"publishEhrMapping"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"ehrSystemId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"ehrSystemId"}}},{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}},{"kind":"Argument","name":{"kind":"Name","value":"expectedVersion"},"value":{"kind":"Variable","name":{"kind":"Name","value":"expectedVersion"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"version"}}]}}]}}]} as unknown as DocumentNode<EhrPublishMappingMutationMutation, EhrPublishMappingMutationMutationVariables>;
export const EhrRollbackMappingMutationDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"EhrRollbackMappingMutation"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"ehrSystemId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"version"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"expectedVersion"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"rollbackEhrMapping"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"ehrSystemId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"ehrSystemId"}}},{"kind":"Argument","name":{"kind":"Name","value":"version"},"value":{"kind":"Variable","name":{"kind":"Name","value":"version"}}},{"kind":"Argument","name":{"kind":"Name","value":"expectedVersion"},"value":{"kind":"Variable","name":{"kind":"Name","value":"expectedVersion"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"restoredFrom"}}]}}]}}]} as unknown as DocumentNode<EhrRollbackMappingMutationMutation, EhrRollbackMappingMutationMutationVariables>;
export const IntakeSubmitMutationDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"IntakeSubmitMutation"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"QuestionnaireResponseInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"submitQuestionnaireResponse"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"submittedAt"}}]}}]}}]} as unknown as DocumentNode<IntakeSubmitMutationMutation, IntakeSubmitMutationMutationVariables>;
export const IntakeQuestionnaireQueryDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"IntakeQuestionnaireQuery"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"questionnaire"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","alias":{"kind":"Name","value":"titleEn"},"name":{"kind":"Name","value":"title"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"lang"},"value":{"kind":"EnumValue","value":"EN"}}]},{"kind":"Field","alias":{"kind":"Name","value":"titleEs"},"name":{"kind":"Name","value":"title"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"lang"},"value":{"kind":"EnumValue","value":"ES"}}]},{"kind":"Field","name":{"kind":"Name","value":"items"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"linkId"}},{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"required"}},{"kind":"Field","alias":{"kind":"Name","value":"textEn"},"name":{"kind":"Name","value":"text"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"lang"},"value":{"kind":"EnumValue","value":"EN"}}]},{"kind":"Field","alias":{"kind":"Name","value":"textEs"},"name":{"kind":"Name","value":"text"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"lang"},"value":{"kind":"EnumValue","value":"ES"}}]},{"kind":"Field","name":{"kind":"Name","value":"minValue"}},{"kind":"Field","name":{"kind":"Name","value":"maxValue"}},{"kind":"Field","name":{"kind":"Name","value":"integerOnly"}},{"kind":"Field","name":{"kind":"Name","value":"maxLength"}},{"kind":"Field","name":{"kind":"Name","value":"options"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","alias":{"kind":"Name","value":"labelEn"},"name":{"kind":"Name","value":"label"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"lang"},"value":{"kind":"EnumValue","value":"EN"}}]},{"kind":"Field","alias":{"kind":"Name","value":"labelEs"},"name":{"kind":"Name","value":"label"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"lang"},"value":{"kind":"EnumValue","value":"ES"}}]}]}}]}}]}}]}}]} as unknown as DocumentNode<IntakeQuestionnaireQueryQuery, IntakeQuestionnaireQueryQueryVariables>;
export const PatientDetailTransactionsQueryDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"PatientDetailTransactionsQuery"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"patient"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"ehrTransactions"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"PatientDetailTransactions_transaction"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PatientDetailTransactions_transaction"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"EhrTransaction"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"trigger"}},{"kind":"Field","name":{"kind":"Name","value":"endpoint"}},{"kind":"Field","name":{"kind":"Name","value":"method"}},{"kind":"Field","name":{"kind":"Name","value":"attempts"}},{"kind":"Field","name":{"kind":"Name","value":"mappingVersion"}},{"kind":"Field","name":{"kind":"Name","value":"lastError"}},{"kind":"Field","name":{"kind":"Name","value":"lastErrorCode"}},{"kind":"Field","name":{"kind":"Name","value":"lastErrorCause"}},{"kind":"Field","name":{"kind":"Name","value":"lastErrorHttpStatus"}},{"kind":"Field","name":{"kind":"Name","value":"nextAttemptAt"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"deliveredAt"}}]}}]} as unknown as DocumentNode<PatientDetailTransactionsQueryQuery, PatientDetailTransactionsQueryQueryVariables>;
export const PatientDetailResendMutationDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"PatientDetailResendMutation"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"patientId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"resendPatientToEhr"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"patientId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"patientId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"PatientDetailTransactions_transaction"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PatientDetailTransactions_transaction"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"EhrTransaction"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"trigger"}},{"kind":"Field","name":{"kind":"Name","value":"endpoint"}},{"kind":"Field","name":{"kind":"Name","value":"method"}},{"kind":"Field","name":{"kind":"Name","value":"attempts"}},{"kind":"Field","name":{"kind":"Name","value":"mappingVersion"}},{"kind":"Field","name":{"kind":"Name","value":"lastError"}},{"kind":"Field","name":{"kind":"Name","value":"lastErrorCode"}},{"kind":"Field","name":{"kind":"Name","value":"lastErrorCause"}},{"kind":"Field","name":{"kind":"Name","value":"lastErrorHttpStatus"}},{"kind":"Field","name":{"kind":"Name","value":"nextAttemptAt"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"deliveredAt"}}]}}]} as unknown as DocumentNode<PatientDetailResendMutationMutation, PatientDetailResendMutationMutationVariables>;
export const PatientDetailQuestionnairesQueryDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"PatientDetailQuestionnairesQuery"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"questionnaires"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","alias":{"kind":"Name","value":"titleEn"},"name":{"kind":"Name","value":"title"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"lang"},"value":{"kind":"EnumValue","value":"EN"}}]},{"kind":"Field","alias":{"kind":"Name","value":"titleEs"},"name":{"kind":"Name","value":"title"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"lang"},"value":{"kind":"EnumValue","value":"ES"}}]}]}}]}}]} as unknown as DocumentNode<PatientDetailQuestionnairesQueryQuery, PatientDetailQuestionnairesQueryQueryVariables>;
export const PatientDetailQueryDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"PatientDetailQuery"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"organizationId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"organization"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"organizationId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"patient"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"mrn"}},{"kind":"Field","name":{"kind":"Name","value":"firstName"}},{"kind":"Field","name":{"kind":"Name","value":"lastName"}},{"kind":"Field","name":{"kind":"Name","value":"gender"}},{"kind":"Field","name":{"kind":"Name","value":"dateOfBirth"}},{"kind":"Field","name":{"kind":"Name","value":"phone"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"address"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"line1"}},{"kind":"Field","name":{"kind":"Name","value":"line2"}},{"kind":"Field","name":{"kind":"Name","value":"city"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"postalCode"}},{"kind":"Field","name":{"kind":"Name","value":"country"}}]}},{"kind":"Field","name":{"kind":"Name","value":"emergencyContact"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"relationship"}},{"kind":"Field","name":{"kind":"Name","value":"phone"}}]}},{"kind":"Field","name":{"kind":"Name","value":"insurance"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"provider"}},{"kind":"Field","name":{"kind":"Name","value":"policyNumber"}}]}},{"kind":"Field","name":{"kind":"Name","value":"preferredLanguage"}},{"kind":"Field","name":{"kind":"Name","value":"primaryCarePhysician"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}},{"kind":"Field","name":{"kind":"Name","value":"specialty"}}]}},{"kind":"Field","name":{"kind":"Name","value":"organization"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"ehrSystem"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","alias":{"kind":"Name","value":"historyEn"},"name":{"kind":"Name","value":"clinicalHistory"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"lang"},"value":{"kind":"EnumValue","value":"EN"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"PatientDetailHistory_history"}}]}},{"kind":"Field","alias":{"kind":"Name","value":"historyEs"},"name":{"kind":"Name","value":"clinicalHistory"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"lang"},"value":{"kind":"EnumValue","value":"ES"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"PatientDetailHistory_history"}}]}},{"kind":"Field","name":{"kind":"Name","value":"questionnaireResponses"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"PatientDetailResponses_response"}}]}},{"kind":"Field","name":{"kind":"Name","value":"ehrPreview"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"endpoint"}},{"kind":"Field","name":{"kind":"Name","value":"method"}},{"kind":"Field","name":{"kind":"Name","value":"payload"}}]}},{"kind":"Field","name":{"kind":"Name","value":"ehrTransactions"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"PatientDetailTransactions_transaction"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PatientDetailHistory_history"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ClinicalHistory"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"symptoms"}},{"kind":"Field","name":{"kind":"Name","value":"allergies"}},{"kind":"Field","name":{"kind":"Name","value":"medications"}},{"kind":"Field","name":{"kind":"Name","value":"medicalHistory"}},{"kind":"Field","name":{"kind":"Name","value":"socialHistory"}},{"kind":"Field","name":{"kind":"Name","value":"familyHistory"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PatientDetailResponses_response"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"QuestionnaireResponse"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"language"}},{"kind":"Field","name":{"kind":"Name","value":"submittedAt"}},{"kind":"Field","name":{"kind":"Name","value":"submittedBy"}},{"kind":"Field","name":{"kind":"Name","value":"questionnaire"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","alias":{"kind":"Name","value":"titleEn"},"name":{"kind":"Name","value":"title"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"lang"},"value":{"kind":"EnumValue","value":"EN"}}]},{"kind":"Field","alias":{"kind":"Name","value":"titleEs"},"name":{"kind":"Name","value":"title"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"lang"},"value":{"kind":"EnumValue","value":"ES"}}]}]}},{"kind":"Field","name":{"kind":"Name","value":"answers"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"linkId"}},{"kind":"Field","name":{"kind":"Name","value":"item"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"linkId"}},{"kind":"Field","alias":{"kind":"Name","value":"textEn"},"name":{"kind":"Name","value":"text"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"lang"},"value":{"kind":"EnumValue","value":"EN"}}]},{"kind":"Field","alias":{"kind":"Name","value":"textEs"},"name":{"kind":"Name","value":"text"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"lang"},"value":{"kind":"EnumValue","value":"ES"}}]},{"kind":"Field","alias":{"kind":"Name","value":"labelEn"},"name":{"kind":"Name","value":"label"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"lang"},"value":{"kind":"EnumValue","value":"EN"}}]},{"kind":"Field","alias":{"kind":"Name","value":"labelEs"},"name":{"kind":"Name","value":"label"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"lang"},"value":{"kind":"EnumValue","value":"ES"}}]}]}},{"kind":"Field","name":{"kind":"Name","value":"valueNumber"}},{"kind":"Field","name":{"kind":"Name","value":"valueDate"}},{"kind":"Field","alias":{"kind":"Name","value":"displayEn"},"name":{"kind":"Name","value":"display"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"lang"},"value":{"kind":"EnumValue","value":"EN"}}]},{"kind":"Field","alias":{"kind":"Name","value":"displayEs"},"name":{"kind":"Name","value":"display"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"lang"},"value":{"kind":"EnumValue","value":"ES"}}]}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PatientDetailTransactions_transaction"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"EhrTransaction"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"trigger"}},{"kind":"Field","name":{"kind":"Name","value":"endpoint"}},{"kind":"Field","name":{"kind":"Name","value":"method"}},{"kind":"Field","name":{"kind":"Name","value":"attempts"}},{"kind":"Field","name":{"kind":"Name","value":"mappingVersion"}},{"kind":"Field","name":{"kind":"Name","value":"lastError"}},{"kind":"Field","name":{"kind":"Name","value":"lastErrorCode"}},{"kind":"Field","name":{"kind":"Name","value":"lastErrorCause"}},{"kind":"Field","name":{"kind":"Name","value":"lastErrorHttpStatus"}},{"kind":"Field","name":{"kind":"Name","value":"nextAttemptAt"}},{"kind":"Field","name":{"kind":"Name","value":"createdAt"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"deliveredAt"}}]}}]} as unknown as DocumentNode<PatientDetailQueryQuery, PatientDetailQueryQueryVariables>;
export const PatientsDeleteMutationDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"PatientsDeleteMutation"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deletePatient"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}]}]}}]} as unknown as DocumentNode<PatientsDeleteMutationMutation, PatientsDeleteMutationMutationVariables>;
export const PatientsEditPatientQueryDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"PatientsEditPatientQuery"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"patient"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"PatientsEdit_patient"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PatientsEdit_patient"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Patient"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"firstName"}},{"kind":"Field","name":{"kind":"Name","value":"lastName"}},{"kind":"Field","name":{"kind":"Name","value":"gender"}},{"kind":"Field","name":{"kind":"Name","value":"dateOfBirth"}},{"kind":"Field","name":{"kind":"Name","value":"mrn"}},{"kind":"Field","name":{"kind":"Name","value":"phone"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"preferredLanguage"}},{"kind":"Field","name":{"kind":"Name","value":"primaryCarePhysician"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}}]}},{"kind":"Field","name":{"kind":"Name","value":"address"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"line1"}},{"kind":"Field","name":{"kind":"Name","value":"line2"}},{"kind":"Field","name":{"kind":"Name","value":"city"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"postalCode"}},{"kind":"Field","name":{"kind":"Name","value":"country"}}]}},{"kind":"Field","name":{"kind":"Name","value":"emergencyContact"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"relationship"}},{"kind":"Field","name":{"kind":"Name","value":"phone"}}]}},{"kind":"Field","name":{"kind":"Name","value":"insurance"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"provider"}},{"kind":"Field","name":{"kind":"Name","value":"policyNumber"}}]}}]}}]} as unknown as DocumentNode<PatientsEditPatientQueryQuery, PatientsEditPatientQueryQueryVariables>;
export const PatientsEditUpdateMutationDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"PatientsEditUpdateMutation"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"PatientUpdateInput"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"expectedVersion"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updatePatient"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}},{"kind":"Argument","name":{"kind":"Name","value":"expectedVersion"},"value":{"kind":"Variable","name":{"kind":"Name","value":"expectedVersion"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"PatientsEdit_patient"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PatientsEdit_patient"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Patient"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"firstName"}},{"kind":"Field","name":{"kind":"Name","value":"lastName"}},{"kind":"Field","name":{"kind":"Name","value":"gender"}},{"kind":"Field","name":{"kind":"Name","value":"dateOfBirth"}},{"kind":"Field","name":{"kind":"Name","value":"mrn"}},{"kind":"Field","name":{"kind":"Name","value":"phone"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"preferredLanguage"}},{"kind":"Field","name":{"kind":"Name","value":"primaryCarePhysician"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}}]}},{"kind":"Field","name":{"kind":"Name","value":"address"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"line1"}},{"kind":"Field","name":{"kind":"Name","value":"line2"}},{"kind":"Field","name":{"kind":"Name","value":"city"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"postalCode"}},{"kind":"Field","name":{"kind":"Name","value":"country"}}]}},{"kind":"Field","name":{"kind":"Name","value":"emergencyContact"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"relationship"}},{"kind":"Field","name":{"kind":"Name","value":"phone"}}]}},{"kind":"Field","name":{"kind":"Name","value":"insurance"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"provider"}},{"kind":"Field","name":{"kind":"Name","value":"policyNumber"}}]}}]}}]} as unknown as DocumentNode<PatientsEditUpdateMutationMutation, PatientsEditUpdateMutationMutationVariables>;
export const PatientsFilterProvidersQueryDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"PatientsFilterProvidersQuery"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"providers"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}}]}}]}}]} as unknown as DocumentNode<PatientsFilterProvidersQueryQuery, PatientsFilterProvidersQueryQueryVariables>;
export const PatientsQueryDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"PatientsQuery"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"PatientFilter"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"patients"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"PatientTable_patient"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"PatientTable_patient"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Patient"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"firstName"}},{"kind":"Field","name":{"kind":"Name","value":"lastName"}},{"kind":"Field","name":{"kind":"Name","value":"mrn"}},{"kind":"Field","name":{"kind":"Name","value":"dateOfBirth"}},{"kind":"Field","name":{"kind":"Name","value":"gender"}},{"kind":"Field","name":{"kind":"Name","value":"phone"}},{"kind":"Field","name":{"kind":"Name","value":"email"}},{"kind":"Field","name":{"kind":"Name","value":"primaryCarePhysician"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"displayName"}}]}},{"kind":"Field","name":{"kind":"Name","value":"ehrSystem"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"lastEhrTransaction"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]} as unknown as DocumentNode<PatientsQueryQuery, PatientsQueryQueryVariables>;
export const PatientsCreateMutationDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"PatientsCreateMutation"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"PatientInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createPatient"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"firstName"}},{"kind":"Field","name":{"kind":"Name","value":"lastName"}}]}}]}}]} as unknown as DocumentNode<PatientsCreateMutationMutation, PatientsCreateMutationMutationVariables>;
export const PatientsBulkCreateMutationDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"PatientsBulkCreateMutation"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"inputs"}},"type":{"kind":"NonNullType","type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"PatientInput"}}}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createPatients"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"inputs"},"value":{"kind":"Variable","name":{"kind":"Name","value":"inputs"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}}]}}]} as unknown as DocumentNode<PatientsBulkCreateMutationMutation, PatientsBulkCreateMutationMutationVariables>;
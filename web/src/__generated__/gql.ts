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
    "\n  mutation BulkUpdatePatientsMutation($filter: BulkPatientFilter!, $input: BulkPatientUpdateInput!, $dryRun: Boolean!) {\n    updatePatients(filter: $filter, input: $input, dryRun: $dryRun) {\n      dryRun\n      matchedCount\n      changedCount\n    }\n  }\n": typeof types.BulkUpdatePatientsMutationDocument,
    "\n  mutation BulkResendMutation($filter: ResendFilter!, $dryRun: Boolean!) {\n    resendToEhr(filter: $filter, dryRun: $dryRun) {\n      dryRun\n      patientCount\n      requestCount\n    }\n  }\n": typeof types.BulkResendMutationDocument,
    "\n  query DeliveryPatientQuery($id: ID!) {\n    patient(id: $id) {\n      id\n      firstName\n      lastName\n    }\n  }\n": typeof types.DeliveryPatientQueryDocument,
    "\n  query BulkProvidersQuery {\n    providers {\n      id\n      displayName\n      specialty\n    }\n  }\n": typeof types.BulkProvidersQueryDocument,
    "\n  mutation DeliveryReplayMutation($id: ID!, $mapping: ReplayMapping!) {\n    replayEhrTransaction(id: $id, mapping: $mapping) {\n      id\n      status\n    }\n  }\n": typeof types.DeliveryReplayMutationDocument,
    "\n  query DeliveryStatusCountsQuery {\n    pending: ehrTransactions(filter: { status: PENDING }, first: 1) {\n      totalCount\n    }\n    failed: ehrTransactions(filter: { status: FAILED }, first: 1) {\n      totalCount\n    }\n    delivered: ehrTransactions(filter: { status: DELIVERED }, first: 1) {\n      totalCount\n    }\n    dead: ehrTransactions(filter: { status: DEAD }, first: 1) {\n      totalCount\n    }\n  }\n": typeof types.DeliveryStatusCountsQueryDocument,
    "\n  fragment DeliveryTransactionRow_transaction on EhrTransaction {\n    id\n    createdAt\n    endpoint\n    trigger\n    attempts\n    mappingVersion\n    status\n    lastError\n    patient {\n      id\n    }\n  }\n": typeof types.DeliveryTransactionRow_TransactionFragmentDoc,
    "\n  query DeliveryTransactionsQuery($first: Int!, $after: String, $filter: EhrTransactionFilter!) {\n    ehrTransactions(first: $first, after: $after, filter: $filter) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        ...DeliveryTransactionRow_transaction\n      }\n    }\n  }\n": typeof types.DeliveryTransactionsQueryDocument,
    "\n  fragment EhrFieldMappingFields on FieldMapping {\n    source\n    target\n    endpoint\n    transform {\n      kind\n      dateFormat\n      codes {\n        from\n        to\n      }\n    }\n  }\n": typeof types.EhrFieldMappingFieldsFragmentDoc,
    "\n  query EhrMappingToolQuery($organizationId: ID!) {\n    ehrSystems {\n      id\n      name\n    }\n    organization(id: $organizationId) {\n      id\n      ehrSystem {\n        id\n      }\n    }\n    canonicalFields {\n      name\n      category\n      description\n    }\n  }\n": typeof types.EhrMappingToolQueryDocument,
    "\n  query EhrSystemMappingQuery($id: ID!) {\n    ehrSystem(id: $id) {\n      id\n      name\n      endpoints {\n        path\n        categories\n        createsPatient\n        keys {\n          name\n          required\n        }\n      }\n      mapping {\n        version\n        fields {\n          ...EhrFieldMappingFields\n        }\n      }\n      mappingHistory {\n        version\n        publishedAt\n        publishedBy\n        note\n        restoredFrom\n      }\n      unmappedFields {\n        name\n      }\n    }\n  }\n": typeof types.EhrSystemMappingQueryDocument,
    "\n  query EhrQuestionnairesQuery($ehrSystemId: ID!, $lang: Language!) {\n    questionnaires {\n      id\n      name\n      title(lang: $lang)\n      items {\n        linkId\n        category\n        text(lang: $lang)\n      }\n      unmappedItems(ehrSystemId: $ehrSystemId)\n    }\n  }\n": typeof types.EhrQuestionnairesQueryDocument,
    "\n  query EhrMappingDiffQuery($id: ID!, $from: Int!, $to: Int!) {\n    ehrSystem(id: $id) {\n      id\n      mappingDiff(from: $from, to: $to) {\n        kind\n        source\n        before {\n          ...EhrFieldMappingFields\n        }\n        after {\n          ...EhrFieldMappingFields\n        }\n      }\n    }\n  }\n": typeof types.EhrMappingDiffQueryDocument,
    "\n  query EhrPreviewPatientsQuery($search: String!) {\n    patients(first: 10, filter: { search: $search }) {\n      nodes {\n        id\n        firstName\n        lastName\n        mrn\n        dateOfBirth\n      }\n    }\n  }\n": typeof types.EhrPreviewPatientsQueryDocument,
    "\n  query EhrPreviewQuery($patientId: ID!, $ehrSystemId: ID!, $draft: EhrMappingInput) {\n    patient(id: $patientId) {\n      id\n      ehrPreview(draft: $draft, ehrSystemId: $ehrSystemId) {\n        endpoint\n        method\n        payload\n      }\n    }\n  }\n": typeof types.EhrPreviewQueryDocument,
    "\n  mutation EhrPublishMappingMutation($ehrSystemId: ID!, $input: EhrMappingInput!) {\n    publishEhrMapping(ehrSystemId: $ehrSystemId, input: $input) {\n      version\n    }\n  }\n": typeof types.EhrPublishMappingMutationDocument,
    "\n  mutation EhrRollbackMappingMutation($ehrSystemId: ID!, $version: Int!) {\n    rollbackEhrMapping(ehrSystemId: $ehrSystemId, version: $version) {\n      version\n      restoredFrom\n    }\n  }\n": typeof types.EhrRollbackMappingMutationDocument,
    "\n  mutation IntakeSubmitMutation($input: QuestionnaireResponseInput!) {\n    submitQuestionnaireResponse(input: $input) {\n      id\n      submittedAt\n    }\n  }\n": typeof types.IntakeSubmitMutationDocument,
    "\n  query IntakeQuestionnaireQuery($id: ID!) {\n    questionnaire(id: $id) {\n      id\n      titleEn: title(lang: EN)\n      titleEs: title(lang: ES)\n      items {\n        linkId\n        type\n        required\n        textEn: text(lang: EN)\n        textEs: text(lang: ES)\n        options {\n          code\n          labelEn: label(lang: EN)\n          labelEs: label(lang: ES)\n        }\n      }\n    }\n  }\n": typeof types.IntakeQuestionnaireQueryDocument,
    "\n  fragment PatientDetailHistory_history on ClinicalHistory {\n    symptoms\n    allergies\n    medications\n    medicalHistory\n    socialHistory\n    familyHistory\n  }\n": typeof types.PatientDetailHistory_HistoryFragmentDoc,
    "\n  fragment PatientDetailResponses_response on QuestionnaireResponse {\n    id\n    language\n    submittedAt\n    submittedBy\n    questionnaire {\n      id\n      version\n      titleEn: title(lang: EN)\n      titleEs: title(lang: ES)\n    }\n    answers {\n      linkId\n      item {\n        linkId\n        textEn: text(lang: EN)\n        textEs: text(lang: ES)\n      }\n      displayEn: display(lang: EN)\n      displayEs: display(lang: ES)\n    }\n  }\n": typeof types.PatientDetailResponses_ResponseFragmentDoc,
    "\n  fragment PatientDetailTransactions_transaction on EhrTransaction {\n    id\n    status\n    trigger\n    endpoint\n    method\n    attempts\n    mappingVersion\n    lastError\n    nextAttemptAt\n    createdAt\n    updatedAt\n    deliveredAt\n  }\n": typeof types.PatientDetailTransactions_TransactionFragmentDoc,
    "\n  query PatientDetailTransactionsQuery($id: ID!) {\n    patient(id: $id) {\n      id\n      ehrTransactions {\n        ...PatientDetailTransactions_transaction\n      }\n    }\n  }\n": typeof types.PatientDetailTransactionsQueryDocument,
    "\n  mutation PatientDetailResendMutation($patientId: ID!) {\n    resendPatientToEhr(patientId: $patientId) {\n      ...PatientDetailTransactions_transaction\n    }\n  }\n": typeof types.PatientDetailResendMutationDocument,
    "\n  query PatientDetailQuestionnairesQuery {\n    questionnaires {\n      id\n      name\n      version\n      status\n      titleEn: title(lang: EN)\n      titleEs: title(lang: ES)\n    }\n  }\n": typeof types.PatientDetailQuestionnairesQueryDocument,
    "\n  query PatientDetailQuery($id: ID!, $organizationId: ID!) {\n    organization(id: $organizationId) {\n      id\n      name\n    }\n    patient(id: $id) {\n      id\n      mrn\n      firstName\n      lastName\n      gender\n      dateOfBirth\n      phone\n      email\n      address {\n        line1\n        line2\n        city\n        state\n        postalCode\n        country\n      }\n      emergencyContact {\n        name\n        relationship\n        phone\n      }\n      insurance {\n        provider\n        policyNumber\n      }\n      preferredLanguage\n      primaryCarePhysician {\n        id\n        displayName\n        specialty\n      }\n      organization {\n        id\n      }\n      ehrSystem {\n        id\n        name\n      }\n      createdAt\n      updatedAt\n      historyEn: clinicalHistory(lang: EN) {\n        ...PatientDetailHistory_history\n      }\n      historyEs: clinicalHistory(lang: ES) {\n        ...PatientDetailHistory_history\n      }\n      questionnaireResponses {\n        ...PatientDetailResponses_response\n      }\n      ehrPreview {\n        endpoint\n        method\n        payload\n      }\n      ehrTransactions {\n        ...PatientDetailTransactions_transaction\n      }\n    }\n  }\n": typeof types.PatientDetailQueryDocument,
    "\n  mutation PatientsDeleteMutation($id: ID!) {\n    deletePatient(id: $id)\n  }\n": typeof types.PatientsDeleteMutationDocument,
    "\n  fragment PatientsEdit_patient on Patient {\n    id\n    version\n    firstName\n    lastName\n    gender\n    dateOfBirth\n    mrn\n    phone\n    email\n  }\n": typeof types.PatientsEdit_PatientFragmentDoc,
    "\n  query PatientsEditPatientQuery($id: ID!) {\n    patient(id: $id) {\n      ...PatientsEdit_patient\n    }\n  }\n": typeof types.PatientsEditPatientQueryDocument,
    "\n  mutation PatientsEditUpdateMutation($id: ID!, $input: PatientUpdateInput!, $expectedVersion: Int!) {\n    updatePatient(id: $id, input: $input, expectedVersion: $expectedVersion) {\n      ...PatientsEdit_patient\n    }\n  }\n": typeof types.PatientsEditUpdateMutationDocument,
    "\n  query PatientsFilterProvidersQuery {\n    providers {\n      id\n      displayName\n    }\n  }\n": typeof types.PatientsFilterProvidersQueryDocument,
    "\n  fragment PatientTable_patient on Patient {\n    id\n    firstName\n    lastName\n    mrn\n    dateOfBirth\n    gender\n    phone\n    email\n    primaryCarePhysician {\n      id\n      displayName\n    }\n    ehrSystem {\n      id\n      name\n    }\n    ehrTransactions {\n      id\n      status\n    }\n  }\n": typeof types.PatientTable_PatientFragmentDoc,
    "\n  mutation CreatePatientMutation($input: PatientInput!) {\n    createPatient(input: $input) {\n      id\n      firstName\n      lastName\n    }\n  }\n": typeof types.CreatePatientMutationDocument,
    "\n  mutation PatientsBulkCreateMutation($inputs: [PatientInput!]!) {\n    createPatients(inputs: $inputs) {\n      id\n    }\n  }\n": typeof types.PatientsBulkCreateMutationDocument,
    "\n  query PatientsQuery($first: Int!, $after: String, $filter: PatientFilter!) {\n    patients(first: $first, after: $after, filter: $filter) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        ...PatientTable_patient\n      }\n    }\n  }\n": typeof types.PatientsQueryDocument,
};
const documents: Documents = {
    "\n  query LayoutQuery($organizationId: ID!) {\n    organization(id: $organizationId) {\n      id\n      name\n    }\n  }\n": types.LayoutQueryDocument,
    "\n  mutation BulkUpdatePatientsMutation($filter: BulkPatientFilter!, $input: BulkPatientUpdateInput!, $dryRun: Boolean!) {\n    updatePatients(filter: $filter, input: $input, dryRun: $dryRun) {\n      dryRun\n      matchedCount\n      changedCount\n    }\n  }\n": types.BulkUpdatePatientsMutationDocument,
    "\n  mutation BulkResendMutation($filter: ResendFilter!, $dryRun: Boolean!) {\n    resendToEhr(filter: $filter, dryRun: $dryRun) {\n      dryRun\n      patientCount\n      requestCount\n    }\n  }\n": types.BulkResendMutationDocument,
    "\n  query DeliveryPatientQuery($id: ID!) {\n    patient(id: $id) {\n      id\n      firstName\n      lastName\n    }\n  }\n": types.DeliveryPatientQueryDocument,
    "\n  query BulkProvidersQuery {\n    providers {\n      id\n      displayName\n      specialty\n    }\n  }\n": types.BulkProvidersQueryDocument,
    "\n  mutation DeliveryReplayMutation($id: ID!, $mapping: ReplayMapping!) {\n    replayEhrTransaction(id: $id, mapping: $mapping) {\n      id\n      status\n    }\n  }\n": types.DeliveryReplayMutationDocument,
    "\n  query DeliveryStatusCountsQuery {\n    pending: ehrTransactions(filter: { status: PENDING }, first: 1) {\n      totalCount\n    }\n    failed: ehrTransactions(filter: { status: FAILED }, first: 1) {\n      totalCount\n    }\n    delivered: ehrTransactions(filter: { status: DELIVERED }, first: 1) {\n      totalCount\n    }\n    dead: ehrTransactions(filter: { status: DEAD }, first: 1) {\n      totalCount\n    }\n  }\n": types.DeliveryStatusCountsQueryDocument,
    "\n  fragment DeliveryTransactionRow_transaction on EhrTransaction {\n    id\n    createdAt\n    endpoint\n    trigger\n    attempts\n    mappingVersion\n    status\n    lastError\n    patient {\n      id\n    }\n  }\n": types.DeliveryTransactionRow_TransactionFragmentDoc,
    "\n  query DeliveryTransactionsQuery($first: Int!, $after: String, $filter: EhrTransactionFilter!) {\n    ehrTransactions(first: $first, after: $after, filter: $filter) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        ...DeliveryTransactionRow_transaction\n      }\n    }\n  }\n": types.DeliveryTransactionsQueryDocument,
    "\n  fragment EhrFieldMappingFields on FieldMapping {\n    source\n    target\n    endpoint\n    transform {\n      kind\n      dateFormat\n      codes {\n        from\n        to\n      }\n    }\n  }\n": types.EhrFieldMappingFieldsFragmentDoc,
    "\n  query EhrMappingToolQuery($organizationId: ID!) {\n    ehrSystems {\n      id\n      name\n    }\n    organization(id: $organizationId) {\n      id\n      ehrSystem {\n        id\n      }\n    }\n    canonicalFields {\n      name\n      category\n      description\n    }\n  }\n": types.EhrMappingToolQueryDocument,
    "\n  query EhrSystemMappingQuery($id: ID!) {\n    ehrSystem(id: $id) {\n      id\n      name\n      endpoints {\n        path\n        categories\n        createsPatient\n        keys {\n          name\n          required\n        }\n      }\n      mapping {\n        version\n        fields {\n          ...EhrFieldMappingFields\n        }\n      }\n      mappingHistory {\n        version\n        publishedAt\n        publishedBy\n        note\n        restoredFrom\n      }\n      unmappedFields {\n        name\n      }\n    }\n  }\n": types.EhrSystemMappingQueryDocument,
    "\n  query EhrQuestionnairesQuery($ehrSystemId: ID!, $lang: Language!) {\n    questionnaires {\n      id\n      name\n      title(lang: $lang)\n      items {\n        linkId\n        category\n        text(lang: $lang)\n      }\n      unmappedItems(ehrSystemId: $ehrSystemId)\n    }\n  }\n": types.EhrQuestionnairesQueryDocument,
    "\n  query EhrMappingDiffQuery($id: ID!, $from: Int!, $to: Int!) {\n    ehrSystem(id: $id) {\n      id\n      mappingDiff(from: $from, to: $to) {\n        kind\n        source\n        before {\n          ...EhrFieldMappingFields\n        }\n        after {\n          ...EhrFieldMappingFields\n        }\n      }\n    }\n  }\n": types.EhrMappingDiffQueryDocument,
    "\n  query EhrPreviewPatientsQuery($search: String!) {\n    patients(first: 10, filter: { search: $search }) {\n      nodes {\n        id\n        firstName\n        lastName\n        mrn\n        dateOfBirth\n      }\n    }\n  }\n": types.EhrPreviewPatientsQueryDocument,
    "\n  query EhrPreviewQuery($patientId: ID!, $ehrSystemId: ID!, $draft: EhrMappingInput) {\n    patient(id: $patientId) {\n      id\n      ehrPreview(draft: $draft, ehrSystemId: $ehrSystemId) {\n        endpoint\n        method\n        payload\n      }\n    }\n  }\n": types.EhrPreviewQueryDocument,
    "\n  mutation EhrPublishMappingMutation($ehrSystemId: ID!, $input: EhrMappingInput!) {\n    publishEhrMapping(ehrSystemId: $ehrSystemId, input: $input) {\n      version\n    }\n  }\n": types.EhrPublishMappingMutationDocument,
    "\n  mutation EhrRollbackMappingMutation($ehrSystemId: ID!, $version: Int!) {\n    rollbackEhrMapping(ehrSystemId: $ehrSystemId, version: $version) {\n      version\n      restoredFrom\n    }\n  }\n": types.EhrRollbackMappingMutationDocument,
    "\n  mutation IntakeSubmitMutation($input: QuestionnaireResponseInput!) {\n    submitQuestionnaireResponse(input: $input) {\n      id\n      submittedAt\n    }\n  }\n": types.IntakeSubmitMutationDocument,
    "\n  query IntakeQuestionnaireQuery($id: ID!) {\n    questionnaire(id: $id) {\n      id\n      titleEn: title(lang: EN)\n      titleEs: title(lang: ES)\n      items {\n        linkId\n        type\n        required\n        textEn: text(lang: EN)\n        textEs: text(lang: ES)\n        options {\n          code\n          labelEn: label(lang: EN)\n          labelEs: label(lang: ES)\n        }\n      }\n    }\n  }\n": types.IntakeQuestionnaireQueryDocument,
    "\n  fragment PatientDetailHistory_history on ClinicalHistory {\n    symptoms\n    allergies\n    medications\n    medicalHistory\n    socialHistory\n    familyHistory\n  }\n": types.PatientDetailHistory_HistoryFragmentDoc,
    "\n  fragment PatientDetailResponses_response on QuestionnaireResponse {\n    id\n    language\n    submittedAt\n    submittedBy\n    questionnaire {\n      id\n      version\n      titleEn: title(lang: EN)\n      titleEs: title(lang: ES)\n    }\n    answers {\n      linkId\n      item {\n        linkId\n        textEn: text(lang: EN)\n        textEs: text(lang: ES)\n      }\n      displayEn: display(lang: EN)\n      displayEs: display(lang: ES)\n    }\n  }\n": types.PatientDetailResponses_ResponseFragmentDoc,
    "\n  fragment PatientDetailTransactions_transaction on EhrTransaction {\n    id\n    status\n    trigger\n    endpoint\n    method\n    attempts\n    mappingVersion\n    lastError\n    nextAttemptAt\n    createdAt\n    updatedAt\n    deliveredAt\n  }\n": types.PatientDetailTransactions_TransactionFragmentDoc,
    "\n  query PatientDetailTransactionsQuery($id: ID!) {\n    patient(id: $id) {\n      id\n      ehrTransactions {\n        ...PatientDetailTransactions_transaction\n      }\n    }\n  }\n": types.PatientDetailTransactionsQueryDocument,
    "\n  mutation PatientDetailResendMutation($patientId: ID!) {\n    resendPatientToEhr(patientId: $patientId) {\n      ...PatientDetailTransactions_transaction\n    }\n  }\n": types.PatientDetailResendMutationDocument,
    "\n  query PatientDetailQuestionnairesQuery {\n    questionnaires {\n      id\n      name\n      version\n      status\n      titleEn: title(lang: EN)\n      titleEs: title(lang: ES)\n    }\n  }\n": types.PatientDetailQuestionnairesQueryDocument,
    "\n  query PatientDetailQuery($id: ID!, $organizationId: ID!) {\n    organization(id: $organizationId) {\n      id\n      name\n    }\n    patient(id: $id) {\n      id\n      mrn\n      firstName\n      lastName\n      gender\n      dateOfBirth\n      phone\n      email\n      address {\n        line1\n        line2\n        city\n        state\n        postalCode\n        country\n      }\n      emergencyContact {\n        name\n        relationship\n        phone\n      }\n      insurance {\n        provider\n        policyNumber\n      }\n      preferredLanguage\n      primaryCarePhysician {\n        id\n        displayName\n        specialty\n      }\n      organization {\n        id\n      }\n      ehrSystem {\n        id\n        name\n      }\n      createdAt\n      updatedAt\n      historyEn: clinicalHistory(lang: EN) {\n        ...PatientDetailHistory_history\n      }\n      historyEs: clinicalHistory(lang: ES) {\n        ...PatientDetailHistory_history\n      }\n      questionnaireResponses {\n        ...PatientDetailResponses_response\n      }\n      ehrPreview {\n        endpoint\n        method\n        payload\n      }\n      ehrTransactions {\n        ...PatientDetailTransactions_transaction\n      }\n    }\n  }\n": types.PatientDetailQueryDocument,
    "\n  mutation PatientsDeleteMutation($id: ID!) {\n    deletePatient(id: $id)\n  }\n": types.PatientsDeleteMutationDocument,
    "\n  fragment PatientsEdit_patient on Patient {\n    id\n    version\n    firstName\n    lastName\n    gender\n    dateOfBirth\n    mrn\n    phone\n    email\n  }\n": types.PatientsEdit_PatientFragmentDoc,
    "\n  query PatientsEditPatientQuery($id: ID!) {\n    patient(id: $id) {\n      ...PatientsEdit_patient\n    }\n  }\n": types.PatientsEditPatientQueryDocument,
    "\n  mutation PatientsEditUpdateMutation($id: ID!, $input: PatientUpdateInput!, $expectedVersion: Int!) {\n    updatePatient(id: $id, input: $input, expectedVersion: $expectedVersion) {\n      ...PatientsEdit_patient\n    }\n  }\n": types.PatientsEditUpdateMutationDocument,
    "\n  query PatientsFilterProvidersQuery {\n    providers {\n      id\n      displayName\n    }\n  }\n": types.PatientsFilterProvidersQueryDocument,
    "\n  fragment PatientTable_patient on Patient {\n    id\n    firstName\n    lastName\n    mrn\n    dateOfBirth\n    gender\n    phone\n    email\n    primaryCarePhysician {\n      id\n      displayName\n    }\n    ehrSystem {\n      id\n      name\n    }\n    ehrTransactions {\n      id\n      status\n    }\n  }\n": types.PatientTable_PatientFragmentDoc,
    "\n  mutation CreatePatientMutation($input: PatientInput!) {\n    createPatient(input: $input) {\n      id\n      firstName\n      lastName\n    }\n  }\n": types.CreatePatientMutationDocument,
    "\n  mutation PatientsBulkCreateMutation($inputs: [PatientInput!]!) {\n    createPatients(inputs: $inputs) {\n      id\n    }\n  }\n": types.PatientsBulkCreateMutationDocument,
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
export function graphql(source: "\n  mutation BulkUpdatePatientsMutation($filter: BulkPatientFilter!, $input: BulkPatientUpdateInput!, $dryRun: Boolean!) {\n    updatePatients(filter: $filter, input: $input, dryRun: $dryRun) {\n      dryRun\n      matchedCount\n      changedCount\n    }\n  }\n"): (typeof documents)["\n  mutation BulkUpdatePatientsMutation($filter: BulkPatientFilter!, $input: BulkPatientUpdateInput!, $dryRun: Boolean!) {\n    updatePatients(filter: $filter, input: $input, dryRun: $dryRun) {\n      dryRun\n      matchedCount\n      changedCount\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation BulkResendMutation($filter: ResendFilter!, $dryRun: Boolean!) {\n    resendToEhr(filter: $filter, dryRun: $dryRun) {\n      dryRun\n      patientCount\n      requestCount\n    }\n  }\n"): (typeof documents)["\n  mutation BulkResendMutation($filter: ResendFilter!, $dryRun: Boolean!) {\n    resendToEhr(filter: $filter, dryRun: $dryRun) {\n      dryRun\n      patientCount\n      requestCount\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DeliveryPatientQuery($id: ID!) {\n    patient(id: $id) {\n      id\n      firstName\n      lastName\n    }\n  }\n"): (typeof documents)["\n  query DeliveryPatientQuery($id: ID!) {\n    patient(id: $id) {\n      id\n      firstName\n      lastName\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query BulkProvidersQuery {\n    providers {\n      id\n      displayName\n      specialty\n    }\n  }\n"): (typeof documents)["\n  query BulkProvidersQuery {\n    providers {\n      id\n      displayName\n      specialty\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeliveryReplayMutation($id: ID!, $mapping: ReplayMapping!) {\n    replayEhrTransaction(id: $id, mapping: $mapping) {\n      id\n      status\n    }\n  }\n"): (typeof documents)["\n  mutation DeliveryReplayMutation($id: ID!, $mapping: ReplayMapping!) {\n    replayEhrTransaction(id: $id, mapping: $mapping) {\n      id\n      status\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DeliveryStatusCountsQuery {\n    pending: ehrTransactions(filter: { status: PENDING }, first: 1) {\n      totalCount\n    }\n    failed: ehrTransactions(filter: { status: FAILED }, first: 1) {\n      totalCount\n    }\n    delivered: ehrTransactions(filter: { status: DELIVERED }, first: 1) {\n      totalCount\n    }\n    dead: ehrTransactions(filter: { status: DEAD }, first: 1) {\n      totalCount\n    }\n  }\n"): (typeof documents)["\n  query DeliveryStatusCountsQuery {\n    pending: ehrTransactions(filter: { status: PENDING }, first: 1) {\n      totalCount\n    }\n    failed: ehrTransactions(filter: { status: FAILED }, first: 1) {\n      totalCount\n    }\n    delivered: ehrTransactions(filter: { status: DELIVERED }, first: 1) {\n      totalCount\n    }\n    dead: ehrTransactions(filter: { status: DEAD }, first: 1) {\n      totalCount\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment DeliveryTransactionRow_transaction on EhrTransaction {\n    id\n    createdAt\n    endpoint\n    trigger\n    attempts\n    mappingVersion\n    status\n    lastError\n    patient {\n      id\n    }\n  }\n"): (typeof documents)["\n  fragment DeliveryTransactionRow_transaction on EhrTransaction {\n    id\n    createdAt\n    endpoint\n    trigger\n    attempts\n    mappingVersion\n    status\n    lastError\n    patient {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DeliveryTransactionsQuery($first: Int!, $after: String, $filter: EhrTransactionFilter!) {\n    ehrTransactions(first: $first, after: $after, filter: $filter) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        ...DeliveryTransactionRow_transaction\n      }\n    }\n  }\n"): (typeof documents)["\n  query DeliveryTransactionsQuery($first: Int!, $after: String, $filter: EhrTransactionFilter!) {\n    ehrTransactions(first: $first, after: $after, filter: $filter) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        ...DeliveryTransactionRow_transaction\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment EhrFieldMappingFields on FieldMapping {\n    source\n    target\n    endpoint\n    transform {\n      kind\n      dateFormat\n      codes {\n        from\n        to\n      }\n    }\n  }\n"): (typeof documents)["\n  fragment EhrFieldMappingFields on FieldMapping {\n    source\n    target\n    endpoint\n    transform {\n      kind\n      dateFormat\n      codes {\n        from\n        to\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query EhrMappingToolQuery($organizationId: ID!) {\n    ehrSystems {\n      id\n      name\n    }\n    organization(id: $organizationId) {\n      id\n      ehrSystem {\n        id\n      }\n    }\n    canonicalFields {\n      name\n      category\n      description\n    }\n  }\n"): (typeof documents)["\n  query EhrMappingToolQuery($organizationId: ID!) {\n    ehrSystems {\n      id\n      name\n    }\n    organization(id: $organizationId) {\n      id\n      ehrSystem {\n        id\n      }\n    }\n    canonicalFields {\n      name\n      category\n      description\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query EhrSystemMappingQuery($id: ID!) {\n    ehrSystem(id: $id) {\n      id\n      name\n      endpoints {\n        path\n        categories\n        createsPatient\n        keys {\n          name\n          required\n        }\n      }\n      mapping {\n        version\n        fields {\n          ...EhrFieldMappingFields\n        }\n      }\n      mappingHistory {\n        version\n        publishedAt\n        publishedBy\n        note\n        restoredFrom\n      }\n      unmappedFields {\n        name\n      }\n    }\n  }\n"): (typeof documents)["\n  query EhrSystemMappingQuery($id: ID!) {\n    ehrSystem(id: $id) {\n      id\n      name\n      endpoints {\n        path\n        categories\n        createsPatient\n        keys {\n          name\n          required\n        }\n      }\n      mapping {\n        version\n        fields {\n          ...EhrFieldMappingFields\n        }\n      }\n      mappingHistory {\n        version\n        publishedAt\n        publishedBy\n        note\n        restoredFrom\n      }\n      unmappedFields {\n        name\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query EhrQuestionnairesQuery($ehrSystemId: ID!, $lang: Language!) {\n    questionnaires {\n      id\n      name\n      title(lang: $lang)\n      items {\n        linkId\n        category\n        text(lang: $lang)\n      }\n      unmappedItems(ehrSystemId: $ehrSystemId)\n    }\n  }\n"): (typeof documents)["\n  query EhrQuestionnairesQuery($ehrSystemId: ID!, $lang: Language!) {\n    questionnaires {\n      id\n      name\n      title(lang: $lang)\n      items {\n        linkId\n        category\n        text(lang: $lang)\n      }\n      unmappedItems(ehrSystemId: $ehrSystemId)\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query EhrMappingDiffQuery($id: ID!, $from: Int!, $to: Int!) {\n    ehrSystem(id: $id) {\n      id\n      mappingDiff(from: $from, to: $to) {\n        kind\n        source\n        before {\n          ...EhrFieldMappingFields\n        }\n        after {\n          ...EhrFieldMappingFields\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query EhrMappingDiffQuery($id: ID!, $from: Int!, $to: Int!) {\n    ehrSystem(id: $id) {\n      id\n      mappingDiff(from: $from, to: $to) {\n        kind\n        source\n        before {\n          ...EhrFieldMappingFields\n        }\n        after {\n          ...EhrFieldMappingFields\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query EhrPreviewPatientsQuery($search: String!) {\n    patients(first: 10, filter: { search: $search }) {\n      nodes {\n        id\n        firstName\n        lastName\n        mrn\n        dateOfBirth\n      }\n    }\n  }\n"): (typeof documents)["\n  query EhrPreviewPatientsQuery($search: String!) {\n    patients(first: 10, filter: { search: $search }) {\n      nodes {\n        id\n        firstName\n        lastName\n        mrn\n        dateOfBirth\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query EhrPreviewQuery($patientId: ID!, $ehrSystemId: ID!, $draft: EhrMappingInput) {\n    patient(id: $patientId) {\n      id\n      ehrPreview(draft: $draft, ehrSystemId: $ehrSystemId) {\n        endpoint\n        method\n        payload\n      }\n    }\n  }\n"): (typeof documents)["\n  query EhrPreviewQuery($patientId: ID!, $ehrSystemId: ID!, $draft: EhrMappingInput) {\n    patient(id: $patientId) {\n      id\n      ehrPreview(draft: $draft, ehrSystemId: $ehrSystemId) {\n        endpoint\n        method\n        payload\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation EhrPublishMappingMutation($ehrSystemId: ID!, $input: EhrMappingInput!) {\n    publishEhrMapping(ehrSystemId: $ehrSystemId, input: $input) {\n      version\n    }\n  }\n"): (typeof documents)["\n  mutation EhrPublishMappingMutation($ehrSystemId: ID!, $input: EhrMappingInput!) {\n    publishEhrMapping(ehrSystemId: $ehrSystemId, input: $input) {\n      version\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation EhrRollbackMappingMutation($ehrSystemId: ID!, $version: Int!) {\n    rollbackEhrMapping(ehrSystemId: $ehrSystemId, version: $version) {\n      version\n      restoredFrom\n    }\n  }\n"): (typeof documents)["\n  mutation EhrRollbackMappingMutation($ehrSystemId: ID!, $version: Int!) {\n    rollbackEhrMapping(ehrSystemId: $ehrSystemId, version: $version) {\n      version\n      restoredFrom\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation IntakeSubmitMutation($input: QuestionnaireResponseInput!) {\n    submitQuestionnaireResponse(input: $input) {\n      id\n      submittedAt\n    }\n  }\n"): (typeof documents)["\n  mutation IntakeSubmitMutation($input: QuestionnaireResponseInput!) {\n    submitQuestionnaireResponse(input: $input) {\n      id\n      submittedAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query IntakeQuestionnaireQuery($id: ID!) {\n    questionnaire(id: $id) {\n      id\n      titleEn: title(lang: EN)\n      titleEs: title(lang: ES)\n      items {\n        linkId\n        type\n        required\n        textEn: text(lang: EN)\n        textEs: text(lang: ES)\n        options {\n          code\n          labelEn: label(lang: EN)\n          labelEs: label(lang: ES)\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query IntakeQuestionnaireQuery($id: ID!) {\n    questionnaire(id: $id) {\n      id\n      titleEn: title(lang: EN)\n      titleEs: title(lang: ES)\n      items {\n        linkId\n        type\n        required\n        textEn: text(lang: EN)\n        textEs: text(lang: ES)\n        options {\n          code\n          labelEn: label(lang: EN)\n          labelEs: label(lang: ES)\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment PatientDetailHistory_history on ClinicalHistory {\n    symptoms\n    allergies\n    medications\n    medicalHistory\n    socialHistory\n    familyHistory\n  }\n"): (typeof documents)["\n  fragment PatientDetailHistory_history on ClinicalHistory {\n    symptoms\n    allergies\n    medications\n    medicalHistory\n    socialHistory\n    familyHistory\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment PatientDetailResponses_response on QuestionnaireResponse {\n    id\n    language\n    submittedAt\n    submittedBy\n    questionnaire {\n      id\n      version\n      titleEn: title(lang: EN)\n      titleEs: title(lang: ES)\n    }\n    answers {\n      linkId\n      item {\n        linkId\n        textEn: text(lang: EN)\n        textEs: text(lang: ES)\n      }\n      displayEn: display(lang: EN)\n      displayEs: display(lang: ES)\n    }\n  }\n"): (typeof documents)["\n  fragment PatientDetailResponses_response on QuestionnaireResponse {\n    id\n    language\n    submittedAt\n    submittedBy\n    questionnaire {\n      id\n      version\n      titleEn: title(lang: EN)\n      titleEs: title(lang: ES)\n    }\n    answers {\n      linkId\n      item {\n        linkId\n        textEn: text(lang: EN)\n        textEs: text(lang: ES)\n      }\n      displayEn: display(lang: EN)\n      displayEs: display(lang: ES)\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment PatientDetailTransactions_transaction on EhrTransaction {\n    id\n    status\n    trigger\n    endpoint\n    method\n    attempts\n    mappingVersion\n    lastError\n    nextAttemptAt\n    createdAt\n    updatedAt\n    deliveredAt\n  }\n"): (typeof documents)["\n  fragment PatientDetailTransactions_transaction on EhrTransaction {\n    id\n    status\n    trigger\n    endpoint\n    method\n    attempts\n    mappingVersion\n    lastError\n    nextAttemptAt\n    createdAt\n    updatedAt\n    deliveredAt\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PatientDetailTransactionsQuery($id: ID!) {\n    patient(id: $id) {\n      id\n      ehrTransactions {\n        ...PatientDetailTransactions_transaction\n      }\n    }\n  }\n"): (typeof documents)["\n  query PatientDetailTransactionsQuery($id: ID!) {\n    patient(id: $id) {\n      id\n      ehrTransactions {\n        ...PatientDetailTransactions_transaction\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PatientDetailResendMutation($patientId: ID!) {\n    resendPatientToEhr(patientId: $patientId) {\n      ...PatientDetailTransactions_transaction\n    }\n  }\n"): (typeof documents)["\n  mutation PatientDetailResendMutation($patientId: ID!) {\n    resendPatientToEhr(patientId: $patientId) {\n      ...PatientDetailTransactions_transaction\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PatientDetailQuestionnairesQuery {\n    questionnaires {\n      id\n      name\n      version\n      status\n      titleEn: title(lang: EN)\n      titleEs: title(lang: ES)\n    }\n  }\n"): (typeof documents)["\n  query PatientDetailQuestionnairesQuery {\n    questionnaires {\n      id\n      name\n      version\n      status\n      titleEn: title(lang: EN)\n      titleEs: title(lang: ES)\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PatientDetailQuery($id: ID!, $organizationId: ID!) {\n    organization(id: $organizationId) {\n      id\n      name\n    }\n    patient(id: $id) {\n      id\n      mrn\n      firstName\n      lastName\n      gender\n      dateOfBirth\n      phone\n      email\n      address {\n        line1\n        line2\n        city\n        state\n        postalCode\n        country\n      }\n      emergencyContact {\n        name\n        relationship\n        phone\n      }\n      insurance {\n        provider\n        policyNumber\n      }\n      preferredLanguage\n      primaryCarePhysician {\n        id\n        displayName\n        specialty\n      }\n      organization {\n        id\n      }\n      ehrSystem {\n        id\n        name\n      }\n      createdAt\n      updatedAt\n      historyEn: clinicalHistory(lang: EN) {\n        ...PatientDetailHistory_history\n      }\n      historyEs: clinicalHistory(lang: ES) {\n        ...PatientDetailHistory_history\n      }\n      questionnaireResponses {\n        ...PatientDetailResponses_response\n      }\n      ehrPreview {\n        endpoint\n        method\n        payload\n      }\n      ehrTransactions {\n        ...PatientDetailTransactions_transaction\n      }\n    }\n  }\n"): (typeof documents)["\n  query PatientDetailQuery($id: ID!, $organizationId: ID!) {\n    organization(id: $organizationId) {\n      id\n      name\n    }\n    patient(id: $id) {\n      id\n      mrn\n      firstName\n      lastName\n      gender\n      dateOfBirth\n      phone\n      email\n      address {\n        line1\n        line2\n        city\n        state\n        postalCode\n        country\n      }\n      emergencyContact {\n        name\n        relationship\n        phone\n      }\n      insurance {\n        provider\n        policyNumber\n      }\n      preferredLanguage\n      primaryCarePhysician {\n        id\n        displayName\n        specialty\n      }\n      organization {\n        id\n      }\n      ehrSystem {\n        id\n        name\n      }\n      createdAt\n      updatedAt\n      historyEn: clinicalHistory(lang: EN) {\n        ...PatientDetailHistory_history\n      }\n      historyEs: clinicalHistory(lang: ES) {\n        ...PatientDetailHistory_history\n      }\n      questionnaireResponses {\n        ...PatientDetailResponses_response\n      }\n      ehrPreview {\n        endpoint\n        method\n        payload\n      }\n      ehrTransactions {\n        ...PatientDetailTransactions_transaction\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PatientsDeleteMutation($id: ID!) {\n    deletePatient(id: $id)\n  }\n"): (typeof documents)["\n  mutation PatientsDeleteMutation($id: ID!) {\n    deletePatient(id: $id)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment PatientsEdit_patient on Patient {\n    id\n    version\n    firstName\n    lastName\n    gender\n    dateOfBirth\n    mrn\n    phone\n    email\n  }\n"): (typeof documents)["\n  fragment PatientsEdit_patient on Patient {\n    id\n    version\n    firstName\n    lastName\n    gender\n    dateOfBirth\n    mrn\n    phone\n    email\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PatientsEditPatientQuery($id: ID!) {\n    patient(id: $id) {\n      ...PatientsEdit_patient\n    }\n  }\n"): (typeof documents)["\n  query PatientsEditPatientQuery($id: ID!) {\n    patient(id: $id) {\n      ...PatientsEdit_patient\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PatientsEditUpdateMutation($id: ID!, $input: PatientUpdateInput!, $expectedVersion: Int!) {\n    updatePatient(id: $id, input: $input, expectedVersion: $expectedVersion) {\n      ...PatientsEdit_patient\n    }\n  }\n"): (typeof documents)["\n  mutation PatientsEditUpdateMutation($id: ID!, $input: PatientUpdateInput!, $expectedVersion: Int!) {\n    updatePatient(id: $id, input: $input, expectedVersion: $expectedVersion) {\n      ...PatientsEdit_patient\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PatientsFilterProvidersQuery {\n    providers {\n      id\n      displayName\n    }\n  }\n"): (typeof documents)["\n  query PatientsFilterProvidersQuery {\n    providers {\n      id\n      displayName\n    }\n  }\n"];
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
export function graphql(source: "\n  mutation PatientsBulkCreateMutation($inputs: [PatientInput!]!) {\n    createPatients(inputs: $inputs) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation PatientsBulkCreateMutation($inputs: [PatientInput!]!) {\n    createPatients(inputs: $inputs) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PatientsQuery($first: Int!, $after: String, $filter: PatientFilter!) {\n    patients(first: $first, after: $after, filter: $filter) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        ...PatientTable_patient\n      }\n    }\n  }\n"): (typeof documents)["\n  query PatientsQuery($first: Int!, $after: String, $filter: PatientFilter!) {\n    patients(first: $first, after: $after, filter: $filter) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        ...PatientTable_patient\n      }\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;
/**
 * The web app's own operations, as the browser sends them (fragments inlined from
 * web/src/__generated__/graphql.ts): the patient list (`PatientsQuery`, web/src/patients) and the
 * patient page (`PatientDetailQuery`, web/src/patientDetail), which touches all three subgraphs.
 */

/** The list: one page, its total and its cursor, each row's fields from the patient and ehr subgraphs. */
export const PATIENTS_QUERY = `query PatientsQuery($first: Int!, $after: String, $filter: PatientFilter!) {
  patients(first: $first, after: $after, filter: $filter) {
    totalCount
    pageInfo { hasNextPage endCursor }
    nodes { ...PatientTable_patient }
  }
}
fragment PatientTable_patient on Patient {
  id firstName lastName mrn dateOfBirth gender phone email
  primaryCarePhysician { id displayName }
  ehrSystem { id name }
  lastEhrTransaction { id status }
}`;

/** The patient page: demographics, both languages' clinical history, answers, EHR preview and deliveries. */
export const PATIENT_DETAIL_QUERY = `query PatientDetailQuery($id: ID!, $organizationId: ID!) {
  organization(id: $organizationId) { id name }
  patient(id: $id) {
    id mrn firstName lastName gender dateOfBirth phone email
    address { line1 line2 city state postalCode country }
    emergencyContact { name relationship phone }
    insurance { provider policyNumber }
    preferredLanguage
    primaryCarePhysician { id displayName specialty }
    organization { id }
    ehrSystem { id name }
    createdAt updatedAt
    historyEn: clinicalHistory(lang: EN) { ...PatientDetailHistory_history }
    historyEs: clinicalHistory(lang: ES) { ...PatientDetailHistory_history }
    questionnaireResponses { ...PatientDetailResponses_response }
    ehrPreview { endpoint method payload }
    ehrTransactions { ...PatientDetailTransactions_transaction }
  }
}
fragment PatientDetailHistory_history on ClinicalHistory {
  symptoms allergies medications medicalHistory socialHistory familyHistory
}
fragment PatientDetailResponses_response on QuestionnaireResponse {
  id language submittedAt submittedBy
  questionnaire { id version titleEn: title(lang: EN) titleEs: title(lang: ES) }
  answers {
    linkId
    item {
      linkId
      textEn: text(lang: EN) textEs: text(lang: ES)
      labelEn: label(lang: EN) labelEs: label(lang: ES)
    }
    valueNumber valueDate
    displayEn: display(lang: EN) displayEs: display(lang: ES)
  }
}
fragment PatientDetailTransactions_transaction on EhrTransaction {
  id status trigger endpoint method attempts mappingVersion
  lastError lastErrorCode lastErrorCause lastErrorHttpStatus
  nextAttemptAt createdAt updatedAt deliveredAt
}`;

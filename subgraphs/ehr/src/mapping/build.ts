import type { AnswerSnapshot, QuestionCategory } from '@carebridge/common';
import { neutralizeFormula, NONE_CODE } from '@carebridge/domain';
import type {
  CanonicalRecord,
  EhrRequestRecord,
  EhrSystemRecord,
  FieldMappingRecord,
  MappingVersionRecord,
  ValueTransformRecord,
} from '../data/records';

/**
 * The mapping engine: a canonical record and a mapping version in, the requests for one EHR out.
 * Pure and deterministic, so the preview shows exactly what delivery sends and a replay under the
 * same version rebuilds the same payload.
 */

/** The canonical clinical fields and the answer category each collects. */
export const CLINICAL_FIELD_CATEGORIES: Readonly<Record<string, QuestionCategory>> = {
  symptoms: 'SYMPTOMS',
  allergies: 'ALLERGIES',
  currentMedications: 'MEDICATIONS',
  medicalHistory: 'MEDICAL_HISTORY',
  socialHistory: 'SOCIAL_HISTORY',
  familyHistory: 'FAMILY_HISTORY',
};

/** The canonical field that carries each answer category (the inverse of the table above). */
export const CATEGORY_FIELDS: Readonly<Record<QuestionCategory, string>> = {
  SYMPTOMS: 'symptoms',
  ALLERGIES: 'allergies',
  MEDICATIONS: 'currentMedications',
  MEDICAL_HISTORY: 'medicalHistory',
  SOCIAL_HISTORY: 'socialHistory',
  FAMILY_HISTORY: 'familyHistory',
};

export const QUESTION_PREFIX = 'question:';

/**
 * Every answer of a category as one flat list of codes (or values as text), in answer order.
 * `NONE_CODE` says the patient has nothing to report, which an EHR list field expresses by being
 * empty, so it is dropped rather than sent as if it were a condition.
 */
function clinicalList(answers: readonly AnswerSnapshot[], category: QuestionCategory): string[] {
  return answers
    .filter((a) => a.category === category)
    .flatMap((a) => (Array.isArray(a.value) ? a.value : [String(a.value)]))
    .filter((v) => v !== NONE_CODE && v !== '');
}

/** The value of one mapping source for a record; null when the record has none. */
export function resolveSource(record: CanonicalRecord, source: string): unknown {
  const { patient, answers } = record;
  if (source.startsWith(QUESTION_PREFIX)) {
    const linkId = source.slice(QUESTION_PREFIX.length);
    const answer = answers.find((a) => a.linkId === linkId);
    return answer ? copyValue(answer.value) : null;
  }
  const category = CLINICAL_FIELD_CATEGORIES[source];
  if (category) return clinicalList(answers, category);
  switch (source) {
    case 'name':
      return `${patient.firstName} ${patient.lastName}`;
    case 'gender':
      return patient.gender;
    case 'dob':
      return patient.dateOfBirth;
    case 'address': {
      const a = patient.address;
      return a
        ? { line1: a.line1, line2: a.line2, city: a.city, state: a.state, postalCode: a.postalCode, country: a.country }
        : null;
    }
    case 'phone':
      return patient.phone;
    case 'email':
      return patient.email;
    case 'emergencyContact': {
      const c = patient.emergencyContact;
      return c ? { name: c.name, relationship: c.relationship, phone: c.phone } : null;
    }
    case 'insuranceProvider':
      return patient.insurance?.provider ?? null;
    case 'insurancePolicyNumber':
      return patient.insurance?.policyNumber ?? null;
    case 'primaryCarePhysician':
      return patient.primaryCarePhysician?.displayName ?? null;
    default:
      // Validation refuses unknown sources on publish; an old version is still built, sending null.
      return null;
  }
}

function copyValue(value: AnswerSnapshot['value']): AnswerSnapshot['value'] {
  return Array.isArray(value) ? [...value] : value;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Applies a transform; a value it does not apply to (not a date, not a listed code) passes unchanged. */
export function applyTransform(value: unknown, transform: ValueTransformRecord | null | undefined): unknown {
  if (!transform) return value;
  switch (transform.kind) {
    case 'DATE_FORMAT': {
      const match = typeof value === 'string' ? ISO_DATE.exec(value) : null;
      if (!match || !transform.dateFormat) return value;
      const [, yyyy = '', mm = '', dd = ''] = match;
      return transform.dateFormat.replace(/YYYY|MM|DD/g, (token) =>
        token === 'YYYY' ? yyyy : token === 'MM' ? mm : dd,
      );
    }
    case 'CODE_TABLE': {
      const table = new Map((transform.codes ?? []).map((c) => [c.from, c.to]));
      const code = (v: unknown): unknown => (typeof v === 'string' ? (table.get(v) ?? v) : v);
      return Array.isArray(value) ? value.map(code) : code(value);
    }
  }
}

/**
 * A record's value made safe to export: every string in it that starts like a spreadsheet formula
 * (`=`, `+`, `-`, `@`, tab or carriage return, unless the whole string is a plain number such as a
 * phone `+15551234567` or `-5`) gets a leading `'`, so an EHR that exports it to a spreadsheet
 * shows it as text rather than running it. Applied to what comes from the patient's record and
 * answers, before the mapping's transform; a transform's output is configuration, sent as written.
 */
export function neutralizeValue(value: unknown): unknown {
  if (typeof value === 'string') return neutralizeFormula(value);
  if (Array.isArray(value)) return value.map(neutralizeValue);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, neutralizeValue(inner)]));
  }
  return value;
}

/** Whether a value carries anything: not null, not an empty list or string. */
export function hasValue(value: unknown): boolean {
  if (value === null || value === undefined) return false;
  if (typeof value === 'string' || Array.isArray(value)) return value.length > 0;
  return true;
}

/**
 * The requests a record makes under a mapping: one per endpoint, in the system's endpoint order.
 * The endpoint that creates the patient always gets one (POST until the EHR's patient id is known,
 * PUT after); any other endpoint only when at least one of its values is non-empty, so a patient
 * without allergies sends nothing to the allergies endpoint. Payload keys follow mapping order.
 * Values are neutralized against spreadsheet formulas (`neutralizeValue`).
 */
export function buildRequests(
  record: CanonicalRecord,
  mapping: Pick<MappingVersionRecord, 'fields'>,
  system: EhrSystemRecord,
  ehrPatientId: string | null,
): EhrRequestRecord[] {
  const byEndpoint = new Map<string, FieldMappingRecord[]>();
  for (const field of mapping.fields) {
    const list = byEndpoint.get(field.endpoint) ?? [];
    list.push(field);
    byEndpoint.set(field.endpoint, list);
  }
  const requests: EhrRequestRecord[] = [];
  for (const endpoint of system.endpoints) {
    const payload: Record<string, unknown> = {};
    let carriesData = false;
    for (const field of byEndpoint.get(endpoint.path) ?? []) {
      const value = applyTransform(neutralizeValue(resolveSource(record, field.source)), field.transform);
      payload[field.target] = value;
      carriesData ||= hasValue(value);
    }
    if (!endpoint.createsPatient && !carriesData) continue;
    const method = endpoint.createsPatient && ehrPatientId !== null ? 'PUT' : 'POST';
    requests.push({ endpoint: endpoint.path, method, payload });
  }
  return requests;
}

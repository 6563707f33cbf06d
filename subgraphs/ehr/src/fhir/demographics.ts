import type { Coverage, Patient } from '@medplum/fhirtypes';
import type { CanonicalRecord, FieldMappingRecord } from '../data/records';
import { applyTransform, neutralizeValue, resolveSource } from '../mapping/build';
import type { EntryIdentity } from './identity';
import { patientReference } from './identity';

/**
 * The Patient and its Coverage from the demographic fields of a mapping. Each target is filled the
 * way FHIR R4 says (a HumanName from the first and last names, an Address, ContactPoints, …), from
 * the record's values neutralized against spreadsheet formulas; a transform applies to scalar
 * elements only (validation refuses it elsewhere). Elements the record has no value for are left
 * out, as FHIR wants (no empty strings or arrays).
 */

/** The platform's genders as FHIR's AdministrativeGender codes. */
const GENDERS: Readonly<Record<string, string>> = {
  FEMALE: 'female',
  MALE: 'male',
  OTHER: 'other',
  UNKNOWN: 'unknown',
};
const NPI_SYSTEM = 'http://hl7.org/fhir/sid/us-npi';
const EMERGENCY_CONTACT = {
  system: 'http://terminology.hl7.org/CodeSystem/v2-0131',
  code: 'C',
  display: 'Emergency Contact',
};

const clean = <T>(value: T): T => neutralizeValue(value) as T;

/** A scalar source's value as sent: neutralized, then transformed; undefined when the record has none. */
function scalar(record: CanonicalRecord, field: FieldMappingRecord): string | undefined {
  const value = applyTransform(neutralizeValue(resolveSource(record, field.source)), field.transform);
  // Only scalar sources reach here (validation refuses a scalar target for any other).
  return typeof value === 'string' || typeof value === 'number' ? String(value) || undefined : undefined;
}

type PatientElements = Omit<Patient, 'resourceType' | 'identifier'>;

/** How each Patient target adds its element (several targets may add to one list, e.g. telecom). */
const PATIENT_TARGETS: Readonly<
  Record<string, (record: CanonicalRecord, field: FieldMappingRecord, into: PatientElements) => void>
> = {
  'Patient.name': ({ patient }, _field, into) => {
    into.name = [{ use: 'official', family: clean(patient.lastName), given: [clean(patient.firstName)] }];
  },
  'Patient.gender': (record, field, into) => {
    const value = scalar(record, field);
    // A value the table does not know (a transform's output) is sent as it is, and validation refuses it.
    if (value !== undefined) into.gender = (GENDERS[value] ?? value) as Patient['gender'];
  },
  'Patient.birthDate': (record, field, into) => {
    const value = scalar(record, field);
    if (value !== undefined) into.birthDate = value;
  },
  'Patient.address': ({ patient }, _field, into) => {
    const address = patient.address && clean(patient.address);
    if (!address) return;
    into.address = [
      {
        use: 'home',
        line: [address.line1, ...(address.line2 ? [address.line2] : [])],
        city: address.city,
        state: address.state,
        postalCode: address.postalCode,
        country: address.country,
      },
    ];
  },
  'Patient.telecom:phone': (record, field, into) => {
    const value = scalar(record, field);
    if (value !== undefined) into.telecom = [...(into.telecom ?? []), { system: 'phone', value }];
  },
  'Patient.telecom:email': (record, field, into) => {
    const value = scalar(record, field);
    if (value !== undefined) into.telecom = [...(into.telecom ?? []), { system: 'email', value }];
  },
  'Patient.contact': ({ patient }, _field, into) => {
    const contact = patient.emergencyContact && clean(patient.emergencyContact);
    if (!contact) return;
    into.contact = [
      {
        relationship: [{ coding: [EMERGENCY_CONTACT], text: contact.relationship }],
        name: { text: contact.name },
        telecom: [{ system: 'phone', value: contact.phone }],
      },
    ];
  },
  'Patient.generalPractitioner': ({ patient }, _field, into) => {
    const physician = patient.primaryCarePhysician && clean(patient.primaryCarePhysician);
    if (!physician) return;
    into.generalPractitioner = [
      { display: physician.displayName, identifier: { system: NPI_SYSTEM, value: physician.npi } },
    ];
  },
};

/** The Patient: the MRN identifier always (the conditional update finds it by that), then the mapped elements. */
export function patientResource(
  record: CanonicalRecord,
  fields: readonly FieldMappingRecord[],
  identity: EntryIdentity,
): Patient {
  const elements: PatientElements = {};
  for (const field of fields) PATIENT_TARGETS[field.target]?.(record, field, elements);
  return { resourceType: 'Patient', identifier: [identity.identifier], ...elements };
}

/**
 * The patient's Coverage, when the record has insurance and the mapping sends any of it: active,
 * for the patient as beneficiary, the insurer as payor (by name) and the policy number as the
 * subscriber id.
 */
export function coverageResource(
  record: CanonicalRecord,
  fields: readonly FieldMappingRecord[],
  identity: EntryIdentity,
  patient: EntryIdentity,
): Coverage | undefined {
  if (!record.patient.insurance || fields.length === 0) return undefined;
  // `payor` is required by FHIR: a mapping without Coverage.payor is refused at publish, not sent.
  const coverage: Omit<Coverage, 'payor'> & Partial<Pick<Coverage, 'payor'>> = {
    resourceType: 'Coverage',
    identifier: [identity.identifier],
    status: 'active',
    beneficiary: patientReference(patient),
  };
  for (const field of fields) {
    const value = scalar(record, field);
    if (value === undefined) continue;
    if (field.target === 'Coverage.payor') coverage.payor = [{ display: value }];
    if (field.target === 'Coverage.subscriberId') coverage.subscriberId = value;
  }
  return coverage as Coverage;
}

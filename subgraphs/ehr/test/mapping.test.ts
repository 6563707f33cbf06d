import { describe, expect, it } from 'vitest';
import { CANONICAL_FIELDS } from '../src/data/canonical';
import { SEED_QUESTIONNAIRE } from '../../clinical/src/data/seed-questionnaire';
import { seedEhrSystems } from '../src/data/seed';

describe('seeded EHR mappings', () => {
  const systems = seedEhrSystems();

  it('map every canonical field of each EHR to the key (or FHIR element) that EHR expects (docs/domain.md)', () => {
    const table = Object.fromEntries(
      systems.map((s) => [
        s.name,
        Object.fromEntries(
          s.mappings[0]!.fields.filter((f) => !f.source.startsWith('question:')).map((f) => [f.source, f.target]),
        ),
      ]),
    );
    expect(table).toEqual({
      Athena: {
        name: 'PATIENT_IDENT_NAME',
        gender: 'GENDER_OF_PATIENT',
        dob: 'DATE_OF_BIRTH_PATIENT',
        address: 'PATIENT_LOCATION_ADDRESS',
        phone: 'TELEPHONE_NUMBER_PATIENT',
        email: 'PATIENT_EMAIL_ID',
        emergencyContact: 'EMERGENCY_CONTACT_PATIENT',
        insuranceProvider: 'INSURANCE_PROVIDER_PATIENT',
        insurancePolicyNumber: 'POLICY_NUMBER_INSURANCE_PATIENT',
        primaryCarePhysician: 'PRIMARY_CARE_DOCTOR_PATIENT',
        symptoms: 'SYMPTOMS_CURRENT_PATIENT',
        allergies: 'ALLERGIES_PATIENT',
        currentMedications: 'PATIENT_MEDICATIONS_CURRENT',
        medicalHistory: 'HISTORY_MEDICAL_PATIENT',
        socialHistory: 'HISTORY_SOCIAL_PATIENT',
        familyHistory: 'HISTORY_FAMILY_PATIENT',
      },
      Allscripts: {
        name: 'NAME_OF_PAT',
        gender: 'GENDER_PAT',
        dob: 'BIRTHDATE_OF_PAT',
        address: 'ADDRESS_PAT',
        phone: 'PHONE_NUMBER_PAT',
        email: 'EMAIL_ID_PAT',
        emergencyContact: 'EMERGENCY_CONTACT_PAT',
        insuranceProvider: 'PROVIDER_INSURANCE_PAT',
        insurancePolicyNumber: 'POLICY_NUM_INSURANCE_PAT',
        primaryCarePhysician: 'PRIMARY_CARE_DOC_PAT',
        symptoms: 'CURRENT_SYMPTOMS_PAT',
        allergies: 'ALLERGIES_PAT',
        currentMedications: 'CURRENT_MEDS_PAT',
        medicalHistory: 'HISTORY_MEDICAL_PAT',
        socialHistory: 'SOCIAL_HISTORY_PAT',
        familyHistory: 'FAMILY_HISTORY_PAT',
      },
      'FHIR R4 (Harbor EHR)': {
        name: 'Patient.name',
        gender: 'Patient.gender',
        dob: 'Patient.birthDate',
        address: 'Patient.address',
        phone: 'Patient.telecom:phone',
        email: 'Patient.telecom:email',
        emergencyContact: 'Patient.contact',
        insuranceProvider: 'Coverage.payor',
        insurancePolicyNumber: 'Coverage.subscriberId',
        primaryCarePhysician: 'Patient.generalPractitioner',
        symptoms: 'Condition.code:symptom',
        allergies: 'AllergyIntolerance.code',
        currentMedications: 'MedicationStatement.medicationCodeableConcept',
        medicalHistory: 'Condition.code:problem-list-item',
        socialHistory: 'Observation.valueCodeableConcept',
        familyHistory: 'FamilyMemberHistory.condition',
      },
    });
  });

  it('send each field to an endpoint of that EHR that takes its category', () => {
    for (const system of systems) {
      // Questions go to the FHIR QuestionnaireResponse, which takes answers of every category.
      for (const field of system.mappings[0]!.fields.filter((f) => !f.source.startsWith('question:'))) {
        const category = CANONICAL_FIELDS.find((c) => c.name === field.source)?.category;
        const endpoint = system.endpoints.find((e) => e.path === field.endpoint);
        expect(endpoint?.categories, `${system.name}.${field.source}`).toContain(category);
      }
    }
  });

  it('route Allscripts symptoms and medical history to one problems endpoint, unlike Athena', () => {
    const endpointOf = (name: string, source: string) =>
      systems.find((s) => s.name === name)!.mappings[0]!.fields.find((f) => f.source === source)!.endpoint;
    expect([endpointOf('Allscripts', 'symptoms'), endpointOf('Allscripts', 'medicalHistory')]).toEqual([
      '/api/patient/{ehrPatientId}/problems',
      '/api/patient/{ehrPatientId}/problems',
    ]);
    expect(endpointOf('Athena', 'symptoms')).not.toEqual(endpointOf('Athena', 'medicalHistory'));
  });
});

describe('the seeded FHIR R4 mapping', () => {
  it('maps every question of the seeded intake questionnaire to the QuestionnaireResponse', () => {
    const fhir = seedEhrSystems().find((s) => s.kind === 'FHIR_R4')!;
    const questions = fhir.mappings[0]!.fields.filter((f) => f.source.startsWith('question:'));
    expect(questions.map((f) => f.source.slice('question:'.length))).toEqual(
      SEED_QUESTIONNAIRE.items.map((item) => item.linkId),
    );
    expect(new Set(questions.map((f) => `${f.endpoint} ${f.target}`))).toEqual(
      new Set(['QuestionnaireResponse QuestionnaireResponse.item']),
    );
  });
});

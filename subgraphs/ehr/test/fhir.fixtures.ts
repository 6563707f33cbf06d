import type { AnswerCoding, AnswerSnapshot } from '@carebridge/common';
import type { CanonicalRecord } from '../src/data/records';

/**
 * Two fictional patients of the FHIR organization, answering the seeded intake questionnaire: the
 * input of the FHIR golden Bundles. Elena answers in English with the options' standard codings
 * (as `clinical.answered` events carry them) and has every demographic field; Tomás answers in
 * Spanish in an event from before codings existed, has no insurance, address or physician, and
 * reports "none" where he can.
 */

const coding = (system: string, code: string, en: string, es: string): AnswerCoding => ({
  system,
  code,
  display: { en, es },
});
const SNOMED = 'http://snomed.info/sct';
const OPTION = 'https://carebridge.example/fhir/CodeSystem/answer-option';

export const QUESTIONNAIRE = { url: 'https://carebridge.example/fhir/Questionnaire/pre-visit-intake', version: '1' };

/** Elena's answers; `codings` off gives the same answers as an event from before codings existed. */
export function elenaAnswers(codings = true): AnswerSnapshot[] {
  const coded = (answer: AnswerSnapshot, list: AnswerCoding[]): AnswerSnapshot =>
    codings ? { ...answer, codings: list } : answer;
  return [
    coded(
      {
        linkId: 'symptoms.current',
        category: 'SYMPTOMS',
        value: ['HEADACHE', 'COUGH'],
        display: ['Headache', 'Cough'],
      },
      [coding(SNOMED, '25064002', 'Headache', 'Dolor de cabeza'), coding(SNOMED, '49727002', 'Cough', 'Tos')],
    ),
    {
      linkId: 'symptoms.other',
      category: 'SYMPTOMS',
      value: 'Dizzy in the mornings',
      display: ['Dizzy in the mornings'],
    },
    { linkId: 'symptoms.pain_level', category: 'SYMPTOMS', value: 3, display: ['3'] },
    coded({ linkId: 'allergies.known', category: 'ALLERGIES', value: ['PENICILLIN'], display: ['Penicillin'] }, [
      coding(SNOMED, '91936005', 'Penicillin', 'Penicilina'),
    ]),
    coded(
      {
        linkId: 'medications.current',
        category: 'MEDICATIONS',
        value: ['BLOOD_PRESSURE'],
        display: ['Blood pressure medicine'],
      },
      [coding(OPTION, 'BLOOD_PRESSURE', 'Blood pressure medicine', 'Medicamento para la presión')],
    ),
    coded({ linkId: 'history.conditions', category: 'MEDICAL_HISTORY', value: ['ASTHMA'], display: ['Asthma'] }, [
      coding(SNOMED, '195967001', 'Asthma', 'Asma'),
    ]),
    { linkId: 'history.last_checkup', category: 'MEDICAL_HISTORY', value: '2025-11-03', display: ['2025-11-03'] },
    coded({ linkId: 'social.tobacco', category: 'SOCIAL_HISTORY', value: ['NEVER'], display: ['Never used tobacco'] }, [
      coding(SNOMED, '266919005', 'Never used tobacco', 'Nunca ha fumado'),
    ]),
    { linkId: 'social.recent_travel', category: 'SOCIAL_HISTORY', value: true, display: ['true'] },
    { linkId: 'social.occupation', category: 'SOCIAL_HISTORY', value: '=Teacher', display: ['=Teacher'] },
    coded({ linkId: 'family.conditions', category: 'FAMILY_HISTORY', value: ['DIABETES'], display: ['Diabetes'] }, [
      coding(SNOMED, '73211009', 'Diabetes', 'Diabetes'),
    ]),
  ];
}

export const ELENA: CanonicalRecord = {
  patient: {
    id: 'pt-harbor-elena',
    organizationId: 'org-harbor',
    mrn: 'HB-000101',
    firstName: 'Elena',
    lastName: 'Marsh',
    gender: 'FEMALE',
    dateOfBirth: '1979-02-14',
    phone: '+15555550101',
    email: 'elena.marsh@example.com',
    address: { line1: '4 Harbor Road', line2: null, city: 'Portland', state: 'ME', postalCode: '04101', country: 'US' },
    emergencyContact: { name: 'Owen Marsh', relationship: 'brother', phone: '+15555550102' },
    insurance: { provider: 'Harbor Mutual', policyNumber: 'HM-445566' },
    primaryCarePhysician: { id: 'prov-harbor-1', displayName: 'Dr. Iris Vance', npi: '1093817465' },
    preferredLanguage: 'EN',
  },
  answers: elenaAnswers(),
  questionnaire: QUESTIONNAIRE,
};

export const TOMAS: CanonicalRecord = {
  patient: {
    id: 'pt-harbor-tomas',
    organizationId: 'org-harbor',
    mrn: 'HB-000102',
    firstName: 'Tomás',
    lastName: 'Ibarra',
    gender: 'MALE',
    dateOfBirth: '1958-10-30',
    phone: '+15555550103',
    email: null,
    address: null,
    emergencyContact: null,
    insurance: null,
    primaryCarePhysician: null,
    preferredLanguage: 'ES',
  },
  answers: [
    { linkId: 'symptoms.current', category: 'SYMPTOMS', value: ['FEVER'], display: ['Fever'] },
    { linkId: 'allergies.known', category: 'ALLERGIES', value: ['NONE'], display: ['None of these'] },
    {
      linkId: 'medications.other',
      category: 'MEDICATIONS',
      value: 'Metformina 850 mg',
      display: ['Metformina 850 mg'],
    },
    { linkId: 'social.alcohol', category: 'SOCIAL_HISTORY', value: ['WEEKLY'], display: ['Drinks alcohol weekly'] },
    { linkId: 'family.conditions', category: 'FAMILY_HISTORY', value: ['NONE'], display: ['None of these'] },
  ],
};

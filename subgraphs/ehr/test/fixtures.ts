import type { CanonicalRecord } from '../src/data/records';

/**
 * One fictional patient with every canonical field filled and answers in every category, one of
 * them the NONE code: the input of the golden files and of the preview tests.
 */
export const GOLDEN_RECORD: CanonicalRecord = {
  patient: {
    id: 'pt-golden',
    organizationId: 'org-riverside',
    mrn: 'MRN-000123',
    firstName: 'Ana',
    lastName: 'Quintero',
    gender: 'FEMALE',
    dateOfBirth: '1984-07-09',
    phone: '+15555550123',
    email: 'ana.quintero@example.com',
    address: {
      line1: '12 Elm Street',
      line2: 'Apt 4',
      city: 'Springfield',
      state: 'IL',
      postalCode: '62701',
      country: 'US',
    },
    emergencyContact: { name: 'Luis Quintero', relationship: 'spouse', phone: '+15555550124' },
    insurance: { provider: 'Blue Shield', policyNumber: 'BS-998877' },
    primaryCarePhysician: { id: 'prov-1', displayName: 'Dr. Maya Okafor', npi: '1234567893' },
    preferredLanguage: 'ES',
  },
  answers: [
    { linkId: 'symptoms.current', category: 'SYMPTOMS', value: ['HEADACHE', 'FEVER'], display: ['Headache', 'Fever'] },
    { linkId: 'symptoms.duration', category: 'SYMPTOMS', value: 'Three days', display: ['Three days'] },
    { linkId: 'allergies.known', category: 'ALLERGIES', value: ['PENICILLIN'], display: ['Penicillin'] },
    {
      linkId: 'medications.current',
      category: 'MEDICATIONS',
      value: 'Lisinopril 10 mg daily',
      display: ['Lisinopril 10 mg daily'],
    },
    { linkId: 'history.conditions', category: 'MEDICAL_HISTORY', value: ['NONE'], display: ['None of these'] },
    {
      linkId: 'history.surgeries',
      category: 'MEDICAL_HISTORY',
      value: ['APPENDECTOMY', 'NONE'],
      display: ['Appendectomy', 'None of these'],
    },
    { linkId: 'social.tobacco', category: 'SOCIAL_HISTORY', value: ['TOBACCO_NEVER'], display: ['Never'] },
    { linkId: 'social.alcohol.weekly', category: 'SOCIAL_HISTORY', value: 2, display: ['2'] },
    { linkId: 'social.travel', category: 'SOCIAL_HISTORY', value: false, display: ['No'] },
    {
      linkId: 'family.conditions',
      category: 'FAMILY_HISTORY',
      value: ['HIGH_BLOOD_PRESSURE', 'DIABETES'],
      display: ['High blood pressure', 'Diabetes'],
    },
  ],
};

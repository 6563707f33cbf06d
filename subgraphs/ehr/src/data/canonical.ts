import type { CanonicalFieldRecord } from './records';

/**
 * The platform's canonical patient record: the source side of every EHR mapping. A mapping names
 * these fields; each EHR decides what it calls them and which endpoint receives them.
 */
export const CANONICAL_FIELDS: readonly CanonicalFieldRecord[] = [
  { name: 'name', category: 'DEMOGRAPHICS', description: "The patient's full name." },
  { name: 'gender', category: 'DEMOGRAPHICS', description: 'Administrative gender.' },
  { name: 'dob', category: 'DEMOGRAPHICS', description: 'Date of birth.' },
  { name: 'address', category: 'DEMOGRAPHICS', description: 'Postal address.' },
  { name: 'phone', category: 'DEMOGRAPHICS', description: 'Phone number.' },
  { name: 'email', category: 'DEMOGRAPHICS', description: 'Email address.' },
  { name: 'emergencyContact', category: 'DEMOGRAPHICS', description: 'Emergency contact: name, relationship, phone.' },
  { name: 'insuranceProvider', category: 'INSURANCE', description: 'The insurer.' },
  { name: 'insurancePolicyNumber', category: 'INSURANCE', description: 'The insurance policy number.' },
  { name: 'primaryCarePhysician', category: 'CARE_TEAM', description: 'The primary care physician.' },
  { name: 'symptoms', category: 'SYMPTOMS', description: 'Current symptoms, from questionnaire answers.' },
  { name: 'allergies', category: 'ALLERGIES', description: 'Allergies and intolerances.' },
  { name: 'currentMedications', category: 'MEDICATIONS', description: 'Medications currently taken.' },
  { name: 'medicalHistory', category: 'MEDICAL_HISTORY', description: 'Earlier diagnoses, injuries and surgeries.' },
  {
    name: 'socialHistory',
    category: 'SOCIAL_HISTORY',
    description: 'Alcohol, tobacco, drugs, diet, travel, occupation.',
  },
  { name: 'familyHistory', category: 'FAMILY_HISTORY', description: 'Conditions of blood relatives.' },
];

export const CANONICAL_FIELD_NAMES: ReadonlySet<string> = new Set(CANONICAL_FIELDS.map((f) => f.name));

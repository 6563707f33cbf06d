import type { MessageKey } from '../i18n/en';
import type { PatientField } from './validation';

/** The label of each patient form field, to name fields outside the form (a conflict, a server problem). */
export const FIELD_LABELS: Record<PatientField, MessageKey> = {
  firstName: 'addPatient.firstName',
  lastName: 'addPatient.lastName',
  gender: 'addPatient.gender',
  dateOfBirth: 'addPatient.dateOfBirth',
  mrn: 'addPatient.mrn',
  phone: 'addPatient.phone',
  email: 'addPatient.email',
  primaryCarePhysicianId: 'patientForm.pcp',
  preferredLanguage: 'patientForm.language',
  'address.line1': 'patientForm.address.line1',
  'address.line2': 'patientForm.address.line2',
  'address.city': 'patientForm.address.city',
  'address.state': 'patientForm.address.state',
  'address.postalCode': 'patientForm.address.postalCode',
  'address.country': 'patientForm.address.country',
  'emergencyContact.name': 'patientForm.emergencyContact.name',
  'emergencyContact.relationship': 'patientForm.emergencyContact.relationship',
  'emergencyContact.phone': 'patientForm.emergencyContact.phone',
  'insurance.provider': 'patientForm.insurance.provider',
  'insurance.policyNumber': 'patientForm.insurance.policyNumber',
};

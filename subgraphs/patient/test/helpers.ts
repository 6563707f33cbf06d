import type { PatientInput } from '../src/__generated__/resolvers-types';
import type { NewPatient } from '../src/data/records';
import { SEED_PROVIDERS } from '../src/data/seed';
import { InMemoryPatientStore } from '../src/data/store';

/** The instant every test store reports as "now", so timestamps can be asserted whole. */
export const NOW = '2026-03-01T10:00:00.000Z';
export const TODAY = '2026-03-01';

/** A store with the seed providers, no patients, a fixed clock and predictable ids (pt-test-1, ...). */
export function emptyStore(): InMemoryPatientStore {
  let next = 0;
  return new InMemoryPatientStore({
    providers: SEED_PROVIDERS,
    now: () => new Date(NOW),
    newId: () => `pt-test-${++next}`,
  });
}

/** A valid patient for Riverside Hospital; override what a test is about. */
export function patientInput(overrides: Partial<PatientInput> = {}): PatientInput {
  return {
    organizationId: 'org-riverside',
    firstName: 'Ada',
    lastName: 'Whitaker',
    gender: 'FEMALE',
    dateOfBirth: '1980-04-12',
    ...overrides,
  };
}

/** A validated patient as the store receives it. */
export function newPatient(overrides: Partial<NewPatient> = {}): NewPatient {
  return {
    organizationId: 'org-riverside',
    mrn: null,
    firstName: 'Ada',
    lastName: 'Whitaker',
    gender: 'FEMALE',
    dateOfBirth: '1980-04-12',
    phone: null,
    email: null,
    address: null,
    emergencyContact: null,
    insurance: null,
    primaryCarePhysicianId: null,
    preferredLanguage: 'EN',
    ...overrides,
  };
}

import type { IncomingHttpHeaders } from 'node:http';
import { SEED_QUESTIONNAIRE_ID, type Logger, type SubgraphService, type TokenVerifier } from '@carebridge/common';
import { staff, type TestAuth } from '@carebridge/common/testing';
import type { Context } from '../src/context';
import type { NewPatient } from '../src/data/records';
import { SEED_PROVIDERS } from '../src/data/seed';
import { InMemoryPatientStore } from '../src/data/store';
import type { OwnedPatientInput } from '../src/data/validation';
import { createSeededStore, createService } from '../src/server';

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
export function patientInput(overrides: Partial<OwnedPatientInput> = {}): OwnedPatientInput {
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

/** A patient service over a fresh seeded store with a fixed clock and predictable new ids (pt-new-1, ...). */
export function seededService(verifier: TokenVerifier, logger?: Logger): SubgraphService<Context> {
  let next = 0;
  return createService({
    verifier,
    store: createSeededStore({ now: () => new Date(NOW), newId: () => `pt-new-${++next}` }),
    ...(logger === undefined ? {} : { logger }),
  });
}

/** Request headers of an intake link for Riverside's seeded pt-00001, signed by `auth`. */
export function intakeHeaders(auth: TestAuth): Promise<IncomingHttpHeaders> {
  return auth.headers({
    kind: 'intake',
    linkId: 'link-1',
    patientId: 'pt-00001',
    organizationId: 'org-riverside',
    questionnaireId: SEED_QUESTIONNAIRE_ID,
  });
}

/** Request headers of a clinician of each seeded organization, signed by `auth`. */
export async function staffHeaders(
  auth: TestAuth,
): Promise<Record<'riverside' | 'lakeside' | 'hillcrest', IncomingHttpHeaders>> {
  return {
    riverside: await auth.headers(staff('org-riverside')),
    lakeside: await auth.headers(staff('org-lakeside')),
    hillcrest: await auth.headers(staff('org-hillcrest')),
  };
}

import {
  pick,
  SEED_EPOCH,
  SEED_ORGANIZATIONS,
  SEED_PATIENT_COUNT,
  seededRandom,
  seedPatientId,
  seedPatientLanguage,
  seedPatientOrganizationId,
} from '@carebridge/common';
import type { Gender } from '../__generated__/schema-types';
import { mrnPrefix } from './organizations';
import type { PatientRecord, ProviderRecord } from './records';
import { InMemoryPatientStore, type InMemoryPatientStoreOptions } from './store';
import { fold } from './text';

/**
 * Deterministic demo data: the same providers and patients on every run, so screenshots, tests
 * and the other subgraphs' seeds (which share patient ids) agree. Every person is fictional:
 * emails use .test/.example domains and phones the 555-01xx range reserved for fiction.
 */

const PROVIDER_NAMES: Record<string, readonly [string, string][]> = {
  'org-riverside': [
    ['Dr. Maya Okafor', 'Family Medicine'],
    ['Dr. Daniel Whitfield', 'Internal Medicine'],
    ['Dr. Lucía Estrada', 'Pediatrics'],
  ],
  'org-lakeside': [
    ['Dr. Samuel Brightwater', 'Family Medicine'],
    ['Dr. Elena Vargas', 'Internal Medicine'],
  ],
  'org-hillcrest': [
    ['Dr. Priya Ramanathan', 'Family Medicine'],
    ['Dr. Thomas Greer', 'Geriatrics'],
  ],
  'org-harbor': [
    ['Dr. Amara Lindgren', 'Family Medicine'],
    ['Dr. Rafael Quiñones', 'Internal Medicine'],
  ],
};

export const SEED_PROVIDERS: readonly ProviderRecord[] = SEED_ORGANIZATIONS.flatMap((org, o) =>
  (PROVIDER_NAMES[org.id] ?? []).map(([displayName, specialty], p): ProviderRecord => {
    const slug = org.id.replace(/^org-/, '');
    return {
      id: `prov-${slug}-${p + 1}`,
      organizationId: org.id,
      displayName,
      npi: `19${String(o + 1).padStart(2, '0')}${String(p + 1).padStart(2, '0')}0000`,
      specialty,
    };
  }),
);

const FIRST = {
  FEMALE: ['Emma', 'Olivia', 'Grace', 'Hannah', 'Chloe', 'Abigail', 'Ruth', 'Naomi', 'Ada', 'Ivy'],
  MALE: ['Liam', 'Noah', 'Ethan', 'Owen', 'Henry', 'Caleb', 'Isaac', 'Arthur', 'Miles', 'Felix'],
  NEUTRAL: ['Alex', 'Jordan', 'Riley', 'Sam', 'Casey', 'Rowan', 'Quinn', 'Avery'],
};
const FIRST_ES = {
  FEMALE: ['María', 'Lucía', 'Sofía', 'Valentina', 'Camila', 'Ana María', 'Guadalupe', 'Inés', 'Rocío', 'Paloma'],
  MALE: ['José', 'Mateo', 'Santiago', 'Diego', 'Alejandro', 'Juan Pablo', 'Andrés', 'Joaquín', 'Tomás', 'Emilio'],
  NEUTRAL: ['Ariel', 'Guadalupe', 'Cruz', 'Reyes'],
};
const LAST = [
  'Whitaker',
  'Holloway',
  'Brennan',
  'Fairbanks',
  'Calloway',
  'Ashford',
  "O'Connell",
  'Lindqvist',
  'Nakamura',
  'Mbeki',
  'Kowalski',
  'Smith-Jones',
  'Pemberton',
  'Adeyemi',
  'Thornton',
];
const LAST_ES = [
  'García',
  'Hernández',
  'Martínez',
  'López',
  'González',
  'Ramírez',
  'Flores',
  'Castillo',
  'Núñez',
  'Ortega',
  'Peña',
  'García López',
  'De la Cruz',
  'Ibáñez',
];
const STREETS = [
  'Maple Ave',
  'Harbor St',
  'Cedar Ln',
  'Sunset Blvd',
  'Calle Luna',
  'Willow Way',
  'Orchard Rd',
  'River Bend Dr',
];
const CITIES: readonly [string, string, string][] = [
  ['Springfield', 'IL', '62701'],
  ['Riverton', 'WY', '82501'],
  ['Fairview', 'OR', '97024'],
  ['Lakewood', 'CO', '80226'],
  ['San Marcos', 'TX', '78666'],
];
const AREA_CODES = ['312', '415', '512', '720', '503'];
const INSURERS = ['Blue Harbor Health', 'Summit Mutual', 'Evergreen Care Plan', 'Northstar Health Partners'];
const RELATIONSHIPS = ['spouse', 'parent', 'sibling', 'child', 'friend'];

function seedGender(i: number, random: () => number): Gender {
  // Fixed slots guarantee all four genders appear whatever the random draws.
  if (i % 37 === 5) return 'OTHER';
  if (i % 41 === 9) return 'UNKNOWN';
  return random() < 0.5 ? 'FEMALE' : 'MALE';
}

function fictionalPhone(random: () => number): string {
  return `+1${pick(random, AREA_CODES)}5550${100 + Math.floor(random() * 100)}`;
}

function birthDate(epoch: Date, random: () => number): string {
  const ageDays = Math.floor(random() * 96 * 365.25);
  return new Date(epoch.getTime() - ageDays * 86_400_000).toISOString().slice(0, 10);
}

export function seedPatients(): PatientRecord[] {
  const random = seededRandom(20260105);
  const epoch = new Date(SEED_EPOCH);
  const byOrganization = new Map<string, ProviderRecord[]>();
  for (const provider of SEED_PROVIDERS) {
    byOrganization.set(provider.organizationId, [...(byOrganization.get(provider.organizationId) ?? []), provider]);
  }
  return Array.from({ length: SEED_PATIENT_COUNT }, (_, i): PatientRecord => {
    const organizationId = seedPatientOrganizationId(i);
    const preferredLanguage = seedPatientLanguage(i);
    const gender = seedGender(i, random);
    const hispanic = preferredLanguage === 'ES' || random() < 0.25;
    const firstNames = hispanic ? FIRST_ES : FIRST;
    const firstName = pick(
      random,
      gender === 'FEMALE' ? firstNames.FEMALE : gender === 'MALE' ? firstNames.MALE : firstNames.NEUTRAL,
    );
    const lastName = pick(random, hispanic ? LAST_ES : LAST);
    const [city, state, postalCode] = pick(random, CITIES);
    const physicians = byOrganization.get(organizationId) ?? [];
    const emailLocal = `${fold(firstName)}.${fold(lastName)}`.replace(/[^a-z.]/g, '');
    // Registered one minute apart, in id order, from the seed epoch.
    const createdAt = new Date(epoch.getTime() + i * 60_000).toISOString();
    return {
      id: seedPatientId(i),
      organizationId,
      mrn: `${mrnPrefix(organizationId)}-${String(i + 1).padStart(6, '0')}`,
      firstName,
      lastName,
      gender,
      dateOfBirth: birthDate(epoch, random),
      phone: random() < 0.85 ? fictionalPhone(random) : null,
      email: random() < 0.75 ? `${emailLocal}${i + 1}@${random() < 0.5 ? 'example.test' : 'mail.example'}` : null,
      address:
        random() < 0.8
          ? {
              line1: `${100 + Math.floor(random() * 9800)} ${pick(random, STREETS)}`,
              line2: random() < 0.2 ? `Apt ${1 + Math.floor(random() * 40)}` : null,
              city,
              state,
              postalCode,
              country: 'US',
            }
          : null,
      emergencyContact:
        random() < 0.7
          ? {
              name: `${pick(random, hispanic ? FIRST_ES.FEMALE : FIRST.FEMALE)} ${lastName}`,
              relationship: pick(random, RELATIONSHIPS),
              phone: fictionalPhone(random),
            }
          : null,
      insurance:
        random() < 0.8
          ? {
              provider: pick(random, INSURERS),
              policyNumber: `POL-${String(Math.floor(random() * 1e8)).padStart(8, '0')}`,
            }
          : null,
      primaryCarePhysicianId: physicians.length > 0 && random() < 0.85 ? pick(random, physicians).id : null,
      preferredLanguage,
      version: 1,
      createdAt,
      updatedAt: createdAt,
    };
  });
}

/** A store holding the seed providers and patients; what the service serves by default. */
export function createSeededStore(options: Omit<InMemoryPatientStoreOptions, 'providers'> = {}): InMemoryPatientStore {
  const store = new InMemoryPatientStore({ ...options, providers: SEED_PROVIDERS });
  store.load(seedPatients());
  return store;
}

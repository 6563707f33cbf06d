import type { Language } from './language';

/**
 * Identities shared by the seed data of several subgraphs. Each subgraph seeds its own store, but
 * a seeded patient must be the same patient (same id, organization and language) everywhere, so
 * the facts they share are defined once here. All data is fictional.
 */

export const EHR_SYSTEM_IDS = { athena: 'ehr-athena', allscripts: 'ehr-allscripts', fhir: 'ehr-fhir' } as const;

export interface SeedOrganization {
  id: string;
  name: string;
  kind: 'HOSPITAL' | 'CLINIC';
  ehrSystemId: string;
}

export const SEED_ORGANIZATIONS: readonly SeedOrganization[] = [
  { id: 'org-riverside', name: 'Riverside Hospital', kind: 'HOSPITAL', ehrSystemId: EHR_SYSTEM_IDS.athena },
  { id: 'org-lakeside', name: 'Lakeside Clinic', kind: 'CLINIC', ehrSystemId: EHR_SYSTEM_IDS.allscripts },
  { id: 'org-hillcrest', name: 'Hillcrest Family Practice', kind: 'CLINIC', ehrSystemId: EHR_SYSTEM_IDS.athena },
  { id: 'org-harbor', name: 'Harbor Community Health', kind: 'CLINIC', ehrSystemId: EHR_SYSTEM_IDS.fhir },
];

export const SEED_PATIENT_COUNT = 270;

/** Harbor's patients come after the first three organizations' 240, so those keep their numbers. */
const FIRST_HARBOR_PATIENT = 240;

export function seedPatientId(index: number): string {
  return `pt-${String(index + 1).padStart(5, '0')}`;
}

/** Of the first 240, Riverside gets half the patients, Lakeside a third, Hillcrest the rest; then Harbor 30. */
export function seedPatientOrganizationId(index: number): string {
  if (index >= FIRST_HARBOR_PATIENT) return SEED_ORGANIZATIONS[3]!.id;
  const slot = index % 6;
  return SEED_ORGANIZATIONS[slot < 3 ? 0 : slot < 5 ? 1 : 2]!.id;
}

/** One seeded patient in three prefers Spanish. */
export function seedPatientLanguage(index: number): Language {
  return index % 3 === 1 ? 'ES' : 'EN';
}

/** The intake questionnaire every subgraph's seed refers to. */
export const SEED_QUESTIONNAIRE_ID = 'qn-intake-v1';

/** The instant the seed data pretends to have been created at, so runs are reproducible. */
export const SEED_EPOCH = '2026-01-05T09:00:00.000Z';

/** Small deterministic pseudo-random generator (mulberry32), so seed data is the same every run. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

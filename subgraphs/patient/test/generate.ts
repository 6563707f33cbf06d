import { pick, seededRandom, SEED_ORGANIZATIONS } from '@carebridge/common';
import type { PatientRecord } from '../src/data/records';
import { SEED_PROVIDERS } from '../src/data/seed';

const FIRST = ['Ada', 'Alma', 'Bruno', 'Carmen', 'Dario', 'Elena', 'Felix', 'Gloria', 'Hugo', 'Iris', 'Jorge', 'Karla'];
const LAST = ['Abbott', 'Barrios', 'Castro', 'Duarte', 'Ellis', 'Fuentes', 'Garza', 'Hale', 'Ibarra', 'Jensen', 'Kerr'];

/**
 * `count` deterministic patients spread over the seed organizations, for scale tests and the
 * benchmark. Names repeat on purpose so searches return many matches, as they do in real lists.
 */
export function generatePatients(count: number, seed = 7): PatientRecord[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, (_, i): PatientRecord => {
    const organization = SEED_ORGANIZATIONS[i % SEED_ORGANIZATIONS.length] ?? { id: 'org-riverside' };
    const physicians = SEED_PROVIDERS.filter((p) => p.organizationId === organization.id);
    const firstName = pick(random, FIRST);
    const lastName = `${pick(random, LAST)}${Math.floor(random() * 50)}`;
    return {
      id: `gen-${String(i).padStart(6, '0')}`,
      organizationId: organization.id,
      mrn: `GEN-${i}`,
      firstName,
      lastName,
      gender: random() < 0.5 ? 'FEMALE' : 'MALE',
      dateOfBirth: '1990-01-01',
      phone: null,
      email: random() < 0.5 ? `${firstName.toLowerCase()}${i}@example.test` : null,
      address: null,
      emergencyContact: null,
      insurance: null,
      primaryCarePhysicianId: random() < 0.8 ? pick(random, physicians).id : null,
      preferredLanguage: 'EN',
      version: 1,
      createdAt: '2026-01-05T09:00:00.000Z',
      updatedAt: '2026-01-05T09:00:00.000Z',
    };
  });
}

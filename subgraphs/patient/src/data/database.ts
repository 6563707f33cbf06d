import type { Logger } from '@carebridge/common';
import { openDatabase, type Database, type OutboxTable } from '@carebridge/db';
import type { Generated } from 'kysely';
import { patientMigrations } from './migrations';

/** The patient schema's tables as Kysely sees them (timestamps as ISO strings, see @carebridge/db). */
export interface PatientTables extends OutboxTable {
  patient: {
    id: string;
    organization_id: string;
    mrn: string;
    first_name: string;
    last_name: string;
    gender: string;
    /** YYYY-MM-DD (the `date` type, read as text). */
    date_of_birth: string;
    phone: string | null;
    email: string | null;
    address: unknown;
    emergency_contact: unknown;
    insurance: unknown;
    primary_care_physician_id: string | null;
    preferred_language: string;
    version: number;
    created_at: string;
    updated_at: string;
    /** The list order's folded names (`patientSortKey`), written by the store with the row. */
    sort_last: string;
    sort_first: string;
  };
  /**
   * The search index: one row per (token, patient), `searchTokens` of the patient, with the
   * patient's organization and list-order names (`patientSortKey`), written with the tokens.
   */
  patient_search_token: {
    token: string;
    patient_id: string;
    organization_id: string;
    sort_last: string;
    sort_first: string;
  };
  provider: {
    id: string;
    organization_id: string;
    display_name: string;
    npi: string;
    specialty: string;
  };
  /** The next generated MRN number per organization; only grows, as `MrnIndex`'s does. */
  mrn_counter: { organization_id: string; next_number: number };
  /** One row once the seed data was written: a restart (or a second replica) never writes it again. */
  seed_state: { name: string; seeded_at: Generated<string> };
}

export type PatientDatabase = Database<PatientTables>;

/** The patient service's PostgreSQL: its own schema, migrated to the latest version before use. */
export function openPatientDatabase(options: {
  url: string;
  schema: string;
  logger?: Logger;
  poolSize?: number;
}): Promise<PatientDatabase> {
  return openDatabase<PatientTables>({ ...options, migrations: patientMigrations });
}

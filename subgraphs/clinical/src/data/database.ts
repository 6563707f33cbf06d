import type { Language, LocalizedText, Logger } from '@carebridge/common';
import { openDatabase, type Database, type OutboxTable } from '@carebridge/db';
import type { ColumnType, Generated } from 'kysely';
import type { QuestionnaireStatus } from '../__generated__/schema-types';
import { clinicalMigrations } from './migrations';
import type { QuestionnaireItemRecord, StoredAnswer } from './records';

/** A jsonb column: read as the value, written as its JSON text (pg would write an array as a SQL array). */
type Json<T> = ColumnType<T, string, string>;

/** The clinical schema's tables as Kysely sees them (timestamps read as ISO strings, see @carebridge/db). */
export interface ClinicalTables extends OutboxTable {
  questionnaire: {
    id: string;
    organization_id: string | null;
    name: string;
    version: number;
    status: QuestionnaireStatus;
    title: Json<LocalizedText>;
    items: Json<QuestionnaireItemRecord[]>;
    published_at: string;
  };
  questionnaire_response: {
    seq: Generated<number>;
    id: string;
    patient_id: string;
    organization_id: string;
    questionnaire_id: string;
    language: Language;
    answers: Json<StoredAnswer[]>;
    submitted_at: string;
    submitted_by: string;
  };
  /** Null once the response it stored was erased with its patient: the link stays used. */
  used_intake_link: { link_id: string; response_id: string | null };
  deleted_patient: { patient_id: string; organization_id: string; deleted_at: string };
}

export type ClinicalDatabase = Database<ClinicalTables>;

/** The clinical service's PostgreSQL: its own schema, migrated to the latest version before use. */
export function openClinicalDatabase(options: {
  url: string;
  schema: string;
  logger?: Logger;
  poolSize?: number;
}): Promise<ClinicalDatabase> {
  return openDatabase<ClinicalTables>({ ...options, migrations: clinicalMigrations });
}

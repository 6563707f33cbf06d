import { openDatabase, type Database } from '@carebridge/db';
import type { Logger } from '@carebridge/common';
import type { ColumnType, Generated } from 'kysely';
import { ehrMigrations } from './migrations';

/** The ehr schema's tables as Kysely sees them (timestamps read as ISO strings, see @carebridge/db). */
export interface EhrTables {
  ehr_transaction: {
    seq: Generated<number>;
    id: string;
    organization_id: string;
    patient_id: string;
    ehr_system_id: string;
    endpoint: string;
    creates_patient: boolean;
    method: string;
    mapping_version: number;
    status: string;
    trigger: string;
    attempts: number;
    next_attempt_at: string | null;
    last_error: string | null;
    idempotency_key: string;
    ehr_patient_id: string | null;
    payload: unknown;
    source: unknown;
    replay_of: string | null;
    created_at: string;
    updated_at: string;
    delivered_at: string | null;
    claimed_by: string | null;
    locked_until: string | null;
    traceparent: ColumnType<string | null, string | null | undefined, string | null>;
  };
  ehr_patient: { ehr_system_id: string; patient_id: string; ehr_patient_id: string };
  processed_event: { event_id: string; processed_at: Generated<string> };
  ehr_system: {
    id: string;
    name: string;
    base_url: string;
    endpoints: unknown;
    shared: Generated<boolean>;
    owner_organization_id: string | null;
    kind: Generated<string>;
  };
  organization: { id: string; name: string; kind: string; ehr_system_id: string };
  mapping_version: {
    id: Generated<number>;
    ehr_system_id: string;
    organization_id: string | null;
    version: number;
    published_at: string;
    published_by: string;
    note: string | null;
    restored_from: number | null;
    fields: unknown;
  };
  snapshot: {
    patient_id: string;
    organization_id: string;
    patient: unknown;
    answers: unknown;
    primary_care_physician_id: string | null;
    deleted: boolean;
    questionnaire: ColumnType<unknown, string | null | undefined, string | null>;
  };
  alert_rule: {
    id: string;
    organization_id: string;
    kind: string;
    ehr_system_id: string | null;
    window_minutes: number;
    threshold: number;
    time_zone: string;
    workday_start_hour: number;
    workday_end_hour: number;
    webhook_url: string | null;
    webhook_secret: string;
    created_at: string;
    updated_at: string;
  };
  alert: {
    id: string;
    organization_id: string;
    rule_id: string;
    kind: string;
    ehr_system_id: string | null;
    status: string;
    value: number;
    opened_at: string;
    acknowledged_at: string | null;
    acknowledged_by: string | null;
    resolved_at: string | null;
    notification_error: string | null;
  };
  alert_notification: {
    id: string;
    alert_id: string;
    rule_id: string;
    organization_id: string;
    transition: string;
    status: string;
    attempts: number;
    next_attempt_at: string;
    created_at: string;
  };
  snapshot_event: { event_id: string; had_record: boolean; applied_at: Generated<string> };
}

export type EhrDatabase = Database<EhrTables>;

/** The ehr service's PostgreSQL: its own schema, migrated to the latest version before use. */
export function openEhrDatabase(options: {
  url: string;
  schema: string;
  logger?: Logger;
  poolSize?: number;
}): Promise<EhrDatabase> {
  return openDatabase<EhrTables>({ ...options, migrations: ehrMigrations });
}

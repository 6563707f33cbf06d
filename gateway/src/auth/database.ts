import { openDatabase, type Database } from '@carebridge/db';
import type { Logger } from '@carebridge/common';
import type { Generated } from 'kysely';
import type { JWK } from 'jose';
import { gatewayMigrations } from './migrations';

/** The gateway schema's tables as Kysely sees them (timestamptz as ISO strings, bigint as numbers). */
export interface GatewayTables {
  account: {
    id: string;
    email: string;
    name: string;
    password_hash: string;
    organization_id: string;
    role: string;
    created_at: string;
  };
  session: {
    id: string;
    user_id: string;
    current_secret_hash: string;
    used_secret_hashes: string[];
    expires_at: number;
    last_used_at: number;
    revoked: boolean;
    /** The last rotation (0002_refresh_grace): null before the first. */
    previous_secret_hash: string | null;
    rotated_at: number | null;
    sealed_successor: string | null;
  };
  invite: {
    code: string;
    organization_id: string;
    role: string;
    created_by: string;
    expires_at: number;
    used_at: number | null;
  };
  /** Short intake links (0004_intake_links). */
  intake_link: {
    id_hash: string;
    link_id: string;
    patient_id: string;
    organization_id: string;
    questionnaire_id: string;
    organization_name: string | null;
    expires_at: number;
  };
  signing_key: { kid: string; private_jwk: JWK; created_at: Generated<string> };
}

export type GatewayDatabase = Database<GatewayTables>;

/** The gateway's PostgreSQL: its own schema (`schemaName('gateway', env)`), migrated before use. */
export function openGatewayDatabase(options: {
  url: string;
  schema: string;
  logger?: Logger;
  poolSize?: number;
}): Promise<GatewayDatabase> {
  return openDatabase<GatewayTables>({ ...options, migrations: gatewayMigrations });
}

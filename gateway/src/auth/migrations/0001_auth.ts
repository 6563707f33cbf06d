import { sql, type Kysely, type Migration } from 'kysely';

/** Accounts, sessions, invites and the generated signing keys. Times kept as epoch ms (the records' own form). */
export const authTables: Migration = {
  async up(db: Kysely<unknown>) {
    const statements = [
      `CREATE TABLE account (
        id text PRIMARY KEY,
        email text NOT NULL,
        name text NOT NULL,
        password_hash text NOT NULL,
        organization_id text NOT NULL,
        role text NOT NULL CHECK (role IN ('ADMIN', 'CLINICIAN')),
        created_at timestamptz NOT NULL
      )`,
      // Unique whatever the case, as the in-memory store has it: the constraint, not a prior read,
      // is what keeps two concurrent sign-ups of one email from both succeeding.
      `CREATE UNIQUE INDEX account_email ON account (lower(email))`,
      `CREATE TABLE session (
        id text PRIMARY KEY,
        user_id text NOT NULL,
        current_secret_hash text NOT NULL,
        -- A session refreshes every few minutes for at most 12 hours: a short array.
        used_secret_hashes text[] NOT NULL DEFAULT '{}',
        expires_at bigint NOT NULL,
        last_used_at bigint NOT NULL,
        revoked boolean NOT NULL DEFAULT false
      )`,
      `CREATE INDEX session_expires ON session (expires_at)`,
      `CREATE TABLE invite (
        code text PRIMARY KEY,
        organization_id text NOT NULL,
        role text NOT NULL CHECK (role IN ('ADMIN', 'CLINICIAN')),
        created_by text NOT NULL,
        expires_at bigint NOT NULL,
        used_at bigint
      )`,
      // Secret material: the private JWKs of keys the gateway generated because AUTH_SIGNING_KEYS
      // is not set (see keys.ts). Newest first by created_at.
      `CREATE TABLE signing_key (
        kid text PRIMARY KEY,
        private_jwk jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`,
    ];
    for (const statement of statements) await sql.raw(statement).execute(db);
  },
};

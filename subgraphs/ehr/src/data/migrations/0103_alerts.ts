import { sql, type Kysely, type Migration } from 'kysely';

/**
 * Alerts (`src/alerts/`): each organization's rules and the alerts they raise, at most one current
 * (OPEN or ACKNOWLEDGED) per rule, which the partial unique index enforces across replicas; the
 * webhook notifications still to send, one per alert and transition; and
 * the indexes the rules' figures are read through (`PostgresTransactionStore.activity`): an
 * organization's transactions by their latest change, and its open ones.
 */
export const alerts: Migration = {
  async up(db: Kysely<unknown>) {
    const statements = [
      `CREATE INDEX ehr_transaction_organization_updated ON ehr_transaction (organization_id, updated_at)`,
      `CREATE INDEX ehr_transaction_organization_open ON ehr_transaction (organization_id, created_at)
        WHERE status IN ('PENDING', 'FAILED')`,
      `CREATE TABLE alert_rule (
        id text PRIMARY KEY,
        organization_id text NOT NULL,
        kind text NOT NULL,
        ehr_system_id text,
        window_minutes integer NOT NULL,
        threshold double precision NOT NULL,
        time_zone text NOT NULL,
        workday_start_hour integer NOT NULL,
        workday_end_hour integer NOT NULL,
        webhook_url text,
        webhook_secret text NOT NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL
      )`,
      `CREATE INDEX alert_rule_organization ON alert_rule (organization_id, created_at, id)`,
      `CREATE TABLE alert (
        id text PRIMARY KEY,
        organization_id text NOT NULL,
        rule_id text NOT NULL,
        kind text NOT NULL,
        ehr_system_id text,
        status text NOT NULL,
        value double precision NOT NULL,
        opened_at timestamptz NOT NULL,
        acknowledged_at timestamptz,
        acknowledged_by text,
        resolved_at timestamptz,
        notification_error text
      )`,
      `CREATE UNIQUE INDEX alert_current_per_rule ON alert (rule_id) WHERE status <> 'RESOLVED'`,
      `CREATE INDEX alert_organization ON alert (organization_id, opened_at DESC, id DESC)`,
      `CREATE TABLE alert_notification (
        id text PRIMARY KEY,
        alert_id text NOT NULL REFERENCES alert (id),
        rule_id text NOT NULL,
        organization_id text NOT NULL,
        transition text NOT NULL,
        status text NOT NULL,
        attempts integer NOT NULL,
        next_attempt_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL,
        UNIQUE (alert_id, transition)
      )`,
      `CREATE INDEX alert_notification_due ON alert_notification (next_attempt_at) WHERE status = 'PENDING'`,
    ];
    for (const statement of statements) await sql.raw(statement).execute(db);
  },
};

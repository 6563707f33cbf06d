import { sql, type Kysely, type Migration } from 'kysely';

const OPEN = `status IN ('PENDING', 'FAILED')`;

/** Delivery's queue: the transactions, the EHRs' patient ids, and the change events already applied. */
export const deliveryQueue: Migration = {
  async up(db: Kysely<unknown>) {
    const statements = [
      `CREATE TABLE ehr_transaction (
        -- Insertion order: lane order (see the store), and the tie-break of equal creation times.
        seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        id text NOT NULL UNIQUE,
        organization_id text NOT NULL,
        patient_id text NOT NULL,
        ehr_system_id text NOT NULL,
        endpoint text NOT NULL,
        creates_patient boolean NOT NULL,
        method text NOT NULL,
        mapping_version integer NOT NULL,
        status text NOT NULL CHECK (status IN ('PENDING', 'FAILED', 'DELIVERED', 'DEAD')),
        trigger text NOT NULL,
        attempts integer NOT NULL,
        next_attempt_at timestamptz,
        last_error text,
        idempotency_key text NOT NULL,
        ehr_patient_id text,
        payload jsonb NOT NULL,
        source jsonb NOT NULL,
        replay_of text UNIQUE,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        delivered_at timestamptz,
        -- The claim: which store instance holds it, until when.
        claimed_by text,
        locked_until timestamptz
      )`,
      // The queue: open transactions oldest first, each lane's head, and a patient's creating requests.
      `CREATE INDEX ehr_transaction_open ON ehr_transaction (seq) WHERE ${OPEN}`,
      `CREATE INDEX ehr_transaction_lane ON ehr_transaction (ehr_system_id, patient_id, endpoint, seq) WHERE ${OPEN}`,
      `CREATE INDEX ehr_transaction_creating ON ehr_transaction (ehr_system_id, patient_id, seq)
        WHERE ${OPEN} AND creates_patient`,
      // The monitor's reads: newest first per patient and per organization.
      `CREATE INDEX ehr_transaction_patient ON ehr_transaction (patient_id, created_at DESC, seq DESC)`,
      `CREATE INDEX ehr_transaction_organization ON ehr_transaction (organization_id, created_at DESC, seq DESC)`,
      `CREATE TABLE ehr_patient (
        ehr_system_id text NOT NULL,
        patient_id text NOT NULL,
        ehr_patient_id text NOT NULL,
        PRIMARY KEY (ehr_system_id, patient_id)
      )`,
      `CREATE TABLE processed_event (
        event_id text PRIMARY KEY,
        processed_at timestamptz NOT NULL DEFAULT now()
      )`,
    ];
    for (const statement of statements) await sql.raw(statement).execute(db);
  },
};

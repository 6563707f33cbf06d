import { sql, type Kysely, type Migration } from 'kysely';

/**
 * Questionnaire versions, responses and used intake links. The constraints are the rules the
 * in-memory store checks by hand, so two replicas cannot break them between them: one row per
 * (name, version) and at most one ACTIVE version per name; a response answers an existing version;
 * an intake link answers once (its primary key). A version's content and a response never change
 * once stored (the triggers): only a version's status moves from ACTIVE to RETIRED.
 */
export const questionnairesAndResponses: Migration = {
  async up(db: Kysely<unknown>) {
    const statements = [
      `CREATE TABLE questionnaire (
        id text PRIMARY KEY,
        organization_id text,
        name text NOT NULL,
        version integer NOT NULL CHECK (version >= 1),
        status text NOT NULL CHECK (status IN ('ACTIVE', 'RETIRED')),
        title jsonb NOT NULL,
        items jsonb NOT NULL,
        published_at timestamptz NOT NULL,
        CONSTRAINT questionnaire_name_version UNIQUE (name, version)
      )`,
      `CREATE UNIQUE INDEX questionnaire_one_active ON questionnaire (name) WHERE status = 'ACTIVE'`,
      `CREATE FUNCTION questionnaire_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF (NEW.id, NEW.organization_id, NEW.name, NEW.version, NEW.title, NEW.items, NEW.published_at)
            IS DISTINCT FROM
           (OLD.id, OLD.organization_id, OLD.name, OLD.version, OLD.title, OLD.items, OLD.published_at)
           OR (NEW.status <> OLD.status AND NEW.status <> 'RETIRED') THEN
          RAISE EXCEPTION 'a published questionnaire version is immutable' USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
      END $$`,
      `CREATE TRIGGER questionnaire_immutable BEFORE UPDATE ON questionnaire
        FOR EACH ROW EXECUTE FUNCTION questionnaire_immutable()`,
      `CREATE TABLE questionnaire_response (
        -- Insertion order: among responses submitted at the same instant, the later stored is newer.
        seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
        id text PRIMARY KEY,
        patient_id text NOT NULL,
        organization_id text NOT NULL,
        questionnaire_id text NOT NULL REFERENCES questionnaire (id),
        language text NOT NULL CHECK (language IN ('EN', 'ES')),
        answers jsonb NOT NULL CHECK (jsonb_typeof(answers) = 'array'),
        submitted_at timestamptz NOT NULL,
        submitted_by text NOT NULL
      )`,
      // A patient's responses, newest first: history, events and the tenant checks read them.
      `CREATE INDEX questionnaire_response_patient ON questionnaire_response (patient_id, submitted_at DESC, seq DESC)`,
      `CREATE FUNCTION questionnaire_response_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'a stored questionnaire response is immutable' USING ERRCODE = 'check_violation';
      END $$`,
      `CREATE TRIGGER questionnaire_response_immutable BEFORE UPDATE ON questionnaire_response
        FOR EACH ROW EXECUTE FUNCTION questionnaire_response_immutable()`,
      `CREATE TABLE used_intake_link (
        link_id text PRIMARY KEY,
        response_id text NOT NULL UNIQUE REFERENCES questionnaire_response (id)
      )`,
    ];
    for (const statement of statements) await sql.raw(statement).execute(db);
  },
};

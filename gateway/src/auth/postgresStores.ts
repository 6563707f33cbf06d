import type { Role } from '@carebridge/common';
import { isUniqueViolation } from '@carebridge/db';
import { sql, type Selectable } from 'kysely';
import { EmailTakenError, type AccountStore, type UserRecord } from './accounts';
import type { GatewayDatabase, GatewayTables } from './database';
import type { IntakeLinkRecord, IntakeLinkStore } from './intakeLinks';
import type { InviteRecord, InviteStore } from './invites';
import type { Rotation, SessionRecord, SessionStore } from './sessions';

/**
 * The gateway's stores on PostgreSQL, shared by every replica. Each change is one statement whose
 * condition the database checks, so replicas racing on one row cannot both win: the email's unique
 * index, the refresh's `current_secret_hash = <the exchanged one>`, the invite's `used_at IS NULL`.
 */

function user(row: Selectable<GatewayTables['account']>): UserRecord {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    passwordHash: row.password_hash,
    organizationId: row.organization_id,
    role: row.role as Role,
    createdAt: row.created_at,
  };
}

export class PostgresAccountStore implements AccountStore {
  constructor(private readonly database: GatewayDatabase) {}

  async userByEmail(email: string): Promise<UserRecord | undefined> {
    const row = await this.database.db
      .selectFrom('account')
      .selectAll()
      // lower(email) is what the unique index holds, so this lookup uses it.
      .where(sql`lower(email)`, '=', email.toLowerCase())
      .executeTakeFirst();
    return row && user(row);
  }

  async userById(id: string): Promise<UserRecord | undefined> {
    const row = await this.database.db.selectFrom('account').selectAll().where('id', '=', id).executeTakeFirst();
    return row && user(row);
  }

  async addUser(record: UserRecord): Promise<void> {
    try {
      await this.database.db
        .insertInto('account')
        .values({
          id: record.id,
          email: record.email.toLowerCase(),
          name: record.name,
          password_hash: record.passwordHash,
          organization_id: record.organizationId,
          role: record.role,
          created_at: record.createdAt,
        })
        .execute();
    } catch (error) {
      if (isUniqueViolation(error, 'account_email')) throw new EmailTakenError();
      throw error;
    }
  }
}

export class PostgresSessionStore implements SessionStore {
  constructor(private readonly database: GatewayDatabase) {}

  async session(id: string): Promise<SessionRecord | undefined> {
    const row = await this.database.db.selectFrom('session').selectAll().where('id', '=', id).executeTakeFirst();
    return (
      row && {
        id: row.id,
        userId: row.user_id,
        currentSecretHash: row.current_secret_hash,
        usedSecretHashes: new Set(row.used_secret_hashes),
        expiresAt: row.expires_at,
        lastUsedAt: row.last_used_at,
        revoked: row.revoked,
        previous:
          row.previous_secret_hash === null || row.rotated_at === null || row.sealed_successor === null
            ? null
            : {
                secretHash: row.previous_secret_hash,
                rotatedAt: row.rotated_at,
                sealedSuccessor: row.sealed_successor,
              },
      }
    );
  }

  async addSession(session: SessionRecord): Promise<void> {
    await this.database.db
      .insertInto('session')
      .values({
        id: session.id,
        user_id: session.userId,
        current_secret_hash: session.currentSecretHash,
        used_secret_hashes: [...session.usedSecretHashes],
        expires_at: session.expiresAt,
        last_used_at: session.lastUsedAt,
        revoked: session.revoked,
        previous_secret_hash: session.previous?.secretHash ?? null,
        rotated_at: session.previous?.rotatedAt ?? null,
        sealed_successor: session.previous?.sealedSuccessor ?? null,
      })
      .execute();
  }

  async rotate(id: string, change: Rotation): Promise<boolean> {
    const result = await this.database.db
      .updateTable('session')
      .set({
        current_secret_hash: change.currentSecretHash,
        used_secret_hashes: sql<string[]>`array_append(used_secret_hashes, ${change.usedSecretHash})`,
        last_used_at: change.lastUsedAt,
        previous_secret_hash: change.usedSecretHash,
        rotated_at: change.lastUsedAt,
        sealed_successor: change.sealedSuccessor,
      })
      .where('id', '=', id)
      .where('current_secret_hash', '=', change.usedSecretHash)
      .where('revoked', '=', false)
      .executeTakeFirst();
    return result.numUpdatedRows === 1n;
  }

  async revoke(id: string): Promise<void> {
    await this.database.db.updateTable('session').set({ revoked: true }).where('id', '=', id).execute();
  }
}

function invite(row: Selectable<GatewayTables['invite']>): InviteRecord {
  return {
    code: row.code,
    organizationId: row.organization_id,
    role: row.role as Role,
    createdBy: row.created_by,
    expiresAt: row.expires_at,
    usedAt: row.used_at,
  };
}

export class PostgresInviteStore implements InviteStore {
  constructor(private readonly database: GatewayDatabase) {}

  async invite(code: string): Promise<InviteRecord | undefined> {
    const row = await this.database.db.selectFrom('invite').selectAll().where('code', '=', code).executeTakeFirst();
    return row && invite(row);
  }

  async addInvite(record: InviteRecord): Promise<void> {
    await this.database.db
      .insertInto('invite')
      .values({
        code: record.code,
        organization_id: record.organizationId,
        role: record.role,
        created_by: record.createdBy,
        expires_at: record.expiresAt,
        used_at: record.usedAt,
      })
      .execute();
  }

  async claim(code: string, at: number): Promise<InviteRecord | undefined> {
    const row = await this.database.db
      .updateTable('invite')
      .set({ used_at: at })
      .where('code', '=', code)
      .where('used_at', 'is', null)
      .where('expires_at', '>', at)
      .returningAll()
      .executeTakeFirst();
    return row && invite(row);
  }

  async pending(organizationId: string, at: number): Promise<InviteRecord[]> {
    const rows = await this.database.db
      .selectFrom('invite')
      .selectAll()
      .where('organization_id', '=', organizationId)
      .where('used_at', 'is', null)
      .where('expires_at', '>', at)
      .orderBy('expires_at', 'desc')
      .orderBy('code')
      .execute();
    return rows.map(invite);
  }

  async revoke(code: string, organizationId: string): Promise<boolean> {
    const result = await this.database.db
      .deleteFrom('invite')
      .where('code', '=', code)
      .where('organization_id', '=', organizationId)
      .where('used_at', 'is', null)
      .executeTakeFirst();
    return result.numDeletedRows === 1n;
  }
}

export class PostgresIntakeLinkStore implements IntakeLinkStore {
  constructor(private readonly database: GatewayDatabase) {}

  async addIntakeLink(link: IntakeLinkRecord): Promise<void> {
    await this.database.db
      .insertInto('intake_link')
      .values({
        id_hash: link.idHash,
        link_id: link.linkId,
        patient_id: link.patientId,
        organization_id: link.organizationId,
        questionnaire_id: link.questionnaireId,
        organization_name: link.organizationName,
        expires_at: link.expiresAt,
      })
      .execute();
  }

  async intakeLink(idHash: string): Promise<IntakeLinkRecord | undefined> {
    const row = await this.database.db
      .selectFrom('intake_link')
      .selectAll()
      .where('id_hash', '=', idHash)
      .executeTakeFirst();
    return (
      row && {
        idHash: row.id_hash,
        linkId: row.link_id,
        patientId: row.patient_id,
        organizationId: row.organization_id,
        questionnaireId: row.questionnaire_id,
        organizationName: row.organization_name,
        expiresAt: row.expires_at,
      }
    );
  }
}

/** The gateway's stores over one database. */
export function postgresStores(database: GatewayDatabase) {
  return {
    accounts: new PostgresAccountStore(database),
    sessions: new PostgresSessionStore(database),
    invites: new PostgresInviteStore(database),
    intakeLinks: new PostgresIntakeLinkStore(database),
  };
}
